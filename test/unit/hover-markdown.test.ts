// Issue 12 item 3: text from the document never becomes Markdown in a hover. The hover Markdown for hostile values is
// rendered with `marked` (the renderer VS Code's markdown rendering is built on; here from node_modules, a dependency
// of @vscode/vsce) and the HTML must have no image, no link but the hover's own documentation links, no raw HTML,
// and the value's text literally inside a <code> element.
import { strict as assert } from 'node:assert';
import { findPlaceholders } from '../../src/fill/detect';
import { actionHover, arnHover, codeSpan, conditionKeyHover, placeholderHover } from '../../src/vscode/logic/hover-content';

type Parse = (md: string) => string;
let parse: Parse;

before(async () => {
  const m = (await import('marked')) as unknown as { marked: { parse: (s: string, o?: object) => string } };
  // VS Code renders hovers with GFM on (tables, autolinks, strikethrough).
  parse = (md) => m.marked.parse(md, { gfm: true, async: false });
});

/** Hostile values: break out of a code span (backticks, blank line), a table cell (|), or inject HTML. */
const HOSTILE = [
  'arn:aws:s3:::b` ![x](https://evil.example/i.png) [click](https://evil.example/) `',
  'arn:aws:s3:::b``` ![x](https://evil.example/i.png) ```',
  'arn:aws:s3:::b\n\n![x](https://evil.example/i.png)\n\n[click](https://evil.example/)',
  'arn:aws:s3:::b\r\n\r\n![x](https://evil.example/i.png)',
  'arn:aws:s3:::b\r\r<img src=https://evil.example/i.png>',
  'arn:aws:s3:::a|![x](https://evil.example/i.png)|[c](https://evil.example/)|',
  'arn:aws:s3:::a\\|![x](https://evil.example/i.png)\\|x|y|z',
  'arn:aws:s3:::<img src="https://evil.example/i.png"><a href="https://evil.example/">x</a><script>alert(1)</script>',
  'arn:aws:s3:::https://evil.example/auto www.evil.example',
  'arn:aws:s3:::`',
  'arn:aws:s3:::` `',
  '`arn:aws:s3:::x`',
  'arn:aws:s3:::\u2028![x](https://evil.example/i.png)\u2029',
  'arn:aws:s3:::x\u001b[31m\u202e',
  'arn:aws:eu-west-2` ![x](https://evil.example/i.png) `:1:r',
  'arn:aws:glue:eu-west-2:1` ![x](https://evil.example/i.png) `:catalog',
  'arn:aws:glue:eu-west-2:604718293525:db/x`|![x](https://evil.example/i.png)',
];

const ALLOWED_TAGS = new Set(['p', 'strong', 'em', 'code', 'ul', 'li', 'hr', 'br', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What the value looks like in the hover: line breaks and controls as escapes (as codeSpan shows them). */
function shown(value: string): string {
  return value
    .replace(/\r\n/g, '\\r\\n')
    .replace(/[\n\r\t]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function assertSafe(html: string, value: string, label: string): void {
  assert.doesNotMatch(html, /<img\b/i, `${label}: an image\n${html}`);
  assert.doesNotMatch(html, /<script\b|<iframe\b|<svg\b|<del\b/i, `${label}: raw HTML\n${html}`);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g)) assert.ok(ALLOWED_TAGS.has(m[1].toLowerCase()), `${label}: tag <${m[1]}>\n${html}`);
  // The only links are the hover's own documentation links.
  for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"/g)) assert.match(m[1], /^https:\/\/docs\.aws\.amazon\.com\//, `${label}: link to ${m[1]}\n${html}`);
  assert.doesNotMatch(html, /evil\.example\/"|href="https?:\/\/(www\.)?evil/, label);
  // The whole value, literally, inside one <code> element.
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]));
  assert.ok(
    codes.some((c) => c.trim() === shown(value).trim() || c === shown(value)),
    `${label}: value not shown literally in a code span\n${JSON.stringify(codes)}\n${html}`,
  );
}

describe('hovers: untrusted text cannot become Markdown (rendered with marked)', () => {
  it('codeSpan: a fence longer than any backtick run, spaces when needed, no raw line break', () => {
    assert.equal(codeSpan('a'), '`a`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('a``b`'), '``` a``b` ```');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('a\n\nb'), '`a\\n\\nb`');
    assert.equal(codeSpan('a\r\nb\u001b'), '`a\\r\\nb\\u001b`');
    assert.equal(codeSpan(''), '` `');
    for (const v of ['a', 'a`b', 'a``b`', '`x', ' x ', 'x ', '``', 'a\n\nb']) {
      const html = parse(codeSpan(v));
      assert.equal(decode(/<code>([\s\S]*?)<\/code>/.exec(html)?.[1] ?? '<none>'), shown(v), `${JSON.stringify(v)}: ${html}`);
    }
  });

  it('ARN hovers on crafted ARNs render no image, no foreign link, no HTML, and show the ARN literally', () => {
    for (const v of HOSTILE) assertSafe(parse(arnHover(v)), v, `arn ${JSON.stringify(v)}`);
  });

  it('each ARN field is shown literally too (region, account, resource), even with | and backslashes', () => {
    const v = 'arn:aws:glue:eu-west-2:60471829352`5:table/a\\|![x](https://evil.example/i.png)|b';
    const html = parse(arnHover(v));
    assertSafe(html, v, 'fields');
    const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]));
    assert.ok(codes.includes('60471829352`5'), JSON.stringify(codes));
    assert.ok(codes.includes('table/a\\|![x](https://evil.example/i.png)|b'), JSON.stringify(codes));
    assert.ok(codes.includes('eu-west-2'), JSON.stringify(codes));
  });

  it('action and condition-key hovers (with and without IAM data) and placeholder hovers are safe too', () => {
    for (const raw of HOSTILE) {
      const v = raw.replace(/^arn:aws:s3:::/, 's3:Get');
      assertSafe(parse(actionHover(v, undefined, undefined)), v, `action ${JSON.stringify(v)}`);
      assertSafe(parse(actionHover(v.replace('Get', 'Get*'), undefined, '1.0')), v.replace('Get', 'Get*'), `action pattern ${JSON.stringify(v)}`);
      assertSafe(parse(conditionKeyHover(v, undefined, undefined)), v, `key ${JSON.stringify(v)}`);
      assertSafe(parse(conditionKeyHover(v, { key: v, type: 'String', multivalued: false }, '1.0')), v, `key data ${JSON.stringify(v)}`);
    }
    const text = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/*"}]}';
    const occ = findPlaceholders(text)[0];
    for (const raw of HOSTILE) {
      const key = raw.replace(/^arn:aws:s3:::/, '<bucket>');
      assertSafe(parse(placeholderHover({ ...occ, key }, [])), key, `placeholder ${JSON.stringify(key)}`);
    }
  });

  it('the old breakout shapes would have rendered an image (the check bites)', () => {
    const naive = (s: string): string => `\`${s}\``;
    assert.match(parse(`**ARN** ${naive(HOSTILE[0])}`), /<img\b/);
    assert.match(parse(`**ARN** ${naive(HOSTILE[2])}`), /<img\b/);
  });
});
