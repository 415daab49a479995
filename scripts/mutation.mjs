// `npm run test:mutation`: StrykerJS mutation testing of the engine (stryker.config.json), not part of `npm test`.
// StrykerJS 10 needs Node >= 22, so it runs on the project's own Node 24 from the tools folder (installed on first use by
// scripts/integration/provision.mjs, the same one the integration suite uses), in an environment of its own (toolEnv).
// Incremental: reports/mutation/stryker-incremental.json (committed) lets a rerun after a small change test only the
// mutants that change touched. After a complete run it records the src/ hash the report was made for
// (reports/mutation/src-hash.txt); test/unit/mutation-report.test.ts fails when src/ has changed since.
// Extra arguments go to `stryker run`; a run limited with --mutate does not record the hash.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, toolEnv } from './integration/provision.mjs';
import { srcHash } from './src-hash.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const tools = ensureTools();
const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const before = srcHash(root);
// Instrumented sources run several times slower: the unit tests' CPU budgets (hang guards) are scaled by this factor.
const env = { ...toolEnv(dirname(tools.node)), CLEANROOMS_IAM_CPU_FACTOR: '4' };
const r = spawnSync(tools.node, [stryker, 'run', ...args], { cwd: root, stdio: 'inherit', env });
if (r.status === 0 && !args.some((a) => a.startsWith('--mutate') || a === '-m')) {
  if (srcHash(root) === before) writeFileSync(join(root, 'reports', 'mutation', 'src-hash.txt'), `${before}\n`);
  else console.error('[mutation] src/ changed during the run: the src/ hash is not recorded; run again.');
}
process.exit(r.status ?? 1);
