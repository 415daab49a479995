// Messages between the extension host and the analysis worker (dist/analysis-worker.js, a Node worker thread).
// Plain data only: the worker loads the IAM reference index itself, from the path it is given, once.
import type { PlaceholderOccurrence } from '../analysis/placeholder-detect';
import type { DocumentAnalysis, DocumentOptions } from '../frontends/document';

export interface WorkerRequest {
  id: number;
  text: string;
  /** AnalyzeOptions without the IAM index (which would be structured-cloned on every message). */
  options: Omit<DocumentOptions, 'iam'>;
  /** File-system path of dist/iam-data.json; without it the iam-data rules are skipped, as on the main thread. */
  iamPath?: string;
}

/** `placeholders`: a JSON policy's placeholders (plain data), so the editor's code lens and Fill never parse the document again. */
export type WorkerResponse =
  { id: number; result: DocumentAnalysis; ms: number; placeholders?: readonly PlaceholderOccurrence[] } | { id: number; error: string };
