// Reproductions of the bugs the fuzzers found in code owned by other engineers (see KNOWN_ISSUES in support.ts).
// A new one goes in as `it.skip` with a KNOWN_ISSUES entry; once fixed, the test runs and the entry goes. The four
// below were fixed in the engine (duplicate keys, rename conflicts, long wildcard actions, huge messages).
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/analysis';
import { applyEdits } from '../../../src/fill/apply';
import { iamIndex, KNOWN_ISSUES, resultViolations } from './support';

describe('reliability: known issues (fixed ones run as regression tests)', () => {
  it('every known issue (if any is pending) names an owner and says what is wrong', () => {
    for (const k of KNOWN_ISSUES) assert.ok(k.owner && k.summary.length > 40, k.id);
  });

  it('grammar-duplicate-key-first-node: a valid first "Version" is not reported when a later duplicate is invalid', () => {
    const text = '{"Version":"2012-10-17","Statement":[],"Version":""}';
    const r = analyze(text);
    // Expected: grammar-version on the second (empty) Version at offset 49, or only grammar-duplicate-key.
    // Actual: grammar-version on offset 11 ("2012-10-17"), with a fix that rewrites it to the same text.
    const v = r.findings.filter((f) => f.rule === 'grammar-version');
    for (const f of v) assert.notEqual(f.offset, 11);
    for (const f of r.findings) for (const fix of f.fixes ?? []) assert.notEqual(applyEdits(text, fix.edits), text, `${f.rule}: no-op fix`);
  });

  it('grammar-duplicate-key-first-node: "Effect" twice, the first "Allow" is not called invalid', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":["Allow"],"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*"}]}';
    const r = analyze(text);
    // Actual: grammar-effect 'Effect "Allow" is not valid ... Did you mean "Allow"?' on the first value, fix is a no-op.
    assert.ok(!r.findings.some((f) => f.rule === 'grammar-effect' && f.offset === text.indexOf('"Allow"') + 1));
  });

  it('grammar-rename-fix-conflict: no "Change to Resource" fix when the statement has NotResource', () => {
    const text = '{"Statement":[{"NotResource":"","resource":"2012-10-17"}]}';
    const f = analyze(text).findings.find((x) => x.rule === 'grammar-unknown-element')!;
    // Actual: fix "Change to \"Resource\"" (preferred), which yields Resource + NotResource (grammar-resource-both).
    for (const fix of f.fixes ?? []) {
      const after = applyEdits(text, fix.edits);
      assert.ok(!analyze(after).findings.some((x) => x.rule === 'grammar-resource-both'), fix.title);
    }
  });

  it('iam-action-pattern-regexp-too-large: a 40,000-character wildcard action does not make iam-data throw', function () {
    if (!iamIndex()) this.skip();
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'kms:GenerateDataKey*' + 'a'.repeat(40_000), Resource: '*' }],
    });
    const r = analyze(text, { iam: iamIndex() });
    // Actual: one internal-error finding: 'Internal error in rule family "iam-data": Invalid regular expression: /^GenerateDataKey.*aaaa…/'.
    assert.deepEqual(resultViolations(text, r), []);
  });
  it('grammar-duplicate-key: reported on the later copies, with the first as related information', () => {
    const text = '{"Version":"2012-10-17","Statement":[],"Version":"","Version":"2012-10-17"}';
    const r = analyze(text);
    const d = r.findings.filter((f) => f.rule === 'grammar-duplicate-key');
    assert.deepEqual(
      d.map((f) => f.offset),
      [text.indexOf('"Version"', 2), text.lastIndexOf('"Version"')],
    );
    for (const f of d)
      assert.deepEqual(
        f.related?.map((x) => x.offset),
        [1],
      );
    // The last copy is valid, so Version is valid (IAM uses the last copy).
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'grammar-version'),
      [],
    );
  });

  it('grammar-duplicate-key-first-node: fixes edit the copy that takes effect', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"alow","Action":"s3:GetObject","Resource":"*"}]}';
    const f = analyze(text).findings.find((x) => x.rule === 'grammar-effect')!;
    assert.equal(f.offset, text.indexOf('alow'));
    const after = applyEdits(text, f.fixes![0].edits);
    assert.equal(JSON.parse(after).Statement[0].Effect, 'Allow');
  });

  it('grammar-rename-fix-conflict: no rename into Action/Principal when the Not- pair is there', () => {
    for (const [text, bad] of [
      ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","action":"s3:GetObject","Resource":"*"}]}', 'grammar-action-both'],
      [
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111111111111"},"principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"*"}]}',
        'grammar-principal-both',
      ],
    ] as const) {
      const f = analyze(text).findings.find((x) => x.rule === 'grammar-unknown-element')!;
      assert.ok(f, text);
      for (const fix of f.fixes ?? []) assert.ok(!analyze(applyEdits(text, fix.edits)).findings.some((x) => x.rule === bad), fix.title);
    }
    // Without the pair the rename is still offered.
    const ok = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","resource":"*"}]}';
    assert.equal(analyze(ok).findings.find((x) => x.rule === 'grammar-unknown-element')!.fixes?.[0]?.title, 'Change to "Resource"');
  });

  it('huge-message: a 1 MB value gives short messages, fix titles and related messages', function () {
    // Under mutation testing (instrumented engine, 10x slower) Stryker's own per-mutant timeout applies instead.
    this.timeout(process.env.STRYKER_MUTATOR_WORKER === undefined ? 20_000 : 0);
    const big = 'b'.repeat(1024 * 1024);
    const mid = 'm'.repeat(200 * 1024);
    const texts = [
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${big}"}]}`,
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3::${big}"}]}`,
      `{"Version":"2012-10-17","Statement":[{"Effect":"${big}","Action":"s3:GetObject","Resource":"${big}"}]}`,
      // Six long values (200 KB each, so the document stays under the 5 MB analysis limit).
      `{"Version":"2012-10-17","Statement":[{"Sid":"a-${mid}","Sid":"b","${mid}":1,"Effect":"Allow","Action":"s3:${mid}*","Resource":"*","Condition":{"StringEquals${mid}":{"aws:SourceAccount":"1*"},"StringEquals":{"aws:${mid}":"${mid}*"}}}]}`,
    ];
    for (const text of texts) {
      const r = analyze(text, { iam: iamIndex() });
      assert.ok(r.findings.length > 0);
      for (const f of r.findings) {
        assert.ok(f.message.length <= 1000, `${f.rule}: message of ${f.message.length} characters`);
        for (const x of f.fixes ?? []) assert.ok(x.title.length <= 200, `${f.rule}: fix title of ${x.title.length} characters`);
        for (const x of f.related ?? []) assert.ok(x.message.length <= 200, `${f.rule}: related message of ${x.message.length} characters`);
      }
      assert.ok(
        r.findings.some((f) => /…\(\d{1,3}(,\d{3})* more characters\)…/.test(f.message)),
        'the long value is elided in the middle',
      );
    }
  });
  it('duplicate keys: rules judge only the copy that takes effect, and no fix renames a duplicated key (fuzz seed 42)', () => {
    // Two "StringEquals " blocks: the first (ignored) holds an object in a value list; renaming the second one would
    // bring the first back into effect with a new grammar-type error.
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals ":{"aws:SourceAccount":[{}]},"StringEquals ":{"aws:SourceAccount":"246813579024"}}}]}';
    const r = analyze(text);
    assert.ok(!r.findings.some((f) => f.rule === 'grammar-type'), 'the ignored copy is not judged');
    const op = r.findings.filter((f) => f.rule === 'grammar-condition-operator');
    assert.deepEqual(
      op.map((f) => f.offset),
      [text.lastIndexOf('StringEquals ')],
    );
    assert.deepEqual(op[0].fixes ?? [], []);
  });
});
