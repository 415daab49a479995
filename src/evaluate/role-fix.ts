// The text edit of a role-check fix (RequestCheck.fix): add one action or resource to one statement's Action or
// Resource, keeping everything else of the document as it is. Pure (jsonc-parser only).
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { TextEdit } from '../analysis/types';
import type { RoleFix } from './role-check';

function statementNode(root: Node, index: number): Node | undefined {
  const st = findNodeAtLocation(root, ['Statement']);
  if (!st) return undefined;
  if (st.type === 'object') return index === 0 ? st : undefined;
  if (st.type !== 'array') return undefined;
  return st.children?.[index];
}

/** The edit, or undefined when the document does not have that statement's element as a string or list of strings. */
export function roleFixEdit(text: string, fix: RoleFix): TextEdit | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (!root || errors.length) return undefined;
  const stmt = statementNode(root, fix.statement);
  if (!stmt || stmt.type !== 'object') return undefined;
  const props = (stmt.children ?? []).filter((p) => p.children?.[0]?.value === fix.element);
  if (props.length !== 1) return undefined; // absent, or a duplicate key: not certain which one IAM reads
  const value = props[0].children?.[1];
  if (!value) return undefined;
  const added = JSON.stringify(fix.add);
  if (value.type === 'string') {
    return { offset: value.offset, length: value.length, newText: `[${text.slice(value.offset, value.offset + value.length)}, ${added}]` };
  }
  if (value.type !== 'array' || (value.children ?? []).some((c) => c.type !== 'string')) return undefined;
  const items = value.children ?? [];
  if (!items.length) return { offset: value.offset + 1, length: value.length - 2, newText: added };
  const last = items[items.length - 1];
  // Keep the list's layout: a multi-line list gets the new item on its own line, indented like the last one.
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = text.slice(lineStart, last.offset);
  const multiline = /^\s*$/.test(indent) && text.slice(value.offset, last.offset).includes('\n');
  return { offset: last.offset + last.length, length: 0, newText: multiline ? `,\n${indent}${added}` : `, ${added}` };
}
