// Issue 12, items 6-12 (parsing and fixes on hostile input): one regression test per finding, CLI level where the
// failure showed there (`lint` printed "No problems (0 policies)" or crashed). The classes are fuzzed in properties.ts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/analysis';
import { findComments, lineCommentEnd, maskDeepValues, scanShape, findExcessiveNesting, MAX_DEPTH } from '../../../src/analysis/json';
import { run } from '../../../src/cli/run';
import { applyEdits } from '../../../src/fill/apply';
import { validatePolicy } from '../../../src/analysis/generated/policy-validator.js';
import { loadTestIamIndex } from '../helpers/iam';
import { assertLinear } from './linear.test';

const ROOT = path.resolve(__dirname, '../../..');

function lint(files: Record<string, string>, extra: string[] = []): { code: number; out: string; err: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-h3-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    let out = '';
    let err = '';
    const code = run(['lint', ...extra, ...Object.keys(files).map((n) => path.join(dir, n))], {
      stdout: (s) => void (out += s),
      stderr: (s) => void (err += s),
      stdoutIsTTY: false,
      env: {},
      cwd: ROOT,
      dataDir: path.join(os.tmpdir(), 'cleanrooms-iam-no-data-here'),
    });
    return { code, out, err };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rules = (text: string, o = {}): string[] => analyze(text, o).findings.map((f) => f.rule);
const under = (text: string, f: { offset: number; length: number }): string => text.substr(f.offset, f.length);

describe('issue 12 item 6: 100,000 empty statements', function () {
  this.timeout(60_000);
  it('the validator reports the same errors in the same order as before (one per missing Effect)', () => {
    const data = { Version: '2012-10-17', Statement: [{}, { Effect: 'Allow' }, {}] };
    assert.equal(validatePolicy(data), false);
    assert.deepEqual(
      validatePolicy.errors!.map((e) => `${e.instancePath} ${e.keyword}`),
      ['/Statement/0 required', '/Statement/2 required'],
    );
  });
  it('validation is linear in the number of statements', () => {
    assertLinear('{},', (s) => void validatePolicy(JSON.parse(`{"Statement":[${s.slice(0, -1)}]}`)), 2_000);
  });
  it('analyze() on 100,000 empty statements reports each one, in seconds', () => {
    const text = '{"Version":"2012-10-17","Statement":[' + Array(100_000).fill('{}').join(',') + ']}';
    const t = process.cpuUsage();
    const r = analyze(text);
    const ms = (process.cpuUsage(t).user + process.cpuUsage(t).system) / 1000;
    assert.equal(r.findings.filter((f) => f.rule === 'grammar-effect').length, 100_000);
    assert.ok(ms < 20_000, `${ms} ms`);
  });
});

describe('issue 12 item 8: CR-only line endings and comments', () => {
  const body = ['{', '// read access', '"Version": "2012-10-17",', '"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]', '}'];
  for (const [name, nl] of [
    ['CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ] as const) {
    it(`${name}: the policy is found and its error reported (CLI)`, () => {
      const text = body.join(nl);
      assert.deepEqual(rules(text).sort(), ['grammar-effect', 'json-comment']);
      const r = lint({ 'p.json': text });
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /grammar-effect/);
      assert.doesNotMatch(r.out, /No problems/);
    });
  }
  it('CR-only file with a comment before 100,000-deep nesting: no stack overflow, the other file is still reported (CLI)', () => {
    const deep = '{\r// x\r"Statement":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const r = lint({ 'a.json': deep, 'b.json': body.join('\n') });
    assert.notEqual(r.code, 2, r.err);
    assert.doesNotMatch(r.out + r.err, /Maximum call stack/);
    assert.match(r.out, /b\.json/);
    assert.match(r.out, /json-too-deep/);
  });
  it('the pre-scans end a // comment where jsonc-parser does', () => {
    assert.equal(lineCommentEnd('// a\rb', 2), 4);
    assert.equal(lineCommentEnd('// a\nb', 2), 4);
    assert.equal(lineCommentEnd('// a', 2), 4);
    assert.equal(scanShape('{\r// c\r"Statement": []}').topLevelStatement, true);
    assert.equal(findExcessiveNesting('// c\r' + '['.repeat(MAX_DEPTH + 1)), 5 + MAX_DEPTH);
    assert.equal(findExcessiveNesting('// c\n' + '['.repeat(MAX_DEPTH)), undefined);
    // A string ends at a CR as well (the parser reports it unterminated there), so a bracket after it counts.
    assert.equal(findExcessiveNesting('"a\r' + '['.repeat(MAX_DEPTH + 1)), 3 + MAX_DEPTH);
  });
});

describe('issue 12 item 9: a deep value inside a real policy', () => {
  const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  const policy = (v: string): string =>
    `{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":${v}}}}]}`;
  it('reports the real errors plus json-too-deep (CLI, exit 1)', () => {
    const text = policy(deep(300));
    const r = analyze(text);
    assert.equal(r.kind, 'permissions');
    assert.ok(r.findings.some((f) => f.rule === 'grammar-effect'));
    const d = r.findings.filter((f) => f.rule === 'json-too-deep');
    assert.equal(d.length, 1);
    assert.equal(text[d[0].offset], '[');
    const cli = lint({ 'p.json': text });
    assert.equal(cli.code, 1);
    assert.match(cli.out, /grammar-effect/);
    assert.match(cli.out, /json-too-deep/);
  });
  it('the boundary: 256 levels are analysed as usual, 257 are reported', () => {
    // The value sits at level 5 (root object, Statement array, statement, Condition, operator block).
    assert.ok(!rules(policy(deep(MAX_DEPTH - 5))).includes('json-too-deep'));
    assert.ok(rules(policy(deep(MAX_DEPTH - 4))).includes('json-too-deep'));
  });
  it('masking keeps offsets and line breaks, and skips brackets in strings and comments', () => {
    const text = '[[["]", // ]\n 1]]]';
    const m = maskDeepValues(text, 2)!;
    assert.equal(m.text.length, text.length);
    assert.equal(m.text, '[[[' + ' '.repeat(9) + '\n' + '  ' + ']]]');
    assert.deepEqual(m.regions, [{ offset: 2, length: text.length - 4 }]);
    assert.equal(maskDeepValues('[[]]', 2), undefined);
  });
  it('no fix is offered inside or next to a blanked value', () => {
    const r = analyze(policy(deep(300)));
    for (const f of r.findings) assert.ok(!f.fixes?.length, `${f.rule} offers a fix`);
  });
});

describe('issue 12 item 11: comments, malformed actions, placeholders in condition keys', () => {
  const p = (action: string, extra = ''): string => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${action},"Resource":"*"${extra}}]}`;
  it('every comment is a json-comment error whose fix removes exactly the comment', () => {
    const text = '{\n  // top\n  "Version": "2012-10-17", /* v */\n  "Statement": [{"Effect":"Allow",/*x*/"Action":"s3:GetObject","Resource":"*"}]\n}\n';
    const f = analyze(text).findings.filter((x) => x.rule === 'json-comment');
    assert.deepEqual(
      f.map((x) => under(text, x)),
      ['// top', '/* v */', '/*x*/'],
    );
    assert.ok(f.every((x) => x.severity === 'error'));
    const fixed = applyEdits(
      text,
      f.flatMap((x) => x.fixes!.find((y) => y.preferred)!.edits),
    );
    assert.equal(fixed, '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]\n}\n');
    assert.deepEqual(JSON.parse(fixed).Version, '2012-10-17');
  });
  it('a block comment between tokens goes without a trace; an unterminated one gets no fix', () => {
    const text = '{"Version":/**/"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const f = analyze(text).findings.find((x) => x.rule === 'json-comment')!;
    assert.equal(applyEdits(text, f.fixes![0].edits), text.replace('/**/', ''));
    const open = '{"Version":"2012-10-17","Statement":[]} /* never closed';
    const g = analyze(open).findings.find((x) => x.rule === 'json-comment')!;
    assert.equal(g.fixes, undefined);
  });
  it('comment markers inside strings are not comments', () => {
    assert.deepEqual(findComments('{"a":"http://x/*y*/"}').comments, []);
    assert.deepEqual(findComments('{"a":"x\\"//"}').comments, []);
    assert.deepEqual(
      findComments('{"a":"x\r// c\r}').comments.map((c) => c.offset),
      [8],
    ); // unterminated string ends at CR
  });
  for (const [value, ok] of [
    ['"GetObject"', false],
    ['"s3:GetObject!"', false],
    ['"foo_bar:GetObject"', false],
    ['":GetObject"', false],
    ['"s3:"', false],
    ['"s3:GetObject"', true],
    ['"*"', true],
    ['"s3:Get*"', true],
    ['"*:Describe?"', true],
    ['"vpc-lattice:AssociateViaAWSService-EventsAndStates"', true],
    ['"<action>"', true],
  ] as const) {
    it(`Action ${value}: ${ok ? 'well formed' : 'grammar-action-format'} (without the IAM data, and with it)`, () => {
      for (const o of [{}, { iam: loadTestIamIndex() }]) {
        const f = analyze(p(value), o).findings.filter((x) => x.rule === 'grammar-action-format');
        assert.equal(f.length, ok ? 0 : 1, JSON.stringify(f));
        if (!ok) {
          assert.equal(f[0].severity, 'error');
          assert.equal(under(p(value), f[0]), JSON.parse(value));
        }
      }
    });
  }
  it('a placeholder in a condition key is a placeholder-token on exactly the token', () => {
    const text = p('"s3:GetObject"', ',"Condition":{"StringEquals":{"aws:ResourceTag/<tag-key>":"x"}}');
    const f = analyze(text).findings.filter((x) => x.rule === 'placeholder-token');
    assert.deepEqual(
      f.map((x) => under(text, x)),
      ['<tag-key>'],
    );
  });
  it('CLI: a .json policy with a comment is not "No problems"', () => {
    const r = lint({ 'p.json': '{\n// note\n"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' });
    assert.equal(r.code, 1);
    assert.match(r.out, /json-comment/);
  });
});

describe('issue 12 item 12: fixes on broken documents', () => {
  it('an unterminated string is covered to its end (no fix duplicates its last character)', () => {
    for (const [text, want] of [
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Alow\n,"Action":"s3:GetObject","Resource":"*"}]}', 'Alow'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Alow', 'Alow'],
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Al\\"ow\n}]}', 'Al\\"ow'],
    ]) {
      const f = analyze(text, { forcePolicy: true }).findings.find((x) => x.rule === 'grammar-effect')!;
      assert.equal(under(text, f), want);
      for (const fix of f.fixes ?? []) assert.doesNotMatch(applyEdits(text, fix.edits), /Alloww|Allow[a-z]/);
    }
  });
  it('"Scope to membership ARNs" is not offered when the statement has no closing brace', () => {
    const open =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole"' +
      ' '.repeat(300) +
      '\n]}';
    const closed = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
    const scope = (t: string) =>
      analyze(t)
        .findings.flatMap((f) => f.fixes ?? [])
        .filter((x) => /Scope to membership/.test(x.title));
    assert.equal(scope(closed).length, 1);
    assert.equal(scope(open).length, 0);
  });
  it('iam-resource-mismatch offers no fix that copies a two-colon S3 ARN; the arn rule repairs it', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3::acme"}]}';
    const r = analyze(text, { iam: loadTestIamIndex() });
    const mismatch = r.findings.filter((f) => f.rule === 'iam-resource-mismatch');
    assert.ok(mismatch.length >= 1);
    for (const f of mismatch) assert.equal(f.fixes, undefined);
    assert.ok(r.findings.find((f) => f.rule === 'arn-s3-two-colons')?.fixes?.length);
    // With a well-formed bucket ARN the mismatch fix is still offered.
    const good = text.replace('s3::acme', 's3:::acme');
    assert.ok(analyze(good, { iam: loadTestIamIndex() }).findings.some((f) => f.rule === 'iam-resource-mismatch' && f.fixes?.length));
  });
});

describe('issue 12 item 10: JSON escapes do not turn the checks off', () => {
  const p = (r: string): string => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${r}"}]}`;
  const resource = (t: string): string => JSON.parse(t).Statement[0].Resource;
  it('a two-colon S3 ARN written with \\/ is reported on the "::" and its fix gives the decoded repair (CLI)', () => {
    const text = p('arn:aws:s3::acme\\/*');
    const f = analyze(text).findings.find((x) => x.rule === 'arn-s3-two-colons')!;
    assert.equal(under(text, f), '::');
    assert.equal(resource(applyEdits(text, f.fixes![0].edits)), 'arn:aws:s3:::acme/*');
    const r = lint({ 'p.json': text });
    assert.equal(r.code, 1);
    assert.match(r.out, /arn-s3-two-colons/);
  });
  it('a placeholder written as \\u003cbucket\\u003e is a placeholder-token covering the escape sequences', () => {
    const text = p('arn:aws:s3:::\\u003cbucket\\u003e/*');
    const f = analyze(text).findings.filter((x) => x.rule === 'placeholder-token');
    assert.deepEqual(
      f.map((x) => under(text, x)),
      ['\\u003cbucket\\u003e'],
    );
    assert.equal(f[0].placeholder?.raw, '\\u003cbucket\\u003e');
  });
  it('a range inside an escaped string maps to the escape sequence(s) it came from; fixes are valid JSON', () => {
    const text = p('\\u0041rn:aws:s3:::acme/*');
    const f = analyze(text).findings.find((x) => x.rule === 'arn-prefix')!;
    assert.equal(under(text, f), '\\u0041rn');
    assert.equal(resource(applyEdits(text, f.fixes![0].edits)), 'arn:aws:s3:::acme/*');
    const acct = p('arn:aws:s3:us-east-1:\\u0031:acme/*');
    const g = analyze(acct).findings.find((x) => x.rule === 'arn-account-not-allowed')!;
    assert.equal(under(acct, g), '\\u0031');
    assert.equal(resource(applyEdits(acct, g.fixes![0].edits)), 'arn:aws:s3:us-east-1::acme/*');
  });
  it('an invalid escape is never mapped (no finding on a guessed range)', () => {
    const text = p('arn:aws:s3::acme\\x/*');
    assert.ok(!analyze(text).findings.some((x) => x.rule === 'arn-s3-two-colons'));
  });
});

describe('issue 12 item 8: fixes in CR-only and CRLF files keep the line breaks of the file', () => {
  for (const nl of ['\r', '\r\n']) {
    it(`${JSON.stringify(nl)}: "Add Version" and "Scope to membership ARNs" insert lines with ${JSON.stringify(nl)}`, () => {
      const text = [
        '{',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Principal": { "Service": "cleanrooms.amazonaws.com" },',
        '      "Action": "sts:AssumeRole"',
        '    }',
        '  ]',
        '}',
      ].join(nl);
      const fixes = analyze(text)
        .findings.flatMap((f) => f.fixes ?? [])
        .filter((x) => /Version|Scope to membership/.test(x.title));
      assert.equal(fixes.length, 2);
      for (const fix of fixes) {
        const after = applyEdits(text, fix.edits);
        const breaks = after.match(/\r\n|\r|\n/g)!;
        assert.ok(
          breaks.every((b) => b === nl),
          `${fix.title}: mixed line breaks ${JSON.stringify(after)}`,
        );
        assert.ok(breaks.length > text.match(/\r\n|\r|\n/g)!.length);
      }
    });
  }
});

describe('issue 12 item 9: many deep values', () => {
  it('lists the first 20 and says how many more there are', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    const text = `{"Version":"2012-10-17","Statement":[${Array(25).fill(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Sid":${deep}}`).join(',')}]}`;
    const d = analyze(text).findings.filter((f) => f.rule === 'json-too-deep');
    assert.equal(d.length, 20);
    assert.match(d[19].message, /\(5 more values nest that deep/);
    assert.doesNotMatch(d[18].message, /more values/);
  });
});
