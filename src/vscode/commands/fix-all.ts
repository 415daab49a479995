// Fix All Auto-Fixable Problems: every preferred fix, proven by re-analysis, as one minimal edit (one undo step).
import * as vscode from 'vscode';
import { analyzeDocument } from '../../frontends/document';
import { toWorkspaceEdit } from '../convert';
import { fixAllText, minimalEdit } from '../../fill/fixall';
import { commandDocument } from '../documents';
import { CommandGroup, type CommandOutcome } from './base';

export class FixAllCommands extends CommandGroup {
  // ---- Fix All ----
  /**
   * The WorkspaceEdit that applies every preferred fix, pass after pass until none is left, each pass proven by
   * re-analysis (fixAllText, the same code as `cleanrooms-iam lint --fix`). One minimal edit: one undo step.
   */
  fixAllEdit(doc: vscode.TextDocument): { edit: vscode.WorkspaceEdit; count: number } | undefined {
    const a = this.validator.analysis(doc);
    const opts = this.validator.analyzeOptions(doc);
    if (!a || !opts || a.result.kind === 'not-a-policy' || a.result.skipped) return undefined;
    const text = doc.getText();
    const done = fixAllText(text, (t) => (t === text ? a.result : analyzeDocument(t, opts)));
    const edit = minimalEdit(text, done.text);
    if (!edit || done.fixedCount === 0) return undefined;
    return { edit: toWorkspaceEdit(doc, [edit]), count: done.fixedCount };
  }

  async fixAll(uri?: vscode.Uri): Promise<CommandOutcome> {
    const doc = commandDocument(uri);
    if (!doc) {
      const reason = vscode.l10n.t('Open a policy document first.');
      return this.fail(reason);
    }
    const f = this.fixAllEdit(doc);
    if (!f) {
      const reason = vscode.l10n.t('No auto-fixable problems in this document.');
      this.prompts().showMessage('info', reason);
      return { status: 'nothing', reason };
    }
    const ok = await vscode.workspace.applyEdit(f.edit);
    if (!ok) {
      const reason = vscode.l10n.t('VS Code refused the edit (is the document read-only?); nothing was changed.');
      return this.fail(reason);
    }
    return { status: 'applied', edits: f.count, uri: doc.uri.toString() };
  }
}
