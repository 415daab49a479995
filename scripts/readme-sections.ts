// The README's generated sections (template list and rule list), from the catalog and the rule registry.
// scripts/generate-docs.ts writes them between <!-- name:start --> / <!-- name:end --> markers; test/unit/readme.test.ts
// fails when the README drifts.
import { exampleFindings } from '../src/analysis/role-pair';
import { allRules } from '../src/analysis';
import { codesForRule } from '../src/analysis/access-analyzer';
import { ROLES, TEMPLATES } from '../src/catalog';
import type { IamIndex } from '../src/iam-data/types';

const TYPE: Record<string, string> = { trust: 'trust', permissions: 'permissions', statement: 'statement to add' };
const cell = (s: string): string =>
  s
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;')))
    .join('');

export function templatesSection(): string {
  const lines = [
    `${TEMPLATES.length} templates for ${ROLES.length} roles (full table with placeholders and AWS pages: [docs/templates.md](docs/templates.md)):`,
    '',
    '| Snippet prefix | Role | Policy |',
    '|---|---|---|',
  ];
  for (const t of TEMPLATES) {
    const role = ROLES.find((r) => r.id === t.role)?.title ?? t.role;
    lines.push(`| \`${t.snippetPrefix}\` | ${cell(role)} | [${TYPE[t.policyType]}](${t.docUrl}) |`);
  }
  return lines.join('\n');
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/\s+\S*$/, '') + ' …';
}

export function rulesSection(iam?: IamIndex): string {
  const rules = allRules();
  const lines = [
    `${rules.length} rules. Each links its AWS page; [docs/rules.md](docs/rules.md) has every rule's description, a complete example policy and the exact message.`,
    'Severities can be changed or turned off per rule with `cleanroomsIam.rules` (the CLI uses the defaults).',
    '',
    '| Rule | Default | Catches | Access Analyzer | Example message |',
    '|---|---|---|---|---|',
  ];
  for (const r of rules) {
    const f = exampleFindings(r, iam)[0];
    const msg = f ? clip(f.message, 140) : '';
    const codes =
      codesForRule(r.id)
        .map((c) => `\`${c}\``)
        .join(', ') || '—';
    lines.push(`| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.severity} | ${cell(r.title)} | ${codes} | ${cell(msg)} |`);
  }
  return lines.join('\n');
}

/** Replace the content between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no ${name} section markers`);
  return text.slice(0, i + start.length) + '\n' + body + '\n' + text.slice(j);
}

export function updateReadme(readme: string, iam?: IamIndex): string {
  return replaceSection(replaceSection(readme, 'templates', templatesSection()), 'rules', rulesSection(iam));
}
