// Lint one document's text into a located report, and the lint exit code. Pure: no Node APIs.
import { analyzeDocument } from '../frontends/document';
import type { AnalyzeOptions, Finding, PolicyKind, Severity } from '../analysis/types';
import { LineIndex, type LineRange } from './positions';

export interface LocatedFinding extends LineRange {
  rule: string;
  severity: Severity;
  message: string;
  docUrl: string;
  /** Offset range in the (BOM-less) text, kept for callers that need it. */
  offset: number;
  length: number;
}

export interface FileReport {
  /** The path as given on the command line (or joined under a given directory). */
  file: string;
  kind: PolicyKind;
  findings: LocatedFinding[];
}

export type LintTextResult = { report: FileReport } | { tooLarge: true };

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

export function locate(text: string, findings: readonly Finding[]): LocatedFinding[] {
  if (!findings.length) return [];
  const index = new LineIndex(text);
  return findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    docUrl: f.docUrl,
    offset: f.offset,
    length: f.length,
    ...index.range(f.offset, f.length),
  }));
}

/** Analyse one file's text. A leading BOM is dropped first, so lines and columns match VS Code's. */
export function lintText(file: string, rawText: string, options: Pick<AnalyzeOptions, 'iam' | 'maxLength' | 'severityOverrides'> = {}): LintTextResult {
  const text = stripBom(rawText);
  const result = analyzeDocument(text, { ...options, fileName: baseName(file) });
  if (result.skipped === 'too-large') return { tooLarge: true };
  return { report: { file, kind: result.kind, findings: locate(text, result.findings) } };
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countFindings(reports: readonly FileReport[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) for (const f of r.findings) c[f.severity]++;
  return c;
}

export function tooManyWarnings(counts: Counts, maxWarnings: number): boolean {
  return maxWarnings >= 0 && counts.warning > maxWarnings;
}

/** 2 when a file could not be read (or a usage error), 1 on errors or too many warnings, else 0. */
export function lintExitCode(reports: readonly FileReport[], maxWarnings: number, ioErrors: number): 0 | 1 | 2 {
  if (ioErrors > 0) return 2;
  const c = countFindings(reports);
  return c.error > 0 || tooManyWarnings(c, maxWarnings) ? 1 : 0;
}
