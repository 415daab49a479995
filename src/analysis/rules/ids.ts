// The rule-id union, derived from the families' metas (each family declares them `as const satisfies readonly
// RuleMeta[]`): RuleContext.report takes a RuleId, so a misspelt id fails to compile (the registry still checks at run
// time). Type-only imports: nothing runs for this file, and it adds no dependency between the families.
import type { accessAnalyzerConditionRules } from './access-analyzer-conditions';
import type { AA_STATEMENT_RULES } from './access-analyzer-statements';
import type { accessAnalyzerTagRules } from './access-analyzer-tags';
import type { arnRules } from './arn';
import type { cleanroomsRules } from './cleanrooms';
import type { consistencyRules } from './consistency';
import type { GRAMMAR_RULES } from './grammar/meta';
import type { IAM_DATA_RULES } from './iam-data/meta';
import type { placeholderRules } from './placeholders';

type IdOf<T extends readonly { id: string }[]> = T[number]['id'];

/** The id of a rule of one of the rule families (what RuleContext.report takes). */
export type RuleId =
  | IdOf<(typeof placeholderRules)['rules']>
  | IdOf<typeof GRAMMAR_RULES>
  | IdOf<(typeof arnRules)['rules']>
  | IdOf<(typeof cleanroomsRules)['rules']>
  | IdOf<(typeof consistencyRules)['rules']>
  | IdOf<typeof IAM_DATA_RULES>
  | IdOf<typeof AA_STATEMENT_RULES>
  | IdOf<(typeof accessAnalyzerConditionRules)['rules']>
  | IdOf<(typeof accessAnalyzerTagRules)['rules']>;
