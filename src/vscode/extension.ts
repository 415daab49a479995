// VS Code adapter entry (Node and browser builds share this file; no Node APIs here: node-worker.ts is swapped for
// node-worker.web.ts in the browser build).
// activate() only wires things up: no I/O, no data loading, no schema compilation.
import * as vscode from 'vscode';
import type { AnalysisResult } from '../analysis/types';
import { Commands, type CommandOutcome } from './commands';
import { COMPLETION_TRIGGERS, PolicyCompletionProvider } from './completion';
import { IamLoader } from './iam';
import { TURN_OFF_RULE, turnOffRule } from './lightbulb';
import { FINDINGS_SELECTOR, PolicyCodeActions, PolicyCodeLens, PolicyHovers, SELECTOR } from './providers';
import { QuickInputPrompts, type PromptProvider } from './prompts';
import { PolicyValidator, WORKER_BUDGET_MS } from './validation';
import { RoleChecks, type RoleCheckOutcome } from './role-check';
import { COMMANDS } from './logic/ids';
import { WorkerAnalyzer } from './logic/worker-client';
import { hclLoader, workerFactory } from './node-worker';

export type { PromptProvider, CommandOutcome };

/** The API returned from activate(): used by the integration tests (and other extensions). */
export interface CleanRoomsIamApi {
  /** Replace the prompt layer (tests inject scripted answers); undefined restores the real quick inputs. */
  setPromptProvider(p: PromptProvider | undefined): void;
  /** The cached analysis of an open document's current version (undefined when it is not ours). */
  analysis(uri: vscode.Uri): AnalysisResult | undefined;
  /** Fires after a document's diagnostics were published or cleared. */
  onDidUpdateDiagnostics: vscode.Event<{ uri: vscode.Uri; version: number }>;
  /** Load the IAM reference index now; resolves true when it is available. */
  loadIamData(): Promise<boolean>;
  /** Milliseconds the first load of the IAM reference index took in this extension host (undefined before it). */
  iamDataLoadMs(): number | undefined;
  /** The walkthrough context keys (WALKTHROUGH_DONE) set in this session, once per time a step's work was done. */
  walkthroughDone(): string[];
  /** An open document's last analysis time and the debounce its next edit gets (undefined when it was not analysed). */
  validationTiming(uri: vscode.Uri): { analysisMs: number; debounceMs: number } | undefined;
}

export function activate(context: vscode.ExtensionContext): CleanRoomsIamApi {
  let output: vscode.OutputChannel | undefined;
  const log = (msg: string): void => {
    output ??= vscode.window.createOutputChannel('Clean Rooms IAM');
    output.appendLine(`[${new Date().toISOString()}] ${msg}`);
  };
  const realPrompts = new QuickInputPrompts();
  let prompts: PromptProvider = realPrompts;

  const iam = new IamLoader(context.extensionUri, log);
  // Node: large documents are analysed in a worker thread (dist/analysis-worker.js); the browser build has none.
  const root = context.extensionUri.scheme === 'file' ? context.extensionUri.fsPath : undefined;
  const spawn = workerFactory(root);
  const worker = spawn ? new WorkerAnalyzer(spawn, WORKER_BUDGET_MS) : undefined;
  const validator = new PolicyValidator(
    iam,
    log,
    worker,
    root ? vscode.Uri.joinPath(context.extensionUri, 'dist', 'iam-data.json').fsPath : undefined,
    hclLoader(root, context.extensionUri),
  );
  const commands = new Commands(context, validator, () => prompts);
  const lens = new PolicyCodeLens(validator);
  const roles = new RoleChecks(validator, iam, log);

  context.subscriptions.push(
    iam,
    validator,
    lens,
    ...commands.register(),
    vscode.commands.registerCommand(TURN_OFF_RULE, (rule?: unknown) => turnOffRule(rule, log)),
    vscode.languages.registerCodeActionsProvider(FINDINGS_SELECTOR, new PolicyCodeActions(validator, commands), PolicyCodeActions.metadata),
    vscode.languages.registerHoverProvider(FINDINGS_SELECTOR, new PolicyHovers(validator, iam)),
    vscode.languages.registerCodeLensProvider(FINDINGS_SELECTOR, lens),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new PolicyCompletionProvider(validator, iam), ...COMPLETION_TRIGGERS),
    validator.onDidUpdate(() => lens.refresh()),
    roles,
    vscode.languages.registerCodeLensProvider(SELECTOR, roles),
    vscode.languages.registerCodeActionsProvider(SELECTOR, roles, RoleChecks.metadata),
    vscode.commands.registerCommand(COMMANDS.checkRole, (uri?: unknown, ids?: unknown): Promise<RoleCheckOutcome> =>
      roles.command(
        prompts,
        uri instanceof vscode.Uri ? uri : undefined,
        Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : undefined,
      ),
    ),
    { dispose: () => output?.dispose() },
  );
  roles.start();
  validator.start();

  return {
    setPromptProvider(p) {
      prompts = p ?? realPrompts;
    },
    analysis(uri) {
      const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      return doc ? validator.analysis(doc)?.result : undefined;
    },
    onDidUpdateDiagnostics: validator.onDidUpdate,
    async loadIamData() {
      return !!(await iam.load());
    },
    iamDataLoadMs() {
      return iam.loadMs;
    },
    walkthroughDone() {
      return [...commands.walkthroughDone];
    },
    validationTiming(uri) {
      const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      const analysisMs = doc && validator.analysisMs(doc);
      return doc && analysisMs !== undefined ? { analysisMs, debounceMs: validator.debounceFor(doc) } : undefined;
    },
  };
}

export function deactivate(): void {}
