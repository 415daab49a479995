// Pure (no vscode import): the client side of the analysis worker. Large documents are analysed in a worker thread
// with a time budget, so the extension host's main thread never waits for them. One worker, started on first use; a
// request over budget terminates it (the next request starts a fresh one), and its caller is told so.
import type { PlaceholderOccurrence } from '../../analysis/placeholder-detect';
import type { AnalysisResult } from '../../analysis/types';
import type { WorkerRequest, WorkerResponse } from '../../worker/protocol';

/** The part of a worker_threads Worker this client uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  on(event: 'message', cb: (msg: WorkerResponse) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  on(event: 'exit', cb: (code: number) => void): void;
  terminate(): unknown;
}

export type WorkerOutcome =
  | { kind: 'done'; result: AnalysisResult; ms: number; placeholders?: readonly PlaceholderOccurrence[] }
  /** The analysis took longer than the budget; the worker was stopped. */
  | { kind: 'over-budget'; budgetMs: number }
  /** The worker failed, or was stopped because another request ran over budget. */
  | { kind: 'failed'; error: string };

interface Pending {
  resolve: (o: WorkerOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WorkerAnalyzer {
  private worker: WorkerLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly spawn: () => WorkerLike,
    readonly budgetMs: number,
  ) {}

  analyze(text: string, options: WorkerRequest['options'], iamPath?: string): Promise<WorkerOutcome> {
    return new Promise((resolve) => {
      let w: WorkerLike;
      try {
        w = this.current();
      } catch (err) {
        resolve({ kind: 'failed', error: (err as Error)?.message ?? String(err) });
        return;
      }
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: 'over-budget', budgetMs: this.budgetMs });
        this.stop('another analysis ran over its time budget');
      }, this.budgetMs);
      this.pending.set(id, { resolve, timer });
      w.postMessage({ id, text, options, iamPath });
    });
  }

  private current(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.on('message', (msg) => {
      const p = this.pending.get(msg.id);
      if (!p) return; // timed out already
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(
        'error' in msg
          ? { kind: 'failed', error: msg.error }
          : { kind: 'done', result: msg.result, ms: msg.ms, ...(msg.placeholders ? { placeholders: msg.placeholders } : {}) },
      );
    });
    w.on('error', (err) => {
      if (this.worker === w) this.stop(err.message);
    });
    w.on('exit', () => {
      if (this.worker === w) this.stop('the analysis worker exited');
    });
    this.worker = w;
    return w;
  }

  /** Stop the worker; every request still waiting fails. */
  stop(reason = 'stopped'): void {
    const w = this.worker;
    this.worker = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve({ kind: 'failed', error: reason });
    }
    if (w) void w.terminate();
  }
}
