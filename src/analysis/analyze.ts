// analyze(text) -> { kind, findings }: the one entry point every front end (VS Code, CLI, bench) uses.
import { findNodeAtOffset } from 'jsonc-parser';
import { findComments, MAX_DEEP_REGIONS, MAX_DEPTH, parseErrorMessage, parseJson, scanShape, type Node, type ParsedJson } from './json';
import { buildModel, isPolicyRoot } from './model';
import { findPlaceholders, type PlaceholderOccurrence } from './placeholder-detect';
import { placeholderOccurrences } from './rules/util';
import { elide } from './messages';
import { guardFindings } from './fix-guard';
import { policyFacts } from './facts';
import { applySeverityOverride, makeFinding, runOrder, type RuleContext } from './rule';
import { RULE_FAMILIES, RULES_BY_ID } from './rules';
import { CORE_RULES } from './rules/core';
import type { AnalysisResult, AnalyzeOptions, Finding, TextEdit } from './types';

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;
/** At most this many JSON syntax findings per document (the rest are counted in the last one's message). */
export const MAX_SYNTAX_FINDINGS = 100;

/**
 * Quick test used before parsing: a document without the text `"Statement"` cannot be a policy, unless a key is
 * written with escapes (`"St\u0061tement"` is the key Statement too; scanShape then looks closer).
 */
function mayBePolicy(text: string): boolean {
  return text.indexOf('"Statement"') >= 0 || text.indexOf('\\') >= 0;
}

/**
 * What analyze() parsed, for a front end that answers more questions about the same text (hovers, code lens, Fill, the
 * role check) without parsing it again: the adapter keeps it with the analysis of the document's version.
 */
export interface ParsedPolicy {
  /** The tree, of the text with values nested deeper than MAX_DEPTH blanked out (same offsets). */
  root: Node | undefined;
  /** The placeholders in the document, as the placeholder rules found them (sorted by offset; read-only). */
  placeholders: readonly PlaceholderOccurrence[];
  /** True when the text parsed without any syntax error (comments aside) and nothing nests too deep: `root` is the whole document. */
  wellFormed: boolean;
  /** The innermost node at `offset` (a node's end offset included, as in a hover at the end of a word). */
  nodeAt(offset: number): Node | undefined;
}

function parsedPolicy(parsed: ParsedJson, placeholders: readonly PlaceholderOccurrence[]): ParsedPolicy {
  const root = parsed.root;
  return {
    root,
    placeholders,
    wellFormed: !!root && !parsed.errors.length && !parsed.tooDeep,
    nodeAt: (offset) => (root ? findNodeAtOffset(root, offset, true) : undefined),
  };
}

/**
 * A JSON policy's ParsedPolicy without an analysis (one parse), for a front end whose analysis ran elsewhere (the editor's
 * worker thread); `placeholders`, when the analysis gave them, are kept rather than found again.
 */
export function parsePolicy(text: string, placeholders?: readonly PlaceholderOccurrence[]): ParsedPolicy {
  const parsed = parseJson(text);
  return parsedPolicy(parsed, placeholders ?? (parsed.root ? findPlaceholders(parsed.tooDeep?.text ?? text, parsed.root) : []));
}

/**
 * The policy kind only, as analyze() would say it (without forcePolicy), with no rule run: scan, parse (unless `root`, the
 * parse of this text, is given) and the model's kind. For callers that need nothing else (Copy AWS CLI Commands).
 */
export function classify(text: string, fileName?: string, root?: Node): AnalysisResult['kind'] {
  if (!root) {
    if (text.length > DEFAULT_MAX_LENGTH || !mayBePolicy(text)) return 'not-a-policy';
    const shape = scanShape(text);
    if (shape.topLevelStatement === false) return 'not-a-policy';
    const parsed = parseJson(text, shape.tooDeep !== undefined ? 'deep' : true);
    root = parsed.root;
    if (parsed.tooDeep) text = parsed.tooDeep.text;
  }
  return isPolicyRoot(root) ? buildModel(text, root, fileName).kind : 'not-a-policy';
}

/**
 * Analyse a JSON policy. `out`, when given, receives what was parsed (ParsedPolicy) when the text is a policy (or is
 * analysed as one), so the caller never parses it again.
 */
export function analyze(text: string, options: AnalyzeOptions = {}, out?: { parsed?: ParsedPolicy }): AnalysisResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) return { kind: 'not-a-policy', findings: [], skipped: 'too-large' };
  if (!options.forcePolicy && !mayBePolicy(text)) return { kind: 'not-a-policy', findings: [] };

  const overrides = options.severityOverrides ?? {};
  const findings: Finding[] = [];
  /** Every finding, indexed (hasFindingAt) before the settings apply, then kept unless its rule is off. */
  const keep = (f: Finding, seenBy: readonly FindingIndex[]): void => {
    // Indexed before the settings apply: a rule that stays quiet where another rule found something (hasFindingAt)
    // stays quiet when that rule is off too, so one rule's setting never changes another rule's findings.
    for (const index of seenBy) index.add(f);
    if (applySeverityOverride(f, overrides)) findings.push(f);
  };
  /** The engine's own findings (syntax, comments, depth): every family's hasFindingAt sees them. */
  const engineFindings: Finding[] = [];
  const push = (f: Finding): void => {
    engineFindings.push(f);
    keep(f, []);
  };

  // Without forcePolicy, one linear pass (which also bounds the nesting) tells most non-policies apart before
  // the parser builds a tree: a JSON file that mentions "Statement" only below the top level costs a scan, not a parse.
  let depthChecked: boolean | 'deep' = false;
  if (!options.forcePolicy) {
    const shape = scanShape(text);
    if (shape.topLevelStatement === false) return { kind: 'not-a-policy', findings: [] };
    depthChecked = shape.tooDeep !== undefined ? 'deep' : true;
  }
  const parsed = parseJson(text, depthChecked);
  // Values nested deeper than MAX_DEPTH were blanked out before parsing (bounded recursion); the rest of the policy is
  // analysed as usual, on the masked text (same offsets), and each deep value is reported.
  const deepRegions = parsed.tooDeep?.regions ?? [];
  if (parsed.tooDeep) text = parsed.tooDeep.text;
  const root = parsed.root;
  if (!isPolicyRoot(root)) {
    if (!options.forcePolicy) return { kind: 'not-a-policy', findings: [] };
  }
  const errorOffsets = new Set<number>();
  // One syntax finding per document offset: a trailing-comma finding replaces a generic error on the same comma
  // (`{"a":1,,}` gives "property name expected" on the second comma and then a trailing comma on it).
  const syntax = new Map<number, Finding>();
  let more = 0;
  for (const e of parsed.errors) {
    // Bounded: a pasted binary or a million commas must not turn into a million diagnostics.
    if (syntax.size >= MAX_SYNTAX_FINDINGS) {
      more++;
      continue;
    }
    // jsonc-parser can report several errors at one offset (e.g. a trailing comma); keep the first.
    if (errorOffsets.has(e.offset)) continue;
    errorOffsets.add(e.offset);
    const comma = trailingCommaBefore(text, e.offset);
    if (comma !== undefined) {
      syntax.set(
        comma,
        makeFinding(
          CORE_RULES[0],
          comma,
          1,
          `JSON syntax error: trailing comma before "${text[e.offset]}". JSON (and IAM) do not allow it; remove the comma.`,
          {
            fixes: [{ title: 'Remove the trailing comma', edits: [{ offset: comma, length: 1, newText: '' }], preferred: true }],
          },
        ),
      );
      continue;
    }
    if (syntax.has(e.offset)) continue;
    // Errors at the end of the document ("closing brace expected" after a truncation) sit at offset === text.length:
    // keep the range inside the document (zero length at the very end).
    const offset = Math.min(e.offset, text.length);
    const length = Math.min(Math.max(1, e.length), text.length - offset);
    syntax.set(
      offset,
      makeFinding(
        CORE_RULES[0],
        offset,
        length,
        `JSON syntax error: ${describeParseError(parseErrorMessage(e))}. IAM rejects a policy that is not valid JSON.`,
      ),
    );
  }
  if (more) {
    const last = [...syntax.values()].pop()!;
    last.message += ` (${more} further JSON errors after this one are not shown.)`;
  }
  for (const f of syntax.values()) push(f);
  commentFindings(text, push);
  deepRegions.forEach((r, i) => {
    const more =
      i === deepRegions.length - 1 && parsed.tooDeep!.count > deepRegions.length
        ? ` (${parsed.tooDeep!.count - deepRegions.length} more values nest that deep; only the first ${MAX_DEEP_REGIONS} are shown.)`
        : '';
    push(
      makeFinding(
        CORE_RULES[1],
        r.offset,
        1,
        `This value nests deeper than ${MAX_DEPTH} levels, which no IAM policy does (IAM rejects the policy); it is not analysed. Remove the extra nesting.${more}`,
      ),
    );
  });
  // forcePolicy and no object at all: nothing more to check than syntax.
  if (!root || root.type !== 'object') {
    if (out) out.parsed = parsedPolicy(parsed, root ? findPlaceholders(text, root) : []);
    return { kind: 'permissions', findings: sortFindings(findings) };
  }
  const model = buildModel(text, root, options.fileName);
  const seen = new Set<string>();
  /** A family's context: its reports are indexed in `seenBy`, its hasFindingAt answers from `view`. */
  const contextOf = (view: FindingIndex, seenBy: readonly FindingIndex[]): RuleContext => ({
    text,
    model,
    options,
    report(ruleId, offset, length, message, extras) {
      const meta = RULES_BY_ID.get(ruleId);
      if (!meta) throw new Error(`unknown rule id ${ruleId}`);
      const key = `${ruleId}@${offset}:${length}`;
      if (seen.has(key)) return;
      seen.add(key);
      keep(makeFinding(meta, offset, length, message, extras), seenBy);
    },
    reportNode(ruleId, node, message, extras) {
      this.report(ruleId, node.offset, node.length, message, extras);
    },
    hasFindingAt(offset, rules) {
      return view.has(offset, rules);
    },
  });
  // Each family sees (hasFindingAt) the engine's findings, its own and those of the families it reads (readsFindingsOf,
  // run before it by runOrder), and no other: the findings do not depend on the registry's order.
  const order = runOrder(RULE_FAMILIES);
  const views = new Map(order.map((family) => [family.name, new FindingIndex()]));
  const readers = new Map(order.map((family) => [family.name, [views.get(family.name)!]]));
  for (const family of order) for (const name of family.readsFindingsOf ?? []) if (name !== family.name) readers.get(name)?.push(views.get(family.name)!);
  for (const view of views.values()) for (const f of engineFindings) view.add(f);
  for (const family of order) {
    const seenBy = readers.get(family.name)!;
    const add = (f: Finding): void => keep(f, seenBy);
    try {
      family.check(contextOf(views.get(family.name)!, seenBy));
    } catch (err) {
      // A rule must never take the editor down; surface the bug as a finding instead of throwing.
      add({
        rule: 'internal-error',
        severity: 'hint',
        message: `Internal error in rule family "${family.name}": ${elide(String((err as Error)?.message ?? err), 300)}. Please report it.`,
        offset: 0,
        length: 0,
        docUrl: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html',
      });
    }
  }
  // For the facts and the placeholders below (computed once per analysis, cached on the model; they report nothing).
  const ctx = contextOf(new FindingIndex(), []);
  guardFindings(findings, {
    text,
    root,
    syntaxErrors: [...parsed.errors.map((e) => e.offset), ...deepRegions.flatMap((r) => [r.offset, r.offset + r.length])],
  });
  let facts: AnalysisResult['facts'];
  try {
    facts = policyFacts(ctx);
  } catch {
    facts = undefined; // the consistency family reported the bug already (it extracts the same facts)
  }
  // The placeholder rules found them already (computed once per analysis, cached on the model).
  if (out) out.parsed = parsedPolicy(parsed, placeholderOccurrences(ctx));
  return { kind: model.kind, findings: sortFindings(findings), ...(facts ? { facts } : {}) };
}

/**
 * Findings by position, so hasFindingAt costs O(findings near the offset) rather than O(all findings): rules call it
 * per value (and iam-data per character), which was quadratic on big documents (20,000 statements: minutes).
 */
export class FindingIndex {
  private static readonly BUCKET = 64;
  private static readonly LONG = 4096;
  private readonly buckets = new Map<number, Finding[]>();
  /** Findings longer than LONG (a whole statement or document): few, scanned linearly. */
  private readonly long: Finding[] = [];

  add(f: Finding): void {
    const len = Math.max(1, f.length);
    if (len > FindingIndex.LONG) {
      this.long.push(f);
      return;
    }
    const last = Math.floor((f.offset + len - 1) / FindingIndex.BUCKET);
    for (let b = Math.floor(f.offset / FindingIndex.BUCKET); b <= last; b++) {
      const list = this.buckets.get(b);
      if (list) list.push(f);
      else this.buckets.set(b, [f]);
    }
  }

  has(offset: number, rules?: readonly string[]): boolean {
    const hit = (f: Finding): boolean => f.offset <= offset && offset < f.offset + Math.max(1, f.length) && (!rules || rules.includes(f.rule));
    return (this.buckets.get(Math.floor(offset / FindingIndex.BUCKET))?.some(hit) ?? false) || this.long.some(hit);
  }
}

/** At most this many comments are reported (the rest are counted in the last one's message). */
const MAX_COMMENT_FINDINGS = 100;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d;
/** Characters that end a JSON token on their own: removing a comment next to one cannot join two tokens. */
const isSeparator = (c: number): boolean => Number.isNaN(c) || isBlank(c) || isBreak(c) || '{}[],:"'.includes(String.fromCharCode(c));

function commentFindings(text: string, push: (f: Finding) => void): void {
  if (text.indexOf('/') < 0) return;
  const { comments, count } = findComments(text, MAX_COMMENT_FINDINGS);
  comments.forEach((c, i) => {
    const fixes = c.closed ? [{ title: 'Remove the comment', edits: [removeCommentEdit(text, c.offset, c.offset + c.length)], preferred: true }] : undefined;
    const kind = c.block ? (c.closed ? 'a /* … */ comment' : 'an unterminated /* comment') : 'a // comment';
    const more = i === comments.length - 1 && count > comments.length ? ` (${count - comments.length} further comments after this one are not shown.)` : '';
    push(
      makeFinding(
        CORE_RULES[2],
        c.offset,
        c.length,
        `This is ${kind}: JSON has no comments, and IAM rejects the policy (JSON_SYNTAX_ERROR). Remove it (editors in JSON-with-comments mode accept it, IAM does not).${more}`,
        { fixes },
      ),
    );
  });
}

/**
 * The edit that removes the comment [start, end): a comment alone on its line goes with the line break before it; one after a
 * value takes the blanks before it along; a block comment between two tokens that would otherwise touch becomes a space.
 */
function removeCommentEdit(text: string, start: number, end: number): TextEdit {
  let s = start;
  while (s > 0 && isBlank(text.charCodeAt(s - 1))) s--;
  let e = end;
  while (e < text.length && isBlank(text.charCodeAt(e))) e++;
  const lineStart = s === 0 || isBreak(text.charCodeAt(s - 1));
  const lineEnd = e === text.length || isBreak(text.charCodeAt(e));
  if (lineStart && lineEnd) {
    // The whole line goes: with the line break before it (\r\n counts as one), so the next line does not slide into
    // its place; on the first line, the comment alone (an empty first line stays).
    if (s > 0) s -= s >= 2 && text.charCodeAt(s - 2) === 0x0d && text.charCodeAt(s - 1) === 0x0a ? 2 : 1;
    return { offset: s, length: e - s, newText: '' };
  }
  if (lineEnd) return { offset: s, length: e - s, newText: '' }; // trailing comment: drop the blanks around it
  const joins = !isSeparator(text.charCodeAt(start - 1)) && !isSeparator(text.charCodeAt(end));
  return { offset: start, length: end - start, newText: joins ? ' ' : '' };
}

/** Offset of a comma directly (modulo whitespace/comments-free space) before a closing bracket at `offset`. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const c = text[offset];
  if (c !== '}' && c !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 && text[i] === ',' ? i : undefined;
}

function describeParseError(code: string): string {
  const map: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected (a trailing comma?)',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: 'closing brace } expected',
    CloseBracketExpected: 'closing bracket ] expected',
    EndOfFileExpected: 'end of file expected (extra text after the policy)',
    InvalidCommentToken: 'invalid comment',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return map[code] ?? code;
}

function sortFindings(f: Finding[]): Finding[] {
  // Plain code-unit comparison of rule ids (ASCII): same order as localeCompare for them, without its cost.
  return f.sort((a, b) => a.offset - b.offset || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}
