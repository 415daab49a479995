// Table-driven boundary tests: each table pins one edge of a rule, so that a one-character change to the rule's pattern
// or its operator table fails here by name. They grew out of a sample of single-line mutations that the rest of the
// suite let through (issue 17): the account length, the set qualifiers, the KMS multi-Region key length, partition
// mismatches and the Date operator family (the doc-example bucket names are in rules-placeholders.test.ts).
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import type { Finding } from '../../src/analysis/types';
import { validateAccountId, validateKmsKeyId } from '../../src/catalog/placeholder-kinds';
import { loadTestIamIndex } from './helpers/iam';
import { j } from './helpers/rules';

const iam = loadTestIamIndex();
const policy = (statement: object): string => j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
const run = (text: string): Array<{ rule: string; severity: string; under: string }> =>
  analyze(text, { iam }).findings.map((f: Finding) => ({ rule: f.rule, severity: f.severity, under: text.substr(f.offset, f.length) }));
const MEMBERSHIP = 'membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';

describe('boundaries: account IDs are exactly 12 digits', () => {
  for (const [account, ok] of [
    ['21098765432', false],
    ['210987654321', true],
    ['2109876543210', false],
  ] as const) {
    it(`${account.length} digits: ${ok ? 'accepted' : 'rejected'} in an ARN and by the Fill validator`, () => {
      const text = policy({ Action: 'glue:GetDatabase', Resource: `arn:aws:glue:us-east-1:${account}:database/sales` });
      const found = run(text).filter((f) => f.rule === 'arn-account');
      assert.deepEqual(found, ok ? [] : [{ rule: 'arn-account', severity: 'error', under: account }]);
      assert.equal(validateAccountId(account) === undefined, ok, `validateAccountId(${account})`);
    });
  }
});

describe('boundaries: KMS multi-Region key IDs are mrk- plus exactly 32 hex digits', () => {
  for (const [digits, ok] of [
    [31, false],
    [32, true],
    [33, false],
  ] as const) {
    const key = 'mrk-' + '0123456789abcdef'.repeat(3).slice(0, digits);
    it(`${digits} hex digits: ${ok ? 'accepted' : 'rejected'} in a key ARN and by the Fill validator`, () => {
      const text = policy({ Action: 'kms:Decrypt', Resource: `arn:aws:kms:us-east-1:210987654321:key/${key}` });
      const found = run(text).filter((f) => f.rule === 'arn-resource');
      assert.deepEqual(found, ok ? [] : [{ rule: 'arn-resource', severity: 'error', under: key }]);
      assert.equal(validateKmsKeyId(key) === undefined, ok, `validateKmsKeyId(${key})`);
    });
  }
});

describe('boundaries: a Region of another partition is reported once, by the arn family', () => {
  const regionOf: Record<string, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };
  for (const partition of Object.keys(regionOf)) {
    for (const [other, region] of Object.entries(regionOf)) {
      if (other === partition) continue;
      it(`arn:${partition}:cleanrooms:${region}: arn-region, and not also cleanrooms-region`, () => {
        const text = policy({ Action: 'cleanrooms:GetMembership', Resource: `arn:${partition}:cleanrooms:${region}:210987654321:${MEMBERSHIP}` });
        assert.deepEqual(
          run(text).filter((f) => f.under === region),
          [{ rule: 'arn-region', severity: 'error', under: region }],
        );
      });
    }
  }
  it('a Region of the right partition where Clean Rooms does not run is cleanrooms-region', () => {
    const text = policy({ Action: 'cleanrooms:GetMembership', Resource: `arn:aws:cleanrooms:us-west-1:210987654321:${MEMBERSHIP}` });
    assert.deepEqual(
      run(text).filter((f) => f.under === 'us-west-1'),
      [{ rule: 'cleanrooms-region', severity: 'error', under: 'us-west-1' }],
    );
  });
});

describe('boundaries: every operator of every type-checked family, with every qualifier and IfExists', () => {
  // [operators, a key of another type, a key of this type, a value this family rejects, a value it accepts, the value rule]
  const families: Array<[string, string[], string, string, string, string, string | undefined]> = [
    [
      'Numeric',
      ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
      'aws:PrincipalTag/team',
      'aws:MultiFactorAuthAge',
      'abc',
      '3600',
      'aa-condition-number-value',
    ],
    [
      'Date',
      ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
      'aws:PrincipalTag/team',
      'aws:CurrentTime',
      'yesterday',
      '2026-01-01T00:00:00Z',
      'aa-condition-date-value',
    ],
    ['Bool', ['Bool'], 'aws:PrincipalTag/team', 'aws:SecureTransport', 'yes', 'true', 'aa-condition-boolean-value'],
    ['IP address', ['IpAddress', 'NotIpAddress'], 'aws:PrincipalTag/team', 'aws:SourceIp', '10.0.0.300', '203.0.113.0/24', 'aa-condition-ip-value'],
    [
      'String',
      ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
      'aws:MultiFactorAuthAge',
      'aws:PrincipalTag/team',
      '',
      'analytics',
      undefined,
    ],
  ];
  const TYPE_MISMATCH = /^iam-operator-type-mismatch/;
  for (const [family, operators, otherKey, ownKey, bad, good, valueRule] of families) {
    for (const base of operators) {
      for (const qualifier of ['', 'ForAnyValue:', 'ForAllValues:']) {
        for (const suffix of ['', 'IfExists']) {
          const op = qualifier + base + suffix;
          it(`${family}: ${op}`, () => {
            const cond = (key: string, value: string) => policy({ Action: 's3:GetObject', Resource: '*', Condition: { [op]: { [key]: value } } });
            // The operator is one IAM documents.
            const onOwn = run(cond(ownKey, good));
            assert.deepEqual(
              onOwn.filter((f) => f.rule === 'grammar-condition-operator' || TYPE_MISMATCH.test(f.rule) || f.rule === valueRule),
              [],
              `${op} on ${ownKey} = ${good}`,
            );
            // On a key of another type, the type mismatch is reported on the key.
            const onOther = run(cond(otherKey, good)).filter((f) => TYPE_MISMATCH.test(f.rule));
            assert.equal(onOther.length, 1, `${op} on ${otherKey}: ${JSON.stringify(onOther)}`);
            assert.equal(onOther[0].under, otherKey);
            // A value the family cannot parse is reported on the value.
            if (valueRule) {
              const onBad = run(cond(ownKey, bad)).filter((f) => f.rule === valueRule);
              assert.deepEqual(
                onBad.map((f) => f.under),
                [bad],
                `${op} on ${ownKey} = ${bad}`,
              );
            }
          });
        }
      }
    }
  }
  // A case-only difference is grammar-condition-operator-case (warning), its own rule; any other misspelling is an error.
  for (const [op, rule] of [
    ['ForAnyvalue:StringEquals', 'grammar-condition-operator-case'],
    ['ForAllValue:StringEquals', 'grammar-condition-operator'],
    ['DateGreaterThanEqual', 'grammar-condition-operator'],
    ['NumericGreaterThenEquals', 'grammar-condition-operator'],
    ['StringEqualsIfexists', 'grammar-condition-operator-case'],
  ]) {
    it(`a misspelt operator is ${rule}: ${op}`, () => {
      const text = policy({ Action: 's3:GetObject', Resource: '*', Condition: { [op]: { 'aws:PrincipalTag/team': 'a' } } });
      assert.deepEqual(
        run(text)
          .filter((f) => f.rule.startsWith('grammar-condition-operator'))
          .map((f) => [f.rule, f.under]),
        [[rule, op]],
      );
    });
  }
  for (const qualifier of ['ForAnyValue:', 'ForAllValues:']) {
    it(`${qualifier}Null is grammar-null-qualifier; plain Null is not`, () => {
      const t = (op: string) => policy({ Action: 's3:GetObject', Resource: '*', Condition: { [op]: { 'aws:PrincipalTag/team': 'true' } } });
      assert.deepEqual(
        run(t(`${qualifier}Null`))
          .filter((f) => f.rule === 'grammar-null-qualifier')
          .map((f) => f.under),
        [`${qualifier}Null`],
      );
      assert.deepEqual(
        run(t('Null')).filter((f) => f.rule.startsWith('grammar-')),
        [],
      );
    });
  }
});
