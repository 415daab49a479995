// Item 9 of issue 14: in json/jsonc documents the editor leaves pure JSON syntax errors to VS Code's JSON support;
// a trailing comma in jsonc (which VS Code only warns about) stays ours; other languages and the CLI keep everything.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { editorFindings, hiddenFixable } from '../../src/vscode/logic/syntax-owner';

const MISSING_COLON = '{"Version": "2012-10-17", "Statement": [{"Effect" "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
const TRAILING = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}';
const BAD_EFFECT_AND_SYNTAX = '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]]}';

const rules = (text: string, lang: string) => editorFindings(analyze(text).findings, lang).map((f) => f.rule);

describe('editor: JSON syntax errors left to VS Code', () => {
  const cases: Array<{ name: string; text: string; lang: string; syntax: number }> = [
    { name: "json: a missing colon is VS Code's", text: MISSING_COLON, lang: 'json', syntax: 0 },
    { name: "jsonc: a missing colon is VS Code's", text: MISSING_COLON, lang: 'jsonc', syntax: 0 },
    { name: "json: a trailing comma is VS Code's (an error there)", text: TRAILING, lang: 'json', syntax: 0 },
    { name: 'jsonc: a trailing comma stays ours (VS Code only warns; IAM rejects it)', text: TRAILING, lang: 'jsonc', syntax: 1 },
    { name: 'another language (extraGlobs): every syntax error stays', text: MISSING_COLON, lang: 'plaintext', syntax: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.ok(
        analyze(c.text).findings.some((f) => f.rule === 'json-syntax'),
        'the engine (and the CLI) still reports it',
      );
      assert.equal(rules(c.text, c.lang).filter((r) => r === 'json-syntax').length, c.syntax);
    });
  }

  it('other findings in a document with a syntax error are still published', () => {
    assert.ok(rules(BAD_EFFECT_AND_SYNTAX, 'json').includes('grammar-effect'));
    assert.ok(!rules(BAD_EFFECT_AND_SYNTAX, 'json').includes('json-syntax'));
  });

  it("the trailing comma's fix stays reachable in json documents, at the comma only", () => {
    const fs = analyze(TRAILING).findings;
    const comma = TRAILING.indexOf(',}');
    assert.equal(hiddenFixable(fs, 'json', comma, comma).length, 1);
    assert.equal(hiddenFixable(fs, 'json', 0, 5).length, 0, 'not elsewhere');
    assert.equal(hiddenFixable(fs, 'jsonc', comma, comma).length, 0, 'jsonc: the diagnostic is ours, the fix comes with it');
  });
});
