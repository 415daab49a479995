// Terraform in the real VS Code: a .tf file (language `terraform`, contributed by the kit when the HashiCorp extension
// is not installed) gets the kit's diagnostics on its own lines once the HCL parser has loaded, and a quick fix edits
// the HCL string.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi, CommandOutcome, PromptProvider } from '../../src/vscode/extension';
import { cancellingPrompts, closeAll, EXTENSION_ID, openUntitled, ours, ruleIdOf, SEED_MISTAKES, waitFor, workspaceFile } from './helpers';

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

  it('Fill Placeholders in a .tf file: the code lens, the quick fix, the answer written in the HCL string, and the diagnostic goes', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    const messages: string[] = [];
    const asked: string[] = [];
    api.setPromptProvider({
      ...cancellingPrompts(),
      async inputValue(step) {
        asked.push(step.key);
        return step.key === '<bucket-name>' ? 'harbourline-exports' : undefined;
      },
      showMessage(_kind, message) {
        messages.push(message);
      },
    } satisfies PromptProvider);
    try {
      const text = (await vscode.workspace.fs.readFile(workspaceFile('terraform-read-data.tf'))).toString();
      const doc = (await openUntitled(text, 'terraform')).document;
      const diag = await waitFor('the placeholder diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'placeholder-token'), 30_000);
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter(
        (l) => l.command?.command === 'cleanroomsIam.fillPlaceholders',
      );
      assert.deepEqual(
        lenses.map((l) => l.command?.title),
        ['Fill 2 placeholders…'], // <bucket-name> and the example account 111122223333
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        diag.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fill = actions.find((a) => a.title === 'Fill <bucket-name>…');
      assert.ok(fill?.command, `got ${actions.map((a) => a.title).join(' | ')}`);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(fill.command.command, ...(fill.command.arguments ?? []));
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      assert.deepEqual(asked, ['<bucket-name>']);
      assert.equal(doc.getText(), text.replace('"arn:aws:s3:::<bucket-name>"', '"arn:aws:s3:::harbourline-exports"'));
      await waitFor('the placeholder diagnostic to go', () => !ours(doc.uri).some((d) => ruleIdOf(d) === 'placeholder-token') && true, 30_000);
      assert.deepEqual(messages, []);
    } finally {
      api.setPromptProvider(undefined);
    }
  });

  it('Fill Placeholders in a quoted JSON string of a .tf file: the answer lands inside the escaped JSON', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    api.setPromptProvider({
      ...cancellingPrompts(),
      async inputValue(step) {
        return step.key === '<bucket>' ? 'harbourline-exports' : undefined;
      },
    });
    try {
      const text =
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.r.id\n  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"arn:aws:s3:::<bucket>/${var.prefix}/*\\"}]}"\n}\n';
      const doc = (await openUntitled(text, 'terraform')).document;
      await waitFor('the placeholder diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'placeholder-token'), 30_000);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.fillPlaceholder', doc.uri, '<bucket>');
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      assert.equal(doc.getText(), text.replace('<bucket>', 'harbourline-exports'));
      await waitFor('no diagnostic left', () => ours(doc.uri).length === 0 && true, 30_000);
    } finally {
      api.setPromptProvider(undefined);
    }
  });
});

describe('Terraform JSON (.tf.json) in the editor', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('a .tf.json file (language json) is read as Terraform: the seed’s mistakes on their own text; hovers name Terraform expressions', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('terraform-read-data.tf.json'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'json');
    const want = SEED_MISTAKES.map(([rule, text]) => [rule, text]);
    const diags = await waitFor('six diagnostics on the .tf.json file', () => ours(doc.uri).length >= want.length && ours(doc.uri), 30_000);
    assert.deepEqual(diags.map((d) => [ruleIdOf(d), doc.getText(d.range)]).sort(), want.sort());
    const text = doc.getText();
    const hs = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(text.indexOf('${var.membership_id}') + 3),
    );
    assert.match(hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /\*\*Terraform expression\*\*/);
  });

  it('the quick fix inside jsonencode in a JSON string of an untitled .tf.json: the edit keeps the JSON and the HCL intact', async () => {
    const text = (await vscode.workspace.fs.readFile(workspaceFile('terraform-read-data.tf.json'))).toString();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:/cleanrooms-test-${Date.now()}.tf.json`));
    const ed = await vscode.window.showTextDocument(doc);
    assert.ok(await ed.edit((b) => b.insert(new vscode.Position(0, 0), text)));
    assert.equal(doc.languageId, 'json');
    const typo = await waitFor('the principal diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'cleanrooms-principal-typo'), 30_000);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to cleanrooms.amazonaws.com');
    assert.ok(fix?.edit, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), text.replace('cleanroom.amazonaws.com', 'cleanrooms.amazonaws.com'));
    await waitFor('the diagnostic to go', () => !ours(doc.uri).some((d) => ruleIdOf(d) === 'cleanrooms-principal-typo') && true, 30_000);
  });
});
