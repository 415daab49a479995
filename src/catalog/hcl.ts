// Writing HCL (Terraform) values: the JSON value model (objects, arrays, strings, numbers, Booleans, null) as HCL
// expressions, in `terraform fmt` layout (two-space indentation; `=` aligned across consecutive one-line attributes).
// Used for `jsonencode({...})` policy arguments. No HCL library writes HCL from JavaScript, so this is the one small
// serializer; test/unit/infra-text.test.ts checks it against `terraform fmt` and `terraform console` when Terraform is
// installed.
//
// HCL syntax (hashicorp/hcl, hclsyntax spec): a quoted string is a template, so `${` starts an interpolation and `%{`
// a directive; they are written `$${` and `%%{`. Escapes: \\ \" \n \r \t \uNNNN. Object keys are written as quoted
// strings (an IAM key such as `aws:SourceArn` is not an identifier, and a bare identifier key could be read as a
// variable name in other positions). Tuple items are separated by commas (a trailing comma is allowed).

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A quoted HCL string whose value is exactly `s`. */
export function hclString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

const INDENT = '  ';

/**
 * The HCL expression of a JSON value. `level` is the indentation level of the line the expression starts on; nested
 * lines are indented one level deeper and the closing bracket sits at `level`.
 */
export function hclValue(v: JsonValue, level = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`HCL has no ${v}`);
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return String(v);
  const inner = INDENT.repeat(level + 1);
  const close = INDENT.repeat(level);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[\n${v.map((x) => `${inner}${hclValue(x, level + 1)},\n`).join('')}${close}]`;
  }
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  const attrs = entries.map(([k, x]): [string, string] => [hclString(k), hclValue(x, level + 1)]);
  return `{\n${hclAttributes(attrs, level + 1).join('\n')}\n${close}}`;
}

/** Lines of `name = value` attributes at one indentation level, aligned as terraform fmt aligns them. */
export function hclAttributes(attrs: ReadonlyArray<[string, string]>, level: number): string[] {
  const lines: string[] = [];
  const pad = INDENT.repeat(level);
  let run: Array<[string, string]> = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, x] of run) lines.push(`${pad}${k.padEnd(width)} = ${x}`);
    run = [];
  };
  for (const [k, x] of attrs) {
    if (x.includes('\n')) {
      flush();
      lines.push(`${pad}${k} = ${x}`);
    } else run.push([k, x]);
  }
  flush();
  return lines;
}

/** `jsonencode(<value>)`, the value an HCL object or tuple expression, starting on a line at `level`. */
export function jsonencode(v: JsonValue, level = 0): string {
  return `jsonencode(${hclValue(v, level)})`;
}
