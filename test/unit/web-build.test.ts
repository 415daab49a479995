// The web build proof: dist/web/extension.js (esbuild's `browser` bundle of src/vscode/extension.ts) runs in a
// node:vm context that has only web globals (TextDecoder, TextEncoder, URL, setTimeout/clearTimeout, queueMicrotask,
// console) and a `require` that returns the vscode stand-in below for 'vscode' and throws for anything else, so a
// Node built-in would fail loudly. It activates, loads the IAM data through workspace.fs, and reports on every fixture
// (test/fixtures/workspace/*.json, test/fixtures/{good,bad}/*.json) exactly the diagnostics (rule, range, severity,
// message) of the Node bundle (dist/extension.js loaded the same way) and of analyze() with the IAM index. Hovers, code
// actions, code lens and commands are compared too.
//
// The bundles are built fresh by the project's own esbuild.mjs into a temporary folder (so the test never checks a
// stale dist/ and never writes into the shared one). CLEANROOMS_IAM_WEB_TEST_DIST=<folder with extension.js and
// web/extension.js> tests existing bundles instead (e.g. the repo's dist/ after `npm run build`).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { analyze } from '../../src/analysis/analyze';
import { analyzeDocument } from '../../src/frontends/document';
import { HCL_WASM_NAMES, loadHclParser } from '../../src/frontends/hcl-parser';
import type { Severity } from '../../src/analysis/types';
import { COMMANDS } from '../../src/vscode/logic/ids';
import { editorFindings } from '../../src/vscode/logic/syntax-owner';
import { loadTestIamIndex } from './helpers/iam';
import { DEFAULT_OUT } from '../../scripts/build-iam-data';
import { createFakeVscode, Uri, Range, type CodeAction, type CodeLens, type Diagnostic, type FakeDocument, type Hover } from './helpers/fake-vscode';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = ['workspace', 'good', 'bad'].flatMap((d) =>
  readdirSync(join(ROOT, 'test', 'fixtures', d))
    // Terraform JSON is compared in the Terraform test below (the Node build's HCL parser cannot load in this sandbox).
    .filter((f) => f.endsWith('.json') && !f.endsWith('.tf.json'))
    .sort()
    .map((f) => join(ROOT, 'test', 'fixtures', d, f)),
);
const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Only what a browser (web worker) has, no Node built-ins: no process, Buffer, require, module, global. */
function webGlobals() {
  return { TextDecoder, TextEncoder, URL, setTimeout, clearTimeout, queueMicrotask, console, WebAssembly };
}

interface Loaded {
  exports: { activate(ctx: unknown): any; deactivate?(): void };
  required: string[];
  context: vm.Context;
}

/**
 * Loads a CommonJS bundle in a fresh context with `require` limited to 'vscode'. The Node bundle may also require its
 * engine file (`./engine.js`, beside it), loaded in the same context under the same rule; the web bundle may not.
 */
function loadBundle(
  file: string,
  vscodeApi: unknown,
  web: boolean,
  context = vm.createContext(web ? webGlobals() : { ...webGlobals() }),
  required: string[] = [],
): Loaded {
  const code = readFileSync(file, 'utf8');
  const fn = vm.runInContext(`(function (exports, require, module) {${code}\n})`, context, { filename: file });
  const module = { exports: {} as Loaded['exports'] };
  let engine: unknown;
  const req = (id: string) => {
    required.push(id);
    if (id === 'vscode') return vscodeApi;
    if (id === './engine.js' && !web) return (engine ??= loadBundle(join(dirname(file), 'engine.js'), vscodeApi, web, context, required).exports);
    throw new Error(`require('${id}') is not available here (a browser has no Node built-ins)`);
  };
  fn(module.exports, req, module);
  return { exports: module.exports, required, context };
}

interface Run {
  fake: ReturnType<typeof createFakeVscode>;
  api: any;
  ctx: ReturnType<ReturnType<typeof createFakeVscode>['context']>;
  docs: Map<string, FakeDocument>;
  required: string[];
  context: vm.Context;
}

type DiagRow = [rule: string, startLine: number, startChar: number, endLine: number, endChar: number, severity: number, message: string];

function rows(diags: readonly Diagnostic[] | undefined): DiagRow[] {
  return (diags ?? []).map((d) => {
    const code = typeof d.code === 'object' ? d.code.value : String(d.code);
    return [code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message];
  });
}

describe('web build: the browser bundle runs without Node built-ins and matches the Node build', function () {
  this.timeout(120_000);
  let dist: string;
  let extRoot: string;
  let tmp: string | undefined;
  const runs: Record<'web' | 'node', Run> = {} as never;

  async function start(kind: 'web' | 'node'): Promise<Run> {
    const fake = createFakeVscode();
    const docs = new Map<string, FakeDocument>();
    // Half the fixtures are open before activation (validated by start()), half are opened afterwards (the event).
    const before = FIXTURES.filter((_f, i) => i % 2 === 0);
    for (const f of before) docs.set(f, fake.open(Uri.file(f), readFileSync(f, 'utf8')));
    const loaded = loadBundle(join(dist, kind === 'web' ? 'web/extension.js' : 'extension.js'), fake.vscode, kind === 'web');
    const ctx = fake.context(extRoot);
    const api = loaded.exports.activate(ctx);
    for (const f of FIXTURES) if (!docs.has(f)) docs.set(f, fake.open(Uri.file(f), readFileSync(f, 'utf8')));
    assert.equal(await api.loadIamData(), true, `${kind}: IAM data loaded through workspace.fs`);
    return { fake, api, ctx, docs, required: loaded.required, context: loaded.context };
  }

  before(async function () {
    if (process.env.CLEANROOMS_IAM_WEB_TEST_DIST) {
      dist = process.env.CLEANROOMS_IAM_WEB_TEST_DIST;
      extRoot = join(dist, '..');
    } else {
      // Run the project's esbuild.mjs with a temporary working directory: its entry points (src/…) resolve through a
      // symlink to the real sources, its outputs land in <tmp>/dist.
      tmp = mkdtempSync(join(tmpdir(), 'cleanrooms-web-build-'));
      symlinkSync(join(ROOT, 'src'), join(tmp, 'src'), 'dir');
      execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: tmp, stdio: 'pipe' });
      dist = join(tmp, 'dist');
      extRoot = tmp;
    }
    loadTestIamIndex(); // builds dist/iam-data.json when missing
    const data = join(extRoot, 'dist', 'iam-data.json');
    if (!existsSync(data)) {
      mkdirSync(join(extRoot, 'dist'), { recursive: true });
      symlinkSync(DEFAULT_OUT, data);
    }
    runs.web = await start('web');
    runs.node = await start('node');
  });

  after(() => {
    for (const r of Object.values(runs)) {
      for (const d of r?.ctx.subscriptions ?? []) d.dispose();
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads with web globals only: the bundle requires nothing but vscode, and the context has no Node globals', () => {
    assert.deepEqual([...new Set(runs.web.required)], ['vscode']);
    // The Node bundle loads its engine file on first use (after activation); nothing else.
    assert.deepEqual([...new Set(runs.node.required)].sort(), ['./engine.js', 'vscode']);
    const g = vm.runInContext('[typeof process, typeof Buffer, typeof require, typeof module, typeof global, typeof setImmediate]', runs.web.context);
    assert.deepEqual([...g], ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
    // The require stand-in really throws for built-ins (what a stray `require('fs')` would meet).
    assert.throws(() => loadBundle(writeTemp('require("fs");'), {}, true), /require\('fs'\) is not available/);
  });

  it('activates the same way: the rule and role-check diagnostic collections, every command, the providers, all in subscriptions', () => {
    for (const kind of ['web', 'node'] as const) {
      const { state } = runs[kind].fake;
      assert.deepEqual(state.collections, ['cleanrooms-iam', 'cleanrooms-iam-role-check'], kind);
      // Every contributed command, plus the lightbulb's internal "Turn off <rule> in settings" (not in the palette).
      assert.deepEqual([...state.commands.keys()].sort(), [...Object.values(COMMANDS), 'cleanroomsIam.turnOffRule'].sort(), kind);
      // Rule findings and the role check each have a code action and a code lens provider.
      assert.equal(state.providers.codeActions.length, 2, kind);
      assert.equal(state.providers.hovers.length, 1, kind);
      assert.equal(state.providers.codeLens.length, 2, kind);
      assert.deepEqual(
        state.providers.completion.map((c) => c.triggers),
        [['"', ':']],
        `${kind}: one completion provider, triggered by " and :`,
      );
      assert.ok(runs[kind].ctx.subscriptions.length >= Object.values(COMMANDS).length + 3, kind);
      assert.match(state.output.join('\n'), /IAM reference data .* loaded/, kind);
    }
  });

  it('reports the same diagnostics as the Node build and as analyze() with the IAM index, on every fixture', () => {
    const iam = loadTestIamIndex();
    let total = 0;
    const rulesSeen = new Set<string>();
    let engineSyntax = 0;
    for (const f of FIXTURES) {
      const web = rows(runs.web.fake.state.diagnostics.get(Uri.file(f).toString()));
      const node = rows(runs.node.fake.state.diagnostics.get(Uri.file(f).toString()));
      assert.deepEqual(web, node, `${f}: web = node`);
      const doc = runs.web.docs.get(f)!;
      const r = analyze(doc.getText(), { iam, fileName: f.split('/').pop(), maxLength: 5 * 1024 * 1024, severityOverrides: {} });
      engineSyntax += r.findings.filter((x) => x.rule === 'json-syntax').length;
      // In json/jsonc documents pure syntax errors are left to VS Code's JSON support (src/vscode/logic/syntax-owner.ts).
      const expected: DiagRow[] = editorFindings(r.findings, doc.languageId).map((x) => {
        const s = doc.positionAt(x.offset);
        const e = doc.positionAt(x.offset + x.length);
        return [x.rule, s.line, s.character, e.line, e.character, SEVERITY[x.severity], x.message];
      });
      assert.deepEqual(web, expected, `${f}: web = analyze()`);
      total += web.length;
      for (const w of web) rulesSeen.add(w[0]);
    }
    // The fixtures are not all clean: the comparison covers real findings of several families.
    assert.ok(total >= 30, `${total} diagnostics compared`);
    for (const rule of ['placeholder-bare-name', 'placeholder-example-value', 'placeholder-token', 'arn-s3-two-colons']) assert.ok(rulesSeen.has(rule), rule);
    assert.ok(engineSyntax > 0 && !rulesSeen.has('json-syntax'), 'syntax errors found by the engine are not published in json documents');
    assert.equal(runs.web.fake.state.diagnostics.get(Uri.file(join(ROOT, 'test/fixtures/good/read-data-trust.json')).toString())?.length ?? 0, 0);
  });

  it('analyses Terraform in the web build: the parser’s two WebAssembly files read from the extension’s dist/ through workspace.fs, the diagnostics of analyzeDocument', async () => {
    const { fake, api } = runs.web;
    const hcl = await loadHclParser({
      runtime: join(ROOT, 'node_modules', 'web-tree-sitter', HCL_WASM_NAMES.runtime),
      grammar: join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', HCL_WASM_NAMES.grammar),
    });
    const iam = loadTestIamIndex();
    const opened = ['terraform/seed-mistakes.tf', 'terraform/good.tf', 'workspace/terraform-read-data.tf.json'].map((name) => {
      const f = join(ROOT, 'test', 'fixtures', name);
      return fake.open(Uri.file(f), readFileSync(f, 'utf8'), name.endsWith('.json') ? 'json' : 'terraform');
    });
    // The first Terraform document starts loading the parser; the documents are validated again once it is there.
    const deadline = Date.now() + 20_000;
    while (opened.some((d) => !api.analysis(d.uri)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.doesNotMatch(fake.state.output.join('\n'), /Terraform parser could not be loaded/);
    const wasmReads = fake.state.reads.filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(
      wasmReads.sort(),
      [join(extRoot, 'dist', HCL_WASM_NAMES.grammar), join(extRoot, 'dist', HCL_WASM_NAMES.runtime)].sort(),
      'each file read once, from dist/',
    );
    for (const doc of opened) {
      assert.equal(api.analysis(doc.uri)?.host, 'terraform', `${doc.uri.path}: analysed as Terraform`);
      const r = analyzeDocument(doc.getText(), {
        iam,
        languageId: doc.languageId,
        hcl,
        fileName: doc.uri.path.split('/').pop(),
        maxLength: 5 * 1024 * 1024,
        severityOverrides: {},
      });
      const expected: DiagRow[] = r.findings.map((x) => {
        const s = doc.positionAt(x.offset);
        const e = doc.positionAt(x.offset + x.length);
        return [x.rule, s.line, s.character, e.line, e.character, SEVERITY[x.severity], x.message];
      });
      assert.deepEqual(rows(fake.state.diagnostics.get(doc.uri.toString())), expected, doc.uri.path);
    }
    // The seed's mistakes are found (the comparison is not between two empty lists); the correct file is clean.
    const seedRules = rows(fake.state.diagnostics.get(opened[0].uri.toString())).map((x) => x[0]);
    for (const rule of ['cleanrooms-principal-typo', 'arn-s3-two-colons', 'placeholder-example-value'])
      assert.ok(seedRules.includes(rule), seedRules.join(','));
    assert.equal(fake.state.diagnostics.get(opened[1].uri.toString())?.length ?? 0, 0);
    assert.ok((fake.state.diagnostics.get(opened[2].uri.toString())?.length ?? 0) > 0, 'the .tf.json fixture has findings');
    assert.equal(api.analysis(opened[2].uri)?.host, 'terraform');
    for (const d of opened) fake.close(d);
  });

  it('re-validates on change (debounced) and clears on close, in the web build', async () => {
    const { fake, docs } = runs.web;
    const f = FIXTURES.find((x) => x.endsWith('good/read-data-permissions.json'))!;
    const doc = docs.get(f)!;
    const key = doc.uri.toString();
    assert.equal(fake.state.diagnostics.get(key)?.length ?? 0, 0);
    fake.change(doc, doc.getText().replace('"Effect": "Allow"', '"Effect": "Allow", "Resource": "arn:aws:s3::<bucket>/*"'));
    const deadline = Date.now() + 5000;
    while (!fake.state.diagnostics.get(key)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const rules = rows(fake.state.diagnostics.get(key)).map((r) => r[0]);
    assert.ok(rules.includes('placeholder-token'), rules.join(','));
    fake.close(doc);
    assert.equal(fake.state.diagnostics.has(key), false);
  });

  it('gives the same hovers (IAM action with reference data, ARN, placeholder) in both builds', () => {
    const f = FIXTURES.find((x) => x.endsWith('workspace/read-data-permissions-policy.json'))!;
    const text = readFileSync(f, 'utf8');
    const hover = (kind: 'web' | 'node', needle: string) => {
      const doc = runs[kind].docs.get(f)!;
      const p = runs[kind].fake.state.providers.hovers[0] as { provideHover(d: unknown, p: unknown): Hover | undefined };
      const h = p.provideHover(doc, doc.positionAt(text.indexOf(needle) + 2));
      return h
        ? {
            md: h.contents.map((c) => c.value).join('\n'),
            range: h.range && [h.range.start.line, h.range.start.character, h.range.end.line, h.range.end.character],
          }
        : undefined;
    };
    for (const needle of ['glue:GetTable"', 'arn:aws:s3:::']) {
      const w = hover('web', needle);
      assert.ok(w, needle);
      assert.deepEqual(plain(w), plain(hover('node', needle)), needle);
    }
    const action = hover('web', 'glue:GetTable"')!.md;
    assert.match(action, /glue:GetTable/);
    assert.match(action, /access level/i, 'details from the IAM reference data');
  });

  it('offers the same quick fixes and code lens in both builds', () => {
    for (const name of ['bad/seed-read-data-permissions.json', 'bad/seed-receive-results-trust.json', 'workspace/smoke-bad-policy.json']) {
      const f = FIXTURES.find((x) => x.endsWith(name))!;
      const out = (kind: 'web' | 'node') => {
        const doc = runs[kind].docs.get(f)!;
        const diagnostics = runs[kind].fake.state.diagnostics.get(doc.uri.toString()) ?? [];
        const ca = runs[kind].fake.state.providers.codeActions[0] as { provideCodeActions(d: unknown, r: unknown, c: unknown): CodeAction[] };
        const actions = ca.provideCodeActions(doc, new Range(0, 0, 0, 0), { diagnostics, triggerKind: 1 });
        const lens = (runs[kind].fake.state.providers.codeLens[0] as { provideCodeLenses(d: unknown): CodeLens[] }).provideCodeLenses(doc);
        return {
          actions: actions.map((a) => [
            a.title,
            a.kind?.value,
            a.isPreferred ?? false,
            a.edit?.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]) ?? a.command?.command,
          ]),
          lens: lens.map((l) => l.command?.title),
        };
      };
      // JSON round trip: arrays made inside the vm context have that realm's Array prototype.
      const web = plain(out('web'));
      assert.ok(web.actions.length > 0, name);
      assert.deepEqual(web, plain(out('node')), name);
    }
  });

  it('runs Copy AWS CLI Commands in the web build: finds the sibling through workspace.fs and copies the commands', async () => {
    const { api, fake, docs } = runs.web;
    const trust = FIXTURES.find((x) => x.endsWith('workspace/read-data-trust-policy.json'))!;
    const perms = join(ROOT, 'test/fixtures/workspace/read-data-permissions-policy.json');
    const asked: string[] = [];
    api.setPromptProvider({
      pickFile: async () => (asked.push('file'), undefined),
      pickCliStyle: async () => (asked.push('style'), 'inline'),
      inputRoleName: async (ctx: { defaultValue: string; validate(v: string): string | undefined }) => {
        asked.push(`name:${ctx.defaultValue}`);
        assert.match(ctx.validate('read-data') ?? '', /cleanrooms/);
        return ctx.defaultValue;
      },
      showMessage: (kind: string, text: string) => fake.state.messages.push({ kind, text }),
    });
    try {
      const out = await fake.vscode.commands.executeCommand(COMMANDS.copyCliCommands, docs.get(trust)!.uri);
      assert.equal((out as { status: string }).status, 'copied');
      assert.deepEqual(asked, ['style', 'name:cleanrooms-read-data'], 'the same-stem sibling is taken without asking');
      const lines = fake.state.clipboard.trimEnd().split('\n');
      assert.deepEqual(
        lines.filter((l) => !l.startsWith('#')),
        [
          `aws iam create-role --role-name cleanrooms-read-data --path /service-role/ --assume-role-policy-document file://${trust}`,
          `aws iam put-role-policy --role-name cleanrooms-read-data --policy-name cleanrooms-read-data-permissions --policy-document file://${perms}`,
        ],
      );
      const shown = fake.state.opened.at(-1)!;
      assert.equal(shown.languageId, 'shellscript');
      assert.equal(shown.getText(), fake.state.clipboard);
    } finally {
      api.setPromptProvider(undefined);
    }
  });

  it('disposes cleanly: every listener it added is removed', () => {
    const { fake, ctx } = runs.node;
    assert.ok(fake.listeners() > 0);
    for (const d of ctx.subscriptions.splice(0)) d.dispose();
    assert.equal(fake.listeners(), 0);
    assert.equal(fake.state.commands.size, 0);
  });
});

/** A plain (this realm's) copy of JSON-able data. */
function plain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

const snippetDirs: string[] = [];
after(() => snippetDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function writeTemp(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-web-snippet-'));
  snippetDirs.push(dir);
  const f = join(dir, 'bundle.js');
  writeFileSync(f, code);
  return f;
}
