// Reads the cleanroomsIam.* settings.
import * as vscode from 'vscode';
import type { SeveritySetting } from '../analysis/types';
import { clampNumber, severityOverrides } from './logic/settings';

export interface KitConfig {
  enable: boolean;
  extraGlobs: string[];
  debounceMs: number;
  maxFileSizeMB: number;
  rules: Record<string, SeveritySetting>;
  rememberValues: boolean;
}

export const SECTION = 'cleanroomsIam';

export function readConfig(): KitConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const globs = c.get<unknown>('validate.extraGlobs');
  const { overrides } = severityOverrides(c.get<unknown>('rules'));
  return {
    enable: c.get<boolean>('validate.enable', true) !== false,
    extraGlobs: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    debounceMs: clampNumber(c.get<unknown>('validate.debounceMs'), 200, 0, 5000),
    maxFileSizeMB: clampNumber(c.get<unknown>('validate.maxFileSizeMB'), 5, 0.001, 100),
    rules: overrides,
    rememberValues: c.get<boolean>('fill.rememberValues', true) !== false,
  };
}
