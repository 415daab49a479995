// CloudFormation templates in the real VS Code: a YAML template gets the kit's diagnostics on its own lines, and a quick
// fix edits the YAML; a YAML file that is not a template (a Kubernetes manifest) gets nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, ours, waitFor, workspaceFile } from './helpers';

const code = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('CloudFormation YAML in the editor', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('a template with the seed’s mistakes: each is a diagnostic on its own line, on exactly its text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('cloudformation-read-data.yaml'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    const want = [
      ['cleanrooms-principal-typo', 'cleanroom.amazonaws.com'],
      ['cleanrooms-source-arn-membership', 'collaboration'],
      ['placeholder-example-value', '111122223333'],
      ['iam-unknown-action', 'glue:GetTabels'],
      ['arn-s3-two-colons', '::'],
      ['placeholder-token', '<bucket-name>'],
    ];
    const diags = await waitFor('six diagnostics on the template', () => ours(doc.uri).length >= want.length && ours(doc.uri), 30_000);
    assert.deepEqual(diags.map((d) => [code(d), doc.getText(d.range)]).sort(), want.sort());
    const typo = diags.find((d) => code(d) === 'iam-unknown-action')!;
    assert.match(doc.lineAt(typo.range.start.line).text, /^\s+- glue:GetTabels$/);
  });

  it('the quick fix edits the YAML, and the diagnostic goes', async () => {
    const text = (await vscode.workspace.fs.readFile(workspaceFile('cloudformation-read-data.yaml'))).toString();
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor('the unknown-action diagnostic', () => ours(doc.uri).find((d) => code(d) === 'iam-unknown-action'), 30_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to glue:GetTables');
    assert.ok(fix?.edit, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(diag.range.start.line).text.trim(), '- glue:GetTables');
    await waitFor('the diagnostic to go', () => !ours(doc.uri).some((d) => code(d) === 'iam-unknown-action') && true, 30_000);
    // Only that line changed.
    assert.equal(doc.getText().replace('glue:GetTables', 'glue:GetTabels'), text);
  });

  it('a Kubernetes manifest, and a template whose policies are correct, get no diagnostics', async () => {
    const manifest = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: policies\ndata:\n  Statement: "<bucket-name>"\n  Type: "AWS::IAM::Role"\n',
    });
    await vscode.window.showTextDocument(manifest);
    const good = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: [
        'Resources:',
        '  R:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Effect: Allow',
        '            Principal: { Service: cleanrooms.amazonaws.com }',
        '            Action: sts:AssumeRole',
        '            Condition:',
        '              ArnLike:',
        '                aws:SourceArn: !Sub "arn:aws:cleanrooms:${AWS::Region}:${AWS::AccountId}:membership/${MembershipId}"',
        '',
      ].join('\n'),
    });
    await vscode.window.showTextDocument(good);
    // Let a bad template prove the validator is running in this window, then expect nothing on the two others.
    const bad = await vscode.workspace.openTextDocument(workspaceFile('cloudformation-read-data.yaml'));
    await vscode.window.showTextDocument(bad);
    await waitFor('diagnostics on the bad template', () => ours(bad.uri).length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ours(manifest.uri).map(code), []);
    assert.deepEqual(ours(good.uri).map(code), []);
  });
});
