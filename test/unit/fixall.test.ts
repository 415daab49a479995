// Fix all (src/fill/fixall.ts), pinned case by case: which fix is "preferred", when two edits conflict, what counts as a
// new error, the exact minimal edit, and what fixAllText reports in the corner cases (no-op fixes, documents that are
// not policies or too large, a fix that only becomes available after another was rejected). cli-fix.test.ts covers
// the passes on a fake engine and on the real one; this file pins the boundaries.
import { strict as assert } from 'node:assert';
import type { AnalysisResult, Finding, Fix, TextEdit } from '../../src/analysis/types';
import { applyEdits } from '../../src/fill/apply';
import { addsError, fixAllText, isPreferredFix, minimalEdit, planFixAll } from '../../src/fill/fixall';

const DOC = 'https://docs.aws.amazon.com/';

function finding(offset: number, fixes?: Fix[], rule = 'r', severity: Finding['severity'] = 'warning', message = 'm'): Finding {
  return { rule, severity, message, offset, length: 1, docUrl: DOC, ...(fixes ? { fixes } : {}) };
}

const edit = (offset: number, length: number, newText = '#'): TextEdit => ({ offset, length, newText });
const fix = (title: string, edits: TextEdit[], preferred = true): Fix => ({ title, edits, ...(preferred ? { preferred } : {}) });

describe('fix all: preferred fixes', () => {
  it('isPreferredFix: true for the engine-preferred fix or the only fix of the finding, false otherwise', () => {
    const a = fix('a', [edit(0, 1)], false);
    const b = fix('b', [edit(0, 1)], true);
    const other = fix('other', [edit(0, 1)], false);
    const cases: Array<[Fix[] | undefined, Fix, boolean]> = [
      [[a], a, true],
      [[a, b], a, false],
      [[a, b], b, true],
      [[a], other, false], // one fix, but not this one
      [undefined, other, false],
      [undefined, b, true],
    ];
    for (const [fixes, x, want] of cases)
      assert.equal(isPreferredFix(finding(0, fixes), x), want, `${x.title} of ${JSON.stringify(fixes?.map((f) => f.title))}`);
  });
});

describe('fix all: planFixAll, which edits can go together', () => {
  // [first edit, second edit, both kept?]. The first is the earlier finding; an insertion has length 0.
  const cases: Array<[TextEdit, TextEdit, boolean, string]> = [
    [edit(5, 0, 'a'), edit(5, 0, 'b'), false, 'two insertions at one point'],
    [edit(5, 0, 'a'), edit(6, 0, 'b'), true, 'insertions at two points'],
    [edit(3, 5), edit(5, 0), false, 'an insertion inside a replacement'],
    [edit(5, 0), edit(3, 5), false, 'a replacement around an earlier insertion'],
    [edit(3, 5), edit(3, 0), true, 'an insertion at the start of a replacement'],
    [edit(3, 0), edit(3, 5), true, 'a replacement right after an insertion'],
    [edit(3, 5), edit(8, 0), true, 'an insertion at the end of a replacement'],
    [edit(8, 0), edit(3, 5), true, 'a replacement that ends at an insertion'],
    [edit(3, 5), edit(8, 2), true, 'adjacent replacements'],
    [edit(0, 3), edit(3, 5), true, 'adjacent replacements, the other way'],
    [edit(3, 5), edit(0, 3), true, 'a replacement that ends where an earlier one starts'],
    [edit(3, 5), edit(7, 3), false, 'replacements sharing one character'],
    [edit(0, 4), edit(3, 5), false, 'replacements sharing one character, the other way'],
    [edit(3, 5), edit(4, 1), false, 'a replacement inside another'],
  ];
  for (const [a, b, both, what] of cases) {
    it(`${both ? 'keeps both' : 'keeps the first only'}: ${what}`, () => {
      const first = finding(0, [fix('first', [a])]);
      const second = finding(1, [fix('second', [b])]); // document order: first, then second
      const plan = planFixAll([second, first]);
      assert.deepEqual(
        plan.fixes.map((p) => p.fix.title),
        both ? ['first', 'second'] : ['first'],
      );
      assert.deepEqual(plan.fixed, both ? [first, second] : [first]);
      assert.deepEqual(plan.edits, both ? [a, b].sort((x, y) => x.offset - y.offset || x.length - y.length) : [a]);
    });
  }

  it('skips findings without a preferred fix, preferred fixes without edits, and fixes whose own edits overlap', () => {
    const noFix = finding(0);
    const notPreferred = finding(1, [fix('np', [edit(1, 1)], false)]);
    const empty = finding(2, [fix('empty', [])]);
    const selfOverlap = finding(4, [fix('self', [edit(4, 2), edit(5, 2), edit(30, 1)])]);
    const twoInsertions = finding(9, [fix('two at one point', [edit(9, 0, 'a'), edit(9, 0, 'b')])]);
    const ok = finding(12, [fix('ok', [edit(12, 1), edit(14, 1)])]);
    const plan = planFixAll([noFix, notPreferred, empty, selfOverlap, twoInsertions, ok]);
    assert.deepEqual(
      plan.fixes.map((p) => p.fix.title),
      ['ok'],
    );
    assert.deepEqual(plan.fixed, [ok]);
    assert.deepEqual(plan.edits, [edit(12, 1), edit(14, 1)]);
  });

  it('sorts the edits by offset, an insertion before a replacement at the same offset, whatever the findings order', () => {
    const r = finding(3, [fix('replace', [edit(3, 2, 'R')])]);
    const i = finding(3, [fix('insert', [edit(3, 0, 'I')])]);
    const late = finding(0, [fix('late', [edit(9, 1, 'L')])]); // found first, edits last
    const plan = planFixAll([r, i, late]);
    assert.deepEqual(plan.edits, [edit(3, 0, 'I'), edit(3, 2, 'R'), edit(9, 1, 'L')]);
  });

  it('skips a fix when any one of its edits overlaps a chosen edit', () => {
    const a = finding(0, [fix('a', [edit(0, 2)])]);
    const b = finding(1, [fix('b', [edit(1, 1), edit(5, 1)])]);
    assert.deepEqual(planFixAll([a, b]).fixed, [a]);
  });

  it('leaves out what the skip callback names', () => {
    const a = finding(0, [fix('a', [edit(0, 1)])]);
    const b = finding(2, [fix('b', [edit(2, 1)])]);
    const plan = planFixAll([a, b], (f) => f === a);
    assert.deepEqual(plan.fixed, [b]);
  });
});

describe('fix all: addsError (what counts as a new error)', () => {
  const result = (...fs: Finding[]): AnalysisResult => ({ kind: 'permissions', findings: fs });
  const e = (rule: string, message = 'm'): Finding => finding(0, undefined, rule, 'error', message);
  const w = (rule: string): Finding => finding(0, undefined, rule, 'warning');
  const cases: Array<[AnalysisResult, AnalysisResult, boolean, string]> = [
    [result(), result(), false, 'nothing before or after'],
    [result(e('a')), result(), false, 'an error fixed'],
    [result(), result(e('a')), true, 'a new error'],
    [result(e('a')), result(e('b')), true, 'one error traded for another rule'],
    [result(e('a', 'x')), result(e('a', 'y')), true, 'one error traded for another message of the same rule'],
    [result(e('a'), e('a')), result(e('a')), false, 'one of two equal errors fixed'],
    [result(e('a')), result(e('a'), e('a')), true, 'an equal error more'],
    [result(), result(w('a')), false, 'a new warning is not an error'],
    [result(w('a')), result(e('a')), true, 'a warning that became an error'],
    [result(e('ab', 'c')), result(e('a', 'bc')), true, 'rule and message are kept apart'],
  ];
  for (const [before, after, want, what] of cases) it(`${want}: ${what}`, () => assert.equal(addsError(before, after), want));
});

describe('fix all: minimalEdit, the exact edit', () => {
  const cases: Array<[string, string, TextEdit | undefined]> = [
    ['abc', 'abc', undefined],
    ['abcdef', 'abXdef', { offset: 2, length: 1, newText: 'X' }],
    ['', 'x', { offset: 0, length: 0, newText: 'x' }],
    ['x', '', { offset: 0, length: 1, newText: '' }],
    ['aaaa', 'aa', { offset: 2, length: 2, newText: '' }],
    ['ab', 'abc', { offset: 2, length: 0, newText: 'c' }],
    ['abc', 'ab', { offset: 2, length: 1, newText: '' }],
    ['a😀b', 'a😁b', { offset: 1, length: 2, newText: '😁' }], // both halves of the pair
    ['😀', '😁', { offset: 0, length: 2, newText: '😁' }],
    ['a\r\nb', 'a\nb', { offset: 1, length: 2, newText: '\n' }], // the whole CRLF
    ['a\nb', 'a\r\nb', { offset: 0, length: 1, newText: 'a\r' }],
    ['\nab', 'Xab', { offset: 0, length: 1, newText: 'X' }],
    ['ab\r', 'abX', { offset: 2, length: 1, newText: 'X' }],
    ['x\ud83d', 'y\ud83d', { offset: 0, length: 1, newText: 'y' }],
  ];
  for (const [before, after, want] of cases) {
    it(`${JSON.stringify(before)} -> ${JSON.stringify(after)}`, () => {
      const got = minimalEdit(before, after);
      assert.deepEqual(got, want);
      if (got) assert.equal(applyEdits(before, [got]), after);
    });
  }
});

describe('fix all: fixAllText corner cases', () => {
  /** Each `from` in the text is a finding whose preferred fix writes `to`; each E is an error (rule err). */
  function engine(
    rewrites: Array<{ from: string; to: string }>,
    kind: AnalysisResult['kind'] = 'permissions',
    skipped?: 'too-large',
  ): (t: string) => AnalysisResult {
    return (text) => {
      const findings: Finding[] = [];
      for (const r of rewrites)
        for (let i = text.indexOf(r.from); i >= 0; i = text.indexOf(r.from, i + 1))
          findings.push({ ...finding(i, [fix(`to ${r.to}`, [edit(i, r.from.length, r.to)])], `r-${r.from}`), length: r.from.length });
      for (let i = text.indexOf('E'); i >= 0; i = text.indexOf('E', i + 1)) findings.push(finding(i, undefined, 'err', 'error', 'E'));
      return { kind, findings, ...(skipped ? { skipped } : {}) };
    };
  }

  it('changes nothing in a document that is not a policy, or was skipped as too large, and says it is finished', () => {
    for (const an of [engine([{ from: 'X', to: 'Y' }], 'not-a-policy'), engine([{ from: 'X', to: 'Y' }], 'permissions', 'too-large')]) {
      const r = fixAllText('aXb', an);
      assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['aXb', 0, 0, 0, false]);
    }
  });

  it('a fix that changes nothing counts as no pass and no fix, and leaves the run finished', () => {
    const r = fixAllText('aXb', engine([{ from: 'X', to: 'X' }]));
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['aXb', 0, 0, 0, false]);
  });

  it('a no-op fix next to a rejected one is not counted as kept', () => {
    const r = fixAllText(
      'XQ',
      engine([
        { from: 'X', to: 'X' },
        { from: 'Q', to: 'E' },
      ]),
    );
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected], ['XQ', 0, 0, 1]);
  });

  it('a rejected fix does not block a different fix that appears in a later pass', () => {
    // Pass 1: X->Z is safe, Q->E adds an error (rejected). Pass 2: Z->Y is new and safe; Q->E stays rejected.
    const r = fixAllText(
      'XQ',
      engine([
        { from: 'X', to: 'Z' },
        { from: 'Z', to: 'Y' },
        { from: 'Q', to: 'E' },
      ]),
    );
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['YQ', 2, 2, 1, false]);
  });

  it('two safe fixes of a rejected batch are kept together, and counted', () => {
    const r = fixAllText(
      'XQW',
      engine([
        { from: 'X', to: 'x' },
        { from: 'W', to: 'w' },
        { from: 'Q', to: 'E' },
      ]),
    );
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['xQw', 2, 1, 1, false]);
  });
});

describe('fix all: fixAllText, rejected fixes by their text and batches that only work together', () => {
  /** Findings by character: `rules` maps a character to [rule, title, new text]; `errors` gives the error offsets of a text. */
  function engine(rules: Record<string, [string, string, string]>, errors: (t: string) => number[]): (t: string) => AnalysisResult {
    return (text) => {
      const findings: Finding[] = [];
      [...text].forEach((ch, i) => {
        const r = rules[ch];
        if (r) findings.push({ ...finding(i, [fix(r[1], [edit(i, 1, r[2])])], r[0]), length: 1 });
      });
      for (const i of errors(text)) findings.push(finding(i, undefined, 'err', 'error', 'E'));
      return { kind: 'permissions', findings };
    };
  }

  it('a rejected fix does not block a fix of the same rule and title that replaces other text', () => {
    // A->c and B->c are one rule and one title; only A->c adds an error (an error wherever "Xc" is). Pass 1: A->c is
    // rejected, D->B is kept. Pass 2: B->c (new old text) is kept; A->c stays rejected.
    const xc = (t: string) => (t.includes('Xc') ? [t.indexOf('Xc')] : []);
    const r = fixAllText('XAD', engine({ A: ['r', 'fix', 'c'], B: ['r', 'fix', 'c'], D: ['d', 'to B', 'B'] }, xc));
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['XAc', 2, 2, 1, false]);
  });

  it('keeps a batch whose fixes add an error each alone but none together', () => {
    // An error while exactly one of p and q is lower-case: P->p and Q->q only work together.
    const half = (t: string) => (/[p]/.test(t) !== /[q]/.test(t) ? [0] : []);
    const r = fixAllText('PQ', engine({ P: ['a', 'to p', 'p'], Q: ['b', 'to q', 'q'] }, half));
    assert.deepEqual([r.text, r.fixedCount, r.passes, r.rejected, r.unfinished], ['pq', 2, 1, 0, false]);
  });
});

describe('applyEdits: several edits at one offset', () => {
  const ins = (offset: number, newText: string) => ({ offset, length: 0, newText });
  const rep = (offset: number, length: number, newText: string) => ({ offset, length, newText });
  it('an insertion and a replacement at the same offset: the insertion goes in front, whatever their order', () => {
    assert.equal(applyEdits('0123456789', [ins(3, 'I'), rep(3, 2, 'R')]), '012IR56789');
    assert.equal(applyEdits('0123456789', [rep(3, 2, 'R'), ins(3, 'I')]), '012IR56789');
  });
  it('insertions at one offset keep their order; edits elsewhere are unaffected', () => {
    assert.equal(applyEdits('abc', [ins(1, 'X'), ins(1, 'Y'), rep(2, 1, 'Z')]), 'aXYbZ');
    assert.equal(applyEdits('abc', [ins(3, '!'), ins(0, '¡')]), '¡abc!');
  });
});
