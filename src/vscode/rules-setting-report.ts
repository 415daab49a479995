// Reports unknown rule ids and invalid levels in cleanroomsIam.rules in the output channel, once per id and problem.
// Called before an analysis (the engine, and with it the rule table, is loaded by then; activation stays light).
import * as vscode from 'vscode';
import { allRules } from '../analysis';
import { SECTION } from './config';
import { ruleSettingProblems } from './logic/rules-setting';

const reported = new Set<string>();
let lastValue: string | undefined;

export function reportRuleSettings(log: (msg: string) => void): void {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('rules');
  const key = JSON.stringify(value ?? null);
  if (key === lastValue) return; // the same setting as last time: nothing new to report
  lastValue = key;
  for (const p of ruleSettingProblems(
    value,
    allRules().map((r) => r.id),
  )) {
    if (reported.has(p.message)) continue;
    reported.add(p.message);
    log(p.message);
  }
}
