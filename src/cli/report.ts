// Lint one document's text into a located report, and the lint exit code. Pure: no Node APIs.
import { compareRolePair } from '../analysis/role-pair';
import type { Finding, PolicyFacts, PolicyKind, Severity } from '../analysis/types';
import { pairRoleFiles } from '../fill/aws-commands';
import { analyzeDocument, type DocumentOptions } from '../frontends/document';
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

/** The report, and (for a policy) the BOM-less text and the facts the role-pair check compares. */
export type LintTextResult = { report: FileReport; text: string; facts?: PolicyFacts } | { tooLarge: true };

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
export function lintText(
  file: string,
  rawText: string,
  options: Pick<DocumentOptions, 'iam' | 'maxLength' | 'severityOverrides' | 'hcl'> = {},
): LintTextResult {
  const text = stripBom(rawText);
  const result = analyzeDocument(text, { ...options, fileName: baseName(file) });
  if (result.skipped === 'too-large') return { tooLarge: true };
  return { report: { file, kind: result.kind, findings: locate(text, result.findings) }, text, ...(result.facts ? { facts: result.facts } : {}) };
}

/** A linted file as the role-pair check sees it. */
export interface PairCandidate {
  report: FileReport;
  /** The folder the file is in (files pair only within one folder). */
  folder: string;
  /** The text the report is of (BOM-less, after --fix). */
  text: string;
  facts?: PolicyFacts;
}

/**
 * Across a role's two files: pairs the linted trust and permissions files of each folder as Copy AWS CLI Commands
 * does (pairRoleFiles), and adds consistency-role-pair findings to the permissions file's report (one line per
 * problem; the editor shows them on both files). Returns how many were added.
 */
export function addRolePairFindings(files: readonly PairCandidate[]): number {
  const byFolder = new Map<string, PairCandidate[]>();
  for (const f of files) {
    if (f.report.kind === 'not-a-policy' || !f.facts) continue;
    const list = byFolder.get(f.folder) ?? [];
    list.push(f);
    byFolder.set(f.folder, list);
  }
  let added = 0;
  for (const list of byFolder.values()) {
    if (list.length < 2) continue;
    const named = new Map(list.map((f) => [baseName(f.report.file), f]));
    // Two names for one file name cannot happen within one folder; a name seen twice is left unpaired.
    if (named.size !== list.length) continue;
    const policyFiles = list.map((f) => ({ name: baseName(f.report.file), kind: f.report.kind as 'trust' | 'permissions' }));
    for (const pair of pairRoleFiles(policyFiles)) {
      const trust = named.get(pair.trust)!;
      const perms = named.get(pair.permissions)!;
      const found = compareRolePair(
        { name: pair.permissions, kind: 'permissions', facts: perms.facts! },
        { name: pair.trust, kind: 'trust', facts: trust.facts! },
      );
      if (!found.length) continue;
      perms.report.findings.push(...locate(perms.text, found));
      perms.report.findings.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
      added += found.length;
    }
  }
  return added;
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
