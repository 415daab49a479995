// The CloudFormation front end: a template in YAML or JSON (CDK's cdk.out/*.template.json included) becomes one policy
// site per policy document. The `yaml` package (eemeli/yaml) parses both languages with source ranges and keeps the
// short-form tags (!Sub, !Ref, …), so one reader serves YAML, JSON and CDK output.
//
// Intrinsics become unknown parts or values (site.ts): `!Sub "arn:aws:s3:::${Bucket}/*"` is the literal
// `arn:aws:s3:::` + unknown + `/*`; `!Join` joins its literal and unknown items; `!Ref AWS::Region` is an unknown Region
// (a pseudo parameter); `!GetAtt`, `!If`, `!ImportValue`, `!FindInMap`, … are whole unknown values.
//
// A policy document may also be written as JSON text: a string (quoted, a `|` block, or a JSON template's string) or a
// `!Sub` / `Fn::Sub` template whose `${…}` parts are unknown parts inside the JSON's strings. The text is read by
// site.ts's jsonWithHoles through a map of where the scalar's value is written 1:1 in the source (segments()).
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type CollectionTag,
  type Document,
  type Node as YamlNode,
  type Scalar,
  type ScalarTag,
  type YAMLMap,
} from 'yaml';
import { finishString, jsonWithHoles, type HostString, type HostValue, type PolicySite, type ScalarStyle, type StrPart, type UnknownType } from './site';

/** Cheap test before any parse: a template names its format version or at least one `AWS::` resource type. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

export function mayBeTemplate(text: string): boolean {
  return TEMPLATE_HINT.test(text);
}

/** Resource types and the properties that hold policy documents (AWS CloudFormation resource reference). */
/** `*`: every item of a list. */
const POLICY_PROPERTIES: Record<string, Array<{ path: string[]; role: PolicySite['role'] }>> = {
  'AWS::IAM::Role': [
    { path: ['AssumeRolePolicyDocument'], role: 'trust' },
    { path: ['Policies', '*', 'PolicyDocument'], role: 'identity' },
  ],
  'AWS::IAM::User': [{ path: ['Policies', '*', 'PolicyDocument'], role: 'identity' }],
  'AWS::IAM::Group': [{ path: ['Policies', '*', 'PolicyDocument'], role: 'identity' }],
  'AWS::IAM::Policy': [{ path: ['PolicyDocument'], role: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: ['PolicyDocument'], role: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: ['PolicyDocument'], role: 'identity' }],
  'AWS::IAM::UserPolicy': [{ path: ['PolicyDocument'], role: 'identity' }],
  'AWS::IAM::GroupPolicy': [{ path: ['PolicyDocument'], role: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: ['PolicyDocument'], role: 'resource' }],
  'AWS::KMS::Key': [{ path: ['KeyPolicy'], role: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: ['PolicyDocument'], role: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: ['PolicyDocument'], role: 'resource' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: ['ResourcePolicy'], role: 'resource' }],
};

export interface TemplateSites {
  sites: PolicySite[];
  /** The document is a template (it has a Resources map), even when no resource holds a policy. */
  template: boolean;
}

/** The short-form intrinsics (AWS CloudFormation intrinsic function reference), each as a scalar, a list and a map. */
export const INTRINSICS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Not', 'Equals', 'And', 'Or', 'Condition', 'FindInMap', 'GetAZs',
  'ImportValue', 'Base64', 'Cidr', 'Transform', 'Length', 'ToJsonString',
]; // prettier-ignore
/**
 * Declared, the intrinsic tags resolve as they are (the node keeps its tag and its plain value) instead of each raising
 * an "Unresolved tag" warning: yaml builds an Error, with its stack trace, per warning, a fifth of the parse of a
 * template written with short forms (bench: 1 MB template).
 */
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = INTRINSICS.flatMap((name): Array<ScalarTag | CollectionTag> => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => seq },
  { tag: `!${name}`, collection: 'map', resolve: (map) => map },
]);

export function parseTemplate(text: string): Document.Parsed {
  // The core schema (YAML 1.2) keeps `2012-10-17` a string; intrinsic tags (!Sub, !Ref, …) keep their tag.
  return parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false, customTags: CUSTOM_TAGS });
}

/** The policy documents of a CloudFormation template (YAML or JSON). */
export function templateSites(text: string): TemplateSites {
  if (!mayBeTemplate(text)) return { sites: [], template: false };
  const doc = parseTemplate(text);
  if (doc.errors.length) return { sites: [], template: false };
  const root = doc.contents;
  if (!isMap(root)) return { sites: [], template: false };
  const resources = mapGet(root, 'Resources');
  if (!isMap(resources)) return { sites: [], template: false };
  const reader = new Reader(text, doc);
  const sites: PolicySite[] = [];
  for (const pair of resources.items) {
    const name = scalarString(pair.key);
    const res = pair.value;
    if (name === undefined || !isMap(res)) continue;
    const type = scalarString(mapGet(res, 'Type'));
    const props = mapGet(res, 'Properties');
    const specs = type ? POLICY_PROPERTIES[type] : undefined;
    if (!specs || !isMap(props)) continue;
    for (const spec of specs) {
      for (const [path, node] of walk(props, spec.path, `Resources.${name}.Properties`)) {
        const value = reader.policy(node);
        if (!value) continue; // a policy built by another intrinsic (!If, !GetAtt, …), or a string that is not JSON
        const [src, , srcEnd] = node.range!;
        sites.push({ path, role: spec.role, value, src, srcEnd });
      }
    }
  }
  return { sites, template: true };
}

function* walk(node: YamlNode, path: string[], at: string): Generator<[string, YamlNode]> {
  if (!path.length) {
    yield [at, node];
    return;
  }
  const [head, ...rest] = path;
  if (head === '*') {
    if (!isSeq(node)) return;
    for (const [i, item] of node.items.entries()) if (item && typeof item === 'object') yield* walk(item as YamlNode, rest, `${at}[${i}]`);
    return;
  }
  if (!isMap(node)) return;
  const next = mapGet(node, head);
  if (next) yield* walk(next, rest, `${at}.${head}`);
}

function mapGet(map: YAMLMap, key: string): YamlNode | undefined {
  // The last copy of a duplicated key, as CloudFormation's JSON conversion keeps it.
  let found: YamlNode | undefined;
  for (const p of map.items) if (scalarString(p.key) === key) found = (p.value ?? undefined) as YamlNode | undefined;
  return found;
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/** `{ "Ref": … }` or `{ "Fn::…": … }`: a single-key map whose key is an intrinsic function's name. */
function longFormIntrinsic(map: YAMLMap): { name: string; arg: YamlNode | undefined } | undefined {
  if (map.items.length !== 1) return undefined;
  const key = scalarString(map.items[0].key);
  if (key === undefined || !(key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))) return undefined;
  return { name: key === 'Ref' ? 'Ref' : key === 'Condition' ? 'Condition' : key.slice(4), arg: (map.items[0].value ?? undefined) as YamlNode | undefined };
}

const PSEUDO: Record<string, UnknownType | undefined> = {
  'AWS::Region': 'region',
  'AWS::AccountId': 'account',
  'AWS::Partition': 'partition',
  'AWS::URLSuffix': 'url-suffix',
};

/** A stretch of a scalar's value, [from, to), written 1:1 in the source at `src`. */
interface Segment {
  from: number;
  to: number;
  src: number;
}

/** The value's [from, to) as literal parts: mapped where a segment covers it, unmapped in between. */
function mappedParts(value: string, from: number, to: number, segs: readonly Segment[]): StrPart[] {
  const parts: StrPart[] = [];
  let at = from;
  for (const g of segs) {
    const a = Math.max(g.from, at);
    const b = Math.min(g.to, to);
    if (a >= b) continue;
    if (a > at) parts.push({ lit: value.slice(at, a) });
    parts.push({ lit: value.slice(a, b), src: g.src + (a - g.from), srcEnd: g.src + (b - g.from) });
    at = b;
  }
  if (at < to || !parts.length) parts.push({ lit: value.slice(at, to) });
  return parts;
}

/** YAML double-quoted escapes (YAML 1.2, 5.7) that stand for one character; \x, \u and \U are read separately. */
const YAML_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/',
  '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
}; // prettier-ignore

class Reader {
  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  /**
   * A policy document property: a map (the usual form), JSON text in a string, or a `!Sub` / `Fn::Sub` whose template is
   * JSON text. Undefined when the policy is built by another intrinsic or the string is not a JSON object.
   */
  policy(node: YamlNode): HostValue | undefined {
    if (isMap(node)) {
      const lf = node.tag ? undefined : longFormIntrinsic(node);
      if (!lf) return this.value(node);
      return lf.name === 'Sub' ? this.jsonSub(lf.arg) : undefined;
    }
    if (node.tag === '!Sub') return this.jsonSub(node);
    if (!node.tag && isScalar(node) && typeof node.value === 'string') return this.jsonText(node);
    return undefined;
  }

  /** A string scalar holding a policy's JSON (no `${…}` substitution: the text is literal). */
  private jsonText(node: Scalar): HostValue | undefined {
    const value = node.value as string;
    if (!value.trimStart().startsWith('{')) return undefined;
    const [src, end] = node.range!;
    return jsonWithHoles(
      { t: 'string', parts: mappedParts(value, 0, value.length, this.segments(node)), src, srcEnd: end },
      { quote: 'json-in-yaml', sub: false },
    );
  }

  /** `!Sub` / `Fn::Sub` (a template, or [template, variables]) whose template is a policy's JSON. */
  private jsonSub(arg: YamlNode | null | undefined): HostValue | undefined {
    const template = isSeq(arg) ? arg.items[0] : arg;
    if (!isScalar(template) || typeof template.value !== 'string' || !template.value.trimStart().startsWith('{')) return undefined;
    const [src, end] = template.range!;
    return jsonWithHoles({ t: 'string', parts: this.subParts(template, this.segments(template)), src, srcEnd: end }, { quote: 'json-in-yaml', sub: true });
  }

  /**
   * Where a string scalar's value is written 1:1 in the source: the stretches between escapes and line breaks of a
   * quoted scalar, the lines of a block scalar (less their indentation). Each stretch is placed at the value offset the
   * ones before it leave (after a line break, past the folding's spaces and line breaks only) and must be there; the
   * first one that is not, or that could be placed in more than one way, ends the map (the rest maps to the whole
   * scalar, as text written with escapes does).
   */
  private segments(node: Scalar): Segment[] {
    const value = node.value as string;
    const [start, end] = node.range!;
    /** Stretches of the value in source order: literal text (with its source offset) or an escape's character. */
    const chunks: Array<{ out: string; src?: number; lineStart: boolean }> = [];
    const lines = (from: number, to: number): Array<{ at: number; line: string }> => {
      const out: Array<{ at: number; line: string }> = [];
      let at = from;
      for (const raw of this.text.slice(from, to).split('\n')) {
        out.push({ at, line: raw.endsWith('\r') ? raw.slice(0, -1) : raw });
        at += raw.length + 1;
      }
      return out;
    };
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    if (node.type === 'PLAIN') {
      return this.text.slice(start, end) === value ? [{ from: 0, to: value.length, src: start }] : [];
    } else if (block) {
      const [header, ...body] = lines(start, end);
      if (/\d/.test(header.line.replace(/#.*/, ''))) return []; // an explicit indentation indicator
      const indent = Math.min(...body.filter((l) => l.line.trim()).map((l) => l.line.length - l.line.trimStart().length));
      for (const { at, line } of body) {
        if (!line.trim()) continue;
        if (!/^ *$/.test(line.slice(0, indent))) break;
        chunks.push({ out: line.slice(indent), src: at + indent, lineStart: true });
      }
    } else if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') {
      const all = lines(start + 1, end - 1);
      for (const [i, l] of all.entries()) {
        let line = l.line;
        let at = l.at;
        if (i > 0) {
          const lead = line.length - line.replace(/^[ \t]+/, '').length;
          line = line.slice(lead);
          at += lead;
        }
        const escapedBreak = node.type === 'QUOTE_DOUBLE' && i < all.length - 1 && /(^|[^\\])(\\\\)*\\$/.test(line);
        if (escapedBreak) line = line.slice(0, -1);
        else if (i < all.length - 1) line = line.replace(/[ \t]+$/, '');
        let first = i > 0;
        const push = (out: string, src?: number): void => {
          if (!out) return;
          chunks.push({ out, src, lineStart: first });
          first = false;
        };
        if (node.type === 'QUOTE_SINGLE') {
          let from = 0;
          for (let k = line.indexOf("''"); k >= 0; k = line.indexOf("''", from)) {
            push(line.slice(from, k), at + from);
            push("'");
            from = k + 2;
          }
          push(line.slice(from), at + from);
          continue;
        }
        let from = 0;
        let k = line.indexOf('\\');
        for (; k >= 0; k = line.indexOf('\\', from)) {
          push(line.slice(from, k), at + from);
          const c = line[k + 1];
          const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
          const digits = line.slice(k + 2, k + 2 + hex);
          if (hex && new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) push(String.fromCodePoint(parseInt(digits, 16)));
          else if (!hex && c !== undefined && c in YAML_ESCAPES) push(YAML_ESCAPES[c]);
          else break;
          from = k + 2 + hex;
        }
        if (k >= 0) break; // an escape not read here: the map ends
        push(line.slice(from), at + from);
      }
    }
    // Place the stretches. A literal block's lines are separated by line breaks only; folding (a folded block, a
    // quoted scalar) also gives spaces, so there a stretch that starts with a space could sit in more than one place.
    const gap = node.type === 'BLOCK_LITERAL' ? /\n/ : /[ \n]/;
    const segs: Segment[] = [];
    let at = 0;
    for (const c of chunks) {
      let pos = at;
      if (c.lineStart) {
        while (pos < value.length && gap.test(value[pos])) pos++;
        if (gap.test(c.out[0])) break;
      }
      if (!value.startsWith(c.out, pos)) break;
      if (c.src !== undefined) segs.push({ from: pos, to: pos + c.out.length, src: c.src });
      at = pos + c.out.length;
    }
    return segs;
  }

  value(node: YamlNode | null | undefined, depth = 0): HostValue {
    if (!node || depth > 200) return { t: 'null', json: 'null', src: 0, srcEnd: 0 };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return target ? this.value(target, depth + 1) : this.unknownOf(node, '*alias');
    }
    const [src, , srcEnd] = node.range ?? [0, 0, 0];
    if (node.tag && node.tag.startsWith('!')) return this.intrinsic(node.tag.slice(1), node, node, depth);
    if (isMap(node)) {
      const lf = longFormIntrinsic(node);
      if (lf) return this.intrinsic(lf.name, lf.arg, node, depth);
      const entries: Array<{ key: HostString; value: HostValue }> = [];
      for (const p of node.items) {
        if (!isPair(p) || !isScalar(p.key)) continue;
        entries.push({ key: this.literalString(p.key), value: this.value(p.value as YamlNode | null, depth + 1) });
      }
      return { t: 'object', entries, src, srcEnd: node.range![1] };
    }
    if (isSeq(node)) return { t: 'array', items: node.items.map((x) => this.value(x as YamlNode | null, depth + 1)), src, srcEnd: node.range![1] };
    if (isScalar(node)) {
      const v = node.value;
      const end = node.range![1];
      if (typeof v === 'string') return this.literalString(node);
      if (typeof v === 'boolean') return { t: 'boolean', json: String(v), src, srcEnd: end };
      if (v === null) return { t: 'null', json: 'null', src, srcEnd: end };
      if (typeof v === 'number' || typeof v === 'bigint') {
        const raw = node.source ?? this.text.slice(src, end);
        // `012345678901` is an account, not a number (CloudFormation reads YAML 1.1, where it is a string).
        if (/^0\d/.test(raw) || !Number.isFinite(Number(v))) return this.literalString(node, raw);
        return { t: 'number', json: JSON.stringify(Number(v)), src, srcEnd: end };
      }
    }
    return this.unknownOf(node, this.text.slice(src, srcEnd));
  }

  private unknownOf(node: YamlNode, expr: string): HostValue {
    const [src, end] = node.range ?? [0, 0];
    return { t: 'unknown', expr: expr.trim(), src, srcEnd: end };
  }

  /** A string scalar; its parts map 1:1 onto the source when it is written without escapes or folding. */
  private literalString(node: Scalar, value = String(node.value)): HostString {
    const [src, end] = node.range!;
    const inner = this.innerRange(node);
    const exact = inner && this.text.slice(inner[0], inner[1]) === value;
    const part: StrPart = exact ? { lit: value, src: inner[0], srcEnd: inner[1], style: this.style(node, inner, false) } : { lit: value };
    return { t: 'string', parts: [part], src, srcEnd: end };
  }

  private style(node: Scalar, inner: [number, number], sub: boolean): ScalarStyle | undefined {
    const quote = node.type === 'PLAIN' ? 'plain' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'QUOTE_DOUBLE' ? 'double' : undefined;
    return quote && { quote, sub, start: inner[0], end: inner[1] };
  }

  /** Source range of a scalar's characters (inside its quotes), for plain and quoted scalars on one line. */
  private innerRange(node: Scalar): [number, number] | undefined {
    const [start, end] = node.range!;
    const s = start; // a short-form tag (`!Sub "…"`) sits before the node's range
    switch (node.type) {
      case 'PLAIN':
        return [s, end];
      case 'QUOTE_DOUBLE':
      case 'QUOTE_SINGLE':
        return end - s >= 2 ? [s + 1, end - 1] : undefined;
      default:
        return undefined;
    }
  }

  private intrinsic(name: string, arg: YamlNode | null | undefined, node: YamlNode, depth: number): HostValue {
    const src = node.range?.[0] ?? 0;
    const whole = (): HostValue => ({ t: 'unknown', expr: this.describe(name, arg, node), src, srcEnd: node.range![1] });
    switch (name) {
      case 'Ref': {
        const ref = scalarString(arg);
        const type = ref !== undefined ? PSEUDO[ref] : undefined;
        if (!type) return whole();
        return { t: 'string', parts: [{ unknown: `\${${ref}}`, type, src, srcEnd: node.range![1] }], src, srcEnd: node.range![1] };
      }
      case 'Sub': {
        const template = isSeq(arg) ? arg.items[0] : arg;
        if (!isScalar(template) || typeof template.value !== 'string') return whole();
        const parts = this.subParts(template);
        return finishString(parts, src, node.range![1]) ?? whole();
      }
      case 'Join': {
        if (!isSeq(arg) || arg.items.length !== 2) return whole();
        const [delimNode, list] = arg.items as YamlNode[];
        const delim = scalarString(delimNode);
        if (delim === undefined || !isSeq(list) || list.tag) return whole();
        const parts: StrPart[] = [];
        for (const [i, item] of list.items.entries()) {
          if (i && delim) parts.push({ lit: delim });
          const v = this.value(item as YamlNode, depth + 1);
          if (v.t === 'string') parts.push(...v.parts);
          else if (v.t === 'unknown') parts.push({ unknown: v.expr, src: v.src, srcEnd: v.srcEnd });
          else return whole();
        }
        return finishString(parts, src, node.range![1]) ?? whole();
      }
      case 'Select': {
        if (!isSeq(arg) || arg.items.length !== 2) return whole();
        const [indexNode, list] = arg.items as YamlNode[];
        const i = isScalar(indexNode) ? Number(indexNode.value) : NaN;
        if (!Number.isInteger(i) || !isSeq(list) || list.tag || i < 0 || i >= list.items.length) return whole();
        return this.value(list.items[i] as YamlNode, depth + 1);
      }
      default:
        // GetAtt, If, ImportValue, FindInMap, GetAZs, Base64, Split, Cidr, Transform, Condition, and any other tag.
        return whole();
    }
  }

  /** How a message names an intrinsic: `${Name}` for a reference or an attribute (as !Sub writes them), else its source. */
  private describe(name: string, arg: YamlNode | null | undefined, node: YamlNode): string {
    if (name === 'Ref' && scalarString(arg) !== undefined) return `\${${scalarString(arg)}}`;
    if (name === 'GetAtt') {
      const parts = isSeq(arg) ? arg.items.map((x) => scalarString(x)) : [scalarString(arg)];
      if (parts.every((x) => x !== undefined)) return `\${${parts.join('.')}}`;
    }
    const [src, , end] = node.range ?? [0, 0, 0];
    const text = (node.tag && !isMap(node) ? `${node.tag} ` : '') + this.text.slice(src, end).trim().replace(/\s+/g, ' ');
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }

  /**
   * `${Name}` and `${AWS::Region}` are unknown parts; `${!Literal}` is the literal `${Literal}`. With `segs` (where the
   * value is written 1:1, see segments()), literal parts map through them; without, only when the whole scalar is 1:1.
   */
  private subParts(template: Scalar, segs?: Segment[]): StrPart[] {
    const value = template.value as string;
    const inner = this.innerRange(template);
    const exact = inner !== undefined && this.text.slice(inner[0], inner[1]) === value;
    const at = (from: number, to: number): number | undefined => {
      if (!segs) return exact ? inner[0] + from : undefined;
      const g = segs.find((x) => x.from <= from && to <= x.to);
      return g ? g.src + (from - g.from) : undefined;
    };
    const parts: StrPart[] = [];
    const lit = (from: number, to: number, text = value.slice(from, to)): void => {
      if (!text) return;
      // `${!X}` renders as `${X}`: its source is one character longer, so that literal does not map 1:1.
      if (text !== value.slice(from, to)) parts.push({ lit: text });
      else if (segs) parts.push(...mappedParts(value, from, to, segs));
      else if (exact) parts.push({ lit: text, src: inner[0] + from, srcEnd: inner[0] + to, style: this.style(template, inner, true) });
      else parts.push({ lit: text });
    };
    let i = 0;
    let litStart = 0;
    while (i < value.length) {
      const open = value.indexOf('${', i);
      if (open < 0) break;
      const close = value.indexOf('}', open + 2);
      if (close < 0) break;
      lit(litStart, open);
      const name = value.slice(open + 2, close);
      if (name.startsWith('!')) {
        lit(open, close + 1, '${' + name.slice(1) + '}');
      } else {
        const s = at(open, close + 1);
        const [src, srcEnd] = s !== undefined ? [s, s + (close + 1 - open)] : template.range!;
        parts.push({ unknown: '${' + name + '}', type: PSEUDO[name.trim()], src, srcEnd });
      }
      i = litStart = close + 1;
    }
    lit(litStart, value.length);
    return parts;
  }
}
