// Browser build stand-in for node-worker.ts: no worker threads in a web extension host's bundle.
import type { WorkerLike } from './logic/worker-client';

export function workerFactory(_extensionFsPath: string | undefined): (() => WorkerLike) | undefined {
  return undefined;
}
