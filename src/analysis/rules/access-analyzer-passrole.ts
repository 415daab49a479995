// Rule family "access-analyzer-passrole": the IAM Access Analyzer security warnings on iam:PassRole and
// iam:CreateServiceLinkedRole granted on every resource, and the managed-policy size quota.
// Source: shared/reference/cleanrooms-iam-facts.md §4.6 (PASS_ROLE_WITH_STAR_IN_RESOURCE and variants,
// POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA), IAM User Guide "IAM policy validation check reference".
import { globMatch } from '../../iam-data/glob';
import { stringItems } from '../json';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';

const AA_CHECKS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';
const QUOTAS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html';
/** Managed policy size quota: 6,144 characters, whitespace not counted (facts §4.6). */
export const MANAGED_POLICY_MAX_CHARS = 6144;

/** True when an action pattern (IAM wildcards `*` and `?`, case-insensitive) matches `action`. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true); // not a RegExp: `*?*?*?…x` backtracked exponentially
}

function isAllow(st: StatementModel): boolean {
  return st.effect?.type === 'string' && st.effect.value === 'Allow';
}

export const accessAnalyzerPassRoleRules: RuleFamily = {
  name: 'access-analyzer-passrole',
  rules: [
    { id: 'aa-pass-role-star-resource', severity: 'info', accessAnalyzer: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', title: 'iam:PassRole on every resource', description: 'An Allow statement grants iam:PassRole (directly or through an iam: wildcard action) on Resource "*": the principal can pass any role in the account to any service. Name the role ARNs, or add an iam:PassedToService condition. Info: this is often intended (AWS managed policies do it with a condition), but Access Analyzer reports it as a security warning.', docUrl: AA_CHECKS },
    { id: 'aa-pass-role-not-resource', severity: 'info', accessAnalyzer: 'PASS_ROLE_WITH_NOT_RESOURCE', title: 'iam:PassRole with NotResource', description: 'An Allow statement grants iam:PassRole (directly or through an iam: wildcard action) with NotResource: it can pass every role not listed. List the roles in Resource instead.', docUrl: AA_CHECKS },
    { id: 'aa-create-slr-star-resource', severity: 'info', accessAnalyzer: 'CREATE_SLR_WITH_STAR_IN_RESOURCE', title: 'iam:CreateServiceLinkedRole on every resource', description: 'An Allow statement grants iam:CreateServiceLinkedRole on Resource "*": the principal can create the service-linked role of any service. Name the service-linked role ARN, or add an iam:AWSServiceName condition.', docUrl: AA_CHECKS },
    { id: 'aa-policy-size-identity', severity: 'warning', accessAnalyzer: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', title: 'Managed policy over the 6,144-character quota', description: 'A customer managed policy may have at most 6,144 characters, whitespace not counted; IAM rejects a larger one. Split it into several policies. (Inline policies have other quotas: 2,048 for a user, 10,240 in total for a role.)', docUrl: QUOTAS },
  ],
  check(ctx) {
    policySize(ctx);
    for (const st of ctx.model.statements) {
      if (!isAllow(st)) continue;
      const actions = stringItems(st.action);
      // Only `iam:` patterns: a bare `*` action is Access Analyzer's separate STAR_IN_ACTION variant.
      const iam = actions.filter((a) => /^iam:/i.test(a.value));
      const passRole = iam.find((a) => actionPatternMatches(a.value, 'iam:PassRole'));
      const slr = iam.find((a) => actionPatternMatches(a.value, 'iam:CreateServiceLinkedRole'));
      const starResource = stringItems(st.resource).find((r) => r.value === '*');
      if (passRole && starResource) {
        ctx.reportNode('aa-pass-role-star-resource', passRole.node, `${JSON.stringify(passRole.value)} grants iam:PassRole on Resource "*": any role can be passed to any service. Name the role ARNs in Resource, or add a Condition on iam:PassedToService.`);
      }
      if (passRole && st.notResource) {
        ctx.reportNode('aa-pass-role-not-resource', passRole.node, `${JSON.stringify(passRole.value)} grants iam:PassRole with NotResource: every role not listed can be passed. List the roles in Resource instead of NotResource.`);
      }
      if (slr && starResource) {
        ctx.reportNode('aa-create-slr-star-resource', slr.node, `${JSON.stringify(slr.value)} grants iam:CreateServiceLinkedRole on Resource "*": the service-linked role of any service can be created. Name the role ARN (arn:aws:iam::*:role/aws-service-role/<service>.amazonaws.com/*) or add a Condition on iam:AWSServiceName.`);
      }
    }
  },
};

function policySize(ctx: RuleContext): void {
  const m = ctx.model;
  if (m.kind !== 'permissions' || m.resourcePolicy) return;
  const text = m.text.slice(m.root.offset, m.root.offset + m.root.length);
  const size = text.replace(/\s/g, '').length;
  if (size <= MANAGED_POLICY_MAX_CHARS) return;
  const key = m.root.children?.[0];
  const at = key ?? m.root;
  ctx.report('aa-policy-size-identity', at.offset, Math.min(at.length, 1), `This policy has ${size} characters without whitespace; a managed policy may have at most ${MANAGED_POLICY_MAX_CHARS}, so IAM rejects it. Split the statements into several policies.`);
}
