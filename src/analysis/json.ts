// JSON helpers over jsonc-parser's tree: exact offsets, bounded work.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type { Node } from 'jsonc-parser';

/** Maximum bracket nesting we hand to the (recursive) parser. Policies nest at most ~6 levels. */
export const MAX_DEPTH = 256;

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseError[];
  /**
   * Set when the document nests deeper than MAX_DEPTH: the values that start deeper (`regions`, at most MAX_DEEP_REGIONS
   * listed; `offset` is the first) were blanked out before parsing, so `root` is the tree of `text` (the masked text,
   * same length and offsets) and the rest of the document is analysed as usual.
   */
  tooDeep?: { offset: number; regions: Array<{ offset: number; length: number }>; count: number; text: string };
}

/**
 * Where a `//` comment that starts at `from` ends: at the first line break, `\n` or `\r`, as jsonc-parser ends it
 * (a pre-scan that waited for `\n` alone read the whole rest of a CR-only file as one comment).
 */
export function lineCommentEnd(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
    i++;
  }
  return n;
}

export interface JsonComment {
  offset: number;
  length: number;
  block: boolean;
  /** A block comment with its closing star-slash (a line comment is always complete). */
  closed: boolean;
}

/**
 * Every comment in the text, as jsonc-parser reads them: `//` up to the next line break (`\n` or `\r`), a block
 * comment up to the next star-slash, never inside a string (a string ends at its closing quote or at a line break). Linear: the next quote,
 * slash, backslash and line break positions are found with indexOf and cached. At most `max` are returned; `count` is
 * the total.
 */
export function findComments(text: string, max = Infinity): { comments: JsonComment[]; count: number } {
  const n = text.length;
  const comments: JsonComment[] = [];
  let count = 0;
  let nextSlash = -1;
  let nextQuote = -1;
  let nextBackslash = -1;
  let nextLf = -1;
  let nextCr = -1;
  let i = 0;
  while (i < n) {
    if (nextSlash < i) nextSlash = indexOrEnd(text, '/', i);
    if (nextSlash >= n) break;
    if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
    if (nextQuote < nextSlash) {
      // A string from nextQuote: skip it.
      const q = nextQuote;
      const close = text.indexOf('"', q + 1);
      if (nextBackslash <= q) nextBackslash = indexOrEnd(text, '\\', q + 1);
      if (nextLf <= q) nextLf = indexOrEnd(text, '\n', q + 1);
      if (nextCr <= q) nextCr = indexOrEnd(text, '\r', q + 1);
      if (close >= 0 && close < nextBackslash && close < nextLf && close < nextCr) {
        i = close + 1;
        continue;
      }
      let j = q + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j++;
        else if (d === 0x22) {
          j++;
          break;
        } else if (d === 0x0a || d === 0x0d) break; // unterminated: the string ends at the line break
      }
      i = j;
      continue;
    }
    const s = nextSlash;
    const d = text.charCodeAt(s + 1);
    if (d === 0x2f /* / */) {
      const end = lineCommentEnd(text, s + 2);
      if (count++ < max) comments.push({ offset: s, length: end - s, block: false, closed: true });
      i = end;
    } else if (d === 0x2a /* * */) {
      const e = text.indexOf('*/', s + 2);
      const end = e < 0 ? n : e + 2;
      if (count++ < max) comments.push({ offset: s, length: end - s, block: true, closed: e >= 0 });
      i = end;
    } else i = s + 1;
  }
  return { comments, count };
}

/** At most this many too-deep values are listed (all of them are blanked out). */
export const MAX_DEEP_REGIONS = 20;

/**
 * The text with every array/object that opens deeper than `limit` blanked out: `[`…`]` becomes `[` spaces `]` (an
 * object `{` spaces `}`), with line breaks kept, so offsets, line numbers and the value's type stay and the parser's
 * recursion stays bounded. One linear pass, strings and comments skipped as jsonc-parser reads them. Undefined when
 * nothing is that deep.
 */
export function maskDeepValues(
  text: string,
  limit = MAX_DEPTH,
): { text: string; regions: Array<{ offset: number; length: number }>; count: number } | undefined {
  const n = text.length;
  let depth = 0;
  const regions: Array<{ offset: number; length: number }> = [];
  let count = 0;
  const chunks: string[] = [];
  let copied = 0;
  let start = -1; // offset of the opener of the current too-deep value
  const blank = (from: number, to: number): void => {
    // from..to-1 become spaces, line breaks kept (line numbers stay right).
    chunks.push(text.slice(copied, from));
    chunks.push(text.slice(from, to).replace(/[^\r\n]/g, ' '));
    copied = to;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
      if (i < n && text.charCodeAt(i) !== 0x22) i--; // a line break ends the string but is not part of it
    } else if (c === 0x2f /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) i = lineCommentEnd(text, i + 2) - 1;
      else if (d === 0x2a) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 1;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth === limit + 1) {
        start = i;
        count++;
        if (regions.length < MAX_DEEP_REGIONS) regions.push({ offset: i, length: 1 });
      }
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === limit + 1 && start >= 0) {
        blank(start + 1, i);
        const r = regions[regions.length - 1];
        if (r.offset === start) r.length = i + 1 - start;
        start = -1;
      }
      if (depth > 0) depth--;
    }
  }
  if (start >= 0) {
    // Never closed: blank to the end (the parser then reports the missing brackets).
    blank(start + 1, n);
    const r = regions[regions.length - 1];
    if (r.offset === start) r.length = n - start;
  }
  if (!count) return undefined;
  chunks.push(text.slice(copied));
  return { text: chunks.join(''), regions, count };
}

/**
 * Maximum nesting depth of `[`/`{`, skipping strings and comments. Stops early (returns the offset)
 * as soon as `limit` is exceeded, so a 100,000-deep document costs one linear pass and no recursion.
 */
export function findExcessiveNesting(text: string, limit = MAX_DEPTH): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break; // jsonc-parser ends a string at either line break
      }
    } else if (c === 0x2f /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) {
        i = lineCommentEnd(text, i + 2);
      } else if (d === 0x2a) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 1;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/** What one linear pass over the text can tell before parsing. */
export interface TextShape {
  /** Offset of the first bracket nested deeper than the limit. */
  tooDeep?: number;
  /**
   * Whether the root object has a `Statement` key: false when certainly not (the document cannot be a policy and
   * need not be parsed), true when it may have, undefined when the pass cannot tell without the parser's
   * error recovery (mismatched brackets, text after the root, an unterminated string, an odd first token).
   */
  topLevelStatement: boolean | undefined;
}

const STATEMENT_KEY = '"Statement"';

function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/**
 * One pass, no recursion, no allocation: nesting depth (like findExcessiveNesting) and whether the root object
 * has a `Statement` key. Conservative: any depth-1 string that is `"Statement"` or holds an escape counts as one.
 */
export function scanShape(text: string, limit = MAX_DEPTH): TextShape {
  const n = text.length;
  const openers = new Uint8Array(limit + 1);
  let depth = 0;
  let started = false; // saw the root's opening brace
  let closed = false; // the root has closed
  let uncertain = false;
  let statement = false;
  let nextBackslash = -1;
  let nextLf = -1;
  let nextCr = -1;
  let tooDeep: number | undefined;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    if (c === 0x2f /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) {
        i = lineCommentEnd(text, i + 2);
        continue;
      }
      if (d === 0x2a) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 1;
        continue;
      }
    }
    if (closed) {
      uncertain = true; // text after the root: leave it to the parser
      closed = false;
    }
    if (!started) {
      started = true;
      if (c === 0x5b /* [ */ || c === 0x22 /* " */) return { topLevelStatement: false }; // an array or string root
      // Anything but `{` (the parser may skip an invalid symbol and still find an object) is for the parser to judge.
      if (c !== 0x7b /* { */) uncertain = true;
    }
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      // Jump to the closing quote with indexOf (strings are most of a policy's text). The next backslash and line
      // break positions are cached, so the whole pass stays linear; only strings that hold one go char by char.
      const close = text.indexOf('"', i + 1);
      if (nextBackslash < i) nextBackslash = indexOrEnd(text, '\\', i);
      if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
      if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
      if (close >= 0 && close < nextBackslash && close < nextLf && close < nextCr) {
        i = close;
      } else {
        for (i++; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d === 0x5c /* \ */) {
            escaped = true;
            i++;
          } else if (d === 0x22) break;
          else if (d === 0x0a || d === 0x0d) {
            uncertain = true; // unterminated string (the parser ends it at the line break)
            break;
          }
        }
      }
      if (depth === 1 && openers[1] === 0x7b && (escaped || (i - start === STATEMENT_KEY.length - 1 && text.startsWith(STATEMENT_KEY, start))))
        statement = true;
    } else if (c === 0x5b || c === 0x7b) {
      // Deeper than the limit: noted, and the pass goes on (the deep values are blanked out before parsing, and the
      // rest of the document is still a policy or not). Bracket pairs are not checked that deep.
      if (++depth > limit) {
        if (tooDeep === undefined) tooDeep = i;
      } else openers[depth] = c;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === 0 || (depth <= limit && openers[depth] !== (c === 0x5d ? 0x5b : 0x7b))) uncertain = true;
      if (depth > 0) depth--;
      if (depth === 0) closed = true;
    }
  }
  const topLevelStatement = uncertain ? undefined : statement;
  return tooDeep === undefined ? { topLevelStatement } : { tooDeep, topLevelStatement };
}

/**
 * Parse; `depthChecked` when scanShape (or findExcessiveNesting) already ran on this text and found it within the limit,
 * `'deep'` when it found it too deep.
 */
export function parseJson(text: string, depthChecked: boolean | 'deep' = false): ParsedJson {
  const deep = depthChecked ? undefined : findExcessiveNesting(text);
  if (deep !== undefined || depthChecked === 'deep') {
    const masked = maskDeepValues(text);
    if (masked) {
      const parsed = parseJson(masked.text, true);
      return { ...parsed, tooDeep: { offset: masked.regions[0].offset, regions: masked.regions, count: masked.count, text: masked.text } };
    }
  }
  const errors: ParseError[] = [];
  // A UTF-8 byte order mark (U+FEFF) at the start is an encoding artefact, not content: parse it as a space so
  // offsets stay the same (jsonc-parser would report "invalid symbol" at offset 0).
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: false });
  if (root && errors.some((e) => Number(e.error) === 12 /* ParseErrorCode.UnexpectedEndOfString */)) markUnterminated(source, root);
  return { root, errors };
}

/** String nodes without their closing quote (the parser ended them at a line break or at the end of the text). */
const UNTERMINATED = new WeakSet<Node>();

function markUnterminated(text: string, root: Node): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'string') {
      const last = n.offset + n.length - 1;
      let closed = n.length >= 2 && text.charCodeAt(last) === 0x22;
      if (closed) {
        let b = 0;
        for (let i = last - 1; i > n.offset && text.charCodeAt(i) === 0x5c; i--) b++;
        closed = b % 2 === 0; // an escaped quote does not close the string
      }
      if (!closed) UNTERMINATED.add(n);
    } else if (n.children) for (const c of n.children) stack.push(c);
  }
}

/**
 * Length of a string node's raw content between the quotes: node.length - 2, or - 1 when the string has no closing
 * quote (a fix on `"Alow` that replaced node.length - 2 characters kept the last one: "Alloww").
 */
export function stringContentLength(node: Node): number {
  return Math.max(0, node.length - (UNTERMINATED.has(node) ? 1 : 2));
}

/** Whether the parser ended this string node without a closing quote. */
export function isUnterminatedString(node: Node): boolean {
  return UNTERMINATED.has(node);
}

export function parseErrorMessage(e: ParseError): string {
  return printParseErrorCode(e.error);
}

/**
 * The property node (key/value pair) named `key` on an object node, exact (case-sensitive) match. When the key appears
 * more than once, the LAST copy: that is the one IAM (and JSON.parse, and jsonc-parser's getNodeValue) uses, so every
 * rule judges, reports on and fixes the value that actually takes effect.
 */
export function getProperty(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const children = obj.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const k = children[i].children?.[0];
    if (k && k.value === key) return children[i];
  }
  return undefined;
}

/** The value node of property `key`. */
export function getValue(obj: Node | undefined, key: string): Node | undefined {
  return getProperty(obj, key)?.children?.[1];
}

/** Key node of a property node. */
export function keyOf(prop: Node): Node {
  return prop.children![0];
}

/** Value node of a property node (may be undefined for `"a":` with a syntax error). */
export function valueOf(prop: Node): Node | undefined {
  return prop.children?.[1];
}

/** Every property of an object node as [keyString, propertyNode], duplicated keys included (for duplicate checks). */
export function allProperties(obj: Node | undefined): Array<[string, Node]> {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: Array<[string, Node]> = [];
  for (const p of obj.children) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string') out.push([k.value, p]);
  }
  return out;
}

/**
 * The properties that take effect, as [keyString, propertyNode]: for a key that appears more than once only the LAST
 * copy (IAM ignores the earlier ones), in document order. Rules judge these; grammar-duplicate-key reports the rest.
 */
export function properties(obj: Node | undefined): Array<[string, Node]> {
  const all = allProperties(obj);
  let dup = false;
  if (all.length <= 8) {
    // Few keys (every object of a policy): compared pairwise, no Set.
    for (let i = 1; i < all.length && !dup; i++) for (let j = 0; j < i; j++) if (all[i][0] === all[j][0]) dup = true;
  } else {
    const seen = new Set<string>();
    for (const [k] of all) {
      if (seen.has(k)) {
        dup = true;
        break;
      }
      seen.add(k);
    }
  }
  if (!dup) return all;
  const last = new Map<string, Node>();
  for (const [k, p] of all) last.set(k, p);
  return all.filter(([k, p]) => last.get(k) === p);
}

/** True when `key` appears more than once in the object: a fix that renames its last copy would revive an earlier one. */
export function isDuplicatedKey(obj: Node | undefined, key: string): boolean {
  let n = 0;
  for (const [k] of allProperties(obj)) if (k === key && ++n > 1) return true;
  return false;
}

/** A string value node with its decoded value. */
export interface StringItem {
  value: string;
  node: Node;
}

/** The string items of a value that is a string or an array of strings (other item types are skipped). */
export function stringItems(node: Node | undefined): StringItem[] {
  if (!node) return [];
  if (node.type === 'string') return [{ value: node.value as string, node }];
  if (node.type === 'array' && node.children) {
    const out: StringItem[] = [];
    for (const c of node.children) if (c.type === 'string') out.push({ value: c.value as string, node: c });
    return out;
  }
  return [];
}

/**
 * Offset range in the document of characters [start, end) of a string node's decoded value. Exact when the raw string
 * has no escapes, and when its escapes can be mapped (a range then covers the escape sequences its characters came
 * from: `\u003c` for `<`); otherwise (an invalid escape) the whole string content.
 */
export function rangeInString(text: string, node: Node, start = 0, end?: number): { offset: number; length: number } {
  const innerOffset = node.offset + 1;
  const innerLength = stringContentLength(node);
  const value = node.value as string;
  const e = end ?? value.length;
  if (isVerbatimString(text, node)) {
    return { offset: innerOffset + start, length: Math.max(0, e - start) };
  }
  const map = decodedOffsets(text, node);
  if (map && start >= 0 && e <= value.length && start <= e) return { offset: map[start], length: map[e] - map[start] };
  return { offset: innerOffset, length: innerLength };
}

const OFFSETS = new WeakMap<Node, Int32Array | null>();

/**
 * For a string node with escapes: the document offset of each decoded character (one UTF-16 code unit per plain
 * character or escape sequence), plus the end of the content as the last entry. Undefined when the raw text cannot be
 * mapped (an invalid or cut-off escape: the parser already reports it). Memoised per node.
 */
export function decodedOffsets(text: string, node: Node): Int32Array | undefined {
  const have = OFFSETS.get(node);
  if (have !== undefined) return have ?? undefined;
  const value = node.value as string;
  const start = node.offset + 1;
  const end = Math.min(text.length, start + stringContentLength(node));
  const map = new Int32Array(value.length + 1);
  let k = 0;
  let ok = true;
  for (let i = start; i < end;) {
    if (k >= value.length) {
      ok = false;
      break;
    }
    map[k++] = i;
    if (text.charCodeAt(i) !== 0x5c) {
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
    else {
      ok = false;
      break;
    }
    if (i > end) ok = false;
  }
  ok = ok && k === value.length;
  if (ok) map[k] = end;
  OFFSETS.set(node, ok ? map : null);
  return ok ? map : undefined;
}

/** Whether sub-ranges of this string node's value map exactly onto the document (no escapes, or escapes that map). */
export function isMappableString(text: string, node: Node): boolean {
  return isVerbatimString(text, node) || decodedOffsets(text, node) !== undefined;
}

/**
 * An edit replacing characters [start, end) of a string node's decoded value with `newText` (a decoded string):
 * exact on the raw text when the string maps (the range covers whole escape sequences), the whole content rewritten
 * otherwise; `newText` is JSON-escaped either way, so the result is valid JSON.
 */
export function editInString(text: string, node: Node, start: number, end: number, newText: string): { offset: number; length: number; newText: string } {
  const escaped = JSON.stringify(newText).slice(1, -1);
  if (isMappableString(text, node)) return { ...rangeInString(text, node, start, end), newText: escaped };
  const value = node.value as string;
  return {
    offset: node.offset + 1,
    length: stringContentLength(node),
    newText: JSON.stringify(value.slice(0, start) + newText + value.slice(end)).slice(1, -1),
  };
}

/** Whether the raw text of a string node equals its decoded value (no escapes), so sub-ranges are exact. */
export function isVerbatimString(text: string, node: Node): boolean {
  // Same as "the text between the quotes has no backslash and is as long as the value", without the substring.
  const start = node.offset + 1;
  const length = Math.max(0, Math.min(stringContentLength(node), text.length - start));
  if (length !== (node.value as string).length) return false;
  for (let i = start, end = start + length; i < end; i++) if (text.charCodeAt(i) === 0x5c) return false;
  return true;
}

/** Range of a string node's contents (without the quotes). */
export function contentRange(node: Node): { offset: number; length: number } {
  return { offset: node.offset + 1, length: stringContentLength(node) };
}

/** Edit replacing a string node's contents (keeps the quotes); `value` is JSON-escaped. */
export function replaceStringContent(node: Node, value: string): { offset: number; length: number; newText: string } {
  return { ...contentRange(node), newText: JSON.stringify(value).slice(1, -1) };
}
