// Engine results -> VS Code objects. Offsets become Ranges through document.positionAt, nothing else is computed.
import * as vscode from 'vscode';
import type { Finding, Severity, TextEdit } from '../analysis/types';

export const SOURCE = 'cleanrooms-iam';

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function toRange(doc: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + length));
}

export function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, f.offset, f.length), f.message, toSeverity(f.severity));
  d.source = SOURCE;
  let target: vscode.Uri | undefined;
  try {
    target = f.docUrl ? vscode.Uri.parse(f.docUrl, true) : undefined;
  } catch {
    target = undefined;
  }
  d.code = target ? { value: f.rule, target } : f.rule;
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, toRange(doc, r.offset, r.length)), r.message),
    );
  }
  return d;
}

/** The rule id a diagnostic of ours carries in `code`. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const c = d.code;
  if (typeof c === 'string') return c;
  if (c && typeof c === 'object' && typeof c.value === 'string') return c.value;
  return undefined;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[], into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) into.replace(doc.uri, toRange(doc, e.offset, e.length), e.newText);
  return into;
}
