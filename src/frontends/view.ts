// The editor's view of a template: each policy site rendered as the engine reads it (site.ts), with what hovers and
// Fill Placeholders need to work in the template's own source. Pure (no vscode), computable from the text alone, so the
// adapter can build it for an analysis that came from the worker (plain data) as well as for one made on its thread.
//
// - locate(): a source offset -> the site and the offset in its rendered JSON (through the pieces), or the unknown part
//   (an intrinsic) under it;
// - toSource(): a rendered-JSON range -> its source range;
// - templatePlaceholders(): the placeholders found in the sites' JSON, at their source ranges, with the quoting of the
//   scalar they sit in; templateFill() turns answers into source edits that safeEdit() proves exact in that quoting.
import { findPlaceholders, type PlaceholderOccurrence } from '../analysis/placeholder-detect';
import type { TextEdit } from '../analysis/types';
import { templateSites } from './cloudformation';
import { chooseStandIns, mapRange, safeEdit } from './document';
import { encodeValue, renderSite, type HostString, type HostValue, type PolicySite, type RenderedSite, type ScalarStyle } from './site';

export interface SiteView {
  site: PolicySite;
  /** Rendered as the engine analyses it (variant 0, the same stand-ins as analyzeSite). */
  rendered: RenderedSite;
  /** Placeholders in the rendered JSON (JSON offsets); none inside an unknown part. */
  placeholders: PlaceholderOccurrence[];
  /** The site's strings and unknowns by source range (`src:srcEnd`). */
  strings: Map<string, HostString>;
  unknowns: Map<string, string>;
}

export interface TemplateView {
  sites: SiteView[];
  /** What wrote the unknown values: CloudFormation intrinsics or Terraform expressions (hovers name them so). */
  host: 'cloudformation' | 'terraform';
}

const rangeKey = (src: number, srcEnd: number): string => `${src}:${srcEnd}`;

/** The view of a template's policy sites; pass the sites analyzeDocument read (its `out`) to skip parsing again. */
export function templateView(
  text: string,
  sites: readonly PolicySite[] = templateSites(text).sites,
  host: TemplateView['host'] = 'cloudformation',
): TemplateView {
  return {
    host,
    sites: sites.map((site) => {
      const rendered = renderSite(site.value, chooseStandIns(site.value), 0);
      const strings = new Map<string, HostString>();
      const unknowns = new Map<string, string>();
      collect(site.value, strings, unknowns);
      const placeholders = findPlaceholders(rendered.json).filter((o) => !overlapsUnknown(rendered, o.offset, o.length));
      return { site, rendered, placeholders, strings, unknowns };
    }),
  };
}

function collect(v: HostValue, strings: Map<string, HostString>, unknowns: Map<string, string>, depth = 0): void {
  if (depth > 400) return;
  switch (v.t) {
    case 'object':
      for (const e of v.entries) {
        collect(e.key, strings, unknowns, depth + 1);
        collect(e.value, strings, unknowns, depth + 1);
      }
      return;
    case 'array':
      for (const x of v.items) collect(x, strings, unknowns, depth + 1);
      return;
    case 'string':
      strings.set(rangeKey(v.src, v.srcEnd), v);
      for (const p of v.parts) if ('unknown' in p) unknowns.set(rangeKey(p.src, p.srcEnd), p.unknown);
      return;
    case 'unknown':
      unknowns.set(rangeKey(v.src, v.srcEnd), v.expr);
      return;
    default:
      return;
  }
}

function overlapsUnknown(r: RenderedSite, offset: number, length: number): boolean {
  return r.pieces.some((p) => p.unknown && p.start < offset + length && offset < p.end);
}

export type Located =
  /** A literal (or a value the engine reads as written): `json` is its offset in the site's rendered JSON. */
  | { site: SiteView; json: number }
  /** An unknown part or value (an intrinsic): how the source writes it, and its source range. */
  | { site: SiteView; unknown: string; src: number; srcEnd: number };

/** What is at a source offset: the site and the JSON offset, or the unknown part there; undefined outside the policies
 * and on their punctuation (indentation, `- `, braces). */
export function locate(view: TemplateView, offset: number): Located | undefined {
  const site = view.sites.find((s) => s.site.src <= offset && offset < s.site.srcEnd);
  if (!site) return undefined;
  const pieces = site.rendered.pieces;
  let best = -1;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.src <= offset && offset < p.srcEnd && (best < 0 || p.srcEnd - p.src <= pieces[best].srcEnd - pieces[best].src)) best = i;
  }
  if (best < 0) return undefined;
  const p = pieces[best];
  if (p.unknown) return { site, unknown: site.unknowns.get(rangeKey(p.src, p.srcEnd)) ?? '?', src: p.src, srcEnd: p.srcEnd };
  if (p.linear) return { site, json: p.start + (offset - p.src) };
  const c = site.rendered.json[p.start];
  if (c === '{' || c === '[') return undefined;
  // A string written with escapes or over several lines, or a number: the value as a whole.
  return { site, json: c === '"' ? p.start + 1 : p.start };
}

/** The source range of a range of the site's rendered JSON (exact inside literal text written 1:1). */
export function toSource(site: SiteView, offset: number, length: number): { offset: number; length: number; unknown: boolean } | undefined {
  const m = mapRange(site.rendered.pieces, offset, length);
  return m && { offset: m.src, length: m.length, unknown: m.unknown };
}

/** The string value (as the host wrote it: literal and unknown parts) whose rendered JSON string holds `json`. */
export function stringAt(site: SiteView, json: number): HostString | undefined {
  const r = site.rendered;
  let best: { start: number; end: number; src: number; srcEnd: number } | undefined;
  for (const p of r.pieces) {
    if (p.start <= json && json < p.end && r.json[p.start] === '"' && r.json[p.end - 1] === '"' && p.end - p.start >= 2) {
      if (!best || p.end - p.start <= best.end - best.start) best = p;
    }
  }
  return best && site.strings.get(rangeKey(best.src, best.srcEnd));
}

/** An ARN written with unknown parts, split into its colon-separated fields: unknown parts stay whole (`${AWS::Region}`
 * has colons of its own) and mark the field they are in. */
export function arnFields(s: HostString): Array<{ text: string; unknown: boolean }> {
  const fields = [{ text: '', unknown: false }];
  for (const p of s.parts) {
    if ('unknown' in p) {
      const f = fields[fields.length - 1];
      f.text += p.unknown;
      f.unknown = true;
      continue;
    }
    const bits = p.lit.split(':');
    fields[fields.length - 1].text += bits[0];
    for (const b of bits.slice(1)) fields.push({ text: b, unknown: false });
  }
  return fields;
}

/** A placeholder at its source range. `style` is the scalar it sits in when its text is written there 1:1 (then a fill
 * can be written in place, if safeEdit accepts it); undefined when it is not (an escape, a folded or block scalar). */
export interface TemplatePlaceholder extends PlaceholderOccurrence {
  style?: ScalarStyle;
}

/** Every placeholder of the template's policies, at source offsets, in source order (one per source range). */
export function templatePlaceholders(view: TemplateView): TemplatePlaceholder[] {
  const out = new Map<number, TemplatePlaceholder>();
  for (const s of view.sites) {
    for (const o of s.placeholders) {
      const p = s.rendered.pieces.find((x) => x.linear && x.start <= o.offset && o.offset + o.length <= x.end);
      if (p) {
        const at: TemplatePlaceholder = { ...o, offset: p.src + (o.offset - p.start), style: p.style };
        if (o.slashBefore !== undefined && o.offset - o.slashBefore < p.start) delete at.slashBefore;
        if (!out.has(at.offset)) out.set(at.offset, at);
        continue;
      }
      const m = mapRange(s.rendered.pieces, o.offset, o.length);
      if (!m || m.unknown || out.has(m.src)) continue;
      const at: TemplatePlaceholder = { ...o, offset: m.src, length: m.length };
      delete at.slashBefore;
      out.set(at.offset, at);
    }
  }
  return [...out.values()].sort((a, b) => a.offset - b.offset);
}

/** The policy sites of a template's text, undefined when it is not one (documentSites in document.ts: any front end). */
export type SitesOf = (text: string) => readonly PolicySite[] | undefined;

const cloudFormationSites: SitesOf = (text) => {
  const { sites, template } = templateSites(text);
  return template ? sites : undefined;
};

/** The placeholders of a template's text (undefined when the text is not a template with policies); CloudFormation
 * unless `sitesOf` reads another front end. */
export function placeholdersOfTemplate(
  text: string,
  sitesOf: SitesOf = cloudFormationSites,
  host: TemplateView['host'] = 'cloudformation',
): TemplatePlaceholder[] | undefined {
  const sites = sitesOf(text);
  return sites?.length ? templatePlaceholders(templateView(text, [...sites], host)) : undefined;
}

/** Why a placeholder was left as it is: the answer cannot be written exactly in the scalar's quoting. */
export type LeftReason =
  /** The placeholder's text is not written 1:1 in the source (escapes, a folded or block scalar). */
  | 'not-exact'
  /** A `$` in a `!Sub` template would start a reference. */
  | 'sub'
  /** The answer holds a `"` or `\` (double-quoted), a `'` (single-quoted), or a line break or control character. */
  | 'double'
  | 'single'
  /** Unquoted, YAML would read the scalar otherwise (a number, a comment, a mapping, …). */
  | 'plain'
  /** A Terraform string (or JSON inside one): the answer cannot be written there exactly, even escaped (a line break or
   * control character, `$$` or `%%`, or a `$`/`%` that would make a `${`/`%{` with the text around it). */
  | 'hcl'
  | 'json-in-hcl'
  /** JSON inside a CloudFormation string: a `"`, `\` or `'` would end or escape the JSON string or the YAML one. */
  | 'json-in-yaml';

export interface TemplateFill {
  edits: TextEdit[];
  /** Placeholders (by key) left as they are, each with its first occurrence that cannot be written and why. */
  left: Array<{ key: string; offset: number; reason: LeftReason }>;
}

/**
 * Source edits for the answers, each written as the raw answer (not JSON-escaped) inside its scalar and accepted only
 * when safeEdit proves it changes the scalar's value by exactly that text in its quoting. A placeholder any of whose
 * occurrences cannot be written is left everywhere (one answer fills all its occurrences or none), and said why.
 * A Terraform string (a style with an `encoding`) takes the answer escaped as its layers write it (HCL, JSON in HCL, a
 * .tf.json string).
 * `plan` is fill/apply planFill (passed in: src/frontends sits below src/fill). With `reread` (the front end, see
 * documentSites), the edits are proven: the filled text is read again and each policy must render exactly as before
 * with the answers in the placeholders' places; a placeholder whose edits fail that proof is left.
 */
export function templateFill(
  source: string,
  occurrences: readonly TemplatePlaceholder[],
  answers: ReadonlyMap<string, string>,
  plan: (occ: TemplatePlaceholder[], answers: ReadonlyMap<string, string>) => TextEdit[],
  reread?: SitesOf,
): TemplateFill {
  const planned = plan([...occurrences], answers);
  const byOffset = new Map<number, TemplatePlaceholder>();
  for (const o of occurrences) {
    byOffset.set(o.offset, o);
    if (o.slashBefore) byOffset.set(o.offset - o.slashBefore, o);
  }
  const candidates: Array<{ o: TemplatePlaceholder; edit: TextEdit; value: string }> = [];
  const left = new Map<string, { key: string; offset: number; reason: LeftReason }>();
  for (const e of planned) {
    const o = byOffset.get(e.offset);
    if (!o) continue;
    const value = JSON.parse(`"${e.newText}"`) as string;
    const encoding = o.style?.encoding;
    const written = encoding ? encodeValue(value, encoding) : value;
    const edit: TextEdit = { ...e, newText: written ?? value };
    const why = !o.style
      ? 'not-exact'
      : encoding
        ? written === undefined || !inside(o.style, edit)
          ? o.style.quote
          : undefined
        : refusal(source, o.style, edit);
    if (why) {
      if (!left.has(o.key)) left.set(o.key, { key: o.key, offset: o.offset, reason: why });
    } else candidates.push({ o, edit, value });
  }
  // Several edits in one plain scalar: the value they make together must still read as that string.
  const byScalar = new Map<ScalarStyle, Array<{ o: TemplatePlaceholder; edit: TextEdit; value: string }>>();
  for (const c of candidates) if (c.o.style!.quote === 'plain') byScalar.set(c.o.style!, [...(byScalar.get(c.o.style!) ?? []), c]);
  for (const [style, list] of byScalar) {
    if (list.length < 2) continue;
    let value = source.slice(style.start, style.end);
    for (const c of [...list].sort((a, b) => b.edit.offset - a.edit.offset))
      value = value.slice(0, c.edit.offset - style.start) + c.edit.newText + value.slice(c.edit.offset - style.start + c.edit.length);
    if (!safeEdit(source, { ...style, sub: false }, { offset: style.start, length: style.end - style.start, newText: value })) {
      for (const c of list) if (!left.has(c.o.key)) left.set(c.o.key, { key: c.o.key, offset: c.o.offset, reason: 'plain' });
    }
  }
  let kept = candidates.filter((c) => !left.has(c.o.key));
  if (reread && kept.length && !proven(source, kept, reread)) {
    // Some answer does not read back as written: find which, one placeholder at a time (the rest are then proven together).
    for (const key of new Set(kept.map((c) => c.o.key))) {
      const mine = kept.filter((c) => c.o.key === key);
      if (!proven(source, mine, reread)) left.set(key, { key, offset: mine[0].o.offset, reason: mine[0].o.style!.quote });
    }
    kept = kept.filter((c) => !left.has(c.o.key));
    if (kept.length && !proven(source, kept, reread))
      for (const c of kept) if (!left.has(c.o.key)) left.set(c.o.key, { key: c.o.key, offset: c.o.offset, reason: c.o.style!.quote });
    kept = kept.filter((c) => !left.has(c.o.key));
  }
  return { edits: kept.map((c) => c.edit), left: [...left.values()].sort((a, b) => a.offset - b.offset) };
}

const inside = (style: ScalarStyle, e: TextEdit): boolean => style.start <= e.offset && e.offset + e.length <= style.end;

/**
 * The proof of a fill: the text with these edits, read again by the front end, holds the same policies, and each
 * renders (with the original's stand-ins) to exactly the original's JSON with each placeholder's JSON text replaced by
 * its answer. An edit outside a literal written 1:1 cannot be proven.
 */
function proven(source: string, edits: ReadonlyArray<{ edit: TextEdit; value: string }>, reread: SitesOf): boolean {
  const before = reread(source);
  if (!before) return false;
  const renders = before.map((site) => {
    const standIns = chooseStandIns(site.value);
    return { site, standIns, json: renderSite(site.value, standIns, 0), edits: [] as TextEdit[] };
  });
  for (const { edit, value } of edits) {
    const r = renders.find((x) => x.site.src <= edit.offset && edit.offset + edit.length <= x.site.srcEnd);
    const p = r?.json.pieces.find((x) => x.linear && x.src <= edit.offset && edit.offset + edit.length <= x.srcEnd);
    if (!r || !p) return false;
    r.edits.push({ offset: p.start + (edit.offset - p.src), length: edit.length, newText: JSON.stringify(value).slice(1, -1) });
  }
  const after = reread(
    applyAll(
      source,
      edits.map((x) => x.edit),
    ),
  );
  if (!after || after.length !== before.length) return false;
  return renders.every((r, i) => after[i].path === r.site.path && renderSite(after[i].value, r.standIns, 0).json === applyAll(r.json.json, r.edits));
}

function applyAll(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

function refusal(source: string, style: ScalarStyle, edit: TextEdit): LeftReason | undefined {
  if (safeEdit(source, style, edit)) return undefined;
  if (style.sub && edit.newText.includes('$')) return 'sub';
  return style.quote;
}
