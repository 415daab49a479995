// Pathological inputs: the engine and the CLI answer each one quickly, without throwing and without a stack trace.
// Big files are generated in a temp dir per run and deleted afterwards (never committed).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/analysis';
import { findPlaceholders } from '../../../src/fill';
import { checkAll, cpuMs, iamIndex, resultViolations, ROOT } from './support';

const POLICY_HEAD = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';

/** name -> file contents; `bytes` when the file is not text. */
function pathologicalFiles(): Array<{ name: string; data: string | Buffer; note: string }> {
  const deep = 100_000;
  const binary = Buffer.alloc(256 * 1024);
  for (let i = 0, x = 12345; i < binary.length; i++) binary[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return [
    { name: 'deep-array.json', data: '{"Statement":' + '['.repeat(deep) + ']'.repeat(deep) + '}', note: '100,000-deep arrays' },
    { name: 'deep-object.json', data: '{"Statement":' + '{"a":'.repeat(deep) + '1' + '}'.repeat(deep) + '}', note: '100,000-deep objects' },
    { name: 'deep-unclosed.json', data: '{"Statement":[' + '{"Condition":'.repeat(deep), note: '100,000 unclosed objects' },
    { name: 'huge-50mb.json', data: POLICY_HEAD + 'acme/*"}],"Pad":"' + 'x'.repeat(50 * 1024 * 1024) + '"}', note: '50 MB policy' },
    { name: 'long-string-1mb.json', data: POLICY_HEAD + 'b'.repeat(1024 * 1024) + '/*"}]}', note: '1 MB string value' },
    { name: 'binary.json', data: binary, note: '256 KB of random bytes' },
    {
      name: 'binary-after-statement.json',
      data: Buffer.concat([Buffer.from('{"Statement":'), binary.subarray(0, 65536).map((b) => b || 1)]),
      note: 'random bytes (no NUL) after {"Statement":',
    },
    {
      name: 'invalid-utf8.json',
      data: Buffer.concat([Buffer.from(POLICY_HEAD), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80, 0xff]), Buffer.from('/*"}]}')]),
      note: 'invalid UTF-8 in a value',
    },
    { name: 'empty.json', data: '', note: 'empty file' },
    { name: 'whitespace.json', data: ' \n\t\r\n   \n', note: 'only whitespace' },
    {
      name: 'duplicate-keys.json',
      data: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Action":"s3:PutObject","Resource":"arn:aws:s3:::acme/*"}],"Statement":[]}',
      note: 'duplicate keys',
    },
    { name: 'many-commas.json', data: '{"Statement":[' + ','.repeat(200_000) + ']}', note: '200,000 stray commas' },
    {
      name: 'many-statements.json',
      data:
        '{"Version":"2012-10-17","Statement":[' +
        Array(10_000).fill('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}').join(',') +
        ']}',
      note: '10,000 statements with placeholders',
    },
    { name: 'nul-and-surrogates.json', data: POLICY_HEAD + '\\u0000\ud800\udfff\ufffe😀/*"}]}', note: 'escaped NUL, surrogates, noncharacters' },
  ];
}

describe('reliability: pathological inputs (engine)', function () {
  this.timeout(60_000);
  for (const f of pathologicalFiles()) {
    it(`analyze() survives ${f.note}`, () => {
      const text = typeof f.data === 'string' ? f.data : f.data.toString('utf8');
      const c0 = process.cpuUsage();
      // Bound: seconds of CPU, never more, whatever the size (big documents are skipped, deep ones are cut off).
      for (const options of [{ iam: iamIndex() }, { forcePolicy: true }]) {
        const r = checkAll(text, options, { bound: 15_000, fixes: text.length < 100_000 });
        assert.deepEqual(resultViolations(text, r), []);
      }
      const occ = findPlaceholders(text);
      for (const o of occ) assert.equal(text.substr(o.offset, o.length), o.key);
      assert.ok(cpuMs(c0) < 30_000, `${f.name}: ${cpuMs(c0).toFixed(0)} ms CPU`);
    });
  }

  it('classifies the obvious cases', () => {
    assert.deepEqual(analyze(''), { kind: 'not-a-policy', findings: [] });
    assert.deepEqual(analyze(' \n\t '), { kind: 'not-a-policy', findings: [] });
    const huge = POLICY_HEAD + 'x'.repeat(6 * 1024 * 1024) + '"}]}';
    assert.equal(analyze(huge).skipped, 'too-large');
    // A top-level Statement: a policy whose deep value is reported (issue 12 item 9), with or without forcePolicy.
    for (const o of [{}, { forcePolicy: true }]) {
      const r = analyze('{"Statement":' + '['.repeat(100_000), o);
      assert.equal(r.kind, 'permissions');
      assert.deepEqual(
        r.findings.filter((f) => f.rule === 'json-too-deep').map((f) => f.offset),
        [13 + 255],
      ); // the 256th `[` is level 257 (the root object is level 1)
    }
  });
});

const CLI = path.join(ROOT, 'dist/cli.js');
const STACK_FRAME = /^\s+at (?:.+ \()?\S+:\d+:\d+\)?\s*$/m;

function cliReady(): boolean {
  try {
    return /\blint\b/.test(fs.readFileSync(CLI, 'utf8'));
  } catch {
    return false;
  }
}

describe('reliability: pathological inputs (CLI: node dist/cli.js lint <file>)', function () {
  this.timeout(120_000);
  let dir = '';
  before(function () {
    if (!cliReady()) this.skip(); // dist/cli.js not built yet (npm run build)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-iam-patho-'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const f of pathologicalFiles()) {
    it(`answers ${f.note} with findings or a clear error, within seconds, no stack trace`, () => {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.data);
      const t0 = Date.now();
      const res = spawnSync(process.execPath, [CLI, 'lint', file], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
      const secs = (Date.now() - t0) / 1000;
      fs.rmSync(file, { force: true });
      const out = `${res.stdout}\n${res.stderr}`;
      assert.equal(res.signal, null, `${f.name}: killed by ${res.signal} after ${secs} s`);
      assert.ok(secs < 30, `${f.name}: took ${secs} s`);
      assert.ok([0, 1, 2].includes(res.status!), `${f.name}: exit ${res.status}\n${out.slice(0, 500)}`);
      assert.doesNotMatch(out, STACK_FRAME, `${f.name}: stack trace in the output`);
      assert.doesNotMatch(out, /internal error|TypeError|RangeError|SyntaxError: /i, `${f.name}: internal error in the output`);
      if (res.status === 2) assert.match(res.stderr, new RegExp(f.name.replace('.', '\\.') + '.*\\S'), `${f.name}: exit 2 without saying why`);
      if (f.name === 'huge-50mb.json') {
        assert.equal(res.status, 2, 'a 50 MB file is refused (exit 2), not passed silently');
        assert.match(res.stderr, /too large/i);
      }
      if (f.name === 'duplicate-keys.json' || f.name === 'many-commas.json') assert.equal(res.status, 1, `${f.name}: findings expected (exit 1)`);
      // No line echoes megabytes of input (a 1 MB value must be shortened in messages).
      const longest = Math.max(...out.split('\n').map((l) => l.length));
      assert.ok(longest < 5000, `${f.name}: an output line of ${longest} characters`);
    });
  }

  it('the stack-trace detector itself catches a Node stack trace', () => {
    assert.match('Error: boom\n    at run (/x/dist/cli.js:12:34)\n', STACK_FRAME);
    assert.match('    at /x/dist/cli.js:1:2', STACK_FRAME);
    assert.doesNotMatch('  1:92  warning  arn at the end  arn-region', STACK_FRAME);
  });
});
