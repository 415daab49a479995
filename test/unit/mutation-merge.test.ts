// scripts/mutation-merge.mjs joins Stryker reports made over different parts of src/ (docs/testing.md).
import { strict as assert } from 'node:assert';
import { mergeReports } from '../../scripts/mutation-merge.mjs';

type Test = { id: string; name: string };
type Mutant = { id: string; status: string; coveredBy?: string[]; killedBy?: string[] };
type Report = {
  schemaVersion: string;
  files: Record<string, { mutants: Mutant[]; source: string }>;
  testFiles: Record<string, { tests: Test[]; source?: string }>;
};

const run = (files: Report['files'], testFiles: Report['testFiles']): Report => ({ schemaVersion: '2', files, testFiles });

describe('mutation report merge', () => {
  // Two runs number their tests from 0, so the same id names different tests in each.
  const a = run(
    { 'src/evaluate/x.ts': { source: 'x', mutants: [{ id: '0', status: 'Killed', coveredBy: ['0', '1'], killedBy: ['1'] }] } },
    {
      'test/unit/t.test.ts': {
        source: 't1',
        tests: [
          { id: '0', name: 'one' },
          { id: '1', name: 'two' },
        ],
      },
    },
  );
  const b = run(
    { 'src/fill/y.ts': { source: 'y', mutants: [{ id: '0', status: 'Killed', coveredBy: ['0'], killedBy: ['0'] }] } },
    { 'test/unit/t.test.ts': { source: 't2', tests: [{ id: '0', name: 'two' }] }, 'test/unit/u.test.ts': { tests: [{ id: '1', name: 'three' }] } },
  );
  const merged = mergeReports([a, b]) as Report;
  const testName = (id: string) =>
    Object.values(merged.testFiles)
      .flatMap((f) => f.tests)
      .find((t) => t.id === id)?.name;

  it('keeps every source file of every input', () => {
    assert.deepEqual(Object.keys(merged.files).sort(), ['src/evaluate/x.ts', 'src/fill/y.ts']);
  });

  it('maps each run’s test ids to one id per test, so covering and killing tests keep their names', () => {
    const x = merged.files['src/evaluate/x.ts'].mutants[0];
    const y = merged.files['src/fill/y.ts'].mutants[0];
    assert.deepEqual(x.coveredBy?.map(testName), ['one', 'two']);
    assert.deepEqual(x.killedBy?.map(testName), ['two']);
    assert.deepEqual(y.killedBy?.map(testName), ['two'], 'b’s test 0 is the test a called 1');
  });

  it('lists each test once, with the later source of its file', () => {
    assert.deepEqual(
      merged.testFiles['test/unit/t.test.ts'].tests.map((t) => t.name),
      ['one', 'two'],
    );
    assert.equal(merged.testFiles['test/unit/t.test.ts'].source, 't2');
    assert.deepEqual(
      merged.testFiles['test/unit/u.test.ts'].tests.map((t) => t.name),
      ['three'],
    );
    const ids = Object.values(merged.testFiles).flatMap((f) => f.tests.map((t) => t.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('takes a source file both inputs cover from the later one', () => {
    const later = run({ 'src/evaluate/x.ts': { source: 'x2', mutants: [{ id: '5', status: 'Survived', coveredBy: [] }] } }, {});
    const m = mergeReports([a, later]) as Report;
    assert.equal(m.files['src/evaluate/x.ts'].source, 'x2');
    assert.equal(m.files['src/evaluate/x.ts'].mutants[0].status, 'Survived');
  });
});
