import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { elide, MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, quote } from '../../src/analysis/messages';
import { makeFinding } from '../../src/analysis/rule';

describe('analyze: recognising policies', () => {
  it('drops documents that are not policies without a single finding', () => {
    for (const text of [
      '{"name":"x","version":"1.0.0","scripts":{"test":"mocha"}}',
      '{"compilerOptions":{"strict":true}}',
      '{"type":"FeatureCollection","features":[]}',
      '[1,2,3]',
      '',
      '   \n\t ',
      '{ broken',
      '{"nested":{"Statement":[]}}',
      '"Statement"',
    ]) {
      const r = analyze(text);
      assert.equal(r.kind, 'not-a-policy', text);
      assert.deepEqual(r.findings, [], text);
    }
  });

  it('classifies trust and permissions policies', () => {
    const trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cleanrooms.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
    const perms = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}]}';
    assert.equal(analyze(trust).kind, 'trust');
    assert.equal(analyze(perms).kind, 'permissions');
    // Statement as a single object is legal.
    assert.equal(
      analyze('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::210987654321:root"}}}').kind,
      'trust',
    );
  });

  it('reports JSON syntax errors at their position', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",}]}';
    const r = analyze(text);
    const syntax = r.findings.filter((f) => f.rule === 'json-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].offset, text.indexOf(',}'));
    assert.match(syntax[0].message, /trailing comma/i);
    const fixed = syntax[0].fixes![0];
    assert.ok(fixed.preferred);
    const out = text.slice(0, fixed.edits[0].offset) + text.slice(fixed.edits[0].offset + 1);
    assert.deepEqual(JSON.parse(out).Statement[0], { Effect: 'Allow' });
    const missing = '{"Version":"2012-10-17","Statement":[{"Effect" "Allow"}]}';
    const m = analyze(missing).findings.filter((f) => f.rule === 'json-syntax');
    assert.equal(m[0].offset, missing.indexOf('"Allow"'));
    assert.match(m[0].message, /colon expected/);
  });

  it('skips documents above the size limit and says so', () => {
    const r = analyze('{"Statement":[]}' + ' '.repeat(100), { maxLength: 50 });
    assert.equal(r.skipped, 'too-large');
    assert.deepEqual(r.findings, []);
  });

  it('does not overflow the stack on 100,000 levels of nesting', () => {
    const deep = '{"Statement":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    // A top-level Statement makes it a policy (issue 12 item 9): the deep value is reported, the rest analysed.
    const r = analyze(deep);
    assert.equal(r.kind, 'permissions');
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'json-too-deep').map((f) => f.offset),
      [13 + 255],
    ); // the 256th `[` is level 257 (the root object is level 1)
    const forced = analyze(deep, { forcePolicy: true });
    assert.deepEqual(
      forced.findings.filter((f) => f.rule === 'json-too-deep').map((f) => f.offset),
      [13 + 255],
    ); // the 256th `[` is level 257 (the root object is level 1)
  });

  it('applies severity overrides, including off', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::<bucket>/*"}]}';
    assert.ok(analyze(text).findings.some((f) => f.rule === 'placeholder-token' && f.severity === 'error'));
    assert.ok(
      analyze(text, { severityOverrides: { 'placeholder-token': 'info' } }).findings.some((f) => f.rule === 'placeholder-token' && f.severity === 'info'),
    );
    assert.ok(!analyze(text, { severityOverrides: { 'placeholder-token': 'off' } }).findings.some((f) => f.rule === 'placeholder-token'));
  });
});

describe('messages: quoting long values', () => {
  it('elide keeps short values and cuts the middle of long ones, never inside a surrogate pair', () => {
    assert.equal(elide('arn:aws:s3:::acme/*'), 'arn:aws:s3:::acme/*');
    assert.equal(quote('x'.repeat(80)), `"${'x'.repeat(80)}"`);
    const long = 'a'.repeat(60) + 'MIDDLE'.repeat(1000) + 'z'.repeat(60);
    const e = elide(long);
    assert.ok(e.length <= 80, e);
    assert.match(e, /^a{20,}…\(6,\d{3} more characters\)…z{15,}$/);
    assert.ok(elide(long, 1000).length <= 1000);
    // An astral character straddling either cut point is kept whole or dropped whole.
    const astral = '😀'.repeat(100);
    const ea = elide(astral);
    assert.doesNotMatch(ea, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('makeFinding caps messages, fix titles and related messages that slipped through', () => {
    const meta = { id: 'x', severity: 'error' as const, title: 't', description: 'd', docUrl: 'https://docs.aws.amazon.com/', example: '{}' };
    const f = makeFinding(meta, 0, 1, 'm'.repeat(5000), {
      fixes: [{ title: 't'.repeat(5000), edits: [] }],
      related: [{ offset: 0, length: 1, message: 'r'.repeat(5000) }],
    });
    assert.ok(f.message.length <= MAX_MESSAGE_LENGTH && f.message.includes('more characters'));
    assert.ok(f.fixes![0].title.length <= MAX_TITLE_LENGTH);
    assert.ok(f.related![0].message.length <= MAX_TITLE_LENGTH);
    assert.equal(makeFinding(meta, 0, 1, 'short').message, 'short');
  });
});
