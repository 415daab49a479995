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

export function parseJson(text: string): ParsedJson {
  const deep = findExcessiveNesting(text);
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

/** The property node (key/value pair) named `key` on an object node, exact (case-sensitive) match. */
export function getProperty(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (const p of obj.children) {
    const k = p.children?.[0];
    if (k && k.value === key) return p;
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

/** The properties of an object node as [keyString, propertyNode]. */
export function properties(obj: Node | undefined): Array<[string, Node]> {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: Array<[string, Node]> = [];
  for (const p of obj.children) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string') out.push([k.value, p]);
  }
  return out;
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
  const raw = text.substr(innerOffset, innerLength);
  if (raw.length === value.length && raw.indexOf('\\') < 0) {
    return { offset: innerOffset + start, length: Math.max(0, e - start) };
  }
  return { offset: innerOffset, length: innerLength };
}

/** Whether the raw text of a string node equals its decoded value (no escapes), so sub-ranges are exact. */
export function isVerbatimString(text: string, node: Node): boolean {
  const raw = text.substr(node.offset + 1, Math.max(0, node.length - 2));
  return raw.indexOf('\\') < 0 && raw.length === (node.value as string).length;
}

/** JSON-encode a string for insertion into the document (with quotes). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}
