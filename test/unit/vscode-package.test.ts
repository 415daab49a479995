// The extension manifest's contributions (package.json keys owned by the VS Code adapter), checked without VS Code.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES } from '../../src/catalog/templates';
import { COMMANDS, WALKTHROUGH_DONE, WALKTHROUGH_ID } from '../../src/vscode/logic/ids';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
const c = pkg.contributes;
/** A manifest string with its %key% resolved through package.nls.json (what VS Code shows in English). */
const text = (s: string): string => (/^%[\w.]+%$/.test(s) ? (nls[s.slice(1, -1)] ?? s) : s);

describe('vscode manifest', () => {
  it('declares every command the adapter registers, in category "Clean Rooms", and no others', () => {
    const declared = c.commands.map((x: { command: string }) => x.command).sort();
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
    for (const cmd of c.commands) assert.equal(cmd.category, 'Clean Rooms');
    const titles = Object.fromEntries(c.commands.map((x: { command: string; title: string }) => [x.command, text(x.title)]));
    assert.equal(titles['cleanroomsIam.newPolicy'], 'New Policy from Template…');
    assert.equal(titles['cleanroomsIam.fillPlaceholders'], 'Fill Placeholders…');
    assert.equal(titles['cleanroomsIam.copyCliCommands'], 'Copy AWS CLI Commands');
    assert.equal(titles['cleanroomsIam.openExample'], 'Open an Example with Mistakes');
  });

  it('hides Fill This Placeholder from the palette and shows editor commands only with an editor', () => {
    const palette = Object.fromEntries(c.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
    assert.equal(palette['cleanroomsIam.fillPlaceholder'], 'false');
    for (const id of ['insertPolicy', 'fillPlaceholders', 'fixAll', 'copyCliCommands']) assert.match(palette[`cleanroomsIam.${id}`], /editor/i, id);
    assert.equal(palette['cleanroomsIam.openExample'], undefined, 'the example opens without an editor');
    assert.equal(palette['cleanroomsIam.newPolicy'], undefined, 'New Policy works without an editor');
    for (const m of c.menus['editor/context']) assert.match(m.when, /editorLangId == json/);
  });

  it('activates only on json/jsonc, yaml (CloudFormation templates), terraform and its commands', () => {
    for (const e of pkg.activationEvents) assert.match(e, /^(onLanguage:(jsonc?|yaml|terraform)|onCommand:cleanroomsIam\.\w+)$/, e);
    for (const l of ['json', 'jsonc', 'yaml', 'terraform']) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
  });

  it('settings that change what runs cannot be set by a workspace', () => {
    const props = c.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), [
      'cleanroomsIam.fill.rememberValues',
      'cleanroomsIam.rules',
      'cleanroomsIam.validate.debounceMs',
      'cleanroomsIam.validate.enable',
      'cleanroomsIam.validate.extraGlobs',
      'cleanroomsIam.validate.maxFileSizeMB',
    ]);
    for (const [k, v] of Object.entries(props as Record<string, { scope: string; markdownDescription: string }>)) {
      assert.ok(['machine', 'application'].includes(v.scope), `${k} scope ${v.scope}`);
      assert.match(text(v.markdownDescription), new RegExp(`Scope: ${v.scope}`), `${k} says its scope`);
    }
    assert.equal(props['cleanroomsIam.validate.debounceMs'].default, 200);
    assert.equal(props['cleanroomsIam.validate.maxFileSizeMB'].default, 5);
    assert.equal(props['cleanroomsIam.rules'].additionalProperties, false, 'unknown rule ids are flagged (test/unit/rules-setting.test.ts)');
    for (const v of Object.values(props['cleanroomsIam.rules'].properties as Record<string, { enum: string[] }>))
      assert.deepEqual(v.enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('contributes snippets for json and jsonc, CloudFormation YAML and Terraform, the policy schema for policy file names, and both entry points', () => {
    assert.deepEqual(c.snippets.map((s: { language: string; path: string }) => `${s.language} ${s.path}`).sort(), [
      'json ./snippets/cleanrooms-iam.json',
      'jsonc ./snippets/cleanrooms-iam.json',
      'terraform ./snippets/cleanrooms-iam-terraform.json',
      'yaml ./snippets/cleanrooms-iam-cloudformation.json',
    ]);
    for (const s of c.snippets) assert.ok(existsSync(join(root, s.path)), s.path);
    assert.deepEqual(
      c.jsonValidation.map((j: { fileMatch: string }) => j.fileMatch),
      ['*trust-policy*.json', '*permissions-policy*.json', '*.iam.json', '*-policy.json', 'cleanrooms-iam.json'],
    );
    for (const j of c.jsonValidation.slice(0, 4)) assert.equal(j.url, './schemas/policy.schema.json');
    // The check-role configuration (denyActions) has its own schema; the CLI reads the same file.
    assert.equal(c.jsonValidation[4].url, './schemas/cleanrooms-iam.schema.json');
    assert.ok(existsSync(join(root, 'schemas', 'cleanrooms-iam.schema.json')));
    assert.ok(existsSync(join(root, 'schemas', 'policy.schema.json')));
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.ok(existsSync(join(root, pkg.icon)));
  });

  it('contributes the getting-started walkthrough: four steps with markdown media and command completion events', () => {
    assert.equal(c.walkthroughs.length, 1);
    const w = c.walkthroughs[0];
    assert.equal(w.id, WALKTHROUGH_ID);
    assert.match(text(w.title), /Clean Rooms/);
    const steps = w.steps as Array<{ id: string; title: string; description: string; media: { markdown?: string }; completionEvents: string[] }>;
    assert.deepEqual(
      steps.map((s) => s.id),
      ['createPolicies', 'fillPlaceholders', 'seeChecks', 'createRole'],
    );
    const declared = new Set(c.commands.map((x: { command: string }) => x.command));
    for (const s of steps) {
      assert.ok(s.media.markdown && existsSync(join(root, s.media.markdown)), `${s.id}: media ${s.media.markdown}`);
      assert.ok(s.media.markdown.startsWith('media/walkthrough/'), s.media.markdown);
      assert.ok(s.completionEvents.length > 0, `${s.id} has completion events`);
      const desc = text(s.description);
      // Every command link in the step points at a declared command (or a built-in one) and its arguments parse.
      const links = [...desc.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)];
      assert.ok(links.length > 0, `${s.id} has a button`);
      for (const [, id, args] of links) {
        assert.ok(declared.has(id) || id.startsWith('workbench.'), `${s.id}: ${id}`);
        if (args) assert.ok(Array.isArray(JSON.parse(decodeURIComponent(args))), `${s.id}: ${args}`);
      }
      for (const e of s.completionEvents) {
        const m = /^onCommand:(.+)$/.exec(e);
        const ctx = /^onContext:(.+)$/.exec(e);
        if (m) assert.ok(declared.has(m[1]), `${s.id}: ${e}`);
        else if (ctx) assert.ok((Object.values(WALKTHROUGH_DONE) as string[]).includes(ctx[1]), `${s.id}: ${e} is a key the commands set`);
        else assert.match(e, /^onView:[\w.]+$/, e);
      }
    }
    // The steps whose command can be cancelled complete when the work was done (a context key the command sets then),
    // not when the command merely ran: a cancelled New Policy from Template must not tick "Create the policies".
    assert.deepEqual(steps[0].completionEvents, [`onContext:${WALKTHROUGH_DONE.policyCreated}`]);
    assert.deepEqual(steps[1].completionEvents, [`onContext:${WALKTHROUGH_DONE.placeholdersFilled}`]);
    assert.deepEqual(steps[3].completionEvents, [`onContext:${WALKTHROUGH_DONE.commandsCopied}`]);
    // The template ids the first step opens exist in the catalog.
    const ids = [...text(steps[0].description).matchAll(/newPolicy\?([^)]*)/g)].map((m) => JSON.parse(decodeURIComponent(m[1]))[0]);
    assert.deepEqual(ids, ['read-data-s3-trust-scoped', 'read-data-s3-permissions']);
    for (const id of ids)
      assert.ok(
        TEMPLATES.some((t) => t.id === id),
        id,
      );
  });

  it('src/vscode uses no Node APIs (the browser build shares it)', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    // The one exception: node-worker.ts, which the browser build swaps for node-worker.web.ts (esbuild.mjs).
    const nodeOnly = join(root, 'src', 'vscode', 'node-worker.ts');
    assert.ok(readFileSync(join(root, 'esbuild.mjs'), 'utf8').includes('node-worker.web.ts'), 'the browser build replaces node-worker.ts');
    for (const f of walk(join(root, 'src', 'vscode')).filter((f) => f !== nodeOnly)) {
      const t = readFileSync(f, 'utf8');
      assert.doesNotMatch(t, /from ['"](node:|fs|path|os|child_process|crypto)['"]|require\(|process\.|Buffer\./, f);
    }
    for (const f of walk(join(root, 'src', 'vscode', 'logic'))) assert.doesNotMatch(readFileSync(f, 'utf8'), /from ['"]vscode['"]/, `${f} is vscode-free`);
  });
});
