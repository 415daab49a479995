// Node only: starts dist/analysis-worker.js as a worker thread (our own bundled code, nothing from the workspace).
// The browser build replaces this module with node-worker.web.ts (esbuild.mjs), where large documents are analysed
// on the extension host's thread as before, and the Terraform parser's WebAssembly is read through workspace.fs. worker_threads is
// required on the first large document, not at activation.
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { Uri } from 'vscode';
import { HCL_WASM_NAMES, loadHclParser } from '../frontends/hcl-parser';
import type { HclParser } from '../frontends/terraform';
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

/** Node only: loads the Terraform parser (WebAssembly in dist/) on the first Terraform document. */
export function hclLoader(extensionFsPath: string | undefined, _extensionUri: Uri): (() => Promise<HclParser>) | undefined {
  if (!extensionFsPath) return undefined;
  return () => loadHclParser({ runtime: `${extensionFsPath}/dist/${HCL_WASM_NAMES.runtime}`, grammar: `${extensionFsPath}/dist/${HCL_WASM_NAMES.grammar}` });
}
