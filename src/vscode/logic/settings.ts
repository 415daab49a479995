// Pure: settings values -> engine options. No vscode import.
import type { SeveritySetting } from '../../analysis/types';

const LEVELS = new Set<SeveritySetting>(['error', 'warning', 'info', 'hint', 'off']);

/** The `cleanroomsIam.rules` object -> severityOverrides; unknown levels are ignored (and reported back). */
export function severityOverrides(rules: unknown): { overrides: Record<string, SeveritySetting>; invalid: string[] } {
  const overrides: Record<string, SeveritySetting> = {};
  const invalid: string[] = [];
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return { overrides, invalid };
  for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
    if (typeof level === 'string' && LEVELS.has(level.toLowerCase() as SeveritySetting)) overrides[id] = level.toLowerCase() as SeveritySetting;
    else invalid.push(id);
  }
  return { overrides, invalid };
}

/** Clamp numeric settings to sane ranges (a settings file may hold anything). */
export function clampNumber(v: unknown, def: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
}

/** Indent every line after the first by `indent` (inserting a multi-line policy at a cursor). */
export function indentAfterFirstLine(text: string, indent: string): string {
  return text.replace(/\n/g, '\n' + indent);
}
