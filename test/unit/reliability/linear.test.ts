// Repetition-heavy strings: the string helpers that scan for `${…}`, `<…>` and `{{…}}` do work linear in the input.
// Scaling is compared between n and 16n with a generous factor (linear: ~16x; the old quadratic code: ~256x), on CPU
// time of the best of three runs, so a noisy machine does not flake it.
import { strict as assert } from 'node:assert';
import { stripVariables } from '../../../src/analysis/arn/parse';

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
  const a = Math.max(bestCpuMs(() => run(small)), 1);
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
});
