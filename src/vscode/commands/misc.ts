// Show Rule Documentation and Open an Example with Mistakes (walkthrough).
import * as vscode from 'vscode';
import { allRules, RULES_BY_ID } from '../../analysis';
import { ruleOf } from '../convert';
import { EXAMPLE_WITH_MISTAKES } from '../logic/examples';
import { plainText } from '../logic/plain';
import { CommandGroup, type CommandOutcome } from './base';

export class MiscCommands extends CommandGroup {
  // ---- Show Rule Documentation ----
  async showRuleDocs(ruleId?: string): Promise<string | undefined> {
    const p = this.prompts();
    if (!ruleId) {
      const ed = vscode.window.activeTextEditor;
      if (ed) {
        const here = vscode.languages.getDiagnostics(ed.document.uri).find((d) => ruleOf(d) && d.range.contains(ed.selection.active));
        ruleId = here && ruleOf(here);
      }
    }
    if (!ruleId) ruleId = await p.pickRule(allRules());
    if (!ruleId) return undefined;
    const meta = RULES_BY_ID.get(ruleId);
    if (!meta) {
      p.showMessage('error', vscode.l10n.t('Unknown rule {0}.', plainText(ruleId)));
      return undefined;
    }
    await p.showRuleDocs(meta);
    return meta.id;
  }

  // ---- Open an Example with Mistakes (walkthrough) ----
  async openExample(): Promise<CommandOutcome> {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: EXAMPLE_WITH_MISTAKES.text });
    await vscode.window.showTextDocument(doc);
    // Show the Problems panel next to it (the walkthrough step is about what the checks catch).
    await Promise.resolve(vscode.commands.executeCommand('workbench.actions.view.problems')).catch(() => undefined);
    return { status: 'opened', uri: doc.uri.toString(), templateId: 'example-with-mistakes' };
  }
}
