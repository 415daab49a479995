// Interleaved timing: every iteration runs each contender once on the same input, in a rotating order,
// so drift (GC, CPU frequency, the other engineers' jobs on this shared machine) hits all of them alike.
import { performance } from 'node:perf_hooks';

export interface Contender {
  name: string;
  /** Sync or async work; the time until it (or its promise) completes is one sample. */
  run: () => unknown;
}

export interface Stats {
  median: number;
  p95: number;
  n: number;
}

export interface Measured {
  /** Per contender: stats, or the error that stopped it (e.g. a stack overflow). */
  [name: string]: Stats | { error: string };
}

export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, p95: quantile(s, 0.95), n };
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return !!x && typeof (x as { then?: unknown }).then === 'function';
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  const r = fn();
  if (isThenable(r)) await r;
  return performance.now() - t0;
}

export interface MeasureOptions {
  /** Untimed iterations first (JIT warm-up, caches that any real session would have). */
  warmup?: number;
  /** Wall-time target for the timed iterations of this case, all contenders together. */
  targetMs?: number;
  minIterations?: number;
  maxIterations?: number;
}

/**
 * Measure contenders interleaved. The iteration count adapts to the cost of one round (measured during warm-up),
 * between minIterations and maxIterations, to stay near targetMs.
 */
export async function measure(contenders: Contender[], opts: MeasureOptions = {}): Promise<Measured> {
  const warmup = opts.warmup ?? 3;
  const targetMs = opts.targetMs ?? 1500;
  const minIt = opts.minIterations ?? 7;
  const maxIt = opts.maxIterations ?? 400;
  const failed = new Map<string, string>();
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const live = (): Contender[] => contenders.filter((c) => !failed.has(c.name));

  const round = async (record: boolean, rotation: number): Promise<number> => {
    const cs = live();
    let total = 0;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[(k + rotation) % cs.length];
      try {
        const t = await timeOnce(c.run);
        total += t;
        if (record) samples.get(c.name)!.push(t);
      } catch (err) {
        failed.set(c.name, errorText(err));
      }
    }
    return total;
  };

  let warmCost = 0;
  for (let i = 0; i < warmup; i++) warmCost = await round(false, i);
  const perRound = Math.max(warmCost, 0.001);
  // Without a warm-up there is no cost estimate: run the minimum (used for the multi-second 10 MB case).
  const iterations = warmup === 0 ? minIt : Math.max(minIt, Math.min(maxIt, Math.floor(targetMs / perRound)));
  for (let i = 0; i < iterations; i++) await round(true, i);

  const out: Measured = {};
  for (const c of contenders) {
    const e = failed.get(c.name);
    out[c.name] = e !== undefined ? { error: e } : stats(samples.get(c.name)!);
  }
  return out;
}

export function errorText(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message)) return 'stack overflow';
  return err instanceof Error ? err.message : String(err);
}

export function isStats(x: Stats | { error: string } | undefined): x is Stats {
  return !!x && 'median' in x;
}
