// Localisation: every contributed title/description is a %key% of package.nls.json, every vscode.l10n.t() message in
// src/vscode is in l10n/bundle.l10n.json (and nothing stale), and messages keep their {n} arguments out of the key.
// `UPDATE_L10N=1 npx mocha test/unit/vscode-l10n.test.ts` rewrites the bundle from the sources.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const BUNDLE = join(root, 'l10n', 'bundle.l10n.json');

const walk = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));

/** A JS string literal ('…' or "…", simple escapes) -> its value. */
function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.startsWith('u') && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

const LIT = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")`;

/** Messages passed to vscode.l10n.t (adapter) and to the translator `t` (pure modules that take one). */
export function extractMessages(): { messages: Map<string, string[]>; nonLiteral: string[] } {
  const messages = new Map<string, string[]>();
  const nonLiteral: string[] = [];
  // The AWS CLI command builder moved to the core (src/fill) and still takes the adapter's translator.
  for (const file of [...walk(join(root, 'src', 'vscode')), join(root, 'src', 'fill', 'aws-commands.ts')]) {
    const src = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const inLogic = rel.includes(`${'logic'}`) || rel.endsWith('aws-commands.ts');
    const call = inLogic ? /(?<![\w.])t\(\s*/g : /\bl10n\.t\(\s*/g;
    for (const m of src.matchAll(call)) {
      const rest = src.slice(m.index + m[0].length);
      const lit = new RegExp(`^${LIT}`).exec(rest);
      if (!lit) {
        // The one forwarding wrapper (commands.ts) passes its parameter through.
        if (!/^message, \.\.\.args\)/.test(rest) && !(inLogic && /^(message|m)\b/.test(rest))) nonLiteral.push(`${rel}: ${rest.slice(0, 40)}`);
        continue;
      }
      const msg = unquote(lit[1]);
      messages.set(msg, [...(messages.get(msg) ?? []), rel]);
    }
  }
  return { messages, nonLiteral };
}

describe('vscode localisation', () => {
  it('package.json: every command title, walkthrough text and setting description is a %key% of package.nls.json', () => {
    const refs: string[] = [];
    const c = pkg.contributes;
    for (const cmd of c.commands) refs.push(cmd.title);
    for (const w of c.walkthroughs) {
      refs.push(w.title, w.description);
      for (const s of w.steps) refs.push(s.title, s.description);
    }
    refs.push(c.configuration.title);
    for (const v of Object.values(c.configuration.properties as Record<string, { markdownDescription?: string; description?: string }>))
      refs.push(v.markdownDescription ?? v.description ?? '');
    for (const r of refs) {
      assert.match(r, /^%[\w.]+%$/, `${r} is a %key%`);
      assert.ok(typeof nls[r.slice(1, -1)] === 'string' && nls[r.slice(1, -1)].trim() !== '', `package.nls.json has ${r}`);
    }
    const used = new Set(refs.map((r) => r.slice(1, -1)));
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'no unused keys in package.nls.json',
    );
    assert.equal(pkg.l10n, './l10n');
  });

  it('every vscode.l10n.t() message in src/vscode is in l10n/bundle.l10n.json, and the bundle has nothing else', () => {
    const { messages, nonLiteral } = extractMessages();
    assert.deepEqual(nonLiteral, [], 'l10n.t() takes a string literal (arguments go in {0}, {1}…)');
    assert.ok(messages.size > 50, `found ${messages.size} messages`);
    const expected = Object.fromEntries([...messages.keys()].sort().map((k) => [k, k]));
    if (process.env.UPDATE_L10N) writeFileSync(BUNDLE, JSON.stringify(expected, null, 2) + '\n');
    const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8'));
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !messages.has(k)),
      [],
      'stale bundle entries (run with UPDATE_L10N=1)',
    );
    assert.deepEqual(
      [...messages.keys()].filter((k) => !(k in bundle)),
      [],
      'missing bundle entries (run with UPDATE_L10N=1)',
    );
    for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English bundle maps each message to itself');
  });

  it('messages carry values as {n} arguments, numbered from 0 without gaps', () => {
    const { messages } = extractMessages();
    for (const [msg, files] of messages) {
      assert.doesNotMatch(msg, /\$\{/, `${files[0]}: template literal inside a message: ${msg}`);
      const idx = [...msg.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
      const max = Math.max(-1, ...idx);
      for (let i = 0; i <= max; i++) assert.ok(idx.includes(i), `${files[0]}: {${i}} missing in "${msg}"`);
    }
  });

  it('no message counts with "(s)": each count has its singular and its plural (issue 14 item 10)', () => {
    const { messages } = extractMessages();
    assert.deepEqual(
      [...messages.keys()].filter((m) => /\w\(s\)/.test(m)),
      [],
    );
  });

  it('no user-visible string is shown without l10n in the adapter (messages, quick pick titles, code lens titles)', () => {
    for (const file of walk(join(root, 'src', 'vscode')).filter((f) => !f.includes('logic'))) {
      const src = readFileSync(file, 'utf8');
      const rel = relative(root, file);
      assert.doesNotMatch(src, /show(Error|Warning|Information)Message\(\s*['"`][A-Za-z]/, `${rel}: literal message`);
      assert.doesNotMatch(src, /showMessage\(\s*'(error|warning|info)',\s*['"`]/, `${rel}: literal message`);
      assert.doesNotMatch(src, /\b(reason|title|placeholder|placeHolder|prompt|tooltip) (=|:) ['"`][A-Z]/, `${rel}: literal UI text`);
    }
  });
});
