// The registry of rule families. Each family lives in its own file in this folder; order is report order.
import type { RuleFamily } from '../rule';
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
