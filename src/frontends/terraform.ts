// The Terraform front end: the policies of a .tf file become policy sites (site.ts), read from tree-sitter's HCL syntax
// tree (tree-sitter-terraform, WASM; loaded by hcl-parser.ts). Three ways a policy is written:
// - `jsonencode({ … })`: the HCL object is the policy; `${…}` interpolations and references are unknown parts;
// - a heredoc or quoted JSON string (`policy = <<EOT {…} EOT`): its JSON is read with the interpolations as holes;
// - `data "aws_iam_policy_document"` blocks: statement / principals / condition blocks, mapped onto IAM's JSON
//   (effect defaults to Allow and version to 2012-10-17, as the provider does); a `dynamic` block is unknown.
import { finishString, jsonWithHoles, type HostString, type HostValue, type PolicySite, type ScalarStyle, type StrPart } from './site';

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
const POLICY_ARGUMENTS: Record<string, Array<{ name: string; role: PolicySite['role'] }>> = {
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
      sites.push({ path: `data.${type}.${name}`, role: 'identity', value: reader.policyDocument(b), src: b.node.startIndex, srcEnd: b.node.endIndex });
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

class Reader {
  constructor(private readonly text: string) {}

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
      return s ? jsonWithHoles(s, { quote: 'json-in-hcl', sub: false }) : undefined;
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

  /** A string template: literal parts (unescaped; 1:1 with the source when written without escapes) and `${…}` parts. */
  /** Undefined when the text cannot be known, or starts with an unknown part of no known type (see finishString). */
  templateString(e: SyntaxNode): HostString | undefined {
    const heredoc = e.type === 'heredoc_template';
    const parts: StrPart[] = [];
    for (const c of kids(e)) {
      if (c.type === 'template_literal') {
        const raw = this.text.slice(c.startIndex, c.endIndex);
        const value = heredoc ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescapeHcl(raw);
        if (value === undefined) return undefined;
        const style: ScalarStyle = { quote: heredoc ? 'json-in-hcl' : 'hcl', sub: false, start: c.startIndex, end: c.endIndex };
        parts.push(value === raw ? { lit: value, src: c.startIndex, srcEnd: c.endIndex, style } : { lit: value });
      } else if (c.type === 'template_interpolation') {
        parts.push({ unknown: c.text.replace(/\s+/g, ' '), src: c.startIndex, srcEnd: c.endIndex });
      } else if (c.type === 'template_directive') {
        return undefined; // %{ if } / %{ for }: the text is not known
      }
    }
    return finishString(parts, e.startIndex, e.endIndex);
  }

  /** data "aws_iam_policy_document": the provider's document as IAM JSON. */
  policyDocument(b: Block): HostValue {
    const attrs = attributes(b.body);
    const entries: Array<{ key: HostString; value: HostValue }> = [];
    const at = (n: SyntaxNode | Block): [number, number] => ('node' in n ? [n.node.startIndex, n.node.endIndex] : [n.startIndex, n.endIndex]);
    const key = (name: string, n: SyntaxNode | Block): HostString => {
      const [src, srcEnd] = at(n);
      return { t: 'string', parts: [{ lit: name }], src, srcEnd };
    };
    const version = attrs.get('version');
    entries.push({
      key: key('Version', version ?? b),
      value: version ? this.value(version) : { t: 'string', parts: [{ lit: '2012-10-17' }], src: b.node.startIndex, srcEnd: b.node.endIndex },
    });
    const id = attrs.get('policy_id');
    if (id) entries.push({ key: key('Id', id), value: this.value(id) });
    const statements: HostValue[] = [];
    for (const s of blocks(b.body)) {
      if (s.kind === 'statement') statements.push(this.statement(s));
      else if (s.kind === 'dynamic') statements.push(this.unknown(s.node));
    }
    const [src, srcEnd] = at(b);
    entries.push({ key: key('Statement', b), value: { t: 'array', items: statements, src, srcEnd } });
    return { t: 'object', entries, src, srcEnd };
  }

  private statement(s: Block): HostValue {
    const attrs = attributes(s.body);
    const [src, srcEnd] = [s.node.startIndex, s.node.endIndex];
    const entries: Array<{ key: HostString; value: HostValue }> = [];
    const key = (name: string, n: SyntaxNode): HostString => ({ t: 'string', parts: [{ lit: name }], src: n.startIndex, srcEnd: n.endIndex });
    const sid = attrs.get('sid');
    if (sid) entries.push({ key: key('Sid', sid), value: this.value(sid) });
    const effect = attrs.get('effect');
    entries.push({ key: key('Effect', effect ?? s.node), value: effect ? this.value(effect) : { t: 'string', parts: [{ lit: 'Allow' }], src, srcEnd } });
    for (const [arg, element] of [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
      ['resources', 'Resource'],
      ['not_resources', 'NotResource'],
    ] as const) {
      const v = attrs.get(arg);
      if (v) entries.push({ key: key(element, v), value: this.value(v) });
    }
    const inner = blocks(s.body);
    const dynamic = new Set(inner.filter((x) => x.kind === 'dynamic').map((x) => x.labels[0]));
    for (const [kind, element] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const list = inner.filter((x) => x.kind === kind);
      if (dynamic.has(kind)) entries.push({ key: key(element, s.node), value: this.unknown(s.node) });
      else if (list.length) entries.push({ key: key(element, list[0].node), value: this.principals(list) });
    }
    const conditions = inner.filter((x) => x.kind === 'condition');
    if (dynamic.has('condition')) entries.push({ key: key('Condition', s.node), value: this.unknown(s.node) });
    else if (conditions.length) entries.push({ key: key('Condition', conditions[0].node), value: this.conditions(conditions) });
    return { t: 'object', entries, src, srcEnd };
  }

  /** principals { type identifiers } blocks → { "<type>": [identifiers…] } (`type = "*"` and `["*"]` → "*"). */
  private principals(list: Block[]): HostValue {
    const byType = new Map<string, { key: HostString; items: HostValue[] }>();
    for (const p of list) {
      const attrs = attributes(p.body);
      const type = attrs.get('type');
      const ids = attrs.get('identifiers');
      const t = type && this.value(type);
      if (!t || t.t !== 'string' || !t.parts.every((x) => 'lit' in x) || !ids) return this.unknown(p.node);
      const name = t.parts.map((x) => ('lit' in x ? x.lit : '')).join('');
      const v = this.value(ids);
      if (name === '*' && list.length === 1) return v.t === 'array' && v.items.length === 1 ? v.items[0] : v;
      const entry = byType.get(name) ?? { key: t, items: [] };
      if (v.t === 'array') entry.items.push(...v.items);
      else return this.unknown(p.node);
      byType.set(name, entry);
    }
    const [src, srcEnd] = [list[0].node.startIndex, list[list.length - 1].node.endIndex];
    return { t: 'object', entries: [...byType.values()].map((e) => ({ key: e.key, value: { t: 'array', items: e.items, src, srcEnd } })), src, srcEnd };
  }

  /** condition { test variable values } blocks → { "<test>": { "<variable>": [values…] } }. */
  private conditions(list: Block[]): HostValue {
    const byTest = new Map<string, { key: HostString; vars: Array<{ key: HostString; value: HostValue }> }>();
    for (const c of list) {
      const attrs = attributes(c.body);
      const test = attrs.get('test') && this.value(attrs.get('test')!);
      const variable = attrs.get('variable') && this.value(attrs.get('variable')!);
      const values = attrs.get('values');
      const literal = (v: HostValue | undefined): v is HostString => !!v && v.t === 'string' && v.parts.every((x) => 'lit' in x);
      if (!literal(test) || !literal(variable) || !values) return this.unknown(c.node);
      const name = test.parts.map((x) => ('lit' in x ? x.lit : '')).join('');
      const entry = byTest.get(name) ?? { key: test, vars: [] };
      entry.vars.push({ key: variable, value: this.value(values) });
      byTest.set(name, entry);
    }
    const [src, srcEnd] = [list[0].node.startIndex, list[list.length - 1].node.endIndex];
    return { t: 'object', entries: [...byTest.values()].map((e) => ({ key: e.key, value: { t: 'object', entries: e.vars, src, srcEnd } })), src, srcEnd };
  }
}

function unescapeHcl(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '$' && raw.startsWith('$${', i)) {
      out += '${';
      i += 2;
    } else if (c === '%' && raw.startsWith('%%{', i)) {
      out += '%{';
      i += 2;
    } else if (c === '\\') {
      const n = raw[i + 1];
      if (n in HCL_ESCAPES) {
        out += HCL_ESCAPES[n];
        i++;
      } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        i += 5;
      } else return undefined;
    } else out += c;
  }
  return out;
}
