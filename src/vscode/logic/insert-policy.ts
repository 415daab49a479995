// Pure: where Insert Policy at Cursor puts a template, and with which text. No vscode import.
// - In a policy (a root object with a Statement array): the template's statements go INTO the Statement array, with
//   the commas JSON needs, wherever the cursor is: inside statement i -> after it; between two statements -> there;
//   before the first -> before it; anywhere else in the policy (Version, after the array) -> at the end of the array.
//   A single Statement object becomes an array. The inserted statements take the indentation of their neighbours.
// - In an empty document: the whole policy (a statement template wrapped in Version + Statement).
// - Elsewhere: the policy at the cursor only where the result is valid JSON (e.g. a value expected after a key);
//   otherwise the command refuses with a message that says where it can insert.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { PolicyTemplate } from '../../catalog/types';
import { renderTemplate } from '../../fill/apply';

export interface InsertEdit {
  offset: number;
  length: number;
  text: string;
  /** Where the text went: into the Statement array, as a new document, or at the cursor. */
  where: 'statement-array' | 'empty-document' | 'cursor';
}
export type InsertPlan = InsertEdit | { refused: string };

export interface InsertRequest {
  text: string;
  /** Selection in the document (offsets); start === end for a plain cursor. */
  selectionStart: number;
  selectionEnd: number;
  /** The template's statements (one for a statement template). */
  statements: unknown[];
  /** The template as a whole policy (a statement template wrapped in Version + Statement). */
  policy: unknown;
  /** The policy as rendered text (2-space/4-space JSON at column 0), when the caller has it; else JSON.stringify. */
  policyText?: string;
  /** One indentation level (spaces or a tab). */
  indentUnit: string;
  eol?: string;
}

export const REFUSED_MESSAGE =
  'There is no place for a policy at the cursor: put the cursor inside a policy (its statements go into the Statement array), in an empty document, or where a JSON value is expected.';

function parse(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  return { root, errors };
}

function statementNode(root: Node | undefined): Node | undefined {
  if (!root || root.type !== 'object') return undefined;
  for (let i = (root.children?.length ?? 0) - 1; i >= 0; i--) {
    const p = root.children![i];
    if (p.children?.[0]?.value === 'Statement') return p.children[1];
  }
  return undefined;
}

/** The indentation (spaces/tabs) of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Whether only whitespace separates the line start from `offset` (the node starts its own line). */
function startsLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset));
}

function render(value: unknown, indentUnit: string, indent: string, eol: string): string {
  return JSON.stringify(value, null, indentUnit).replace(/\n/g, eol + indent);
}

function policyText(req: InsertRequest, indent: string, eol: string): string {
  return req.policyText !== undefined ? req.policyText.replace(/\r?\n/g, eol + indent) : render(req.policy, req.indentUnit, indent, eol);
}

export function planInsert(req: InsertRequest): InsertPlan {
  const { text, indentUnit } = req;
  const eol = req.eol ?? (text.includes('\r\n') ? '\r\n' : '\n');
  if (text.trim() === '') {
    return { offset: 0, length: text.length, text: policyText(req, '', eol), where: 'empty-document' };
  }
  const { root } = parse(text);
  const st = statementNode(root);
  const cursor = req.selectionStart;
  if (st && root) {
    if (!req.statements.length) return { refused: REFUSED_MESSAGE };
    if (st.type === 'array') return intoArray(text, st, cursor, req.statements, indentUnit, eol);
    if (st.type === 'object') {
      // "Statement": {…} -> "Statement": [{…}, new…]
      const indent = lineIndent(text, st.offset);
      const items = req.statements.map((s) => render(s, indentUnit, indent, eol)).join(`,${eol}${indent}`);
      return { offset: st.offset, length: st.length, text: `[${text.slice(st.offset, st.offset + st.length)}, ${items}]`, where: 'statement-array' };
    }
    return { refused: REFUSED_MESSAGE };
  }
  // Not in a policy: at the cursor, only where the result parses without a new error.
  const indent = lineIndent(text, cursor);
  const insert = policyText(req, indent, eol);
  const out = text.slice(0, cursor) + insert + text.slice(req.selectionEnd);
  if (parse(out).errors.length === 0) {
    return { offset: cursor, length: req.selectionEnd - cursor, text: insert, where: 'cursor' };
  }
  return { refused: REFUSED_MESSAGE };
}

function intoArray(text: string, arr: Node, cursor: number, statements: unknown[], indentUnit: string, eol: string): InsertEdit {
  const elems = arr.children ?? [];
  const arrayIndent = lineIndent(text, arr.offset);
  if (!elems.length) {
    // [] or [ ] -> one statement per line inside the brackets.
    const indent = arrayIndent + indentUnit;
    const items = statements.map((s) => render(s, indentUnit, indent, eol)).join(`,${eol}${indent}`);
    return { offset: arr.offset + 1, length: arr.length - 2, text: `${eol}${indent}${items}${eol}${arrayIndent}`, where: 'statement-array' };
  }
  const first = elems[0];
  const ownLines = startsLine(text, first.offset);
  const indent = ownLines ? lineIndent(text, first.offset) : arrayIndent + indentUnit;
  const sep = ownLines ? `,${eol}${indent}` : ', ';
  const items = statements.map((s) => render(s, indentUnit, indent, eol)).join(sep);
  // Before the first statement: the cursor is inside the array but ahead of it.
  if (cursor > arr.offset && cursor <= first.offset) return { offset: first.offset, length: 0, text: items + sep, where: 'statement-array' };
  // After the statement that holds the cursor, or the last one before it inside the array; else after the last.
  let after = elems[elems.length - 1];
  if (cursor > arr.offset && cursor < arr.offset + arr.length) {
    for (const e of elems) if (e.offset < cursor) after = e;
  }
  return { offset: after.offset + after.length, length: 0, text: sep + items, where: 'statement-array' };
}

const POLICY_VERSION = '2012-10-17';

/** planInsert for a catalog template with the wizard's values (placeholders not answered stay as <tokens>). */
export function planInsertForTemplate(
  template: PolicyTemplate,
  values: Readonly<Record<string, string>>,
  text: string,
  selectionStart: number,
  selectionEnd: number,
  indentUnit: string,
): InsertPlan {
  const rendered = renderTemplate(template, values, indentUnit);
  const body = JSON.parse(rendered) as Record<string, unknown>;
  const isStatement = template.policyType === 'statement';
  const statements = isStatement ? [body] : Array.isArray(body.Statement) ? body.Statement : body.Statement ? [body.Statement] : [];
  const policy = isStatement ? { Version: POLICY_VERSION, Statement: [body] } : body;
  return planInsert({ text, selectionStart, selectionEnd, statements, policy, indentUnit, ...(isStatement ? {} : { policyText: rendered }) });
}

/** Whether Insert Policy at Cursor has a place here at all (checked before the wizard asks for any value). */
export function canInsertAt(text: string, selectionStart: number, selectionEnd: number): boolean {
  return !('refused' in planInsert({ text, selectionStart, selectionEnd, statements: [{}], policy: { Statement: [] }, indentUnit: '  ' }));
}
