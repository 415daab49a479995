// Regression tests for engine bugs the reliability work found (each failed before its fix).
import { strict as assert } from 'node:assert';
import { analyze, FindingIndex, MAX_SYNTAX_FINDINGS } from '../../../src/analysis/analyze';
import type { Finding } from '../../../src/analysis/types';
import { parseJson } from '../../../src/analysis/json';
import { buildModel } from '../../../src/analysis/model';
import { findPlaceholders, MAX_SCAN_LENGTH } from '../../../src/fill/detect';
import { CPU_FACTOR, cpuMs, iamIndex, resultViolations } from './support';

const at = (text: string, f: { offset: number; length: number }) => text.substr(f.offset, f.length);
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}]}';

describe('reliability: engine regressions', () => {
  it('keeps JSON syntax findings at the end of a truncated document inside the document', () => {
    // Found by fuzzing: a template truncated right after "Statement" gave a finding at offset === length, length 1.
    for (const text of [
      '{\n    "Version": "2012-10-17",\n    "Statement"',
      '{"Statement":[',
      '{"Statement":[{"Effect":"Allow"',
      '{"Statement":"arn:aws:s3:::x',
    ]) {
      const r = analyze(text);
      assert.ok(
        r.findings.some((f) => f.rule === 'json-syntax'),
        text,
      );
      assert.deepEqual(resultViolations(text, r), [], text);
      for (const f of r.findings) assert.ok(f.offset + f.length <= text.length, `${f.rule}@${f.offset}+${f.length} in ${text.length}`);
    }
    // The forced path with an empty document: one zero-length finding at 0.
    const empty = analyze('', { forcePolicy: true });
    assert.deepEqual(
      empty.findings.map((f) => [f.rule, f.offset, f.length]),
      [['json-syntax', 0, 0]],
    );
  });

  it('treats a leading byte order mark as whitespace, with offsets unchanged', () => {
    const text = '\ufeff' + POLICY;
    const r = analyze(text);
    assert.equal(r.kind, 'permissions');
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'json-syntax'),
      [],
    );
    const token = r.findings.find((f) => f.rule === 'placeholder-token')!;
    assert.equal(at(text, token), '<bucket>');
    assert.equal(token.offset, POLICY.indexOf('<bucket>') + 1);
    assert.deepEqual(
      findPlaceholders(text).map((o) => [o.key, o.offset]),
      [['<bucket>', POLICY.indexOf('<bucket>') + 1]],
    );
    // Only at the start: a BOM in the middle is still an error.
    const mid = POLICY.replace('"Version"', '\ufeff"Version"');
    assert.ok(analyze(mid).findings.some((f) => f.rule === 'json-syntax' && f.offset === mid.indexOf('\ufeff')));
  });

  it('reports one syntax finding per comma (the trailing-comma one, with its fix), not two on the same character', () => {
    const text = '{"Statement":[{"Effect":"Allow",,}]}';
    const syntax = analyze(text).findings.filter((f) => f.rule === 'json-syntax');
    const second = text.indexOf(',,') + 1;
    assert.equal(syntax.filter((f) => f.offset === second).length, 1);
    assert.match(syntax.find((f) => f.offset === second)!.message, /trailing comma/);
    assert.ok(syntax.find((f) => f.offset === second)!.fixes?.[0]?.preferred);
    const leading = '{"Statement":[,]}';
    assert.equal(analyze(leading).findings.filter((f) => f.rule === 'json-syntax').length, 1);
  });

  it('caps JSON syntax findings and says how many more there are', () => {
    const text = '{"Statement":[' + ','.repeat(200_000) + ']}';
    const c0 = process.cpuUsage();
    const r = analyze(text);
    assert.ok(cpuMs(c0) < 10_000 * CPU_FACTOR, `took ${cpuMs(c0)} ms CPU`);
    const syntax = r.findings.filter((f) => f.rule === 'json-syntax');
    assert.equal(syntax.length, MAX_SYNTAX_FINDINGS);
    assert.match(syntax[syntax.length - 1].message, /\d+ further JSON errors after this one are not shown/);
    assert.doesNotMatch(syntax[0].message, /further JSON errors/);
  });

  it('builds the model in linear time and keeps statement indexes (non-object entries counted)', () => {
    const text = '{"Statement":[1,{"Sid":"A"},"x",{"Sid":"B"}]}';
    const m = buildModel(text, parseJson(text).root!);
    assert.deepEqual(
      m.statements.map((s) => s.index),
      [1, 3],
    );
    // 100,000 statements: the old indexOf pass was quadratic (5 billion comparisons).
    const many = '{"Statement":[' + Array(100_000).fill('{"Effect":"Allow"}').join(',') + ']}';
    const root = parseJson(many).root!;
    const c0 = process.cpuUsage();
    const big = buildModel(many, root);
    assert.ok(cpuMs(c0) < 1500 * CPU_FACTOR, `took ${cpuMs(c0)} ms CPU`);
    assert.equal(big.statements[99_999].index, 99_999);
  });

  it('findPlaceholders does not parse documents beyond the scan limit', () => {
    const huge = '{"Statement":[{"Resource":"<bucket>"}' + ' '.repeat(MAX_SCAN_LENGTH) + ']}';
    const c0 = process.cpuUsage();
    assert.deepEqual(findPlaceholders(huge), []);
    assert.ok(cpuMs(c0) < 1000 * CPU_FACTOR, `took ${cpuMs(c0)} ms CPU`);
  });

  it('answers hasFindingAt from a position index (same answers as a linear scan)', () => {
    const mk = (rule: string, offset: number, length: number): Finding => ({ rule, severity: 'error', message: 'm', offset, length, docUrl: 'https://x' });
    const all = [mk('a', 0, 0), mk('a', 63, 2), mk('b', 100, 5000), mk('c', 127, 1), mk('a', 128, 64), mk('b', 10_000, 1)];
    const idx = new FindingIndex();
    for (const f of all) idx.add(f);
    const linear = (o: number, rules?: string[]) =>
      all.some((f) => f.offset <= o && o < f.offset + Math.max(1, f.length) && (!rules || rules.includes(f.rule)));
    for (let o = 0; o < 10_100; o++) {
      for (const rules of [undefined, ['a'], ['b', 'c'], []])
        assert.equal(idx.has(o, rules), linear(o, rules), `offset ${o} rules ${rules?.join(',') ?? 'all'}`);
    }
    // And it is fast: 20,000 findings, 400,000 lookups (a linear scan would do 8 billion comparisons).
    const big = new FindingIndex();
    for (let i = 0; i < 20_000; i++) big.add(mk('p', i * 80 + 10, 8));
    const c0 = process.cpuUsage();
    let hits = 0;
    for (let o = 0; o < 1_600_000; o += 4) if (big.has(o, ['p'])) hits++;
    assert.ok(cpuMs(c0) < 1500 * CPU_FACTOR, `took ${cpuMs(c0)} ms CPU`);
    assert.equal(hits, 20_000 * 2);
  });

  it('analyses 10,000 statements with placeholders in seconds (hasFindingAt was quadratic)', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[' +
      Array(10_000).fill('{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}').join(',') +
      ']}';
    const c0 = process.cpuUsage();
    const r = analyze(text, { iam: iamIndex() });
    assert.ok(cpuMs(c0) < 8000 * CPU_FACTOR, `took ${cpuMs(c0)} ms CPU`);
    assert.equal(r.findings.filter((f) => f.rule === 'placeholder-token').length, 10_000);
  });
});
