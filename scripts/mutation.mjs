// `npm run test:mutation`: StrykerJS mutation testing of the engine (stryker.config.json), not part of `npm test`.
// StrykerJS 10 needs Node >= 22, so it runs on the project's own Node 24 from the tools folder (installed on first use by
// scripts/integration/provision.mjs, the same one the integration suite uses), in an environment of its own (toolEnv).
// Extra arguments go to `stryker run`, e.g. `npm run test:mutation -- --mutate src/fill/apply.ts`.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, toolEnv } from './integration/provision.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = ensureTools();
const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const r = spawnSync(tools.node, [stryker, 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: toolEnv(dirname(tools.node)) });
process.exit(r.status ?? 1);
