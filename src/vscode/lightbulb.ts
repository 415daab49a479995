// The lightbulb's rule actions, as ESLint's extension offers them: for each rule with a diagnostic in the range,
// "Show documentation for <rule>" (the Show Rule Documentation command) and "Turn off <rule> in settings", which
// writes cleanroomsIam.rules[<rule>] = "off" in the USER settings (ConfigurationTarget.Global), never the workspace:
// the validation settings are machine-scoped on purpose, so that a repository cannot switch checks off.
import * as vscode from 'vscode';
import { SECTION } from './config';
import { ruleOf } from './convert';
import { COMMANDS } from './logic/ids';

/** Internal command (not contributed to the palette): the lightbulb's "Turn off <rule> in settings". */
export const TURN_OFF_RULE = 'cleanroomsIam.turnOffRule';

/** One "Show documentation" and one "Turn off" action per distinct rule among `diagnostics` (ours only). */
export function ruleActions(diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  const out: vscode.CodeAction[] = [];
  const byRule = new Map<string, vscode.Diagnostic[]>();
  for (const d of diagnostics) {
    const rule = ruleOf(d);
    if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), d]);
  }
  for (const [rule, diags] of byRule) {
    const docs = new vscode.CodeAction(vscode.l10n.t('Show documentation for {0}', rule), vscode.CodeActionKind.QuickFix);
    docs.command = { command: COMMANDS.showRuleDocs, title: docs.title, arguments: [rule] };
    docs.diagnostics = diags;
    const off = new vscode.CodeAction(vscode.l10n.t('Turn off {0} in settings', rule), vscode.CodeActionKind.QuickFix);
    off.command = { command: TURN_OFF_RULE, title: off.title, arguments: [rule] };
    off.diagnostics = diags;
    out.push(docs, off);
  }
  return out;
}

/** Sets cleanroomsIam.rules[rule] = "off" in the user settings, keeping the other entries there. */
export async function turnOffRule(rule: unknown, log: (msg: string) => void): Promise<boolean> {
  if (typeof rule !== 'string' || !rule) return false;
  const c = vscode.workspace.getConfiguration(SECTION);
  const user = c.inspect<Record<string, unknown>>('rules')?.globalValue;
  const next = { ...(user && typeof user === 'object' && !Array.isArray(user) ? user : {}), [rule]: 'off' };
  await c.update('rules', next, vscode.ConfigurationTarget.Global);
  log(vscode.l10n.t('Turned off {0} in the user settings (cleanroomsIam.rules). Remove the entry to turn it back on.', rule));
  return true;
}
