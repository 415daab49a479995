// CloudFormation templates in the real VS Code: a YAML template gets the kit's diagnostics on its own lines, and a quick
// fix edits the YAML; a YAML file that is not a template (a Kubernetes manifest) gets nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CleanRoomsIamApi, CommandOutcome, PromptProvider } from '../../src/vscode/extension';
import { cancellingPrompts, closeAll, EXTENSION_ID, openUntitled, ours, ruleIdOf, SEED_MISTAKES, waitFor, workspaceFile } from './helpers';

describe('CloudFormation YAML in the editor', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('a template with the seed’s mistakes: each is a diagnostic on its own line, on exactly its text', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('cloudformation-read-data.yaml'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    const want = SEED_MISTAKES.map(([rule, text]) => [rule, text]);
    const diags = await waitFor('six diagnostics on the template', () => ours(doc.uri).length >= want.length && ours(doc.uri), 30_000);
    assert.deepEqual(diags.map((d) => [ruleIdOf(d), doc.getText(d.range)]).sort(), want.sort());
    const typo = diags.find((d) => ruleIdOf(d) === 'iam-unknown-action')!;
    assert.match(doc.lineAt(typo.range.start.line).text, /^\s+- glue:GetTabels$/);
  });

  it('the quick fix edits the YAML, and the diagnostic goes', async () => {
    const text = (await vscode.workspace.fs.readFile(workspaceFile('cloudformation-read-data.yaml'))).toString();
    const doc = (await openUntitled(text, 'yaml')).document;
    const diag = await waitFor('the unknown-action diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'iam-unknown-action'), 30_000);
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
    await waitFor('the diagnostic to go', () => !ours(doc.uri).some((d) => ruleIdOf(d) === 'iam-unknown-action') && true, 30_000);
    // Only that line changed.
    assert.equal(doc.getText().replace('glue:GetTables', 'glue:GetTabels'), text);
  });

  it('a Kubernetes manifest, and a template whose policies are correct, get no diagnostics', async () => {
    const manifest = (
      await openUntitled(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: policies\ndata:\n  Statement: "<bucket-name>"\n  Type: "AWS::IAM::Role"\n',
        'yaml',
      )
    ).document;
    const good = (
      await openUntitled(
        [
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
        'yaml',
      )
    ).document;
    // Let a bad template prove the validator is running in this window, then expect nothing on the two others.
    const bad = await vscode.workspace.openTextDocument(workspaceFile('cloudformation-read-data.yaml'));
    await vscode.window.showTextDocument(bad);
    await waitFor('diagnostics on the bad template', () => ours(bad.uri).length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(ours(manifest.uri).map(ruleIdOf), []);
    assert.deepEqual(ours(good.uri).map(ruleIdOf), []);
  });

  it('hovers on the literal parts of a template’s policies, and “unknown” on its intrinsics', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    await api.loadIamData();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('cloudformation-read-data.yaml'));
    await vscode.window.showTextDocument(doc);
    await waitFor('diagnostics on the template', () => ours(doc.uri).length > 0, 30_000);
    const hoverAt = async (needle: string, delta = 2): Promise<{ text: string; under: string }> => {
      const pos = doc.positionAt(doc.getText().indexOf(needle) + delta);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const mine = hovers.filter((h) =>
        h.contents.some((c) => typeof c !== 'string' && 'value' in c && /\*\*(Action|ARN|CloudFormation value)\*\*|placeholder/.test(c.value)),
      );
      return {
        text: mine.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n'),
        under: mine[0]?.range ? doc.getText(mine[0].range) : '',
      };
    };
    const action = await hoverAt('glue:GetDatabase');
    assert.match(action.text, /\*\*Action\*\* `glue:GetDatabase`/);
    assert.equal(action.under, 'glue:GetDatabase');
    const arn = await hoverAt('arn:aws:glue:${AWS::Region}');
    assert.match(arn.text, /- region: `\$\{AWS::Region\}` \(a CloudFormation value/);
    assert.match(arn.text, /- service: `glue`/);
    const ref = await hoverAt('${MembershipId}', 3);
    assert.match(ref.text, /\*\*CloudFormation value\*\* `\$\{MembershipId\}`/);
    assert.equal(ref.under, '${MembershipId}');
    // Outside the policies (the role's name), nothing of ours.
    assert.equal((await hoverAt('cleanrooms-read-')).text, '');
  });

  it('Fill Placeholders in a YAML template: the code lens, the quick fix, an edit in the YAML, and the diagnostic goes', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    const messages: string[] = [];
    const asked: string[] = [];
    const prompts: PromptProvider = {
      ...cancellingPrompts(),
      async inputValue(step) {
        asked.push(step.key);
        return step.key === '<bucket-name>' ? 'harbourline-exports' : undefined;
      },
      showMessage(_kind, message) {
        messages.push(message);
      },
    };
    api.setPromptProvider(prompts);
    try {
      const text = (await vscode.workspace.fs.readFile(workspaceFile('cloudformation-read-data.yaml'))).toString();
      const doc = (await openUntitled(text, 'yaml')).document;
      const diag = await waitFor('the placeholder diagnostic', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'placeholder-token'), 30_000);
      // The diagnostics are published: the lens reads the same cached analysis.
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
      assert.equal(doc.getText(), text.replace('arn:aws:s3:::<bucket-name>', 'arn:aws:s3:::harbourline-exports'));
      await waitFor('the placeholder diagnostic to go', () => !ours(doc.uri).some((d) => ruleIdOf(d) === 'placeholder-token') && true, 30_000);
      assert.deepEqual(messages, []);
    } finally {
      api.setPromptProvider(undefined);
    }
  });

  it('an answer the YAML quoting cannot hold is not written: the placeholder is left and the user is told why', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    const messages: string[] = [];
    api.setPromptProvider({
      ...cancellingPrompts(),
      async inputValue(step) {
        return step.key === '<account-id>' ? '604718293525' : undefined;
      },
      showMessage(_kind, message) {
        messages.push(message);
      },
    });
    try {
      const text = (await vscode.workspace.fs.readFile(workspaceFile('cloudformation-read-data.yaml')))
        .toString()
        .replace('aws:SourceAccount: "111122223333"', 'aws:SourceAccount: <account-id>');
      const doc = (await openUntitled(text, 'yaml')).document;
      await waitFor('diagnostics', () => ours(doc.uri).length > 0, 30_000);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.fillPlaceholder', doc.uri, '<account-id>');
      assert.equal(outcome.status, 'nothing', JSON.stringify(outcome));
      assert.equal(doc.getText(), text);
      assert.equal(messages.length, 1);
      assert.match(messages[0], /^<account-id> on line \d+ was left as it is: without quotes YAML would read the value with this answer as something else/);
    } finally {
      api.setPromptProvider(undefined);
    }
  });

  it('a large template (analysed in the worker): Fill Placeholders finds and fills its placeholder', async () => {
    const api = await vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID)!.activate();
    const role = (i: number): string =>
      [
        `  Role${i}:`,
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
        '      Policies:',
        '        - PolicyName: read',
        '          PolicyDocument:',
        '            Version: "2012-10-17"',
        '            Statement:',
        '              - Effect: Allow',
        '                Action: [s3:GetObject]',
        `                Resource: ${i === 1 ? 'arn:aws:s3:::<bucket-name>/*' : '!Sub "arn:aws:s3:::${DataBucket}/*"'}`,
        '',
      ].join('\n');
    const roles: string[] = [];
    for (let i = 1, len = 0; len < 300 * 1024; i++) len += (roles[roles.length] = role(i)).length;
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${roles.join('')}`;
    api.setPromptProvider({
      ...cancellingPrompts(),
      async inputValue(step) {
        return step.key === '<bucket-name>' ? 'harbourline-exports' : undefined;
      },
    });
    try {
      const doc = (await openUntitled(text, 'yaml')).document;
      await waitFor('the placeholder diagnostic (from the worker)', () => ours(doc.uri).find((d) => ruleIdOf(d) === 'placeholder-token'), 30_000);
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.fillPlaceholders', doc.uri);
      assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
      assert.equal(doc.getText(), text.replace('<bucket-name>', 'harbourline-exports'));
    } finally {
      api.setPromptProvider(undefined);
    }
  });
});
