// Code actions (quick fixes, Fill <name>…, source.fixAll.cleanroomsIam), hovers and code lens.
// All read the validator's cached analysis of the document's current version; nothing re-analyses.
import * as vscode from 'vscode';
import type { Finding } from '../analysis/types';
import { TEMPLATES } from '../catalog/templates';
import { groupPlaceholders } from '../fill/detect';
import { COMMANDS, type Commands } from './commands';
import { ruleOf, toRange, toWorkspaceEdit } from './convert';
import type { IamLoader } from './iam';
import { ruleActions } from './lightbulb';
import { hiddenFixable } from './logic/syntax-owner';
import { enabledPlaceholders } from './logic/placeholder-filter';
import { isPreferredFix } from '../fill/fixall';
import type { Translate } from '../fill/aws-commands';
import { jsonHover, templateHover, type HoverLookups } from './logic/policy-hover';
import type { PolicyValidator } from './validation';

export const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
/** Where diagnostics and their quick fixes appear: JSON policies, CloudFormation templates in YAML, and Terraform. */
export const FINDINGS_SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }, { language: 'yaml' }, { language: 'terraform' }];
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cleanroomsIam');

export class PolicyCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly validator: PolicyValidator,
    private readonly commands: Commands,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const wantsFixAll = ctx.only && (FIX_ALL_KIND.contains(ctx.only) || ctx.only.contains(FIX_ALL_KIND));
    if (ctx.only && wantsFixAll) {
      const f = this.commands.fixAllEdit(doc);
      if (f) {
        const a = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable Clean Rooms IAM problems ({0})', f.count), FIX_ALL_KIND);
        a.edit = f.edit;
        out.push(a);
      }
      return out;
    }
    if (ctx.only && !ctx.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(ctx.only)) return out;
    const analysis = this.validator.analysis(doc);
    if (!analysis) return out;
    const findings = analysis.result.findings;
    const offered = new Set<string>();
    for (const d of ctx.diagnostics) {
      const rule = ruleOf(d);
      if (!rule) continue;
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const f = findings.find((x) => x.rule === rule && x.offset === start && x.offset + x.length === end && x.message === d.message);
      if (!f) continue; // stale diagnostic: the next validation replaces it
      for (const fix of f.fixes ?? []) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc, fix.edits);
        a.diagnostics = [d];
        a.isPreferred = isPreferredFix(f, fix);
        out.push(a);
      }
      // Fill works in JSON policies, CloudFormation templates and Terraform files (view.ts).
      if (f.placeholder && !offered.has(f.placeholder.raw)) {
        offered.add(f.placeholder.raw);
        out.push(this.fillAction(doc, f, d));
      }
    }
    // Syntax errors left to VS Code's JSON support (logic/syntax-owner.ts) keep their fix in the lightbulb.
    for (const f of hiddenFixable(findings, doc.languageId, doc.offsetAt(range.start), doc.offsetAt(range.end))) {
      for (const fix of f.fixes ?? []) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(doc, fix.edits);
        a.isPreferred = isPreferredFix(f, fix);
        out.push(a);
      }
    }
    out.push(...ruleActions(ctx.diagnostics));
    return out;
  }

  private fillAction(doc: vscode.TextDocument, f: Finding, d: vscode.Diagnostic): vscode.CodeAction {
    const raw = f.placeholder!.raw;
    const title = vscode.l10n.t('Fill {0}…', raw);
    const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    a.command = { command: COMMANDS.fillPlaceholder, title, arguments: [doc.uri, raw] };
    a.diagnostics = [d];
    return a;
  }
}

export class PolicyHovers implements vscode.HoverProvider {
  constructor(
    private readonly validator: PolicyValidator,
    private readonly iam: IamLoader,
  ) {}

  /** The hover text's translator, passed to the pure hover modules (they keep none of their own). */
  private readonly t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const analysis = this.validator.analysis(doc);
    if (!analysis || analysis.result.kind === 'not-a-policy') return undefined;
    const offset = doc.offsetAt(pos);
    const iam = this.iam;
    const lookups: HoverLookups = {
      action: (a) => iam.lookupAction(a),
      conditionKey: (k) => iam.lookupConditionKey(k),
      dataVersion: iam.dataVersion,
      loading: iam.isLoading,
    };
    // A template: the hover of the policy as the engine reads it, at the template's own source range.
    const host = analysis.result.host;
    const view = host === 'cloudformation' || host === 'terraform' ? this.validator.template(doc) : undefined;
    // Never the JSON hover on a template's or a Terraform file's own text.
    if (host && host !== 'json' && !view) return undefined;
    const parsed = view ? undefined : this.validator.parsed(doc);
    const h = view
      ? templateHover(view, offset, lookups, TEMPLATES, this.t)
      : jsonHover(doc.getText(), offset, this.validator.placeholders(doc) ?? [], lookups, TEMPLATES, parsed?.root, this.t);
    if (!h) return undefined;
    const md = new vscode.MarkdownString(h.parts.join('\n\n---\n\n'));
    md.isTrusted = false;
    md.supportHtml = false;
    return new vscode.Hover(md, toRange(doc, h.offset, h.length));
  }
}

export class PolicyCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly validator: PolicyValidator) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // Placeholders of a rule the user turned off are not counted (they are not asked for either).
    const occ = enabledPlaceholders(this.validator.placeholders(doc) ?? [], this.validator.config.rules);
    if (!occ.length) return [];
    const n = groupPlaceholders(occ).length;
    const title = n === 1 ? vscode.l10n.t('Fill 1 placeholder…') : vscode.l10n.t('Fill {0} placeholders…', n);
    const tooltip = vscode.l10n.t('Clean Rooms: ask once per distinct placeholder and fill them all in one edit');
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: COMMANDS.fillPlaceholders, arguments: [doc.uri], tooltip })];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
