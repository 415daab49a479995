// Copy AWS CLI Commands asks before it copies commands for a role whose files still have problems: which findings
// count (errors and warnings of the kit's analysis, with the user's severity settings) and what the question says.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze';
import type { Finding } from '../../src/analysis/types';
import { englishT } from '../../src/fill/aws-commands';
import { openProblems, problemsQuestion } from '../../src/vscode/logic/open-problems';

const ws = join(__dirname, '..', 'fixtures', 'workspace');
const file = (name: string) => ({ name, text: readFileSync(join(ws, name), 'utf8') });

const finding = (severity: Finding['severity']): Finding => ({
  rule: 'x',
  severity,
  message: 'm',
  offset: 0,
  length: 1,
  docUrl: 'https://docs.aws.amazon.com/',
});

describe('vscode logic: open problems before Copy AWS CLI Commands', () => {
  it("the AWS page's receive-results pair: 9 warnings in both files, the 2 hints do not count", () => {
    const files = [file('seed-receive-results-trust-policy.json'), file('seed-receive-results-permissions-policy.json')].map((f) => ({
      name: f.name,
      findings: analyze(f.text, { fileName: f.name }).findings,
    }));
    assert.ok(
      files[0].findings.some((f) => f.severity === 'hint'),
      'the trust policy has hints (they must not count)',
    );
    const p = openProblems(files);
    assert.deepEqual(p, { errors: 0, warnings: 9, files: ['seed-receive-results-trust-policy.json', 'seed-receive-results-permissions-policy.json'] });
    const q = problemsQuestion(p, p.files, englishT);
    assert.equal(
      q.message,
      "The role's policies still have 9 problems (9 warnings) in seed-receive-results-trust-policy.json and seed-receive-results-permissions-policy.json.",
    );
    assert.match(q.detail, /Show Problems.*Copy Anyway/);
  });

  it('severity settings apply: placeholder rules off leave the pair without problems; the filled pair has none', () => {
    const off = { 'placeholder-bare-name': 'off', 'placeholder-example-value': 'off' } as const;
    const seed = [file('seed-receive-results-trust-policy.json'), file('seed-receive-results-permissions-policy.json')].map((f) => ({
      name: f.name,
      findings: analyze(f.text, { fileName: f.name, severityOverrides: off }).findings,
    }));
    assert.deepEqual(openProblems(seed), { errors: 0, warnings: 0, files: [] });
    const filled = [file('read-data-trust-policy.json'), file('read-data-permissions-policy.json')].map((f) => ({
      name: f.name,
      findings: analyze(f.text, { fileName: f.name }).findings,
    }));
    assert.deepEqual(openProblems(filled), { errors: 0, warnings: 0, files: [] });
  });

  it('counts errors and warnings per file, lists only the files that have some, and words singulars and plurals', () => {
    const p = openProblems([
      { name: 'a.json', findings: [finding('error'), finding('info'), finding('hint')] },
      { name: 'b.json', findings: [finding('info')] },
    ]);
    assert.deepEqual(p, { errors: 1, warnings: 0, files: ['a.json'] });
    assert.equal(problemsQuestion(p, p.files, englishT).message, "The role's policies still have 1 problem (1 error) in a.json.");
    const q = openProblems([
      { name: 'a.json', findings: [finding('error'), finding('error'), finding('warning')] },
      { name: 'b.json', findings: [finding('warning')] },
    ]);
    assert.deepEqual(q, { errors: 2, warnings: 2, files: ['a.json', 'b.json'] });
    assert.equal(problemsQuestion(q, q.files, englishT).message, "The role's policies still have 4 problems (2 errors, 2 warnings) in a.json and b.json.");
    const one = openProblems([{ name: 'a.json', findings: [finding('warning')] }]);
    assert.equal(problemsQuestion(one, one.files, englishT).message, "The role's policies still have 1 problem (1 warning) in a.json.");
  });
});
