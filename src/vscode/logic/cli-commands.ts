// "Copy AWS CLI Commands" moved to the core (src/fill/aws-commands.ts) so the CLI's `aws-commands` and the extension
// run the same builder; this re-export keeps the adapter's imports stable.
export * from '../../fill/aws-commands';
