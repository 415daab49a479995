// Terraform in the real VS Code: a .tf file (language `terraform`, contributed by the kit when the HashiCorp extension
// is not installed) gets the kit's diagnostics on its own lines once the HCL parser has loaded, and a quick fix edits
// the HCL string.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openUntitled, ours, ruleIdOf, SEED_MISTAKES, waitFor, workspaceFile } from './helpers';

describe('Terraform in the editor', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('a .tf file with the seed’s mistakes: each is a diagnostic on its own line, on exactly its text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('terraform-read-data.tf'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'terraform');
    const want = SEED_MISTAKES.map(([rule, text]) => [rule, text]);
    const diags = await waitFor('six diagnostics on the .tf file', () => ours(doc.uri).length >= want.length && ours(doc.uri), 30_000);
    assert.deepEqual(diags.map((d) => [ruleIdOf(d), doc.getText(d.range)]).sort(), want.sort());
  });

  it('hovers: an action in the heredoc shows its reference data; an interpolation says it is a Terraform expression', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('terraform-read-data.tf'));
    await vscode.window.showTextDocument(doc);
    await waitFor('diagnostics on the .tf file', () => ours(doc.uri).length > 0, 30_000);
    const text = doc.getText();
    const hoverText = async (offset: number): Promise<string> => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
      return hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await hoverText(text.indexOf('glue:GetDatabase') + 2), /\*\*Action\*\*/);
    assert.match(await hoverText(text.indexOf('${var.membership_id}') + 3), /\*\*Terraform expression\*\*/);
  });

  it('the quick fix edits the HCL string, and the diagnostic goes', async () => {
    const text = (await vscode.workspace.fs.readFile(workspaceFile('terraform-read-data.tf'))).toString();
    const doc = (await openUntitled(text, 'terraform')).document;
    const diag = await waitFor('the principal diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'cleanrooms-principal-typo'), 30_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to cleanrooms.amazonaws.com');
    assert.ok(fix?.edit, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(diag.range.start.line).text, /Principal = \{ Service = "cleanrooms\.amazonaws\.com" \}/);
    await waitFor('the diagnostic to go', () => !ours(doc.uri).some((d) => ruleIdOf(d) === 'cleanrooms-principal-typo') && true, 30_000);
  });
});
