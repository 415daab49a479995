import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { accessAnalyzerPassRoleRules, actionPatternMatches, MANAGED_POLICY_MAX_CHARS } from '../../src/analysis/rules/access-analyzer-passrole';
import { j, one } from './helpers/rules';

const perms = (...statements: Array<Record<string, unknown>>) => j({ Version: '2012-10-17', Statement: statements });
const rulesOf = (text: string) => analyze(text).findings.filter((f) => f.rule.startsWith('aa-'));

describe('rules: access-analyzer-passrole', () => {
  it('every rule records its Access Analyzer issue code', () => {
    for (const r of accessAnalyzerPassRoleRules.rules) assert.match(r.accessAnalyzer ?? '', /^[A-Z_]+$/, r.id);
  });

  it('actionPatternMatches: IAM wildcards, case-insensitive, nothing else', () => {
    const rows: Array<[string, boolean]> = [
      ['iam:PassRole', true], ['IAM:passrole', true], ['iam:Pass*', true], ['iam:*', true], ['iam:P?ssRole', true], ['*', true],
      ['iam:PassRoles', false], ['iam:Pass', false], ['iam:P.ssRole', false], ['iam:GetRole', false], ['sts:PassRole', false],
    ];
    for (const [p, want] of rows) assert.equal(actionPatternMatches(p, 'iam:PassRole'), want, p);
  });

  const cases: Array<{ name: string; st: Record<string, unknown>; rule?: string; at?: string }> = [
    { name: 'PassRole on *', st: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, rule: 'aa-pass-role-star-resource', at: '"iam:PassRole"' },
    { name: 'iam:Pass* on * in a list', st: { Effect: 'Allow', Action: ['iam:GetRole', 'iam:Pass*'], Resource: ['arn:aws:iam::246813579024:role/x', '*'] }, rule: 'aa-pass-role-star-resource', at: '"iam:Pass*"' },
    { name: 'PassRole on a role ARN', st: { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::246813579024:role/x' } },
    { name: 'PassRole on role/*: not the bare star', st: { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::246813579024:role/*' } },
    { name: 'Deny PassRole on *', st: { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' } },
    { name: 'bare * action (other AA code)', st: { Effect: 'Allow', Action: '*', Resource: '*' } },
    { name: 'iam:GetRole on *', st: { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' } },
    { name: 'PassRole with NotResource', st: { Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::246813579024:role/admin' }, rule: 'aa-pass-role-not-resource', at: '"iam:PassRole"' },
    { name: 'Deny PassRole with NotResource', st: { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::246813579024:role/admin' } },
    { name: 'CreateServiceLinkedRole on *', st: { Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*' }, rule: 'aa-create-slr-star-resource', at: '"iam:CreateServiceLinkedRole"' },
    { name: 'CreateServiceLinkedRole on a role path', st: { Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/elasticache.amazonaws.com/*' } },
  ];
  for (const c of cases) {
    it(`${c.rule ? 'flags' : 'passes'}: ${c.name}`, () => {
      const text = perms(c.st);
      if (c.rule) {
        one(text, c.rule, 'info', c.at!);
        assert.equal(rulesOf(text).length, 1, JSON.stringify(rulesOf(text).map((f) => f.rule)));
      } else assert.deepEqual(rulesOf(text).map((f) => f.rule), []);
    });
  }

  // A policy of exactly `n` non-whitespace characters: pad a Sid.
  function sized(n: number): string {
    const base = (sid: string) => perms({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-data/*' });
    const len = (t: string) => t.replace(/\s/g, '').length;
    const text = base('A'.repeat(n - len(base(''))));
    assert.equal(len(text), n);
    return text;
  }
  it(`policy size: ${MANAGED_POLICY_MAX_CHARS} passes, ${MANAGED_POLICY_MAX_CHARS + 1} is flagged`, () => {
    assert.equal(MANAGED_POLICY_MAX_CHARS, 6144);
    assert.deepEqual(rulesOf(sized(6144)).map((f) => f.rule), []);
    const f = one(sized(6145), 'aa-policy-size-identity', 'warning', '"');
    assert.match(f.message, /6145 .*6144/);
  });
  it('policy size: whitespace is not counted', () => {
    const t = sized(6144).replace(/\n/g, '\n' + ' '.repeat(2000));
    assert.ok(t.length > 6144 * 2);
    assert.deepEqual(rulesOf(t).map((f) => f.rule), []);
  });
  it('policy size: a trust policy is not measured against the managed-policy quota', () => {
    const t = j({ Version: '2012-10-17', Statement: [{ Sid: 'A'.repeat(7000), Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    assert.deepEqual(rulesOf(t).map((f) => f.rule), []);
  });
});

describe('sarif: Access Analyzer issue code as a result property', () => {
  it('results of a rule with an issue code carry it; others carry none', async () => {
    const { formatSarif, relativeUri } = await import('../../src/cli/format');
    const { lintText } = await import('../../src/cli/report');
    const { allRules } = await import('../../src/analysis/rules');
    const text = perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/*' });
    const r = lintText('p.json', text);
    assert.ok('report' in r);
    const sarif = JSON.parse(formatSarif([r.report], { toolName: 't', version: '1.0.0', informationUri: 'https://example.invalid', rules: allRules(), artifactUri: relativeUri }));
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties?: { accessAnalyzerIssueCode?: string } }>;
    const pass = results.find((x) => x.ruleId === 'aa-pass-role-star-resource');
    assert.equal(pass?.properties?.accessAnalyzerIssueCode, 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    const token = results.find((x) => x.ruleId === 'placeholder-token');
    assert.ok(token, 'placeholder-token result present');
    assert.equal(token.properties, undefined);
  });
});

describe('rule metas: Access Analyzer issue codes of the existing grammar rules', () => {
  it('map to the §4.6 codes they correspond to', async () => {
    const { RULES_BY_ID } = await import('../../src/analysis/rules');
    const rows: Array<[string, string]> = [
      ['grammar-version', 'INVALID_VERSION'], ['grammar-statement-missing', 'MISSING_STATEMENT'], ['grammar-effect', 'INVALID_EFFECT'],
      ['grammar-action-missing', 'MISSING_ACTION'], ['grammar-resource-in-trust', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'],
      ['grammar-not-principal-in-trust', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL'], ['grammar-sid-characters', 'UNSUPPORTED_SID'],
      ['grammar-condition-operator', 'INVALID_CONDITION_OPERATOR'], ['aa-policy-size-identity', 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'],
    ];
    for (const [id, code] of rows) assert.equal(RULES_BY_ID.get(id)?.accessAnalyzer, code, id);
  });
});
