// Commands: New Policy from Template…, Insert Policy at Cursor…, Fill Placeholders…, Fill This Placeholder,
// Show Rule Documentation, Fix All Auto-Fixable Problems. The engine computes; this file asks and applies.
import * as vscode from 'vscode';
import { allRules, RULES_BY_ID } from '../analysis';
import { ROLES, TEMPLATES } from '../catalog/templates';
import type { PolicyTemplate } from '../catalog/types';
import { findPlaceholders, groupPlaceholders, type PlaceholderOccurrence } from '../fill/detect';
import { planFill, renderTemplate } from '../fill/apply';
import { readConfig } from './config';
import { ruleOf, toWorkspaceEdit } from './convert';
import { planFixAll } from './logic/fixall';
import { relocateOccurrences } from './logic/relocate';
import { indentAfterFirstLine } from './logic/settings';
import {
  BACK,
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

import { COMMANDS } from './logic/ids';

export { COMMANDS };

const MEMORY_KEY = 'cleanroomsIam.fill.remembered';
const POLICY_VERSION = '2012-10-17';

/** What a command did; returned to callers (tests, other commands). */
export type CommandOutcome =
  | { status: 'applied'; edits: number; uri: string }
  | { status: 'opened'; uri: string; templateId: string }
  | { status: 'cancelled' }
  | { status: 'nothing'; reason: string }
  | { status: 'conflict'; reason: string }
  | { status: 'failed'; reason: string };

export class Commands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly validator: PolicyValidator,
    private readonly prompts: () => PromptProvider,
  ) {}

  register(): vscode.Disposable[] {
    const r = vscode.commands.registerCommand;
    return [
      r(COMMANDS.newPolicy, () => this.newPolicy()),
      r(COMMANDS.insertPolicy, () => this.insertPolicy()),
      r(COMMANDS.fillPlaceholders, (uri?: unknown) => this.fillPlaceholders(asUri(uri))),
      r(COMMANDS.fillPlaceholder, (uri?: unknown, key?: unknown) => this.fillPlaceholders(asUri(uri), typeof key === 'string' ? key : undefined)),
      r(COMMANDS.showRuleDocs, (rule?: unknown) => this.showRuleDocs(typeof rule === 'string' ? rule : undefined)),
      r(COMMANDS.fixAll, (uri?: unknown) => this.fixAll(asUri(uri))),
    ];
  }

  // ---- remembered values ----
  private memory(): Remembered | undefined {
    if (!readConfig().rememberValues) return undefined;
    return this.context.workspaceState.get<Remembered>(MEMORY_KEY);
  }

  private async rememberAnswers(steps: readonly FillStep[], answers: ReadonlyMap<string, string>): Promise<void> {
    if (!readConfig().rememberValues) return;
    // The memento updates in memory at once; persisting can take a while, so the command does not wait for it.
    this.context.workspaceState.update(MEMORY_KEY, remember(this.memory(), steps, answers)).then(undefined, () => undefined);
  }

  /** Ask every step (multi-step, Back, validation); undefined when cancelled, BACK when backed out of step 1. */
  private ask(steps: FillStep[], title: string, offset: number, backFromFirst: boolean) {
    const mem = this.memory();
    const p = this.prompts();
    return runSteps(
      steps,
      (step, ctx) => {
        const defaultValue = ctx.answers.get(step.key) ?? rememberedDefault(mem, step);
        const pctx = { ...ctx, title, validate: (v: string) => validateAnswer(step, v), ...(defaultValue !== undefined ? { defaultValue } : {}) };
        return step.type === 'region' ? p.pickRegion(step, pctx) : p.inputValue(step, pctx);
      },
      { offset, backFromFirst },
    );
  }

  // ---- Fill Placeholders… / Fill This Placeholder ----
  async fillPlaceholders(uri?: vscode.Uri, onlyKey?: string): Promise<CommandOutcome> {
    const p = this.prompts();
    const doc = uri ? vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.isClosed) {
      const reason = uri ? `${uri.toString(true)} is not open; open it and run Fill Placeholders again.` : 'Open a policy document first.';
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    const version = doc.version;
    const text = doc.getText();
    let occ = findPlaceholders(text);
    if (onlyKey !== undefined) occ = occ.filter((o) => o.key === onlyKey);
    if (!occ.length) {
      const reason = onlyKey !== undefined ? `${onlyKey} is no longer in the document.` : 'No placeholders to fill in this document.';
      p.showMessage('info', reason);
      return { status: 'nothing', reason };
    }
    const steps = stepsForGroups(groupPlaceholders(occ), TEMPLATES);
    const title = onlyKey !== undefined ? `Fill ${onlyKey}` : 'Fill Placeholders';
    const res = await this.ask(steps, title, 0, false);
    if (!res || res === BACK) return { status: 'cancelled' };
    return this.applyAnswers(doc, version, occ, res.answers, steps);
  }

  private async applyAnswers(
    doc: vscode.TextDocument,
    version: number,
    occ: PlaceholderOccurrence[],
    answers: Map<string, string>,
    steps: FillStep[],
  ): Promise<CommandOutcome> {
    const p = this.prompts();
    if (doc.isClosed) {
      const reason = 'The document was closed while you answered; nothing was changed.';
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
      const reason = `${doc.uri.path.split('/').pop()} is read-only; nothing was changed.`;
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    let targets = occ;
    if (doc.version !== version) {
      // The user edited the document while the prompts were open: re-detect, never overwrite their edits.
      const r = relocateOccurrences(occ, new Set(answers.keys()), doc.getText());
      if (!r.ok) {
        const reason = `The document changed while you answered (${r.reason}); nothing was filled. Run Fill Placeholders again.`;
        p.showMessage('warning', reason);
        return { status: 'conflict', reason };
      }
      targets = r.occurrences;
    }
    const edits = planFill(targets, answers);
    if (!edits.length) return { status: 'nothing', reason: 'No answers to apply.' };
    const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edits));
    if (!ok) {
      const reason = 'VS Code refused the edit (is the document read-only?); nothing was changed.';
      p.showMessage('error', reason);
      return { status: 'failed', reason };
    }
    await this.rememberAnswers(steps, answers);
    return { status: 'applied', edits: edits.length, uri: doc.uri.toString() };
  }

  // ---- New Policy from Template… / Insert Policy at Cursor… ----
  /** Template pick then one step per distinct placeholder; Back from step 2 returns to the template list. */
  private async templateWizard(title: string, filter?: (t: PolicyTemplate) => boolean): Promise<{ template: PolicyTemplate; values: Record<string, string>; steps: FillStep[] } | undefined> {
    const templates = filter ? TEMPLATES.filter(filter) : TEMPLATES;
    for (;;) {
      const maxSteps = 1 + Math.max(0, ...templates.map((t) => t.placeholders.length));
      const id = await this.prompts().pickTemplate(templates, ROLES, { title, step: 1, totalSteps: maxSteps });
      const template = id !== undefined ? templates.find((t) => t.id === id) : undefined;
      if (!template) return undefined;
      const steps = stepsForTemplate(template);
      const res = await this.ask(steps, title, 1, true);
      if (res === BACK) continue;
      if (!res) return undefined;
      return { template, values: Object.fromEntries(res.answers), steps };
    }
  }

  private indentUnit(doc?: vscode.TextDocument): string {
    const cfg = vscode.workspace.getConfiguration('editor', doc ? { languageId: doc.languageId, uri: doc.uri } : { languageId: 'json' });
    const insertSpaces = cfg.get<boolean>('insertSpaces', true);
    const tabSize = cfg.get<number | string>('tabSize', 4);
    const n = typeof tabSize === 'number' && tabSize > 0 ? Math.min(8, tabSize) : 4;
    return insertSpaces ? ' '.repeat(n) : '\t';
  }

  async newPolicy(): Promise<CommandOutcome> {
    const r = await this.templateWizard('New Policy from Template');
    if (!r) return { status: 'cancelled' };
    const t = r.template;
    // A statement template becomes a whole policy.
    const asPolicy: PolicyTemplate = t.policyType === 'statement' ? { ...t, body: { Version: POLICY_VERSION, Statement: [t.body] } } : t;
    const content = renderTemplate(asPolicy, r.values, this.indentUnit()) + '\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
    await vscode.window.showTextDocument(doc);
    await this.rememberAnswers(r.steps, new Map(Object.entries(r.values)));
    return { status: 'opened', uri: doc.uri.toString(), templateId: t.id };
  }

  async insertPolicy(): Promise<CommandOutcome> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      const reason = 'Open an editor to insert the policy into.';
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    const doc = editor.document;
    const r = await this.templateWizard('Insert Policy at Cursor');
    if (!r) return { status: 'cancelled' };
    if (doc.isClosed) return { status: 'failed', reason: 'The editor was closed.' };
    const line = doc.lineAt(editor.selection.active.line);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const text = indentAfterFirstLine(renderTemplate(r.template, r.values, this.indentUnit(doc)), indent);
    const ok = await editor.edit((b) => b.replace(editor.selection, text));
    if (!ok) {
      const reason = 'The policy could not be inserted (is the editor read-only?).';
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    await this.rememberAnswers(r.steps, new Map(Object.entries(r.values)));
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
      p.showMessage('error', `Unknown rule ${ruleId}.`);
      return undefined;
    }
    await p.showRuleDocs(meta);
    return meta.id;
  }

  // ---- Fix All ----
  /** The WorkspaceEdit that applies every preferred fix of the current analysis (non-overlapping). */
  fixAllEdit(doc: vscode.TextDocument): { edit: vscode.WorkspaceEdit; count: number } | undefined {
    const a = this.validator.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy') return undefined;
    const plan = planFixAll(a.result.findings);
    if (!plan.edits.length) return undefined;
    return { edit: toWorkspaceEdit(doc, plan.edits), count: plan.fixed.length };
  }

  async fixAll(uri?: vscode.Uri): Promise<CommandOutcome> {
    const doc = uri ? vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      const reason = 'Open a policy document first.';
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    const f = this.fixAllEdit(doc);
    if (!f) {
      const reason = 'No auto-fixable problems in this document.';
      this.prompts().showMessage('info', reason);
      return { status: 'nothing', reason };
    }
    const ok = await vscode.workspace.applyEdit(f.edit);
    if (!ok) {
      const reason = 'VS Code refused the edit (is the document read-only?); nothing was changed.';
      this.prompts().showMessage('error', reason);
      return { status: 'failed', reason };
    }
    return { status: 'applied', edits: f.count, uri: doc.uri.toString() };
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
