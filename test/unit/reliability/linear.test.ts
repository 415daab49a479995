// Repetition-heavy strings: the string helpers that scan for `${…}`, `<…>` and `{{…}}` do work linear in the input.
// Scaling is compared between n and 16n with a generous factor (linear: ~16x; the old quadratic code: ~256x), on CPU
// time of the best of three runs, so a noisy machine does not flake it.
import { strict as assert } from 'node:assert';
import { stripVariables } from '../../../src/analysis/arn/parse';
import { findComments, maskDeepValues, scanShape } from '../../../src/analysis/json';
import { substitute } from '../../../src/evaluate/evaluate';
import { findPlaceholders } from '../../../src/fill/detect';
import { tokenizePolicyArn } from '../../../src/iam-data/arn-match';
import { globMatch } from '../../../src/iam-data/glob';

function bestCpuMs(fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

/** Asserts that `run(unit.repeat(16n))` costs well under 16^2 times `run(unit.repeat(n))`. */
export function assertLinear(unit: string, run: (s: string) => void, n = 2_000): void {
  const small = unit.repeat(n);
  const big = unit.repeat(16 * n);
  run(small); // warm up
  const a = Math.max(
    bestCpuMs(() => run(small)),
    1,
  );
  const b = bestCpuMs(() => run(big));
  assert.ok(b / a < 80, `${JSON.stringify(unit)} x${16 * n}: ${b.toFixed(1)} ms vs ${a.toFixed(1)} ms for x${n} (ratio ${(b / a).toFixed(1)}, linear is ~16)`);
}

describe('reliability: linear scans on repetition-heavy strings', function () {
  this.timeout(60_000);

  it('stripVariables keeps the regex semantics', () => {
    assert.equal(stripVariables('a${x}b${y}c${z'), 'abc${z');
    assert.equal(stripVariables('${aws:username}*'), '*');
    assert.equal(stripVariables('a${}b'), 'ab');
    assert.equal(stripVariables('${a${b}c}'), 'c}');
    assert.equal(stripVariables('plain'), 'plain');
  });

  for (const unit of ['${', '${a', '$', '${}${']) {
    it(`stripVariables is linear on ${JSON.stringify(unit)} repeated`, () => assertLinear(unit, (s) => void stripVariables(s)));
  }

  // Issue 12 item 7 and the scans of the same shape (an opener searched for its closer once per opener).
  for (const unit of ['<', '<a', '${', '{{', '{{a}', '$'] as const) {
    it(`tokenizePolicyArn is linear on ${JSON.stringify(unit)} repeated`, () => assertLinear(unit, (s) => void tokenizePolicyArn('arn:aws:s3:::' + s)));
  }
  it('tokenizePolicyArn keeps its semantics (placeholder, variable and braces runs; unmatched openers are literal)', () => {
    const ANY = -2;
    assert.deepEqual(tokenizePolicyArn('a<b>c'), [97, ANY, 99]);
    assert.deepEqual(tokenizePolicyArn('<<b>'), [ANY]);
    assert.deepEqual(tokenizePolicyArn('<>'), [60, 62]);
    assert.deepEqual(tokenizePolicyArn('${x}${'), [ANY, 36, 123]);
    assert.deepEqual(tokenizePolicyArn('{{a}}{{'), [ANY, 123, 123]);
    assert.deepEqual(tokenizePolicyArn('x<'), [120, 60]);
  });
  for (const unit of ['<a>', '<', '{{a}}', '{{', '111122223333-', 'amzn-s3-demo-'] as const) {
    it(`findPlaceholders is linear on a value of ${JSON.stringify(unit)} repeated`, () =>
      assertLinear(unit, (s) => void findPlaceholders(JSON.stringify({ Statement: [{ Resource: 'arn:aws:s3:::' + s }] })), 1_000));
  }
  it('globMatch is polynomial on *?*?…x (a RegExp backtracked exponentially)', () => {
    const t = process.cpuUsage();
    assert.equal(globMatch('*?'.repeat(200) + 'x', 'iam:CreateServiceLinkedRole', true), false);
    assert.ok(process.cpuUsage(t).user < 2_000_000);
    assert.equal(globMatch('iam:*Role', 'IAM:PassRole', true), true);
    assert.equal(globMatch('iam:*Role', 'IAM:PassRole'), false);
    assert.equal(globMatch('a?c', 'abc'), true);
    assert.equal(globMatch('a?c', 'ac'), false);
    assert.equal(globMatch('*', ''), true);
    assert.equal(globMatch('a**b', 'axxb'), true);
  });
  it('the evaluator substitutes ${ repeated without } in linear time', () => assertLinear('${', (s) => void substitute(s, () => ({ state: 'unknown' }), true)));
  for (const unit of ['//\r', '/*', '"\\', '"//', '\r"'] as const) {
    it(`findComments / scanShape / maskDeepValues are linear on ${JSON.stringify(unit)} repeated`, () =>
      assertLinear(unit, (s) => {
        findComments(s);
        scanShape(s);
        maskDeepValues('['.repeat(300) + s);
      }));
  }
});
