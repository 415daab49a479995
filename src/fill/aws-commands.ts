// Pure: the `aws iam` commands that create a role from its two policy files, shared by the extension's "Copy AWS CLI
// Commands" and the CLI's `cleanrooms-iam aws-commands`: which sibling file holds the other policy, what the role must
// be called (and where it must live) so the AWS managed policies can pass it, and the commands themselves. No vscode
// import, no Node APIs. It lives in the fill layer because, like renderTemplate, it renders values (names, paths) into
// a host language (here: bash), and both top layers (cli, vscode) may import it.
//
// Every line the builder emits is safe to paste into bash whatever the names are: each value is one quoted shell word
// ('…', or $'…' with \xHH escapes when it holds control, line-separator, bidi or invisible format characters, so no raw
// control character reaches the terminal either), and comment lines show such characters as \uXXXX.
//
// Facts: the role paths and names the AWS managed policies can pass are in src/catalog/pass-role.ts (with sources);
// IAM API reference for the name rules:
// - RoleName: 1-64 characters of [\w+=,.@-]; PolicyName: 1-128 characters of [\w+=,.@-].
import { parseTree, findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { ER_ROLE_DOC, MANAGED_POLICIES_DOC, PASS_ROLE_RULES, type PassRoleRule } from '../catalog/pass-role';

/** vscode.l10n.t's shape (the adapter passes it; tests use the English default). */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** English default: replaces {0}, {1}… like vscode.l10n.t. */
export const englishT: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));

export type RoleKind = 'cleanrooms' | 'cleanrooms-ml' | 'entityresolution' | 'other';

export interface RoleRequirements {
  kind: RoleKind;
  /** The service principal that assumes the role (undefined for a role people assume). */
  service?: string;
  /** `--path` for create-role; '/' is IAM's default and is not written. */
  path: string;
  /** The role ARN pattern the managed policy lets its users pass. */
  passRolePattern?: string;
  /** The managed policies that carry that pattern. */
  managedPolicies: string[];
  docUrl: string;
}

export { MANAGED_POLICIES_DOC, ER_ROLE_DOC };
export const IAM_CREATE_ROLE_DOC = 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html';

/** The pass-role facts come from the catalog (src/catalog/pass-role.ts), the one place they are written down. */
const fromCatalog = (r: PassRoleRule): RoleRequirements => ({
  kind: r.kind,
  service: r.service,
  path: r.path,
  ...(r.passRolePattern ? { passRolePattern: r.passRolePattern } : {}),
  managedPolicies: [...r.managedPolicies],
  docUrl: r.docUrl,
});

const REQUIREMENTS: Record<RoleKind, RoleRequirements> = {
  cleanrooms: fromCatalog(PASS_ROLE_RULES.cleanrooms),
  'cleanrooms-ml': fromCatalog(PASS_ROLE_RULES['cleanrooms-ml']),
  entityresolution: fromCatalog(PASS_ROLE_RULES.entityresolution),
  other: { kind: 'other', path: '/', managedPolicies: [], docUrl: IAM_CREATE_ROLE_DOC },
};

/** The service principals a trust policy names (Statement[].Principal.Service, string or array). */
export function trustServices(text: string): string[] {
  let root: Node | undefined;
  try {
    // Stryker disable next-line ArrayDeclaration,ObjectLiteral,BooleanLiteral: the options and the error list only decide what counts as an error; the tree is the same and the errors are not read
    root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    // Stryker disable next-line BlockStatement: an empty catch leaves root undefined, and the next line returns [] for that
  } catch {
    return [];
  }
  // Stryker disable next-line ConditionalExpression: findNodeAtLocation(undefined, …) is undefined, so no statement would be read either
  if (!root) return [];
  const st = findNodeAtLocation(root, ['Statement']);
  // Stryker disable next-line ArrayDeclaration: an array node always has children, and an entry that is not a node (the mutant's string) has no Principal.Service for findNodeAtLocation to find
  const statements = !st ? [] : st.type === 'array' ? (st.children ?? []) : [st];
  const out: string[] = [];
  for (const s of statements) {
    const svc = findNodeAtLocation(s, ['Principal', 'Service']);
    if (!svc) continue;
    const v: unknown = getNodeValue(svc);
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && !out.includes(x)) out.push(x);
  }
  return out;
}

/** What the role's path and name must be, from the trust policy's service principal(s). */
export function roleRequirements(services: readonly string[]): RoleRequirements {
  if (services.includes('cleanrooms.amazonaws.com')) return REQUIREMENTS.cleanrooms;
  if (services.includes('cleanrooms-ml.amazonaws.com')) return REQUIREMENTS['cleanrooms-ml'];
  if (services.includes('entityresolution.amazonaws.com')) return REQUIREMENTS.entityresolution;
  return REQUIREMENTS.other;
}

const NAME_CHARS = /^[\w+=,.@-]+$/;

/** Undefined when `name` is a valid role name that the managed policies can pass; otherwise what to change. */
export function validateRoleName(name: string, req: RoleRequirements, t: Translate = englishT): string | undefined {
  if (name.length < 1 || name.length > 64) return t('A role name has 1 to 64 characters (this one has {0}).', name.length);
  if (!NAME_CHARS.test(name)) return t('A role name may contain only letters, digits and + = , . @ _ - (no spaces or slashes).');
  if (req.kind === 'cleanrooms' && !name.includes('cleanrooms'))
    return t('Put "cleanrooms" in the name: {0} can pass only roles matching {1}.', req.managedPolicies.join(' / '), req.passRolePattern ?? '');
  if (req.kind === 'cleanrooms-ml' && !name.startsWith('cleanrooms-ml'))
    return t('Start the name with "cleanrooms-ml": {0} can pass only roles matching {1}.', req.managedPolicies.join(' / '), req.passRolePattern ?? '');
  if (req.kind === 'entityresolution' && !name.includes('entityresolution'))
    return t('Put "entityresolution" in the name: with {0} the role name must include it.', req.managedPolicies.join(' / '));
  return undefined;
}

const KIND_WORDS = new Set(['trust', 'permissions', 'permission', 'perms', 'policy', 'policies', 'iam']);

/** The name stem shared by a role's two files: read-data-trust-policy.json / read-data-permissions-policy.json -> read-data. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const noExt = base.replace(/\.(jsonc?|txt)$/i, '');
  return (
    noExt
      .toLowerCase()
      // Stryker disable next-line Regex: the empty words a one-character split leaves are filtered out next
      .split(/[-_.\s]+/)
      .filter((w) => w && !KIND_WORDS.has(w))
      .join('-')
      .replace(/[^\w+=,.@-]/g, '')
  );
}

/** A role name that passes validateRoleName, built from the files' stem. */
export function suggestRoleName(req: RoleRequirements, ...fileNames: string[]): string {
  const stem = fileNames.map(fileStem).find((s) => s !== '') ?? '';
  let name: string;
  switch (req.kind) {
    case 'cleanrooms':
      name = stem.includes('cleanrooms') ? stem : `cleanrooms-${stem || 'service-role'}`;
      break;
    case 'cleanrooms-ml':
      // Stryker disable next-line Regex: both groups are optional, so the pattern matches (perhaps empty) at index 0 with or without ^, and replace() takes that first match
      name = stem.startsWith('cleanrooms-ml') ? stem : `cleanrooms-ml-${stem.replace(/^(cleanrooms-?)?(ml-?)?/, '') || 'service-role'}`;
      break;
    case 'entityresolution':
      name = stem.includes('entityresolution') ? stem : `entityresolution-${stem || 'workflow-job-role'}`;
      break;
    default:
      name = stem.includes('cleanrooms') ? stem : `cleanrooms-${stem || 'role'}`;
  }
  return name.slice(0, 64).replace(/[-_.]+$/, '');
}

/** Inline / managed policy name for the permissions policy (1-128 characters). */
export function policyNameFor(roleName: string): string {
  return `${roleName}-permissions`.slice(0, 128);
}

export interface PolicyFile {
  /** File name (no folder). */
  name: string;
  kind: 'trust' | 'permissions';
}

/**
 * Candidates for the other policy of a role: files of the other kind, best first (same stem, then most shared
 * words, then by name). `match` is set when the choice is clear: exactly one file with the same stem, or one
 * candidate only; otherwise the user is asked.
 */
export function rankSiblings(current: PolicyFile, files: readonly PolicyFile[]): { ranked: string[]; match?: string } {
  const want = current.kind === 'trust' ? 'permissions' : 'trust';
  const stem = fileStem(current.name);
  // Stryker disable next-line MethodExpression: an empty word is never counted anyway (shared words are filtered by w && …)
  const words = new Set(stem.split('-').filter(Boolean));
  // Stryker disable next-line ConditionalExpression: a file of the other kind never has current's name (one file, one kind), so the kind test leaves current out already
  const cands = files.filter((f) => f.kind === want && f.name !== current.name);
  const scored = cands.map((f) => {
    const s = fileStem(f.name);
    const shared = s.split('-').filter((w) => w && words.has(w)).length;
    return { name: f.name, same: s === stem, shared };
  });
  scored.sort((a, b) => Number(b.same) - Number(a.same) || b.shared - a.shared || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ranked = scored.map((s) => s.name);
  const same = scored.filter((s) => s.same);
  const match = same.length === 1 ? same[0].name : scored.length === 1 ? scored[0].name : undefined;
  return { ranked, ...(match !== undefined ? { match } : {}) };
}

/**
 * The other policy of the role, for checks that run without asking (lint, diagnostics): rankSiblings' clear choice,
 * and only when the choice is clear both ways (the sibling's own clear choice is `current`), so that two permissions
 * files next to one trust file pair with nothing rather than with a guess.
 */
export function pairedSibling(current: PolicyFile, files: readonly PolicyFile[]): string | undefined {
  const match = rankSiblings(current, files).match;
  if (match === undefined) return undefined;
  const other = files.find((f) => f.name === match)!;
  const all = files.some((f) => f.name === current.name) ? files : [...files, current];
  const back = rankSiblings(other, all).match;
  return back === current.name ? match : undefined;
}

/** Every clearly paired trust and permissions file among `files` (pairedSibling both ways), each file in one pair at most. */
export function pairRoleFiles(files: readonly PolicyFile[]): Array<{ trust: string; permissions: string }> {
  const out: Array<{ trust: string; permissions: string }> = [];
  for (const f of files) {
    if (f.kind !== 'trust') continue;
    const p = pairedSibling(f, files);
    if (p !== undefined) out.push({ trust: f.name, permissions: p });
  }
  return out;
}

/**
 * Characters that must never reach a terminal or a shell raw: C0 and C1 controls (a newline ends a command, ESC drives
 * the terminal and can end a bracketed paste, ^C cancels a line), DEL, the line and paragraph separators, the bidi
 * controls (they reorder what is shown against what runs) and the invisible format characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is unsafe here
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
const UNSAFE_CHARS_G = new RegExp(UNSAFE_CHARS.source, 'g');

/** UTF-8 bytes of one character as bash $'…' escapes (\xHH each: locale-independent, exactly two hex digits). */
function byteEscapes(c: string): string {
  const out: string[] = [];
  const cp = c.codePointAt(0)!;
  // Stryker disable next-line EqualityOperator: U+0800 is not an unsafe character (UNSAFE_CHARS), so byteEscapes never sees it
  const bytes = cp < 0x80 ? [cp] : cp < 0x800 ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)] : [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  for (const b of bytes) out.push(`\\x${b.toString(16).padStart(2, '0')}`);
  return out.join('');
}

/**
 * One shell word that bash reads back as exactly `s`: words of safe characters as they are; anything else in single
 * quotes (nothing is special inside them but the quote itself, written '\''); a value with control, separator, bidi
 * or invisible characters as $'…' with those characters as \xHH byte escapes (bash, zsh, ksh; POSIX.1-2024 sh).
 */
export function shellQuote(s: string): string {
  // Stryker disable next-line ConditionalExpression: the regex's + refuses '' as well
  if (s !== '' && /^[\w@%+=:,./-]+$/.test(s)) return s;
  if (!UNSAFE_CHARS.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  return `$'${s.replace(/[\\']/g, (c) => `\\${c}`).replace(UNSAFE_CHARS_G, byteEscapes)}'`;
}

/** Text for a `# …` comment line: control, separator, bidi and invisible characters shown as \uXXXX (one line always). */
export function commentText(s: string): string {
  return s.replace(UNSAFE_CHARS_G, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `file://<path>` as one shell word (the AWS CLI reads the parameter from the file). */
export function fileArg(path: string): string {
  return shellQuote(`file://${path}`);
}

export type CliStyle = 'inline' | 'managed';

export interface CliInput {
  roleName: string;
  requirements: RoleRequirements;
  /** Absolute paths, or (relative: true) names relative to the folder the commands run in. */
  trustPath: string;
  permissionsPath: string;
  relative?: boolean;
  style: CliStyle;
  policyName?: string;
}

export interface CliOutput {
  /** The `aws` command lines (shell variable assignment included for the managed style). */
  commands: string[];
  /** Comment header + commands, as put on the clipboard and in the shell document. */
  text: string;
}

/** The `aws iam` commands that create the role from the two files. */
export function buildCliCommands(input: CliInput, t: Translate = englishT): CliOutput {
  const { roleName, requirements: req } = input;
  const policyName = input.policyName ?? policyNameFor(roleName);
  const role = shellQuote(roleName);
  const pathArg = req.path !== '/' ? ` --path ${shellQuote(req.path)}` : '';
  const commands = [`aws iam create-role --role-name ${role}${pathArg} --assume-role-policy-document ${fileArg(input.trustPath)}`];
  if (input.style === 'inline') {
    commands.push(`aws iam put-role-policy --role-name ${role} --policy-name ${shellQuote(policyName)} --policy-document ${fileArg(input.permissionsPath)}`);
  } else {
    commands.push(
      `POLICY_ARN=$(aws iam create-policy --policy-name ${shellQuote(policyName)} --policy-document ${fileArg(input.permissionsPath)} --query Policy.Arn --output text)`,
      `aws iam attach-role-policy --role-name ${role} --policy-arn "$POLICY_ARN"`,
    );
  }
  const header: string[] = [t('AWS Clean Rooms: create the IAM role {0} with the AWS CLI.', roleName)];
  if (req.passRolePattern) {
    header.push(
      t('{0} can pass only roles matching {1}', req.managedPolicies.join(' / '), req.passRolePattern),
      req.path !== '/'
        ? t('(path {0} and a name containing "cleanrooms"): {1}', req.path, req.docUrl)
        : t('(default path /, name starting with "cleanrooms-ml"): {0}', req.docUrl),
    );
  } else if (req.kind === 'entityresolution') {
    header.push(t('With {0} the role name must include "entityresolution": {1}', req.managedPolicies.join(' / '), req.docUrl));
  }
  if (input.relative) header.push(t('Run these commands in the folder that holds {0} and {1}.', input.trustPath, input.permissionsPath));
  header.push(
    input.style === 'inline'
      ? t('The permissions policy becomes an inline policy named {0}.', policyName)
      : t('The permissions policy becomes the customer managed policy {0}, attached to the role.', policyName),
  );
  const text = [...header.map((l) => `# ${commentText(l)}`), ...commands].join('\n') + '\n';
  return { commands, text };
}
