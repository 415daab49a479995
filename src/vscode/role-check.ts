// "Will Clean Rooms be able to use this role?" in the editor (issue 16): a code lens on a policy recognised as a Clean
// Rooms role, a warning on the statement to change for each request Clean Rooms would be denied (with the certain fix
// as a quick fix), and the command "Check Role Against Clean Rooms…" that shows the request table. The logic is the
// CLI's (src/evaluate/role-check.ts); this file only places it. Computed once per analysed document version.
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Policy } from '../evaluate/evaluate';
import { recogniseRole } from '../evaluate/recognise';
import { checkRole, parsePolicyText, policyOfTree, roleKinds, type RoleCheckResult } from '../evaluate/role-check';
import { parseRoleConfig } from '../evaluate/role-config';
import { roleFixEdit } from '../evaluate/role-fix';
import { checkRoleText } from '../evaluate/role-report';
import { placeholderKind, ROLE_CHECKS, roleById, roleCheckSpec } from '../catalog';
import type { IamLoader } from './iam';
import { roleLens, roleLensForDocument, type DocumentRoleLens } from './logic/role-lens';
import { COMMANDS } from './logic/ids';
import type { PromptProvider } from './prompts';
import { failed } from './commands/base';
import { baseName, commandDocument, openDocument } from './documents';
import { isRegionKind, type FillStep } from './logic/wizard';
import { WORKER_MIN_LENGTH, type CachedAnalysis, type PolicyValidator } from './validation';

/** Source of the role-check diagnostics (a collection of their own, next to the rule findings). */
export const ROLE_CHECK_SOURCE = 'cleanrooms-iam role check';
const CONFIG_FILE = 'cleanrooms-iam.json';
/** URI scheme of the read-only request-table views. */
export const REPORT_SCHEME = 'cleanrooms-iam-report';

interface RoleState {
  lens?: DocumentRoleLens;
  /** The check of a permissions policy recognised as exactly one role. */
  result?: RoleCheckResult;
}

export type RoleCheckOutcome =
  | { status: 'checked'; role: string; ok: boolean; text: string; uri: string; result: RoleCheckResult }
  | { status: 'cancelled' }
  | { status: 'failed'; reason: string };

export class RoleChecks implements vscode.Disposable, vscode.CodeActionProvider, vscode.CodeLensProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  readonly diagnostics = vscode.languages.createDiagnosticCollection('cleanrooms-iam-role-check');
  private readonly states = new WeakMap<CachedAnalysis, RoleState>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when lenses may have changed (a document re-analysed, the config file changed). */
  readonly onDidChangeCodeLenses = this.changed.event;
  private denyActions: string[] = [];
  private configError: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private reports = 0;
  private readonly reportTexts = new Map<string, string>();

  constructor(
    private readonly validator: PolicyValidator,
    private readonly iam: IamLoader,
    private readonly log: (msg: string) => void,
  ) {}

  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = (): void => void this.loadConfig().then(() => this.refreshAll());
    this.disposables.push(
      this.diagnostics,
      this.changed,
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      this.validator.onDidUpdate(({ uri }) => this.update(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.diagnostics.delete(d.uri);
        this.reportTexts.delete(d.uri.toString());
      }),
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, { provideTextDocumentContent: (u) => this.reportTexts.get(u.toString()) ?? '' }),
    );
    reload();
  }

  /** cleanrooms-iam.json at the first workspace folder's root: {"denyActions": [...]} (the CLI reads the same file). */
  private async loadConfig(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    this.denyActions = [];
    this.configError = undefined;
    if (!folder) return;
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, CONFIG_FILE)));
    } catch {
      return; // no config file
    }
    const parsed = parseRoleConfig(text);
    if ('error' in parsed) {
      this.configError = parsed.error;
      this.log(vscode.l10n.t('{0} is not used: {1}', CONFIG_FILE, parsed.error));
      return;
    }
    this.denyActions = parsed.denyActions ?? [];
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d.uri, true);
  }

  /** The role state of a document's analysed version (undefined when it is not a Clean Rooms role). */
  state(doc: vscode.TextDocument, fresh = false): RoleState | undefined {
    const a = this.validator.analysis(doc);
    if (!a || a.result.kind === 'not-a-policy' || a.result.skipped) return undefined;
    // A role policy is a few KB; a document large enough for the analysis worker is not one (and must not block).
    if (doc.getText().length >= WORKER_MIN_LENGTH) return undefined;
    const have = fresh ? undefined : this.states.get(a);
    if (have) return have;
    const text = doc.getText();
    const iam = this.iam.current;
    const state: RoleState = {};
    try {
      const policy = this.policyOf(doc, text);
      const rec = recogniseRole(policy);
      if (rec?.policyType === 'permissions' && rec.roles.length === 1) {
        state.result = checkRole({ role: rec.roles[0], permissions: policy, ...(iam ? { iam } : {}), denyActions: this.denyActions });
        state.lens = { ...roleLens(state.result, vscode.l10n.t), roles: rec.roles, policyType: 'permissions' };
      } else if (rec) {
        state.lens = roleLensForDocument(text, { ...(iam ? { iam } : {}), denyActions: this.denyActions }, vscode.l10n.t, policy);
      }
    } catch (err) {
      // A policy the evaluator cannot read is the rule findings' business; the role check stays silent on it.
      this.log(`role check skipped for ${baseName(doc.uri)}: ${(err as Error)?.message ?? String(err)}`);
    }
    this.states.set(a, state);
    return state;
  }

  /** The document's policy: from the validator's parse of this version when it has no syntax error (no parse here), else the evaluator reads the text. */
  private policyOf(doc: vscode.TextDocument, text: string): Policy {
    const parsed = this.validator.parsed(doc);
    return parsed?.wellFormed && parsed.root ? policyOfTree(parsed.root, 'policy') : parsePolicyText(text, 'policy');
  }

  private update(uri: vscode.Uri, fresh = false): void {
    const doc = openDocument(uri);
    const s = doc && this.state(doc, fresh);
    if (!doc || !s?.result) {
      this.diagnostics.delete(uri);
    } else {
      this.diagnostics.set(uri, this.toDiagnostics(doc, s.result));
    }
    this.changed.fire();
  }

  /** One warning per denied request, on the Action (or the statement) the fix goes to. */
  private toDiagnostics(doc: vscode.TextDocument, r: RoleCheckResult): vscode.Diagnostic[] {
    const root = this.validator.parsed(doc)?.root ?? parseTree(doc.getText());
    if (!root) return [];
    const out: vscode.Diagnostic[] = [];
    for (const q of r.requests) {
      if (q.decision !== 'denied') continue;
      const index = q.fix?.statement ?? q.statement?.index;
      const statementNode =
        index === undefined
          ? undefined
          : (findNodeAtLocation(root, ['Statement', index]) ?? (index === 0 ? findNodeAtLocation(root, ['Statement']) : undefined));
      const target = statementNode
        ? (findNodeAtLocation(statementNode, [q.fix?.element ?? 'Action'])?.parent?.children?.[0] ?? statementNode)
        : findNodeAtLocation(root, ['Statement'])?.parent?.children?.[0];
      const range = target
        ? new vscode.Range(doc.positionAt(target.offset), doc.positionAt(target.offset + (target.type === 'object' ? 1 : target.length)))
        : new vscode.Range(0, 0, 0, 0);
      const d = new vscode.Diagnostic(
        range,
        vscode.l10n.t('Clean Rooms will be denied {0} on {1}: {2}', q.action, q.resource, q.missing ?? q.reason),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = ROLE_CHECK_SOURCE;
      d.code = { value: 'role-check', target: vscode.Uri.parse(q.docUrl) };
      out.push(d);
      if (q.fix) this.fixes.set(d, q.fix);
    }
    return out;
  }

  private readonly fixes = new WeakMap<vscode.Diagnostic, NonNullable<RoleCheckResult['requests'][number]['fix']>>();

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const mine = this.diagnostics.get(doc.uri) ?? [];
    for (const d of ctx.diagnostics) {
      if (d.source !== ROLE_CHECK_SOURCE) continue;
      // The diagnostics in the context are copies: find ours by range and message.
      const own = mine.find((m) => m.range.isEqual(d.range) && m.message === d.message);
      const fix = own && this.fixes.get(own);
      if (!fix) continue;
      const edit = roleFixEdit(doc.getText(), fix);
      if (!edit) continue;
      const action = new vscode.CodeAction(
        vscode.l10n.t('Add {0} to the {1} of statement {2}', fix.add, fix.element, fix.statement + 1),
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [d];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.length)), edit.newText);
      out.push(action);
    }
    return out;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const lens = this.state(doc)?.lens;
    if (!lens) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: lens.title,
        tooltip: lens.tooltip,
        command: COMMANDS.checkRole,
        arguments: [doc.uri, lens.roles],
      }),
    ];
  }

  /** "Check Role Against Clean Rooms…": the request table of the document's role, in a read-only view. */
  async command(prompts: PromptProvider, uri?: vscode.Uri, roles?: readonly string[]): Promise<RoleCheckOutcome> {
    const fail = (reason: string): RoleCheckOutcome => failed(prompts, reason);
    const doc = commandDocument(uri);
    if (!doc) return fail(vscode.l10n.t('Open a trust policy or a permissions policy first.'));
    const text = doc.getText();
    let rec;
    let policy: Policy;
    try {
      policy = this.policyOf(doc, text);
      rec = recogniseRole(policy);
    } catch (err) {
      return fail(vscode.l10n.t('This document is not a policy the role check can read: {0}', (err as Error)?.message ?? String(err)));
    }
    const candidates = roles?.length ? [...roles] : (rec?.roles ?? []);
    let role = candidates.length === 1 ? candidates[0] : undefined;
    if (!role) {
      const items = (candidates.length ? candidates : ROLE_CHECKS.map((c) => c.role)).map((id) => ({ id, label: roleById(id)?.title ?? id, description: id }));
      role = await prompts.pickFile(items, {
        title: vscode.l10n.t('Check Role Against Clean Rooms'),
        placeholder: vscode.l10n.t('Which Clean Rooms role is this policy for?'),
      });
      if (!role) return { status: 'cancelled' };
    }
    if (this.configError) prompts.showMessage('warning', vscode.l10n.t('{0} is not used: {1}', CONFIG_FILE, this.configError));
    const iam = this.iam.current ?? (await this.iam.load());
    const policyType = rec?.policyType ?? 'permissions';
    const run = (values: Record<string, string>): RoleCheckResult =>
      policyType === 'trust'
        ? checkRole({ role: role, permissions: { Statement: [] }, trust: policy, values, ...(iam ? { iam } : {}) })
        : checkRole({ role: role, permissions: policy, values, ...(iam ? { iam } : {}), denyActions: this.denyActions });
    let result: RoleCheckResult;
    try {
      result = run({});
      // What the policy does not say (or says twice), asked with the Fill prompts and their validation; Escape stops
      // asking and the table shows what is known.
      const spec = roleCheckSpec(role);
      if (result.unknownValues.length && spec) {
        const kindOf = roleKinds(spec);
        const values: Record<string, string> = {};
        const title = vscode.l10n.t('Check Role Against Clean Rooms');
        for (const [i, u] of result.unknownValues.entries()) {
          const k = placeholderKind(kindOf(u.name));
          const step: FillStep = {
            key: u.name,
            display: `<${u.name}>`,
            kind: k.id,
            label: k.label,
            help: k.help,
            type: isRegionKind(k.id) ? 'region' : 'input',
          };
          const ctx = {
            title,
            step: i + 1,
            totalSteps: result.unknownValues.length,
            canGoBack: false,
            answers: new Map(Object.entries(values)),
            validate: (v: string) => k.validate(v),
            ...(u.candidates?.[0] ? { defaultValue: u.candidates[0] } : {}),
          };
          const answer = step.type === 'region' ? await prompts.pickRegion(step, ctx) : await prompts.inputValue(step, ctx);
          if (typeof answer !== 'string') break;
          values[u.name] = answer.trim();
        }
        if (Object.keys(values).length) result = run(values);
      }
    } catch (err) {
      return fail((err as Error)?.message ?? String(err));
    }
    const report = checkRoleText(result);
    // A read-only virtual document (nothing to save or discard when it is closed).
    const reportUri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${role}.txt`, query: String(++this.reports) });
    this.reportTexts.set(reportUri.toString(), report);
    const shown = await vscode.workspace.openTextDocument(reportUri);
    await vscode.window.showTextDocument(shown, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return { status: 'checked', role, ok: result.ok, text: report, uri: shown.uri.toString(), result };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
