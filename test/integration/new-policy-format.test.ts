// New Policy from Template… in CloudFormation YAML and Terraform, in the real VS Code: the output format is asked once
// and remembered (changed with the template list's button), and the role opens as a YAML template whose diagnostics
// are exactly its placeholders.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { stackForTemplate, stackPlaceholders } from '../../src/catalog/role-stacks';
import { renderStack } from '../../src/fill/infra';
import type { CleanRoomsIamApi, CommandOutcome, PromptProvider } from '../../src/vscode/extension';
import type { TemplatePickContext } from '../../src/vscode/prompts';
import { CHANGE_FORMAT, type OutputFormat } from '../../src/vscode/logic/output-format';
import { cancellingPrompts, closeAll, EXTENSION_ID, ours, ruleIdOf, waitFor } from './helpers';

let api: CleanRoomsIamApi;
/** Scripted: the template list answers in turn (CHANGE_FORMAT presses the format button); the format question answers in turn. */
function scripted(picks: Array<string | undefined>, formats: Array<OutputFormat | undefined>, values: Record<string, string> = {}) {
  const seen: { formatAsked: number; pickFormats: Array<OutputFormat | undefined>; asked: string[] } = { formatAsked: 0, pickFormats: [], asked: [] };
  const provider: PromptProvider = {
    ...cancellingPrompts(),
    async pickTemplate(_t, _r, ctx: TemplatePickContext) {
      seen.pickFormats.push(ctx.format);
      return picks.shift();
    },
    async pickOutputFormat() {
      seen.formatAsked++;
      return formats.shift();
    },
    async pickRegion(step) {
      seen.asked.push(step.key);
      return values[step.key];
    },
    async inputValue(step) {
      seen.asked.push(step.key);
      return values[step.key];
    },
    async offerPartialPolicy() {
      return true;
    },
  };
  return { provider, seen };
}

const run = (id?: string): Thenable<CommandOutcome> => vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.newPolicy', ...(id ? [id] : []));

describe('New Policy from Template… as CloudFormation YAML / Terraform', function () {
  this.timeout(60_000);
  before(async () => {
    api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    // A format is remembered from here on (asked now if this is the profile's first New Policy).
    api.setPromptProvider(scripted([undefined], ['json']).provider);
    await run();
  });
  afterEach(async () => {
    // Leave JSON remembered, as the other suites expect: the button on the template list, JSON, then Escape.
    api.setPromptProvider(scripted([CHANGE_FORMAT, undefined], ['json']).provider);
    await run();
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('CloudFormation: the role opens as a yaml template whose diagnostics are its placeholders; the format is remembered', async () => {
    // Choose CloudFormation with the template list's button, then the read-data permissions policy; Escape at the first
    // value and "Create with Placeholders".
    const s = scripted([CHANGE_FORMAT, 'read-data-s3-permissions'], ['cloudformation']);
    api.setPromptProvider(s.provider);
    const out = await run();
    assert.equal(out.status, 'opened', JSON.stringify(out));
    assert.equal((out as { format?: string }).format, 'cloudformation');
    assert.equal(s.seen.formatAsked, 1);
    assert.deepEqual(s.seen.pickFormats.slice(1), ['cloudformation'], 'the template list shows the format chosen');
    const stack = stackForTemplate('read-data-s3-permissions')!;
    // The wizard asked for the whole role's values (trust + permissions), beginning with the first.
    assert.deepEqual(s.seen.asked, [stackPlaceholders(stack)[0].name]);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.toString(), (out as { uri: string }).uri);
    assert.equal(doc.languageId, 'yaml');
    assert.equal(doc.getText(), renderStack(stack, 'cloudformation', {}));
    const tokens = [...doc.getText().matchAll(/<[a-z0-9][a-z0-9-]*>/g)].length;
    assert.ok(tokens >= stackPlaceholders(stack).length);
    const diags = await waitFor('a diagnostic per placeholder', () => ours(doc.uri).length >= tokens && ours(doc.uri), 30_000);
    assert.deepEqual([...new Set(diags.map(ruleIdOf))], ['placeholder-token'], diags.map((d) => `${ruleIdOf(d)} ${doc.getText(d.range)}`).join('\n'));
    for (const d of diags) assert.match(doc.getText(d.range), /<[a-z0-9-]+>/);
    assert.equal(diags.length, tokens);

    // Asked once: the next New Policy goes straight to the template list, in CloudFormation.
    const again = scripted([undefined], []);
    api.setPromptProvider(again.provider);
    assert.equal((await run()).status, 'cancelled');
    assert.equal(again.seen.formatAsked, 0);
    assert.deepEqual(again.seen.pickFormats, ['cloudformation']);
  });

  it('Terraform, filled: the role and its inline policy, with the values written in', async () => {
    const stack = stackForTemplate('receive-results-trust')!;
    const values = {
      region: 'eu-west-2',
      'query-runner-account-id': '817364052948',
      'query-runner-membership-id': '6b0e3f52-9d1a-4c7e-8f23-a41d5c9e0b76',
      bucket: 'harbourline-results',
      'bucket-account-id': '604718293525',
      'optional-prefix': 'clean-rooms/results',
    };
    assert.deepEqual(
      stackPlaceholders(stack)
        .map((p) => p.name)
        .sort(),
      Object.keys(values).sort(),
    );
    const s = scripted([CHANGE_FORMAT, 'receive-results-trust'], ['terraform'], values);
    api.setPromptProvider(s.provider);
    const out = await run();
    assert.equal(out.status, 'opened', JSON.stringify(out));
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.getText(), renderStack(stack, 'terraform', values));
    assert.ok(doc.getText().includes('resource "aws_iam_role_policy" "receive_results"'));
    assert.ok(!/<[a-z0-9-]+>/.test(doc.getText()), 'every placeholder filled');
  });

  it('Escape at the format question keeps the format; JSON stays a JSON policy', async () => {
    const s = scripted([CHANGE_FORMAT, 'receive-results-trust'], [undefined]);
    api.setPromptProvider(s.provider);
    const out = await run();
    assert.equal(out.status, 'opened', JSON.stringify(out));
    assert.deepEqual(s.seen.pickFormats, ['json', 'json']);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.languageId, 'json');
    assert.ok(JSON.parse(doc.getText()).Statement, 'a JSON policy');
  });

  it('a CloudFormation snippet, inserted in a yaml editor, is the role with its placeholders; its diagnostics are those placeholders', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const file = (ext.packageJSON.contributes.snippets as Array<{ language: string; path: string }>).find((x) => x.language === 'yaml')!;
    const snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, file.path)))) as Record<
      string,
      { prefix: string; body: string[] }
    >;
    const snippet = Object.values(snippets).find((x) => x.prefix === 'cleanrooms-receive-results-role')!;
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    const ed = await vscode.window.showTextDocument(doc);
    assert.ok(await ed.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')), new vscode.Position(0, 0)));
    await vscode.commands.executeCommand('leaveSnippet');
    const stack = stackForTemplate('receive-results-trust')!;
    // Left as inserted: the Region tab stop takes its first choice, every other placeholder stays a token.
    const region = (/\$\{\d+\|([a-z0-9-]+),/.exec(snippet.body.join('\n')) ?? [])[1];
    assert.ok(region);
    assert.equal(doc.getText() + '\n', renderStack(stack, 'cloudformation', { region }));
    const tokens = [...doc.getText().matchAll(/<[a-z0-9][a-z0-9-]*>/g)].map((m) => m[0]);
    const diags = await waitFor('the placeholders flagged', () => ours(doc.uri).length >= tokens.length && ours(doc.uri), 30_000);
    assert.deepEqual(diags.map((d) => doc.getText(d.range)).sort(), tokens.sort());
    assert.deepEqual([...new Set(diags.map(ruleIdOf))], ['placeholder-token']);
  });
});
