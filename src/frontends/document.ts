// analyzeDocument(text): the entry point for any document a user keeps policies in. A JSON policy goes straight to the
// engine; a CloudFormation template (YAML or JSON) goes through its front end, one policy site at a time, and every
// finding is mapped back onto the template's source.
//
// Unknown values (intrinsics) are rendered with stand-ins. A site with untyped unknowns is analysed twice, with a plain
// name and then with `*` in their place; only findings that both analyses make (same rule, same source range, same
// message in the source's words) are kept, so nothing is reported that depends on what an unknown value is. Findings
// inside an unknown value are dropped. Typed unknowns (a Region, an account, a partition) take one valid value that is
// consistent with the site's literals: "unknown, consistent".
import { analyze, type ParsedPolicy } from '../analysis/analyze';
import { parse as parseYaml } from 'yaml';
import type { AnalysisResult, AnalyzeOptions, Finding, Fix, TextEdit } from '../analysis/types';
import { isCleanRoomsRegion } from '../catalog/regions';
import { mayBeTemplate, templateSites } from './cloudformation';
import { mayBeTerraform, terraformSites, type HclParser } from './terraform';
import { isTerraformJsonName, terraformJsonSites } from './terraform-json';
import { renderSite, sourceText, strings, type HostValue, type Piece, type PolicySite, type RenderedSite, type ScalarStyle, type StandIns } from './site';

export type HostLanguage = 'json' | 'cloudformation' | 'terraform';

export interface DocumentAnalysis extends AnalysisResult {
  /** The front end that read the document (absent: a JSON policy, as analyze() returns it). */
  host?: HostLanguage;
  /** Policy documents found in a template (absent for a JSON policy). */
  sites?: Array<{ path: string; src: number; srcEnd: number }>;
}

export interface DocumentOptions extends AnalyzeOptions {
  /** The editor's language id (`json`, `jsonc`, `yaml`, `terraform`, …), when known. */
  languageId?: string;
  /** The HCL parser (hcl-parser.ts loads it, asynchronously, once). Without it a Terraform file is not analysed. */
  hcl?: HclParser;
}

const YAML_NAME = /\.(ya?ml|template)$/i;
const TERRAFORM_NAME = /\.tf$/i;

/** A Terraform document (`.tf`, or the HashiCorp extension's `terraform` language). */
export function isTerraformDocument(options: Pick<DocumentOptions, 'fileName' | 'languageId'>): boolean {
  return options.languageId === 'terraform' || TERRAFORM_NAME.test(options.fileName ?? '');
}

/** True when the document may hold policies for some front end (cheap: no parse). */
export function mayHoldPolicies(text: string, options: Pick<DocumentOptions, 'fileName' | 'languageId'> = {}): boolean {
  if (isTerraformDocument(options) || isTerraformJsonName(options.fileName)) return mayBeTerraform(text);
  return isYamlDocument(options) ? mayBeTemplate(text) : true;
}

function isYamlDocument(options: Pick<DocumentOptions, 'fileName' | 'languageId'>): boolean {
  return options.languageId === 'yaml' || (options.languageId === undefined && YAML_NAME.test(options.fileName ?? ''));
}

/**
 * Analyse a document. `out`, when given, receives the template's (or Terraform file's) policy sites (the hovers and Fill of the editor render
 * them again without parsing the template a second time; see view.ts), or a JSON policy's parse (analyze's ParsedPolicy).
 */
export function analyzeDocument(text: string, options: DocumentOptions = {}, out?: { sites?: PolicySite[]; parsed?: ParsedPolicy }): DocumentAnalysis {
  // Terraform: `.tf` (HCL) and `.tf.json` (Terraform's JSON syntax: a JSON file that Terraform reads, by its name).
  const tfJson = isTerraformJsonName(options.fileName);
  if (tfJson || isTerraformDocument(options)) {
    if (text.length > (options.maxLength ?? 5 * 1024 * 1024)) return { kind: 'not-a-policy', findings: [], skipped: 'too-large', host: 'terraform' };
    const sites = tfJson ? terraformJsonSites(text, options.hcl).sites : options.hcl ? terraformSites(text, options.hcl).sites : [];
    if (out) out.sites = sites;
    return analyzeSites(text, sites, options, 'terraform');
  }
  const yaml = isYamlDocument(options);
  if (!yaml) {
    const r = analyze(text, options, out);
    if (r.kind !== 'not-a-policy' || r.skipped || !mayBeTemplate(text)) return r;
  } else if (text.length > (options.maxLength ?? 5 * 1024 * 1024)) {
    return { kind: 'not-a-policy', findings: [], skipped: 'too-large', host: 'cloudformation' };
  }
  const { sites, template } = templateSites(text);
  if (out) out.sites = template ? sites : undefined;
  if (!template || !sites.length) return yaml ? { kind: 'not-a-policy', findings: [], host: 'cloudformation' } : { kind: 'not-a-policy', findings: [] };
  return analyzeSites(text, sites, options, 'cloudformation');
}

/**
 * The policy sites of a template or Terraform file as its front end reads them; undefined for a JSON policy, a file the
 * front end cannot read (a syntax error, no HCL parser) or a document that is no template. Fill reads the filled text
 * again with it to prove its edits (view.ts, templateFill).
 */
export function documentSites(text: string, options: Pick<DocumentOptions, 'fileName' | 'languageId' | 'hcl'>): PolicySite[] | undefined {
  if (isTerraformJsonName(options.fileName)) {
    const r = terraformJsonSites(text, options.hcl);
    return r.parsed ? r.sites : undefined;
  }
  if (isTerraformDocument(options)) {
    if (!options.hcl) return undefined;
    const r = terraformSites(text, options.hcl);
    return r.parsed ? r.sites : undefined;
  }
  const { sites, template } = templateSites(text);
  return template ? sites : undefined;
}

function analyzeSites(text: string, sites: PolicySite[], options: DocumentOptions, host: HostLanguage): DocumentAnalysis {
  if (!sites.length) return { kind: 'not-a-policy', findings: [], host };
  const { hcl: _hcl, languageId: _languageId, ...engineOptions } = options;
  const findings: Finding[] = [];
  let kind: AnalysisResult['kind'] = 'permissions';
  for (const [i, site] of sites.entries()) {
    const r = analyzeSite(site, engineOptions, text);
    if (i === 0) kind = r.kind;
    findings.push(...r.findings);
  }
  findings.sort((a, b) => a.offset - b.offset || a.length - b.length);
  return { kind, findings, host, sites: sites.map((s) => ({ path: s.path, src: s.src, srcEnd: s.srcEnd })) };
}

interface SiteAnalysis {
  kind: AnalysisResult['kind'];
  findings: Finding[];
}

export function analyzeSite(site: PolicySite, options: AnalyzeOptions, source: string): SiteAnalysis {
  const standIns = chooseStandIns(site.value);
  const opts: AnalyzeOptions = { ...options, fileName: undefined, forcePolicy: true };
  const r0 = renderSite(site.value, standIns, 0);
  const a0 = analyze(r0.json, opts);
  const words0 = sourceWords(r0, site.value);
  let keep: Set<string> | undefined;
  // The second analysis only removes findings of the first: when the first has none outside the unknown values (a clean
  // template, the common case), it is not made.
  if (r0.variantDependent && a0.findings.some((f) => key(f, r0, words0) !== undefined)) {
    const r1 = renderSite(site.value, standIns, 1);
    const a1 = analyze(r1.json, opts);
    const words1 = sourceWords(r1, site.value);
    keep = new Set<string>();
    for (const f of a1.findings) {
      const k = key(f, r1, words1);
      if (k) keep.add(k);
    }
  }
  const findings: Finding[] = [];
  const opaque = opaqueStatements(site.value);
  for (const f of a0.findings) {
    const k = key(f, r0, words0);
    if (!k || (keep && !keep.has(k))) continue;
    const at = mapRange(r0.pieces, f.offset, f.length)!;
    if (!LOCAL_RULE.test(f.rule) && opaque.some(([s, e]) => s <= at.src && at.src + at.length <= e)) continue;
    const mapped: Finding = { ...f, offset: at.src, length: at.length, message: words0(f.message, at.src) };
    if (f.related) {
      mapped.related = f.related.flatMap((x) => {
        const m = mapRange(r0.pieces, x.offset, x.length);
        return m && !m.unknown ? [{ offset: m.src, length: m.length, message: words0(x.message, m.src) }] : [];
      });
    }
    if (f.fixes) {
      const fixes: Fix[] = [];
      for (const fix of f.fixes) {
        const edits = mapEdits(r0.pieces, fix.edits, source);
        if (edits) fixes.push({ ...fix, title: words0(fix.title, at.src), edits });
      }
      if (fixes.length) mapped.fixes = fixes;
      else delete mapped.fixes;
    }
    findings.push(mapped);
  }
  return { kind: a0.kind, findings };
}

/**
 * Statements with an element the tool cannot know (`Condition = var.conditions`, `Condition: !If […]`, a `dynamic`
 * block): a stand-in string cannot play a condition, a principal or an action list, so only the rules that judge a
 * literal value by itself (LOCAL_RULE) report inside them; rules that weigh the statement as a whole keep quiet.
 */
function opaqueStatements(value: HostValue): Array<[number, number]> {
  if (value.t !== 'object') return [];
  const st = value.entries.find((e) => sourceText(e.key) === 'Statement')?.value;
  if (!st) return [];
  if (st.t === 'unknown') return [[value.src, value.srcEnd]];
  const items = st.t === 'array' ? st.items : [st];
  return items.flatMap((x): Array<[number, number]> => (x.t === 'object' && x.entries.some((e) => e.value.t === 'unknown') ? [[x.src, x.srcEnd]] : []));
}

/** Rules whose findings depend on one literal value alone: a placeholder, an ARN's shape, an action or principal name. */
const LOCAL_RULE =
  /^(placeholder-|arn-|json-|grammar-(action-format|sid-|effect|version)|iam-(unknown-|service-|action-not-listed)|cleanrooms-(principal-typo|source-arn-membership|region))/;

/** Rule, source range and message in the source's words: equal for both stand-in variants when the finding does not
 * depend on the unknown values. Undefined for a finding inside an unknown value. */
function key(f: Finding, r: RenderedSite, words: (message: string, at?: number) => string): string | undefined {
  const at = mapRange(r.pieces, f.offset, f.length);
  if (!at || at.unknown) return undefined;
  return `${f.rule}\u0000${at.src}\u0000${at.length}\u0000${words(f.message, at.src)}`;
}

interface Mapped {
  src: number;
  length: number;
  unknown: boolean;
}

/** The innermost piece that holds the range; inside a piece that maps 1:1, the exact source range. */
export function mapRange(pieces: readonly Piece[], offset: number, length: number): Mapped | undefined {
  const end = offset + length;
  let best: Piece | undefined;
  for (const p of pieces) {
    if (p.start <= offset && end <= p.end && (!best || p.end - p.start <= best.end - best.start)) best = p;
  }
  if (!best) return undefined;
  if (best.linear) return { src: best.src + (offset - best.start), length, unknown: false };
  return { src: best.src, length: best.srcEnd - best.src, unknown: best.unknown };
}

/** The fix's edits in the source, or undefined when one of them cannot be written there exactly (see safeEdit). */
function mapEdits(pieces: readonly Piece[], edits: readonly TextEdit[], source: string): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const p = pieces.find((x) => x.linear && x.start <= e.offset && e.offset + e.length <= x.end);
    if (!p?.style) return undefined;
    const edit = { offset: p.src + (e.offset - p.start), length: e.length, newText: e.newText };
    if (!safeEdit(source, p.style, edit)) return undefined;
    out.push(edit);
  }
  return out;
}

const PLAIN_INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const PLAIN_UNSAFE = /[#,[\]{}]|: |:$/;

/**
 * True when the edit, made inside a scalar of this style, changes the scalar's value by exactly the same edit and
 * nothing else: no character that ends or escapes the scalar, and a plain scalar stays a plain string (no `#` comment,
 * no `: `, no flow indicator, no leading indicator or space, and not a word YAML reads as a number, a Boolean or null).
 * In a `!Sub` template, no `$` (it could start a reference).
 */
export function safeEdit(source: string, style: ScalarStyle, edit: TextEdit): boolean {
  if (edit.offset < style.start || edit.offset + edit.length > style.end) return false;
  if ([...edit.newText].some((c) => c < ' ' || c === '\u007f' || c === '\u2028' || c === '\u2029')) return false; // control characters, line breaks
  if (style.sub && edit.newText.includes('$')) return false;
  switch (style.quote) {
    case 'double':
      return !/["\\]/.test(edit.newText);
    case 'hcl':
    case 'json-in-hcl':
      // No quote or backslash (they end or escape the string), no `$` or `%` (`${` / `%{` start a template).
      return !/["\\$%]/.test(edit.newText);
    case 'json-in-yaml':
      // Inside a JSON string held by a YAML (or JSON) string: no `"` or `\` (the JSON's end or escape, and the host
      // string's in a double-quoted scalar or a JSON template) and no `'` (a single-quoted scalar's end).
      return !/["\\']/.test(edit.newText);
    case 'single':
      return !edit.newText.includes("'");
    case 'plain': {
      const value = source.slice(style.start, edit.offset) + edit.newText + source.slice(edit.offset + edit.length, style.end);
      if (!value || value !== value.trim() || PLAIN_INDICATOR.test(value) || PLAIN_UNSAFE.test(value) || / #/.test(value)) return false;
      return typeof parseYaml(value) === 'string';
    }
  }
}

/**
 * Messages as the source writes them: a rendered string with stand-ins becomes its source text, and a stand-in its
 * source expression. The strings at the finding's own source offset go first, so that a stand-in shared by several
 * unknowns (one Region for all, "unknown, consistent") is named as the finding's own string writes it.
 */
function sourceWords(r: RenderedSite, value: HostValue): (message: string, at?: number) => string {
  if (!r.standIns.length) return (m) => m;
  const byRange = new Map<string, Piece>();
  for (const p of r.pieces) if (r.json[p.start] === '"' && r.json[p.end - 1] === '"') byRange.set(`${p.src}:${p.srcEnd}`, p);
  interface Local {
    src: number;
    srcEnd: number;
    pairs: Array<[string, string]>;
  }
  const locals: Local[] = [];
  const global: Array<[string, string]> = [];
  for (const s of strings(value)) {
    if (!s.parts.some((p) => 'unknown' in p)) continue;
    const p = byRange.get(`${s.src}:${s.srcEnd}`);
    if (!p) continue;
    const whole: [string, string] = [JSON.parse(r.json.slice(p.start, p.end)) as string, sourceText(s)];
    const pairs: Array<[string, string]> = [whole];
    for (const part of s.parts) {
      if (!('unknown' in part)) continue;
      const piece = r.pieces.find((x) => x.unknown && x.src === part.src && x.srcEnd === part.srcEnd && x.start > p.start && x.end < p.end);
      if (piece) pairs.push([JSON.parse(`"${r.json.slice(piece.start, piece.end)}"`) as string, part.unknown]);
    }
    locals.push({ src: s.src, srcEnd: s.srcEnd, pairs });
    global.push(whole);
  }
  // Untyped stand-ins are distinct per expression, so they can be replaced anywhere; `*` (variant 1) cannot.
  for (const x of r.standIns) if (/^cfnvalue\d+$/.test(x.text)) global.push([x.text, x.expr]);
  const replace = (message: string, pairs: Array<[string, string]>): string => {
    let out = message;
    for (const [from, to] of [...pairs].sort((a, b) => b[0].length - a[0].length)) if (from.length > 1 && out.includes(from)) out = out.split(from).join(to);
    return out;
  };
  return (message, at) => {
    let out = message;
    if (at !== undefined) for (const l of locals) if (l.src <= at && at < l.srcEnd) out = replace(out, l.pairs);
    return replace(out, global);
  };
}

/** One valid value per typed unknown, taken from the site's literals where they name one: "unknown, consistent". */
export function chooseStandIns(value: HostValue): StandIns {
  const regions = new Map<string, number>();
  const accounts = new Map<string, number>();
  let partition = 'aws';
  for (const s of strings(value)) {
    for (const p of s.parts) {
      if (!('lit' in p)) continue;
      for (const m of p.lit.matchAll(/arn:(aws[a-z-]*):[a-z0-9*-]*:([a-z0-9-]*):(\d{12})?/g)) {
        if (m[1] !== 'aws') partition = m[1];
        if (m[2]) regions.set(m[2], (regions.get(m[2]) ?? 0) + 1);
        if (m[3]) accounts.set(m[3], (accounts.get(m[3]) ?? 0) + 1);
      }
    }
  }
  const top = (m: Map<string, number>, ok: (k: string) => boolean): string | undefined => [...m].filter(([k]) => ok(k)).sort((a, b) => b[1] - a[1])[0]?.[0];
  const region =
    partition === 'aws'
      ? (top(regions, isCleanRoomsRegion) ?? 'us-east-1')
      : partition === 'aws-cn'
        ? 'cn-north-1'
        : partition === 'aws-us-gov'
          ? 'us-gov-west-1'
          : 'us-east-1';
  return {
    partition,
    region,
    account: top(accounts, () => true) ?? '405128965318',
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
}

export type { PolicySite };
