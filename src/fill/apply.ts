// Answers -> text edits, and template rendering. Pure.
import type { TextEdit } from '../analysis/types';
import type { PolicyTemplate } from '../catalog/types';
import { templateText } from '../catalog/template-text';
import { OPTIONAL_PATH_KINDS } from '../catalog/placeholder-kinds';
import { fillTokens } from '../catalog/placeholder-syntax';
import type { PlaceholderOccurrence } from './detect';

/** Escape a value for the inside of a JSON string (no surrounding quotes). */
export function escapeJsonStringContent(v: string): string {
  return JSON.stringify(v).slice(1, -1);
}

/**
 * Answer key of the database asked for a Glue table ARN without one (`table/table`) when the document has no single
 * Glue database placeholder to take it from. Not a placeholder's text: it never occurs in a document.
 */
export const TABLE_DATABASE_KEY = 'database of table/…';

/**
 * Whose answer is the database of the table ARNs that lack one (occurrences marked needsDatabase): the document's
 * only Glue database placeholder (the AWS page's `database/database` next to `table/table`), else TABLE_DATABASE_KEY.
 * Undefined when no occurrence needs a database.
 */
export function tableDatabaseKey(occurrences: readonly PlaceholderOccurrence[]): string | undefined {
  if (!occurrences.some((o) => o.needsDatabase)) return undefined;
  const keys = new Set(occurrences.filter((o) => o.kind === 'glue-database').map((o) => o.key));
  return keys.size === 1 ? [...keys][0] : TABLE_DATABASE_KEY;
}

/**
 * Edits that replace every occurrence whose key has an answer. Occurrences without an answer are left alone; a table
 * name that needs its database (table/table) is filled as <database>/<table>, and only when both are answered.
 * Edits are sorted by offset and never overlap.
 */
export function planFill(occurrences: PlaceholderOccurrence[], answers: ReadonlyMap<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  const dbKey = tableDatabaseKey(occurrences);
  for (const o of occurrences) {
    let v = answers.get(o.key);
    if (v === undefined) continue;
    if (o.needsDatabase) {
      // Stryker disable next-line ConditionalExpression: dbKey is never undefined here (tableDatabaseKey gives a key whenever an occurrence needsDatabase), so the guard only satisfies the type
      const db = dbKey === undefined ? undefined : answers.get(dbKey);
      if (db === undefined) continue;
      v = `${db}/${v}`;
    }
    // An optional folder left empty takes its "/" with it: bucket/<optional-prefix>/* -> bucket/*.
    if (v === '' && o.slashBefore) edits.push({ offset: o.offset - o.slashBefore, length: o.length + o.slashBefore, newText: '' });
    else edits.push({ offset: o.offset, length: o.length, newText: escapeJsonStringContent(v) });
  }
  edits.sort((a, b) => a.offset - b.offset);
  return edits.filter((e, i) => i === 0 || e.offset >= edits[i - 1].offset + edits[i - 1].length);
}

/** Apply non-overlapping offset edits to a string. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // From the end, so earlier offsets stay valid. At one offset, a replacement goes before an insertion there (the
  // insertion lands in front of the replaced text, as in an LSP edit), and insertions keep their order.
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.offset - a.e.offset || b.e.length - a.e.length || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

export { templateText };

/**
 * Render a template with the given values (by placeholder name). Missing values stay as `<name>` tokens.
 * Values are JSON-escaped, so the result always parses.
 */
export function renderTemplate(template: PolicyTemplate, values: Readonly<Record<string, string>> = {}, indent: string | number = 4): string {
  return fillTokens(templateText(template, indent), values, optionalNames(template.placeholders), escapeJsonStringContent);
}

/** The names of the placeholders that stand for an optional folder (an empty answer removes them with their "/"). */
export function optionalNames(placeholders: ReadonlyArray<{ name: string; kind: string }>): Set<string> {
  return new Set(placeholders.filter((p) => OPTIONAL_PATH_KINDS.has(p.kind)).map((p) => p.name));
}

/** Render with every placeholder's realistic sample value (kind sample unless the template overrides it). */
export function sampleValues(template: PolicyTemplate, kindSample: (kind: string) => string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of template.placeholders) values[p.name] = p.sample ?? kindSample(p.kind);
  return values;
}
