// One guard every fix passes through (analyze() calls it after the rule families): a fix never creates a duplicate
// key, a fix that turns an exact operator into a wildcard one (…Equals -> …Like) is never preferred, and no fix is
// offered next to a JSON syntax error (its ranges rest on the parser's recovery, which can be off by a character).
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Finding, Fix, TextEdit } from './types';

/** How far (code units) from a syntax error a fix's edits must stay. */
export const SYNTAX_ERROR_MARGIN = 200;

function keyOf(node: Node): string | undefined {
  return typeof node.value === 'string' ? node.value : undefined;
}

/** The property-name node an edit falls inside, if any (edits that rename a key). */
function keyNodeAt(root: Node, e: TextEdit): Node | undefined {
  const n = findNodeAtOffset(root, e.offset, true);
  if (!n || n.type !== 'string') return undefined;
  const prop = n.parent;
  if (!prop || prop.type !== 'property' || prop.children?.[0] !== n) return undefined;
  // Strictly inside the quotes: an insertion before the key (a new property) is not a rename.
  if (e.offset <= n.offset || e.offset + e.length >= n.offset + n.length) return undefined;
  return n;
}

function newKeyText(text: string, keyNode: Node, edits: readonly TextEdit[]): string | undefined {
  const start = keyNode.offset;
  const end = keyNode.offset + keyNode.length;
  let raw = '';
  let pos = start;
  for (const e of [...edits].filter((x) => x.offset >= start && x.offset + x.length <= end).sort((a, b) => a.offset - b.offset)) {
    raw += text.slice(pos, e.offset) + e.newText;
    pos = e.offset + e.length;
  }
  raw += text.slice(pos, end);
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

const isLike = (op: string): boolean => /like/i.test(op);

/** True when `keyNode` names a condition operator (its object is the value of a `Condition` property). */
function isOperatorKey(keyNode: Node): boolean {
  const obj = keyNode.parent?.parent;
  const condProp = obj?.parent;
  return condProp?.type === 'property' && condProp.children?.[0]?.value === 'Condition';
}

export interface GuardInput {
  text: string;
  root: Node | undefined;
  /** Offsets of the JSON syntax errors (guardFix: sorted ascending; guardFindings sorts them). */
  syntaxErrors: readonly number[];
}

/** The innermost object or array that contains `offset`. */
function containerAt(root: Node, offset: number): Node | undefined {
  let n: Node | undefined = findNodeAtOffset(root, offset, true);
  while (n && n.type !== 'object' && n.type !== 'array') n = n.parent;
  return n ?? (root.type === 'object' || root.type === 'array' ? root : undefined);
}

/** The container node ends with its own closing bracket. */
function closes(text: string, c: Node): boolean {
  return text.charCodeAt(c.offset + c.length - 1) === (c.type === 'object' ? 0x7d : 0x5d);
}

/** Whether a sorted array holds a value in [lo, hi] (binary search: a scan per edit was fixes x errors). */
function anyWithin(sorted: readonly number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m] < lo) a = m + 1;
    else b = m;
  }
  return a < sorted.length && sorted[a] <= hi;
}

/** Check one fix: undefined drops it, otherwise the fix (possibly no longer preferred). */
export function guardFix(fix: Fix, input: GuardInput, rule: string): Fix | undefined {
  const { text, root, syntaxErrors } = input;
  if (rule !== 'json-syntax' && syntaxErrors.length) {
    for (const e of fix.edits) {
      if (anyWithin(syntaxErrors, e.offset - SYNTAX_ERROR_MARGIN, e.offset + e.length + SYNTAX_ERROR_MARGIN)) return undefined;
      // The object or array the edit lands in must be intact: an insertion "after the last property" of a statement
      // whose closing brace is missing lands in whatever the parser's recovery attached it to.
      const c = root && containerAt(root, e.offset);
      if (c && (anyWithin(syntaxErrors, c.offset, c.offset + c.length) || !closes(text, c))) return undefined;
    }
  }
  if (!root) return fix;
  let preferred = fix.preferred;
  const done = new Set<Node>();
  for (const e of fix.edits) {
    const k = keyNodeAt(root, e);
    if (!k || done.has(k)) continue;
    done.add(k);
    const from = keyOf(k);
    const to = newKeyText(text, k, fix.edits);
    if (from === undefined || to === undefined) return undefined;
    const obj = k.parent!.parent!;
    const lower = to.toLowerCase();
    // IAM matches condition keys case-insensitively and uses the last of two equal keys: a rename onto an existing
    // sibling (in any case) silently drops one of them.
    for (const p of obj.children ?? []) {
      const sib = p.children?.[0];
      if (!sib || sib === k) continue;
      const s = keyOf(sib);
      if (s !== undefined && s.toLowerCase() === lower) return undefined;
    }
    if (preferred && isOperatorKey(k) && !isLike(from) && isLike(to)) preferred = false;
  }
  return preferred === fix.preferred ? fix : { ...fix, preferred };
}

/** Apply guardFix to every finding's fixes (in place). */
export function guardFindings(findings: Finding[], input: GuardInput): void {
  input = { ...input, syntaxErrors: [...input.syntaxErrors].sort((a, b) => a - b) };
  for (const f of findings) {
    if (!f.fixes?.length) continue;
    const kept = f.fixes.map((x) => guardFix(x, input, f.rule)).filter((x): x is Fix => !!x);
    if (kept.length) f.fixes = kept;
    else delete f.fixes;
  }
}
