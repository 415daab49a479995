// First-run experience inside a real VS Code: the walkthrough is contributed (localised through package.nls.json),
// Copy AWS CLI Commands puts the expected `aws iam` commands on the clipboard (scripted prompts), the example with
// mistakes opens with its diagnostics, and New Policy from Template takes a template id (the walkthrough's links).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi, CommandOutcome, PromptProvider } from '../../src/vscode/extension';
import type { CliStyle } from '../../src/vscode/logic/cli-commands';
import { COMMANDS, WALKTHROUGH_DONE, WALKTHROUGH_ID } from '../../src/vscode/logic/ids';
import { cancellingPrompts, closeAll, EXTENSION_ID, ruleIdOf, waitFor, workspaceFile } from './helpers';

let api: CleanRoomsIamApi;

interface Script {
  style?: CliStyle;
  roleName?: string | ((ctx: { defaultValue: string; validate(v: string): string | undefined }) => string | undefined);
  file?: string;
  /** The answer to "the role's policies still have N problems": Show Problems, Copy Anyway, or Escape (undefined). */
  problems?: 'show' | 'copy';
}

function scripted(script: Script) {
  const asked: string[] = [];
  const messages: Array<{ kind: string; text: string }> = [];
  const provider: PromptProvider = {
    ...cancellingPrompts(),
    async pickTemplate() {
      asked.push('template');
      return undefined;
    },
    async pickRegion(step) {
      asked.push(step.key);
      return undefined;
    },
    async inputValue(step) {
      asked.push(step.key);
      return undefined;
    },
    showMessage(kind, text) {
      messages.push({ kind, text });
    },
    async pickFile(items) {
      asked.push(`file:${items.map((i) => i.id).join(',')}`);
      return script.file;
    },
    async pickCliStyle() {
      asked.push('style');
      return script.style;
    },
    async inputRoleName(ctx) {
      asked.push(`name:${ctx.defaultValue}`);
      const r = script.roleName;
      return typeof r === 'function' ? r(ctx) : r;
    },
    async confirmProblems(ctx) {
      asked.push('problems');
      messages.push({ kind: 'question', text: ctx.message });
      return script.problems;
    },
  };
  return { provider, asked, messages };
}

before(async function () {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, EXTENSION_ID);
  api = await ext.activate();
});

describe('first run: Escape in New Policy from Template (the walkthrough: placeholders left in place to fill later)', () => {
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  /** Answers the value steps in order from `values`, then Escape; the offer after Escape is answered with `accept`. */
  function escaping(values: string[], accept: boolean) {
    const offers: string[] = [];
    let i = 0;
    const next = async () => (i < values.length ? values[i++] : undefined);
    const provider: PromptProvider = {
      ...cancellingPrompts(),
      pickRegion: next,
      inputValue: next,
      async offerPartialPolicy(ctx) {
        offers.push(ctx.message);
        return accept;
      },
    };
    api.setPromptProvider(provider);
    return offers;
  }

  it('Escape after two values, then Create with Placeholders: the policy opens with them and the other placeholders, flagged; the step is done', async () => {
    // Untitled-N names are reused: wait until the untitled documents of earlier tests are gone, so that the new one
    // cannot alias a closing one.
    await waitFor('earlier untitled documents disposed', () => !vscode.workspace.textDocuments.some((d) => d.isUntitled));
    const before = api.walkthroughDone().length;
    const offers = escaping(['eu-west-2', '604718293525'], true);
    const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.newPolicy, 'read-data-s3-permissions');
    assert.equal(out.status, 'opened', JSON.stringify(out));
    assert.deepEqual(offers, [
      'Create "Read data (Glue + S3): permissions policy" with the 2 values you entered and 5 placeholders (<database>, <table>, <bucket>, <bucket-account-id>, …) left in place to fill later?',
    ]);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.uri.toString() === (out as { uri: string }).uri);
    const text = doc.getText();
    assert.ok(text.includes('"arn:aws:glue:eu-west-2:604718293525:table/<database>/<table>"'), text);
    assert.ok(text.includes('"arn:aws:s3:::<bucket>/<prefix>/*"'), text);
    assert.ok(JSON.parse(text).Statement.length === 4, 'valid JSON, the whole policy');
    const tokens = await waitFor('placeholder-token diagnostics', () => {
      const d = vscode.languages
        .getDiagnostics(doc.uri)
        .filter((x) => x.source === 'cleanrooms-iam' && (typeof x.code === 'object' ? x.code.value : x.code) === 'placeholder-token');
      return d.length >= 5 && d.map((x) => doc.getText(x.range));
    });
    for (const name of ['database', 'table', 'bucket', 'bucket-account-id', 'prefix'])
      assert.ok(
        tokens.some((t) => t.includes(`<${name}>`)),
        `${name}: ${tokens.join(' ')}`,
      );
    assert.deepEqual(api.walkthroughDone().slice(before), [WALKTHROUGH_DONE.policyCreated]);
  });

  it('Escape, then Cancel on the offer: nothing opens and the walkthrough step is not ticked', async () => {
    const before = api.walkthroughDone().length;
    const editors = vscode.window.visibleTextEditors.length;
    const offers = escaping(['eu-west-2'], false);
    const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.newPolicy, 'read-data-s3-permissions');
    assert.equal(out.status, 'cancelled');
    assert.equal(offers.length, 1);
    assert.equal(vscode.window.visibleTextEditors.length, editors);
    assert.equal(api.walkthroughDone().length, before, 'no walkthrough progress');
    // Escape at the template list: no offer, nothing created.
    const none = escaping([], true);
    assert.equal((await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.newPolicy)).status, 'cancelled');
    assert.deepEqual(none, []);
    assert.equal(api.walkthroughDone().length, before);
  });
});

describe('first run: walkthrough', () => {
  it('is contributed with its four steps, titles localised from package.nls.json, media and completion events', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = ext.packageJSON.contributes?.walkthroughs as Array<{
      id: string;
      title: string;
      steps: Array<{ id: string; title: string; description: string; media: { markdown?: string }; completionEvents: string[] }>;
    }>;
    assert.equal(walkthroughs?.length, 1);
    const w = walkthroughs[0];
    assert.equal(w.id, WALKTHROUGH_ID);
    assert.equal(w.title, 'Get started with Clean Rooms IAM roles', 'VS Code resolved %walkthrough.title%');
    assert.deepEqual(
      w.steps.map((s) => s.id),
      ['createPolicies', 'fillPlaceholders', 'seeChecks', 'createRole'],
    );
    for (const s of w.steps) {
      assert.doesNotMatch(s.title, /^%.*%$/, `${s.id} title resolved`);
      assert.match(s.description, /\(command:/, `${s.id} has a button`);
      assert.match(s.media.markdown ?? '', /^media\/walkthrough\/.+\.md$/);
    }
    assert.deepEqual(w.steps[3].completionEvents, [`onContext:${WALKTHROUGH_DONE.commandsCopied}`]);
  });

  it('registers the commands its steps run, with localised titles in the palette', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of [COMMANDS.newPolicy, COMMANDS.fillPlaceholders, COMMANDS.openExample, COMMANDS.copyCliCommands]) assert.ok(all.has(id), id);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const titles = Object.fromEntries((ext.packageJSON.contributes.commands as Array<{ command: string; title: string }>).map((c) => [c.command, c.title]));
    assert.equal(titles[COMMANDS.copyCliCommands], 'Copy AWS CLI Commands');
  });

  it('opens the example with mistakes, and the checks flag its four kinds of mistakes', async () => {
    try {
      const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.openExample);
      assert.equal(out.status, 'opened');
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc && doc.uri.toString() === (out as { uri: string }).uri);
      const rules = await waitFor('diagnostics on the example', () => {
        const r = [
          ...new Set(
            vscode.languages
              .getDiagnostics(doc.uri)
              .filter((d) => d.source === 'cleanrooms-iam')
              .map(ruleIdOf),
          ),
        ].sort();
        return r.length >= 4 && r;
      });
      assert.deepEqual(rules, ['cleanrooms-externalid-arnlike', 'cleanrooms-forany-single-valued', 'placeholder-bare-name', 'placeholder-example-value']);
    } finally {
      await closeAll();
    }
  });

  it('New Policy from Template takes a template id (the walkthrough link) and skips the template list', async () => {
    const s = scripted({});
    api.setPromptProvider(s.provider);
    try {
      // The scripted provider cancels the first value step: nothing opens, but the template pick was skipped.
      const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.newPolicy, 'read-data-s3-permissions');
      assert.equal(out.status, 'cancelled');
      assert.equal(s.asked[0], 'region', `asked: ${s.asked.join(', ')}`);
      assert.ok(!s.asked.includes('template'));
    } finally {
      api.setPromptProvider(undefined);
      await closeAll();
    }
  });
});

describe('first run: Copy AWS CLI Commands', () => {
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  async function run(file: string, script: Script) {
    const s = scripted(script);
    api.setPromptProvider(s.provider);
    const doc = await vscode.workspace.openTextDocument(workspaceFile(file));
    await vscode.window.showTextDocument(doc);
    const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.copyCliCommands);
    return { out, ...s };
  }

  it('trust policy open: finds read-data-permissions-policy.json, inline policy, scripted role name -> clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    const { out, asked } = await run('read-data-trust-policy.json', {
      style: 'inline',
      roleName: (ctx) => {
        assert.match(ctx.validate('read-data') ?? '', /cleanrooms/, 'a name without "cleanrooms" is refused');
        return 'cleanrooms-read-data-test';
      },
    });
    assert.equal(out.status, 'copied', JSON.stringify(out));
    assert.deepEqual(asked, ['style', 'name:cleanrooms-read-data'], 'the same-stem sibling is found without asking');
    const trust = workspaceFile('read-data-trust-policy.json').fsPath;
    const perms = workspaceFile('read-data-permissions-policy.json').fsPath;
    const expected = [
      `aws iam create-role --role-name cleanrooms-read-data-test --path /service-role/ --assume-role-policy-document file://${trust}`,
      `aws iam put-role-policy --role-name cleanrooms-read-data-test --policy-name cleanrooms-read-data-test-permissions --policy-document file://${perms}`,
    ];
    const clip = await vscode.env.clipboard.readText();
    assert.deepEqual(
      clip
        .trimEnd()
        .split('\n')
        .filter((l) => !l.startsWith('#')),
      expected,
      clip,
    );
    assert.match(clip, /# .*arn:aws:iam::\*:role\/service-role\/\*cleanrooms\*/);
    // The same text is shown in an untitled shell document.
    const shown = vscode.window.activeTextEditor?.document;
    assert.ok(shown?.isUntitled);
    assert.equal(shown.getText(), clip);
  });

  it('permissions policy open: managed policy style (create-policy + attach-role-policy)', async () => {
    const { out } = await run('read-data-permissions-policy.json', { style: 'managed', roleName: 'cleanrooms-rd' });
    assert.equal(out.status, 'copied', JSON.stringify(out));
    const trust = workspaceFile('read-data-trust-policy.json').fsPath;
    const perms = workspaceFile('read-data-permissions-policy.json').fsPath;
    const clip = await vscode.env.clipboard.readText();
    assert.deepEqual(
      clip
        .trimEnd()
        .split('\n')
        .filter((l) => !l.startsWith('#')),
      [
        `aws iam create-role --role-name cleanrooms-rd --path /service-role/ --assume-role-policy-document file://${trust}`,
        `POLICY_ARN=$(aws iam create-policy --policy-name cleanrooms-rd-permissions --policy-document file://${perms} --query Policy.Arn --output text)`,
        'aws iam attach-role-policy --role-name cleanrooms-rd --policy-arn "$POLICY_ARN"',
      ],
    );
  });

  it('asks with a quick pick when the sibling is ambiguous (best matches first), and Escape changes nothing', async () => {
    await vscode.env.clipboard.writeText('unchanged');
    const { out, asked } = await run('smoke-bad-policy.json', { file: undefined });
    assert.equal(out.status, 'cancelled');
    assert.deepEqual(asked, ['file:read-data-trust-policy.json,seed-receive-results-trust-policy.json']);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  const SEED_TRUST = 'seed-receive-results-trust-policy.json';
  const SEED_PERMISSIONS = 'seed-receive-results-permissions-policy.json';
  const NINE = `The role's policies still have 9 problems (9 warnings) in ${SEED_TRUST} and ${SEED_PERMISSIONS}.`;

  it("the AWS page's pair with 9 warnings: says so before anything else, and Escape copies nothing", async () => {
    await vscode.env.clipboard.writeText('unchanged');
    const before = api.walkthroughDone().length;
    const { out, asked, messages } = await run(SEED_TRUST, { style: 'inline', roleName: 'cleanrooms-receive-results' });
    assert.equal(out.status, 'cancelled', JSON.stringify(out));
    assert.equal(api.walkthroughDone().length, before, 'nothing copied: the walkthrough step is not ticked');
    assert.deepEqual(asked, ['problems'], 'asked about the problems first, then nothing else');
    assert.deepEqual(messages, [{ kind: 'question', text: NINE }]);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.languageId === 'shellscript' && !d.isClosed), 'no commands shown');
  });

  it('Copy Anyway copies the commands of the pair with problems (from the permissions policy too)', async () => {
    await vscode.env.clipboard.writeText('');
    const before = api.walkthroughDone().length;
    const { out, asked } = await run(SEED_PERMISSIONS, { problems: 'copy', style: 'inline', roleName: 'cleanrooms-receive-results' });
    assert.equal(out.status, 'copied', JSON.stringify(out));
    assert.deepEqual(api.walkthroughDone().slice(before), [WALKTHROUGH_DONE.commandsCopied]);
    assert.deepEqual(asked, ['problems', 'style', 'name:cleanrooms-seed-receive-results']);
    const clip = await vscode.env.clipboard.readText();
    assert.ok(clip.includes(`--assume-role-policy-document file://${workspaceFile(SEED_TRUST).fsPath}`), clip);
    assert.equal((out as { text: string }).text, clip);
  });

  it('Show Problems copies nothing and opens both files, whose diagnostics are the 9 warnings counted', async () => {
    await vscode.env.clipboard.writeText('unchanged');
    const { out } = await run(SEED_TRUST, { problems: 'show', style: 'inline', roleName: 'cleanrooms-receive-results' });
    assert.equal(out.status, 'problems', JSON.stringify(out));
    const trust = workspaceFile(SEED_TRUST);
    const perms = workspaceFile(SEED_PERMISSIONS);
    assert.deepEqual(out, { status: 'problems', errors: 0, warnings: 9, uris: [perms.toString(), trust.toString()] });
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), trust.toString(), 'the file the command ran on stays active');
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : ''));
    assert.ok(open.includes(perms.toString()) && open.includes(trust.toString()), open.join(', '));
    const warnings = await waitFor('the warnings of both files in the Problems panel', () => {
      const n = [trust, perms].reduce(
        (sum, u) =>
          sum + vscode.languages.getDiagnostics(u).filter((d) => d.source === 'cleanrooms-iam' && d.severity === vscode.DiagnosticSeverity.Warning).length,
        0,
      );
      return n >= 9 && n;
    });
    assert.equal(warnings, 9);
  });

  it('refuses an untitled document (the AWS CLI reads files) and a non-policy', async () => {
    const s = scripted({});
    api.setPromptProvider(s.provider);
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    });
    await vscode.window.showTextDocument(doc);
    const out = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.copyCliCommands);
    assert.equal(out.status, 'failed');
    assert.match((out as { reason: string }).reason, /Save the policy to a file first/);
    const notPolicy = await vscode.commands.executeCommand<CommandOutcome>(COMMANDS.copyCliCommands, workspaceFile('package.json'));
    assert.equal(notPolicy.status, 'failed');
  });
});
