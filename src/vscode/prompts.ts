// The prompt layer: every question the commands ask goes through a PromptProvider. The real one uses
// window.createQuickPick / createInputBox in the shape of the quickinput-sample's MultiStepInput: the native step
// counter (`step` / `totalSteps`), a Back button from the second step on, validation as you type, and one helper
// (`showInput`) that shows an input, resolves on accept, button or hide, and disposes its listeners in `finally`.
// Tests inject a scripted provider through the extension API (setPromptProvider). Every method resolves undefined
// when cancelled.
import * as vscode from 'vscode';
import { placeholderKind } from '../catalog/placeholder-kinds';
import { regionsForPicker } from '../catalog/regions';
import type { PolicyTemplate, RoleInfo } from '../catalog/types';
import type { RuleMeta } from '../analysis/types';
import type { CliStyle } from '../fill/aws-commands';
import { BACK, type Answer, type FillStep, type StepContext } from './logic/wizard';
import { templatePickItem } from './logic/template-pick';
import { regionNotice } from './logic/region-notice';
import { ruleDocsMessage, withoutCodeSpans } from './logic/plain';
import { CHANGE_FORMAT, OUTPUT_FORMATS, type OutputFormat } from './logic/output-format';

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
  /** New Policy: the output format, shown with a button that changes it (the pick then resolves CHANGE_FORMAT). */
  format?: OutputFormat;
}

export interface FilePickItem {
  id: string;
  label: string;
  description?: string;
}

/** Fill Placeholders: a value elsewhere in the document that names the same thing as an answer. */
export interface LinkedPickItem {
  id: string;
  /** `us-east-1 → eu-west-2` */
  label: string;
  /** Where: `the aws:SourceArn membership ARN, line 27`. */
  description: string;
}

/** Copy AWS CLI Commands: its two questions, the style (step 1) and the role name (step 2, with Back). */
export interface CliStepContext {
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

export interface RoleNameContext extends CliStepContext {
  prompt: string;
  defaultValue: string;
  validate(value: string): string | undefined;
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
  /** Copy AWS CLI Commands: which file holds the role's other policy; resolves the item's id. */
  pickFile(items: readonly FilePickItem[], ctx: { title: string; placeholder: string }): Promise<string | undefined>;
  /**
   * Copy AWS CLI Commands: inline policy (put-role-policy) or managed policy (create-policy + attach-role-policy);
   * `current` (the style picked before Back) is offered first.
   */
  pickCliStyle(ctx: CliStepContext & { current?: CliStyle }): Promise<CliStyle | undefined>;
  /** Copy AWS CLI Commands: the role name (input box with validation as you type); BACK returns to the style. */
  inputRoleName(ctx: RoleNameContext): Promise<string | typeof BACK | undefined>;
  /**
   * Fill Placeholders: other values that name the same thing as an answer (the example Region of the same membership);
   * all are selected at first. Resolves the ids to change too ([] for none), undefined on Escape (nothing is filled).
   */
  pickLinkedValues(items: readonly LinkedPickItem[], ctx: { title: string; placeholder: string }): Promise<string[] | undefined>;
  /** New Policy from Template after Escape in a value step: create the policy with the placeholders left? false: nothing. */
  offerPartialPolicy(ctx: { title: string; message: string; detail: string }): Promise<boolean>;
  /** New Policy from Template: the output format (asked once, then remembered); `current` is offered first. */
  pickOutputFormat(ctx: { title: string; current?: OutputFormat }): Promise<OutputFormat | undefined>;
  /** Copy AWS CLI Commands: the role's files still have problems; "show" them, "copy" anyway, or undefined (Escape: nothing). */
  confirmProblems(ctx: { title: string; message: string; detail: string }): Promise<'show' | 'copy' | undefined>;
}

/** The window functions the real prompts create their inputs with (tests pass a recording wrapper of vscode.window). */
export type QuickInputFactory = Pick<typeof vscode.window, 'createQuickPick' | 'createInputBox'>;

/**
 * Where a step stands, on the input itself: "Title: Label" with VS Code's own counter beside it ("2/6"); a total of 0 is
 * not known yet (the template list: it depends on the template picked), so only the step is shown. Back is offered
 * when there is an earlier step to return to.
 */
function placeStep(
  input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] },
  ctx: { title: string; step: number; totalSteps: number; canGoBack?: boolean },
  label?: string,
): void {
  input.title = label === undefined ? ctx.title : vscode.l10n.t('{0}: {1}', ctx.title, label);
  input.step = ctx.step;
  input.totalSteps = ctx.totalSteps > 0 ? ctx.totalSteps : undefined;
  input.buttons = ctx.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}

/**
 * Show one input and wait for its answer. `wire` adds the step's own listeners and calls `finish` when the step is
 * answered (accept, a button); hiding the input (Escape) resolves `onHide`. Whatever happens, the listeners and then
 * the input are disposed in `finally`, so a hidden or answered input never fires into a finished step.
 */
async function showInput<T>(input: vscode.QuickInput, onHide: T, wire: (finish: (v: T) => void) => vscode.Disposable[]): Promise<T> {
  const disposables: vscode.Disposable[] = [];
  try {
    return await new Promise<T>((resolve) => {
      disposables.push(
        ...wire(resolve),
        input.onDidHide(() => resolve(onHide)),
      );
      input.show();
    });
  } finally {
    for (const d of disposables) d.dispose();
    input.dispose();
  }
}

type RegionItem = vscode.QuickPickItem & { value?: string };

function formatLabel(f: OutputFormat): string {
  return f === 'json' ? vscode.l10n.t('JSON policy files') : f === 'cloudformation' ? vscode.l10n.t('CloudFormation YAML') : vscode.l10n.t('Terraform');
}

const translate = (message: string, ...args: Array<string | number | boolean>): string => vscode.l10n.t(message, ...args);

/** The real prompts on window.createQuickPick / createInputBox. */
export class QuickInputPrompts implements PromptProvider {
  constructor(private readonly ui: QuickInputFactory = vscode.window) {}

  pickTemplate(templates: readonly PolicyTemplate[], roles: readonly RoleInfo[], ctx: TemplatePickContext): Promise<string | undefined> {
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = [];
    const roleIds = [...new Set([...roles.map((r) => r.id), ...templates.map((t) => t.role)])];
    for (const roleId of roleIds) {
      const ts = templates.filter((t) => t.role === roleId);
      if (!ts.length) continue;
      const role = roles.find((r) => r.id === roleId);
      items.push({ label: role?.title ?? roleId, kind: vscode.QuickPickItemKind.Separator });
      for (const t of ts) items.push(templatePickItem(t, roles, (message, ...args) => vscode.l10n.t(message, ...args)));
    }
    const qp = this.ui.createQuickPick<Item>();
    placeStep(qp, ctx, vscode.l10n.t('Template'));
    qp.placeholder = vscode.l10n.t('Choose the policy to create (type to filter by role, title or description)');
    qp.items = items;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.ignoreFocusOut = true;
    const formatButton: vscode.QuickInputButton | undefined = ctx.format
      ? { iconPath: new vscode.ThemeIcon('file-code'), tooltip: vscode.l10n.t('Output format: {0} (click to change)', formatLabel(ctx.format)) }
      : undefined;
    if (ctx.format)
      qp.placeholder = vscode.l10n.t('Choose the policy to create as {0} (type to filter by role, title or description)', formatLabel(ctx.format));
    if (formatButton) qp.buttons = [formatButton];
    return showInput<string | undefined>(qp, undefined, (finish) => [
      qp.onDidTriggerButton((b) => {
        if (b === formatButton) finish(CHANGE_FORMAT);
      }),
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.id)),
    ]);
  }

  async pickOutputFormat(ctx: { title: string; current?: OutputFormat }): Promise<OutputFormat | undefined> {
    const details: Record<OutputFormat, string> = {
      json: vscode.l10n.t('One policy document (trust or permissions) in a .json file, for the console or the AWS CLI.'),
      cloudformation: vscode.l10n.t('The whole role as an AWS::IAM::Role in a CloudFormation YAML template: trust policy and permissions policy inline.'),
      terraform: vscode.l10n.t('The whole role as Terraform: aws_iam_role and aws_iam_role_policy with jsonencode.'),
    };
    const items = OUTPUT_FORMATS.map((f) => ({
      format: f,
      label: formatLabel(f),
      description: f === ctx.current ? vscode.l10n.t('current') : undefined,
      detail: details[f],
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('{0}: Output Format', ctx.title),
      placeHolder: vscode.l10n.t('Create new policies as… (remembered; change it with the button on the template list)'),
      ignoreFocusOut: true,
    });
    return picked?.format;
  }

  pickRegion(step: FillStep, ctx: PromptContext): Promise<Answer> {
    const items: RegionItem[] = [];
    const all = regionsForPicker();
    const cr = all.filter((r) => r.cleanRooms);
    items.push({ label: vscode.l10n.t('AWS Clean Rooms Regions'), kind: vscode.QuickPickItemKind.Separator });
    for (const r of cr) items.push({ value: r.code, label: r.code, description: r.name });
    if (step.kind !== 'region') {
      items.push({ label: vscode.l10n.t('Other Regions (AWS Clean Rooms does not run there)'), kind: vscode.QuickPickItemKind.Separator });
      for (const r of all.filter((x) => !x.cleanRooms)) items.push({ value: r.code, label: r.code, description: r.name });
    }
    if (ctx.defaultValue) {
      const i = items.findIndex((x) => x.value === ctx.defaultValue);
      if (i >= 0) items[i] = { ...items[i], description: vscode.l10n.t('{0} · last used', items[i].description ?? '') };
    }
    const qp = this.ui.createQuickPick<RegionItem>();
    placeStep(qp, ctx, step.label);
    qp.placeholder = `${step.display}: ${step.help}`;
    qp.items = items;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    const def = items.find((x) => x.value && x.value === ctx.defaultValue);
    if (def) qp.activeItems = [def];
    // A typed value that matches no listed Region would leave an empty list where Enter does nothing: say why it is
    // refused and where AWS Clean Rooms runs, in an item that is always shown (and that Enter does not take).
    const regionItems = items.filter((x) => x.value !== undefined);
    let noticeShown = false;
    return showInput<Answer>(qp, undefined, (finish) => [
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      qp.onDidChangeValue((typed) => {
        const notice = regionNotice(typed, regionItems, (v) => ctx.validate(v), translate);
        if (!notice && !noticeShown) return;
        noticeShown = !!notice;
        qp.items = notice ? [{ label: `$(warning) ${notice.label}`, detail: notice.detail, alwaysShow: true }, ...items] : items;
      }),
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value;
        const typed = qp.value.trim();
        // A typed Region code that is not in the list (e.g. a new Region) is accepted when valid.
        const v = picked ?? (typed && !ctx.validate(typed) ? typed : undefined);
        if (v !== undefined && !ctx.validate(v)) finish(v);
      }),
    ]);
  }

  inputValue(step: FillStep, ctx: PromptContext): Promise<Answer> {
    const ib = this.ui.createInputBox();
    placeStep(ib, ctx, step.label);
    ib.prompt =
      step.occurrences && step.occurrences > 1
        ? vscode.l10n.t('{0} ({1} places): {2}', step.display, step.occurrences, step.help)
        : `${step.display}: ${step.help}`;
    const sample = placeholderKind(step.kind).sample;
    ib.placeholder = sample ? vscode.l10n.t('e.g. {0}', sample) : '';
    ib.value = ctx.defaultValue ?? '';
    ib.ignoreFocusOut = true;
    const check = (v: string): string | undefined => (v.trim() === '' ? undefined : ctx.validate(v));
    ib.validationMessage = check(ib.value);
    return showInput<Answer>(ib, undefined, (finish) => [
      ib.onDidChangeValue((v) => (ib.validationMessage = check(v))),
      ib.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      ib.onDidAccept(() => {
        const msg = ctx.validate(ib.value);
        if (msg) ib.validationMessage = msg;
        else finish(ib.value);
      }),
    ]);
  }

  async pickRule(rules: readonly RuleMeta[]): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: `${r.severity} · ${withoutCodeSpans(r.title)}`, detail: withoutCodeSpans(r.description), id: r.id })),
      {
        title: vscode.l10n.t('Clean Rooms: Show Rule Documentation'),
        matchOnDescription: true,
        matchOnDetail: true,
        placeHolder: vscode.l10n.t('Choose a rule'),
      },
    );
    return picked?.id;
  }

  async showRuleDocs(rule: RuleMeta): Promise<void> {
    const open = vscode.l10n.t('Open AWS documentation');
    const choice = await vscode.window.showInformationMessage(ruleDocsMessage(rule), open);
    if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(rule.docUrl, true));
  }

  showMessage(kind: 'info' | 'warning' | 'error', message: string): void {
    const fn = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void fn(message);
  }

  async pickFile(items: readonly FilePickItem[], ctx: { title: string; placeholder: string }): Promise<string | undefined> {
    const picked = await vscode.window.showQuickPick(
      items.map((i) => ({ label: i.label, description: i.description, id: i.id })),
      { title: ctx.title, placeHolder: ctx.placeholder, ignoreFocusOut: true, matchOnDescription: true },
    );
    return picked?.id;
  }

  pickLinkedValues(items: readonly LinkedPickItem[], ctx: { title: string; placeholder: string }): Promise<string[] | undefined> {
    const qp = this.ui.createQuickPick<vscode.QuickPickItem & { id: string }>();
    qp.title = ctx.title;
    qp.placeholder = ctx.placeholder;
    qp.canSelectMany = true;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.items = items.map((i) => ({ id: i.id, label: i.label, description: i.description }));
    qp.selectedItems = qp.items;
    return showInput<string[] | undefined>(qp, undefined, (finish) => [qp.onDidAccept(() => finish(qp.selectedItems.map((i) => i.id)))]);
  }

  pickCliStyle(ctx: CliStepContext & { current?: CliStyle }): Promise<CliStyle | undefined> {
    const items: Array<vscode.QuickPickItem & { style: CliStyle }> = [
      {
        style: 'inline',
        label: vscode.l10n.t('Inline policy'),
        description: 'create-role + put-role-policy',
        detail: vscode.l10n.t('The permissions policy is embedded in the role (deleted with it).'),
      },
      {
        style: 'managed',
        label: vscode.l10n.t('Customer managed policy'),
        description: 'create-role + create-policy + attach-role-policy',
        detail: vscode.l10n.t('The permissions policy is a separate, versioned policy attached to the role.'),
      },
    ];
    const qp = this.ui.createQuickPick<(typeof items)[number]>();
    placeStep(qp, ctx);
    qp.placeholder = vscode.l10n.t('How should the role get its permissions policy?');
    qp.items = items;
    qp.ignoreFocusOut = true;
    const current = items.find((i) => i.style === ctx.current);
    if (current) qp.activeItems = [current];
    return showInput<CliStyle | undefined>(qp, undefined, (finish) => [qp.onDidAccept(() => finish((qp.selectedItems[0] ?? qp.activeItems[0])?.style))]);
  }

  async offerPartialPolicy(ctx: { title: string; message: string; detail: string }): Promise<boolean> {
    const create = vscode.l10n.t('Create with Placeholders');
    // Modal: Escape (Cancel) creates nothing, as the Escape that led here meant.
    return (await vscode.window.showInformationMessage(ctx.message, { modal: true, detail: ctx.detail }, create)) === create;
  }

  async confirmProblems(ctx: { title: string; message: string; detail: string }): Promise<'show' | 'copy' | undefined> {
    const show = vscode.l10n.t('Show Problems');
    const copy = vscode.l10n.t('Copy Anyway');
    // Modal: the command waits for the answer, and Escape (Cancel) copies nothing.
    const picked = await vscode.window.showWarningMessage(ctx.message, { modal: true, detail: ctx.detail }, show, copy);
    return picked === show ? 'show' : picked === copy ? 'copy' : undefined;
  }

  inputRoleName(ctx: RoleNameContext): Promise<string | typeof BACK | undefined> {
    const ib = this.ui.createInputBox();
    placeStep(ib, ctx);
    ib.prompt = ctx.prompt;
    ib.value = ctx.defaultValue;
    ib.ignoreFocusOut = true;
    ib.validationMessage = ctx.validate(ib.value);
    return showInput<string | typeof BACK | undefined>(ib, undefined, (finish) => [
      ib.onDidChangeValue((v) => (ib.validationMessage = ctx.validate(v))),
      ib.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      ib.onDidAccept(() => {
        const msg = ctx.validate(ib.value);
        if (msg) ib.validationMessage = msg;
        else finish(ib.value);
      }),
    ]);
  }
}
