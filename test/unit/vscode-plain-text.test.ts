// Names from the workspace in notifications and status bar texts (src/vscode/logic/plain.ts): a crafted file name
// must not become a link (a command: link runs a command when clicked) or an icon.
import { strict as assert } from 'node:assert';
import { plainText } from '../../src/vscode/logic/plain';

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
