// The one condition-operator parser (src/analysis/condition-operators.ts), shared by the rule families, ARN
// collection, completion and the evaluator.
import { strict as assert } from 'node:assert';
import { ARN_CONDITION_KEYS, BASE_OPERATORS, parseOperator, validOperatorNames } from '../../src/analysis/condition-operators';
import { findConditionKey } from '../../src/iam-data';
import { loadTestIamIndex } from './helpers/iam';

describe('condition operators: one parser', () => {
  it('splits the set prefix, the base and IfExists, exact case', () => {
    assert.deepEqual(parseOperator('ForAnyValue:ArnEqualsIfExists'), {
      text: 'ForAnyValue:ArnEqualsIfExists',
      prefix: 'ForAnyValue:',
      base: 'ArnEquals',
      ifExists: true,
      known: true,
      family: 'arn',
    });
    assert.deepEqual(parseOperator('NumericLessThan'), {
      text: 'NumericLessThan',
      prefix: '',
      base: 'NumericLessThan',
      ifExists: false,
      known: true,
      family: 'numeric',
    });
    // Exact case: another spelling is not the operator.
    assert.equal(parseOperator('stringequals').known, false);
    assert.equal(parseOperator('forallvalues:StringEquals').prefix, '');
    assert.equal(parseOperator('StringEqualsifexists').known, false);
  });

  it('takes one set prefix only, and IfExists is a suffix, not an operator', () => {
    const twice = parseOperator('ForAnyValue:ForAllValues:StringEquals');
    assert.equal(twice.prefix, 'ForAnyValue:');
    assert.equal(twice.known, false);
    assert.deepEqual([parseOperator('IfExists').base, parseOperator('IfExists').ifExists], ['IfExists', false]);
  });

  it('NullIfExists is known by its base but has no family (it is not an operator)', () => {
    const p = parseOperator('NullIfExists');
    assert.equal(p.base, 'Null');
    assert.equal(p.known, true);
    assert.equal(p.family, undefined);
    assert.equal(parseOperator('Null').family, 'null');
  });

  it('ignoreCase (the evaluator) returns the canonical prefix and base', () => {
    assert.deepEqual(parseOperator('forallvalues:stringlikeifexists', true), {
      text: 'forallvalues:stringlikeifexists',
      prefix: 'ForAllValues:',
      base: 'StringLike',
      ifExists: true,
      known: true,
      family: 'string',
    });
    assert.equal(parseOperator('NULL', true).base, 'Null');
    assert.equal(parseOperator('Nope', true).known, false);
  });

  it('every valid operator name parses as known, with a family, and each base has the family its name says', () => {
    for (const name of validOperatorNames()) {
      const p = parseOperator(name);
      assert.ok(p.known && p.family, name);
      assert.equal(p.prefix + p.base + (p.ifExists ? 'IfExists' : ''), name);
    }
    assert.equal(validOperatorNames().length, 3 * (2 * BASE_OPERATORS.length - 1));
    const families = Object.fromEntries(BASE_OPERATORS.map((b) => [b, parseOperator(b).family]));
    assert.equal(families.StringNotEqualsIgnoreCase, 'string');
    assert.equal(families.DateGreaterThanEquals, 'date');
    assert.equal(families.BinaryEquals, 'binary');
    assert.equal(families.NotIpAddress, 'ip');
    assert.equal(families.IpAddress, 'ip');
    assert.equal(families.Bool, 'bool');
    assert.equal(families.ArnNotLike, 'arn');
  });

  it('the built-in table of ARN condition keys agrees with the IAM data (so condition-* findings do not depend on it)', () => {
    const iam = loadTestIamIndex();
    for (const k of ARN_CONDITION_KEYS) assert.equal(findConditionKey(iam, k)?.type, 'ARN', k);
  });
});
