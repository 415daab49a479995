// Open documents, found one way everywhere in the adapter.
import * as vscode from 'vscode';

/** The open (not closed) document with this URI. */
export function openDocument(uri: vscode.Uri | string): vscode.TextDocument | undefined {
  const key = typeof uri === 'string' ? uri : uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/** The document a command runs on: the open document `uri` names when one is given, else the active editor's. */
export function commandDocument(uri?: vscode.Uri): vscode.TextDocument | undefined {
  return uri ? openDocument(uri) : vscode.window.activeTextEditor?.document;
}

/** The file name of a URI (`policy.json`), '' for none. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? '';
}
