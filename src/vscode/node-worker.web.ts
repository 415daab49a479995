// Browser build stand-in for node-worker.ts: no worker threads in a web extension host's bundle.
import type { HclParser } from '../frontends/terraform';
import type { WorkerLike } from './logic/worker-client';

export function workerFactory(_extensionFsPath: string | undefined): (() => WorkerLike) | undefined {
  return undefined;
}

/** The browser build has no Terraform parser yet (its WebAssembly would need fetching from the extension's URI). */
export function hclLoader(_extensionFsPath: string | undefined): (() => Promise<HclParser>) | undefined {
  return undefined;
}
