// Generated artifacts from the catalog: the VS Code snippet file and the templates table for the docs.
// Pure (no fs): scripts/generate-snippets.ts and scripts/generate-docs.ts write the results; the tests compare them.
import { TOKEN_RE } from './placeholder-syntax';
import { templateSummary, templateText } from './template-text';
import { regionsForPicker } from './regions';
import { ROLES, TEMPLATES } from './templates';
import type { PolicyTemplate, RoleInfo } from './types';
import { infraText, type InfraFormat } from './infra-text';
import { passRoleNote } from './pass-role';
import { roleStacks, stackPlaceholders, type RoleStack } from './role-stacks';

/** One entry of a VS Code snippet file (https://code.visualstudio.com/docs/editing/userdefinedsnippets). */
export interface VsCodeSnippet {
  prefix: string;
  description: string;
  body: string[];
}

export type SnippetFile = Record<string, VsCodeSnippet>;

/** Escape literal text for a snippet body: `\`, `$` and `}` are the characters the snippet grammar lets you escape. */
export function escapeSnippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** Escape one option of a `${n|a,b|}` choice: inside a choice `,` and `|` are escaped too. */
export function escapeSnippetChoice(s: string): string {
  return s.replace(/[\\$},|]/g, (c) => '\\' + c);
}

/** Tab stop number per placeholder name: 1, 2, 3… in order of first appearance in the text. */
function tabStops(text: string): Map<string, number> {
  const stops = new Map<string, number>();
  for (const m of text.matchAll(TOKEN_RE)) if (!stops.has(m[1])) stops.set(m[1], stops.size + 1);
  return stops;
}

/** Tab stop number per placeholder name: 1, 2, 3… in order of first appearance in the body text. */
export function snippetTabStops(template: PolicyTemplate): Map<string, number> {
  return tabStops(templateText(template, '\t'));
}

/** The choices offered for a region placeholder: the Clean Rooms Regions for `region`, all commercial Regions (Clean Rooms first) for `any-region`. */
export function regionChoices(kind: string): string[] | undefined {
  if (kind === 'region')
    return regionsForPicker()
      .filter((r) => r.cleanRooms)
      .map((r) => r.code);
  if (kind === 'any-region') return regionsForPicker().map((r) => r.code);
  return undefined;
}

/**
 * A snippet body from a text with `<name>` tokens (JSON, YAML or HCL: the token is the same in each, inside a string).
 * Every placeholder is a tab stop; all occurrences of one placeholder share its number. The first occurrence is
 * `${n:<name>}` (so a placeholder left unfilled stays a `<name>` token that the diagnostics flag) or, for regions,
 * the choice list `${n|…|}`; later occurrences are the mirror `${n}`.
 */
export function snippetFromText(text: string, kinds: ReadonlyMap<string, string>): string {
  const stops = tabStops(text);
  const seen = new Set<string>();
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const name = m[1];
    const n = stops.get(name)!;
    out += escapeSnippetText(text.slice(last, m.index));
    if (seen.has(name)) {
      out += `\${${n}}`;
    } else {
      seen.add(name);
      const choices = regionChoices(kinds.get(name) ?? '');
      out += choices ? `\${${n}|${choices.map(escapeSnippetChoice).join(',')}|}` : `\${${n}:${escapeSnippetText(m[0])}}`;
    }
    last = m.index + m[0].length;
  }
  return out + escapeSnippetText(text.slice(last));
}

/** The snippet body (one string, `\t` indentation so VS Code applies the user's indentation settings). */
export function snippetBodyText(template: PolicyTemplate): string {
  return snippetFromText(templateText(template, '\t'), new Map(template.placeholders.map((p) => [p.name, p.kind])));
}

function roleTitle(template: PolicyTemplate, roles: readonly RoleInfo[]): string {
  return roles.find((r) => r.id === template.role)?.title ?? template.role;
}

export function snippetFor(template: PolicyTemplate, roles: readonly RoleInfo[] = ROLES): VsCodeSnippet {
  return {
    prefix: template.snippetPrefix,
    description: `Role: ${roleTitle(template, roles)}. ${templateSummary(template, roles)} AWS docs: ${template.docUrl}`,
    body: snippetBodyText(template).split('\n'),
  };
}

/** The whole snippet file: one entry per template, keyed by a readable unique name. */
export function generateSnippets(templates: readonly PolicyTemplate[] = TEMPLATES, roles: readonly RoleInfo[] = ROLES): SnippetFile {
  const file: SnippetFile = {};
  for (const t of templates) {
    const key = `Clean Rooms: ${t.title}`;
    if (file[key]) throw new Error(`duplicate snippet name ${key}`);
    file[key] = snippetFor(t, roles);
  }
  return file;
}

/** The text written to snippets/cleanrooms-iam.json. */
export function snippetsFileText(templates: readonly PolicyTemplate[] = TEMPLATES, roles: readonly RoleInfo[] = ROLES): string {
  return JSON.stringify(generateSnippets(templates, roles), null, 2) + '\n';
}

/** What an infrastructure snippet writes, in a few words. */
function what(stack: RoleStack, format: InfraFormat): string {
  const managed = stack.managedPolicyArns.map((a) => a.split('/').pop()).join(', ');
  if (format === 'cloudformation')
    return managed
      ? `a CloudFormation AWS::IAM::Role with its trust policy and the managed policy ${managed}`
      : 'a CloudFormation AWS::IAM::Role with its trust policy and its permissions policy inline';
  return managed
    ? `Terraform aws_iam_role with its trust policy (jsonencode) and aws_iam_role_policy_attachment of ${managed}`
    : 'Terraform aws_iam_role with its trust policy and aws_iam_role_policy with its permissions policy (jsonencode)';
}

/**
 * A catalog role as a CloudFormation YAML or Terraform snippet: the text of infra-text.ts with a tab stop for each
 * placeholder. Two-space indentation as written (YAML forbids tabs for indentation; terraform fmt uses two spaces).
 */
export function infraSnippetFor(stack: RoleStack, format: InfraFormat): VsCodeSnippet {
  const kinds = new Map(stackPlaceholders(stack).map((p) => [p.name, p.kind]));
  const note = stack.role.passRole ? ` ${passRoleNote(stack.role.passRole)}` : '';
  return {
    prefix: `cleanrooms-${stack.id}-role`,
    description: `Role: ${stack.title}, as ${what(stack, format)}.${note} AWS docs: ${stack.role.docUrl}`,
    body: snippetFromText(infraText(stack, format).replace(/\n$/, ''), kinds).split('\n'),
  };
}

/** The snippet file of one infrastructure format: one entry per catalog role (roleStacks). */
export function infraSnippetsFileText(format: InfraFormat, stacks: readonly RoleStack[] = roleStacks()): string {
  const file: SnippetFile = {};
  for (const s of stacks) {
    const key = `Clean Rooms: ${s.title} (${format === 'cloudformation' ? 'CloudFormation' : 'Terraform'})`;
    if (file[key]) throw new Error(`duplicate snippet name ${key}`);
    file[key] = infraSnippetFor(s, format);
  }
  return JSON.stringify(file, null, 2) + '\n';
}

const TYPE_LABEL: Record<PolicyTemplate['policyType'], string> = {
  trust: 'trust policy',
  permissions: 'permissions policy',
  statement: 'statement to add',
};

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/templates.md: a table of every template, generated from the catalog. */
export function templatesMarkdown(templates: readonly PolicyTemplate[] = TEMPLATES, roles: readonly RoleInfo[] = ROLES): string {
  const lines: string[] = [
    '# Policy templates',
    '',
    '<!-- Generated by scripts/generate-docs.ts from src/catalog; do not edit by hand. -->',
    '',
    `Every documented AWS Clean Rooms IAM policy, as a template (${templates.length} templates for ${roles.length} roles).`,
    'Type the snippet prefix in a `.json` or `.jsonc` file to insert one; Tab moves through the placeholders,',
    'and every occurrence of a placeholder is filled at once. Statements ("statement to add") go inside the',
    '`Statement` array of the permissions policy of the same role.',
    '',
    '| Template id | Role | Type | Snippet prefix | Placeholders | AWS page |',
    '|---|---|---|---|---|---|',
  ];
  for (const t of templates) {
    const ph = t.placeholders.length ? t.placeholders.map((p) => `\`<${p.name}>\``).join(', ') : '(none)';
    const page = t.docUrl.replace(/^https:\/\/docs\.aws\.amazon\.com\//, '');
    lines.push(
      `| \`${t.id}\` | ${mdCell(roleTitle(t, roles))} | ${TYPE_LABEL[t.policyType]} | \`${t.snippetPrefix}\` | ${ph} | [${mdCell(page)}](${t.docUrl}) |`,
    );
  }
  lines.push('', '## Roles', '');
  for (const r of roles) lines.push(`- **${mdCell(r.title)}** (\`${r.id}\`): ${r.description} [AWS docs](${r.docUrl})`);
  const withManaged = templates.filter((t) => t.managedPolicies?.length);
  for (const t of withManaged) {
    lines.push('', `## Managed policies: ${mdCell(roleTitle(t, roles))}`, '', '| If you want to … | Attach |', '|---|---|');
    for (const m of t.managedPolicies!) lines.push(`| ${mdCell(m.when)} | \`${m.name}\` (\`${m.arn}\`) |`);
  }
  return lines.join('\n') + '\n';
}
