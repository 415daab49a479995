// Command-line parsing for `cleanrooms-iam`. Pure: takes argv (without node and the script), returns a command or
// throws UsageError with a one-line message.
import { CHECK_ROLE_USAGE, parseCheckRole, parseRoles, type CheckRoleCommand, type RolesCommand } from './check-role';

export type LintFormat = 'text' | 'json' | 'sarif';
export type ListFormat = 'text' | 'json';

export type Command =
  | { cmd: 'help' }
  | { cmd: 'version' }
  | {
      cmd: 'lint';
      format: LintFormat;
      /** -1 = no limit. */ maxWarnings: number;
      paths: string[];
      /** Apply the preferred fixes and write the files (`--fix`), or only report what they would change (`--fix-dry-run`). */
      fix?: 'write' | 'dry-run';
    }
  | { cmd: 'aws-commands'; trust: string; permissions: string; roleName?: string; managed: boolean }
  | { cmd: 'templates'; format: ListFormat }
  | { cmd: 'new'; templateId: string; sets: Array<{ name: string; value: string }> }
  | CheckRoleCommand
  | RolesCommand;

export class UsageError extends Error {}

export const USAGE = `Usage: cleanrooms-iam <command> [options]

Commands:
  lint [options] <file|dir>...   Check IAM policies for AWS Clean Rooms: JSON policy files and the policies in
                                 CloudFormation templates (YAML or JSON, CDK output) and Terraform. Directories
                                 are searched for *.json, *.yaml, *.yml, *.template and *.tf files recursively
                                 (node_modules and .git are skipped); only files that hold policies are
                                 reported.
    -f, --format text|json|sarif   Output format (default: text)
    --max-warnings N               Exit 1 when there are more than N warnings (default: no limit)
    --fix                          Apply the preferred fixes (as the editor's Fix All does), write the files
                                   that change, then report the problems that remain
    --fix-dry-run                  As --fix, but write nothing: report what would remain
  aws-commands --trust FILE --permissions FILE [--role-name NAME] [--managed]
                                 Print the aws iam commands that create the role from its trust policy and
                                 its permissions policy (an inline policy; --managed: a customer managed
                                 policy attached to the role). The role name defaults to one the AWS Clean
                                 Rooms managed policies can pass. Exit 1 when a policy has errors.
  templates [--format text|json] List the policy templates in the catalog.
  new <template-id> [--set name=value]...
                                 Print a template's policy with the given placeholder values filled in;
                                 placeholders without a value stay as <name> tokens.
${CHECK_ROLE_USAGE}

Options:
  -h, --help                     Show this help.
  -v, --version                  Show the version and the IAM reference data version.

Exit codes (lint): 0 no errors and warnings within --max-warnings; 1 errors or too many warnings;
2 usage error or a file that cannot be read (not found, unreadable, binary, not UTF-8, too large)
or written (--fix).`;

const HINT = 'Run cleanrooms-iam --help for usage.';

function fail(message: string): never {
  throw new UsageError(`${message}. ${HINT}`);
}

/** Split `--opt=value` into ['--opt', 'value']; other arguments pass through. */
function splitEq(arg: string): [string, string | undefined] {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    if (eq > 2) return [arg.slice(0, eq), arg.slice(eq + 1)];
  }
  return [arg, undefined];
}

export function parseArgs(argv: readonly string[]): Command {
  // Help and version win wherever they appear before a `--`.
  const end = argv.indexOf('--');
  const opts = end < 0 ? argv : argv.slice(0, end);
  if (opts.includes('-h') || opts.includes('--help')) return { cmd: 'help' };
  if (opts.includes('-v') || opts.includes('-V') || opts.includes('--version')) return { cmd: 'version' };

  const [command, ...rest] = argv;
  if (command === undefined) fail('missing command');
  switch (command) {
    case 'help':
      return { cmd: 'help' };
    case 'version':
      return { cmd: 'version' };
    case 'lint':
      return parseLint(rest);
    case 'templates':
      return parseTemplates(rest);
    case 'new':
      return parseNew(rest);
    case 'aws-commands':
      return parseAwsCommands(rest);
    case 'check-role':
      return parseCheckRole(rest);
    case 'roles':
      return parseRoles(rest);
    default:
      if (command.startsWith('-')) fail(`unknown option ${command}`);
      return fail(`unknown command "${command}" (expected lint, templates, new, aws-commands, check-role or roles)`);
  }
}

/**
 * Walk options: calls onOption for each option (with its value taken from `=` or the next argument); a flag (an option
 * without a value) is passed with the value ''.
 */
function walk(
  args: readonly string[],
  takesValue: ReadonlySet<string>,
  onOption: (name: string, value: string) => void,
  onPositional: (arg: string) => void,
  flags: ReadonlySet<string> = new Set(),
): void {
  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      onPositional(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const [name, inline] = splitEq(arg);
    if (flags.has(name)) {
      if (inline !== undefined) fail(`option ${name} takes no value`);
      onOption(name, '');
      continue;
    }
    if (!takesValue.has(name)) fail(`unknown option ${name}`);
    let value = inline;
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) fail(`option ${name} needs a value`);
    }
    onOption(name, value);
  }
}

function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail(`--format must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function parseLint(args: readonly string[]): Command {
  let format: LintFormat = 'text';
  let maxWarnings = -1;
  let fix: 'write' | 'dry-run' | undefined;
  const paths: string[] = [];
  walk(
    args,
    new Set(['-f', '--format', '--max-warnings']),
    (name, value) => {
      if (name === '--fix' || name === '--fix-dry-run') {
        const want = name === '--fix' ? 'write' : 'dry-run';
        if (fix !== undefined && fix !== want) fail('use --fix or --fix-dry-run, not both');
        fix = want;
      } else if (name === '--max-warnings') {
        if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1 || !Number.isSafeInteger(Number(value))) {
          fail(`--max-warnings needs a whole number of 0 or more (or -1 for no limit), not "${value}"`);
        }
        maxWarnings = Number(value);
      } else {
        format = parseFormat(value, ['text', 'json', 'sarif'] as const);
      }
    },
    (p) => {
      if (p === '') fail('an empty path was given');
      paths.push(p);
    },
    new Set(['--fix', '--fix-dry-run']),
  );
  if (!paths.length) fail('lint needs at least one file or directory');
  return { cmd: 'lint', format, maxWarnings, paths, ...(fix ? { fix } : {}) };
}

function parseAwsCommands(args: readonly string[]): Command {
  const given = new Map<string, string>();
  let managed = false;
  walk(
    args,
    new Set(['--trust', '--permissions', '--role-name']),
    (name, value) => {
      if (name === '--managed') {
        managed = true;
        return;
      }
      if (given.has(name)) fail(`${name} is given twice`);
      if (value === '') fail(`${name} needs a non-empty value`);
      given.set(name, value);
    },
    (p) => fail(`aws-commands takes no positional arguments, got "${p}" (use --trust FILE --permissions FILE)`),
    new Set(['--managed']),
  );
  const trust = given.get('--trust');
  const permissions = given.get('--permissions');
  if (trust === undefined) fail("aws-commands needs --trust FILE (the role's trust policy)");
  if (permissions === undefined) fail("aws-commands needs --permissions FILE (the role's permissions policy)");
  const roleName = given.get('--role-name');
  return { cmd: 'aws-commands', trust, permissions, ...(roleName !== undefined ? { roleName } : {}), managed };
}

function parseTemplates(args: readonly string[]): Command {
  let format: ListFormat = 'text';
  walk(
    args,
    new Set(['-f', '--format']),
    (_name, value) => {
      format = parseFormat(value, ['text', 'json'] as const);
    },
    (p) => fail(`templates takes no arguments, got "${p}"`),
  );
  return { cmd: 'templates', format };
}

function parseNew(args: readonly string[]): Command {
  let templateId: string | undefined;
  const sets: Array<{ name: string; value: string }> = [];
  walk(
    args,
    new Set(['--set']),
    (_name, value) => {
      const eq = value.indexOf('=');
      if (eq <= 0) fail(`--set needs name=value, got "${value}"`);
      const name = value
        .slice(0, eq)
        .trim()
        .replace(/^<(.*)>$/, '$1');
      if (sets.some((s) => s.name === name)) fail(`--set ${name} is given twice`);
      sets.push({ name, value: value.slice(eq + 1) });
    },
    (p) => {
      if (templateId !== undefined) fail(`new takes one template id, got "${templateId}" and "${p}"`);
      templateId = p;
    },
  );
  if (templateId === undefined) fail('new needs a template id (see cleanrooms-iam templates)');
  return { cmd: 'new', templateId, sets };
}
