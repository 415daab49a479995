// What every command group shares: the outcome type, the translator for the pure modules, remembered answers, the
// walkthrough progress and the multi-step ask (Fill and New Policy). The groups (fill.ts, new-policy.ts, cli-copy.ts,
// fix-all.ts, misc.ts) extend CommandGroup; index.ts registers them all.
import * as vscode from 'vscode';
import type { Translate } from '../../fill/aws-commands';
import { readConfig } from '../config';
import { linkedDefault, remember, rememberedDefault, runSteps, validateAnswer, type FillStep, type Remembered } from '../logic/wizard';
import type { OutputFormat } from '../logic/output-format';
import type { PromptProvider } from '../prompts';
import type { PolicyValidator } from '../validation';

const MEMORY_KEY = 'cleanroomsIam.fill.remembered';
/** vscode.l10n.t for the pure modules that take a translator. */
export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

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

/** Tell the user why a command did nothing, and say so in its outcome. */
export function failed(prompts: PromptProvider, reason: string): { status: 'failed'; reason: string } {
  prompts.showMessage('error', reason);
  return { status: 'failed', reason };
}

export abstract class CommandGroup {
  constructor(
    protected readonly context: vscode.ExtensionContext,
    protected readonly validator: PolicyValidator,
    protected readonly prompts: () => PromptProvider,
    /** Every walkthrough context key set so far, in order, once per time the work was done (the test API reads it). */
    protected readonly walkthroughDone: string[],
  ) {}

  // ---- remembered values ----
  /** The error message `reason`, shown, as the command's outcome. */
  protected fail(reason: string): CommandOutcome {
    return failed(this.prompts(), reason);
  }

  protected memory(): Remembered | undefined {
    if (!readConfig().rememberValues) return undefined;
    return this.context.workspaceState.get<Remembered>(MEMORY_KEY);
  }

  protected rememberAnswers(steps: readonly FillStep[], answers: ReadonlyMap<string, string>): void {
    if (!readConfig().rememberValues) return;
    // The memento updates in memory at once; persisting can take a while, so the command does not wait for it.
    this.context.workspaceState.update(MEMORY_KEY, remember(this.memory(), steps, answers)).then(undefined, () => undefined);
  }

  /** Walkthrough progress: a step completes on its context key, set only when its work was done. */
  protected done(key: string): void {
    if (this.walkthroughDone.length < 1000) this.walkthroughDone.push(key);
    void Promise.resolve(vscode.commands.executeCommand('setContext', key, true)).catch(() => undefined);
  }

  /**
   * Ask every step (multi-step, Back, validation); undefined when cancelled, BACK when backed out of step 1.
   * `answers` receives the answers as they are given (after Escape it holds the values given so far).
   */
  protected ask(steps: FillStep[], title: string, offset: number, backFromFirst: boolean, answers?: Map<string, string>) {
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
}
