// Browser build stand-in for node-worker.ts: no worker threads in a web extension host's bundle.
import * as vscode from 'vscode';
import { HCL_WASM_NAMES, loadHclParser } from '../frontends/hcl-parser';
import type { HclParser } from '../frontends/terraform';
import type { WorkerLike } from './logic/worker-client';

export function workerFactory(_extensionFsPath: string | undefined): (() => WorkerLike) | undefined {
  return undefined;
}

/**
 * Loads the Terraform parser on the first Terraform document: the two WebAssembly files are read from the extension's
 * dist/ through workspace.fs (a web extension host has no file system of its own) and handed to the parser as bytes.
 */
export function hclLoader(_extensionFsPath: string | undefined, extensionUri: vscode.Uri): (() => Promise<HclParser>) | undefined {
  const read = (name: string): Thenable<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name));
  return () =>
    loadHclParser(async () => {
      const [runtime, grammar] = await Promise.all([read(HCL_WASM_NAMES.runtime), read(HCL_WASM_NAMES.grammar)]);
      return { runtime, grammar };
    });
}
