// classify(text): the policy kind alone, as analyze() says it, without running a rule (Copy AWS CLI Commands needs
// only that). Compared with analyze() on every JSON fixture and on texts at the edges of "is this a policy".
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, classify } from '../../src/analysis';
import { parsePolicy } from '../../src/analysis/analyze';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = ['workspace', 'good', 'bad'].flatMap((d) =>
  readdirSync(join(ROOT, 'test', 'fixtures', d))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(join(ROOT, 'test', 'fixtures', d, f), 'utf8') })),
);
const EDGES: Array<[string, string]> = [
  ['empty.json', ''],
  ['array.json', '[{"Statement": []}]'],
  ['nested.json', '{"a": {"Statement": []}}'],
  ['escaped-key.json', '{"St\\u0061tement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'],
  ['trust-by-name-trust.json', '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}'],
  ['no-hint.json', '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}'],
  ['principal.json', '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "cleanrooms.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'],
  ['resource-policy.json', '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}'],
  ['broken.json', '{"Statement": [{"Effect": "Allow",, }'],
  ['deep.json', `{"Statement": [${'['.repeat(300)}${']'.repeat(300)}]}`],
  ['bom.json', '\ufeff{"Statement": []}'],
];

describe('analysis: classify', () => {
  it('says the kind analyze() says, on every JSON fixture and on the edge cases', () => {
    const kinds = new Set<string>();
    for (const { name, text } of [...FIXTURES, ...EDGES.map(([name, text]) => ({ name, text }))]) {
      const want = analyze(text, { fileName: name }).kind;
      assert.equal(classify(text, name), want, name);
      kinds.add(want);
    }
    assert.deepEqual([...kinds].sort(), ['not-a-policy', 'permissions', 'trust'], 'all three kinds are compared');
  });

  it('with the parse of the text (the editor keeps it), the same answer without parsing again', () => {
    for (const [name, text] of EDGES) assert.equal(classify(text, name, parsePolicy(text).root), analyze(text, { fileName: name }).kind, name);
  });
});
