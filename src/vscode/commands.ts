// Commands: New Policy from Template…, Insert Policy at Cursor…, Fill Placeholders…, Fill This Placeholder,
// Show Rule Documentation, Fix All Auto-Fixable Problems, Copy AWS CLI Commands, Open an Example with Mistakes.
// The engine computes; this file asks and applies. User-visible text goes through vscode.l10n.t.
import * as vscode from 'vscode';
import { allRules, RULES_BY_ID } from '../analysis';
import { analyze } from '../analysis/analyze';
import { analyzeDocument } from '../frontends/document';
import { placeholdersOfTemplate, templateFill, type LeftReason, type TemplatePlaceholder } from '../frontends/view';
import { ROLES, TEMPLATES } from '../catalog/templates';
import type { PolicyTemplate } from '../catalog/types';
import { findPlaceholders, groupPlaceholders, type PlaceholderOccurrence } from '../fill/detect';
import { planFill, renderTemplate } from '../fill/apply';
import { linkedEdit, linkedValues } from '../fill/linked';
import { readConfig } from './config';
import { ruleOf, toWorkspaceEdit } from './convert';
import {
  buildCliCommands,
  rankSiblings,
  roleRequirements,
  suggestRoleName,
  trustServices,
  validateRoleName,
  type PolicyFile,
  type Translate,
} from '../fill/aws-commands';
import { EXAMPLE_WITH_MISTAKES } from './logic/examples';
import { openProblems, problemsQuestion } from './logic/open-problems';
import { plainText } from './logic/plain';
import { fixAllText, minimalEdit } from '../fill/fixall';
import { relocateOccurrences } from './logic/relocate';
import { canInsertAt, planInsertForTemplate } from './logic/insert-policy';
import { enabledPlaceholders } from './logic/placeholder-filter';
import {
  BACK,
  linkedDefault,
  remember,
  rememberedDefault,
  runSteps,
  stepsForGroups,
  stepsForTemplate,
  validateAnswer,
  type FillStep,
  type Remembered,
} from './logic/wizard';
import type { PromptProvider } from './prompts';
import type { PolicyValidator } from './validation';

import { COMMANDS, WALKTHROUGH_DONE } from './logic/ids';
import { escapeOffer } from './logic/escape-offer';
import { CHANGE_FORMAT, formatLanguage, isOutputFormat, OUTPUT_FORMAT_KEY, wizardTemplate, type OutputFormat } from './logic/output-format';
import { stackForTemplate } from '../catalog/role-stacks';
import { renderStack } from '../fill/infra';

export { COMMANDS };

const MEMORY_KEY = 'cleanroomsIam.fill.remembered';
/** vscode.l10n.t for the pure modules that take a translator. */
const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
const POLICY_VERSION = '2012-10-17';

/** What a command did; returned to callers (tests, other commands). */
export type CommandOutcome =
  /** `left`: in a template, what was left unfilled and why (the answer cannot be written in that scalar's quoting). */
  | { status: 'applied'; edits: number; uri: string; left?: string }
  | { status: 'opened'; uri: string; templateId: string; format?: OutputFormat }
  | { status: 'cancelled' }
  | { status: 'nothing'; reason: string }
  | { status: 'conflict'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'copied'; text: string; commands: string[]; roleName: string; trustUri: string; permissionsUri: string; uri: string }
  /** Copy AWS CLI Commands stopped to show the role's open problems (nothing copied). */
  | { status: 'problems'; errors: number; warnings: number; uris: string[] };

/** Files larger than this are not read when looking for a policy's sibling. */
const MAX_SIBLING_BYTES = 2 * 1024 * 1024;

export class Commands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly validator: PolicyValidator,
    private readonly prompts: () => PromptProvider,
  ) {}

  register(): vscode.Disposable[] {
    const r = vscode.commands.registerCommand;
    return [
      r(COMMANDS.newPolicy, (templateId?: unknown) => this.newPolicy(typeof templateId === 'string' ? templateId : undefined)),
      r(COMMANDS.insertPolicy, () => this.insertPolicy()),
      r(COMMANDS.fillPlaceholders, (uri?: unknown) => this.fillPlaceholders(asUri(uri))),
      r(COMMANDS.fillPlaceholder, (uri?: unknown, key?: unknown) => this.fillPlaceholders(asUri(uri), typeof key === 'string' ? key : undefined)),
      r(COMMANDS.showRuleDocs, (rule?: unknown) => this.showRuleDocs(typeof rule === 'string' ? rule : undefined)),
      r(COMMANDS.fixAll, (uri?: unknown) => this.fixAll(asUri(uri))),
      r(COMMANDS.copyCliCommands, (uri?: unknown) => this.copyCliCommands(asUri(uri))),
      r(COMMANDS.openExample, () => this.openExample()),
    ];
  }

  // ---- remembered values ----
  private memory(): Remembered | undefined {
    if (!readConfig().rememberValues) return undefined;
    return this.context.workspaceState.get<Remembered>(MEMORY_KEY);
  }

  private rememberAnswers(steps: readonly FillStep[], answers: ReadonlyMap<string, string>): void {
    if (!readConfig().rememberValues) return;
    // The memento updates in memory at once; persisting can take a while, so the command does not wait for it.
    this.context.workspaceState.update(MEMORY_KEY, remember(this.memory(), steps, answers)).then(undefined, () => undefined);
  }

  /** Walkthrough progress: a step completes on its context key, set only when its work was done. */
  private done(key: string): void {
    if (this.walkthroughDone.length < 1000) this.walkthroughDone.push(key);
    void Promise.resolve(vscode.commands.executeCommand('setContext', key, true)).catch(() => undefined);
  }

  /** Every walkthrough context key set so far, in order, once per time the work was done (the test API reads it). */
  readonly walkthroughDone: string[] = [];

  /**
   * Ask every step (multi-step, Back, validation); undefined when cancelled, BACK when backed out of step 1.
   * `answers` receives the answers as they are given (after Escape it holds the values given so far).
   */
  private ask(steps: FillStep[], title: string, offset: number, backFromFirst: boolean, answers?: Map<string, string>) {
    const mem = this.memory();
    const p = this.prompts();
    return runSteps(
      steps,
      (step, ctx) => {
        const defaultValue = ctx.answers.get(step.key) ?? linkedDefault(step, steps, ctx.answers) ?? rememberedDefault(mem, step);
        const pctx = { ...ctx, title, validate: (v: string) => validateAnswer(step, v), ...(defaultValue !== undefined ? { defaultValue } : {}) };
        return step.type === 'region' ? p.pickRegion(step, pctx) : p.inputValue(step, pctx);
      },
      { offset, backFromFirst, ...(answers ? { answers } : {}) },
    );
  }

  // ---- Fill Placeholders… / Fill This Placeholder ----
  async fillPlaceholders(uri?: vscode.Uri, onlyKey?: string): Promise<CommandOutcome> {
    const p = this.prompts();
    const doc = uri ? vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.isClosed) {
      const reason = uri
        ? vscode.l10n.t('{0} is not open; open it and run Fill Placeholders again.', uri.toString(true))
        : vscode.l10n.t('Open a policy document first.');
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    const version = doc.version;
    const text = doc.getText();
    // A template's placeholders are those of its policies, at their source ranges (frontends/view.ts).
    const template = this.templatePlaceholders(doc, text);
    let occ: PlaceholderOccurrence[] = template ?? findPlaceholders(text);
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

  /** The placeholders of a CloudFormation template (undefined for a JSON policy), from the validator's cache when it has one. */
  private templatePlaceholders(doc: vscode.TextDocument, text: string): TemplatePlaceholder[] | undefined {
    const a = this.validator.analysis(doc);
    if (!a) return placeholdersOfTemplate(text);
    if (a.result.host !== 'cloudformation') return undefined;
    // Build the view first: for a large template the code lens does without it, but Fill was asked for.
    this.validator.template(doc);
    return this.validator.placeholders(doc) ?? [];
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
      hcl: vscode.l10n.t('the answer has a ", a \\, a $ or a %, which a Terraform string reads as its end, an escape or a template; replace it by hand'),
      'json-in-hcl': vscode.l10n.t('the answer has a ", a \\, a $ or a %, which the JSON in this Terraform string cannot hold as typed; replace it by hand'),
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
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
      const reason = vscode.l10n.t('{0} is read-only; nothing was changed.', plainText(doc.uri.path.split('/').pop() ?? ''));
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    let targets = occ;
    if (doc.version !== version) {
      // The user edited the document while the prompts were open: re-detect, never overwrite their edits.
      const r = template
        ? relocateOccurrences(
            occ as TemplatePlaceholder[],
            new Set(answers.keys()),
            doc.getText(),
            (t) => placeholdersOfTemplate(t) ?? [],
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
    const filled = template ? templateFill(doc.getText(), targets, answers, planFill) : undefined;
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
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    this.rememberAnswers(steps, answers);
    this.done(WALKTHROUGH_DONE.placeholdersFilled);
    if (left) {
      p.showMessage('warning', left);
      return { status: 'applied', edits: edits.length, uri: doc.uri.toString(), left };
    }
    return { status: 'applied', edits: edits.length, uri: doc.uri.toString() };
  }

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
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    const doc = editor.document;
    const refused = vscode.l10n.t(
      'There is no place for a policy at the cursor: put the cursor inside a policy (its statements go into the Statement array), in an empty document, or where a JSON value is expected.',
    );
    if (!canInsertAt(doc.getText(), doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end))) {
      this.prompts().showMessage('error', refused);
      return { status: 'failed', reason: refused };
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
      this.prompts().showMessage('error', refused);
      return { status: 'failed', reason: refused };
    }
    const range = new vscode.Range(doc.positionAt(plan.offset), doc.positionAt(plan.offset + plan.length));
    const ok = await editor.edit((b) => b.replace(range, plan.text));
    if (!ok) {
      const reason = vscode.l10n.t('The policy could not be inserted (is the editor read-only?).');
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    this.rememberAnswers(r.steps, new Map(Object.entries(r.values)));
    this.done(WALKTHROUGH_DONE.policyCreated);
    return { status: 'applied', edits: 1, uri: doc.uri.toString() };
  }

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
    const doc = uri ? vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      const reason = vscode.l10n.t('Open a policy document first.');
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
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
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    return { status: 'applied', edits: f.count, uri: doc.uri.toString() };
  }

  // ---- Open an Example with Mistakes (walkthrough) ----
  async openExample(): Promise<CommandOutcome> {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: EXAMPLE_WITH_MISTAKES.text });
    await vscode.window.showTextDocument(doc);
    // Show the Problems panel next to it (the walkthrough step is about what the checks catch).
    await Promise.resolve(vscode.commands.executeCommand('workbench.actions.view.problems')).catch(() => undefined);
    return { status: 'opened', uri: doc.uri.toString(), templateId: 'example-with-mistakes' };
  }

  // ---- Copy AWS CLI Commands ----
  /** The JSON documents next to `doc` (same folder) with the engine's kind; open documents are read from the editor. */
  private folderPolicies(doc: vscode.TextDocument): Promise<Array<PolicyFile & { uri: vscode.Uri }>> {
    return this.validator.siblings.list(doc, MAX_SIBLING_BYTES);
  }

  async copyCliCommands(uri?: vscode.Uri): Promise<CommandOutcome> {
    const p = this.prompts();
    const title = vscode.l10n.t('Copy AWS CLI Commands');
    const fail = (reason: string): CommandOutcome => {
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    };
    const doc = uri ? vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc) return fail(vscode.l10n.t('Open a trust policy or a permissions policy first.'));
    const name = doc.uri.path.split('/').pop() ?? '';
    const kind = analyze(doc.getText(), { fileName: name }).kind;
    if (kind === 'not-a-policy') return fail(vscode.l10n.t('{0} is not an IAM policy (no top-level Statement).', plainText(name)));
    if (doc.isUntitled || doc.uri.scheme === 'untitled')
      return fail(vscode.l10n.t('Save the policy to a file first: the AWS CLI reads policies from files (file://…).'));

    const siblings = await this.folderPolicies(doc);
    const ranked = rankSiblings({ name, kind }, siblings);
    const otherKind = kind === 'trust' ? vscode.l10n.t('permissions policy') : vscode.l10n.t('trust policy');
    let otherName = ranked.match;
    if (otherName === undefined) {
      if (!ranked.ranked.length)
        return fail(
          vscode.l10n.t("No {0} next to {1}: save the role's other policy in the same folder and run the command again.", otherKind, plainText(name)),
        );
      otherName = await p.pickFile(
        ranked.ranked.map((n) => ({ id: n, label: n })),
        { title, placeholder: vscode.l10n.t('Which file holds the {0} of this role?', otherKind) },
      );
      if (otherName === undefined) return { status: 'cancelled' };
    }
    const other = siblings.find((s) => s.name === otherName);
    if (!other) return fail(vscode.l10n.t('{0} is not in the folder any more.', plainText(otherName)));
    const trust = kind === 'trust' ? { uri: doc.uri, name } : { uri: other.uri, name: other.name };
    const permissions = kind === 'trust' ? { uri: other.uri, name: other.name } : { uri: doc.uri, name };

    const readText = async (u: vscode.Uri): Promise<string> => {
      const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === u.toString());
      return open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(u));
    };
    const trustText = await readText(trust.uri);
    const permissionsText = await readText(permissions.uri);
    const req = roleRequirements(trustServices(trustText));

    // Problems first: commands that create a role from files the kit still finds wrong are asked about, not copied.
    const findings = async (text: string, n: string) => (await this.validator.analyzeText(text, n))?.findings ?? [];
    const problems = openProblems([
      { name: trust.name, findings: await findings(trustText, trust.name) },
      { name: permissions.name, findings: await findings(permissionsText, permissions.name) },
    ]);
    if (problems.errors + problems.warnings > 0) {
      const q = problemsQuestion(problems, problems.files.map(plainText), t);
      const choice = await p.confirmProblems({ title, ...q });
      if (choice === undefined) return { status: 'cancelled' };
      if (choice === 'show') {
        // The other file first, then the one the command ran on: it stays the active editor.
        const files = (kind === 'trust' ? [permissions, trust] : [trust, permissions]).filter((f) => problems.files.includes(f.name));
        const uris = files.map((f) => f.uri);
        for (const u of uris) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u), { preview: false });
        await Promise.resolve(vscode.commands.executeCommand('workbench.actions.view.problems')).catch(() => undefined);
        return { status: 'problems', errors: problems.errors, warnings: problems.warnings, uris: uris.map((u) => u.toString()) };
      }
    }

    const style = await p.pickCliStyle({ title });
    if (style === undefined) return { status: 'cancelled' };
    const roleName = await p.inputRoleName({
      title,
      prompt:
        req.passRolePattern !== undefined
          ? vscode.l10n.t('Role name. {0} can pass only roles matching {1}.', req.managedPolicies.join(' / '), req.passRolePattern)
          : vscode.l10n.t('Role name (1-64 letters, digits and + = , . @ _ -).'),
      defaultValue: suggestRoleName(req, trust.name, permissions.name),
      validate: (v) => validateRoleName(v, req, t),
    });
    if (roleName === undefined) return { status: 'cancelled' };
    const invalid = validateRoleName(roleName, req, t);
    if (invalid) return fail(invalid);

    const onDisk = trust.uri.scheme === 'file' && permissions.uri.scheme === 'file';
    const out = buildCliCommands(
      {
        roleName,
        requirements: req,
        trustPath: onDisk ? trust.uri.fsPath : trust.name,
        permissionsPath: onDisk ? permissions.uri.fsPath : permissions.name,
        relative: !onDisk,
        style,
      },
      t,
    );
    let copied = true;
    try {
      await vscode.env.clipboard.writeText(out.text);
    } catch {
      copied = false;
    }
    const shown = await vscode.workspace.openTextDocument({ language: 'shellscript', content: out.text });
    await vscode.window.showTextDocument(shown, { preview: true });

    const notes: string[] = [];
    const dirty = [trust.uri, permissions.uri].filter((u) =>
      vscode.workspace.textDocuments.some((d) => !d.isClosed && d.isDirty && d.uri.toString() === u.toString()),
    );
    if (dirty.length)
      notes.push(vscode.l10n.t('Save {0} first: the AWS CLI reads the saved file.', dirty.map((u) => plainText(u.path.split('/').pop() ?? '')).join(', ')));
    const head = copied
      ? vscode.l10n.t('Copied {0} AWS CLI commands for role {1} to the clipboard.', out.commands.length, roleName)
      : vscode.l10n.t('The clipboard is not available: copy the AWS CLI commands for role {0} from the editor.', roleName);
    p.showMessage(notes.length || !copied ? 'warning' : 'info', [head, ...notes].join(' '));
    this.done(WALKTHROUGH_DONE.commandsCopied);
    return {
      status: 'copied',
      text: out.text,
      commands: out.commands,
      roleName,
      trustUri: trust.uri.toString(),
      permissionsUri: permissions.uri.toString(),
      uri: shown.uri.toString(),
    };
  }
}

function asUri(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string') {
    try {
      return vscode.Uri.parse(v, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
