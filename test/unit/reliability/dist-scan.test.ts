// Safety scan of the shipped bundles: no eval / new Function, no child processes, no network modules or calls,
// no telemetry. Minifiers rename identifiers but keep module names in require() and the eval/Function globals.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, scanBundle } from './support';

const show = (src: string, issues: ReturnType<typeof scanBundle>) =>
  issues
    .slice(0, 5)
    .map((i) => `${i.kind}: ${JSON.stringify(src.slice(Math.max(0, i.index - 60), i.index + 60))}`)
    .join('\n');

describe('reliability: the bundle scanner catches planted examples', () => {
  const kinds = (src: string, opts?: Parameters<typeof scanBundle>[1]) => [...new Set(scanBundle(src, opts).map((i) => i.kind))].sort();
  it('eval and the Function constructor, minified or not', () => {
    for (const src of ['eval("1+1")', 'x=eval (s)', 'window.eval(s)', '(0,eval)(s)', 'globalThis["eval"](s)', 'var a=1;eval(a)'])
      assert.deepEqual(kinds(src), ['eval'], src);
    for (const src of [
      'new Function("a","return a")',
      'new  Function(s)',
      'Function("return this")()',
      'f.constructor("return process")()',
      'Function.constructor',
    ]) {
      assert.deepEqual(kinds(src), ['new-function'], src);
    }
  });
  it('network and process modules in require()/import, with or without node:', () => {
    for (const m of ['http', 'https', 'net', 'tls', 'dgram', 'node:https', 'http2', 'ws', 'undici', 'node-fetch']) {
      assert.deepEqual(kinds(`var x=require("${m}");`), ['network-module'], m);
      assert.deepEqual(kinds(`import y from '${m}';`), ['network-module'], m);
    }
    assert.deepEqual(kinds('const c=require("child_process")'), ['child-process']);
    assert.deepEqual(kinds("e=require('node:child_process').execSync"), ['child-process']);
    assert.deepEqual(kinds('require("child_process")', { allowChildProcess: true }), []);
    assert.deepEqual(kinds('require("node:worker_threads")'), ['child-process']);
    assert.deepEqual(kinds('require("node:worker_threads")', { allowWorkerThreads: true }), []);
    assert.deepEqual(kinds('require("child_process")', { allowWorkerThreads: true }), ['child-process']);
    assert.deepEqual(kinds('await import("https")'), ['network-module']);
  });
  it('network calls and telemetry', () => {
    for (const src of [
      'fetch("https://x")',
      'await fetch(u)',
      'new XMLHttpRequest()',
      'var x=new XMLHttpRequest;x.open("GET",u)',
      'new WebSocket(u)',
      'navigator.sendBeacon(u,d)',
    ])
      assert.deepEqual(kinds(src), ['network-call'], src);
    for (const src of ['require("@vscode/extension-telemetry")', 'vscode.env.createTelemetryLogger(s)', 'new TelemetryReporter(k)', 'applicationinsights']) {
      assert.ok(kinds(src).includes('telemetry'), src);
    }
  });
  it('no false alarms on look-alikes', () => {
    for (const src of [
      'x.evaluate(y)',
      'function evalRule(a){}',
      'a.eval2(b)',
      'var Function$1=1',
      'isFunction(x)',
      'typeof f=="function"',
      'require("fs")',
      'require("path")',
      'require("httpx")',
      'require("nets")',
      '"https://docs.aws.amazon.com/x"',
      'const t="fetch"',
      'o.fetchAll(x)',
      'prefetch(x)',
      'require("vscode")',
      'require("./net")',
    ]) {
      assert.deepEqual(kinds(src), [], src);
    }
  });
});

const BUNDLES: Array<{ file: string; allowChildProcess?: boolean; allowWorkerThreads?: boolean; forbidFs?: boolean }> = [
  // The Node adapter starts dist/analysis-worker.js (our own bundle) as a worker thread for large documents.
  { file: 'dist/extension.js', allowWorkerThreads: true },
  { file: 'dist/engine.js' },
  { file: 'dist/analysis-worker.js', allowWorkerThreads: true },
  { file: 'dist/web/extension.js', forbidFs: true },
  // The CLI may read files (fs); it must not evaluate code or talk to the network either.
  { file: 'dist/cli.js' },
];

describe('reliability: shipped bundles are clean', () => {
  for (const b of BUNDLES) {
    it(`${b.file}: no eval, new Function, child processes, network or telemetry`, function () {
      const file = path.join(ROOT, b.file);
      if (!fs.existsSync(file)) this.skip(); // not built yet: npm run build
      const src = fs.readFileSync(file, 'utf8');
      const issues = scanBundle(src, { allowChildProcess: b.allowChildProcess, allowWorkerThreads: b.allowWorkerThreads });
      assert.deepEqual(issues, [], `${b.file}:\n${show(src, issues)}`);
      if (b.forbidFs) {
        assert.doesNotMatch(src, /require\(\s*["'`](?:node:)?(?:fs|path|os|child_process)["'`]\s*\)/, 'the browser bundle must not need Node built-ins');
      }
    });
  }

  it('package.json declares no telemetry dependency and no network permission', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies });
    assert.deepEqual(
      deps.filter((d) => /telemetry|applicationinsights|analytics|sentry|segment/i.test(d)),
      [],
    );
    assert.deepEqual(
      Object.keys(pkg.dependencies ?? {}).filter((d) => /^(axios|got|node-fetch|undici|ws|request)$/.test(d)),
      [],
    );
  });

  it('the sources never import a network or process module (so no bundle can)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (/\.ts$/.test(ent.name)) {
          // Only the worker's two ends may use worker_threads.
          const worker = ['src/vscode/node-worker.ts', 'src/worker/analysis-worker.ts'].includes(path.relative(ROOT, p).split(path.sep).join('/'));
          const issues = scanBundle(fs.readFileSync(p, 'utf8'), { allowWorkerThreads: worker });
          for (const i of issues) offenders.push(`${path.relative(ROOT, p)}: ${i.kind} ${i.match}`);
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    assert.deepEqual(offenders, []);
  });
});
