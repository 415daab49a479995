// Fresh-process measurements: bundle a bench/children/*.ts entry with esbuild into a temporary CommonJS file and
// run it with plain `node` (no tsx loader in the child, so its module loading is what a user's process does).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-'));
const built = new Map<string, string>();

export function cleanupChildren(): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Bundle `entry` once; returns the output path, or throws with esbuild's message (e.g. a module not yet written). */
export function bundleChild(entry: string): string {
  let out = built.get(entry);
  if (out) return out;
  out = join(dir, `${entry.replace(/[^A-Za-z0-9]+/g, '_')}.cjs`);
  buildSync({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    external: ['vscode'],
  });
  built.set(entry, out);
  return out;
}

/** Run a bundled child and parse the JSON object on its last stdout line. */
export function runChild<T>(entry: string, args: string[], nodeArgs: string[] = []): T {
  const file = bundleChild(entry);
  const stdout = execFileSync(process.execPath, [...nodeArgs, file, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
