// The analysis worker (issue 12: heavy work off the extension host's main thread). The client logic with fake workers
// (budget, restart, failures), and the real worker thread (src/worker/analysis-worker.ts run through tsx) giving the
// same findings as analyze() in-process. The real worker is the shipped bundle, dist/analysis-worker.js (npm test
// builds before the unit suite; skipped when it is not built).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze } from '../../src/analysis';
import { WorkerAnalyzer, type WorkerLike } from '../../src/vscode/logic/worker-client';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol';
import { iamIndex, ROOT } from './reliability/support';

class FakeWorker implements WorkerLike {
  readonly posted: WorkerRequest[] = [];
  terminated = false;
  private readonly handlers: Record<string, Array<(x: never) => void>> = { message: [], error: [], exit: [] };
  constructor(private readonly reply?: (req: WorkerRequest) => WorkerResponse | undefined) {}
  postMessage(msg: WorkerRequest): void {
    this.posted.push(msg);
    const r = this.reply?.(msg);
    if (r) setTimeout(() => this.emit('message', r), 1);
  }
  on(event: string, cb: (x: never) => void): void {
    this.handlers[event].push(cb);
  }
  emit(event: string, x: unknown): void {
    for (const cb of this.handlers[event]) cb(x as never);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Alow', Action: 'glue:GetTabels', Resource: 'arn:aws:s3::bucket/*' }] }, null, 2);

describe('vscode: analysis worker client', () => {
  it("returns the worker's result, and passes the options and the IAM data path", async () => {
    const result = analyze(POLICY, {});
    const fake = new FakeWorker((req) => ({ id: req.id, result, ms: 3 }));
    const client = new WorkerAnalyzer(() => fake, 1000);
    const out = await client.analyze(POLICY, { fileName: 'p.json', severityOverrides: { 'grammar-effect': 'warning' } }, '/x/dist/iam-data.json');
    assert.deepEqual(out, { kind: 'done', result, ms: 3 });
    assert.deepEqual(fake.posted[0], {
      id: 1,
      text: POLICY,
      options: { fileName: 'p.json', severityOverrides: { 'grammar-effect': 'warning' } },
      iamPath: '/x/dist/iam-data.json',
    });
  });

  it('over budget: says so, stops the worker, and the next request starts a fresh one; a late answer is ignored', async () => {
    const spawned: FakeWorker[] = [];
    const client = new WorkerAnalyzer(() => {
      const w = new FakeWorker(spawned.length === 0 ? undefined : (req) => ({ id: req.id, result: { kind: 'permissions', findings: [] }, ms: 1 }));
      spawned.push(w);
      return w;
    }, 30);
    const slow = await client.analyze('{}', {});
    assert.deepEqual(slow, { kind: 'over-budget', budgetMs: 30 });
    assert.equal(spawned[0].terminated, true);
    // The first worker answering after all must not resolve anything twice or throw.
    spawned[0].emit('message', { id: 1, result: { kind: 'permissions', findings: [] }, ms: 99 });
    const next = await client.analyze('{}', {});
    assert.equal(next.kind, 'done');
    assert.equal(spawned.length, 2, 'a fresh worker after the one that ran over budget');
  });

  it('a worker error or exit fails every waiting request, and the next request restarts it', async () => {
    const spawned: FakeWorker[] = [];
    const client = new WorkerAnalyzer(() => {
      const w = new FakeWorker();
      spawned.push(w);
      return w;
    }, 5000);
    const a = client.analyze('{}', {});
    const b = client.analyze('{}', {});
    spawned[0].emit('error', new Error('boom'));
    assert.deepEqual(await a, { kind: 'failed', error: 'boom' });
    assert.deepEqual(await b, { kind: 'failed', error: 'boom' });
    const c = client.analyze('{}', {});
    assert.equal(spawned.length, 2);
    spawned[1].emit('exit', 1);
    assert.deepEqual(await c, { kind: 'failed', error: 'the analysis worker exited' });
    // An error message from the worker's own try/catch is a failure, not a result.
    const d = new WorkerAnalyzer(() => new FakeWorker((req) => ({ id: req.id, error: 'Maximum call stack size exceeded' })), 5000);
    assert.deepEqual(await d.analyze('{}', {}), { kind: 'failed', error: 'Maximum call stack size exceeded' });
    // A spawn that throws (no worker support) is a failure too.
    const e = new WorkerAnalyzer(() => {
      throw new Error('no worker_threads');
    }, 5000);
    assert.deepEqual(await e.analyze('{}', {}), { kind: 'failed', error: 'no worker_threads' });
  });
});

describe('vscode: the real analysis worker thread', function () {
  this.timeout(60_000);
  const bundle = path.join(ROOT, 'dist/analysis-worker.js');
  const spawn = (): WorkerLike => new Worker(bundle);
  const client = new WorkerAnalyzer(spawn, 30_000);
  after(() => client.stop());

  it('finds exactly what analyze() finds in-process, with the IAM reference data loaded from its path', async function () {
    const iam = iamIndex();
    if (!iam || !fs.existsSync(bundle)) this.skip(); // not built: npm run build
    const iamPath = path.join(ROOT, 'dist/iam-data.json');
    const big = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: Array.from({ length: 1100 }, (_, i) => ({
          Sid: `S${i}`,
          Effect: 'Allow',
          Action: ['glue:GetTable', 's3:GetObjects'],
          Resource: [`arn:aws:glue:us-east-1:111122223333:table/db/t${i}`, 'arn:aws:s3::bucket/*'],
        })),
      },
      null,
      2,
    );
    assert.ok(big.length > 256 * 1024, 'a document the validator would send to the worker');
    for (const text of [POLICY, big]) {
      const out = await client.analyze(text, { fileName: 'p.json' }, iamPath);
      assert.equal(out.kind, 'done', JSON.stringify(out).slice(0, 200));
      const expected = analyze(text, { fileName: 'p.json', iam });
      assert.deepEqual(out.kind === 'done' && out.result, expected);
      assert.ok(
        expected.findings.some((f) => f.rule === 'iam-unknown-action'),
        'the IAM data took part',
      );
    }
  });
});
