// Parse once (issue 13): the adapter never parses a document again that it has analysed at the same version. The
// adapter's own sources (src/vscode, loaded with the vscode stand-in of helpers/fake-vscode.ts) run against an open
// policy; every call of jsonc-parser's parsers (parseTree, parse) is recorded with the text it was given, and the calls
// on the document's text are counted: one (the analysis) per version, however many hovers, code lenses, code actions,
// completions, Fill Placeholders and Copy AWS CLI Commands ask about it.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import type { PromptProvider } from '../../src/vscode/prompts';
import { installFakeVscode, Position, Range, Uri, type FakeDocument } from './helpers/fake-vscode';

const ROOT = join(__dirname, '..', '..');
const req = createRequire(__filename);

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadData",
      "Effect": "Allow",
      "Action": ["glue:GetTable", "s3:GetObject"],
      "Resource": ["arn:aws:s3:::<bucket>/*", "arn:aws:glue:<region>:111122223333:catalog"],
      "Condition": { "StringEquals": { "aws:ResourceAccount": "<data-account-id>" } }
    }
  ]
}
`;

type Parser = (text: string, ...rest: unknown[]) => unknown;

describe('vscode adapter: parse once per document version', function () {
  this.timeout(60_000);
  const calls: string[] = [];
  let restore: () => void;
  let fake: ReturnType<typeof installFakeVscode>;
  let api: CleanRoomsIamApi;
  let subscriptions: Array<{ dispose(): unknown }>;
  let doc: FakeDocument;

  before(async () => {
    // jsonc-parser's module object: the sources call its functions through it (CommonJS), so the wrappers see every parse.
    const jsonc = req('jsonc-parser') as Record<string, Parser>;
    const originals: Array<[string, Parser]> = [];
    for (const name of ['parseTree', 'parse']) {
      const orig = jsonc[name];
      originals.push([name, orig]);
      jsonc[name] = function (this: unknown, text: string, ...rest: unknown[]) {
        calls.push(text);
        // TRACE_PARSE=1: who parsed (the first lines of the stack of each parse of the test's policy).
        if (process.env.TRACE_PARSE && text.includes('ReadData')) console.log(name, new Error().stack?.split('\n').slice(2, 7).join(' | '));
        return orig.call(this, text, ...rest);
      };
    }
    fake = installFakeVscode();
    restore = () => {
      for (const [name, orig] of originals) jsonc[name] = orig;
    };
    const ext = await import('../../src/vscode/extension');
    const ctx = fake.context(ROOT);
    subscriptions = ctx.subscriptions;
    api = ext.activate(ctx as never);
    assert.equal(await api.loadIamData(), true, 'the IAM data loads (hovers describe actions)');
    doc = fake.open(Uri.file(join(ROOT, 'test/fixtures/workspace/parse-once-permissions.json')), POLICY);
  });

  after(() => {
    for (const d of subscriptions ?? []) d.dispose();
    restore?.();
  });

  const onDoc = (): number => calls.filter((t) => t === doc.getText()).length;
  const at = (needle: string, delta = 2): Position => doc.positionAt(doc.getText().indexOf(needle) + delta);
  const hover = (p: Position) =>
    (fake.state.providers.hovers[0] as { provideHover(d: unknown, p: unknown): { contents: Array<{ value: string }> } | undefined }).provideHover(doc, p);

  /** Everything the editor asks about an open policy, once; returns what it answered (so the test knows each feature ran). */
  async function useEveryFeature(): Promise<string[]> {
    const seen: string[] = [];
    const action = hover(at('glue:GetTable'));
    assert.ok(action, 'hover on an action');
    assert.match(action.contents.map((c) => c.value).join('\n'), /glue:GetTable/);
    const ph = hover(at('<bucket>', 1));
    assert.ok(ph, 'hover on a placeholder');
    assert.match(ph.contents.map((c) => c.value).join('\n'), /bucket/i);
    seen.push('hovers');
    const lens = (fake.state.providers.codeLens as Array<{ provideCodeLenses(d: unknown): Array<{ command?: { title: string } }> }>).flatMap((p) =>
      p.provideCodeLenses(doc),
    );
    assert.ok(
      lens.some((l) => /Fill 4 placeholders/.test(l.command?.title ?? '')),
      lens.map((l) => l.command?.title).join(', '),
    );
    seen.push('code lens');
    const diagnostics = fake.state.diagnostics.get(doc.uri.toString()) ?? [];
    assert.ok(diagnostics.length > 0, 'the placeholders are reported');
    const actions = (fake.state.providers.codeActions as Array<{ provideCodeActions(d: unknown, r: unknown, c: unknown): Array<{ title: string }> }>).flatMap(
      (p) => p.provideCodeActions(doc, new Range(0, 0, doc.lineCount, 0), { diagnostics, triggerKind: 1 }),
    );
    assert.ok(
      actions.some((a) => a.title.startsWith('Fill')),
      actions.map((a) => a.title).join(', '),
    );
    seen.push('code actions');
    const completion = fake.state.providers.completion[0].provider as {
      provideCompletionItems(d: unknown, p: unknown, t: unknown): Promise<{ items: Array<{ label: unknown }> } | undefined>;
    };
    const items = await completion.provideCompletionItems(doc, at('s3:GetObject', 4), { isCancellationRequested: false });
    assert.ok(items && items.items.length > 0, 'completion in an action');
    seen.push('completion');
    // Fill Placeholders: the placeholders are asked for (then Escape: nothing changes).
    const asked: string[] = [];
    const prompts: Partial<PromptProvider> = {
      inputValue: async (step) => (asked.push(step.key), undefined),
      pickRegion: async (step) => (asked.push(step.key), undefined),
      showMessage: () => undefined,
      pickCliStyle: async () => undefined,
      pickFile: async () => undefined,
    };
    api.setPromptProvider(prompts as PromptProvider);
    try {
      const fill = (await fake.vscode.commands.executeCommand('cleanroomsIam.fillPlaceholders', doc.uri)) as { status: string };
      assert.equal(fill.status, 'cancelled');
      assert.ok(asked.length > 0, 'Fill asked for a placeholder');
      seen.push('fill');
      // Copy AWS CLI Commands reads the kind (a permissions policy: it looks for the trust policy next to it).
      const copy = (await fake.vscode.commands.executeCommand('cleanroomsIam.copyCliCommands', doc.uri)) as { status: string };
      assert.notEqual(copy.status, undefined);
      seen.push('copy cli');
    } finally {
      api.setPromptProvider(undefined);
    }
    return seen;
  }

  it('an analysed version is parsed once: hovers, code lens, code actions, completion, Fill and Copy AWS CLI Commands use that parse', async () => {
    assert.ok(api.analysis(doc.uri), 'validated on open');
    assert.equal(onDoc(), 1, 'the analysis on open parsed the document once');
    const seen = await useEveryFeature();
    assert.deepEqual(seen, ['hovers', 'code lens', 'code actions', 'completion', 'fill', 'copy cli']);
    // Again: still nothing parsed.
    await useEveryFeature();
    assert.equal(onDoc(), 1, 'no feature parsed the analysed version again');
  });

  it('after an edit, the new version is parsed once (by its analysis), and the features read that parse', async () => {
    const key = doc.uri.toString();
    let published = false;
    const sub = api.onDidUpdateDiagnostics((e) => {
      if (e.uri.toString() === key && e.version === doc.version) published = true;
    });
    fake.change(doc, doc.getText().replace('"ReadData"', '"ReadTheData"'));
    // The debounced validation publishes the new version.
    const deadline = Date.now() + 5000;
    while (!published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    sub.dispose();
    assert.ok(published, 'the new version was validated');
    await useEveryFeature();
    assert.equal(onDoc(), 1, 'one parse of the new version');
  });
});
