// Pure: the `cleanroomsIam.rules` setting's JSON schema (generated into package.json from the rule metas, so VS Code
// completes and validates rule ids), and the check of a settings value against the known ids. No vscode import.
import type { RuleMeta } from '../../analysis/types';
import { suggest } from '../../iam-data/suggest';

export const RULE_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** The schema of `cleanroomsIam.rules`: one property per rule id (its title and default level), nothing else. */
export function rulesSettingProperties(rules: readonly RuleMeta[]): Record<string, { type: 'string'; enum: string[]; description: string }> {
  const out: Record<string, { type: 'string'; enum: string[]; description: string }> = {};
  for (const r of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    out[r.id] = { type: 'string', enum: [...RULE_LEVELS], description: `${r.title} (default: ${r.severity}).` };
  }
  return out;
}

/** package.json text with the setting's schema regenerated (2-space JSON, as the file is written). */
export function withRulesSchema(packageJsonText: string, rules: readonly RuleMeta[]): string {
  const pkg = JSON.parse(packageJsonText) as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
  const setting = pkg.contributes.configuration.properties['cleanroomsIam.rules'];
  setting.properties = rulesSettingProperties(rules);
  setting.additionalProperties = false;
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** One line per unknown rule id or invalid level in a `cleanroomsIam.rules` value (for the output channel). */
export function ruleSettingProblems(value: unknown, knownIds: readonly string[]): Array<{ id: string; message: string }> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const known = new Set(knownIds);
  const out: Array<{ id: string; message: string }> = [];
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    if (!known.has(id)) {
      const s = suggest(id, knownIds);
      const hint = s.best.length
        ? ` Did you mean ${s.best.map((b) => `"${b}"`).join(' or ')}?`
        : ' The rule ids are listed in docs/rules.md and completed in settings.json.';
      out.push({ id, message: `cleanroomsIam.rules: "${id}" is not a rule id; the setting is ignored.${hint}` });
    } else if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level.toLowerCase())) {
      out.push({
        id,
        message: `cleanroomsIam.rules: "${id}" has the level ${JSON.stringify(level)}; use one of ${RULE_LEVELS.join(', ')}. The setting is ignored.`,
      });
    }
  }
  return out;
}
