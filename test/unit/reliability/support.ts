// Shared machinery of the reliability suite (mocha tests and `npm run fuzz`): the invariants every analyze()
// result must satisfy, fix checking, document mutations, and the shipped-bundle scanner.
import * as path from 'node:path';
import { findNodeAtOffset, type Node, type ParseError } from 'jsonc-parser';
import { parseJson } from '../../../src/analysis/json';
import type { IamIndex } from '../../../src/iam-data';
import { loadTestIamIndex } from '../helpers/iam';
import { analyze } from '../../../src/analysis';
import { RULES_BY_ID } from '../../../src/analysis/rules';
import type { AnalysisResult, AnalyzeOptions, Finding, Fix } from '../../../src/analysis/types';
import { applyEdits } from '../../../src/fill/apply';

export const ROOT = path.resolve(__dirname, '../../..');

let iamCache: IamIndex | null | undefined;
/**
 * The IAM reference index (test/unit/helpers/iam.ts, the one loader: dist/iam-data.json, built when missing), so the
 * fuzzers also drive the iam-data rules. Undefined (those rules are skipped, as in the editor before the data loads)
 * when it cannot be loaded.
 */
export function iamIndex(): IamIndex | undefined {
  if (iamCache === undefined) {
    try {
      iamCache = loadTestIamIndex();
    } catch {
      iamCache = null;
    }
  }
  return iamCache ?? undefined;
}

/** Upper bound (CPU ms) for one analyze() call on a fuzz-sized input (< ~300 KB). Generous on purpose. */
export const TIME_BOUND_MS = 2000;

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
/** Rule ids that are not in RULES_BY_ID by design. `internal-error` is deliberately NOT here: it means a rule threw. */
const EXTRA_RULE_IDS = new Set<string>();

export interface Stats {
  calls: number;
  maxMs: number;
  maxMsInputLength: number;
  findings: number;
  fixesChecked: number;
  byRule: Map<string, number>;
}

export function newStats(): Stats {
  return { calls: 0, maxMs: 0, maxMsInputLength: 0, findings: 0, fixesChecked: 0, byRule: new Map() };
}

/** A fixed, module-wide stats sink the fuzz script prints at the end. */
export const STATS = newStats();

export class InvariantError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(`${message}\n  input (${text.length} chars): ${preview(text)}`);
  }
}

export function preview(text: string, max = 400): string {
  const s = JSON.stringify(text);
  return s.length <= max ? s : `${s.slice(0, max)}… (+${s.length - max} chars)`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** True when `offset` falls between the two halves of a surrogate pair (a position no editor can show). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * CPU milliseconds used by this process since `start` (a process.cpuUsage() snapshot). The bounds use CPU time, not
 * wall time: the machine is shared, and wall time under load says more about the neighbours than about the engine.
 */
/**
 * How much slower than normal the code under test runs by construction: 1, or the factor scripts/mutation.mjs sets for
 * Stryker's instrumented sources (CLEANROOMS_IAM_CPU_FACTOR). The CPU budgets of the hang guards are multiplied by it.
 */
export const CPU_FACTOR = Math.max(1, Number(process.env.CLEANROOMS_IAM_CPU_FACTOR) || 1);

export function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** analyze() with timing (CPU time); throws InvariantError (with the input) when it throws or exceeds the time bound. */
export function timedAnalyze(text: string, options: AnalyzeOptions = {}, bound = TIME_BOUND_MS): AnalysisResult {
  const c0 = process.cpuUsage();
  let r: AnalysisResult;
  try {
    r = analyze(text, options);
  } catch (err) {
    throw new InvariantError(`analyze() threw: ${(err as Error)?.stack ?? String(err)}`, text);
  }
  const ms = cpuMs(c0);
  STATS.calls++;
  if (ms > STATS.maxMs) {
    STATS.maxMs = ms;
    STATS.maxMsInputLength = text.length;
  }
  if (ms > bound) throw new InvariantError(`analyze() took ${ms.toFixed(0)} ms (bound ${bound} ms)`, text);
  return r;
}

/** Every structural invariant of one result. Returns the violations (empty when all hold). */
export function resultViolations(text: string, r: AnalysisResult): string[] {
  const out: string[] = [];
  if (!r || !Array.isArray(r.findings)) return ['result has no findings array'];
  if (!['trust', 'permissions', 'not-a-policy'].includes(r.kind)) out.push(`bad kind ${String(r.kind)}`);
  if (r.kind === 'not-a-policy' && r.findings.length) out.push(`not-a-policy result carries ${r.findings.length} findings`);
  let prev = -1;
  for (const f of r.findings) {
    const where = `${f.rule}@${f.offset}+${f.length}`;
    if (f.rule === 'internal-error') out.push(`a rule threw: ${f.message}`);
    else if (!RULES_BY_ID.has(f.rule) && !EXTRA_RULE_IDS.has(f.rule)) out.push(`${where}: unknown rule id`);
    if (!SEVERITIES.has(f.severity)) out.push(`${where}: bad severity ${f.severity}`);
    if (!Number.isInteger(f.offset) || !Number.isInteger(f.length)) out.push(`${where}: non-integer range`);
    if (f.offset < 0 || f.length < 0 || f.offset + f.length > text.length) out.push(`${where}: range outside the document (length ${text.length})`);
    if (splitsSurrogatePair(text, f.offset) || splitsSurrogatePair(text, f.offset + f.length)) out.push(`${where}: range splits a surrogate pair`);
    if (typeof f.message !== 'string' || f.message.trim().length < 10) out.push(`${where}: empty or tiny message`);
    if (typeof f.docUrl !== 'string' || !/^https:\/\/\S+$/.test(f.docUrl)) out.push(`${where}: docUrl is not an https URL: ${f.docUrl}`);
    if (f.offset < prev) out.push(`${where}: findings not sorted by offset`);
    prev = f.offset;
    if (f.placeholder && text.substr(f.offset, f.length) !== f.placeholder.raw) {
      out.push(`${where}: placeholder range covers ${JSON.stringify(text.substr(f.offset, f.length))}, not ${JSON.stringify(f.placeholder.raw)}`);
    }
    for (const rel of f.related ?? []) {
      if (rel.offset < 0 || rel.length < 0 || rel.offset + rel.length > text.length) out.push(`${where}: related range outside the document`);
    }
    for (const fix of f.fixes ?? []) out.push(...fixShapeViolations(text, f, fix));
  }
  return out;
}

function fixShapeViolations(text: string, f: Finding, fix: Fix): string[] {
  const out: string[] = [];
  const where = `${f.rule}@${f.offset} fix "${fix.title}"`;
  if (!fix.title || !Array.isArray(fix.edits) || fix.edits.length === 0) out.push(`${where}: fix without title or edits`);
  const sorted = [...(fix.edits ?? [])].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0 || e.offset + e.length > text.length) {
      out.push(`${where}: edit ${e.offset}+${e.length} outside the document`);
    }
    if (typeof e.newText !== 'string') out.push(`${where}: edit without newText`);
    if (i > 0 && e.offset < sorted[i - 1].offset + sorted[i - 1].length) out.push(`${where}: overlapping edits`);
    if (splitsSurrogatePair(text, e.offset) || splitsSurrogatePair(text, e.offset + e.length)) out.push(`${where}: edit splits a surrogate pair`);
  }
  return out;
}

/** Map an offset of the original text through a set of non-overlapping edits. */
export function mapOffset(offset: number, edits: readonly { offset: number; length: number; newText: string }[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.offset + e.length <= offset && !(e.length === 0 && e.offset === offset)) delta += e.newText.length - e.length;
    else if (e.offset <= offset && offset < e.offset + e.length) return e.offset + delta;
  }
  return offset + delta;
}

/** JSON errors (the engine's parser: values nested deeper than it analyses are masked first, so the fuzzer's
 * 5,000-deep arrays cannot overflow the stack here, as a recursive parse of them can, depending on the stack in use). */
function jsonErrors(text: string): ParseError[] {
  return parseJson(text).errors;
}

/**
 * Ranges of the JSON properties (key + value) that contain the given edits, in the fixed text. An error inside one of
 * them was revealed by the fix (a misspelt key renamed to `Effect` now has its value checked), not introduced elsewhere.
 */
function editedPropertyRanges(after: string, edits: readonly { offset: number; length: number; newText: string }[]): Array<[number, number]> {
  const root = parseJson(after).root;
  if (!root) return [];
  const out: Array<[number, number]> = [];
  let delta = 0;
  for (const e of edits) {
    const start = e.offset + delta;
    delta += e.newText.length - e.length;
    let n: Node | undefined = findNodeAtOffset(root, start, true);
    while (n && n.type !== 'property') n = n.parent;
    out.push(n ? [n.offset, n.offset + n.length] : [start, start + e.newText.length]);
  }
  return out;
}

function errorKeys(r: AnalysisResult, text: string, skip: Array<[number, number]> = []): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of r.findings) {
    if (f.severity !== 'error' || f.rule === 'json-syntax') continue;
    if (skip.some(([s, e]) => s <= f.offset && f.offset + f.length <= e)) continue;
    const k = `${f.rule}|${text.substr(f.offset, f.length)}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/**
 * Apply every offered fix (each on its own) and check: the result re-parses (no more JSON errors than before;
 * none if there were none), the fixed finding is gone, and no error-severity finding appears that was not there.
 */
export function fixViolations(text: string, r: AnalysisResult, options: AnalyzeOptions = {}): string[] {
  const out: string[] = [];
  const syntaxBefore = r.findings.filter((f) => f.rule === 'json-syntax').length;
  const parseErrorsBefore = jsonErrors(text).length;
  const errorsBefore = errorKeys(r, text);
  for (const f of r.findings) {
    for (const fix of f.fixes ?? []) {
      STATS.fixesChecked++;
      const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
      const after = applyEdits(text, edits);
      const where = `${f.rule}@${f.offset}+${f.length} fix "${fix.title}"`;
      let r2: AnalysisResult;
      try {
        r2 = analyze(after, options);
      } catch (err) {
        out.push(`${where}: analyze() threw on the fixed text: ${(err as Error).message}`);
        continue;
      }
      for (const v of resultViolations(after, r2)) out.push(`${where}: on the fixed text: ${v}`);
      const parseErrorsAfter = jsonErrors(after).length;
      if (parseErrorsBefore === 0 && parseErrorsAfter > 0) out.push(`${where}: the fixed text no longer parses: ${preview(after, 200)}`);
      const syntaxAfter = r2.findings.filter((x) => x.rule === 'json-syntax').length;
      if (syntaxAfter > syntaxBefore) out.push(`${where}: fix added JSON syntax errors (${syntaxBefore} -> ${syntaxAfter})`);
      const mapped = mapOffset(f.offset, edits);
      if (r2.findings.some((x) => x.rule === f.rule && x.offset === mapped && x.message === f.message)) {
        out.push(`${where}: the finding is still there after the fix: ${preview(after, 200)}`);
      }
      // A fix that changes what the document is (renaming "resource" to "Resource" turns a trust policy into a
      // permissions policy) legitimately changes which rules apply; only same-kind fixes are held to "no new error".
      if (f.rule !== 'json-syntax' && parseErrorsBefore === 0 && r2.kind === r.kind) {
        const errorsAfter = errorKeys(r2, after, editedPropertyRanges(after, edits));
        for (const [k, n] of errorsAfter) {
          // A fix may insert a snippet with <placeholder> tokens for the user to fill (e.g. a scoped trust condition):
          // those placeholder findings are the intended to-do markers, not a regression.
          const [rule, covered] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
          if (rule.startsWith('placeholder-') && covered && fix.edits.some((e) => e.newText.includes(covered))) continue;
          if (n > (errorsBefore.get(k) ?? 0)) out.push(`${where}: the fix introduced a new error ${k}`);
        }
      }
    }
  }
  return out;
}

/**
 * Bugs found by the fuzzers in code other engineers own and are still writing (reported, not fixed here). The suite
 * tolerates exactly these violations, counts them, and `npm run fuzz -- --strict` (or RELIABILITY_STRICT=1) turns the
 * tolerance off. Each has a pending reproduction in known-issues.test.ts. Remove an entry once its bug is fixed.
 */
export interface KnownIssue {
  id: string;
  owner: string;
  summary: string;
  matches(text: string, r: AnalysisResult, violation: string): boolean;
}

/** Bugs the fuzzers found that are not fixed yet (tolerated by the suite, counted, `--strict` fails on them). None open. */
export const KNOWN_ISSUES: KnownIssue[] = [];

export const KNOWN_HITS = new Map<string, number>();

export function strictMode(): boolean {
  return process.env.RELIABILITY_STRICT === '1';
}

function dropKnown(text: string, r: AnalysisResult, violations: string[]): string[] {
  if (strictMode()) return violations;
  return violations.filter((v) => {
    const k = KNOWN_ISSUES.find((i) => i.matches(text, r, v));
    if (k) KNOWN_HITS.set(k.id, (KNOWN_HITS.get(k.id) ?? 0) + 1);
    return !k;
  });
}

/** Run analyze() and all invariants (including every fix); throw InvariantError on the first violation. */
export function checkAll(text: string, options: AnalyzeOptions = {}, opts: { fixes?: boolean; bound?: number } = {}): AnalysisResult {
  const r = timedAnalyze(text, options, opts.bound);
  let v = resultViolations(text, r);
  if (opts.fixes !== false) v.push(...fixViolations(text, r, options));
  v = dropKnown(text, r, v);
  if (v.length) throw new InvariantError(v.slice(0, 5).join('\n  '), text);
  STATS.findings += r.findings.length;
  for (const f of r.findings) STATS.byRule.set(f.rule, (STATS.byRule.get(f.rule) ?? 0) + 1);
  return r;
}

/** Findings as (rule, severity, covered text without whitespace), sorted: for metamorphic comparisons. */
export function findingSignature(text: string, r: AnalysisResult): string[] {
  return r.findings.map((f) => `${f.rule}|${f.severity}|${text.substr(f.offset, f.length).replace(/\s+/g, '')}`).sort();
}

// ---------------------------------------------------------------------------------------------
// Text transformations that must not change what a policy means.

/** LF -> CRLF (idempotent on text that already has CRLF). */
export function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** Leading indentation spaces -> tabs (one tab per space run). */
export function toTabs(text: string): string {
  return text.replace(/^( +)/gm, (s) => '\t'.repeat(Math.max(1, Math.round(s.length / 4))));
}

// ---------------------------------------------------------------------------------------------
// Scanner for shipped bundles.

export interface BundleIssue {
  kind: 'eval' | 'new-function' | 'network-module' | 'child-process' | 'telemetry' | 'network-call';
  match: string;
  index: number;
}

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'ws', 'undici', 'node-fetch', 'axios', 'got'];
const PROCESS_MODULES = ['child_process', 'cluster', 'worker_threads'];
const TELEMETRY_PATTERNS = [/@vscode\/extension-telemetry/, /applicationinsights/i, /createTelemetryLogger/, /TelemetryReporter/, /\bsendTelemetry\w*/];

/**
 * Find forbidden patterns in bundled JavaScript. Minifiers rename identifiers but not module names in require()/import
 * and not the `eval`/`Function` globals, so those are what we look for.
 */
export function scanBundle(src: string, opts: { allowFs?: boolean; allowChildProcess?: boolean; allowWorkerThreads?: boolean } = {}): BundleIssue[] {
  const issues: BundleIssue[] = [];
  const add = (kind: BundleIssue['kind'], re: RegExp): void => {
    for (const m of src.matchAll(re)) issues.push({ kind, match: m[0], index: m.index });
  };
  // eval( / window.eval( / (0,eval)( / globalThis["eval"] — but not identifiers like `evaluate(` or `.evalSomething(`.
  add('eval', /(?<![\w$.])eval\s*\(|\b(?:window|globalThis|self|global)\s*\.\s*eval\s*\(|\(\s*0\s*,\s*eval\s*\)|\[\s*["'`]eval["'`]\s*\]/g);
  // new Function(...), Function("…"), Function.constructor, and the constructor-of-a-function trick.
  add('new-function', /\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*["'`]|\bFunction\s*\.\s*constructor\b|\.constructor\s*\(\s*["'`]return\b/g);
  const modules = (names: string[]): RegExp => {
    const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
    return new RegExp(`(?:require\\s*\\(\\s*|from\\s*|import\\s*\\(\\s*)["'\`](?:node:)?(?:${alt})(?:/[^"'\`]*)?["'\`]`, 'g');
  };
  add('network-module', modules(NETWORK_MODULES));
  // worker_threads runs our own bundled file in this process (the analysis worker); child processes and cluster never.
  if (!opts.allowChildProcess) add('child-process', modules(opts.allowWorkerThreads ? PROCESS_MODULES.filter((m) => m !== 'worker_threads') : PROCESS_MODULES));
  // `new X` without parentheses is how a minifier writes `new X()`.
  add('network-call', /(?<![\w$.])fetch\s*\(|\bnew\s+(?:XMLHttpRequest|WebSocket|EventSource)\b(?![\w$])|navigator\s*\.\s*sendBeacon\s*\(/g);
  for (const re of TELEMETRY_PATTERNS) add('telemetry', new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'));
  return issues;
}
