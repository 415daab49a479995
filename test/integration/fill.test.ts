// The fill commands through the real API with a scripted prompt layer (injected via the extension's API):
// Fill Placeholders (one undoable edit, Escape, concurrent edits, read-only documents, remembered values),
// New Policy from Template (Back to the template list, a pasted membership ARN) and Insert Policy at Cursor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze } from '../../src/analysis/analyze';
import { templateById } from '../../src/catalog';
import { findPlaceholders } from '../../src/fill/detect';
import { applyEdits, planFill, renderTemplate, TABLE_DATABASE_KEY } from '../../src/fill/apply';
import type { CleanRoomsIamApi, CommandOutcome, PromptProvider } from '../../src/vscode/extension';
import type { FillStep, LinkedPickItem, PromptContext } from '../../src/vscode/prompts';
import { EXAMPLE_WITH_MISTAKES } from '../../src/vscode/logic/examples';
import { cancellingPrompts, closeAll, EXTENSION_ID, fixtureText, openUntitled } from './helpers';

const BACK = Symbol.for('cleanroomsIam.back');
let api: CleanRoomsIamApi;

type Scripted = string | typeof BACK | undefined | ((step: FillStep, ctx: PromptContext) => Promise<string | typeof BACK | undefined>);

interface Script {
  templates?: Array<string | undefined>;
  answers: Record<string, Scripted | Scripted[]>;
}

/** A prompt provider that answers from a script (by step key) and records what it was asked. */
function scripted(script: Script) {
  const log: Array<{ key: string; step: number; total: number; canGoBack: boolean; defaultValue?: string; title: string }> = [];
  const templates = [...(script.templates ?? [])];
  const messages: string[] = [];
  const answer = async (step: FillStep, ctx: PromptContext) => {
    log.push({
      key: step.key,
      step: ctx.step,
      total: ctx.totalSteps,
      canGoBack: ctx.canGoBack,
      title: ctx.title,
      ...(ctx.defaultValue !== undefined ? { defaultValue: ctx.defaultValue } : {}),
    });
    if (!(step.key in script.answers)) throw new Error(`no scripted answer for ${step.key}`);
    let a = script.answers[step.key];
    if (Array.isArray(a)) a = a.shift();
    if (typeof a === 'function') return a(step, ctx);
    if (typeof a === 'string') assert.equal(ctx.validate(a), undefined, `scripted answer ${a} for ${step.key} is valid`);
    return a;
  };
  const provider: PromptProvider = {
    ...cancellingPrompts(),
    async pickTemplate(_templates, _roles, ctx) {
      log.push({ key: '#template', step: ctx.step, total: ctx.totalSteps, canGoBack: false, title: ctx.title });
      return templates.shift();
    },
    pickRegion: answer as PromptProvider['pickRegion'],
    inputValue: answer as PromptProvider['inputValue'],
    showMessage(_kind, message) {
      messages.push(message);
    },
  };
  return { provider, log, messages };
}

async function run(command: string, ...args: unknown[]): Promise<CommandOutcome> {
  return vscode.commands.executeCommand<CommandOutcome>(command, ...args);
}

const SEED_ANSWERS: Record<string, string> = {
  'aws-region': 'eu-west-2',
  accountId: '604718293525',
  database: 'loyalty_db',
  table: 'member_events',
  bucket: 'harbourline-exports',
  s3BucketOwnerAccountId: '604718293525',
  prefix: 'member-events',
};

function expectedFill(text: string, answers: Record<string, string>): string {
  return applyEdits(text, planFill(findPlaceholders(text), new Map(Object.entries(answers))));
}

before(async function () {
  this.timeout(30_000);
  const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
  assert.ok(ext);
  api = await ext.activate();
  await vscode.workspace.getConfiguration('cleanroomsIam').update('fill.rememberValues', undefined, vscode.ConfigurationTarget.Global);
});

describe('Fill Placeholders…', function () {
  this.timeout(30_000);
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('asks once per distinct placeholder and fills everything in one edit that one undo reverts byte for byte', async () => {
    const original = await fixtureText('seed-read-data-permissions-policy.json');
    const ed = await openUntitled(original);
    const doc = ed.document;
    const s = scripted({ answers: SEED_ANSWERS });
    api.setPromptProvider(s.provider);
    const v0 = doc.version;
    const res = await run('cleanroomsIam.fillPlaceholders');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.deepEqual(
      s.log.map((l) => l.key),
      ['aws-region', 'accountId', 'database', 'table', 'bucket', 's3BucketOwnerAccountId', 'prefix'],
    );
    assert.deepEqual(
      s.log.map((l) => `${l.step}/${l.total}`),
      ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7'],
    );
    assert.equal(doc.version, v0 + 1, 'a single edit');
    assert.equal(doc.getText(), expectedFill(original, SEED_ANSWERS));
    // The page's table/table becomes a whole table ARN, table/<database>/<table> (issue 14 item 2).
    assert.ok(doc.getText().includes('"arn:aws:glue:eu-west-2:604718293525:table/loyalty_db/member_events"'), doc.getText());
    assert.deepEqual(
      analyze(doc.getText()).findings.filter((f) => f.rule.startsWith('placeholder-')),
      [],
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo restores the original exactly');
  });

  it("Fill This Placeholder on the page's table/table asks for the database as well, and writes table/<database>/<table> (issue 14 item 2)", async () => {
    const original = await fixtureText('seed-read-data-permissions-policy.json');
    const ed = await openUntitled(original);
    const s = scripted({ answers: { [TABLE_DATABASE_KEY]: 'loyalty_db', table: 'member_events' } });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholder', ed.document.uri, 'table');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.deepEqual(
      s.log.map((l) => `${l.key} ${l.step}/${l.total}`),
      [`${TABLE_DATABASE_KEY} 1/2`, 'table 2/2'],
    );
    // Only that ARN changes; database/database and the other placeholders are left for later.
    assert.equal(ed.document.getText(), original.replace(':table/table"', ':table/loyalty_db/member_events"'));
  });

  it('Escape at any step changes nothing', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const ed = await openUntitled(original);
    const s = scripted({ answers: { bucket_name: 'harbourline-results', accountId: undefined } });
    api.setPromptProvider(s.provider);
    const v0 = ed.document.version;
    const res = await run('cleanroomsIam.fillPlaceholders', ed.document.uri);
    assert.equal(res.status, 'cancelled');
    assert.equal(ed.document.version, v0);
    assert.equal(ed.document.getText(), original);
  });

  it('Back returns to the previous question', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const ed = await openUntitled(original);
    const s = scripted({
      answers: { bucket_name: ['wrong-bucket-name', 'harbourline-results'], accountId: [BACK, '604718293525'], optional_key_prefix: 'clean-rooms/results' },
    });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholders');
    assert.equal(res.status, 'applied');
    assert.deepEqual(
      s.log.map((l) => l.key),
      ['bucket_name', 'accountId', 'bucket_name', 'accountId', 'optional_key_prefix'],
    );
    assert.equal(s.log[2].defaultValue, 'wrong-bucket-name', 'the earlier answer is offered again');
    assert.equal(
      ed.document.getText(),
      expectedFill(original, { bucket_name: 'harbourline-results', accountId: '604718293525', optional_key_prefix: 'clean-rooms/results' }),
    );
  });

  it('keeps an edit made while a prompt was open and fills at the new positions', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const ed = await openUntitled(original);
    const doc = ed.document;
    const answers = { bucket_name: 'harbourline-results', accountId: '604718293525', optional_key_prefix: 'clean-rooms/results' };
    const s = scripted({
      answers: {
        ...answers,
        bucket_name: async () => {
          // The user types elsewhere while the first prompt is open: a Sid before the first Effect.
          const at = doc.getText().indexOf('"Effect"');
          assert.ok(await ed.edit((b) => b.insert(doc.positionAt(at), '"Sid": "ListResultsBucket",\n            ')));
          return answers.bucket_name;
        },
      },
    });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholders');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    const edited = original.replace('"Effect"', '"Sid": "ListResultsBucket",\n            "Effect"');
    assert.equal(doc.getText(), expectedFill(edited, answers));
  });

  it('changes nothing when the user edited an answered placeholder meanwhile', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const ed = await openUntitled(original);
    const doc = ed.document;
    const s = scripted({
      answers: {
        bucket_name: 'harbourline-results',
        accountId: async () => {
          // The user fills one bucket_name by hand.
          const at = doc.getText().indexOf('bucket_name');
          assert.ok(await ed.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 11)), 'typed-by-hand')));
          return '604718293525';
        },
        optional_key_prefix: 'clean-rooms/results',
      },
    });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholders');
    assert.equal(res.status, 'conflict', JSON.stringify(res));
    assert.equal(doc.getText(), original.replace('bucket_name', 'typed-by-hand'), "only the user's edit");
    assert.equal(s.messages.length, 1);
    assert.match(s.messages[0], /changed while you answered/);
  });

  it('fails with a message and changes nothing on a read-only document', async () => {
    const content = await fixtureText('seed-receive-results-permissions-policy.json');
    const enc = new TextEncoder().encode(content);
    const fsp: vscode.FileSystemProvider = {
      onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
      watch: () => new vscode.Disposable(() => {}),
      stat: () => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size: enc.length }),
      readDirectory: () => [],
      createDirectory: () => {},
      readFile: () => enc,
      writeFile: () => {
        throw vscode.FileSystemError.NoPermissions();
      },
      delete: () => {},
      rename: () => {},
    };
    const reg = vscode.workspace.registerFileSystemProvider('cleanrooms-ro-test', fsp, { isReadonly: true });
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('cleanrooms-ro-test:/policies/receive-results-permissions-policy.json'));
      await vscode.window.showTextDocument(doc);
      const s = scripted({ answers: { bucket_name: 'harbourline-results', accountId: '604718293525', optional_key_prefix: 'results' } });
      api.setPromptProvider(s.provider);
      const res = await run('cleanroomsIam.fillPlaceholders', doc.uri);
      assert.equal(res.status, 'failed');
      assert.match(s.messages.join('\n'), /read-only/);
      assert.equal(doc.getText(), content);
    } finally {
      await closeAll();
      reg.dispose();
    }
  });

  it('fails with a message and changes nothing when the document was closed meanwhile (or is not open)', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const ed = await openUntitled(original);
    const doc = ed.document;
    const s = scripted({
      answers: {
        bucket_name: async () => {
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          for (let i = 0; i < 100 && !doc.isClosed; i++) await new Promise((r) => setTimeout(r, 50));
          assert.ok(doc.isClosed, 'the document closed');
          return 'harbourline-results';
        },
        accountId: '604718293525',
        optional_key_prefix: 'results',
      },
    });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholders', doc.uri);
    assert.equal(res.status, 'failed', JSON.stringify(res));
    assert.match(s.messages.join('\n'), /closed/);
    const again = await run('cleanroomsIam.fillPlaceholders', vscode.Uri.parse('untitled:/never-opened-policy.json'));
    assert.equal(again.status, 'failed');
    assert.match(s.messages.join('\n'), /not open/);
  });

  it('offers the values entered last time as defaults (unless fill.rememberValues is off)', async () => {
    const original = await fixtureText('seed-receive-results-permissions-policy.json');
    const answers = { bucket_name: 'harbourline-results', accountId: '604718293525', optional_key_prefix: 'clean-rooms/results' };
    let ed = await openUntitled(original);
    api.setPromptProvider(scripted({ answers }).provider);
    assert.equal((await run('cleanroomsIam.fillPlaceholders')).status, 'applied');
    await closeAll();
    ed = await openUntitled(original);
    const s = scripted({ answers });
    api.setPromptProvider(s.provider);
    await run('cleanroomsIam.fillPlaceholders', ed.document.uri);
    assert.deepEqual(
      s.log.map((l) => l.defaultValue),
      ['harbourline-results', '604718293525', 'clean-rooms/results'],
    );
    await closeAll();
    await vscode.workspace.getConfiguration('cleanroomsIam').update('fill.rememberValues', false, vscode.ConfigurationTarget.Global);
    try {
      ed = await openUntitled(original);
      const s2 = scripted({ answers });
      api.setPromptProvider(s2.provider);
      await run('cleanroomsIam.fillPlaceholders', ed.document.uri);
      assert.deepEqual(
        s2.log.map((l) => l.defaultValue),
        [undefined, undefined, undefined],
      );
    } finally {
      await vscode.workspace.getConfiguration('cleanroomsIam').update('fill.rememberValues', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

describe('New Policy from Template… / Insert Policy at Cursor…', function () {
  this.timeout(30_000);
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('opens a formatted untitled JSON document; Back goes to the template list; a pasted membership ARN fills its Region and account', async () => {
    const t = templateById('receive-results-trust');
    assert.ok(t, 'catalog has receive-results-trust');
    const arn = 'arn:aws:cleanrooms:eu-west-2:817364052948:membership/6b0e3f52-9d1a-4c7e-8f23-a41d5c9e0b76';
    const s = scripted({
      templates: ['read-data-s3-permissions', t.id],
      answers: {
        region: [BACK, 'eu-north-1'],
        'query-runner-membership-id': arn,
      },
    });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.newPolicy');
    assert.equal(res.status, 'opened', JSON.stringify(res));
    assert.deepEqual(
      s.log.map((l) => l.key),
      ['#template', 'region', '#template', 'region', 'query-runner-membership-id'],
    );
    assert.equal(s.log[1].canGoBack, true, 'Back offered on the first value step');
    assert.equal(s.log[3].step, 2);
    // The template list is step 1 of a count it cannot know yet (it depends on the template picked): no total, so the
    // counter never goes from "1/8" to "2/6" (issue 14 item 10).
    assert.deepEqual([s.log[0].step, s.log[0].total], [1, 0]);
    assert.equal(s.log[3].total, 1 + t.placeholders.length);
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.uri.toString(), (res as { uri: string }).uri);
    assert.equal(ed.document.isUntitled, true);
    assert.equal(ed.document.languageId, 'json');
    const values = { region: 'eu-west-2', 'query-runner-membership-id': '6b0e3f52-9d1a-4c7e-8f23-a41d5c9e0b76', 'query-runner-account-id': '817364052948' };
    assert.equal(ed.document.getText(), renderTemplate(t, values, 4) + '\n');
    const findings = analyze(ed.document.getText()).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('cancelling at the template list or a value step opens nothing', async () => {
    const before = vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    api.setPromptProvider(scripted({ templates: [undefined], answers: {} }).provider);
    assert.equal((await run('cleanroomsIam.newPolicy')).status, 'cancelled');
    api.setPromptProvider(scripted({ templates: ['receive-results-permissions'], answers: { bucket: undefined } }).provider);
    assert.equal((await run('cleanroomsIam.newPolicy')).status, 'cancelled');
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed).length, before);
  });

  it('inserts the filled policy at the cursor, indented to the cursor line', async () => {
    const t = templateById('receive-results-permissions')!;
    const ed = await openUntitled('');
    const values = { bucket: 'harbourline-results', 'bucket-account-id': '604718293525', 'optional-prefix': 'clean-rooms/results' };
    api.setPromptProvider(scripted({ templates: [t.id], answers: values }).provider);
    const res = await run('cleanroomsIam.insertPolicy');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.equal(ed.document.getText(), renderTemplate(t, values, 4));
    assert.doesNotThrow(() => JSON.parse(ed.document.getText()));
  });

  it('takes an empty optional folder for the results role and writes bucket/*, which is clean (issue 14 item 11)', async () => {
    const t = templateById('receive-results-permissions')!;
    const ed = await openUntitled('');
    const values = { bucket: 'harbourline-results', 'bucket-account-id': '604718293525', 'optional-prefix': '' };
    const s = scripted({ templates: [t.id], answers: values });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.insertPolicy');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.ok(
      s.log.some((l) => l.key === 'optional-prefix'),
      'the folder is asked',
    );
    const text = ed.document.getText();
    assert.ok(text.includes('"arn:aws:s3:::harbourline-results/*"'), text);
    assert.doesNotMatch(text, /\/\/|<optional-prefix>/);
    assert.deepEqual(
      analyze(text).findings.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
});

describe('Show Rule Documentation', function () {
  this.timeout(30_000);
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('shows the rule under the cursor, or the one picked', async () => {
    const shown: string[] = [];
    const picks: string[] = [];
    const s = scripted({ answers: {} });
    api.setPromptProvider({
      ...s.provider,
      async pickRule(rules) {
        picks.push(rules.map((r) => r.id).join(','));
        return 'placeholder-example-value';
      },
      async showRuleDocs(rule) {
        shown.push(`${rule.id} ${rule.docUrl}`);
      },
    });
    const ed = await openUntitled(
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::<bucket>/*" } ] }',
    );
    const at = ed.document.getText().indexOf('<bucket>') + 2;
    ed.selection = new vscode.Selection(ed.document.positionAt(at), ed.document.positionAt(at));
    const deadline = Date.now() + 10_000;
    while (!vscode.languages.getDiagnostics(ed.document.uri).some((d) => d.source === 'cleanrooms-iam') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(await vscode.commands.executeCommand('cleanroomsIam.showRuleDocs'), 'placeholder-token');
    assert.equal(picks.length, 0, 'no picker when the cursor is on a finding');
    ed.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('cleanroomsIam.showRuleDocs'), 'placeholder-example-value');
    assert.equal(picks.length, 1);
    assert.match(picks[0], /placeholder-token/);
    assert.deepEqual(
      shown.map((x) => x.split(' ')[0]),
      ['placeholder-token', 'placeholder-example-value'],
    );
    assert.ok(shown.every((x) => / https:\/\/docs\.aws\.amazon\.com\//.test(x)));
  });
});

describe('Fill Placeholders…: values that name the same thing as an answer', function () {
  this.timeout(30_000);
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });
  const MID = '6b0e3f52-9d1a-4c7e-8f23-a41d5c9e0b76';
  const answers = { region: 'eu-west-2', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa': MID, '555555555555': '817364052948' };

  /** The example with mistakes, filled with `answers`; `pick` answers the "change these too?" question. */
  async function fillExample(pick: (items: readonly LinkedPickItem[]) => string[] | undefined) {
    const ed = await openUntitled(EXAMPLE_WITH_MISTAKES.text);
    const s = scripted({ answers });
    const offered: LinkedPickItem[][] = [];
    api.setPromptProvider({
      ...s.provider,
      async pickLinkedValues(items) {
        offered.push([...items]);
        return pick(items);
      },
    });
    const v0 = ed.document.version;
    const res = await run('cleanroomsIam.fillPlaceholders', ed.document.uri);
    return { doc: ed.document, res, offered, v0 };
  }

  it('offers the example Region of the same membership ARN; accepted, it is changed in the same edit (one undo), and the policy is consistent', async () => {
    const { doc, res, offered, v0 } = await fillExample((items) => items.map((i) => i.id));
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.equal(offered.length, 1);
    assert.deepEqual(
      offered[0].map((i) => i.label),
      ['us-east-1 → eu-west-2'],
    );
    assert.match(offered[0][0].description, new RegExp(`the aws:SourceArn membership ARN, line 27 \\(membership ${MID}\\)`));
    assert.equal(doc.version, v0 + 1, 'one edit');
    const text = doc.getText();
    assert.ok(text.includes(`"arn:aws:cleanrooms:eu-west-2:817364052948:membership/${MID}"`), text);
    assert.ok(text.includes(`"arn:aws:*:eu-west-2:*:dbuser:*/${MID}*"`), text);
    assert.deepEqual(
      analyze(text).findings.filter((f) => f.rule === 'consistency-membership'),
      [],
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), EXAMPLE_WITH_MISTAKES.text);
  });

  it('declined ([]), only the placeholders are filled; Escape fills nothing', async () => {
    const declined = await fillExample(() => []);
    assert.equal(declined.res.status, 'applied');
    const text = declined.doc.getText();
    assert.ok(text.includes(`"arn:aws:cleanrooms:us-east-1:817364052948:membership/${MID}"`), text);
    assert.equal(analyze(text).findings.filter((f) => f.rule === 'consistency-membership').length, 1);
    await closeAll();
    const escaped = await fillExample(() => undefined);
    assert.equal(escaped.res.status, 'cancelled');
    assert.equal(escaped.doc.version, escaped.v0);
    assert.equal(escaped.doc.getText(), EXAMPLE_WITH_MISTAKES.text);
  });

  it('a second Region placeholder is offered the Region just given', async () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:{{region}}:817364052948:table/db/t' },
          { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:{{us-east-1}}:817364052948:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        ],
      },
      null,
      2,
    );
    const ed = await openUntitled(text);
    const s = scripted({ answers: { '{{region}}': 'ap-southeast-2', '{{us-east-1}}': async (_step, ctx) => ctx.defaultValue } });
    api.setPromptProvider(s.provider);
    const res = await run('cleanroomsIam.fillPlaceholders', ed.document.uri);
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.equal(s.log[1].key, '{{us-east-1}}');
    assert.equal(s.log[1].defaultValue, 'ap-southeast-2');
    assert.ok(ed.document.getText().includes('arn:aws:kms:ap-southeast-2:'), ed.document.getText());
  });
});
