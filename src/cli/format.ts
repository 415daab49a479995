// Output formats for `cleanrooms-iam lint`: text (ESLint "stylish"-like), json, sarif 2.1.0. Pure: no Node APIs.
import { codesForRule } from '../analysis/access-analyzer';
import type { RuleMeta, Severity } from '../analysis/types';
import { countFindings, tooManyWarnings, type FileReport } from './report';

// ---------- json ----------

/** The stable machine format: exactly these keys, in this order. */
export function formatJson(reports: readonly FileReport[]): string {
  const out = reports.map((r) => ({
    file: r.file,
    kind: r.kind,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

// ---------- text ----------

export interface TextOptions {
  color: boolean;
  maxWarnings: number;
}

const ESC = '\u001b[';
type Style = 'red' | 'yellow' | 'blue' | 'green' | 'dim' | 'bold' | 'underline';
const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

// sanitize / sanitizeLines live with the other message helpers (src/analysis/messages.ts), for the extension too.
import { sanitize } from '../analysis/messages';
export { sanitize, sanitizeLines } from '../analysis/messages';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatText(reports: readonly FileReport[], options: TextOptions): string {
  const paint = (s: string, ...styles: Style[]): string =>
    options.color ? styles.reduce((acc, st) => `${ESC}${CODES[st][0]}m${acc}${ESC}${CODES[st][1]}m`, s) : s;
  const sevStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };
  const lines: string[] = [];
  for (const r of reports) {
    if (!r.findings.length) continue;
    lines.push(paint(sanitize(r.file), 'underline'));
    const pos = r.findings.map((f) => `${f.line}:${f.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    const sevWidth = Math.max(...r.findings.map((f) => f.severity.length));
    r.findings.forEach((f, i) => {
      lines.push(
        `  ${paint(pos[i].padEnd(posWidth), 'dim')}  ${paint(f.severity.padEnd(sevWidth), sevStyle[f.severity])}  ${sanitize(f.message)}  ${paint(f.rule, 'dim')}`,
      );
    });
    lines.push('');
  }
  const c = countFindings(reports);
  const total = c.error + c.warning + c.info + c.hint;
  const policies = reports.filter((r) => r.kind !== 'not-a-policy').length;
  if (total === 0) {
    lines.push(paint(`✔ No problems in ${plural(reports.length, 'file')} (${policies} ${policies === 1 ? 'policy' : 'policies'}).`, 'green', 'bold'));
  } else {
    const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
    if (c.info) parts.push(`${c.info} info`);
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const mark = c.error ? '✖' : c.warning ? '⚠' : 'ℹ';
    const style: Style = c.error ? 'red' : c.warning ? 'yellow' : 'blue';
    // In the files that have them, out of the files checked: "8 problems … in 2 of 4 files".
    const withProblems = reports.filter((r) => r.findings.length > 0).length;
    lines.push(paint(`${mark} ${plural(total, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${plural(reports.length, 'file')}`, style, 'bold'));
  }
  if (tooManyWarnings(c, options.maxWarnings)) {
    lines.push(paint(`✖ Too many warnings: ${c.warning} (maximum: ${options.maxWarnings}).`, 'red', 'bold'));
  }
  return lines.join('\n') + '\n';
}

// ---------- sarif ----------

export interface SarifOptions {
  toolName: string;
  version: string;
  informationUri: string;
  /** Every rule in the registry (allRules()). */
  rules: readonly RuleMeta[];
  /** The artifact URI for a report's file: relative to the repository root, forward slashes (see relativeUri). */
  artifactUri(file: string): string;
  /** When it returns a URI for a report (by index), that URI is used instead (names that are not UTF-8). */
  artifactUriAt?(reportIndex: number): string | undefined;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * A relative path as a relative URI reference: forward slashes, each segment percent-encoded (RFC 3986: everything
 * but unreserved characters and the sub-delimiters that encodeURIComponent keeps). A backslash separates segments only
 * on Windows (`windows: true`); elsewhere it is a character of the file name and is encoded (%5C).
 */
export function relativeUri(relPath: string | Uint8Array, options: { windows?: boolean } = {}): string {
  if (typeof relPath !== 'string') return relativeUriBytes(relPath, options.windows === true);
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): U+FFFD, as any UTF-8 decoder shows it.
  const wellFormed = relPath.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed
    .split(options.windows ? /[\\/]+/ : /\/+/)
    .filter((s) => s !== '' && s !== '.')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** Bytes kept as they are by encodeURIComponent: A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
const KEEP = /^[A-Za-z0-9\-_.!~*'()]$/;

/**
 * relativeUri for a path given as bytes (a file name that is not valid UTF-8): each byte outside the kept set is
 * %XX, so the URI names the real file; for valid UTF-8 the result is the same as for the decoded string.
 */
function relativeUriBytes(bytes: Uint8Array, windows: boolean): string {
  const segments: string[] = [];
  let cur = '';
  const flush = (): void => {
    if (cur !== '' && cur !== '.') segments.push(cur);
    cur = '';
  };
  for (const b of bytes) {
    if (b === 0x2f || (windows && b === 0x5c)) flush();
    else {
      const c = String.fromCharCode(b);
      cur += b < 0x80 && KEEP.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  flush();
  return segments.join('/');
}

export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (id: string, title: string, description: string, docUrl: string | undefined, severity: Severity): void => {
    ruleIndex.set(id, rules.length);
    rules.push({
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: title },
      fullDescription: { text: description },
      ...(docUrl ? { helpUri: docUrl, help: { text: `${description} See ${docUrl}` } } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[severity] },
    });
  };
  for (const r of options.rules) addRule(r.id, r.title, r.description, r.docUrl, r.severity);
  // The IAM Access Analyzer issue code a rule corresponds to travels on each of its results as a property.
  // The Access Analyzer issue codes a rule corresponds to (its meta's first, then those the code table adds).
  const aaCodes = new Map(options.rules.map((r) => [r.id, codesForRule(r.id)] as const).filter(([, c]) => c.length > 0));

  const results: object[] = [];
  for (const [i, rep] of reports.entries()) {
    const uri = options.artifactUriAt?.(i) ?? options.artifactUri(rep.file);
    for (const f of rep.findings) {
      if (!ruleIndex.has(f.rule)) addRule(f.rule, f.rule, f.message, f.docUrl, f.severity);
      results.push({
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        ...(aaCodes.has(f.rule) ? { properties: { accessAnalyzerIssueCode: aaCodes.get(f.rule)![0], accessAnalyzerIssueCodes: aaCodes.get(f.rule) } } : {}),
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.version,
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
