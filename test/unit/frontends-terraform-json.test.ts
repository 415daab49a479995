// The Terraform JSON syntax front end (src/frontends/terraform-json.ts): .tf.json files read with jsonc-parser, their
// strings as Terraform templates (`${…}` unknown, `"${jsonencode({…})}"` read by the HCL grammar), every finding at
// the file's own line and text through the JSON string's escapes, fixes and fills only where they land exactly.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { Finding } from '../../src/analysis/types';
import { analyzeDocument, documentSites, mayHoldPolicies } from '../../src/frontends/document';
import { loadHclParser } from '../../src/frontends/hcl-parser';
import { terraformSites, type HclParser } from '../../src/frontends/terraform';
import { isTerraformJsonName, terraformJsonSites } from '../../src/frontends/terraform-json';
import { templateFill, templatePlaceholders, templateView } from '../../src/frontends/view';
import { planFill } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'terraform');
const iam = loadTestIamIndex();
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
let hcl: HclParser;
const lint = (text: string, name = 'main.tf.json'): Finding[] => analyzeDocument(text, { iam, fileName: name, hcl }).findings;
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
const validJson = (text: string): boolean => {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true });
  return errors.length === 0;
};
/** A .tf.json with one aws_iam_role_policy whose policy is the given JSON string's raw text (already JSON-escaped). */
const policyFile = (raw: string): string =>
  `{\n  "resource": {\n    "aws_iam_role_policy": {\n      "p": {\n        "role": "\${aws_iam_role.r.id}",\n        "policy": "${raw}"\n      }\n    }\n  }\n}\n`;

before(async function () {
  this.timeout(30_000);
  hcl = await loadHclParser({
    runtime: join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
    grammar: join(ROOT, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'),
  });
});

describe('Terraform JSON (.tf.json): the seed’s mistakes at their source lines', () => {
  it('jsonencode in a string, a JSON string policy and a policy document: each mistake once, on its own line and text', () => {
    const text = fixture('seed-mistakes.tf.json');
    const got = lint(text)
      .map((f) => `${f.rule}@${lineOf(text, f.offset)}:${at(text, f)}`)
      .sort();
    const want = [
      ['cleanrooms-principal-typo', 'cleanroom.amazonaws.com', 'cleanroom.amazonaws.com'],
      ['cleanrooms-source-arn-membership', ':collaboration/', 'collaboration'],
      ['placeholder-example-value', '111122223333', '111122223333'],
      ['iam-unknown-action', 'glue:GetTabels', 'glue:GetTabels'],
      ['arn-s3-two-colons', 'arn:aws:s3::${var.data_bucket}', '::'],
      ['placeholder-token', '<bucket-name>', '<bucket-name>'],
    ]
      .map(([rule, needle, t]) => `${rule}@${lineWith(text, needle)}:${t}`)
      .sort();
    assert.deepEqual(got, want);
    assert.match(text.split('\n')[1], /Ünïcödé/);
  });

  it('the editor test’s copy (test/fixtures/workspace) is this fixture, byte for byte', () => {
    assert.equal(readFileSync(join(ROOT, 'test', 'fixtures', 'workspace', 'terraform-read-data.tf.json'), 'utf8'), fixture('seed-mistakes.tf.json'));
  });

  it('every site is found, by its Terraform address; an object where a policy string goes is not one', () => {
    const text = fixture('seed-mistakes.tf.json');
    assert.deepEqual(
      terraformJsonSites(text, hcl).sites.map((s) => s.path),
      [
        'data.aws_iam_policy_document.read_objects',
        'aws_iam_role.receive_results.assume_role_policy',
        'aws_iam_role.read_data.inline_policy[0].policy',
        'aws_iam_role.read_data_trust.assume_role_policy',
        'aws_iam_role_policy.read_data.policy',
      ],
    );
  });

  it('the column of a finding inside jsonencode in a string is its own, after the JSON escapes before it', () => {
    const text = fixture('seed-mistakes.tf.json');
    const typo = lint(text).find((f) => f.rule === 'cleanrooms-principal-typo')!;
    assert.equal(typo.offset, text.indexOf('cleanroom.amazonaws.com'));
    assert.equal(typo.length, 'cleanroom.amazonaws.com'.length);
  });

  it('messages name interpolations as the file writes them (not the stand-ins)', () => {
    const f = lint(fixture('seed-mistakes.tf.json')).find((x) => x.rule === 'arn-s3-two-colons')!;
    assert.match(f.message, /\$\{var\.data_bucket\}/);
    assert.doesNotMatch(f.message, /cfnvalue/);
  });
});

describe('Terraform JSON (.tf.json): correct files are clean, files without IAM silent', () => {
  it('good.tf.json (interpolations, jsonencode, a dynamic block, arrays of blocks at every level): no finding at all', () => {
    const text = fixture('good.tf.json');
    assert.equal(terraformJsonSites(text, hcl).sites.length, 4);
    assert.deepEqual(
      lint(text).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('no-iam.tf.json: not a policy; nor is a .tf.json without the hint words, nor one with a syntax error', () => {
    assert.equal(analyzeDocument(fixture('no-iam.tf.json'), { iam, fileName: 'no-iam.tf.json', hcl }).kind, 'not-a-policy');
    assert.equal(mayHoldPolicies('{"resource": {"aws_s3_bucket": {}}}', { fileName: 'x.tf.json' }), false);
    const broken = fixture('seed-mistakes.tf.json').replace('"resource": {', '"resource": {,');
    assert.equal(analyzeDocument(broken, { iam, fileName: 'x.tf.json', hcl }).kind, 'not-a-policy');
  });

  it('by its file name only: the same text named policy.json is a JSON file, not Terraform', () => {
    assert.equal(isTerraformJsonName('a/b/main.TF.JSON'), true);
    assert.equal(isTerraformJsonName('main.json'), false);
    const text = fixture('seed-mistakes.tf.json');
    assert.equal(analyzeDocument(text, { iam, fileName: 'main.tf.json', hcl }).host, 'terraform');
    assert.equal(analyzeDocument(text, { iam, fileName: 'main.json', hcl }).host, undefined);
  });

  it('an interpolation that is the whole value is unknown of any type; `%{` directives and unparsable templates are unknown', () => {
    const stmt = (s: string): string =>
      policyFile(`{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"glue:GetTable\\", \\"Resource\\": ${s}}]}`);
    for (const res of ['\\"${var.arn}\\"', '\\"arn:aws:glue:%{ if var.x }a%{ endif }\\"', '${jsonencode(var.arns)}']) {
      const text = stmt(res);
      assert.ok(validJson(text), text);
      assert.deepEqual(
        lint(text).map((f) => f.rule),
        [],
        res,
      );
    }
    // A directive in a string of a policy document: the whole value unknown, nothing said about it.
    const doc = `{"data": {"aws_iam_policy_document": {"d": {"statement": {"actions": ["%{ for a in var.x }\${a}%{ endfor }"], "resources": ["*"]}}}}}`;
    assert.deepEqual(
      lint(doc).map((f) => f.rule),
      [],
    );
  });

  it('without the HCL parser, strings with interpolations are unknown: a jsonencode policy is not read, nothing is guessed', () => {
    const text = fixture('seed-mistakes.tf.json');
    const paths = terraformJsonSites(text).sites.map((s) => s.path);
    assert.deepEqual(paths, ['data.aws_iam_policy_document.read_objects']);
    const rules = analyzeDocument(text, { iam, fileName: 'x.tf.json' }).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['placeholder-token'], 'only the literal placeholder; the interpolated ARN is unknown');
  });

  it('the same policy as a .tf file gives the same findings (one reader of the policy document for both syntaxes)', () => {
    const tf = fixture('seed-mistakes.tf');
    const json = fixture('seed-mistakes.tf.json');
    const rules = (fs: Finding[]) => fs.map((f) => f.rule).sort();
    assert.deepEqual(rules(lint(json)), rules(analyzeDocument(tf, { iam, fileName: 'main.tf', hcl }).findings));
    assert.equal(terraformSites(tf, hcl).sites.length, 4);
  });
});

describe('Terraform JSON (.tf.json): fixes and Fill written through the JSON escapes', () => {
  it('each fix applied keeps the file valid JSON with every policy there, and its finding goes', () => {
    const text = fixture('seed-mistakes.tf.json');
    const fixed: string[] = [];
    for (const f of lint(text)) {
      if (!f.fixes?.length) continue;
      const after = apply(text, f.fixes[0].edits);
      assert.ok(validJson(after), `${f.rule}: still JSON`);
      assert.equal(terraformJsonSites(after, hcl).sites.length, 5, `${f.rule}: every policy still read`);
      assert.equal(lint(after).filter((x) => x.rule === f.rule && x.offset === f.offset).length, 0, f.rule);
      fixed.push(f.rule);
    }
    assert.deepEqual(fixed.sort(), ['arn-s3-two-colons', 'cleanrooms-principal-typo', 'iam-unknown-action']);
  });

  it('no fix on text written with a JSON escape (\\u0054 for T): the edit would not land on the same characters', () => {
    const text = policyFile(
      '{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"glue:Get\\u0054abels\\", \\"Resource\\": \\"*\\"}]}',
    );
    const f = lint(text).find((x) => x.rule === 'iam-unknown-action');
    assert.ok(f, 'still reported');
    assert.equal(f.fixes, undefined);
  });

  it('Fill: placeholders in a JSON string policy, in jsonencode and in a policy document; answers escaped for each, proven', () => {
    const text = fixture('seed-mistakes.tf.json')
      .replace('"arn:aws:s3:::<bucket-name>"', '"arn:aws:s3:::<bucket-name>/<prefix>"')
      .replace('\\"111122223333\\"', '\\"<account-id>\\"')
      .replace('\\"glue:GetDatabase\\"', '\\"arn:aws:glue:<region>\\"');
    assert.ok(validJson(text));
    const sitesOf = (t: string) => documentSites(t, { fileName: 'main.tf.json', hcl });
    const occ = templatePlaceholders(templateView(text, sitesOf(text), 'terraform'));
    assert.deepEqual(
      occ.map((o) => [text.slice(o.offset, o.offset + o.length), o.style?.encoding?.join('+')]),
      [
        ['<bucket-name>', 'hcl-template+json'],
        ['<prefix>', 'hcl-template+json'],
        ['<account-id>', 'json+hcl-template+json'],
        ['<region>', 'hcl-quoted+json'],
      ],
    );
    const odd = 'a"b\\c${d}';
    const r = templateFill(
      text,
      occ,
      new Map([
        ['<bucket-name>', 'sales'],
        ['<prefix>', odd],
        ['<account-id>', odd],
        ['<region>', odd],
      ]),
      planFill,
      sitesOf,
    );
    assert.deepEqual(r.left, []);
    const filled = apply(text, r.edits);
    assert.ok(validJson(filled));
    assert.ok(filled.includes('"arn:aws:s3:::sales/a\\"b\\\\c$${d}"'), 'policy document string: HCL template, then JSON');
    assert.ok(filled.includes('\\"aws:SourceAccount\\": \\"a\\\\\\"b\\\\\\\\c$${d}\\"'), 'JSON in a template in JSON: three layers');
    assert.ok(filled.includes('[\\"arn:aws:glue:a\\\\\\"b\\\\\\\\c$${d}\\"'), 'an HCL string in jsonencode in JSON');
    assert.equal(templatePlaceholders(templateView(filled, sitesOf(filled), 'terraform')).length, 0);
  });
});

describe('Terraform JSON in the CLI (dist/cli.js)', () => {
  it('a folder walk lints *.tf.json with the Terraform front end, at the file’s lines and columns; no-iam.tf.json is not reported', function () {
    this.timeout(30_000);
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'test/fixtures/terraform'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    const reports = JSON.parse(out) as Array<{ file: string; findings: Array<{ rule: string; line: number; column: number; endColumn: number }> }>;
    const files = reports.map((x) => x.file);
    assert.ok(files.includes('test/fixtures/terraform/seed-mistakes.tf.json'));
    assert.ok(files.includes('test/fixtures/terraform/good.tf.json'));
    assert.ok(!files.includes('test/fixtures/terraform/no-iam.tf.json'));
    assert.deepEqual(reports.find((x) => x.file.endsWith('good.tf.json'))!.findings, []);
    const text = fixture('seed-mistakes.tf.json');
    const findings = reports.find((x) => x.file.endsWith('seed-mistakes.tf.json'))!.findings;
    assert.equal(findings.length, 6);
    for (const [rule, t] of [
      ['iam-unknown-action', 'glue:GetTabels'],
      ['cleanrooms-principal-typo', 'cleanroom.amazonaws.com'],
      ['placeholder-example-value', '111122223333'],
    ]) {
      const f = findings.find((x) => x.rule === rule)!;
      assert.equal(text.split('\n')[f.line - 1].slice(f.column - 1, f.endColumn - 1), t, rule);
    }
  });
});
