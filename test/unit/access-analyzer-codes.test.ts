// Every IAM Access Analyzer issue code is computed offline by a rule, or documented as not offline with the reason
// (issue 11). The table is src/analysis/access-analyzer.ts; docs/rules.md is generated from it.
import { strict as assert } from 'node:assert';
import { ACCESS_ANALYZER_CODES, codesForRule, rulesForCode } from '../../src/analysis/access-analyzer';
import { allRules, RULES_BY_ID } from '../../src/analysis';

describe('Access Analyzer issue codes', () => {
  it('are listed once each, in the ValidatePolicy form', () => {
    const codes = ACCESS_ANALYZER_CODES.map((c) => c.code);
    assert.equal(new Set(codes).size, codes.length, 'duplicate code');
    for (const c of codes) assert.match(c, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(codes.length >= 150, `${codes.length} codes: the reference lists more`);
  });

  it('every code a rule meta names is in the table, and every rule the table names exists', () => {
    const known = new Set(ACCESS_ANALYZER_CODES.map((c) => c.code));
    for (const r of allRules()) if (r.accessAnalyzer) assert.ok(known.has(r.accessAnalyzer), `${r.id}: unknown code ${r.accessAnalyzer}`);
    for (const c of ACCESS_ANALYZER_CODES) for (const id of c.rules ?? []) assert.ok(RULES_BY_ID.has(id), `${c.code}: no rule ${id}`);
  });

  it('every code has a rule, or a reason it is not computed offline (never both)', () => {
    const uncovered = ACCESS_ANALYZER_CODES.filter((c) => !c.offline && rulesForCode(c.code).length === 0).map((c) => c.code);
    assert.deepEqual(uncovered, [], 'codes with neither a rule nor a reason');
    const both = ACCESS_ANALYZER_CODES.filter((c) => c.offline && rulesForCode(c.code).length > 0).map((c) => c.code);
    assert.deepEqual(both, [], 'codes marked not offline that a rule covers');
    for (const c of ACCESS_ANALYZER_CODES) if (c.offline) assert.ok(c.offline.length > 40, `${c.code}: say why`);
  });

  it('maps both ways consistently', () => {
    for (const c of ACCESS_ANALYZER_CODES) for (const id of rulesForCode(c.code)) assert.ok(codesForRule(id).includes(c.code), `${id} / ${c.code}`);
    assert.deepEqual(codesForRule('iam-unknown-condition-key').slice(0, 1), ['INVALID_SERVICE_CONDITION_KEY']);
  });
});
