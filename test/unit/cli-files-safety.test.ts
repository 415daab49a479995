// Issue 12 item 14: reading is bounded by the bytes actually read (not by st.size), special files are refused
// without blocking, walked names that are not UTF-8 are found, a backslash in a POSIX file name stays in the SARIF URI
// (%5C), and UTF-16/UTF-32 files are named as such.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectUtf16or32, expandPaths, readTextFile } from '../../src/cli/files';
import { relativeUri } from '../../src/cli/format';
import type { CliIo } from '../../src/cli/run';
import { runCli } from './helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}]}';

describe('cli files: bounded, non-blocking reads', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-files-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a /proc file that stat calls empty but that goes on for gigabytes is cut at the byte cap', function () {
    const f = '/proc/self/pagemap';
    try {
      fs.accessSync(f, fs.constants.R_OK);
    } catch {
      return this.skip();
    }
    assert.equal(fs.statSync(f).size, 0, 'stat says 0 bytes');
    const t0 = Date.now();
    const r = readTextFile(f, 1000);
    assert.ok('error' in r, JSON.stringify(r).slice(0, 200));
    assert.match(r.error, /^\/proc\/self\/pagemap: file is too large to lint \(more than 2\.9 KB read; the limit is 1000 bytes\)$/);
    assert.ok(Date.now() - t0 < 5000, 'bounded: stops at the cap');
  });

  it('a regular file that grows past the cap while stat said small is cut too (bytes read, not st.size)', () => {
    // /proc/self/status is a regular file with st.size 0 and a few hundred bytes of text.
    const small = readTextFile('/proc/self/status', 100);
    if (fs.existsSync('/proc/self/status'))
      assert.ok('error' in small && /more than 300 bytes read; the limit is 100 bytes/.test(small.error), JSON.stringify(small));
    const ok = readTextFile('/proc/self/status', 100_000);
    if (fs.existsSync('/proc/self/status')) assert.ok('text' in ok && /^Name:/.test(ok.text), JSON.stringify(ok).slice(0, 100));
  });

  it('FIFOs, character devices and directories are refused by name, without opening them', function () {
    const fifo = path.join(dir, 'pipe.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return this.skip();
    }
    // In a child process, so that a regression (open blocks on a FIFO without a writer) fails instead of hanging.
    const code = `const { readTextFile } = require(${JSON.stringify(path.join(ROOT, 'src/cli/files.ts'))}); console.log(JSON.stringify([readTextFile(${JSON.stringify(fifo)}, 1000), readTextFile('/dev/null', 1000), readTextFile('/dev/zero', 1000)]))`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr || 'timed out: a read blocked');
    const [a, b, c] = JSON.parse(r.stdout) as Array<{ error: string }>;
    assert.equal(a.error, `${fifo}: not a regular file (a FIFO); not linted`);
    assert.equal(b.error, '/dev/null: not a regular file (a character device); not linted');
    assert.equal(c.error, '/dev/zero: not a regular file (a character device); not linted');
    const d = readTextFile(dir, 10);
    assert.ok('error' in d && d.error.endsWith('not a regular file (a directory); not linted'));
    // In a walked folder a FIFO named *.json is not a file to lint: skipped, nothing blocks.
    const walked = expandPaths([dir]);
    assert.ok(!walked.files.includes(fifo), JSON.stringify(walked));
  });

  it('a FIFO swapped in after the stat check: the non-blocking open and the fstat check still refuse it, no hang', function () {
    const fifo = path.join(dir, 'race.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return this.skip();
    }
    // The stat check is made to see a regular file (as if the FIFO replaced the file just after it); the open must
    // not block (no writer ever comes) and the fstat after it must refuse the FIFO.
    const code = [
      `const fs = require('node:fs');`,
      `const real = fs.statSync; const fake = real(${JSON.stringify(path.join(ROOT, 'package.json'))});`,
      `fs.statSync = (p, ...a) => (String(p) === ${JSON.stringify(fifo)} ? fake : real(p, ...a));`,
      `const { readTextFile } = require(${JSON.stringify(path.join(ROOT, 'src/cli/files.ts'))});`,
      `console.log(JSON.stringify(readTextFile(${JSON.stringify(fifo)}, 1000)));`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr || 'timed out: the open blocked');
    assert.deepEqual(JSON.parse(r.stdout), { error: `${fifo}: not a regular file (a FIFO); not linted` });
  });

  it('lint of a FIFO named on the command line: exit 2, one line, no hang (end to end)', function () {
    const fifo = path.join(dir, 'pipe2.json');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return this.skip();
    }
    const cli = path.join(ROOT, 'src/cli/main.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'lint', fifo, '/proc/self/pagemap'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr || 'timed out');
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0], /pipe2\.json: not a regular file \(a FIFO\); not linted$/);
    if (fs.existsSync('/proc/self/pagemap'))
      assert.match(lines[1], /\/proc\/self\/pagemap: file is too large to lint \(more than 15 MB read; the limit is 5 MB\)$/);
  });
});

describe('cli files: names and encodings', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-names-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a walked file whose name is not valid UTF-8 is found, read and linted (not "no such file")', function () {
    const d = Buffer.from(path.join(dir, 'walk'));
    fs.mkdirSync(d);
    const bad = Buffer.concat([d, Buffer.from('/b'), Buffer.from([0xff, 0xfe]), Buffer.from('.json')]);
    const subdir = Buffer.concat([d, Buffer.from('/sub'), Buffer.from([0xc3])]);
    try {
      fs.writeFileSync(bad, POLICY);
      fs.mkdirSync(subdir);
      fs.writeFileSync(Buffer.concat([subdir, Buffer.from('/p.json')]), POLICY);
    } catch {
      return this.skip(); // a file system that refuses non-UTF-8 names
    }
    const ex = expandPaths([d.toString()]);
    assert.deepEqual(ex.errors, []);
    assert.equal(ex.files.length, 2);
    assert.ok(
      ex.fsPaths.every((p) => Buffer.isBuffer(p)),
      'opened by their bytes',
    );
    const r = runCli(['lint', '--format', 'json', d.toString()]);
    assert.equal(r.err, '');
    const out = JSON.parse(r.out) as Array<{ file: string; findings: Array<{ rule: string }> }>;
    assert.equal(out.length, 2);
    assert.ok(
      out.every((x) => x.findings.some((f) => f.rule === 'placeholder-token')),
      r.out,
    );
    assert.ok(out.some((x) => x.file.endsWith('b\ufffd\ufffd.json')));
    // SARIF names the real file: its bytes percent-encoded (not the U+FFFD of the display name).
    const sarif = JSON.parse(runCli(['lint', '--format', 'sarif', d.toString()], { cwd: dir }).out);
    const uris = sarif.runs[0].results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.deepEqual([...new Set(uris)].sort(), ['walk/b%FF%FE.json', 'walk/sub%C3/p.json']);
    // Same encoding as for a string when the bytes are UTF-8.
    assert.equal(relativeUri(Buffer.from('a b/é#.json')), relativeUri('a b/é#.json'));
  });

  it('UTF-16 (with or without a BOM) and UTF-32 are named; NUL-containing binaries are still "binary"', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const leNoBom = Buffer.from(POLICY, 'utf16le');
    const beNoBom = Buffer.from(leNoBom);
    beNoBom.swap16();
    const u32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([0x7b, 0, 0, 0])]);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['le.json', le, /: UTF-16 is not supported; save the file as UTF-8$/],
      ['be.json', be, /: UTF-16 is not supported; save the file as UTF-8$/],
      ['le-nobom.json', leNoBom, /: UTF-16 is not supported; save the file as UTF-8$/],
      ['be-nobom.json', beNoBom, /: UTF-16 is not supported; save the file as UTF-8$/],
      ['u32.json', u32, /: UTF-32 is not supported; save the file as UTF-8$/],
      ['nul.json', Buffer.from('{"a":\u0000"bcdefgh ijklmnop"}'), /: binary file \(contains NUL bytes\), not a JSON policy$/],
    ];
    for (const [name, data, re] of cases) {
      fs.writeFileSync(path.join(dir, name), data);
      const r = readTextFile(path.join(dir, name), 10_000);
      assert.ok('error' in r && re.test(r.error), `${name}: ${JSON.stringify(r)}`);
    }
    assert.equal(detectUtf16or32(Buffer.from(POLICY)), undefined);
    assert.equal(detectUtf16or32(Buffer.from([0xef, 0xbb, 0xbf, 0x7b])), undefined, 'a UTF-8 BOM is not UTF-16');
    // CLI level: exit 2, one line.
    const r = runCli(['lint', path.join(dir, 'le.json')]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `cleanrooms-iam: ${path.join(dir, 'le.json')}: UTF-16 is not supported; save the file as UTF-8\n`);
  });

  it('SARIF: a backslash in a POSIX file name is %5C in the URI, a separator only on Windows', function () {
    if (process.platform === 'win32') return this.skip();
    const sub = path.join(dir, 'sarif');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'team\\a b#1.json'), POLICY);
    const uri = (over: Partial<CliIo>): string =>
      JSON.parse(runCli(['lint', '--format', 'sarif', '.'], { cwd: sub, ...over }).out).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    // The CLI resolves '.' against io.cwd only for the URI; run it in the folder itself.
    const prev = process.cwd();
    process.chdir(sub);
    try {
      assert.equal(uri({}), 'team%5Ca%20b%231.json');
      assert.equal(uri({ windows: true }), 'team/a%20b%231.json');
    } finally {
      process.chdir(prev);
    }
  });
});
