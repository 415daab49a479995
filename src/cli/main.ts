// cleanrooms-iam: the CLI entry (bundled to dist/cli.js). All logic lives in run.ts and the pure modules beside it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HCL_WASM_NAMES, loadHclParser } from '../frontends/hcl-parser';
import type { HclParser } from '../frontends/terraform';
import { run } from './run';

// Output that cannot be written is never a stack trace. `cleanrooms-iam lint . | head`: the reader went away; stop
// quietly with the exit code so far. Any other failure (`> /dev/full`: ENOSPC, EIO, …): one line on stderr, exit 2.
let outputFailed = false;
function onOutputError(e: NodeJS.ErrnoException): void {
  if (outputFailed) return;
  outputFailed = true;
  if (e?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  try {
    process.stderr.write(`cleanrooms-iam: cannot write the output: ${e?.code ?? ''}${e?.code ? ' ' : ''}${e?.message ?? String(e)}\n`);
  } catch {
    // stderr is gone too: nothing left to tell.
  }
  process.exit(2);
}
process.stdout.on('error', onOutputError);
process.stderr.on('error', () => process.exit(2));

const write = (stream: NodeJS.WriteStream, s: string): void => {
  if (outputFailed) return;
  try {
    stream.write(s);
  } catch (e) {
    onOutputError(e as NodeJS.ErrnoException);
  }
};

/** The parser's WebAssembly: next to dist/cli.js, or (run from the sources) in node_modules. */
function hclFiles(): { runtime: string; grammar: string } {
  const here = { runtime: join(__dirname, HCL_WASM_NAMES.runtime), grammar: join(__dirname, HCL_WASM_NAMES.grammar) };
  if (existsSync(here.runtime) && existsSync(here.grammar)) return here;
  const modules = join(__dirname, '..', '..', 'node_modules');
  return {
    runtime: join(modules, 'web-tree-sitter', HCL_WASM_NAMES.runtime),
    grammar: join(modules, '@tree-sitter-grammars', 'tree-sitter-hcl', HCL_WASM_NAMES.grammar),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Terraform needs the HCL parser (WebAssembly, loaded asynchronously, once): only `lint` reads .tf files.
  let hcl: HclParser | undefined;
  if (argv[0] === 'lint') {
    try {
      hcl = await loadHclParser(hclFiles());
    } catch (e) {
      write(process.stderr, `cleanrooms-iam: the Terraform parser could not be loaded (${(e as Error)?.message ?? String(e)}); .tf files are not checked\n`);
    }
  }
  process.exitCode = run(argv, {
    stdout: (s) => write(process.stdout, s),
    stderr: (s) => write(process.stderr, s),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    dataDir: __dirname,
    hcl,
  });
}

main().catch((e: unknown) => {
  // Never a stack trace: one line, exit 2.
  write(process.stderr, `cleanrooms-iam: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exitCode = 2;
});
