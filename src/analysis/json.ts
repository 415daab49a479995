// JSON helpers over jsonc-parser's tree: exact offsets, bounded work.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export type { Node } from 'jsonc-parser';

/** Maximum bracket nesting we hand to the (recursive) parser. Policies nest at most ~6 levels. */
export const MAX_DEPTH = 256;

export interface ParsedJson {
  root: Node | undefined;
  errors: ParseError[];
  /** Set when the document nests deeper than MAX_DEPTH; `root` is then undefined. */
  tooDeep?: { offset: number };
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
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) {
        const e = text.indexOf('\n', i + 2);
        i = e < 0 ? n : e;
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
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    if (c === 0x2f /* / */ && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x2f) {
        const e = text.indexOf('\n', i + 2);
        i = e < 0 ? n : e;
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
      if (depth === 1 && openers[1] === 0x7b && (escaped || (i - start === STATEMENT_KEY.length - 1 && text.startsWith(STATEMENT_KEY, start)))) statement = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return { tooDeep: i, topLevelStatement: undefined };
      openers[depth] = c;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === 0 || openers[depth] !== (c === 0x5d ? 0x5b : 0x7b)) uncertain = true;
      if (depth > 0) depth--;
      if (depth === 0) closed = true;
    }
  }
  return { topLevelStatement: uncertain ? undefined : statement };
}

/** Parse; `depthChecked` when scanShape (or findExcessiveNesting) already ran on this text. */
export function parseJson(text: string, depthChecked = false): ParsedJson {
  const deep = depthChecked ? undefined : findExcessiveNesting(text);
  if (deep !== undefined) return { root: undefined, errors: [], tooDeep: { offset: deep } };
  const errors: ParseError[] = [];
  // A UTF-8 byte order mark (U+FEFF) at the start is an encoding artefact, not content: parse it as a space so
  // offsets stay the same (jsonc-parser would report "invalid symbol" at offset 0).
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: false });
  return { root, errors };
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
    const k = children[i]!.children?.[0];
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
  return prop.children![0]!;
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
  const seen = new Set<string>();
  let dup = false;
  for (const [k] of all) {
    if (seen.has(k)) {
      dup = true;
      break;
    }
    seen.add(k);
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
 * Offset range in the document of characters [start, end) of a string node's decoded value.
 * Exact when the raw string has no escape sequences; otherwise the whole string content.
 */
export function rangeInString(text: string, node: Node, start = 0, end?: number): { offset: number; length: number } {
  const innerOffset = node.offset + 1;
  const innerLength = Math.max(0, node.length - 2);
  const value = node.value as string;
  const e = end ?? value.length;
  if (isVerbatimString(text, node)) {
    return { offset: innerOffset + start, length: Math.max(0, e - start) };
  }
  return { offset: innerOffset, length: innerLength };
}

/** Whether the raw text of a string node equals its decoded value (no escapes), so sub-ranges are exact. */
export function isVerbatimString(text: string, node: Node): boolean {
  // Same as "the text between the quotes has no backslash and is as long as the value", without the substring.
  const start = node.offset + 1;
  const length = Math.max(0, Math.min(node.length - 2, text.length - start));
  if (length !== (node.value as string).length) return false;
  for (let i = start, end = start + length; i < end; i++) if (text.charCodeAt(i) === 0x5c) return false;
  return true;
}

/** JSON-encode a string for insertion into the document (with quotes). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}
