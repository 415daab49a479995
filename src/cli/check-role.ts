// `cleanrooms-iam check-role` and `cleanrooms-iam roles`: will AWS Clean Rooms be able to use this role?
// Parsing, the config file (cleanrooms-iam.json), running the check and printing it. Node only (reads files).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLES, roleCheckSpec } from '../catalog';
import { checkRole, RoleCheckError, roleValueNamesAll, type RoleCheckResult } from '../evaluate/role-check';
import { ACTION_PATTERN, parseRoleConfig, ROLE_CONFIG_FILE } from '../evaluate/role-config';
import { UsageError } from './args';
import { DEFAULT_MAX_LENGTH } from '../analysis/analyze';
import { readTextFile } from './files';
import { checkRoleJson, checkRoleText } from '../evaluate/role-report';
import { loadIamIndex } from './iam';

export type CheckRoleCommand = {
  cmd: 'check-role';
  role: string;
  permissions: string;
  trust?: string;
  memberships: string[];
  sets: Array<{ name: string; value: string }>;
  denyActions: string[];
  variant?: string;
  format: 'text' | 'json';
};

export type RolesCommand = { cmd: 'roles'; format: 'text' | 'json' };

export const CHECK_ROLE_USAGE = `  check-role --role <role-id> --permissions FILE [--trust FILE] [--membership ARN]...
             [--set name=value]... [--deny-action ACTION]... [--variant ID] [--format text|json]
                                 Check a role against the requests AWS Clean Rooms makes of it: every
                                 request allowed, denied or depends; the trust admits the membership and no
                                 other; what the policy grants beyond the documented one; forbidden actions
                                 (--deny-action, or "denyActions" in ./cleanrooms-iam.json) wherever allowed.
                                 Exit 0 when Clean Rooms can use the role, 1 when not, 2 on usage errors.
  roles [--format text|json]     List the role ids check-role takes.`;

export const CONFIG_FILE = ROLE_CONFIG_FILE;

const HINT = 'Run cleanrooms-iam --help for usage.';
function fail(message: string): never {
  throw new UsageError(`${message}. ${HINT}`);
}

function splitEq(arg: string): [string, string | undefined] {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    if (eq > 2) return [arg.slice(0, eq), arg.slice(eq + 1)];
  }
  return [arg, undefined];
}

function options(args: readonly string[], takes: ReadonlySet<string>, on: (name: string, value: string) => void): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) fail(`unexpected argument "${arg}"`);
    const [name, inline] = splitEq(arg);
    if (!takes.has(name)) fail(`unknown option ${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) fail(`option ${name} needs a value`);
    on(name, value);
  }
}

function format(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') fail(`--format must be one of text, json, not "${value}"`);
  return value;
}

export function parseCheckRole(args: readonly string[]): CheckRoleCommand {
  const c: Partial<CheckRoleCommand> & { memberships: string[]; sets: CheckRoleCommand['sets']; denyActions: string[] } = {
    memberships: [],
    sets: [],
    denyActions: [],
  };
  const once = (name: string, key: 'role' | 'permissions' | 'trust' | 'variant', value: string): void => {
    if (c[key] !== undefined) fail(`${name} is given twice`);
    if (value === '') fail(`${name} needs a value`);
    c[key] = value;
  };
  options(args, new Set(['--role', '--permissions', '--trust', '--membership', '--set', '--deny-action', '--variant', '-f', '--format']), (name, value) => {
    switch (name) {
      case '--role':
        return once(name, 'role', value);
      case '--permissions':
        return once(name, 'permissions', value);
      case '--trust':
        return once(name, 'trust', value);
      case '--variant':
        return once(name, 'variant', value);
      case '--membership':
        c.memberships.push(value);
        return;
      case '--deny-action':
        c.denyActions.push(value);
        return;
      case '--set': {
        const eq = value.indexOf('=');
        if (eq <= 0) fail(`--set needs name=value, got "${value}"`);
        const n = value
          .slice(0, eq)
          .trim()
          .replace(/^<(.*)>$/, '$1');
        if (c.sets.some((s) => s.name === n)) fail(`--set ${n} is given twice`);
        c.sets.push({ name: n, value: value.slice(eq + 1) });
        return;
      }
      default:
        c.format = format(value);
    }
  });
  if (c.role === undefined) fail('check-role needs --role <role-id> (see cleanrooms-iam roles)');
  if (c.permissions === undefined) fail('check-role needs --permissions FILE');
  return {
    cmd: 'check-role',
    role: c.role,
    permissions: c.permissions,
    ...(c.trust ? { trust: c.trust } : {}),
    memberships: c.memberships,
    sets: c.sets,
    denyActions: c.denyActions,
    ...(c.variant ? { variant: c.variant } : {}),
    format: c.format ?? 'text',
  };
}

export function parseRoles(args: readonly string[]): RolesCommand {
  let f: 'text' | 'json' = 'text';
  options(args, new Set(['-f', '--format']), (_n, v) => {
    f = format(v);
  });
  return { cmd: 'roles', format: f };
}

export interface CheckRoleIo {
  stdout(text: string): void;
  cwd: string;
  dataDir: string;
}

export function runRoles(command: RolesCommand, io: CheckRoleIo): number {
  const rows = ROLES.map((r) => ({ id: r.id, title: r.title, checkable: roleCheckSpec(r.id) !== undefined, docUrl: r.docUrl }));
  if (command.format === 'json') {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(2, ...rows.map((r) => r.id.length));
  const lines = [`${'ID'.padEnd(w)}  TITLE`];
  for (const r of rows) lines.push(`${r.id.padEnd(w)}  ${r.title}${r.checkable ? '' : ' (assumed by people: nothing to check)'}`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

/** `denyActions` from ./cleanrooms-iam.json: [] when there is no file; a one-line error when it is not valid. */
export function readConfig(dir: string): { denyActions: string[] } | { error: string } {
  const file = path.join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') return { denyActions: [] };
    return { error: `${file}: cannot read: ${(e as Error).message}` };
  }
  const config = parseRoleConfig(text);
  return 'error' in config ? { error: `${file}: ${config.error}` } : config;
}

export function runCheckRole(command: CheckRoleCommand, io: CheckRoleIo, err: (m: string) => void): number {
  if (!roleCheckSpec(command.role)) {
    const checkable = ROLES.filter((r) => roleCheckSpec(r.id)).map((r) => r.id);
    const known = ROLES.some((r) => r.id === command.role);
    err(
      known
        ? `role "${command.role}" is assumed by people, not by AWS Clean Rooms: there is nothing to check (roles that can be checked: ${checkable.join(', ')})`
        : `unknown role "${command.role}" (roles: ${checkable.join(', ')})`,
    );
    return 2;
  }
  const spec = roleCheckSpec(command.role)!;
  const names = roleValueNamesAll(spec);
  for (const s of command.sets) {
    if (!names.includes(s.name)) {
      err(`"${s.name}" is not a value of role ${spec.role} (its values: ${names.join(', ')})`);
      return 2;
    }
  }
  for (const m of command.memberships) {
    if (m.split(':').length < 6 || !m.startsWith('arn:')) {
      err(`--membership needs an ARN such as arn:aws:cleanrooms:us-east-1:111122223333:membership/<membership-id>, not "${m}"`);
      return 2;
    }
  }
  for (const a of command.denyActions) {
    if (!ACTION_PATTERN.test(a)) {
      err(`--deny-action needs an IAM action such as s3:DeleteObject or s3:Delete*, not "${a}"`);
      return 2;
    }
  }
  const config = readConfig(io.cwd);
  if ('error' in config) {
    err(config.error);
    return 2;
  }
  const read = (file: string): string | undefined => {
    const r = readTextFile(path.resolve(io.cwd, file), DEFAULT_MAX_LENGTH);
    if ('error' in r) {
      err(r.error.replace(path.resolve(io.cwd, file), file));
      return undefined;
    }
    return r.text;
  };
  const permissions = read(command.permissions);
  if (permissions === undefined) return 2;
  const trust = command.trust !== undefined ? read(command.trust) : undefined;
  if (command.trust !== undefined && trust === undefined) return 2;
  const iam = loadIamIndex(io.dataDir);
  if ('error' in iam) {
    err(iam.error);
    return 2;
  }
  let result: RoleCheckResult;
  try {
    result = checkRole({
      role: command.role,
      permissions,
      ...(trust !== undefined ? { trust } : {}),
      memberships: command.memberships,
      values: Object.fromEntries(command.sets.map((s) => [s.name, s.value])),
      denyActions: [...new Set([...config.denyActions, ...command.denyActions])],
      ...(command.variant ? { variant: command.variant } : {}),
      ...(iam.index ? { iam: iam.index } : {}),
    });
  } catch (e) {
    if (e instanceof RoleCheckError) {
      err(`${e.message.replace(/^permissions policy/, command.permissions).replace(/^trust policy/, command.trust ?? 'trust policy')}`);
      return 2;
    }
    throw e;
  }
  io.stdout(command.format === 'json' ? checkRoleJson(result) : checkRoleText(result));
  return result.ok ? 0 : 1;
}

export { checkRoleJson, checkRoleText };
