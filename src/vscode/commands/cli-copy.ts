// Copy AWS CLI Commands: the role's other policy from the same folder, its open problems, the role name, the commands.
import * as vscode from 'vscode';
import { classify } from '../../analysis/analyze';
import {
  buildCliCommands,
  rankSiblings,
  roleRequirements,
  suggestRoleName,
  trustServices,
  validateRoleName,
  type CliStyle,
  type PolicyFile,
} from '../../fill/aws-commands';
import { BACK } from '../logic/wizard';
import { openProblems, problemsQuestion } from '../logic/open-problems';
import { plainText } from '../logic/plain';
import { WALKTHROUGH_DONE } from '../logic/ids';
import { baseName, commandDocument, openDocument } from '../documents';
import { CommandGroup, t, type CommandOutcome } from './base';

/** Files larger than this are not read when looking for a policy's sibling. */
const MAX_SIBLING_BYTES = 2 * 1024 * 1024;

export class CliCopyCommands extends CommandGroup {
  // ---- Copy AWS CLI Commands ----
  /** The JSON documents next to `doc` (same folder) with the engine's kind; open documents are read from the editor. */
  private folderPolicies(doc: vscode.TextDocument): Promise<Array<PolicyFile & { uri: vscode.Uri }>> {
    return this.validator.siblings.list(doc, MAX_SIBLING_BYTES);
  }

  async copyCliCommands(uri?: vscode.Uri): Promise<CommandOutcome> {
    const p = this.prompts();
    const title = vscode.l10n.t('Copy AWS CLI Commands');
    const doc = commandDocument(uri);
    if (!doc) return this.fail(vscode.l10n.t('Open a trust policy or a permissions policy first.'));
    const name = baseName(doc.uri);
    // The kind only: from the validator's parse of this version when it has one (no parse, no rule run).
    const kind = classify(doc.getText(), name, this.validator.parsed(doc)?.root);
    if (kind === 'not-a-policy') return this.fail(vscode.l10n.t('{0} is not an IAM policy (no top-level Statement).', plainText(name)));
    if (doc.isUntitled || doc.uri.scheme === 'untitled')
      return this.fail(vscode.l10n.t('Save the policy to a file first: the AWS CLI reads policies from files (file://…).'));

    const siblings = await this.folderPolicies(doc);
    const ranked = rankSiblings({ name, kind }, siblings);
    const otherKind = kind === 'trust' ? vscode.l10n.t('permissions policy') : vscode.l10n.t('trust policy');
    let otherName = ranked.match;
    if (otherName === undefined) {
      if (!ranked.ranked.length)
        return this.fail(
          vscode.l10n.t("No {0} next to {1}: save the role's other policy in the same folder and run the command again.", otherKind, plainText(name)),
        );
      otherName = await p.pickFile(
        ranked.ranked.map((n) => ({ id: n, label: n })),
        { title, placeholder: vscode.l10n.t('Which file holds the {0} of this role?', otherKind) },
      );
      if (otherName === undefined) return { status: 'cancelled' };
    }
    const other = siblings.find((s) => s.name === otherName);
    if (!other) return this.fail(vscode.l10n.t('{0} is not in the folder any more.', plainText(otherName)));
    const trust = kind === 'trust' ? { uri: doc.uri, name } : { uri: other.uri, name: other.name };
    const permissions = kind === 'trust' ? { uri: other.uri, name: other.name } : { uri: doc.uri, name };

    const readText = async (u: vscode.Uri): Promise<string> => {
      const open = openDocument(u);
      return open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(u));
    };
    const trustText = await readText(trust.uri);
    const permissionsText = await readText(permissions.uri);
    const req = roleRequirements(trustServices(trustText));

    // Problems first: commands that create a role from files the kit still finds wrong are asked about, not copied.
    const findings = async (text: string, n: string) => (await this.validator.analyzeText(text, n))?.findings ?? [];
    const problems = openProblems([
      { name: trust.name, findings: await findings(trustText, trust.name) },
      { name: permissions.name, findings: await findings(permissionsText, permissions.name) },
    ]);
    if (problems.errors + problems.warnings > 0) {
      const q = problemsQuestion(problems, problems.files.map(plainText), t);
      const choice = await p.confirmProblems({ title, ...q });
      if (choice === undefined) return { status: 'cancelled' };
      if (choice === 'show') {
        // The other file first, then the one the command ran on: it stays the active editor.
        const files = (kind === 'trust' ? [permissions, trust] : [trust, permissions]).filter((f) => problems.files.includes(f.name));
        const uris = files.map((f) => f.uri);
        for (const u of uris) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u), { preview: false });
        await Promise.resolve(vscode.commands.executeCommand('workbench.actions.view.problems')).catch(() => undefined);
        return { status: 'problems', errors: problems.errors, warnings: problems.warnings, uris: uris.map((u) => u.toString()) };
      }
    }

    // Two steps: the style, then the role name; Back from the name returns to the style (the one picked offered first).
    let style: CliStyle | undefined;
    let roleName: string;
    for (;;) {
      const picked = await p.pickCliStyle({ title, step: 1, totalSteps: 2, canGoBack: false, ...(style ? { current: style } : {}) });
      if (picked === undefined) return { status: 'cancelled' };
      style = picked;
      const answer = await p.inputRoleName({
        title,
        step: 2,
        totalSteps: 2,
        canGoBack: true,
        prompt:
          req.passRolePattern !== undefined
            ? vscode.l10n.t('Role name. {0} can pass only roles matching {1}.', req.managedPolicies.join(' / '), req.passRolePattern)
            : vscode.l10n.t('Role name (1-64 letters, digits and + = , . @ _ -).'),
        defaultValue: suggestRoleName(req, trust.name, permissions.name),
        validate: (v) => validateRoleName(v, req, t),
      });
      if (answer === undefined) return { status: 'cancelled' };
      if (answer === BACK) continue;
      roleName = answer;
      break;
    }
    const invalid = validateRoleName(roleName, req, t);
    if (invalid) return this.fail(invalid);

    const onDisk = trust.uri.scheme === 'file' && permissions.uri.scheme === 'file';
    const out = buildCliCommands(
      {
        roleName,
        requirements: req,
        trustPath: onDisk ? trust.uri.fsPath : trust.name,
        permissionsPath: onDisk ? permissions.uri.fsPath : permissions.name,
        relative: !onDisk,
        style,
      },
      t,
    );
    let copied = true;
    try {
      await vscode.env.clipboard.writeText(out.text);
    } catch {
      copied = false;
    }
    const shown = await vscode.workspace.openTextDocument({ language: 'shellscript', content: out.text });
    await vscode.window.showTextDocument(shown, { preview: true });

    const notes: string[] = [];
    const dirty = [trust.uri, permissions.uri].filter((u) => openDocument(u)?.isDirty);
    if (dirty.length) notes.push(vscode.l10n.t('Save {0} first: the AWS CLI reads the saved file.', dirty.map((u) => plainText(baseName(u))).join(', ')));
    const head = copied
      ? vscode.l10n.t('Copied {0} AWS CLI commands for role {1} to the clipboard.', out.commands.length, roleName)
      : vscode.l10n.t('The clipboard is not available: copy the AWS CLI commands for role {0} from the editor.', roleName);
    p.showMessage(notes.length || !copied ? 'warning' : 'info', [head, ...notes].join(' '));
    this.done(WALKTHROUGH_DONE.commandsCopied);
    return {
      status: 'copied',
      text: out.text,
      commands: out.commands,
      roleName,
      trustUri: trust.uri.toString(),
      permissionsUri: permissions.uri.toString(),
      uri: shown.uri.toString(),
    };
  }
}
