// The Terraform front end (src/frontends/terraform.ts, tree-sitter's HCL grammar): jsonencode objects, heredoc and
// quoted JSON strings and aws_iam_policy_document blocks, every check at the .tf file's own lines, interpolations as
// unknown parts, fixes only where HCL's string syntax keeps them exact.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze';
import type { Finding } from '../../src/analysis/types';
import { analyzeDocument, safeEdit } from '../../src/frontends/document';
import { loadHclParser } from '../../src/frontends/hcl-parser';
import { renderSite } from '../../src/frontends/site';
import { terraformSites, type HclParser } from '../../src/frontends/terraform';
import { templateView } from '../../src/frontends/view';
import { templateHover, type HoverLookups } from '../../src/vscode/logic/policy-hover';
import { TEMPLATES } from '../../src/catalog/templates';
import * as iamData from '../../src/iam-data';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'terraform');
const iam = loadTestIamIndex();
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const STAND_INS = { partition: 'aws', region: 'us-east-1', account: '405128965318', urlSuffix: 'amazonaws.com' };
let hcl: HclParser;
const lint = (text: string): Finding[] => analyzeDocument(text, { iam, fileName: 'main.tf', hcl }).findings;
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
const lineWith = (text: string, needle: string): number => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture has ${needle}`);
  return i + 1;
};
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);
const apply = (text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string => {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
};
/** One aws_iam_role_policy with the given jsonencode statement (HCL object syntax). */
const tf = (statement: string): string =>
  `resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [${statement}]\n  })\n}\n`;

before(async function () {
  this.timeout(30_000);
  hcl = await loadHclParser({
    runtime: join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
    grammar: join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'),
  });
});

describe('Terraform front end: the seed’s mistakes at their source lines', () => {
  it('jsonencode, a heredoc and aws_iam_policy_document: each mistake once, on its own line and text, nothing else', () => {
    const text = fixture('seed-mistakes.tf');
    const got = lint(text)
      .map((f) => `${f.rule}@${lineOf(text, f.offset)}:${at(text, f)}`)
      .sort();
    const want = [
      ['cleanrooms-principal-typo', 'Service = "cleanroom.amazonaws.com"', 'cleanroom.amazonaws.com'],
      ['cleanrooms-source-arn-membership', ':collaboration/', 'collaboration'],
      ['placeholder-example-value', '"111122223333"', '111122223333'],
      ['iam-unknown-action', 'glue:GetTabels', 'glue:GetTabels'],
      ['arn-s3-two-colons', 'arn:aws:s3::${var.data_bucket}', '::'],
      ['placeholder-token', '<bucket-name>', '<bucket-name>'],
    ]
      .map(([rule, needle, t]) => `${rule}@${lineWith(text, needle)}:${t}`)
      .sort();
    assert.deepEqual(got, want);
    // Lines after a non-ASCII comment still line up (tree-sitter offsets are UTF-16 code units here).
    assert.match(text.split('\n')[0], /Ünïcödé/);
  });
  it('the editor test’s copy (test/fixtures/workspace) is this fixture, byte for byte', () => {
    assert.equal(readFileSync(join(ROOT, 'test', 'fixtures', 'workspace', 'terraform-read-data.tf'), 'utf8'), fixture('seed-mistakes.tf'));
  });
  it('messages name interpolations as the file writes them', () => {
    const text = fixture('seed-mistakes.tf');
    const f = lint(text).find((x) => x.rule === 'arn-s3-two-colons')!;
    assert.match(f.message, /arn:aws:s3:::\$\{var\.data_bucket\}\/\*/);
    assert.doesNotMatch(f.message, /cfnvalue|405128965318/);
  });
  it('every site is found: role trust, inline policy resource, heredoc, policy document, bucket policy', () => {
    assert.deepEqual(
      terraformSites(fixture('seed-mistakes.tf'), hcl).sites.map((s) => `${s.path} ${s.role}`),
      [
        'aws_iam_role.receive_results.assume_role_policy trust',
        'aws_iam_role.read_data.assume_role_policy trust',
        'aws_iam_role_policy.read_data.policy identity',
        'data.aws_iam_policy_document.read_objects identity',
      ],
    );
    assert.deepEqual(
      terraformSites(fixture('good.tf'), hcl).sites.map((s) => s.path),
      ['aws_iam_role.read_data.assume_role_policy', 'data.aws_iam_policy_document.read_data', 'aws_s3_bucket_policy.results.policy'],
    );
  });
});

describe('Terraform front end: correct files full of interpolations are clean', () => {
  it('good.tf: no finding at any severity', () => {
    const text = fixture('good.tf');
    assert.deepEqual(
      lint(text).map((f) => `${f.rule}@${lineOf(text, f.offset)}: ${f.message.slice(0, 100)}`),
      [],
    );
  });
  it('references and function calls are whole unknown values, never reported', () => {
    for (const st of [
      '{ Effect = "Allow", Action = "s3:ListBucket", Resource = aws_s3_bucket.b.arn }',
      '{ Effect = "Allow", Action = var.actions, Resource = "*" }',
      '{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }',
      '{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.object_path}" }',
      '{ Effect = "Allow", Action = "kms:Decrypt", Resource = var.key_arn == "" ? "*" : var.key_arn }',
      '{ Effect = "Allow", Action = "s3:GetObject", Resource = [for b in var.buckets : "arn:aws:s3:::${b}/*"] }',
    ])
      assert.deepEqual(
        lint(tf(st)).map((f) => f.rule),
        [],
        st,
      );
  });
  it('aws_iam_policy_document: effect defaults to Allow and version to 2012-10-17, as the provider does', () => {
    const site = terraformSites('data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n', hcl)
      .sites[0];
    assert.deepEqual(JSON.parse(renderSite(site.value, STAND_INS, 0).json), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }],
    });
  });
  it('aws_iam_policy_document: principals and condition blocks become Principal and Condition, merged by type and test', () => {
    const text = [
      'data "aws_iam_policy_document" "trust" {',
      '  statement {',
      '    effect  = "Allow"',
      '    actions = ["sts:AssumeRole"]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["cleanrooms.amazonaws.com"]',
      '    }',
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "aws:SourceAccount"',
      '      values   = ["210987654321"]',
      '    }',
      '    condition {',
      '      test     = "ArnLike"',
      '      variable = "aws:SourceArn"',
      '      values   = ["arn:aws:cleanrooms:us-east-1:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17"]',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const site = terraformSites(text, hcl).sites[0];
    assert.deepEqual(JSON.parse(renderSite(site.value, STAND_INS, 0).json).Statement[0], {
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Principal: { Service: ['cleanrooms.amazonaws.com'] },
      Condition: {
        StringEquals: { 'aws:SourceAccount': ['210987654321'] },
        ArnLike: { 'aws:SourceArn': ['arn:aws:cleanrooms:us-east-1:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17'] },
      },
    });
    // The same trust in JSON is clean; so is the Terraform form (and a wrong account is reported on its line).
    assert.deepEqual(lint(text), []);
    const wrong = text.replace('"210987654321"]', '"111122223333"]');
    assert.deepEqual(
      lint(wrong).map((f) => `${f.rule}@${lineOf(wrong, f.offset)}`),
      ['placeholder-example-value@12'],
    );
  });
  it('a dynamic condition block makes the Condition unknown: no "no condition" finding on a service principal', () => {
    const text = [
      'data "aws_iam_policy_document" "trust" {',
      '  statement {',
      '    actions = ["sts:AssumeRole"]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["cleanrooms.amazonaws.com"]',
      '    }',
      '    dynamic "condition" {',
      '      for_each = var.conditions',
      '      content {',
      '        test     = condition.value.test',
      '        variable = condition.value.variable',
      '        values   = condition.value.values',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(
      lint(text).map((f) => f.rule),
      [],
    );
    // Without the dynamic block the same trust is reported (the finding the unknown suppresses is real otherwise).
    const bare = text.replace(/ {4}dynamic "condition" \{[\s\S]*?\n {4}\}\n/, '');
    assert.deepEqual(
      lint(bare).map((f) => f.rule),
      ['cleanrooms-unscoped-trust'],
      'a Clean Rooms trust without a condition is reported',
    );
  });
});

describe('Terraform front end: fixes in HCL', () => {
  it('a fix inside a quoted HCL string and one inside a heredoc’s JSON are offered; applied, the finding goes', () => {
    const text = fixture('seed-mistakes.tf');
    for (const rule of ['cleanrooms-principal-typo', 'iam-unknown-action', 'arn-s3-two-colons']) {
      const f = lint(text).find((x) => x.rule === rule);
      assert.ok(f?.fixes?.length, `${rule} has a fix`);
      const fixed = apply(text, f.fixes[0].edits);
      assert.ok(terraformSites(fixed, hcl).sites.length === 4, `${rule}: the file still parses, every policy is there`);
      assert.equal(lint(fixed).filter((x) => x.rule === rule).length, 0, rule);
    }
  });
  it('no fix where the string is written with escapes (the edit would not land on the same characters)', () => {
    const text = tf('{ Effect = "Allow", Action = "glue:Get\\u0054abels", Resource = "*" }');
    const f = lint(text).find((x) => x.rule === 'iam-unknown-action');
    assert.ok(f, 'still reported');
    assert.equal(f.fixes, undefined);
  });
  it('safeEdit for HCL: no quote, backslash, ${ or %{', () => {
    const src = 'a = "glue:GetTabels"';
    const style = { quote: 'hcl' as const, sub: false, start: 5, end: 19 };
    assert.equal(safeEdit(src, style, { offset: 13, length: 6, newText: 'Tables' }), true);
    for (const bad of ['Ta"b', 'Ta\\b', '${x}', '%{x}'])
      assert.equal(safeEdit(src, style, { offset: 13, length: 6, newText: bad }), false, JSON.stringify(bad));
  });
});

describe('Terraform front end: what holds no policy stays silent', () => {
  it('Terraform without IAM, a syntax error, and a .tf without the parser: not a policy', () => {
    const plain = 'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\n';
    assert.equal(analyzeDocument(plain, { fileName: 'main.tf', hcl }).kind, 'not-a-policy');
    assert.equal(analyzeDocument('resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n', { fileName: 'main.tf', hcl }).kind, 'not-a-policy');
    assert.equal(analyzeDocument(fixture('seed-mistakes.tf'), { fileName: 'main.tf' }).kind, 'not-a-policy');
  });
  it('the same policy as JSON gives the same rules (the front end adds and loses nothing)', () => {
    const text = tf('{ Effect = "Allow", Action = ["s3:GetObjects", "glue:GetTable"], Resource = "arn:aws:s3:::amzn-s3-demo-bucket/*" }');
    const json = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObjects', 'glue:GetTable'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }],
    });
    assert.deepEqual(
      lint(text)
        .map((f) => f.rule)
        .sort(),
      analyze(json, { iam })
        .findings.map((f) => f.rule)
        .sort(),
    );
  });
});

describe('Terraform in the CLI (dist/cli.js)', () => {
  it('lint on a folder of .tf files: the findings at the file’s lines and columns', function () {
    this.timeout(30_000);
    const r = (() => {
      try {
        return {
          out: execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'test/fixtures/terraform'], {
            cwd: ROOT,
            encoding: 'utf8',
          }),
          code: 0,
        };
      } catch (e) {
        const x = e as { stdout: string; status: number };
        return { out: x.stdout, code: x.status };
      }
    })();
    assert.equal(r.code, 1);
    const reports = JSON.parse(r.out) as Array<{ file: string; findings: Array<{ rule: string; line: number; column: number; endColumn: number }> }>;
    // The folder's .tf.json files too (frontends-terraform-json.test.ts); no-iam.tf.json holds no policy and is not reported.
    assert.deepEqual(reports.map((x) => x.file).sort(), [
      'test/fixtures/terraform/good.tf',
      'test/fixtures/terraform/good.tf.json',
      'test/fixtures/terraform/seed-mistakes.tf',
      'test/fixtures/terraform/seed-mistakes.tf.json',
    ]);
    const text = fixture('seed-mistakes.tf');
    const typo = reports.find((x) => x.file.endsWith('seed-mistakes.tf'))!.findings.find((f) => f.rule === 'iam-unknown-action')!;
    assert.equal(text.split('\n')[typo.line - 1].slice(typo.column - 1, typo.endColumn - 1), 'glue:GetTabels');
  });
});

describe('Terraform front end: hovers on the literal parts', () => {
  const iamLookups: HoverLookups = {
    action: (a) => iamData.lookupAction(iam, a),
    conditionKey: (k) => iamData.lookupConditionKey(iam, k),
    dataVersion: undefined,
    loading: false,
  };
  const hoverAt = (text: string, needle: string, into = 1) =>
    templateHover(templateView(text, terraformSites(text, hcl).sites, 'terraform'), text.indexOf(needle) + into, iamLookups, TEMPLATES);
  it('an action in a heredoc and in a policy document: its reference-data hover, on the action’s own range', () => {
    const text = fixture('good.tf');
    const h = hoverAt(text, 'glue:GetTables');
    assert.ok(h, 'a hover');
    assert.match(h.parts.join(''), /\*\*Action\*\*/);
    assert.equal(text.slice(h.offset, h.offset + h.length), 'glue:GetTables');
  });
  it('an ARN with interpolations: its fields, the unknown ones said to be Terraform expressions (not stand-ins)', () => {
    const text = fixture('good.tf');
    const h = hoverAt(text, 'arn:aws:glue:${local.region}:${local.account}:catalog');
    assert.ok(h);
    const md = h.parts.join('');
    assert.match(md, /- region: `\$\{local\.region\}` \(a Terraform expression: known only when the configuration is applied\)/);
    assert.doesNotMatch(md, /CloudFormation|cfnvalue|405128965318/);
  });
  it('a whole unknown value: says it is a Terraform expression', () => {
    const text = fixture('good.tf');
    const h = hoverAt(text, 'local.account }', 0);
    assert.ok(h);
    assert.match(h.parts.join(''), /\*\*Terraform expression\*\* `local\.account`/);
  });
});
