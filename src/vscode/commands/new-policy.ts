// New Policy from Template… and Insert Policy at Cursor…: the template list, one step per placeholder, the output format.
import * as vscode from 'vscode';
import { ROLES, TEMPLATES } from '../../catalog/templates';
import type { PolicyTemplate } from '../../catalog/types';
import { renderTemplate } from '../../fill/apply';
import { canInsertAt, planInsertForTemplate } from '../logic/insert-policy';
import { BACK, stepsForTemplate, type FillStep } from '../logic/wizard';
import { WALKTHROUGH_DONE } from '../logic/ids';
import { escapeOffer } from '../logic/escape-offer';
import { CHANGE_FORMAT, formatLanguage, isOutputFormat, OUTPUT_FORMAT_KEY, wizardTemplate, type OutputFormat } from '../logic/output-format';
import { stackForTemplate } from '../../catalog/role-stacks';
import { renderStack } from '../../fill/infra';
import { CommandGroup, t, type CommandOutcome } from './base';

const POLICY_VERSION = '2012-10-17';

export class NewPolicyCommands extends CommandGroup {
  // ---- New Policy from Template… / Insert Policy at Cursor… ----
  /**
   * Template pick then one step per distinct placeholder; Back from step 2 returns to the template list. Escape in a
   * value step returns the template with the values given so far and `complete: false`; Escape at the template list
   * returns undefined.
   */
  private async templateWizard(
    title: string,
    preselect?: string,
    format?: { current: OutputFormat; change: () => Promise<OutputFormat | undefined> },
  ): Promise<{ template: PolicyTemplate; values: Record<string, string>; steps: FillStep[]; complete: boolean; format: OutputFormat } | undefined> {
    const templates = TEMPLATES;
    let current: OutputFormat = format?.current ?? 'json';
    // A template id given by the caller (e.g. a walkthrough link) skips the template list the first time round.
    let first = preselect !== undefined && templates.some((t) => t.id === preselect) ? preselect : undefined;
    for (;;) {
      const id = first ?? (await this.prompts().pickTemplate(templates, ROLES, { title, step: 1, totalSteps: 0, ...(format ? { format: current } : {}) }));
      first = undefined;
      if (id === CHANGE_FORMAT && format) {
        current = (await format.change()) ?? current;
        continue;
      }
      const picked = id !== undefined ? templates.find((t) => t.id === id) : undefined;
      if (!picked) return undefined;
      const template = wizardTemplate(picked, current).template;
      const steps = stepsForTemplate(template);
      const given = new Map<string, string>();
      const res = await this.ask(steps, title, 1, true, given);
      if (res === BACK) continue;
      if (!res) return { template, values: Object.fromEntries(given), steps, complete: false, format: current };
      return { template, values: Object.fromEntries(res.answers), steps, complete: true, format: current };
    }
  }

  /** The remembered output format of New Policy; asked (and remembered) when there is none. Undefined: cancelled. */
  private async outputFormat(title: string, ask: boolean): Promise<OutputFormat | undefined> {
    const remembered = this.context.globalState.get<unknown>(OUTPUT_FORMAT_KEY);
    if (!ask && isOutputFormat(remembered)) return remembered;
    const picked = await this.prompts().pickOutputFormat({ title, ...(isOutputFormat(remembered) ? { current: remembered } : {}) });
    if (picked === undefined) return undefined;
    // The memento updates in memory at once; persisting can take a while, so the command does not wait for it.
    this.context.globalState.update(OUTPUT_FORMAT_KEY, picked).then(undefined, () => undefined);
    return picked;
  }

  private indentUnit(doc?: vscode.TextDocument): string {
    const cfg = vscode.workspace.getConfiguration('editor', doc ? { languageId: doc.languageId, uri: doc.uri } : { languageId: 'json' });
    const insertSpaces = cfg.get<boolean>('insertSpaces', true);
    const tabSize = cfg.get<number | string>('tabSize', 4);
    const n = typeof tabSize === 'number' && tabSize > 0 ? Math.min(8, tabSize) : 4;
    return insertSpaces ? ' '.repeat(n) : '\t';
  }

  async newPolicy(templateId?: string): Promise<CommandOutcome> {
    const title = vscode.l10n.t('New Policy from Template');
    const format = await this.outputFormat(title, false);
    if (!format) return { status: 'cancelled' };
    const r = await this.templateWizard(title, templateId, { current: format, change: () => this.outputFormat(title, true) });
    if (!r) return { status: 'cancelled' };
    if (!r.complete) {
      // Escape in a value step: offer what the walkthrough promises, the policy with the other placeholders left in place.
      const offer = escapeOffer(r.template, new Map(Object.entries(r.values)), t);
      if (!(await this.prompts().offerPartialPolicy({ title, message: offer.message, detail: offer.detail }))) return { status: 'cancelled' };
    }
    const tpl = r.template;
    const stack = r.format !== 'json' ? stackForTemplate(tpl.id) : undefined;
    let doc: vscode.TextDocument;
    if (stack && r.format !== 'json') {
      doc = await this.openUntitled(renderStack(stack, r.format, r.values), r.format, `cleanrooms-${stack.id}`);
    } else {
      // A statement template becomes a whole policy.
      const asPolicy: PolicyTemplate = tpl.policyType === 'statement' ? { ...tpl, body: { Version: POLICY_VERSION, Statement: [tpl.body] } } : tpl;
      const content = renderTemplate(asPolicy, r.values, this.indentUnit()) + '\n';
      doc = await vscode.workspace.openTextDocument({ language: 'json', content });
    }
    await vscode.window.showTextDocument(doc);
    this.rememberAnswers(r.steps, new Map(Object.entries(r.values)));
    this.done(WALKTHROUGH_DONE.policyCreated);
    return { status: 'opened', uri: doc.uri.toString(), templateId: tpl.id, format: stack ? r.format : 'json' };
  }

  /**
   * An untitled CloudFormation or Terraform document. YAML opens in the built-in yaml language. Terraform opens in the
   * terraform language when an extension contributes it; otherwise as an untitled `<name>.tf`, whose name the kit's
   * Terraform front end and Save As go by.
   */
  private async openUntitled(content: string, format: Exclude<OutputFormat, 'json'>, name: string): Promise<vscode.TextDocument> {
    const { language, extension } = formatLanguage(format);
    if (format === 'cloudformation' || (await vscode.languages.getLanguages()).includes(language))
      return vscode.workspace.openTextDocument({ language, content });
    let uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}.${extension}` });
    for (let i = 2; vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()); i++)
      uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}-${i}.${extension}` });
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), content);
    await vscode.workspace.applyEdit(edit);
    return doc;
  }

  async insertPolicy(): Promise<CommandOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      const reason = vscode.l10n.t('Open an editor to insert the policy into.');
      return this.fail(reason);
    }
    const doc = editor.document;
    const refused = vscode.l10n.t(
      'There is no place for a policy at the cursor: put the cursor inside a policy (its statements go into the Statement array), in an empty document, or where a JSON value is expected.',
    );
    if (!canInsertAt(doc.getText(), doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end))) {
      return this.fail(refused);
    }
    const r = await this.templateWizard(vscode.l10n.t('Insert Policy at Cursor'));
    if (!r || !r.complete) return { status: 'cancelled' };
    if (doc.isClosed) return { status: 'failed', reason: vscode.l10n.t('The editor was closed.') };
    const plan = planInsertForTemplate(
      r.template,
      r.values,
      doc.getText(),
      doc.offsetAt(editor.selection.start),
      doc.offsetAt(editor.selection.end),
      this.indentUnit(doc),
    );
    if ('refused' in plan) {
      return this.fail(refused);
    }
    const range = new vscode.Range(doc.positionAt(plan.offset), doc.positionAt(plan.offset + plan.length));
    const ok = await editor.edit((b) => b.replace(range, plan.text));
    if (!ok) {
      const reason = vscode.l10n.t('The policy could not be inserted (is the editor read-only?).');
      return this.fail(reason);
    }
    this.rememberAnswers(r.steps, new Map(Object.entries(r.values)));
    this.done(WALKTHROUGH_DONE.policyCreated);
    return { status: 'applied', edits: 1, uri: doc.uri.toString() };
  }
}
