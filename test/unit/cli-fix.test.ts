// Issue 12 item 15: `lint --fix` applies the preferred fixes exactly as the editor's Fix All does (one core
// implementation, src/fill/fixall.ts), reaches a fixed point (a second run changes nothing), proves every pass by
// re-analysis, writes only the files that change, and reports what remains in every format.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';
import { analyze } from '../../src/analysis';
import type { AnalysisResult, AnalyzeOptions, Finding } from '../../src/analysis/types';
import { applyEdits } from '../../src/fill/apply';
import { addsError, fixAllText, MAX_FIX_PASSES, minimalEdit, planFixAll } from '../../src/fill/fixall';
import { parseArgs, UsageError } from '../../src/cli/args';
import { writeFileSafely } from '../../src/cli/files';
import type { CliIo } from '../../src/cli/run';
import * as vscodeFixAll from '../../src/vscode/logic/fixall';
import { loadTestIamIndex } from './helpers/iam';
import { runCli as runCliWith } from './helpers/cli';

const runCli = (argv: string[], over: Partial<CliIo> = {}) => runCliWith(argv, over, DATA_DIR);

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const DATA_DIR = path.join(ROOT, 'dist');
const MEMBERSHIP = 'arn:aws:cleanrooms:us-east-1:111111111111:membership/a1b2c3d4-0000-4000-8000-000000000001';

function trust(cond: unknown): string {
  return JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: cond }] },
    null,
    2,
  );
}

function duplicateKeys(text: string): string[] {
  const out: string[] = [];
  const walk = (n: Node | undefined): void => {
    if (!n) return;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const p of n.children ?? []) {
        const k = String(p.children?.[0]?.value).toLowerCase();
        if (seen.has(k)) out.push(k);
        seen.add(k);
      }
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseTree(text));
  return out;
}

// ---- a tiny fake engine, so each property of fixAllText is pinned independently of the rules ----
type Rewrite = { from: string; to: string; severity?: 'error' | 'warning' };
/** Every occurrence of `from` is a finding whose preferred fix writes `to`; every `error` (default 'E') is an error without a fix. */
function fakeAnalyze(rewrites: Rewrite[], error = 'E'): (text: string) => AnalysisResult {
  return (text) => {
    const findings: Finding[] = [];
    for (const r of rewrites) {
      for (let i = text.indexOf(r.from); i >= 0; i = text.indexOf(r.from, i + 1)) {
        findings.push({
          rule: `r-${r.from}`,
          severity: r.severity ?? 'warning',
          message: `${r.from} -> ${r.to}`,
          offset: i,
          length: r.from.length,
          docUrl: 'https://docs.aws.amazon.com/',
          fixes: [{ title: `to ${r.to}`, edits: [{ offset: i, length: r.from.length, newText: r.to }], preferred: true }],
        });
      }
    }
    for (let i = text.indexOf(error); i >= 0; i = text.indexOf(error, i + 1))
      findings.push({ rule: 'err', severity: 'error', message: 'E', offset: i, length: 1, docUrl: 'https://docs.aws.amazon.com/' });
    return { kind: 'permissions', findings };
  };
}

describe('fix all (core): passes to a fixed point, each proven by re-analysis', () => {
  it('the extension imports the same implementation (thin re-export)', () => {
    assert.equal(vscodeFixAll.planFixAll, planFixAll);
    assert.equal(vscodeFixAll.fixAllText, fixAllText);
  });

  it('repeats passes when a fix reveals another (X -> Z -> Y), and a second run changes nothing', () => {
    const an = fakeAnalyze([
      { from: 'X', to: 'Z' },
      { from: 'Z', to: 'Y' },
    ]);
    const once = applyEdits('aXbX', planFixAll(an('aXbX').findings).edits);
    assert.equal(once, 'aZbZ', 'one pass alone is not a fixed point');
    const r = fixAllText('aXbX', an);
    assert.equal(r.text, 'aYbY');
    assert.equal(r.passes, 2);
    assert.equal(r.fixedCount, 4);
    assert.equal(r.unfinished, false);
    assert.deepEqual(r.result.findings, []);
    const again = fixAllText(r.text, an);
    assert.equal(again.text, r.text);
    assert.equal(again.fixedCount, 0);
    assert.equal(again.passes, 0);
  });

  it('never keeps a fix whose result has a new error; the safe fixes of the same pass are still applied', () => {
    const an = fakeAnalyze([
      { from: 'X', to: 'Y' },
      { from: 'Q', to: 'E' },
    ]);
    const r = fixAllText('XQX', an);
    assert.equal(r.text, 'YQY');
    assert.equal(r.rejected, 1);
    assert.equal(r.passes, 1, 'the safe fixes of the pass are kept together');
    assert.equal(r.fixedCount, 2);
    // Two fixes safe alone but not together (here: "YY" is an error): one is kept, the other rejected.
    const pair = fixAllText('XX', fakeAnalyze([{ from: 'X', to: 'Y' }], 'YY'));
    assert.equal(pair.text, 'YX');
    assert.equal(pair.fixedCount, 1);
    assert.equal(pair.rejected, 1);
    assert.equal(addsError(an('XQX'), an(r.text)), false);
    // A fix that removes an error is fine (errors may go down, never up).
    const fixesError = fakeAnalyze([{ from: 'E', to: 'ok', severity: 'error' }]);
    assert.equal(fixAllText('aEb', fixesError).text, 'aokb');
    // Only new errors count: an existing one elsewhere does not block a fix.
    assert.equal(fixAllText('E X', fakeAnalyze([{ from: 'X', to: 'Y' }])).text, 'E Y');
  });

  it('stops at the pass bound on a fix cycle (A -> B -> A) and says it is unfinished', () => {
    const an = fakeAnalyze([
      { from: 'A', to: 'B' },
      { from: 'B', to: 'A' },
    ]);
    const r = fixAllText('A', an);
    assert.equal(r.passes, MAX_FIX_PASSES);
    assert.equal(r.unfinished, true);
    assert.equal(fixAllText('A', an, 3).passes, 3);
  });

  it('minimalEdit: one edit between the common prefix and suffix, never splitting a surrogate pair or a CRLF', () => {
    const cases: Array<[string, string]> = [
      ['abcdef', 'abXdef'],
      ['abc', 'abc'],
      ['', 'x'],
      ['x', ''],
      ['aaaa', 'aa'],
      ['a😀b', 'a😁b'],
      ['a\r\nb', 'a\nb'],
      ['a\nb', 'a\r\nb'],
      ['{"Effect":"Alow"}', '{"Effect":"Allow"}'],
    ];
    for (const [a, b] of cases) {
      const e = minimalEdit(a, b);
      if (a === b) {
        assert.equal(e, undefined);
        continue;
      }
      assert.ok(e);
      assert.equal(applyEdits(a, [e]), b, JSON.stringify([a, b, e]));
      for (const at of [e.offset, e.offset + e.length]) {
        assert.ok(!/[\udc00-\udfff]/.test(a[at] ?? '') || !/[\ud800-\udbff]/.test(a[at - 1] ?? ''), `splits a pair at ${at}: ${JSON.stringify([a, b, e])}`);
      }
    }
    assert.deepEqual(minimalEdit('abcdef', 'abXdef'), { offset: 2, length: 1, newText: 'X' });
  });

  it('on the real engine (item 1 cases): the pinned SourceArn survives, no duplicate key, no StringLike, idempotent', () => {
    const o: AnalyzeOptions = { iam: loadTestIamIndex(), fileName: 'trust-policy.json' };
    const an = (t: string) => analyze(t, o);
    const arm = trust({ ArnLike: { 'aws:SourceArn': MEMBERSHIP, 'aws:SourceArm': 'arn:aws:cleanrooms:*:*:membership/*' } });
    const a = fixAllText(arm, an);
    assert.ok(a.text.includes(MEMBERSHIP));
    assert.deepEqual(duplicateKeys(a.text), []);
    assert.equal(fixAllText(a.text, an).text, a.text);
    const like = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/*' } } }],
    });
    const b = fixAllText(like, (t) => analyze(t, { iam: loadTestIamIndex() }));
    assert.ok(!b.text.includes('StringLike'), b.text);
    // A document with fixes everywhere: each pass adds no error, the result is a fixed point.
    const messy = '{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"arn:aws:s3::bucket/*"}]}';
    const c = fixAllText(messy, an);
    assert.notEqual(c.text, messy);
    assert.ok(c.fixedCount >= 1);
    assert.equal(addsError(an(messy), c.result), false);
    assert.equal(fixAllText(c.text, an).fixedCount, 0);
  });
});

describe('lint --fix (CLI)', function () {
  this.timeout(60_000);
  let dir: string;
  const copyExamples = (): string => {
    const d = fs.mkdtempSync(path.join(dir, 'ex-'));
    for (const f of fs.readdirSync(EXAMPLES)) if (f.endsWith('.json')) fs.copyFileSync(path.join(EXAMPLES, f), path.join(d, f));
    // An old mtime, so any rewrite shows even on a coarse clock.
    const old = new Date('2001-02-03T04:05:06Z');
    for (const f of fs.readdirSync(d)) fs.utimesSync(path.join(d, f), old, old);
    return d;
  };
  const snapshot = (d: string): Map<string, { text: string; mtime: number }> =>
    new Map(fs.readdirSync(d).map((f) => [f, { text: fs.readFileSync(path.join(d, f), 'utf8'), mtime: fs.statSync(path.join(d, f)).mtimeMs }]));
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cri-fix-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses --fix and --fix-dry-run as flags', () => {
    assert.deepEqual(parseArgs(['lint', '--fix', 'a.json']), { cmd: 'lint', format: 'text', maxWarnings: -1, paths: ['a.json'], fix: 'write' });
    assert.deepEqual(parseArgs(['lint', 'a.json', '--fix-dry-run', '-f', 'json']), {
      cmd: 'lint',
      format: 'json',
      maxWarnings: -1,
      paths: ['a.json'],
      fix: 'dry-run',
    });
    assert.deepEqual(parseArgs(['lint', '--fix', '--fix', 'a.json']), { cmd: 'lint', format: 'text', maxWarnings: -1, paths: ['a.json'], fix: 'write' });
    assert.deepEqual(parseArgs(['lint', '--', '--fix']), { cmd: 'lint', format: 'text', maxWarnings: -1, paths: ['--fix'] });
    for (const [argv, re] of [
      [['lint', '--fix', '--fix-dry-run', 'a'], /--fix or --fix-dry-run, not both/],
      [['lint', '--fix=yes', 'a'], /option --fix takes no value/],
      [['lint', '--fix'], /at least one file/],
    ] as Array<[string[], RegExp]>) {
      assert.throws(
        () => parseArgs(argv),
        (e: unknown) => e instanceof UsageError && re.test(e.message),
        argv.join(' '),
      );
    }
    const r = runCli(['lint', '--fix=1', 'x.json']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^cleanrooms-iam: option --fix takes no value\. Run cleanrooms-iam --help for usage\.\n$/);
  });

  it('examples/: fixes what it can, writes only those files, reports what remains; a second --fix changes nothing', () => {
    const d = copyExamples();
    const before = snapshot(d);
    const first = runCli(['lint', '--fix', d]);
    assert.equal(first.err, '');
    const m = /^Fixed (\d+) problems? in (\d+) files?\.$/m.exec(first.out);
    assert.ok(m, first.out);
    assert.ok(Number(m[1]) >= 1);
    const after1 = snapshot(d);
    const changed = [...after1].filter(([f, v]) => v.text !== before.get(f)!.text).map(([f]) => f);
    assert.equal(changed.length, Number(m[2]), `changed: ${changed.join(', ')}`);
    for (const [f, v] of after1) {
      // Files with nothing to fix are not rewritten: same text and the same (old) mtime.
      if (!changed.includes(f)) assert.equal(v.mtime, before.get(f)!.mtime, `${f} was rewritten`);
      else assert.notEqual(v.mtime, before.get(f)!.mtime);
    }
    // Each changed file is exactly the core Fix All of its text (what the extension applies too).
    const iam = loadTestIamIndex();
    for (const f of changed) {
      const expected = fixAllText(before.get(f)!.text, (t) => analyze(t, { iam, fileName: f }));
      assert.equal(after1.get(f)!.text, expected.text, f);
    }
    // What remains is what a plain lint of the fixed files reports.
    const plain = runCli(['lint', d]);
    assert.equal(first.out.replace(/\nFixed .*\n$/, '\n'), plain.out);
    assert.equal(first.code, plain.code);
    // Second run: nothing to fix, nothing written.
    const second = runCli(['lint', '--fix', d]);
    assert.match(second.out, /\nNothing to fix: no file changed\.\n$/);
    const after2 = snapshot(d);
    for (const [f, v] of after2) assert.deepEqual(v, after1.get(f), f);
  });

  it('item 1 cases through the CLI: the pinned SourceArn survives, StringEquals stays, a second --fix changes nothing', () => {
    const d = fs.mkdtempSync(path.join(dir, 'item1-'));
    const arm = path.join(d, 'member-trust-policy.json');
    fs.writeFileSync(arm, trust({ ArnLike: { 'aws:SourceArn': MEMBERSHIP, 'aws:SourceArm': 'arn:aws:cleanrooms:*:*:membership/*' } }));
    const like = path.join(d, 'prefix-permissions-policy.json');
    fs.writeFileSync(
      like,
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-cr-data', Condition: { StringEquals: { 's3:prefix': 'home/*' } } },
          ],
        },
        null,
        2,
      ),
    );
    runCli(['lint', '--fix', d]);
    const armText = fs.readFileSync(arm, 'utf8');
    assert.ok(armText.includes(MEMBERSHIP), armText);
    assert.deepEqual(duplicateKeys(armText), []);
    const likeText = fs.readFileSync(like, 'utf8');
    assert.ok(likeText.includes('"StringEquals"') && !likeText.includes('StringLike'), likeText);
    const mtimes = [arm, like].map((f) => fs.statSync(f).mtimeMs);
    const second = runCli(['lint', '--fix', d]);
    assert.match(second.out, /\nNothing to fix: no file changed\.\n$/);
    assert.deepEqual(
      [arm, like].map((f) => fs.statSync(f).mtimeMs),
      mtimes,
    );
    assert.equal(fs.readFileSync(arm, 'utf8'), armText);
    assert.equal(fs.readFileSync(like, 'utf8'), likeText);
  });

  it('--fix with --format json or sarif: stdout is the report of what remains, the summary goes to stderr', () => {
    const d = copyExamples();
    const j = runCli(['lint', '--fix', '--format', 'json', d]);
    const report = JSON.parse(j.out) as Array<{ file: string; findings: unknown[] }>;
    assert.ok(report.length >= 1);
    assert.match(j.err, /^cleanrooms-iam: Fixed \d+ problems? in \d+ files?\.\n$/);
    assert.deepEqual(report, JSON.parse(runCli(['lint', '--format', 'json', d]).out));
    const d2 = copyExamples();
    const s = runCli(['lint', '--fix', '--format', 'sarif', d2]);
    const sarif = JSON.parse(s.out);
    assert.equal(sarif.version, '2.1.0');
    assert.match(s.err, /^cleanrooms-iam: Fixed \d+ problems?/);
    assert.deepEqual(sarif.runs[0].results, JSON.parse(runCli(['lint', '--format', 'sarif', d2]).out).runs[0].results);
  });

  it('--fix-dry-run reports as --fix would, and writes nothing', () => {
    const d = copyExamples();
    const before = snapshot(d);
    const dry = runCli(['lint', '--fix-dry-run', d]);
    assert.match(dry.out, /\nWould fix \d+ problems? in \d+ files? \(--fix-dry-run: nothing written\)\.\n$/);
    for (const [f, v] of snapshot(d)) assert.deepEqual(v, before.get(f), f);
    const real = runCli(['lint', '--fix', d]);
    assert.equal(dry.out.replace(/\nWould fix (.*) \(--fix-dry-run: nothing written\)\.\n$/, '\nFixed $1.\n'), real.out);
  });

  it('a write error exits 2 with one line, keeps the file, and still reports', () => {
    const d = copyExamples();
    const before = snapshot(d);
    const r = runCli(['lint', '--fix', d], {
      writeFile: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    });
    assert.equal(r.code, 2);
    const lines = r.err.trimEnd().split('\n');
    assert.ok(lines.length >= 1);
    for (const l of lines) assert.match(l, /^cleanrooms-iam: .*\.json: cannot write the fixed file: no space left on device$/);
    for (const [f, v] of snapshot(d)) assert.deepEqual(v, before.get(f), f);
    assert.match(r.out, /Nothing to fix: no file changed\./, 'the files that could not be written are not counted as fixed');
    // The report is of the files as they are (unfixed), so it is what a plain lint says.
    assert.equal(r.out.replace(/\nNothing to fix: no file changed\.\n$/, '\n'), runCli(['lint', d]).out);
  });

  it('a real write error (a folder that refuses new files), end to end: exit 2, one line, the policy unchanged', function () {
    if (process.platform === 'win32') return this.skip();
    const d = fs.mkdtempSync(path.join(dir, 'ro-'));
    const f = path.join(d, 'p.json');
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3::bucket/*"}]}';
    fs.writeFileSync(f, text);
    // Non-root: a read-only folder. Root ignores modes: an immutable folder (ext4 chattr), else skip.
    const root = process.getuid?.() === 0;
    const lock = (on: boolean): boolean => {
      if (!root) {
        fs.chmodSync(d, on ? 0o555 : 0o755);
        return true;
      }
      return spawnSync('chattr', [on ? '+i' : '-i', d]).status === 0;
    };
    if (!lock(true)) return this.skip();
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'lint', '--fix', f], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `cleanrooms-iam: ${f}: cannot write the fixed file: permission denied\n`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(fs.readFileSync(f, 'utf8'), text);
      assert.match(r.stdout, /arn-s3-two-colons/, 'the report still shows what is there');
    } finally {
      lock(false);
    }
    assert.deepEqual(fs.readdirSync(d), ['p.json'], 'no temporary file left');
  });

  it('keeps a UTF-8 BOM and CRLF line endings, and exits on what remains', () => {
    const d = fs.mkdtempSync(path.join(dir, 'bom-'));
    const f = path.join(d, 'p.json');
    fs.writeFileSync(
      f,
      '\ufeff{\r\n  "Version": "2012-10-17",\r\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3::bucket/*"}]\r\n}\r\n',
    );
    const r = runCli(['lint', '--fix', f]);
    const after = fs.readFileSync(f, 'utf8');
    assert.equal(after.charCodeAt(0), 0xfeff);
    assert.ok(after.includes('arn:aws:s3:::bucket/*'), after);
    assert.equal(after.split('\r\n').length, 5, 'line endings untouched');
    assert.match(r.out, /Fixed 1 problem in 1 file\./);
    assert.equal(r.code, runCli(['lint', f]).code);
  });

  it('writeFileSafely: replaces through a symbolic link, keeps the mode, and writes hard-linked files in place', function () {
    if (process.platform === 'win32') return this.skip();
    const d = fs.mkdtempSync(path.join(dir, 'w-'));
    const target = path.join(d, 'real.json');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    const link = path.join(d, 'link.json');
    fs.symlinkSync(target, link);
    writeFileSafely(link, 'new');
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
    assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    const hard = path.join(d, 'hard.json');
    fs.linkSync(target, hard);
    writeFileSafely(hard, 'both');
    assert.equal(fs.readFileSync(target, 'utf8'), 'both');
    assert.deepEqual(fs.readdirSync(d).sort(), ['hard.json', 'link.json', 'real.json'], 'no temporary file left');
  });
});
