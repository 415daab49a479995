// Completion in policy documents: a thin adapter over src/analysis/complete.ts (which knows the contexts and builds
// the items from the bundled IAM reference data). Items replace the content of the string under the cursor.
import * as vscode from 'vscode';
import { completePolicy, type CompletionKind, type PolicyCompletionItem } from '../analysis/complete';
import type { IamLoader } from './iam';
import type { PolicyValidator } from './validation';

export const COMPLETION_TRIGGERS = ['"', ':'];

function kindOf(k: CompletionKind): vscode.CompletionItemKind {
  const K = vscode.CompletionItemKind;
  switch (k) {
    case 'service':
      return K.Module;
    case 'action':
      return K.Function;
    case 'operator':
      return K.Operator;
    case 'condition-key':
      return K.Property;
    case 'value':
      return K.EnumMember;
    case 'principal':
      return K.Value;
    case 'arn':
      return K.Snippet;
  }
}

export class PolicyCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly validator: PolicyValidator,
    private readonly iam: IamLoader,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const config = this.validator.config;
    if (!config.enable) return undefined;
    const version = doc.version;
    const text = doc.getText();
    if (text.length > config.maxFileSizeMB * 1024 * 1024 || !text.includes('"Statement"')) return undefined;
    // The first completion waits for the IAM index (loaded once, a few hundred ms); the contexts that need no data
    // (operators, principals, values) do not.
    const index = this.iam.current ?? (await this.iam.load());
    if (token.isCancellationRequested || doc.version !== version) return undefined;
    // The analysis' parse when this version was analysed already (typing usually runs ahead of it: then completion parses).
    const result = completePolicy(text, doc.offsetAt(pos), index, this.validator.parsed(doc, { analyse: false })?.root);
    if (!result) return undefined;
    const range = new vscode.Range(doc.positionAt(result.offset), doc.positionAt(result.offset + result.length));
    return new vscode.CompletionList(
      result.items.map((i) => toItem(i, range)),
      false,
    );
  }
}

function toItem(i: PolicyCompletionItem, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem(i.label, kindOf(i.kind));
  item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
  item.range = range;
  item.sortText = i.sortText;
  if (i.filterText) item.filterText = i.filterText;
  if (i.detail) item.detail = i.detail;
  if (i.documentation) {
    const md = new vscode.MarkdownString(i.documentation);
    md.isTrusted = false;
    md.supportHtml = false;
    item.documentation = md;
  }
  if (i.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: '' };
  return item;
}
