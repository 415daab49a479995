// Rule ids (src/analysis/rules/ids.ts) and rule severities: a misspelt id fails to compile, an unknown one still fails
// at run time, and every finding has the severity its rule documents (a variant at another severity is its own rule).
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import type { RuleContext, RuleFamily, RuleId } from '../../src/analysis/rule';
import { allRules, RULE_FAMILIES, RULES_BY_ID } from '../../src/analysis/rules';
import type { Finding } from '../../src/analysis/types';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const j = (o: unknown): string => JSON.stringify(o, null, 2);
const policy = (...statements: Array<Record<string, unknown>>): string => j({ Version: '2012-10-17', Statement: statements });
const under = (text: string, f: Finding): string => text.substr(f.offset, f.length);

/** Type-level checks: tsc (npm run typecheck, which covers test/) compiles this function; it never runs. */
export function typeChecks(ctx: RuleContext): RuleId[] {
  ctx.report('placeholder-token', 0, 1, 'a known id');
  ctx.report('aa-pass-role-star-resource', 0, 1, 'an id the access-analyzer-statements family builds from a template');
  // @ts-expect-error -- 'typo-id' is not a rule id: a misspelt id is a compile error
  ctx.report('typo-id', 0, 1, 'message');
  // @ts-expect-error -- a near miss of placeholder-token
  ctx.reportNode('placeholder-tokens', ctx.model.root, 'message');
  // @ts-expect-error -- the template ids exist only for the documented variants
  ctx.hasFindingAt(0, ['aa-pass-role-everywhere']);
  // @ts-expect-error -- a finding has its rule's severity: no per-finding override
  ctx.report('placeholder-token', 0, 1, 'message', { severity: 'info' });
  return ['iam-operator-type-as-text', 'grammar-condition-operator-case'];
}

describe('rule ids', () => {
  it('typeChecks: the ids it compiles are rules, the ids tsc must reject are not (so each @ts-expect-error is about the id)', () => {
    const calls: Array<{ id: RuleId; extras?: unknown }> = [];
    const fake = {
      model: { root: {} },
      report: (id: RuleId, _o: number, _l: number, _m: string, extras?: unknown) => calls.push({ id, extras }),
      reportNode: (id: RuleId) => calls.push({ id }),
      hasFindingAt: (_o: number, ids?: readonly RuleId[]) => (ids ?? []).forEach((id) => calls.push({ id })),
    } as unknown as RuleContext;
    const returned = typeChecks(fake);
    const rejected = ['typo-id', 'placeholder-tokens', 'aa-pass-role-everywhere'];
    assert.deepEqual(
      calls.map((c) => c.id),
      ['placeholder-token', 'aa-pass-role-star-resource', ...rejected, 'placeholder-token'],
    );
    for (const c of calls) assert.equal(RULES_BY_ID.has(c.id), !rejected.includes(c.id), c.id);
    assert.deepEqual(calls[calls.length - 1].extras, { severity: 'info' });
    for (const id of returned) assert.ok(RULES_BY_ID.has(id), id);
  });

  it('an unknown id still fails at run time: the family is reported as an internal error', () => {
    const rogue: RuleFamily = {
      name: 'rogue',
      rules: [],
      check(ctx) {
        (ctx.report as (id: string, offset: number, length: number, message: string) => void)('typo-id', 0, 1, 'message');
      },
    };
    RULE_FAMILIES.push(rogue);
    try {
      const f = analyze(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-sales-data/*' })).findings;
      const internal = f.filter((x) => x.rule === 'internal-error');
      assert.equal(internal.length, 1, JSON.stringify(f.map((x) => x.rule)));
      assert.match(internal[0].message, /"rogue": unknown rule id typo-id/);
    } finally {
      RULE_FAMILIES.splice(RULE_FAMILIES.indexOf(rogue), 1);
    }
  });
});

describe('rule severities: each variant is its own rule, at its documented severity', () => {
  const ACCOUNT = '246813579024';
  const s3 = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-sales-data/*', ...extra });
  const bucketPolicy = (service: string, condition?: Record<string, unknown>) =>
    policy({ ...s3({ Principal: { Service: service } }), ...(condition ? { Condition: condition } : {}) });
  const gh = (sub: string) =>
    policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': sub },
      },
    });
  // [variant, its main rule, the variant's severity, a policy with the variant, its range, a policy with the main rule, its range]
  const cases: Array<[string, string, string, string, string, string, string]> = [
    [
      'aa-condition-region-unknown',
      'aa-condition-region-value',
      'info',
      policy(s3({ Condition: { StringEquals: { 'aws:RequestedRegion': 'us-north-9' } } })),
      'us-north-9',
      policy(s3({ Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east' } } })),
      'us-east',
    ],
    [
      'aa-service-principal-unusual',
      'aa-service-principal-format',
      'info',
      bucketPolicy('alexa-appkit.amazon.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
      'alexa-appkit.amazon.com',
      bucketPolicy('Lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
      'Lambda.amazonaws.com',
    ],
    [
      'aa-service-principal-unscoped-conditions',
      'aa-service-principal-unscoped',
      'info',
      bucketPolicy('cloudtrail.amazonaws.com', { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } }),
      'cloudtrail.amazonaws.com',
      bucketPolicy('cloudtrail.amazonaws.com'),
      'cloudtrail.amazonaws.com',
    ],
    [
      'aa-federated-assume-role',
      'aa-mismatched-action-for-principal',
      'info',
      policy({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` }, Action: 'sts:AssumeRole' }),
      'sts:AssumeRole',
      policy({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      'sts:AssumeRoleWithWebIdentity',
    ],
    [
      'aa-github-sub-ref-wildcard',
      'aa-github-sub-wildcard',
      'info',
      gh('repo:acme-analytics/reports:*'),
      'repo:acme-analytics/reports:*',
      gh('repo:acme-analytics/*'),
      'repo:acme-analytics/*',
    ],
    [
      'iam-operator-type-as-text',
      'iam-operator-type-mismatch',
      'info',
      policy(s3({ Condition: { StringEquals: { 'aws:SecureTransport': 'true' } } })),
      'aws:SecureTransport',
      policy(s3({ Condition: { StringEquals: { 'aws:ViaAWSService': 'amplify.amazonaws.com' } } })),
      'aws:ViaAWSService',
    ],
    [
      'grammar-condition-operator-case',
      'grammar-condition-operator',
      'warning',
      policy(s3({ Condition: { stringequals: { 's3:ResourceAccount': ACCOUNT } } })),
      'stringequals',
      policy(s3({ Condition: { StringEqual: { 's3:ResourceAccount': ACCOUNT } } })),
      'StringEqual',
    ],
  ];
  for (const [variant, main, severity, text, at, mainText, mainAt] of cases) {
    it(`${variant}: ${severity}, documented so, where ${main} (${RULES_BY_ID.get(main)?.severity}) does not fire`, () => {
      const meta = RULES_BY_ID.get(variant)!;
      assert.equal(meta.severity, severity, `${variant}: documented severity`);
      assert.notEqual(RULES_BY_ID.get(main)!.severity, severity, `${main} has another severity`);
      const found = analyze(text, { iam }).findings;
      const hits = found.filter((f) => f.rule === variant);
      assert.deepEqual(
        hits.map((f) => [f.severity, under(text, f)]),
        [[severity, at]],
        JSON.stringify(found.map((f) => [f.rule, f.severity, under(text, f)])),
      );
      assert.deepEqual(
        found.filter((f) => f.rule === main).map((f) => under(text, f)),
        [],
        `${main} fires too`,
      );
      // The main variant keeps the old id (so settings keep working), at its own documented severity.
      const mainHits = analyze(mainText, { iam }).findings.filter((f) => f.rule === main || f.rule === variant);
      assert.deepEqual(
        mainHits.map((f) => [f.rule, f.severity, under(mainText, f)]),
        [[main, RULES_BY_ID.get(main)!.severity, mainAt]],
      );
    });
  }

  it("no finding of any rule's example has a severity other than its rule's documented one (no override set)", () => {
    let n = 0;
    for (const r of allRules()) {
      const found = analyze(r.example, { iam, ...r.exampleOptions }).findings;
      for (const f of found) {
        n++;
        if (f.rule === 'internal-error') assert.fail(`${r.id}'s example: ${f.message}`);
        assert.equal(f.severity, RULES_BY_ID.get(f.rule)?.severity, `${r.id}'s example: ${f.rule} at ${f.severity}`);
      }
    }
    assert.ok(n >= allRules().length, `only ${n} findings over ${allRules().length} examples`);
  });
});
