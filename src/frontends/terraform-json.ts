// The Terraform JSON syntax front end (`*.tf.json`, https://developer.hashicorp.com/terraform/language/syntax/json):
// the same policies as terraform.ts, read from JSON (jsonc-parser) instead of HCL.
// - `resource.<type>.<name>.<argument>` as in a .tf file (each level an object, or an array of objects);
//   `aws_iam_role.inline_policy` and data `aws_iam_policy_document` blocks are objects or arrays of objects;
// - every string is a Terraform string template: `${…}` interpolations are unknown parts, `$${` and `%%{` escapes.
//   A string that holds a template is read by tree-sitter's HCL grammar (as a heredoc): `"${jsonencode({…})}"` is the
//   HCL object inside; a string with a `%{` directive, or one the grammar does not read, is unknown (never a guess).
// Offsets map back through the JSON string's escapes: text written without escapes is 1:1 with the source; an escape
// makes the text around it inexact (findings on the whole string, no fix, no fill there).
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { finishString, jsonWithHoles, type HostString, type HostValue, type PolicySite, type StrPart } from './site';
import { mayBeTerraform, policyDocument, POLICY_ARGUMENTS, Reader, type DocBlock, type HclParser, type SyntaxNode, type TerraformSites } from './terraform';

const TF_JSON_NAME = /\.tf\.json$/i;

/** A Terraform JSON configuration, by its file name (Terraform reads JSON syntax from files named `*.tf.json`). */
export function isTerraformJsonName(fileName: string | undefined): boolean {
  return TF_JSON_NAME.test(fileName ?? '');
}

/** The policies of a .tf.json file. Without the HCL parser, strings with `${…}` are unknown (jsonencode is not read). */
export function terraformJsonSites(text: string, parser?: HclParser): TerraformSites {
  if (!mayBeTerraform(text)) return { sites: [], parsed: false };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length || root.type !== 'object') return { sites: [], parsed: false };
  const r = new JsonReader(text, parser);
  const sites: PolicySite[] = [];
  for (const {
    labels: [type, name],
    body,
  } of labelled(prop(root, 'resource'), 2)) {
    const args = POLICY_ARGUMENTS[type];
    if (!args) continue;
    for (const arg of args) {
      const v = prop(body, arg.name);
      const site = v && r.policyValue(v);
      if (site) sites.push({ path: `${type}.${name}.${arg.name}`, role: arg.role, value: site, src: v.offset, srcEnd: v.offset + v.length });
    }
    if (type === 'aws_iam_role') {
      for (const [i, inline] of bodies(prop(body, 'inline_policy')).entries()) {
        const v = prop(inline, 'policy');
        const site = v && r.policyValue(v);
        if (site) sites.push({ path: `${type}.${name}.inline_policy[${i}].policy`, role: 'identity', value: site, src: v.offset, srcEnd: v.offset + v.length });
      }
    }
  }
  for (const {
    labels: [type, name],
    body,
  } of labelled(prop(root, 'data'), 2)) {
    if (type === 'aws_iam_policy_document')
      sites.push({
        path: `data.${type}.${name}`,
        role: 'identity',
        value: policyDocument(r.docBlock(body)),
        src: body.offset,
        srcEnd: body.offset + body.length,
      });
  }
  sites.sort((a, b) => a.src - b.src);
  return { sites, parsed: true };
}

/** A property's value (the last one of that name, as JSON readers do), `"//"` comments aside. */
function prop(n: JsonNode | undefined, name: string): JsonNode | undefined {
  if (n?.type !== 'object') return undefined;
  let out: JsonNode | undefined;
  for (const p of n.children ?? []) if (p.children?.[0]?.value === name && p.children[1]) out = p.children[1];
  return out;
}

/** The block bodies a nested-block property holds: one object, or an array of objects. */
function bodies(n: JsonNode | undefined): JsonNode[] {
  if (!n) return [];
  if (n.type === 'object') return [n];
  return n.type === 'array' ? (n.children ?? []).filter((c) => c.type === 'object') : [];
}

/** Blocks with `count` labels: one object level per label, each level an object or an array of objects. */
function labelled(n: JsonNode | undefined, count: number): Array<{ labels: string[]; body: JsonNode }> {
  if (count === 0) return bodies(n).map((body) => ({ labels: [], body }));
  const out: Array<{ labels: string[]; body: JsonNode }> = [];
  for (const level of bodies(n)) {
    for (const p of level.children ?? []) {
      const [k, v] = p.children ?? [];
      if (typeof k?.value !== 'string' || !v || k.value === '//') continue;
      for (const rest of labelled(v, count - 1)) out.push({ labels: [k.value, ...rest.labels], body: rest.body });
    }
  }
  return out;
}

/** A JSON string's value with, for every character, its source offset (`at[i]`; `at[value.length]` is the end). */
function decode(text: string, n: JsonNode): { value: string; at: number[] } | undefined {
  const start = n.offset + 1;
  const raw = text.slice(start, n.offset + n.length - 1);
  let value = '';
  const at: number[] = [];
  for (let i = 0; i < raw.length;) {
    if (raw[i] !== '\\') {
      at.push(start + i);
      value += raw[i++];
      continue;
    }
    const len = raw[i + 1] === 'u' ? 6 : 2;
    let c: string;
    try {
      c = JSON.parse(`"${raw.slice(i, i + len)}"`) as string;
    } catch {
      return undefined;
    }
    for (let j = 0; j < c.length; j++) at.push(start + i);
    value += c;
    i += len;
  }
  at.push(start + raw.length);
  return value === n.value ? { value, at } : undefined;
}

const MARK = 'CLEANROOMS_IAM_EOT';

class JsonReader {
  constructor(
    private readonly text: string,
    private readonly parser: HclParser | undefined,
  ) {}

  /** A JSON value as Terraform's expression mapping reads it (strings are templates). */
  value(n: JsonNode, depth = 0): HostValue {
    const src = n.offset;
    const srcEnd = n.offset + n.length;
    if (depth > 200) return this.unknown(n);
    switch (n.type) {
      case 'object': {
        const entries: Array<{ key: HostString; value: HostValue }> = [];
        for (const p of n.children ?? []) {
          const [k, v] = p.children ?? [];
          if (!k || !v) continue;
          const key = this.string(k);
          // A key with an interpolation (or not known): the object's shape is unknown.
          if (key?.t !== 'string' || !key.parts.every((x) => 'lit' in x)) return this.unknown(n);
          entries.push({ key, value: this.value(v, depth + 1) });
        }
        return { t: 'object', entries, src, srcEnd };
      }
      case 'array':
        return { t: 'array', items: (n.children ?? []).map((c) => this.value(c, depth + 1)), src, srcEnd };
      case 'string':
        return this.string(n) ?? this.unknown(n);
      case 'number':
        return { t: 'number', json: JSON.stringify(n.value), src, srcEnd };
      case 'boolean':
        return { t: 'boolean', json: n.value ? 'true' : 'false', src, srcEnd };
      default:
        return { t: 'null', json: 'null', src, srcEnd };
    }
  }

  private unknown(n: JsonNode): HostValue {
    const t = this.text.slice(n.offset, n.offset + n.length).replace(/\s+/g, ' ');
    return { t: 'unknown', expr: t.length > 60 ? `${t.slice(0, 57)}…` : t, src: n.offset, srcEnd: n.offset + n.length };
  }

  /** A policy argument: a string holding the policy's JSON (with interpolations), or `"${jsonencode({…})}"`. */
  policyValue(n: JsonNode): HostValue | undefined {
    if (n.type !== 'string') return undefined;
    const t = this.template(n);
    if (!t) return undefined;
    if ('hcl' in t) {
      const e = t.hcl.interpolation;
      return e
        ? t.map(t.hcl.reader.policyValue(e))
        : t.string && jsonWithHoles(t.string, { quote: 'json-in-hcl', sub: false, encoding: ['hcl-template', 'json'] });
    }
    return jsonWithHoles(t.string, { quote: 'json-in-hcl', sub: false, encoding: ['hcl-template', 'json'] });
  }

  /** A string value: its template's literal and `${…}` parts at source offsets; undefined when not known. */
  private string(n: JsonNode): HostValue | undefined {
    const t = this.template(n);
    if (!t) return undefined;
    if ('hcl' in t && t.hcl.interpolation) return this.unknown(n); // the value of one expression, of any type
    return t.string;
  }

  /**
   * A JSON string as a Terraform template. Without `${`/`%{`, its text (with `$${`/`%%{` unescaped); with them, read
   * by the HCL grammar as a heredoc's template (`hcl`: the reader, and the expression when the template is one
   * interpolation) and mapped back onto the source. Undefined when the string cannot be read.
   */
  private template(
    n: JsonNode,
  ):
    | { string: HostString }
    | { hcl: { reader: Reader; interpolation?: SyntaxNode }; string?: HostString; map: (v: HostValue | undefined) => HostValue | undefined }
    | undefined {
    const d = decode(this.text, n);
    if (!d) return undefined;
    const src = n.offset;
    const srcEnd = n.offset + n.length;
    const exact = (from: number, to: number): boolean => d.at[to] - d.at[from] === to - from;
    if (!/[$%]\{/.test(d.value)) {
      // Plain text: literal runs between the JSON escapes.
      const parts: StrPart[] = [];
      let run = 0;
      const flush = (to: number): void => {
        if (to > run) parts.push(this.literal(d.value.slice(run, to), d, run, to, exact(run, to)));
        run = to;
      };
      for (let i = 0; i < d.value.length; i++) {
        if (d.at[i + 1] - d.at[i] === 1) continue;
        flush(i);
        flush(i + 1);
      }
      flush(d.value.length);
      return { string: finishString(parts.length ? parts : [{ lit: '' }], src, srcEnd)! };
    }
    if (!this.parser || d.value.includes(MARK) || /%\{/.test(d.value.replace(/%%\{/g, ''))) return undefined;
    const prefix = `x = <<${MARK}\n`;
    const synthetic = `${prefix}${d.value}\n${MARK}\n`;
    const tree = this.parser.parse(synthetic);
    const root = tree?.rootNode;
    if (!root || root.hasError) return undefined;
    const heredoc = findHeredoc(root);
    if (!heredoc) return undefined;
    const reader = new Reader(synthetic, ['json']);
    const at = (s: number): number => d.at[Math.max(0, Math.min(d.value.length, s - prefix.length))];
    const map = (v: HostValue | undefined): HostValue | undefined => v && remap(v, at, (a, b) => exact(a - prefix.length, b - prefix.length));
    const pieces = heredoc.namedChildren.filter((c): c is SyntaxNode => !!c && (c.type === 'template_literal' || c.type === 'template_interpolation'));
    const only = pieces.length === 1 && pieces[0].type === 'template_interpolation' && pieces[0].text.length === d.value.length ? pieces[0] : undefined;
    const interpolation = only?.namedChildren.find((c): c is SyntaxNode => !!c && c.type === 'expression');
    const s = interpolation ? undefined : reader.templateString(heredoc);
    const string = s && (map(s) as HostString);
    return { hcl: { reader, interpolation }, string: string && { ...string, src, srcEnd }, map };
  }

  private literal(value: string, d: { at: number[] }, from: number, to: number, exact: boolean): StrPart {
    if (!exact) return { lit: value };
    const [a, b] = [d.at[from], d.at[to]];
    return { lit: value, src: a, srcEnd: b, style: { quote: 'hcl', sub: false, start: a, end: b, encoding: ['hcl-template', 'json'] } };
  }

  /** A JSON object as a block of the policy document: its properties are its arguments and nested blocks. */
  docBlock(n: JsonNode): DocBlock {
    return {
      src: n.offset,
      srcEnd: n.offset + n.length,
      text: this.text.slice(n.offset, n.offset + n.length),
      attr: (name) => {
        const v = prop(n, name);
        return v && { value: this.value(v), src: v.offset, srcEnd: v.offset + v.length };
      },
      blocks: (kind) =>
        kind === 'dynamic'
          ? labelled(prop(n, kind), 1).map(({ labels, body }) => ({ labels, block: this.docBlock(body) }))
          : bodies(prop(n, kind)).map((b) => ({ labels: [], block: this.docBlock(b) })),
    };
  }
}

function findHeredoc(n: SyntaxNode): SyntaxNode | undefined {
  if (n.type === 'heredoc_template') return n;
  for (const c of n.namedChildren) {
    const h = c && findHeredoc(c);
    if (h) return h;
  }
  return undefined;
}

/** A value read from the synthetic heredoc, at source offsets: literal parts stay 1:1 only where no escape is between. */
function remap(v: HostValue, at: (s: number) => number, exact: (a: number, b: number) => boolean): HostValue {
  const src = at(v.src);
  const srcEnd = at(v.srcEnd);
  switch (v.t) {
    case 'object':
      return { ...v, entries: v.entries.map((e) => ({ key: remap(e.key, at, exact) as HostString, value: remap(e.value, at, exact) })), src, srcEnd };
    case 'array':
      return { ...v, items: v.items.map((x) => remap(x, at, exact)), src, srcEnd };
    case 'string':
      return {
        ...v,
        parts: v.parts.flatMap((p): StrPart[] => {
          if ('unknown' in p) return [{ ...p, src: at(p.src), srcEnd: at(p.srcEnd) }];
          if (p.src === undefined || p.srcEnd === undefined) return [{ lit: p.lit }];
          // Split at the JSON string's escapes: the runs between them stay 1:1 with the source.
          const out: StrPart[] = [];
          const style = p.style && { ...p.style, start: at(p.style.start), end: at(p.style.end) };
          let run = p.src;
          const flush = (to: number, ok: boolean): void => {
            if (to <= run) return;
            const lit = p.lit.slice(run - p.src!, to - p.src!);
            out.push(ok ? { lit, src: at(run), srcEnd: at(to), ...(style ? { style } : {}) } : { lit });
            run = to;
          };
          for (let i = p.src; i < p.srcEnd; i++) {
            if (!exact(i, i + 1)) {
              flush(i, true);
              flush(i + 1, false);
            }
          }
          flush(p.srcEnd, true);
          return out;
        }),
        src,
        srcEnd,
      };
    default:
      return { ...v, src, srcEnd };
  }
}
