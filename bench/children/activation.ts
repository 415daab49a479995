// Child process: first load of dist/extension.js and activate() against the fake vscode module.
// Prints one JSON line: {load_ms, activate_ms, total_ms, registrations, subscriptions, reads}.
import Module from 'node:module';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createFakeVscode, vscodeExportNames } from '../fake-vscode';

async function main(): Promise<void> {
  const bundle = process.argv[2];
  const root = process.argv[3];
  const fake = createFakeVscode(vscodeExportNames(fs.readFileSync(`${root}/node_modules/@types/vscode/index.d.ts`, 'utf8')));
  // Route `require('vscode')` to the fake.
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return fake.api;
    return load.call(this, request, parent, isMain);
  };
  // Record file reads made while loading and activating (activate() should do no I/O).
  const reads: string[] = [];
  for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'readdirSync', 'statSync', 'existsSync'] as const) {
    const orig = (fs as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
    (fs as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      if (recording && typeof args[0] === 'string') reads.push(`${name} ${args[0]}`);
      return orig.apply(this, args);
    };
  }
  const origPromisesRead = fs.promises.readFile;
  fs.promises.readFile = function (this: unknown, ...args: Parameters<typeof origPromisesRead>) {
    if (recording) reads.push(`promises.readFile ${typeof args[0] === 'string' ? args[0] : '(handle or URL)'}`);
    return origPromisesRead.apply(this, args);
  } as typeof origPromisesRead;
  let recording = false;

  const { context, subscriptions } = fake.makeContext(root);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as { activate?: (c: unknown) => unknown };
  const t1 = performance.now();
  recording = true;
  const r = ext.activate?.(context);
  if (r && typeof (r as PromiseLike<unknown>).then === 'function') await (r as PromiseLike<unknown>);
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  recording = false;
  // Reads of the bundle's own modules are module loading, not activate() I/O.
  const io = reads.filter((x) => !x.includes('node_modules') && !x.endsWith('.js'));
  process.stdout.write(
    JSON.stringify({
      load_ms: t1 - t0,
      activate_ms: t2 - t1,
      total_ms: t2 - t0,
      // CPU time of the process over the same span (user + system, all threads): not inflated when the machine is busy.
      cpu_ms: (cpu.user + cpu.system) / 1000,
      registrations: fake.registrations,
      subscriptions: subscriptions.length,
      reads: io,
    }) + '\n',
  );
}

main().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err?.stack ?? err) }) + '\n');
  process.exitCode = 1;
});
