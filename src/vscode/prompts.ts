// The prompt layer: every question the commands ask goes through a PromptProvider. The real one uses
// window.createQuickPick / createInputBox (multi-step titles, Back button, validation as you type); tests inject
// a scripted one through the extension API (setPromptProvider). Every method resolves undefined when cancelled.
import * as vscode from 'vscode';
import { placeholderKind } from '../catalog/placeholder-kinds';
import { regionsForPicker } from '../catalog/regions';
import type { PolicyTemplate, RoleInfo } from '../catalog/types';
import type { RuleMeta } from '../analysis/types';
import { BACK, type Answer, type FillStep, type StepContext } from './logic/wizard';

export { BACK };
export type { Answer, FillStep };

export interface PromptContext extends StepContext {
  /** Wizard title without the step counter, e.g. "New Policy from Template". */
  title: string;
  /** Value offered first (remembered from last time, or implied). */
  defaultValue?: string;
  /** Validation as you type: undefined when acceptable. */
  validate(value: string): string | undefined;
}

export interface TemplatePickContext {
  title: string;
  step: number;
  totalSteps: number;
}

export interface PromptProvider {
  /** Pick a template; resolves its id. */
  pickTemplate(templates: readonly PolicyTemplate[], roles: readonly RoleInfo[], ctx: TemplatePickContext): Promise<string | undefined>;
  /** A Region (quick pick, Clean Rooms Regions first, names shown). */
  pickRegion(step: FillStep, ctx: PromptContext): Promise<Answer>;
  /** Any other value (input box with validation as you type). */
  inputValue(step: FillStep, ctx: PromptContext): Promise<Answer>;
  /** Pick a rule for Show Rule Documentation; resolves its id. */
  pickRule(rules: readonly RuleMeta[]): Promise<string | undefined>;
  /** Show a rule's documentation (message with a link to the AWS page). */
  showRuleDocs(rule: RuleMeta): Promise<void>;
  /** Tell the user something went wrong or nothing was done. */
  showMessage(kind: 'info' | 'warning' | 'error', message: string): void;
}

export function stepTitle(title: string, step: number, total: number, label?: string): string {
  return `${title} (Step ${step}/${total})${label ? `: ${label}` : ''}`;
}

type RegionItem = vscode.QuickPickItem & { value?: string };

/** The real prompts on window.createQuickPick / createInputBox. */
export class QuickInputPrompts implements PromptProvider {
  pickTemplate(templates: readonly PolicyTemplate[], roles: readonly RoleInfo[], ctx: TemplatePickContext): Promise<string | undefined> {
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = [];
    const roleIds = [...new Set([...roles.map((r) => r.id), ...templates.map((t) => t.role)])];
    for (const roleId of roleIds) {
      const ts = templates.filter((t) => t.role === roleId);
      if (!ts.length) continue;
      const role = roles.find((r) => r.id === roleId);
      items.push({ label: role?.title ?? roleId, kind: vscode.QuickPickItemKind.Separator });
      for (const t of ts) {
        const n = t.placeholders.length;
        items.push({
          id: t.id,
          label: t.title,
          description: `${t.policyType}${n ? ` · ${n} value${n === 1 ? '' : 's'} to fill` : ''}`,
          detail: t.description,
        });
      }
    }
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<Item>();
      qp.title = stepTitle(ctx.title, ctx.step, ctx.totalSteps, 'Template');
      qp.placeholder = 'Choose the policy to create (type to filter by role, title or description)';
      qp.items = items;
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.ignoreFocusOut = true;
      let done = false;
      const finish = (v: string | undefined): void => {
        if (done) return;
        done = true;
        resolve(v);
        qp.dispose();
      };
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.id));
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  pickRegion(step: FillStep, ctx: PromptContext): Promise<Answer> {
    const items: RegionItem[] = [];
    const all = regionsForPicker();
    const cr = all.filter((r) => r.cleanRooms);
    items.push({ label: 'AWS Clean Rooms Regions', kind: vscode.QuickPickItemKind.Separator });
    for (const r of cr) items.push({ value: r.code, label: r.code, description: r.name });
    if (step.kind !== 'region') {
      items.push({ label: 'Other Regions (AWS Clean Rooms does not run there)', kind: vscode.QuickPickItemKind.Separator });
      for (const r of all.filter((x) => !x.cleanRooms)) items.push({ value: r.code, label: r.code, description: r.name });
    }
    if (ctx.defaultValue) {
      const i = items.findIndex((x) => x.value === ctx.defaultValue);
      if (i >= 0) items[i] = { ...items[i]!, description: `${items[i]!.description ?? ''} · last used` };
    }
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<RegionItem>();
      qp.title = stepTitle(ctx.title, ctx.step, ctx.totalSteps, step.label);
      qp.placeholder = `${step.display}: ${step.help}`;
      qp.items = items;
      qp.matchOnDescription = true;
      qp.ignoreFocusOut = true;
      qp.buttons = ctx.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      const def = items.find((x) => x.value && x.value === ctx.defaultValue);
      if (def) qp.activeItems = [def];
      let done = false;
      const finish = (v: Answer): void => {
        if (done) return;
        done = true;
        resolve(v);
        qp.dispose();
      };
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      });
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value;
        const typed = qp.value.trim();
        // A typed Region code that is not in the list (e.g. a new Region) is accepted when valid.
        const v = picked ?? (typed && !ctx.validate(typed) ? typed : undefined);
        if (v !== undefined && !ctx.validate(v)) finish(v);
      });
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  inputValue(step: FillStep, ctx: PromptContext): Promise<Answer> {
    return new Promise((resolve) => {
      const ib = vscode.window.createInputBox();
      ib.title = stepTitle(ctx.title, ctx.step, ctx.totalSteps, step.label);
      const where = step.occurrences && step.occurrences > 1 ? ` (${step.occurrences} places)` : '';
      ib.prompt = `${step.display}${where}: ${step.help}`;
      ib.placeholder = placeholderKind(step.kind).sample ? `e.g. ${placeholderKind(step.kind).sample}` : '';
      ib.value = ctx.defaultValue ?? '';
      ib.ignoreFocusOut = true;
      ib.buttons = ctx.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      const check = (v: string): string | undefined => (v.trim() === '' ? undefined : ctx.validate(v));
      ib.validationMessage = check(ib.value);
      let done = false;
      const finish = (v: Answer): void => {
        if (done) return;
        done = true;
        resolve(v);
        ib.dispose();
      };
      ib.onDidChangeValue((v) => (ib.validationMessage = check(v)));
      ib.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      });
      ib.onDidAccept(() => {
        const msg = ctx.validate(ib.value);
        if (msg) ib.validationMessage = msg;
        else finish(ib.value);
      });
      ib.onDidHide(() => finish(undefined));
      ib.show();
    });
  }

  async pickRule(rules: readonly RuleMeta[]): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: `${r.severity} · ${r.title}`, detail: r.description, id: r.id })),
      { title: 'Clean Rooms: Show Rule Documentation', matchOnDescription: true, matchOnDetail: true, placeHolder: 'Choose a rule' },
    );
    return picked?.id;
  }

  async showRuleDocs(rule: RuleMeta): Promise<void> {
    const open = 'Open AWS documentation';
    const choice = await vscode.window.showInformationMessage(`${rule.id}: ${rule.title}. ${rule.description}`, open);
    if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(rule.docUrl, true));
  }

  showMessage(kind: 'info' | 'warning' | 'error', message: string): void {
    const fn = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void fn(message);
  }
}
