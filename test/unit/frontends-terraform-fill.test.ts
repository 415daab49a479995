// Fill Placeholders in Terraform (src/frontends/view.ts templateFill over the Terraform front end): each answer is
// written escaped as the string it lands in writes it (an HCL quoted string, a heredoc, JSON in a heredoc or in a quoted
// string), every edit proven by reading the filled file again; what cannot be written is left, with the reason.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { TextEdit } from '../../src/analysis/types';
import { analyzeDocument, documentSites } from '../../src/frontends/document';
import { loadHclParser } from '../../src/frontends/hcl-parser';
import { encodeValue, renderSite, type HostString, type HostValue } from '../../src/frontends/site';
import { terraformSites, type HclParser } from '../../src/frontends/terraform';
import { templateFill, templatePlaceholders, templateView, type TemplatePlaceholder } from '../../src/frontends/view';
import { planFill } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = join(__dirname, '..', '..');
const iam = loadTestIamIndex();
let hcl: HclParser;
before(async function () {
  this.timeout(30_000);
  hcl = await loadHclParser({
    runtime: join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
    grammar: join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'),
  });
});

const apply = (text: string, edits: readonly TextEdit[]): string => {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
};
const sitesOf = (text: string) => documentSites(text, { fileName: 'main.tf', hcl });
const placeholders = (text: string): TemplatePlaceholder[] => templatePlaceholders(templateView(text, terraformSites(text, hcl).sites, 'terraform'));
const fill = (text: string, answers: Record<string, string>) => templateFill(text, placeholders(text), new Map(Object.entries(answers)), planFill, sitesOf);
/** Every string value of every policy of the file, as the engine reads it (stand-ins as site.ts renders them). */
const values = (text: string): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const s of terraformSites(text, hcl).sites)
    walk(JSON.parse(renderSite(s.value, { partition: 'aws', region: 'us-east-1', account: '405128965318', urlSuffix: 'amazonaws.com' }, 0).json));
  return out;
};
const placeholderFindings = (text: string) =>
  analyzeDocument(text, { iam, fileName: 'main.tf', hcl }).findings.filter((f) => f.rule.startsWith('placeholder-'));

const ALL_FORMS = [
  'resource "aws_iam_role" "read" {',
  '  name = "cleanrooms-read"',
  '  assume_role_policy = jsonencode({',
  '    Version = "2012-10-17"',
  '    Statement = [{',
  '      Effect    = "Allow"',
  '      Principal = { Service = "cleanrooms.amazonaws.com" }',
  '      Action    = "sts:AssumeRole"',
  '      Condition = { StringEquals = { "aws:SourceAccount" = ["<account-id>"] } }',
  '    }]',
  '  })',
  '}',
  'resource "aws_iam_role_policy" "heredoc" {',
  '  role   = aws_iam_role.read.id',
  '  policy = <<EOT',
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::<bucket>/${var.prefix}/*" }]',
  '}',
  'EOT',
  '}',
  'resource "aws_iam_role_policy" "quoted" {',
  '  role   = aws_iam_role.read.id',
  '  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"glue:GetTable\\", \\"Resource\\": \\"arn:aws:glue:<region>:${var.account}:table/<database>/*\\"}]}"',
  '}',
  'data "aws_iam_policy_document" "doc" {',
  '  statement {',
  '    actions   = ["glue:GetDatabase"]',
  '    resources = ["arn:aws:glue:<region>:${var.account}:database/<database>"]',
  '  }',
  '}',
  '',
].join('\n');

describe('Terraform Fill: placeholders at their source ranges, in every form', () => {
  it('jsonencode, heredoc JSON, a quoted JSON string and a policy document: each placeholder on its own text', () => {
    const occ = placeholders(ALL_FORMS);
    assert.deepEqual(
      occ.map((o) => [o.key, ALL_FORMS.slice(o.offset, o.offset + o.length), o.style?.quote, o.style?.encoding?.join('+')]),
      [
        ['<account-id>', '<account-id>', 'hcl', 'hcl-quoted'],
        ['<bucket>', '<bucket>', 'json-in-hcl', 'json+hcl-template'],
        ['<region>', '<region>', 'json-in-hcl', 'json+hcl-quoted'],
        ['<database>', '<database>', 'json-in-hcl', 'json+hcl-quoted'],
        ['<region>', '<region>', 'hcl', 'hcl-quoted'],
        ['<database>', '<database>', 'hcl', 'hcl-quoted'],
      ],
    );
  });

  it('filled: every edit lands on its placeholder, the file still parses, and no placeholder is left', () => {
    const r = fill(ALL_FORMS, { '<account-id>': '210987654321', '<bucket>': 'sales-data', '<region>': 'eu-west-2', '<database>': 'sales' });
    assert.deepEqual(r.left, []);
    assert.equal(r.edits.length, 6);
    const filled = apply(ALL_FORMS, r.edits);
    assert.equal(terraformSites(filled, hcl).sites.length, 4);
    assert.deepEqual(placeholderFindings(ALL_FORMS).length > 0, true, 'the unfilled file has placeholder findings');
    assert.deepEqual(placeholderFindings(filled), []);
    assert.ok(filled.includes('"aws:SourceAccount" = ["210987654321"]'));
    assert.ok(filled.includes('arn:aws:glue:eu-west-2:${var.account}:table/sales/*\\"'));
    assert.ok(filled.includes('"arn:aws:s3:::sales-data/${var.prefix}/*"'));
  });
});

describe('Terraform Fill: answers escaped as the string writes them, proven by reading the file again', () => {
  // An answer no placeholder kind would take, to see the escaping (templateFill takes any answer).
  const odd = 'a"b\\c${d}%{e}';
  it('encodeValue: HCL quoted, JSON in a heredoc, JSON in a quoted string, a .tf.json string', () => {
    assert.equal(encodeValue(odd, ['hcl-quoted']), 'a\\"b\\\\c$${d}%%{e}');
    assert.equal(encodeValue(odd, ['json', 'hcl-template']), 'a\\"b\\\\c$${d}%%{e}');
    assert.equal(encodeValue(odd, ['json', 'hcl-quoted']), 'a\\\\\\"b\\\\\\\\c$${d}%%{e}');
    assert.equal(encodeValue(odd, ['hcl-template', 'json']), 'a\\"b\\\\c$${d}%%{e}');
    for (const bad of ['a\nb', 'a\tb', 'a$$b', '%%{x}']) assert.equal(encodeValue(bad, ['hcl-quoted']), undefined, JSON.stringify(bad));
    assert.equal(encodeValue('a$$b', ['json']), 'a$$b', 'JSON alone has no templates');
  });

  for (const [form, key] of [
    ['jsonencode', '<account-id>'],
    ['heredoc JSON', '<bucket>'],
    ['quoted JSON', '<region>'],
  ] as const) {
    it(`${form}: the value the engine reads is the answer, character for character`, () => {
      const r = fill(ALL_FORMS, { [key]: odd });
      assert.deepEqual(r.left, []);
      assert.ok(r.edits.length >= 1);
      const filled = apply(ALL_FORMS, r.edits);
      const before = values(ALL_FORMS).filter((v) => v.includes(key));
      const after = values(filled);
      for (const v of before) assert.ok(after.includes(v.split(key).join(odd)), `${form}: ${v} reads back with the answer`);
    });
  }

  it('an answer that would make a ${ with the text after it is left (the proof fails), and said why', () => {
    const text = ALL_FORMS.replace('"<account-id>"', '"<account-id>{x}"');
    const r = fill(text, { '<account-id>': 'abc$', '<bucket>': 'sales-data' });
    assert.deepEqual(
      r.left.map((l) => [l.key, l.reason]),
      [['<account-id>', 'hcl']],
    );
    assert.equal(r.edits.length, 1, 'the other answer is still written');
    assert.equal(text.slice(r.edits[0].offset, r.edits[0].offset + r.edits[0].length), '<bucket>');
  });

  it('a line break is never written; without the proof an unsafe edit would have been (the proof bites)', () => {
    assert.deepEqual(
      fill(ALL_FORMS, { '<bucket>': 'a\nb' }).left.map((l) => l.reason),
      ['json-in-hcl'],
    );
    const text = ALL_FORMS.replace('"<account-id>"', '"<account-id>{x}"');
    const unproven = templateFill(text, placeholders(text), new Map([['<account-id>', 'abc$']]), planFill);
    assert.equal(unproven.edits.length, 1, 'the encoder alone does not see the text around the edit');
  });

  it('a placeholder written with escapes around it in a quoted string is still filled exactly (escapes are their own runs)', () => {
    const text =
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\\u0062<bucket>/$${x}" }] })\n}\n';
    const occ = placeholders(text);
    assert.deepEqual(
      occ.map((o) => text.slice(o.offset, o.offset + o.length)),
      ['<bucket>'],
    );
    const r = fill(text, { '<bucket>': 'sales' });
    assert.deepEqual(r.left, []);
    assert.ok(values(apply(text, r.edits)).includes('arn:aws:s3:::bsales/${x}'));
  });
});

describe('Terraform strings: the text next to an interpolation', () => {
  it('spaces beside ${…} are part of the string (tree-sitter leaves them out of every node), in quotes and in a heredoc', () => {
    const text = [
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.a} b ${var.c}  " }] })',
      '}',
      'resource "aws_iam_role_policy" "h" {',
      '  policy = <<EOT',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${var.a} b ${var.c}  "}]}',
      'EOT',
      '}',
      '',
    ].join('\n');
    const resources: string[] = [];
    const walk = (v: HostValue): void => {
      if (v.t === 'object')
        for (const e of v.entries) {
          if ((e.key.parts[0] as { lit?: string }).lit === 'Resource') resources.push(text_(e.value as HostString));
          else walk(e.value);
        }
      else if (v.t === 'array') v.items.forEach(walk);
    };
    const text_ = (h: HostString): string => h.parts.map((p) => ('lit' in p ? p.lit : p.unknown)).join('');
    for (const site of terraformSites(text, hcl).sites) walk(site.value);
    assert.deepEqual(resources, ['arn:aws:s3:::${var.a} b ${var.c}  ', 'arn:aws:s3:::${var.a} b ${var.c}  ']);
  });
});
