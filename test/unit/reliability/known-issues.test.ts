// Reproductions of the bugs the fuzzers found in code owned by other engineers (see KNOWN_ISSUES in support.ts).
// Pending until their owners fix them: then remove the `.skip`, and the KNOWN_ISSUES entry.
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/analysis';
import { applyEdits } from '../../../src/fill/apply';
import { iamIndex, KNOWN_ISSUES, resultViolations } from './support';

describe('reliability: known issues (pending until fixed by their owners)', () => {
  it('every known issue names an owner and says what is wrong', () => {
    for (const k of KNOWN_ISSUES) assert.ok(k.owner && k.summary.length > 40, k.id);
  });

  it.skip('grammar-duplicate-key-first-node: a valid first "Version" is not reported when a later duplicate is invalid', () => {
    const text = '{"Version":"2012-10-17","Statement":[],"Version":""}';
    const r = analyze(text);
    // Expected: grammar-version on the second (empty) Version at offset 49, or only grammar-duplicate-key.
    // Actual: grammar-version on offset 11 ("2012-10-17"), with a fix that rewrites it to the same text.
    const v = r.findings.filter((f) => f.rule === 'grammar-version');
    for (const f of v) assert.notEqual(f.offset, 11);
    for (const f of r.findings) for (const fix of f.fixes ?? []) assert.notEqual(applyEdits(text, fix.edits), text, `${f.rule}: no-op fix`);
  });

  it.skip('grammar-duplicate-key-first-node: "Effect" twice, the first "Allow" is not called invalid', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":["Allow"],"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*"}]}';
    const r = analyze(text);
    // Actual: grammar-effect 'Effect "Allow" is not valid ... Did you mean "Allow"?' on the first value, fix is a no-op.
    assert.ok(!r.findings.some((f) => f.rule === 'grammar-effect' && f.offset === text.indexOf('"Allow"') + 1));
  });

  it.skip('grammar-rename-fix-conflict: no "Change to Resource" fix when the statement has NotResource', () => {
    const text = '{"Statement":[{"NotResource":"","resource":"2012-10-17"}]}';
    const f = analyze(text).findings.find((x) => x.rule === 'grammar-unknown-element')!;
    // Actual: fix "Change to \"Resource\"" (preferred), which yields Resource + NotResource (grammar-resource-both).
    for (const fix of f.fixes ?? []) {
      const after = applyEdits(text, fix.edits);
      assert.ok(!analyze(after).findings.some((x) => x.rule === 'grammar-resource-both'), fix.title);
    }
  });

  it.skip('iam-action-pattern-regexp-too-large: a 40,000-character wildcard action does not make iam-data throw', function () {
    if (!iamIndex()) this.skip();
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:GenerateDataKey*' + 'a'.repeat(40_000), Resource: '*' }] });
    const r = analyze(text, { iam: iamIndex() });
    // Actual: one internal-error finding: 'Internal error in rule family "iam-data": Invalid regular expression: /^GenerateDataKey.*aaaa…/'.
    assert.deepEqual(resultViolations(text, r), []);
  });
});
