// Shared helpers of the integration suites (bundled into each compiled suite by scripts/integration/run-tests.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { PromptProvider } from '../../src/vscode/extension';

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
export const SOURCE = 'cleanrooms-iam';

/** A file of the opened workspace folder (test/fixtures/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (test/fixtures/workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function fixtureText(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name)));
}

/** The rule id of one of this extension's diagnostics (its `code`, a link to the rule's page). */
export function ruleIdOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** The AWS page's six mistakes as the CloudFormation and Terraform fixtures carry them: [rule id, flagged text]. */
export const SEED_MISTAKES: ReadonlyArray<readonly [string, string]> = [
  ['cleanrooms-principal-typo', 'cleanroom.amazonaws.com'],
  ['cleanrooms-source-arn-membership', 'collaboration'],
  ['placeholder-example-value', '111122223333'],
  ['iam-unknown-action', 'glue:GetTabels'],
  ['arn-s3-two-colons', '::'],
  ['placeholder-token', '<bucket-name>'],
];

/** This extension's diagnostics on a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves once `check()` is truthy: checked at once, on every diagnostics change, on every event in `events`, and every
 * 50 ms, until `ms` (generous: the CI machines are shared and a cold extension host can be slow). A throwing check rejects.
 */
export function waitFor<T>(what: string, check: () => T | undefined | false, ms = 15_000, events: Array<vscode.Event<unknown>> = []): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(timeout);
      subs.forEach((s) => s.dispose());
      fn();
    };
    const poll = () => {
      let v: T | undefined | false;
      try {
        v = check();
      } catch (e) {
        finish(() => reject(e instanceof Error ? e : new Error(String(e))));
        return;
      }
      if (v) finish(() => resolve(v));
    };
    const subs = [vscode.languages.onDidChangeDiagnostics(poll), ...events.map((e) => e(poll))];
    const timer = setInterval(poll, 50);
    const timeout = setTimeout(() => finish(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`))), ms);
    poll();
  });
}

let untitledCount = 0;
/** A fresh untitled document with a unique name (untitled:Untitled-N names are reused and can alias a closing document). */
export async function openUntitled(content: string, language = 'json'): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(`untitled:/cleanrooms-test-${Date.now()}-${++untitledCount}.${language}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  const ed = await vscode.window.showTextDocument(doc);
  if (doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
  if (content) assert.ok(await ed.edit((b) => b.insert(new vscode.Position(0, 0), content)), 'set content');
  return vscode.window.activeTextEditor ?? ed;
}

/** Close every editor, reverting first so untitled / dirty editors close without a save prompt. */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A prompt provider on which every prompt is cancelled (Escape) and messages are dropped; tests override what they script. */
export function cancellingPrompts(): PromptProvider {
  return {
    async pickTemplate() {
      return undefined;
    },
    async pickRegion() {
      return undefined;
    },
    async inputValue() {
      return undefined;
    },
    async pickRule() {
      return undefined;
    },
    async showRuleDocs() {},
    showMessage() {},
    async pickFile() {
      return undefined;
    },
    async pickCliStyle() {
      return undefined;
    },
    async inputRoleName() {
      return undefined;
    },
    async pickLinkedValues() {
      return undefined;
    },
    async confirmProblems() {
      return undefined;
    },
    async offerPartialPolicy() {
      return false;
    },
    // New Policy asks the output format once (when none is remembered): answered with the default, JSON, as Enter
    // would, so that a scripted run does not depend on which test ran first. Tests of the format override it.
    async pickOutputFormat() {
      return 'json' as const;
    },
  };
}
