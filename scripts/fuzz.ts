// Long fuzzing runs of the reliability properties (the same ones the unit suite runs briefly with a fixed seed).
// Usage: npm run fuzz -- [--runs N] [--seed S] [--only name[,name]] [--list]
//   --runs N   runs per property (default 2000)
//   --seed S   fast-check seed (default: random, printed so a failure can be replayed)
//   --only     run only the named properties
//   --strict   do not tolerate the known issues listed in test/unit/reliability/support.ts (KNOWN_ISSUES)
import fc from 'fast-check';
import { PROPERTIES } from '../test/unit/reliability/properties';
import { KNOWN_HITS, KNOWN_ISSUES, STATS } from '../test/unit/reliability/support';

// Read at check time by support.ts (strictMode()).
if (process.argv.includes('--strict')) process.env.RELIABILITY_STRICT = '1';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

if (process.argv.includes('--list')) {
  for (const p of PROPERTIES) console.log(`${p.name.padEnd(24)} ${p.description}`);
  process.exit(0);
}

const runs = Number(arg('runs') ?? 2000);
const seed = arg('seed') !== undefined ? Number(arg('seed')) : Math.floor(Math.random() * 2 ** 31);
const only = arg('only')?.split(',');
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--only name,...] [--list]');
  process.exit(2);
}
const selected = PROPERTIES.filter((p) => !only || only.includes(p.name));
if (!selected.length) {
  console.error(`no property named ${only!.join(', ')}; try --list`);
  process.exit(2);
}

console.log(`fuzz: ${selected.length} properties x ${runs} runs, seed ${seed}`);
let failed = 0;
const t0 = performance.now();
for (const p of selected) {
  const t = performance.now();
  const calls = STATS.calls;
  const details = fc.check(p.property, { seed, numRuns: runs });
  const ms = performance.now() - t;
  if (details.failed) {
    failed++;
    console.log(`FAIL ${p.name} after ${details.numRuns} runs (${ms.toFixed(0)} ms)`);
    console.log(fc.defaultReportMessage(details));
    const err = details.errorInstance as Error | undefined;
    if (err) console.log(`cause: ${err.message ?? String(err)}`);
  } else {
    console.log(
      `ok   ${p.name.padEnd(24)} ${String(details.numRuns).padStart(6)} inputs  ${String(STATS.calls - calls).padStart(7)} analyze() calls  ${(ms / 1000).toFixed(1)} s`,
    );
  }
}
console.log(
  `\n${STATS.calls} analyze() calls, ${STATS.findings} findings, ${STATS.fixesChecked} fixes applied and re-checked; ` +
    `slowest call ${STATS.maxMs.toFixed(1)} ms on ${STATS.maxMsInputLength} chars; total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const top = [...STATS.byRule].sort((a, b) => b[1] - a[1]);
console.log(`findings by rule: ${top.map(([r, n]) => `${r} ${n}`).join(', ') || '(none)'}`);
for (const k of KNOWN_ISSUES) {
  const n = KNOWN_HITS.get(k.id);
  if (n) console.log(`known issue hit ${n}x (tolerated; --strict to fail): ${k.id} [${k.owner}]: ${k.summary}`);
}
if (failed) {
  console.log(`\n${failed} propert${failed === 1 ? 'y' : 'ies'} failed; replay with --seed ${seed} --runs ${runs}`);
  process.exit(1);
}
