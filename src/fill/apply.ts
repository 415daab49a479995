// Answers -> text edits, and template rendering. Pure.
import type { TextEdit } from '../analysis/types';
import type { PolicyTemplate } from '../catalog/types';
import { templateText } from '../catalog/template-text';
import type { PlaceholderOccurrence } from './detect';

/** Escape a value for the inside of a JSON string (no surrounding quotes). */
export function escapeJsonStringContent(v: string): string {
  return JSON.stringify(v).slice(1, -1);
}

/**
 * Edits that replace every occurrence whose key has an answer. Occurrences without an answer are left alone.
 * Edits are sorted by offset and never overlap.
 */
export function planFill(occurrences: PlaceholderOccurrence[], answers: ReadonlyMap<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const o of occurrences) {
    const v = answers.get(o.key);
    if (v === undefined) continue;
    edits.push({ offset: o.offset, length: o.length, newText: escapeJsonStringContent(v) });
  }
  edits.sort((a, b) => a.offset - b.offset);
  return edits.filter((e, i) => i === 0 || e.offset >= edits[i - 1].offset + edits[i - 1].length);
}

/** Apply non-overlapping offset edits to a string. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

const TOKEN_RE = /<([a-z0-9][a-z0-9-]*)>/g;

export { templateText };

/**
 * Render a template with the given values (by placeholder name). Missing values stay as `<name>` tokens.
 * Values are JSON-escaped, so the result always parses.
 */
export function renderTemplate(template: PolicyTemplate, values: Readonly<Record<string, string>> = {}, indent: string | number = 4): string {
  return templateText(template, indent).replace(TOKEN_RE, (tok, name: string) => {
    const v = values[name];
    return v === undefined ? tok : escapeJsonStringContent(v);
  });
}

/** Render with every placeholder's realistic sample value (kind sample unless the template overrides it). */
export function sampleValues(template: PolicyTemplate, kindSample: (kind: string) => string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of template.placeholders) values[p.name] = p.sample ?? kindSample(p.kind);
  return values;
}
