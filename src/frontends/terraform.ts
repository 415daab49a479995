// The Terraform front end: the policies of a .tf file become policy sites (site.ts), read from tree-sitter's HCL syntax
// tree (tree-sitter-terraform, WASM; loaded by hcl-parser.ts). Three ways a policy is written:
// - `jsonencode({ … })`: the HCL object is the policy; `${…}` interpolations and references are unknown parts;
// - a heredoc or quoted JSON string (`policy = <<EOT {…} EOT`): its JSON is read with the interpolations as holes;
// - `data "aws_iam_policy_document"` blocks: statement / principals / condition blocks, mapped onto IAM's JSON
//   (effect defaults to Allow and version to 2012-10-17, as the provider does); a `dynamic` block is unknown.
import { finishString, jsonWithHoles, type HostString, type HostValue, type Layer, type PolicySite, type ScalarStyle, type StrPart } from './site';

/** The part of tree-sitter's node API this front end reads (web-tree-sitter's Node satisfies it). */
export interface SyntaxNode {
  type: string;
  text: string;
  startIndex: number;
  endIndex: number;
  namedChildren: Array<SyntaxNode | null>;
  hasError: boolean;
}
export interface HclParser {
  parse(text: string): { rootNode: SyntaxNode } | null;
}

/** Cheap test before any parse: a policy in Terraform names an IAM-ish argument or the policy document data source. */
const TERRAFORM_HINT = /\b(assume_role_policy|policy|aws_iam_policy_document)\b/;

export function mayBeTerraform(text: string): boolean {
  return TERRAFORM_HINT.test(text);
}

/** Resource types and their policy arguments (Terraform AWS provider documentation). */
export const POLICY_ARGUMENTS: Record<string, Array<{ name: string; role: PolicySite['role'] }>> = {
  aws_iam_role: [{ name: 'assume_role_policy', role: 'trust' }],
  aws_iam_role_policy: [{ name: 'policy', role: 'identity' }],
  aws_iam_user_policy: [{ name: 'policy', role: 'identity' }],
  aws_iam_group_policy: [{ name: 'policy', role: 'identity' }],
  aws_iam_policy: [{ name: 'policy', role: 'identity' }],
  aws_s3_bucket_policy: [{ name: 'policy', role: 'resource' }],
  aws_kms_key: [{ name: 'policy', role: 'resource' }],
  aws_sqs_queue_policy: [{ name: 'policy', role: 'resource' }],
  aws_sns_topic_policy: [{ name: 'policy', role: 'resource' }],
  aws_secretsmanager_secret_policy: [{ name: 'policy', role: 'resource' }],
};

const kids = (n: SyntaxNode): SyntaxNode[] => n.namedChildren.filter((c): c is SyntaxNode => !!c);
const child = (n: SyntaxNode, type: string): SyntaxNode | undefined => kids(n).find((c) => c.type === type);
/** `"aws_iam_role"` → aws_iam_role (block labels are plain string literals). */
const label = (n: SyntaxNode): string | undefined =>
  n.type === 'string_lit' ? (child(n, 'template_literal')?.text ?? '') : n.type === 'identifier' ? n.text : undefined;

interface Block {
  node: SyntaxNode;
  kind: string;
  labels: string[];
  body?: SyntaxNode;
}
function block(n: SyntaxNode): Block | undefined {
  if (n.type !== 'block') return undefined;
  const [id, ...rest] = kids(n);
  const labels = rest.flatMap((c) => (c.type === 'string_lit' || c.type === 'identifier' ? [label(c)!] : []));
  return { node: n, kind: id.text, labels, body: child(n, 'body') };
}
const attributes = (body: SyntaxNode | undefined): Map<string, SyntaxNode> =>
  new Map((body ? kids(body) : []).filter((c) => c.type === 'attribute').map((a) => [kids(a)[0].text, kids(a)[1]] as [string, SyntaxNode]));
const blocks = (body: SyntaxNode | undefined): Block[] => (body ? kids(body).flatMap((c) => block(c) ?? []) : []);

export interface TerraformSites {
  sites: PolicySite[];
  /** The file parsed without syntax errors. */
  parsed: boolean;
}

export function terraformSites(text: string, parser: HclParser): TerraformSites {
  if (!mayBeTerraform(text)) return { sites: [], parsed: false };
  const tree = parser.parse(text);
  const root = tree?.rootNode;
  if (!root || root.hasError) return { sites: [], parsed: false };
  const reader = new Reader(text);
  const sites: PolicySite[] = [];
  const top = child(root, 'body');
  for (const b of blocks(top)) {
    const [type, name] = b.labels;
    if (b.kind === 'resource' && type && POLICY_ARGUMENTS[type]) {
      const attrs = attributes(b.body);
      for (const arg of POLICY_ARGUMENTS[type]) {
        const value = attrs.get(arg.name);
        const site = value && reader.policyValue(value);
        if (site) sites.push({ path: `${type}.${name}.${arg.name}`, role: arg.role, value: site, src: value.startIndex, srcEnd: value.endIndex });
      }
      if (type === 'aws_iam_role') {
        for (const [i, inline] of blocks(b.body)
          .filter((x) => x.kind === 'inline_policy')
          .entries()) {
          const value = attributes(inline.body).get('policy');
          const site = value && reader.policyValue(value);
          if (site)
            sites.push({ path: `${type}.${name}.inline_policy[${i}].policy`, role: 'identity', value: site, src: value.startIndex, srcEnd: value.endIndex });
        }
      }
    } else if (b.kind === 'data' && type === 'aws_iam_policy_document') {
      sites.push({
        path: `data.${type}.${name}`,
        role: 'identity',
        value: policyDocument(reader.docBlock(b)),
        src: b.node.startIndex,
        srcEnd: b.node.endIndex,
      });
    }
  }
  return { sites, parsed: true };
}

/** The expression inside an `expression` wrapper. */
function inner(n: SyntaxNode): SyntaxNode {
  let x = n;
  while ((x.type === 'expression' || x.type === 'literal_value' || x.type === 'collection_value' || x.type === 'template_expr') && kids(x).length === 1)
    x = kids(x)[0];
  return x;
}

const HCL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export class Reader {
  /** `outer`: the layers the HCL text itself is written in (a .tf.json string: `json`); none in a .tf file. */
  constructor(
    private readonly text: string,
    private readonly outer: readonly Layer[] = [],
  ) {}

  /** A policy argument's value: jsonencode({...}), or a string (heredoc or quoted) holding the policy's JSON. */
  policyValue(expr: SyntaxNode): HostValue | undefined {
    const e = inner(expr);
    if (e.type === 'function_call' && kids(e)[0]?.text === 'jsonencode') {
      const args = child(e, 'function_arguments');
      const arg = args && kids(args)[0];
      const v = arg && this.value(arg);
      return v?.t === 'object' ? v : undefined;
    }
    if (e.type === 'quoted_template' || e.type === 'heredoc_template' || e.type === 'string_lit') {
      const s = this.templateString(e);
      return s
        ? jsonWithHoles(s, { quote: 'json-in-hcl', sub: false, encoding: [e.type === 'heredoc_template' ? 'hcl-template' : 'hcl-quoted', ...this.outer] })
        : undefined;
    }
    return undefined; // data.aws_iam_policy_document.x.json, file(), templatefile(): not a literal policy
  }

  value(expr: SyntaxNode, depth = 0): HostValue {
    const e = inner(expr);
    const src = e.startIndex;
    const srcEnd = e.endIndex;
    if (depth > 200) return this.unknown(e);
    switch (e.type) {
      case 'object': {
        const entries: Array<{ key: HostString; value: HostValue }> = [];
        for (const el of kids(e).filter((c) => c.type === 'object_elem')) {
          const [k, v] = kids(el).filter((c) => c.type === 'expression');
          if (!k || !v) continue;
          const key = this.key(k);
          if (!key) return this.unknown(e); // a computed key: the object's shape is unknown
          entries.push({ key, value: this.value(v, depth + 1) });
        }
        return { t: 'object', entries, src, srcEnd };
      }
      case 'tuple':
        return {
          t: 'array',
          items: kids(e)
            .filter((c) => c.type === 'expression')
            .map((c) => this.value(c, depth + 1)),
          src,
          srcEnd,
        };
      case 'numeric_lit':
        return Number.isFinite(Number(e.text)) ? { t: 'number', json: JSON.stringify(Number(e.text)), src, srcEnd } : this.unknown(e);
      case 'bool_lit':
        return { t: 'boolean', json: e.text === 'true' ? 'true' : 'false', src, srcEnd };
      case 'null_lit':
        return { t: 'null', json: 'null', src, srcEnd };
      case 'string_lit':
      case 'quoted_template':
      case 'heredoc_template':
        return this.templateString(e) ?? this.unknown(e);
      default:
        return this.unknown(e);
    }
  }

  /** An object key: a bare identifier or a string literal without interpolation. */
  private key(k: SyntaxNode): HostString | undefined {
    const e = inner(k);
    if (e.type === 'variable_expr' && kids(e).length === 1)
      return { t: 'string', parts: [{ lit: e.text, src: e.startIndex, srcEnd: e.endIndex }], src: e.startIndex, srcEnd: e.endIndex };
    const s = e.type === 'string_lit' || e.type === 'quoted_template' ? this.templateString(e) : undefined;
    return s && s.parts.every((p) => 'lit' in p) ? s : undefined;
  }

  private unknown(e: SyntaxNode): HostValue {
    const t = e.text.replace(/\s+/g, ' ');
    return { t: 'unknown', expr: t.length > 60 ? `${t.slice(0, 57)}…` : t, src: e.startIndex, srcEnd: e.endIndex };
  }

  /** A string template: literal parts (unescaped; the runs written without escapes 1:1 with the source) and `${…}` parts. */
  /** Undefined when the text cannot be known, or starts with an unknown part of no known type (see finishString). */
  templateString(e: SyntaxNode): HostString | undefined {
    const heredoc = e.type === 'heredoc_template';
    const parts: StrPart[] = [];
    const encoding: Layer[] = [heredoc ? 'hcl-template' : 'hcl-quoted', ...this.outer];
    const literal = (from: number, to: number): boolean => {
      const segments = unescapeHcl(this.text.slice(from, to), !heredoc);
      if (!segments) return false;
      const style: ScalarStyle = { quote: 'hcl', sub: false, start: from, end: to, encoding };
      for (const g of segments) parts.push(g.exact ? { lit: g.value, src: from + g.from, srcEnd: from + g.to, style } : { lit: g.value });
      return true;
    };
    // tree-sitter leaves the spaces next to an interpolation out of every node: they are literal text all the same.
    // (Not in a `<<-` heredoc, whose indentation Terraform strips.)
    const [start, end] = contentRange(e, this.text);
    let at = start;
    for (const c of kids(e)) {
      if (c.type !== 'template_literal' && c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
      if (start >= 0 && c.startIndex > at && !literal(at, c.startIndex)) return undefined;
      at = c.endIndex;
      if (c.type === 'template_literal') {
        if (!literal(c.startIndex, c.endIndex)) return undefined;
      } else if (c.type === 'template_interpolation') {
        parts.push({ unknown: c.text.replace(/\s+/g, ' '), src: c.startIndex, srcEnd: c.endIndex });
      } else return undefined; // %{ if } / %{ for }: the text is not known
    }
    if (start >= 0 && end > at && !literal(at, end)) return undefined;
    return finishString(parts, e.startIndex, e.endIndex);
  }

  /** A block of the native syntax as the policy document reader sees it. */
  docBlock(b: Block): DocBlock {
    return {
      src: b.node.startIndex,
      srcEnd: b.node.endIndex,
      text: b.node.text,
      attr: (name) => {
        const n = attributes(b.body).get(name);
        return n && { value: this.value(n), src: n.startIndex, srcEnd: n.endIndex };
      },
      blocks: (kind) =>
        blocks(b.body)
          .filter((x) => x.kind === kind)
          .map((x) => ({ labels: x.labels, block: this.docBlock(x) })),
    };
  }
}

/** A template literal's text as runs: those written as they read (`exact`, offsets in `raw`) and one per escape
 * (`$${`, `%%{`; in a quoted string also `\\n`, `\\"`, `\\uXXXX`, …). Undefined for an escape HCL does not have. */
/** Where a template's text is: inside the quotes, or between a `<<` heredoc's marker lines; [-1, -1] for `<<-`. */
function contentRange(e: SyntaxNode, text: string): [number, number] {
  const k = kids(e);
  if (e.type === 'heredoc_template') {
    const marks = k.filter((c) => c.type === 'heredoc_identifier');
    const opener = k.find((c) => c.type === 'heredoc_start');
    if (marks.length < 2 || opener?.text !== '<<') return [-1, -1];
    const start = text.indexOf('\n', marks[0].endIndex) + 1;
    const close = marks[marks.length - 1].startIndex;
    const end = text.lastIndexOf('\n', close - 1);
    return start > 0 && end >= start && /^[ \t]*$/.test(text.slice(end + 1, close)) ? [start, text[end - 1] === '\r' ? end - 1 : end] : [-1, -1];
  }
  const open = k.find((c) => c.type === 'quoted_template_start');
  const close = k.find((c) => c.type === 'quoted_template_end');
  return open && close ? [open.endIndex, close.startIndex] : [-1, -1];
}

/**
 * A block as both syntaxes give it (a `.tf` block, or a `.tf.json` object): its arguments as values, with the source
 * range of each, and its nested blocks of one type (with their labels: `dynamic "statement"`).
 */
export interface DocBlock {
  src: number;
  srcEnd: number;
  /** The block's source text (named in messages when the block is unknown). */
  text: string;
  attr(name: string): { value: HostValue; src: number; srcEnd: number } | undefined;
  blocks(kind: string): Array<{ labels: string[]; block: DocBlock }>;
}

const unknownOf = (text: string, src: number, srcEnd: number): HostValue => {
  const t = text.replace(/\s+/g, ' ');
  return { t: 'unknown', expr: t.length > 60 ? `${t.slice(0, 57)}…` : t, src, srcEnd };
};
const unknownBlock = (b: DocBlock): HostValue => unknownOf(b.text, b.src, b.srcEnd);
const named = (name: string, src: number, srcEnd: number): HostString => ({ t: 'string', parts: [{ lit: name }], src, srcEnd });
const literal = (v: HostValue | undefined): v is HostString => !!v && v.t === 'string' && v.parts.every((x) => 'lit' in x);
const litText = (v: HostString): string => v.parts.map((x) => ('lit' in x ? x.lit : '')).join('');

/** data "aws_iam_policy_document": the provider's document as IAM JSON (either syntax: see DocBlock). */
export function policyDocument(b: DocBlock): HostValue {
  const entries: Array<{ key: HostString; value: HostValue }> = [];
  const version = b.attr('version');
  entries.push(
    version
      ? { key: named('Version', version.src, version.srcEnd), value: version.value }
      : { key: named('Version', b.src, b.srcEnd), value: { t: 'string', parts: [{ lit: '2012-10-17' }], src: b.src, srcEnd: b.srcEnd } },
  );
  const id = b.attr('policy_id');
  if (id) entries.push({ key: named('Id', id.src, id.srcEnd), value: id.value });
  const statements: HostValue[] = b.blocks('statement').map((s) => statement(s.block));
  for (const d of b.blocks('dynamic')) if (d.labels[0] === 'statement') statements.push(unknownBlock(d.block));
  entries.push({ key: named('Statement', b.src, b.srcEnd), value: { t: 'array', items: statements, src: b.src, srcEnd: b.srcEnd } });
  return { t: 'object', entries, src: b.src, srcEnd: b.srcEnd };
}

function statement(s: DocBlock): HostValue {
  const { src, srcEnd } = s;
  const entries: Array<{ key: HostString; value: HostValue }> = [];
  const sid = s.attr('sid');
  if (sid) entries.push({ key: named('Sid', sid.src, sid.srcEnd), value: sid.value });
  const effect = s.attr('effect');
  entries.push(
    effect
      ? { key: named('Effect', effect.src, effect.srcEnd), value: effect.value }
      : { key: named('Effect', src, srcEnd), value: { t: 'string', parts: [{ lit: 'Allow' }], src, srcEnd } },
  );
  for (const [arg, element] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const v = s.attr(arg);
    if (v) entries.push({ key: named(element, v.src, v.srcEnd), value: v.value });
  }
  const dynamic = new Set(s.blocks('dynamic').map((x) => x.labels[0]));
  for (const [kind, element] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const list = s.blocks(kind).map((x) => x.block);
    if (dynamic.has(kind)) entries.push({ key: named(element, src, srcEnd), value: unknownBlock(s) });
    else if (list.length) entries.push({ key: named(element, list[0].src, list[0].srcEnd), value: principals(list) });
  }
  const conditions = s.blocks('condition').map((x) => x.block);
  if (dynamic.has('condition')) entries.push({ key: named('Condition', src, srcEnd), value: unknownBlock(s) });
  else if (conditions.length) entries.push({ key: named('Condition', conditions[0].src, conditions[0].srcEnd), value: conditionsOf(conditions) });
  return { t: 'object', entries, src, srcEnd };
}

/** principals { type identifiers } blocks → { "<type>": [identifiers…] } (`type = "*"` and `["*"]` → "*"). */
function principals(list: DocBlock[]): HostValue {
  const byType = new Map<string, { key: HostString; items: HostValue[] }>();
  for (const p of list) {
    const t = p.attr('type')?.value;
    const ids = p.attr('identifiers');
    if (!literal(t) || !ids) return unknownBlock(p);
    const name = litText(t);
    const v = ids.value;
    if (name === '*' && list.length === 1) return v.t === 'array' && v.items.length === 1 ? v.items[0] : v;
    const entry = byType.get(name) ?? { key: t, items: [] };
    if (v.t === 'array') entry.items.push(...v.items);
    else return unknownBlock(p);
    byType.set(name, entry);
  }
  const [src, srcEnd] = [list[0].src, list[list.length - 1].srcEnd];
  return { t: 'object', entries: [...byType.values()].map((e) => ({ key: e.key, value: { t: 'array', items: e.items, src, srcEnd } })), src, srcEnd };
}

/** condition { test variable values } blocks → { "<test>": { "<variable>": [values…] } }. */
function conditionsOf(list: DocBlock[]): HostValue {
  const byTest = new Map<string, { key: HostString; vars: Array<{ key: HostString; value: HostValue }> }>();
  for (const c of list) {
    const test = c.attr('test')?.value;
    const variable = c.attr('variable')?.value;
    const values = c.attr('values');
    if (!literal(test) || !literal(variable) || !values) return unknownBlock(c);
    const name = litText(test);
    const entry = byTest.get(name) ?? { key: test, vars: [] };
    entry.vars.push({ key: variable, value: values.value });
    byTest.set(name, entry);
  }
  const [src, srcEnd] = [list[0].src, list[list.length - 1].srcEnd];
  return { t: 'object', entries: [...byTest.values()].map((e) => ({ key: e.key, value: { t: 'object', entries: e.vars, src, srcEnd } })), src, srcEnd };
}

function unescapeHcl(raw: string, quoted: boolean): Array<{ value: string; from: number; to: number; exact: boolean }> | undefined {
  const out: Array<{ value: string; from: number; to: number; exact: boolean }> = [];
  let run = 0;
  const escape = (i: number, len: number, value: string): void => {
    if (i > run) out.push({ value: raw.slice(run, i), from: run, to: i, exact: true });
    out.push({ value, from: i, to: i + len, exact: false });
    run = i + len;
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if ((c === '$' || c === '%') && raw.startsWith(`${c}${c}{`, i)) {
      escape(i, 3, `${c}{`);
      i += 2;
    } else if (c === '\\' && quoted) {
      const n = raw[i + 1];
      if (n in HCL_ESCAPES) {
        escape(i, 2, HCL_ESCAPES[n]);
        i++;
      } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        escape(i, 6, String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)));
        i += 5;
      } else return undefined;
    }
  }
  if (run < raw.length || !out.length) out.push({ value: raw.slice(run), from: run, to: raw.length, exact: true });
  return out;
}
