// Commands: New Policy from Template…, Insert Policy at Cursor…, Fill Placeholders…, Fill This Placeholder,
// Show Rule Documentation, Fix All Auto-Fixable Problems, Copy AWS CLI Commands, Open an Example with Mistakes.
// The engine computes; the command groups ask and apply (fill.ts, new-policy.ts, cli-copy.ts, fix-all.ts, misc.ts).
// Every command of this file's groups is registered here, in one place. User-visible text goes through vscode.l10n.t.
import * as vscode from 'vscode';
import { COMMANDS } from '../logic/ids';
import type { PromptProvider } from '../prompts';
import type { PolicyValidator } from '../validation';
import { CliCopyCommands } from './cli-copy';
import { FillCommands } from './fill';
import { FixAllCommands } from './fix-all';
import { MiscCommands } from './misc';
import { NewPolicyCommands } from './new-policy';

export { COMMANDS };
export type { CommandOutcome } from './base';

export class Commands {
  /** Every walkthrough context key set so far, in order, once per time the work was done (the test API reads it). */
  readonly walkthroughDone: string[] = [];
  private readonly fill: FillCommands;
  private readonly newPolicy: NewPolicyCommands;
  private readonly misc: MiscCommands;
  private readonly fixes: FixAllCommands;
  private readonly cli: CliCopyCommands;

  constructor(context: vscode.ExtensionContext, validator: PolicyValidator, prompts: () => PromptProvider) {
    const shared = [context, validator, prompts, this.walkthroughDone] as const;
    this.fill = new FillCommands(...shared);
    this.newPolicy = new NewPolicyCommands(...shared);
    this.misc = new MiscCommands(...shared);
    this.fixes = new FixAllCommands(...shared);
    this.cli = new CliCopyCommands(...shared);
  }

  register(): vscode.Disposable[] {
    const r = vscode.commands.registerCommand;
    return [
      r(COMMANDS.newPolicy, (templateId?: unknown) => this.newPolicy.newPolicy(typeof templateId === 'string' ? templateId : undefined)),
      r(COMMANDS.insertPolicy, () => this.newPolicy.insertPolicy()),
      r(COMMANDS.fillPlaceholders, (uri?: unknown) => this.fill.fillPlaceholders(asUri(uri))),
      r(COMMANDS.fillPlaceholder, (uri?: unknown, key?: unknown) => this.fill.fillPlaceholders(asUri(uri), typeof key === 'string' ? key : undefined)),
      r(COMMANDS.showRuleDocs, (rule?: unknown) => this.misc.showRuleDocs(typeof rule === 'string' ? rule : undefined)),
      r(COMMANDS.fixAll, (uri?: unknown) => this.fixes.fixAll(asUri(uri))),
      r(COMMANDS.copyCliCommands, (uri?: unknown) => this.cli.copyCliCommands(asUri(uri))),
      r(COMMANDS.openExample, () => this.misc.openExample()),
    ];
  }

  /** Fix All as a code action (providers.ts): the edit, without applying it. */
  fixAllEdit(doc: vscode.TextDocument): { edit: vscode.WorkspaceEdit; count: number } | undefined {
    return this.fixes.fixAllEdit(doc);
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
