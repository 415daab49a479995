// The analysis worker: runs analyzeDocument() off the extension host's main thread for large documents (see
// src/vscode/logic/worker-client.ts). One request at a time per message; the IAM index is loaded on first use.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { analyzeDocument } from '../frontends/document';
import { parseIamIndex } from '../iam-data';
import type { IamIndex } from '../iam-data/types';
import type { WorkerRequest, WorkerResponse } from './protocol';

let iamPath: string | undefined;
let iam: IamIndex | undefined;

function index(path: string | undefined): IamIndex | undefined {
  if (!path) return undefined;
  if (path !== iamPath) {
    iamPath = path;
    try {
      iam = parseIamIndex(readFileSync(path, 'utf8'));
    } catch {
      iam = undefined; // as on the main thread without the data: the iam-data rules are skipped
    }
  }
  return iam;
}

parentPort?.on('message', (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    const t0 = performance.now();
    const out: Parameters<typeof analyzeDocument>[2] = {};
    const result = analyzeDocument(req.text, { ...req.options, iam: index(req.iamPath) }, out);
    res = { id: req.id, result, ms: performance.now() - t0, ...(out.parsed ? { placeholders: out.parsed.placeholders } : {}) };
  } catch (err) {
    res = { id: req.id, error: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(res);
});
