// Node only: starts dist/analysis-worker.js as a worker thread (our own bundled code, nothing from the workspace).
// The browser build replaces this module with node-worker.web.ts (esbuild.mjs), where large documents are analysed
// on the extension host's thread as before. worker_threads is required on the first large document, not at activation.
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { WorkerLike } from './logic/worker-client';

export function workerFactory(extensionFsPath: string | undefined): (() => WorkerLike) | undefined {
  if (!extensionFsPath) return undefined;
  const file = `${extensionFsPath}/dist/analysis-worker.js`;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see above)
    const { Worker } = require('node:worker_threads') as { Worker: typeof NodeWorker };
    return new Worker(file);
  };
}
