// Fill Placeholders… and Fill This Placeholder: ask one step per distinct placeholder, then one WorkspaceEdit (one undo).
import * as vscode from 'vscode';
import { placeholdersOfTemplate, templateFill, type LeftReason, type TemplatePlaceholder } from '../../frontends/view';
import { TEMPLATES } from '../../catalog/templates';
import { findPlaceholders, groupPlaceholders, type PlaceholderOccurrence } from '../../fill/detect';
import { planFill } from '../../fill/apply';
import { linkedEdit, linkedValues } from '../../fill/linked';
import { readConfig } from '../config';
import { toWorkspaceEdit } from '../convert';
import { plainText } from '../logic/plain';
import { relocateOccurrences } from '../logic/relocate';
import { enabledPlaceholders } from '../logic/placeholder-filter';
import { BACK, stepsForGroups, type FillStep } from '../logic/wizard';
import { WALKTHROUGH_DONE } from '../logic/ids';
import { baseName, commandDocument } from '../documents';
import { CommandGroup, type CommandOutcome } from './base';

export class FillCommands extends CommandGroup {
  // ---- Fill Placeholders… / Fill This Placeholder ----
  async fillPlaceholders(uri?: vscode.Uri, onlyKey?: string): Promise<CommandOutcome> {
    const p = this.prompts();
    const doc = commandDocument(uri);
    if (!doc || doc.isClosed) {
      const reason = uri
        ? vscode.l10n.t('{0} is not open; open it and run Fill Placeholders again.', uri.toString(true))
        : vscode.l10n.t('Open a policy document first.');
      return this.fail(reason);
    }
    const version = doc.version;
    const text = doc.getText();
    // A template's placeholders are those of its policies, at their source ranges (frontends/view.ts).
    const template = this.templatePlaceholders(doc, text);
    let occ: PlaceholderOccurrence[] = template ?? [...(this.validator.placeholders(doc) ?? findPlaceholders(text))];
    // Fill This Placeholder fills the one asked for; Fill Placeholders skips those of a rule turned off (as the code lens).
    occ = onlyKey !== undefined ? occ.filter((o) => o.key === onlyKey) : enabledPlaceholders(occ, readConfig().rules);
    if (!occ.length) {
      const reason =
        onlyKey !== undefined ? vscode.l10n.t('{0} is no longer in the document.', onlyKey) : vscode.l10n.t('No placeholders to fill in this document.');
      p.showMessage('info', reason);
      return { status: 'nothing', reason };
    }
    const steps = stepsForGroups(groupPlaceholders(occ), TEMPLATES);
    const title = onlyKey !== undefined ? vscode.l10n.t('Fill {0}', onlyKey) : vscode.l10n.t('Fill Placeholders');
    const res = await this.ask(steps, title, 0, false);
    if (!res || res === BACK) return { status: 'cancelled' };
    return this.applyAnswers(doc, version, occ, res.answers, steps, !!template);
  }

  /** The placeholders of a CloudFormation template or Terraform file (undefined for a JSON policy), from the validator's cache when it has one. */
  private templatePlaceholders(doc: vscode.TextDocument, text: string): TemplatePlaceholder[] | undefined {
    const a = this.validator.analysis(doc);
    if (!a) return placeholdersOfTemplate(text);
    if (a.result.host !== 'cloudformation' && a.result.host !== 'terraform') return undefined;
    // Build the view first: for a large template the code lens does without it, but Fill was asked for.
    this.validator.template(doc);
    return [...(this.validator.placeholders(doc) ?? [])];
  }

  /** Why a placeholder of a template was left, in words. */
  private leftMessage(doc: vscode.TextDocument, left: ReadonlyArray<{ key: string; offset: number; reason: LeftReason }>): string {
    const why: Record<LeftReason, string> = {
      'not-exact': vscode.l10n.t('the template writes it with escapes or across lines, so it cannot be replaced in place; replace it by hand'),
      sub: vscode.l10n.t('the answer has a $, which starts a reference in a !Sub string; replace it by hand'),
      double: vscode.l10n.t('the answer has a " or a \\, which a double-quoted YAML string reads as its end or an escape; replace it by hand'),
      single: vscode.l10n.t("the answer has a ', which ends a single-quoted YAML string; replace it by hand"),
      plain: vscode.l10n.t(
        'without quotes YAML would read the value with this answer as something else (a number, a comment or a key); put the value in quotes in the template and fill again',
      ),
      hcl: vscode.l10n.t(
        'the answer cannot be written in this Terraform string, even escaped (a line break, $$ or %%, or a $ or % that makes a template with the text around it); replace it by hand',
      ),
      'json-in-hcl': vscode.l10n.t(
        'the answer cannot be written in the JSON of this Terraform string, even escaped (a line break, $$ or %%, or a $ or % that makes a template with the text around it); replace it by hand',
      ),
      'json-in-yaml': vscode.l10n.t('the answer has a ", a \\ or a \', which the JSON policy in this template string cannot hold as typed; replace it by hand'),
    };
    return left
      .map((l) => vscode.l10n.t('{0} on line {1} was left as it is: {2}.', plainText(l.key), doc.positionAt(l.offset).line + 1, why[l.reason]))
      .join(' ');
  }

  private async applyAnswers(
    doc: vscode.TextDocument,
    version: number,
    occ: PlaceholderOccurrence[],
    answers: Map<string, string>,
    steps: FillStep[],
    template = false,
  ): Promise<CommandOutcome> {
    const p = this.prompts();
    if (doc.isClosed) {
      const reason = vscode.l10n.t('The document was closed while you answered; nothing was changed.');
      return this.fail(reason);
    }
    if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
      const reason = vscode.l10n.t('{0} is read-only; nothing was changed.', plainText(baseName(doc.uri)));
      return this.fail(reason);
    }
    let targets = occ;
    // A template's front end, to read the filled text again (the proof of the edits) and to find its placeholders.
    const reread = template ? this.validator.sitesOf(doc) : undefined;
    const host = this.validator.analysis(doc)?.result.host === 'terraform' ? 'terraform' : 'cloudformation';
    if (doc.version !== version) {
      // The user edited the document while the prompts were open: re-detect, never overwrite their edits.
      const r = template
        ? relocateOccurrences(
            occ as TemplatePlaceholder[],
            new Set(answers.keys()),
            doc.getText(),
            (t) => placeholdersOfTemplate(t, reread, host) ?? [],
            (o) => !!o.style,
          )
        : relocateOccurrences(occ, new Set(answers.keys()), doc.getText());
      if (!r.ok) {
        const reason = vscode.l10n.t('The document changed while you answered ({0}); nothing was filled. Run Fill Placeholders again.', r.reason);
        p.showMessage('warning', reason);
        return { status: 'conflict', reason };
      }
      targets = r.occurrences;
    }
    // A template: each answer is written in its scalar's quoting, or the placeholder is left and the user told why.
    const filled = template ? templateFill(doc.getText(), targets, answers, planFill, reread) : undefined;
    const left = filled?.left.length ? this.leftMessage(doc, filled.left) : undefined;
    const edits = filled ? filled.edits : planFill(targets, answers);
    if (!edits.length) {
      if (left) {
        p.showMessage('warning', left);
        return { status: 'nothing', reason: left };
      }
      return { status: 'nothing', reason: vscode.l10n.t('No answers to apply.') };
    }
    // Values the answers leave behind that name the same thing (the example Region of the same membership): offered.
    // (JSON policies: linkedValues re-analyses the filled JSON text.)
    const before = doc.version;
    const linked = template ? [] : linkedValues(doc.getText(), targets, answers);
    if (linked.length) {
      const picked = await p.pickLinkedValues(
        linked.map((v, i) => ({
          id: String(i),
          label: `${plainText(v.from)} → ${plainText(v.to)}`,
          description: vscode.l10n.t('{0}, line {1} (membership {2})', v.what, doc.positionAt(v.offset).line + 1, v.membership),
        })),
        {
          title: vscode.l10n.t('Fill Placeholders'),
          placeholder:
            linked.length === 1
              ? vscode.l10n.t('Change this value too? It names the same membership as your answer (Enter changes the selected ones, Escape fills nothing).')
              : vscode.l10n.t(
                  'Change these values too? They name the same membership as your answers (Enter changes the selected ones, Escape fills nothing).',
                ),
        },
      );
      if (picked === undefined) return { status: 'cancelled' };
      if (doc.isClosed || doc.version !== before) {
        const reason = vscode.l10n.t('The document changed while you answered; nothing was filled. Run Fill Placeholders again.');
        p.showMessage('warning', reason);
        return { status: 'conflict', reason };
      }
      for (const id of picked) {
        const v = linked[Number(id)];
        if (v) edits.push(linkedEdit(v));
      }
      edits.sort((a, b) => a.offset - b.offset);
    }
    const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edits));
    if (!ok) {
      const reason = vscode.l10n.t('VS Code refused the edit (is the document read-only?); nothing was changed.');
      return this.fail(reason);
    }
    this.rememberAnswers(steps, answers);
    this.done(WALKTHROUGH_DONE.placeholdersFilled);
    if (left) {
      p.showMessage('warning', left);
      return { status: 'applied', edits: edits.length, uri: doc.uri.toString(), left };
    }
    return { status: 'applied', edits: edits.length, uri: doc.uri.toString() };
  }
}
