// Names from the workspace in notifications and status bar texts (src/vscode/logic/plain.ts): a crafted file name
// must not become a link (a command: link runs a command when clicked) or an icon.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../src/analysis';
import { plainText, ruleDocsMessage, withoutCodeSpans } from '../../src/vscode/logic/plain';

// The link syntax VS Code parses in notification messages (vs/base/common/linkedText.ts): [label](href "title"),
// href starting with http(s)://, command: or file:.
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const ICON = /\$\([a-z0-9-~]+\)/i;

describe('vscode logic: plain text for notifications', () => {
  const hostile = [
    '[Fix now](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D).json',
    '[x](file:C:%5Cevil).json',
    '[a](command:x)[b](command:y "t").json',
    '$(loading~spin) policy.json',
    'a\u001b[2Jb\u202e.json',
  ];

  it('no link and no icon syntax survives; the visible text is the same', () => {
    for (const name of hostile) {
      assert.ok(NOTIFICATION_LINK.test(name) || ICON.test(name) || /[\u001b\u202e]/.test(name), `the case is hostile: ${name}`);
      NOTIFICATION_LINK.lastIndex = 0;
      const msg = `${plainText(name)} is not an IAM policy (no top-level Statement).`;
      assert.equal([...msg.matchAll(NOTIFICATION_LINK)].length, 0, msg);
      assert.doesNotMatch(msg, ICON);
      assert.doesNotMatch(msg, /[\u0000-\u001f\u202e]/);
      assert.equal(
        plainText(name)
          .replace(/\u200b/g, '')
          .replace(/\\u001b/g, '\u001b')
          .replace(/\\u202e/g, '\u202e'),
        name,
      );
    }
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['read-data-trust-policy.json', 'my policy (copy).json', '[draft] trust.json', 'cost$.json']) assert.equal(plainText(name), name);
  });
});

describe('vscode: no Markdown code spans in notifications, modals and quick picks', () => {
  it('withoutCodeSpans drops the backticks and keeps the code', () => {
    assert.equal(withoutCodeSpans('A `<name>` or `{{name}}` placeholder'), 'A <name> or {{name}} placeholder');
    assert.equal(withoutCodeSpans('(`aws-region`, `accountId`, …)'), '(aws-region, accountId, …)');
    assert.equal(withoutCodeSpans('no code here'), 'no code here');
  });

  it("Show Rule Documentation: no rule's notification text has a backtick (several rule descriptions have code spans)", () => {
    const rules = allRules();
    assert.ok(
      rules.some((r) => r.description.includes('`')),
      'some descriptions have code spans (else this test proves nothing)',
    );
    for (const r of rules) {
      const m = ruleDocsMessage(r);
      assert.ok(!m.includes('`'), `${r.id}: ${m}`);
      assert.ok(m.startsWith(`${r.id}: ${withoutCodeSpans(r.title)}. `), m);
    }
    const token = rules.find((r) => r.id === 'placeholder-token')!;
    assert.match(ruleDocsMessage(token), /A <name> or \{\{name\}\} placeholder/);
  });

  it("no message of the adapter has a backtick, except the hovers' (rendered as Markdown)", () => {
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
    const root = join(__dirname, '..', '..');
    const markdown = new Set([join(root, 'src', 'vscode', 'logic', 'hover-content.ts')]);
    const found: string[] = [];
    let messages = 0;
    for (const file of [...walk(join(root, 'src', 'vscode')), join(root, 'src', 'fill', 'aws-commands.ts')]) {
      if (markdown.has(file)) continue;
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/(?<![\w])(?:l10n\.)?t\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g)) {
        messages++;
        if (m[1].includes('`')) found.push(`${file}: ${m[1]}`);
      }
    }
    assert.ok(messages > 100, `${messages} messages scanned`);
    assert.deepEqual(found, []);
  });
});
