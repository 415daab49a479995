// Policy sites: what a front end (CloudFormation YAML/JSON, later Terraform) hands to the one engine.
//
// A front end reads a host document and finds the policy documents in it. Each one becomes a site: a host-neutral value
// tree (objects, arrays, strings, numbers) whose every node knows its source range, and whose strings are made of
// literal parts and unknown parts (an intrinsic such as `${AWS::Region}` or `!GetAtt Role.Arn`, which the tool cannot
// know). renderSite() turns the tree into the JSON text the engine analyses, with a piece map from every JSON range back
// to the source. The engine never learns the host language; findings map back through the pieces (see document.ts).
// jsonWithHoles() reads a policy written as JSON text inside a host string (a Terraform heredoc, a CloudFormation
// string or !Sub template), for every front end.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** What an unknown part is known to be: a partition, Region or account (from a pseudo parameter or its ARN field). */
export type UnknownType = 'partition' | 'region' | 'account' | 'url-suffix';

/** How the source writes the scalar a literal part sits in: what an edit inside it may insert (document.ts, safeEdit). */
export interface ScalarStyle {
  /** YAML scalar styles; `hcl`: a Terraform string (quoted, heredoc, or a .tf.json string); `json-in-hcl`: a JSON string
   * inside a Terraform string (see `encoding` for how each is written); `json-in-yaml`: a JSON string inside a
   * CloudFormation string (YAML quoted or block scalar, or a JSON template's string). */
  quote: 'plain' | 'single' | 'double' | 'hcl' | 'json-in-hcl' | 'json-in-yaml';
  /** A `!Sub` template: `${` would start a reference. */
  sub: boolean;
  /** Source range of the scalar's characters (inside its quotes). */
  start: number;
  end: number;
  /**
   * How a value is written in this scalar, innermost layer first (Terraform): `json` a JSON string's escapes, `hcl-quoted`
   * an HCL quoted string's (`\\`, `\"`, `$${`, `%%{`), `hcl-template` a heredoc's or a .tf.json string's (`$${`, `%%{`).
   * Absent: the value is written as it is (YAML; see safeEdit).
   */
  encoding?: readonly Layer[];
}

export type Layer = 'json' | 'hcl-quoted' | 'hcl-template';

/** The source text of a value written through these layers (innermost first); undefined when it cannot be written
 * (a control character or line break: no policy value written by hand holds one; `$$` or `%%` in a template). */
export function encodeValue(value: string, layers: readonly Layer[]): string | undefined {
  if ([...value].some((c) => c < ' ' || c === '\u007f' || c === '\u2028' || c === '\u2029')) return undefined;
  let out = value;
  for (const l of layers) {
    if (l === 'json') out = out.replace(/["\\]/g, (c) => `\\${c}`);
    else {
      if (l === 'hcl-quoted') out = out.replace(/["\\]/g, (c) => `\\${c}`);
      // `$$` or `%%` before an escape would read one way or another depending on the reader: not written.
      if (/\$\$|%%/.test(out)) return undefined;
      out = out.replace(/([$%])\{/g, '$1$1{');
    }
  }
  return out;
}

export type StrPart =
  /** Literal text. `src` is its source start when the text maps 1:1 onto the source (no escapes, no folding). */
  | { lit: string; src?: number; srcEnd?: number; style?: ScalarStyle }
  /** An unknown part: `expr` is how the source writes it (`${AWS::Region}`), `type` what it is known to be. */
  | { unknown: string; type?: UnknownType; src: number; srcEnd: number };

export type HostValue =
  | { t: 'object'; entries: Array<{ key: HostString; value: HostValue }>; src: number; srcEnd: number }
  | { t: 'array'; items: HostValue[]; src: number; srcEnd: number }
  | HostString
  | { t: 'number' | 'boolean' | 'null'; json: string; src: number; srcEnd: number }
  /** A whole value the tool cannot know (`!Ref Param`, `!GetAtt X.Arn`, `!If [...]`): any type, any content. */
  | { t: 'unknown'; expr: string; src: number; srcEnd: number };

export interface HostString {
  t: 'string';
  parts: StrPart[];
  src: number;
  srcEnd: number;
}

export interface PolicySite {
  /** Where the policy sits, for messages: `Resources.ReadRole.Properties.AssumeRolePolicyDocument`. */
  path: string;
  /** What the host says the document is. The engine still decides trust vs permissions from the content. */
  role: 'trust' | 'identity' | 'resource';
  value: HostValue;
  /** Source range of the whole document value. */
  src: number;
  srcEnd: number;
}

/** One range of the rendered JSON and the source range it came from. */
export interface Piece {
  start: number;
  end: number;
  src: number;
  srcEnd: number;
  /** JSON offsets map 1:1 onto source offsets inside this piece (literal text written the same way in both). */
  linear: boolean;
  /** The piece renders an unknown part or value (a stand-in). */
  unknown: boolean;
  /** For a linear piece: the scalar it is part of, so that an edit can be checked for the host's quoting. */
  style?: ScalarStyle;
}

export interface RenderedSite {
  json: string;
  /** Pieces in JSON order; nested nodes come after the node that contains them (innermost last). */
  pieces: Piece[];
  /** Each stand-in as rendered, with the source text it stands for (to write messages in the source's words). */
  standIns: Array<{ text: string; expr: string }>;
  /** True when some unknown part was rendered with a variant-dependent stand-in (a second render is worth making). */
  variantDependent: boolean;
}

/** Stand-ins for unknowns. Variant 0 renders an untyped unknown as a plain name, variant 1 as `*` (anything): a finding
 * that appears with both does not depend on what the unknown is. Typed unknowns get one valid, consistent value. */
export interface StandIns {
  partition: string;
  region: string;
  account: string;
  urlSuffix: string;
}

/** Variant 0's stand-in for the n-th distinct untyped unknown: a plain name, distinct per source expression. */
const token = (n: number): string => `cfnvalue${n}`;

export function renderSite(value: HostValue, standIns: StandIns, variant: 0 | 1): RenderedSite {
  const out: string[] = [];
  let len = 0;
  const pieces: Piece[] = [];
  const seen = new Map<string, string>();
  const tokens = new Map<string, string>();
  const untyped = (expr: string): string => {
    variantDependent = true;
    if (variant === 1) return '*';
    let t = tokens.get(expr);
    if (!t) tokens.set(expr, (t = token(tokens.size + 1)));
    return t;
  };
  let variantDependent = false;
  const emit = (s: string): void => {
    out.push(s);
    len += s.length;
  };
  const standIn = (text: string, expr: string): void => {
    if (!seen.has(text + '\u0000' + expr)) seen.set(text + '\u0000' + expr, expr);
  };
  const visit = (v: HostValue): void => {
    const start = len;
    switch (v.t) {
      case 'object': {
        const at = pieces.length;
        pieces.push({ start, end: start, src: v.src, srcEnd: v.srcEnd, linear: false, unknown: false });
        emit('{');
        v.entries.forEach((e, i) => {
          if (i) emit(',');
          visit(e.key);
          emit(':');
          visit(e.value);
        });
        emit('}');
        pieces[at].end = len;
        return;
      }
      case 'array': {
        const at = pieces.length;
        pieces.push({ start, end: start, src: v.src, srcEnd: v.srcEnd, linear: false, unknown: false });
        emit('[');
        v.items.forEach((x, i) => {
          if (i) emit(',');
          visit(x);
        });
        emit(']');
        pieces[at].end = len;
        return;
      }
      case 'string': {
        const at = pieces.length;
        pieces.push({ start, end: start, src: v.src, srcEnd: v.srcEnd, linear: false, unknown: false });
        emit('"');
        for (const p of v.parts) {
          const s = len;
          if ('lit' in p) {
            const enc = JSON.stringify(p.lit).slice(1, -1);
            emit(enc);
            if (p.src !== undefined && p.srcEnd !== undefined) {
              const linear = enc === p.lit && p.srcEnd - p.src === p.lit.length;
              pieces.push({ start: s, end: len, src: p.src, srcEnd: p.srcEnd, linear, unknown: false, style: linear ? p.style : undefined });
            }
          } else {
            const text = p.type ? typedStandIn(p.type, standIns) : untyped(p.unknown);
            emit(JSON.stringify(text).slice(1, -1));
            standIn(text, p.unknown);
            pieces.push({ start: s, end: len, src: p.src, srcEnd: p.srcEnd, linear: false, unknown: true });
          }
        }
        emit('"');
        pieces[at].end = len;
        return;
      }
      case 'unknown': {
        const text = untyped(v.expr);
        emit(JSON.stringify(text));
        standIn(text, v.expr);
        pieces.push({ start, end: len, src: v.src, srcEnd: v.srcEnd, linear: false, unknown: true });
        return;
      }
      default:
        emit(v.json);
        pieces.push({ start, end: len, src: v.src, srcEnd: v.srcEnd, linear: false, unknown: false });
    }
  };
  visit(value);
  return { json: out.join(''), pieces, standIns: [...seen].map(([k, expr]) => ({ text: k.split('\u0000')[0], expr })), variantDependent };
}

function typedStandIn(type: UnknownType, s: StandIns): string {
  switch (type) {
    case 'partition':
      return s.partition;
    case 'region':
      return s.region;
    case 'account':
      return s.account;
    case 'url-suffix':
      return s.urlSuffix;
  }
}

/** The source-faithful text of a string value: literals as they are, unknown parts as the source writes them. */
export function sourceText(v: HostString): string {
  return v.parts.map((p) => ('lit' in p ? p.lit : p.unknown)).join('');
}

/** Every string in a value tree (keys included), depth first. */
export function* strings(v: HostValue): Generator<HostString> {
  switch (v.t) {
    case 'object':
      for (const e of v.entries) {
        yield e.key;
        yield* strings(e.value);
      }
      return;
    case 'array':
      for (const x of v.items) yield* strings(x);
      return;
    case 'string':
      yield v;
      return;
    default:
      return;
  }
}

/**
 * A string made of parts. Unknown parts inside an ARN take the type of their field (partition, Region, account); a
 * string that starts with an unknown part of no known type has no literal frame to check, so it is a whole unknown.
 */
export function finishString(parts: StrPart[], src: number, srcEnd: number): HostString | undefined {
  const first = parts[0];
  if (!first) return { t: 'string', parts: [{ lit: '' }], src, srcEnd };
  if ('unknown' in first && !first.type) return undefined;
  let text = '';
  const typed = parts.map((p): StrPart => {
    if ('lit' in p) {
      text += p.lit;
      return p;
    }
    if (!p.type && text.startsWith('arn:')) {
      const field = text.split(':').length - 1;
      const type: UnknownType | undefined = field === 1 ? 'partition' : field === 3 ? 'region' : field === 4 ? 'account' : undefined;
      if (type) return { ...p, type };
    }
    return p;
  });
  return { t: 'string', parts: typed, src, srcEnd };
}

/** The host string a policy's JSON text sits in: the style its JSON strings' literals get (and whether it is a !Sub). */
export interface JsonHost {
  quote: 'json-in-hcl' | 'json-in-yaml';
  sub: boolean;
  /** The host string's escaping layers, outermost last (Terraform); the JSON layer is added in front. */
  encoding?: readonly Layer[];
}

/**
 * A string that holds a policy's JSON, with interpolations as holes: each unknown part (`${…}`) is replaced by as many
 * `x` as it is long (so offsets stay put), the JSON is parsed, and every JSON string that covers a hole gets an unknown
 * part there. Offsets map back through the string's literal parts that carry a source offset (written 1:1: a heredoc
 * line, a stretch of a YAML scalar between escapes and line breaks); a JSON node that starts or ends elsewhere gets the
 * whole string's range. A hole outside a JSON string, or JSON with errors, and the string is not read as a policy.
 */
export function jsonWithHoles(s: HostString, host: JsonHost): HostValue | undefined {
  // Literal parts that map 1:1 onto the source are placed at their source offsets; the rest make the mapping inexact.
  let text = '';
  const pieces: Array<{ from: number; to: number; src?: number; hole?: { expr: string; type?: UnknownType; src: number; srcEnd: number } }> = [];
  for (const p of s.parts) {
    const from = text.length;
    if ('lit' in p) {
      text += p.lit;
      pieces.push({ from, to: text.length, src: p.src });
    } else {
      text += 'x'.repeat(Math.max(1, p.srcEnd - p.src));
      pieces.push({ from, to: text.length, hole: { expr: p.unknown, type: p.type, src: p.src, srcEnd: p.srcEnd } });
    }
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length || root.type !== 'object') return undefined;
  const holes = pieces.filter((p) => p.hole);
  const srcOf = (offset: number): number | undefined => {
    const p = pieces.find((x) => x.from <= offset && offset <= x.to && x.src !== undefined);
    return p ? p.src! + (offset - p.from) : undefined;
  };
  /** The source start of [from, to) when it is written 1:1 there (one stretch of the source, no escape in between). */
  const exactAt = (from: number, to: number): number | undefined => {
    const p = pieces.find((x) => x.from <= from && to <= x.to && x.src !== undefined);
    return p ? p.src! + (from - p.from) : undefined;
  };
  const range = (n: JsonNode): [number, number] => {
    const a = srcOf(n.offset);
    const b = srcOf(n.offset + n.length);
    return a !== undefined && b !== undefined && a < b ? [a, b] : [s.src, s.srcEnd];
  };
  const encoding: Layer[] | undefined = host.encoding ? ['json', ...host.encoding] : undefined;
  const style = (at: number, length: number): ScalarStyle => ({
    quote: host.quote,
    sub: host.sub,
    start: at,
    end: at + length,
    ...(encoding ? { encoding } : {}),
  });
  /** A literal stretch of a JSON string (no hole inside), JSON-unescaped; mapped when written 1:1 in the source. */
  const literal = (from: number, to: number): StrPart => {
    const raw = text.slice(from, to);
    let value: string;
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      value = raw;
    }
    const at = value === raw ? exactAt(from, to) : undefined;
    return at !== undefined ? { lit: value, src: at, srcEnd: at + raw.length, style: style(at, raw.length) } : { lit: value };
  };
  let ok = true;
  const convert = (n: JsonNode): HostValue => {
    const [src, srcEnd] = range(n);
    switch (n.type) {
      case 'object':
        return {
          t: 'object',
          entries: (n.children ?? []).map((prop) => ({
            key: convert(prop.children![0]) as HostString,
            value: prop.children![1] ? convert(prop.children![1]) : { t: 'null', json: 'null', src, srcEnd },
          })),
          src,
          srcEnd,
        };
      case 'array':
        return { t: 'array', items: (n.children ?? []).map(convert), src, srcEnd };
      case 'string': {
        const start = n.offset + 1;
        const end = n.offset + n.length - 1;
        const inside = holes.filter((h) => h.from < end && h.to > start);
        if (inside.some((h) => h.from < start || h.to > end)) ok = false;
        if (!inside.length) return { t: 'string', parts: [literal(start, end)], src, srcEnd };
        // Literal stretches between holes, JSON-unescaped one by one (an escape never spans a hole).
        const parts: StrPart[] = [];
        let at = start;
        for (const h of inside) {
          if (h.from > at) parts.push(literal(at, h.from));
          parts.push({ unknown: h.hole!.expr, type: h.hole!.type, src: h.hole!.src, srcEnd: h.hole!.srcEnd });
          at = h.to;
        }
        if (at < end) parts.push(literal(at, end));
        return finishString(parts, src, srcEnd) ?? { t: 'unknown', expr: parts.map((p) => ('lit' in p ? p.lit : p.unknown)).join(''), src, srcEnd };
      }
      default:
        return { t: n.type === 'number' ? 'number' : n.type === 'boolean' ? 'boolean' : 'null', json: JSON.stringify(n.value), src, srcEnd };
    }
  };
  // A hole outside every JSON string (`"Resource": ${jsonencode(var.arns)}`) leaves the JSON unknown.
  const inStrings = (n: JsonNode): number =>
    n.type === 'string'
      ? holes.filter((h) => h.from >= n.offset && h.to <= n.offset + n.length).length
      : (n.children ?? []).reduce((a, c) => a + inStrings(c), 0);
  if (inStrings(root) !== holes.length) return undefined;
  const v = convert(root);
  return ok ? v : undefined;
}
