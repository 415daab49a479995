// The walkthrough says what happens: its "What the checks catch" table names each finding of the example with the
// severity it really has (hints are not in the Problems panel, so the text must say which are hints), and its step
// texts have no Markdown code spans where VS Code shows them as typed (the step descriptions of package.nls.json).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/analyze';
import { loadIamIndex } from '../../src/cli/iam';
import { EXAMPLE_WITH_MISTAKES } from '../../src/vscode/logic/examples';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));

/** The rows of the first Markdown table in `md`: cells, header and separator dropped. */
function tableRows(md: string): string[][] {
  const lines = md.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) =>
    l
      .slice(1, -1)
      .split(' | ')
      .map((c) => c.trim()),
  );
}

describe('walkthrough', () => {
  it('"What the checks catch": one row per rule the example triggers, each with the severity the editor shows', () => {
    const md = readFileSync(join(root, 'media', 'walkthrough', 'see-checks.md'), 'utf8');
    const rows = tableRows(md);
    const severities = new Map<string, Set<string>>();
    // With the IAM reference data, as in the editor once it has loaded (the build writes dist/iam-data.json).
    const load = loadIamIndex(join(root, 'dist'));
    assert.ok('index' in load && load.index, 'dist/iam-data.json is built');
    for (const f of analyze(EXAMPLE_WITH_MISTAKES.text, { iam: load.index }).findings)
      severities.set(f.rule, new Set([...(severities.get(f.rule) ?? []), f.severity]));
    const table = new Map(rows.map((r) => [r[1].replace(/`/g, ''), r[2].toLowerCase()]));
    assert.deepEqual([...table.keys()].sort(), [...severities.keys()].sort(), 'the table lists exactly the rules the example triggers');
    for (const [rule, shown] of table) assert.deepEqual([...severities.get(rule)!], [shown], `${rule} is shown as ${shown}`);
    assert.ok([...table.values()].includes('hint'), 'the example has hints');
    // What the text says about hints is what VS Code does with them.
    assert.match(md, /Hints\*\* are not: VS Code shows them\s+only as three faint dots/);
    assert.match(md, /the Problems panel does not list them/);
  });

  it('the step that opens the example says which findings are warnings and which are hints', () => {
    const step = pkg.contributes.walkthroughs[0].steps.find((s: { id: string }) => s.id === 'seeChecks');
    const text = nls[step.description.slice(1, -1)];
    assert.match(text, /warnings \(squiggles, listed in the Problems panel\)/);
    assert.match(text, /two hints \(faint dots under the operator, not listed in the Problems panel\)/);
  });

  it('walkthrough titles and step descriptions have no backticks (VS Code shows them as typed there)', () => {
    const w = pkg.contributes.walkthroughs[0];
    const keys = [w.title, w.description, ...w.steps.flatMap((s: { title: string; description: string }) => [s.title, s.description])];
    for (const k of keys) {
      const text = nls[k.slice(1, -1)];
      assert.ok(typeof text === 'string', k);
      assert.ok(!text.includes('`'), `${k}: ${text}`);
    }
  });
});
