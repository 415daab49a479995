// The registry of rule families. Each family lives in its own file in this folder; order is the docs' and settings' order
// (analyze() runs them in runOrder: a family after those it reads the findings of; the findings do not depend on it).
import { runOrder, type RuleFamily } from '../rule';
import type { RuleMeta } from '../types';
import { placeholderRules } from './placeholders';
import { grammarRules } from './grammar';
import { arnRules } from './arn';
import { cleanroomsRules } from './cleanrooms';
import { iamDataRules } from './iam-data';
import { accessAnalyzerStatementRules } from './access-analyzer-statements';
import { accessAnalyzerConditionRules } from './access-analyzer-conditions';
import { consistencyRules } from './consistency';
import { accessAnalyzerTagRules } from './access-analyzer-tags';
import { CORE_RULES } from './core';

export const RULE_FAMILIES: RuleFamily[] = [
  placeholderRules,
  grammarRules,
  arnRules,
  cleanroomsRules,
  consistencyRules,
  iamDataRules,
  accessAnalyzerStatementRules,
  accessAnalyzerConditionRules,
  accessAnalyzerTagRules,
];
// A family reads the findings of families by name (readsFindingsOf): each name is a family here, and no cycle.
for (const family of RULE_FAMILIES)
  for (const name of family.readsFindingsOf ?? [])
    if (!RULE_FAMILIES.some((f) => f.name === name)) throw new Error(`rule family ${family.name} reads the findings of an unknown family ${name}`);
runOrder(RULE_FAMILIES);
/** Every rule by id: the families' rules in report order, then the engine's own (rules/core.ts). Complete here. */
export const RULES_BY_ID = new Map<string, RuleMeta>();
for (const r of [...RULE_FAMILIES.flatMap((family) => family.rules), ...CORE_RULES]) {
  if (RULES_BY_ID.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
  RULES_BY_ID.set(r.id, r);
}

/** Every rule, for docs tables and settings. */
export function allRules(): RuleMeta[] {
  return [...RULES_BY_ID.values()];
}
