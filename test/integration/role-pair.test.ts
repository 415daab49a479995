// Across a role's two files in the real VS Code (issue 14, item 1): a permissions policy whose Glue Region differs from
// the membership Region of the trust policy next to it gets a consistency-role-pair diagnostic that names the trust
// file; so does the open trust policy; editing one file updates the other's diagnostics; a closed sibling is read
// from disk. The files live in a temporary folder outside the workspace (nothing in the repository is written).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi } from '../../src/vscode/extension';
import { closeAll, EXTENSION_ID, ours, ruleIdOf, waitFor } from './helpers';

const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const ACCT = '246813579024';
const j = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';
const trust = (region: string): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:cleanrooms:${region}:${ACCT}:membership/${MID}` } },
      },
    ],
  });
const perms = (region: string): string =>
  j({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['glue:GetDatabase', 'glue:GetTable'], Resource: [`arn:aws:glue:${region}:${ACCT}:database/sales`] }],
  });

let api: CleanRoomsIamApi;
const RULE = 'consistency-role-pair';
const pairDiags = (uri: vscode.Uri) => ours(uri).filter((d) => ruleIdOf(d) === RULE);

describe('diagnostics across a role\u2019s trust and permissions files', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-pair-'));
  });
  afterEach(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string): vscode.Uri => {
    fs.writeFileSync(path.join(dir, name), text);
    return vscode.Uri.file(path.join(dir, name));
  };

  it('flags the permissions Region against the closed trust file next to it, naming the file and its Region', async () => {
    write('read-data-trust.json', trust('eu-west-2'));
    const p = write('read-data-permissions.json', perms('us-east-1'));
    const doc = await vscode.workspace.openTextDocument(p);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('the role-pair diagnostic', () => pairDiags(p).length === 1 && pairDiags(p), 15_000, [api.onDidUpdateDiagnostics]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d.range), 'us-east-1');
    assert.match(d.message, /"read-data-trust\.json" \(the trust policy of this role\) names memberships in eu-west-2/);
    assert.equal(
      typeof d.code === 'object' && d.code.target.toString(true),
      'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html#create-service-role-procedure',
    );
  });

  it('shows it on the open trust file too, and fixing the Region in one open file clears both', async () => {
    const t = write('read-data-trust.json', trust('eu-west-2'));
    const p = write('read-data-permissions.json', perms('us-east-1'));
    const tdoc = await vscode.workspace.openTextDocument(t);
    const pdoc = await vscode.workspace.openTextDocument(p);
    await vscode.window.showTextDocument(tdoc);
    const [td] = await waitFor('the trust file diagnostic', () => pairDiags(t).length === 1 && pairDiags(t), 15_000, [api.onDidUpdateDiagnostics]);
    assert.equal(tdoc.getText(td.range), 'eu-west-2');
    assert.match(td.message, /"read-data-permissions\.json" \(the permissions policy of this role\) grants on glue resources in "us-east-1"/);
    await waitFor('the permissions file diagnostic', () => pairDiags(p).length === 1, 15_000, [api.onDidUpdateDiagnostics]);

    // Type the trust policy's Region into the permissions file (unsaved): both files are clean.
    const region = pdoc.getText().indexOf('us-east-1');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(p, new vscode.Range(pdoc.positionAt(region), pdoc.positionAt(region + 'us-east-1'.length)), 'eu-west-2');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('both files clean', () => pairDiags(p).length === 0 && pairDiags(t).length === 0, 15_000, [api.onDidUpdateDiagnostics]);
    // And back: the trust file shows it again without being edited.
    const back = new vscode.WorkspaceEdit();
    back.replace(p, new vscode.Range(pdoc.positionAt(region), pdoc.positionAt(region + 'eu-west-2'.length)), 'ap-south-1');
    assert.ok(await vscode.workspace.applyEdit(back));
    const [again] = await waitFor('the trust file diagnostic again', () => pairDiags(t).length === 1 && pairDiags(t), 15_000, [api.onDidUpdateDiagnostics]);
    assert.match(again.message, /in "ap-south-1"/);
  });

  it('pairs nothing when two permissions files sit next to one trust file with other names', async () => {
    write('trust.json', trust('eu-west-2'));
    write('athena-permissions.json', perms('us-east-1'));
    const p = write('glue-permissions.json', perms('us-east-1'));
    const doc = await vscode.workspace.openTextDocument(p);
    await vscode.window.showTextDocument(doc);
    await waitFor('its own diagnostics', () => api.analysis(p) !== undefined, 15_000, [api.onDidUpdateDiagnostics]);
    // Give the background pairing time to run, then check it found nothing.
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(pairDiags(p), []);
  });
});
