// Editor features of issue 14 in the real VS Code: completion (actions, condition keys, Resource ARN snippets), the
// lightbulb's "Show documentation" / "Turn off … in settings" actions, and Insert Policy at Cursor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import type { RuleMeta } from '../../src/analysis/types';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import type { PromptProvider } from '../../src/vscode/extension';
import { cancellingPrompts, closeAll, EXTENSION_ID, openUntitled, ours, ruleIdOf, waitFor } from './helpers';

let api: CleanRoomsIamApi;

before(async function () {
  this.timeout(30_000);
  const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  api = await ext.activate();
  assert.ok(await api.loadIamData(), 'the IAM reference data loads');
});

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
const insertOf = (i: vscode.CompletionItem): string => (typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? labelOf(i)));

/** Completion items at the `|` mark of `content` (the mark is removed), through VS Code's own command. */
async function completionsAt(content: string, trigger?: string): Promise<{ items: vscode.CompletionItem[]; doc: vscode.TextDocument; offset: number }> {
  const offset = content.indexOf('|');
  const ed = await openUntitled(content.slice(0, offset) + content.slice(offset + 1));
  const doc = ed.document;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(offset), trigger);
  return { items: list?.items ?? [], doc, offset };
}

const POLICY = (statement: string) => `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${statement}\n  ]\n}\n`;

describe('completion', function () {
  this.timeout(30_000);
  afterEach(closeAll);

  it('completes the actions of a service in Action, with the access level and the string content as range', async () => {
    const { items, doc, offset } = await completionsAt(POLICY('{ "Effect": "Allow", "Action": "cleanrooms:Get|", "Resource": "*" }'), ':');
    const get = items.find((i) => labelOf(i) === 'cleanrooms:GetMembership');
    assert.ok(get, `cleanrooms:GetMembership among ${items.slice(0, 10).map(labelOf).join(', ')}`);
    assert.equal(get.detail, 'Read');
    assert.ok(get.documentation instanceof vscode.MarkdownString || typeof get.documentation === 'string');
    const range = get.range instanceof vscode.Range ? get.range : get.range!.replacing;
    assert.equal(doc.getText(range), 'cleanrooms:Get', 'replaces the whole string content');
    assert.equal(doc.offsetAt(range.end), offset);
    assert.ok(!items.some((i) => labelOf(i) === 's3:GetObject'), 'only the typed service');
  });

  it('completes service prefixes in Action, which reopen the list', async () => {
    const { items } = await completionsAt(POLICY('{ "Effect": "Allow", "Action": "|" }'), '"');
    const cr = items.find((i) => labelOf(i) === 'cleanrooms:');
    assert.ok(cr, 'cleanrooms: prefix');
    assert.equal(cr.command?.command, 'editor.action.triggerSuggest');
  });

  it("completes condition keys in an operator block, the statement's action keys first", async () => {
    const { items } = await completionsAt(
      POLICY('{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": { "StringEquals": { "|" } } }'),
      '"',
    );
    const ours = items.filter((i) => i.kind === vscode.CompletionItemKind.Property && /:/.test(labelOf(i)));
    const names = ours.map(labelOf);
    assert.ok(names.includes('s3:ResourceAccount'), 's3:ResourceAccount');
    assert.ok(names.includes('aws:SourceIp'), 'a global key');
    const byRank = ours
      .slice()
      .sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))
      .map(labelOf);
    assert.ok(byRank.indexOf('s3:ResourceAccount') < byRank.indexOf('aws:SourceIp'));
  });

  it('completes a Resource ARN snippet from the resource types of the statement actions', async () => {
    const { items } = await completionsAt(POLICY('{ "Effect": "Allow", "Action": "cleanrooms:GetMembership", "Resource": "|" }'), '"');
    const arn = items.find((i) => labelOf(i) === 'arn:aws:cleanrooms:${Region}:${Account}:membership/${MembershipId}');
    assert.ok(arn, `membership ARN among ${items.map(labelOf).join(', ')}`);
    assert.ok(arn.insertText instanceof vscode.SnippetString, 'a snippet');
    assert.match(insertOf(arn), /^arn:aws:cleanrooms:\$\{1\|us-east-1,[^|]*eu-west-2[^|]*\|\}:\$\{2:<account-id>\}:membership\/\$\{3:<MembershipId>\}$/);
  });

  it('offers nothing of ours outside the contexts (a Sid value)', async () => {
    const { items } = await completionsAt(POLICY('{ "Sid": "Read|", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }'), '"');
    assert.ok(!items.some((i) => /^(s3|cleanrooms):/.test(labelOf(i)) || labelOf(i) === 'StringEquals'), items.map(labelOf).join(', '));
  });

  it('inserting the ARN snippet through the editor leaves valid JSON with the placeholders to fill', async () => {
    const { items, doc } = await completionsAt(POLICY('{ "Effect": "Allow", "Action": "cleanrooms:GetMembership", "Resource": "|" }'), '"');
    const arn = items.find((i) => labelOf(i).startsWith('arn:aws:cleanrooms:'))!;
    const ed = vscode.window.activeTextEditor!;
    const range = arn.range instanceof vscode.Range ? arn.range : arn.range!.replacing;
    assert.ok(await ed.insertSnippet(arn.insertText as vscode.SnippetString, range));
    const text = doc.getText();
    const parsed = JSON.parse(text);
    assert.equal(parsed.Statement[0].Resource, 'arn:aws:cleanrooms:us-east-1:<account-id>:membership/<MembershipId>');
  });
});

describe('lightbulb: rule documentation and turning a rule off', function () {
  this.timeout(30_000);
  const RULE = 'grammar-effect';
  const BAD = POLICY('{ "Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-cleanrooms-data/*" }');
  let saved: unknown;
  before(() => {
    saved = vscode.workspace.getConfiguration('cleanroomsIam').inspect('rules')?.globalValue;
  });
  after(async () => {
    await vscode.workspace.getConfiguration('cleanroomsIam').update('rules', saved, vscode.ConfigurationTarget.Global);
    api.setPromptProvider(undefined);
  });
  afterEach(closeAll);

  async function actionsFor(rule: string) {
    const ed = await openUntitled(BAD);
    const doc = ed.document;
    const diag = await waitFor(`${rule} diagnostic`, () => ours(doc.uri).find((d) => ruleIdOf(d) === rule));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return { doc, diag, actions };
  }

  it('offers "Show documentation for <rule>", which opens that rule\'s documentation', async () => {
    const { actions } = await actionsFor(RULE);
    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.ok(docs?.command, `got ${actions.map((a) => a.title).join(' | ')}`);
    const shown: RuleMeta[] = [];
    api.setPromptProvider({
      ...cancellingPrompts(),
      async showRuleDocs(meta) {
        shown.push(meta);
      },
    });
    await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments ?? []));
    assert.deepEqual(
      shown.map((m) => m.id),
      [RULE],
    );
    assert.ok(actions.findIndex((a) => a.title === `Show documentation for ${RULE}`) > actions.findIndex((a) => !!a.edit), 'after the fixes');
  });

  it('offers "Turn off <rule> in settings", which writes the USER settings only and clears the diagnostics', async () => {
    const c = () => vscode.workspace.getConfiguration('cleanroomsIam');
    await c().update('rules', { 'placeholder-token': 'warning' }, vscode.ConfigurationTarget.Global);
    const { doc, actions } = await actionsFor(RULE);
    const off = actions.find((a) => a.title === `Turn off ${RULE} in settings`);
    assert.ok(off?.command, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.commands.executeCommand(off.command.command, ...(off.command.arguments ?? [])));
    const inspect = c().inspect<Record<string, string>>('rules');
    assert.deepEqual(inspect?.globalValue, { 'placeholder-token': 'warning', [RULE]: 'off' }, 'user settings, other entries kept');
    assert.equal(inspect?.workspaceValue, undefined, 'never the workspace');
    await waitFor(`${RULE} to disappear`, () => !ours(doc.uri).some((d) => ruleIdOf(d) === RULE));
  });
});

describe('Insert Policy at Cursor', function () {
  this.timeout(30_000);
  const messages: string[] = [];
  const prompts = (templateId: string): PromptProvider => ({
    ...cancellingPrompts(),
    async pickTemplate() {
      return templateId;
    },
    async pickRegion(step) {
      return placeholderKind(step.kind).sample;
    },
    async inputValue(step) {
      return placeholderKind(step.kind).sample;
    },
    showMessage(_kind, message) {
      messages.push(message);
    },
  });
  afterEach(async () => {
    api.setPromptProvider(undefined);
    messages.length = 0;
    await closeAll();
  });

  it('inserts a statement after the last statement with the comma: valid JSON, three statements', async () => {
    const text = POLICY(
      '{ "Sid": "A", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*" },\n    { "Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }',
    );
    const ed = await openUntitled(text);
    const pos = ed.document.positionAt(text.indexOf('\n  ]'));
    ed.selection = new vscode.Selection(pos, pos);
    api.setPromptProvider(prompts('read-data-s3-kms-statement'));
    const res = await vscode.commands.executeCommand<{ status: string }>('cleanroomsIam.insertPolicy');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    const parsed = JSON.parse(ed.document.getText());
    assert.deepEqual(parsed.Statement.map((s: { Sid?: string }) => s.Sid).slice(0, 2), ['A', 'B']);
    assert.equal(parsed.Statement.length, 3);
    assert.match(JSON.stringify(parsed.Statement[2]), /kms:Decrypt/);
  });

  it('refuses with a message where no valid place exists, and changes nothing', async () => {
    const text = '{ "name": "not a policy", "items": [1, 2] }\n';
    const ed = await openUntitled(text);
    const pos = ed.document.positionAt(text.indexOf('not a'));
    ed.selection = new vscode.Selection(pos, pos);
    api.setPromptProvider(prompts('read-data-s3-kms-statement'));
    const res = await vscode.commands.executeCommand<{ status: string }>('cleanroomsIam.insertPolicy');
    assert.equal(res.status, 'failed');
    assert.match(messages.join(' '), /no place for a policy/);
    assert.equal(ed.document.getText(), text);
  });
});

describe('JSON syntax errors: listed once', function () {
  this.timeout(30_000);
  afterEach(closeAll);
  const codeOf = ruleIdOf;

  it("json: a missing colon is reported by VS Code's JSON support only; our other findings stay", async () => {
    const ed = await openUntitled(POLICY('{ "Effect" "allow", "Action": "s3:GetObject", "Resource": "*" }'));
    const doc = ed.document;
    await waitFor('our diagnostics', () => ours(doc.uri).length > 0);
    await waitFor("VS Code's JSON syntax error", () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => d.source !== 'cleanrooms-iam' && d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.deepEqual(
      ours(doc.uri).filter((d) => codeOf(d) === 'json-syntax'),
      [],
    );
    assert.ok(
      api.analysis(doc.uri)?.findings.some((f) => f.rule === 'json-syntax'),
      'the engine still finds it (the CLI reports it)',
    );
  });

  it('jsonc: a trailing comma stays ours (VS Code only warns there), with its fix', async () => {
    const ed = await openUntitled(POLICY('{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", }'), 'jsonc');
    const doc = ed.document;
    const d = await waitFor('our trailing-comma diagnostic', () => ours(doc.uri).find((x) => codeOf(x) === 'json-syntax'));
    assert.match(d.message, /trailing comma/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      actions.some((a) => a.title === 'Remove the trailing comma' && a.edit),
      actions.map((a) => a.title).join(' | '),
    );
  });
});
