// Smoke test run inside a real VS Code extension host (code-server here, desktop VS Code via run-desktop.mjs):
// the extension is installed, activates on a JSON policy document, reports a `cleanrooms-iam` diagnostic on a bad
// policy and none on an ordinary JSON file (the repo's package.json).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import { EXTENSION_ID, ours, SOURCE, waitFor, workspaceFile } from './helpers';

describe('smoke: extension in a real VS Code', () => {
  it(`is installed as ${EXTENSION_ID}`, () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `vscode.extensions.getExtension('${EXTENSION_ID}')`);
  });

  it('activates when a JSON policy document is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const doc = await vscode.workspace.openTextDocument(workspaceFile('smoke-bad-policy.json'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    // No explicit ext.activate(): the contributed activation events must do it.
    await waitFor('the extension to activate', () => ext.isActive, 30_000);
  });

  it('reports a cleanrooms-iam diagnostic on the bad fixture, and none on package.json', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    // Open the non-policy JSON first, so that by the time the bad policy has diagnostics, package.json was seen too.
    const pkgUri = vscode.Uri.file(path.join(ext.extensionPath, 'package.json'));
    const pkgDoc = await vscode.workspace.openTextDocument(pkgUri);
    await vscode.window.showTextDocument(pkgDoc, { preview: false });
    const bad = await vscode.workspace.openTextDocument(workspaceFile('smoke-bad-policy.json'));
    await vscode.window.showTextDocument(bad, { preview: false });

    const diags = await waitFor(
      `a ${SOURCE} diagnostic on smoke-bad-policy.json`,
      () => {
        const d = ours(bad.uri);
        return d.length > 0 && d;
      },
      30_000,
    );
    // The <bucket> placeholder sits inside the Resource string: some finding must cover that line.
    const line = bad
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('arn:aws:s3:::<bucket>/*'));
    assert.ok(
      diags.some((d) => d.range.start.line <= line && d.range.end.line >= line),
      `a diagnostic on line ${line + 1}; got ${diags.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`,
    );

    // Give the (debounced) validation of the other document the same chance, then expect nothing there.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      ours(pkgDoc.uri).map((d) => d.message),
      [],
      'no cleanrooms-iam diagnostics on package.json',
    );
  });

  it('loads the IAM reference data once, and says how long it took in this extension host', async () => {
    const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
    assert.ok(ext?.isActive);
    assert.equal(await ext.exports.loadIamData(), true);
    const ms = ext.exports.iamDataLoadMs();
    assert.ok(typeof ms === 'number' && ms >= 0, `load time ${ms}`);
    // The figure the README reports as measured in the workbench (read through workspace.fs + parse).
    console.log('METRIC iam-data-first-load-ms', ms);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
