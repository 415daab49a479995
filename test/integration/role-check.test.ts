// "Will Clean Rooms be able to use this role?" in the real VS Code (issue 16): the code lens on a recognised role, a
// warning with a quick fix for a denied request, and the "Check Role Against Clean Rooms…" command's request table.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { mustTemplate } from '../../src/catalog/role-requests';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import { cancellingPrompts, closeAll, EXTENSION_ID, openUntitled, waitFor } from './helpers';

let api: CleanRoomsIamApi;

before(async function () {
  this.timeout(30_000);
  const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  api = await ext.activate();
  assert.ok(await api.loadIamData(), 'the IAM reference data loads');
});

/** The AWS page's read-data permissions policy for Glue and S3, filled with realistic values. */
function readDataPermissions(): string {
  const t = mustTemplate('read-data-s3-permissions');
  return renderTemplate(
    t,
    sampleValues(t, (k) => placeholderKind(k).sample),
  );
}

const roleDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cleanrooms-iam role check');

/** Polls an async check every 100 ms until it is truthy (code lenses are asked for, not pushed). */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function lensTitles(doc: vscode.TextDocument): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
  return lenses.filter((l) => l.command?.command === 'cleanroomsIam.checkRole').map((l) => l.command!.title);
}

describe('role check', function () {
  this.timeout(60_000);
  afterEach(async () => {
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('a filled read-data permissions policy gets "Clean Rooms can use this role ✔" and no role-check warning', async () => {
    const ed = await openUntitled(readDataPermissions());
    const titles = await eventually('the role lens', async () => {
      const t = await lensTitles(ed.document);
      return t.length > 0 && t;
    });
    assert.deepEqual(titles, ['Clean Rooms can use this role ✔']);
    assert.deepEqual(roleDiagnostics(ed.document.uri), []);
  });

  it('removing glue:GetPartitions: the lens counts the denied requests, a warning names it, and its quick fix restores ✔', async () => {
    const text = readDataPermissions().replace(/\s*"glue:GetPartitions",/, '');
    assert.doesNotMatch(text, /glue:GetPartitions"/);
    const ed = await openUntitled(text);
    const doc = ed.document;
    const diags = await waitFor('role-check warnings', () => (roleDiagnostics(doc.uri).length ? roleDiagnostics(doc.uri) : undefined), 20_000);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    assert.ok(
      diags.some((d) => /glue:GetPartitions/.test(d.message)),
      diags.map((d) => d.message).join('\n'),
    );
    const titles = await lensTitles(doc);
    assert.equal(titles.length, 1);
    assert.match(titles[0], /^\d+ of \d+ requests denied$/);
    // The warning sits on the Action of the statement the fix goes to.
    const d = diags.find((x) => /glue:GetPartitions/.test(x.message))!;
    assert.equal(doc.getText(d.range), '"Action"');
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ??
      [];
    const fix = actions.find((a) => /^Add glue:GetPartitions to the Action of statement \d+$/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the role check passes again', () => roleDiagnostics(doc.uri).length === 0 || undefined, 20_000);
    assert.deepEqual(
      await eventually('the ✔ lens', async () => {
        const t = await lensTitles(doc);
        return t[0]?.endsWith('✔') && t;
      }),
      ['Clean Rooms can use this role ✔'],
    );
    assert.ok(JSON.parse(doc.getText()), 'the fixed policy is valid JSON');
  });

  it('"Check Role Against Clean Rooms…" shows the request table; on an unknown policy it asks which role (Escape changes nothing)', async () => {
    const ed = await openUntitled(readDataPermissions().replace(/\s*"glue:GetPartitions",/, ''));
    await waitFor('analysed', () => api.analysis(ed.document.uri));
    const out = await vscode.commands.executeCommand<{ status: string; role?: string; ok?: boolean; text?: string }>(
      'cleanroomsIam.checkRole',
      ed.document.uri,
    );
    assert.equal(out?.status, 'checked');
    assert.equal(out.role, 'read-data-s3');
    assert.equal(out.ok, false);
    assert.match(out.text ?? '', /glue:GetPartitions/);
    assert.match(out.text ?? '', /denied/);
    // A policy that is no Clean Rooms role: the role is asked for; Escape cancels.
    const other = await openUntitled('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}');
    assert.deepEqual(await lensTitles(other.document), [], 'no lens on a policy that is not a Clean Rooms role');
    const asked: string[] = [];
    api.setPromptProvider({
      ...cancellingPrompts(),
      async pickFile(items) {
        asked.push(...items.map((i) => i.id));
        return undefined;
      },
    });
    const before = other.document.getText();
    const cancelled = await vscode.commands.executeCommand<{ status: string }>('cleanroomsIam.checkRole', other.document.uri);
    assert.equal(cancelled?.status, 'cancelled');
    assert.ok(asked.includes('read-data-s3'), asked.join(','));
    assert.equal(other.document.getText(), before);
  });
});
