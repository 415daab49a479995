// scanShape (src/analysis/json.ts): the pre-parse pass that lets analyze() drop non-policies without building a
// tree. It may answer "maybe" too often, never "no" for a document the parser would see as a policy.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { analyze } from '../../src/analysis';
import { MAX_DEPTH, scanShape } from '../../src/analysis/json';
import { isPolicyRoot } from '../../src/analysis/model';

describe('scanShape: top-level Statement before parsing', () => {
  it('answers yes for a policy and no for Statement below the top level', () => {
    assert.equal(scanShape('{"Version":"2012-10-17","Statement":[]}').topLevelStatement, true);
    assert.equal(scanShape('\uFEFF// c\n{ /* "x" */ "Statement" : {} }').topLevelStatement, true);
    const cfn = '{"Resources":{"R":{"Properties":{"PolicyDocument":{"Statement":[]}}}},"Sid":"x"}';
    assert.equal(scanShape(cfn).topLevelStatement, false);
    assert.deepEqual(analyze(cfn), { kind: 'not-a-policy', findings: [] });
    assert.equal(scanShape('[{"Statement":[]}]').topLevelStatement, false);
    assert.equal(scanShape('"Statement"').topLevelStatement, false);
    assert.equal(scanShape('{"a":1} // "Statement"').topLevelStatement, false);
  });

  it('leaves to the parser what only its error recovery decides', () => {
    assert.equal(scanShape('{"a":[1}, "Statement":[]}').topLevelStatement, undefined); // mismatched bracket
    assert.equal(scanShape('{"a":1} {"Statement":[]}').topLevelStatement, undefined); // text after the root
    assert.equal(scanShape('{"a":"x\n, "Statement":[]}').topLevelStatement, undefined); // unterminated string
    assert.equal(scanShape('-{"Statement":[]}').topLevelStatement, undefined); // parser skips the invalid symbol
    assert.equal(scanShape('{"St\\u0061tement":[]}').topLevelStatement, true); // an escaped key may be Statement
  });

  it('bounds the nesting without recursion', () => {
    const deep = '{"Statement":[' + '['.repeat(10000) + ']'.repeat(10000) + ']}';
    assert.equal(scanShape(deep).tooDeep, 14 + MAX_DEPTH - 2); // the 257th opening bracket
    // Still a policy (issue 12 item 9): the deep value is reported and the rest analysed.
    assert.equal(analyze(deep).kind, 'permissions');
    for (const o of [{}, { forcePolicy: true }]) {
      assert.deepEqual(
        analyze(deep, o)
          .findings.filter((f) => f.rule === 'json-too-deep')
          .map((f) => f.offset),
        [14 + MAX_DEPTH - 2],
      );
    }
  });

  it('never says no where the parser finds a top-level Statement (fuzzed, fixed seed)', function () {
    this.timeout(30000); // a few hundred ms idle; the shared machine can be much slower
    const piece = fc.oneof(
      fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '\n', '\r', '\\', '/', '*', '-', '"Statement"', 'Statement', '1', 'true', '"a"', '\uFEFF'),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const shape = scanShape(text);
        if (shape.topLevelStatement !== false) return;
        const root = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, [], { allowTrailingComma: false, disallowComments: false });
        assert.ok(!isPolicyRoot(root), `scanShape said no, the parser found a policy root: ${JSON.stringify(text)}`);
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });
});
