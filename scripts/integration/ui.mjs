// `npm run test:ui`: a UI check of the real workbench (code-server + headless chromium via playwright-core),
// WITHOUT the test payload: the extension is loaded from the repo as extensionDevelopmentPath and a copy of
// test/fixtures/workspace is opened. Driven with the keyboard like a user:
//   1. Quick Open (Ctrl+P) the bad fixture, wait for error/warning squiggles          -> docs/images/squiggles.png
//   2. open the Problems panel (Ctrl+Shift+M), find a row from cleanrooms-iam        -> docs/images/problems.png
//   3. go to the first problem (F8), Ctrl+. opens the quick-fix list                  -> docs/images/quick-fix.png
//   4. F1 "Clean Rooms: Fill Placeholders…", answer its first prompt                 -> docs/images/fill-wizard.png
//   5. in a small policy, Ctrl+Space in "Action": "cleanrooms:Get" lists the actions -> docs/images/completion.png
//   6. Ctrl+. on "Effect": "allow": the fix, Show documentation, Turn off the rule    -> docs/images/lightbulb.png
//   7. the role check's code lens and request table                                   -> docs/images/role-check.png
//   8. New Policy from Template: us-west-1 typed in the Region step shows why it is refused and where Clean Rooms
//      runs; Escape offers the policy with its placeholders (a modal); Cancel creates nothing
//   9. a CloudFormation template with the seed's mistakes, squiggles on its own lines             -> docs/images/cloudformation.png
//  10. a Terraform file with the seed's mistakes: squiggles and the Fill Placeholders code lens   -> docs/images/terraform.png
// Every step waits on selectors (no fixed sleeps) and is asserted; the last line is `N passed, N failed`.
// Env: CLEANROOMS_IAM_UI_IMAGES (screenshot folder, default docs/images; point CI elsewhere to keep the tree clean),
//      CLEANROOMS_IAM_UI_FIXTURE (file name in the workspace, default smoke-bad-policy.json),
//      CLEANROOMS_IAM_UI_TIMEOUT_MS (per wait, default 30000), CLEANROOMS_IAM_VERBOSE=1.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { provision } from './provision.mjs';
import { startCodeServer, CHROMIUM_ARGS, isOfflineNoise, workbenchUrl } from './code-server.mjs';
import { stepRunner } from './steps.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const imagesDir = resolve(process.env.CLEANROOMS_IAM_UI_IMAGES || join(repoRoot, 'docs', 'images'));
const fixture = process.env.CLEANROOMS_IAM_UI_FIXTURE || 'smoke-bad-policy.json';
/** A CloudFormation template with the seed's mistakes (test/fixtures/workspace). */
const CFN_FIXTURE = 'cloudformation-read-data.yaml';
/** A Terraform file with the seed's mistakes (test/fixtures/workspace). */
const TF_FIXTURE = 'terraform-read-data.tf';
const WAIT = Number(process.env.CLEANROOMS_IAM_UI_TIMEOUT_MS || 30_000);
const verbose = process.env.CLEANROOMS_IAM_VERBOSE === '1';
const SOURCE = 'cleanrooms-iam';
const FILL_COMMAND = 'Clean Rooms: Fill Placeholders';
const NEW_POLICY_COMMAND = 'Clean Rooms: New Policy from Template';
/** Steps 5 and 6 use this file (written into the workspace copy): line 6 has the bad Effect, line 7 the Action to complete. */
/** The AWS page's read-data permissions policy, filled, without glue:GetPartitions: the role check's demo. */
const ROLE_DEMO = 'role-check-demo-permissions-policy.json';
const ROLE_DEMO_TEXT = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "NecessaryGluePermissions",
            "Effect": "Allow",
            "Action": [
                "glue:GetDatabase",
                "glue:GetDatabases",
                "glue:GetTable",
                "glue:GetTables",
                "glue:GetPartition",
                "glue:BatchGetPartition"
            ],
            "Resource": [
                "arn:aws:glue:eu-west-2:210987654321:database/marketing_db",
                "arn:aws:glue:eu-west-2:210987654321:table/marketing_db/customer_events",
                "arn:aws:glue:eu-west-2:210987654321:catalog"
            ]
        },
        {
            "Effect": "Allow",
            "Action": [
                "glue:GetSchema",
                "glue:GetSchemaVersion"
            ],
            "Resource": [
                "*"
            ]
        },
        {
            "Sid": "NecessaryS3BucketPermissions",
            "Effect": "Allow",
            "Action": [
                "s3:GetBucketLocation",
                "s3:ListBucket"
            ],
            "Resource": [
                "arn:aws:s3:::acme-cleanrooms-data"
            ],
            "Condition": {
                "StringEquals": {
                    "s3:ResourceAccount": [
                        "210987654321"
                    ]
                }
            }
        },
        {
            "Sid": "NecessaryS3ObjectPermissions",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject"
            ],
            "Resource": [
                "arn:aws:s3:::acme-cleanrooms-data/customers/2026/*"
            ],
            "Condition": {
                "StringEquals": {
                    "s3:ResourceAccount": [
                        "210987654321"
                    ]
                }
            }
        }
    ]
}
`;
const EDITOR_DEMO = 'editor-demo-policy.json';
const EDITOR_DEMO_TEXT = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadMemberships",
            "Effect": "allow",
            "Action": "cleanrooms:Get",
            "Resource": "*"
        }
    ]
}
`;

const { counts, step } = stepRunner('ui');

const quickInput = '.quick-input-widget';
const quickInputVisible = `${quickInput}:visible`;

async function openQuickInput(page, key) {
  await page.keyboard.press(key);
  await page.locator(`${quickInputVisible} .quick-input-box input`).waitFor({ timeout: WAIT });
}

/** Quick Open (Ctrl+P) a workspace file by name and wait for its tab to be the active one. */
async function quickOpen(page, name) {
  await openQuickInput(page, 'Control+P');
  await page.keyboard.type(name);
  await page.locator(`${quickInputVisible} .monaco-list-row[aria-label*="${name}"]`).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active:has-text("${name}")`).first().waitFor({ timeout: WAIT });
}

/** The value to type for an input box whose title / prompt talks about `text` (documented example formats). */
function answerFor(text) {
  const t = text.toLowerCase();
  if (t.includes('region')) return 'us-east-1';
  if (t.includes('bucket')) return 'cleanrooms-results-bucket';
  if (t.includes('account')) return '210987654321';
  if (t.includes('prefix')) return 'results/';
  return 'example-value';
}

async function main() {
  const started = Date.now();
  let server;
  let browser;
  const workspace = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-ui-ws-'));
  try {
    const tools = provision();
    // A copy, so that nothing the check does can touch the repo's fixtures.
    cpSync(join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    writeFileSync(join(workspace, EDITOR_DEMO), EDITOR_DEMO_TEXT);
    mkdirSync(imagesDir, { recursive: true });

    server = await startCodeServer({ tools });
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      const line = m.text();
      if (verbose && !isOfflineNoise(line)) console.log(`[page:${m.type()}] ${line}`);
    });
    const url = workbenchUrl(server, workspace, repoRoot);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();

    await step(page, 'workbench loads with the fixture workspace', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
      // The explorer lists the fixture: the folder really opened.
      await page
        .locator(`.explorer-folders-view .monaco-list-row[aria-label*="${fixture}"], .explorer-folders-view [title*="${fixture}"]`)
        .first()
        .waitFor({ timeout: WAIT });
    });

    await step(page, `Quick Open ${fixture} shows error/warning squiggles`, async () => {
      await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 } }); // focus the workbench
      await quickOpen(page, fixture);
      await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: WAIT });
      const n = await editor.locator('.squiggly-error, .squiggly-warning').count();
      await page.screenshot({ path: join(imagesDir, 'squiggles.png') });
      return `${n} squiggle(s)`;
    });

    await step(page, `Problems panel lists a ${SOURCE} problem`, async () => {
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator(`.markers-panel .monaco-list-row:has-text("${SOURCE}")`);
      await rows.first().waitFor({ timeout: WAIT });
      const first = (await rows.first().innerText()).replace(/\s+/g, ' ').trim();
      await page.screenshot({ path: join(imagesDir, 'problems.png') });
      return `${await rows.count()} row(s); first: "${first.slice(0, 120)}"`;
    });

    await step(page, 'Ctrl+. on the first problem offers quick fixes', async () => {
      // Back to the editor, then F8 moves the cursor onto the first problem (and shows its peek; Escape closes it).
      await page.keyboard.press('Control+1');
      await editor.locator('textarea').first().waitFor({ state: 'attached', timeout: WAIT });
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('F8');
      await page.locator('.marker-widget').first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      const list = page.locator('.action-widget:visible .monaco-list-row.action');
      await list.first().waitFor({ timeout: WAIT });
      const labels = (await list.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (labels.length === 0) throw new Error('the quick-fix list is empty');
      await page.screenshot({ path: join(imagesDir, 'quick-fix.png') });
      await page.keyboard.press('Escape');
      return labels
        .slice(0, 3)
        .map((l) => `"${l}"`)
        .join(', ');
    });

    await step(page, `F1 "${FILL_COMMAND}…" asks its first question and takes the answer`, async () => {
      await page.keyboard.press('Control+1');
      await openQuickInput(page, 'F1');
      await page.keyboard.type(FILL_COMMAND);
      const cmd = page.locator(`${quickInputVisible} .monaco-list-row:has-text("${FILL_COMMAND}")`).first();
      await cmd.waitFor({ timeout: WAIT });
      await page.keyboard.press('Enter');
      // The wizard's first step: a quick pick or an input box with a title (step counter) of its own.
      const title = page.locator(`${quickInputVisible} .quick-input-title`);
      await page.waitForFunction(
        ([sel, cmdName]) => {
          const t = document.querySelector(sel)?.textContent ?? '';
          return t.trim() !== '' && !t.includes(cmdName);
        },
        [`${quickInput} .quick-input-title`, FILL_COMMAND],
        { timeout: WAIT },
      );
      const titleText = (await title.innerText()).trim();
      const prompt = (
        await page
          .locator(`${quickInputVisible} .quick-input-message`)
          .innerText()
          .catch(() => '')
      ).trim();
      const placeholder = (await page.locator(`${quickInputVisible} .quick-input-box input`).getAttribute('placeholder')) ?? '';
      const items = page.locator(`${quickInputVisible} .quick-input-list .monaco-list-row`);
      const itemCount = await items.count();
      const before = await editor.locator('.view-lines').innerText();
      let answered;
      if (itemCount > 0) {
        answered = (await items.first().innerText()).replace(/\s+/g, ' ').trim();
        await page.screenshot({ path: join(imagesDir, 'fill-wizard.png') });
        await page.keyboard.press('Enter');
      } else {
        answered = answerFor(`${titleText} ${prompt} ${placeholder}`);
        await page.keyboard.type(answered);
        const input = page.locator(`${quickInputVisible} .quick-input-box input`);
        await page.waitForFunction(([el, v]) => el.value === v, [await input.elementHandle(), answered], { timeout: WAIT });
        await page.screenshot({ path: join(imagesDir, 'fill-wizard.png') });
        await page.keyboard.press('Enter');
      }
      // The answer was taken: either the wizard moved on (new title) or it finished and edited the document.
      await page.waitForFunction(
        ([sel, oldTitle, editorSel, oldText]) => {
          const widget = document.querySelector(sel);
          const visible = widget && widget.offsetParent !== null && getComputedStyle(widget).display !== 'none';
          const t = widget?.querySelector('.quick-input-title')?.textContent ?? '';
          const text = document.querySelector(editorSel)?.textContent ?? '';
          return (visible && t.trim() !== oldTitle) || (!visible && text !== oldText);
        },
        [quickInput, titleText, '.editor-group-container.active .monaco-editor .view-lines', before],
        { timeout: WAIT },
      );
      const stillOpen = await page.locator(quickInputVisible).count();
      let next = 'document edited';
      if (stillOpen) next = `next step "${(await title.innerText()).trim()}"`;
      else if (itemCount === 0) {
        // A one-step fill: the typed value must now be in the document (spaces in the editor are &nbsp;).
        const after = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
        if (!after.includes(answered)) throw new Error(`the document changed but does not contain "${answered}":\n${after}`);
        next = `document now contains "${answered}"`;
      }
      await page.keyboard.press('Escape'); // leave the rest of the wizard
      return `first prompt "${titleText}"${prompt ? ` (${prompt.slice(0, 80)})` : ''}; answered "${answered.slice(0, 60)}"; ${next}`;
    });

    /** Quick Open a workspace file and put the cursor at line:column (1-based) with Go to Line. */
    async function openAt(name, line, column) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1');
      await quickOpen(page, name);
      await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: WAIT });
      await openQuickInput(page, 'Control+G');
      await page.keyboard.type(`${line}:${column}`);
      await page.keyboard.press('Enter');
    }

    await step(page, 'Ctrl+Space in an Action value lists the service actions with their documentation', async () => {
      await openAt(EDITOR_DEMO, 7, 38); // after "cleanrooms:Get"
      await page.keyboard.press('Control+Space');
      const rows = page.locator('.suggest-widget .monaco-list-row');
      // The first Ctrl+Space is sometimes swallowed while the editor is still settling after Go to Line: ask once more.
      await rows
        .first()
        .waitFor({ timeout: 5000 })
        .catch(async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await rows.first().waitFor({ timeout: WAIT });
        });
      await page.locator('.suggest-widget .monaco-list-row:has-text("cleanrooms:Get")').first().waitFor({ timeout: WAIT });
      // Ctrl+Space again opens the details pane (the action's description from the IAM reference data).
      await page.keyboard.press('Control+Space');
      await page
        .locator('.suggest-details')
        .first()
        .waitFor({ state: 'visible', timeout: WAIT })
        .catch(() => undefined);
      const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
      await page.screenshot({ path: join(imagesDir, 'completion.png') });
      await page.keyboard.press('Escape');
      return `${labels.length} row(s); first: ${labels
        .slice(0, 3)
        .map((l) => `"${l.slice(0, 60)}"`)
        .join(', ')}`;
    });

    await step(page, 'Ctrl+. on a problem offers the fix, Show documentation and Turn off in settings', async () => {
      await openAt(EDITOR_DEMO, 6, 25); // inside "allow"
      await page.keyboard.press('Control+.');
      const list = page.locator('.action-widget:visible .monaco-list-row.action');
      await list.first().waitFor({ timeout: WAIT });
      await page.locator('.action-widget:visible .monaco-list-row.action:has-text("Show documentation for")').first().waitFor({ timeout: WAIT });
      await page.locator('.action-widget:visible .monaco-list-row.action:has-text("Turn off")').first().waitFor({ timeout: WAIT });
      const labels = (await list.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
      await page.screenshot({ path: join(imagesDir, 'lightbulb.png') });
      await page.keyboard.press('Escape');
      return labels.map((l) => `"${l}"`).join(', ');
    });

    await step(page, 'a read-data role without glue:GetPartitions: the code lens counts the denied requests; clicking it shows the request table', async () => {
      // Written now, not with the other fixtures: a file list that changes under the earlier steps makes them flaky.
      writeFileSync(join(workspace, ROLE_DEMO), ROLE_DEMO_TEXT);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1');
      await quickOpen(page, ROLE_DEMO);
      const lens = page.locator('.editor-group-container.active .codelens-decoration a:has-text("requests denied")').first();
      await lens.waitFor({ timeout: WAIT });
      const title = (await lens.innerText()).trim();
      await lens.click();
      // The report opens beside the policy.
      await page.locator('.monaco-editor .view-lines:has-text("glue:GetPartitions")').last().waitFor({ timeout: WAIT });
      await page.locator('.monaco-editor .view-lines:has-text("denied")').last().waitFor({ timeout: WAIT });
      await page.screenshot({ path: join(imagesDir, 'role-check.png') });
      return `lens "${title}"; request table shown`;
    });

    await step(
      page,
      'New Policy from Template: a Region without Clean Rooms says why and lists where it runs; Escape offers the policy with placeholders; Cancel creates nothing',
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+1');
        const tabsBefore = await page.locator('.tabs-container .tab').count();
        await openQuickInput(page, 'F1');
        await page.keyboard.type(NEW_POLICY_COMMAND);
        await page.locator(`${quickInputVisible} .monaco-list-row:has-text("${NEW_POLICY_COMMAND}")`).first().waitFor({ timeout: WAIT });
        await page.keyboard.press('Enter');
        await page.locator(`${quickInputVisible} .quick-input-title:has-text("Template")`).waitFor({ timeout: WAIT });
        // A fresh profile is asked the output format first (remembered afterwards): JSON policy files.
        if (await page.locator(`${quickInputVisible} .quick-input-title:has-text("Output Format")`).isVisible()) {
          await page.keyboard.type('JSON policy files');
          await page.locator(`${quickInputVisible} .monaco-list-row:has-text("JSON policy files")`).first().waitFor({ timeout: WAIT });
          await page.keyboard.press('Enter');
          await page.locator(`${quickInputVisible} .quick-input-title:has-text("Template (1")`).waitFor({ timeout: WAIT });
        }
        await page.keyboard.type('Read data (Glue + S3): permissions policy');
        await page.locator(`${quickInputVisible} .monaco-list-row:has-text("Read data (Glue + S3): permissions policy")`).first().waitFor({ timeout: WAIT });
        await page.keyboard.press('Enter');
        // VS Code's own step counter: "AWS Region (2/7)".
        const regionTitle = page.locator(`${quickInputVisible} .quick-input-title:has-text("(2/")`);
        await regionTitle.waitFor({ timeout: WAIT });
        await page.keyboard.type('us-west-1');
        const notice = page.locator(`${quickInputVisible} .monaco-list-row:has-text("not available in us-west-1")`).first();
        await notice.waitFor({ timeout: WAIT });
        const text = (await notice.innerText()).replace(/\s+/g, ' ').trim();
        if (!/runs in us-east-1 \(US East \(N\. Virginia\)\).*eu-north-1 \(Europe \(Stockholm\)\)/.test(text))
          throw new Error(`the notice does not list the Clean Rooms Regions: ${text}`);
        // Enter does not take the refused value: the same step stays open with the notice.
        await page.keyboard.press('Enter');
        await notice.waitFor({ timeout: WAIT });
        await regionTitle.waitFor({ timeout: WAIT });
        // Escape: the offer to create the policy with its placeholders left in place (a modal dialog).
        await page.keyboard.press('Escape');
        const dialog = page.locator('.monaco-dialog-box:visible');
        await dialog.waitFor({ timeout: WAIT });
        const question = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
        if (!/Create "Read data \(Glue \+ S3\): permissions policy" with its 7 placeholders/.test(question) || !/Create with Placeholders/.test(question))
          throw new Error(`unexpected offer: ${question}`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden', timeout: WAIT });
        const tabsAfter = await page.locator('.tabs-container .tab').count();
        if (tabsAfter !== tabsBefore) throw new Error(`Cancel opened something: ${tabsBefore} tabs before, ${tabsAfter} after`);
        return `notice "${text.slice(0, 90)}…"; offer "${question.slice(0, 90)}…"; Cancel: nothing created`;
      },
    );

    await step(page, 'a CloudFormation template (YAML) shows the same squiggles on its own lines', async () => {
      await page.keyboard.press('Escape');
      await quickOpen(page, CFN_FIXTURE);
      // Show the policies: Go to Line 40, which brings the trust condition and the permissions into view.
      await page.keyboard.press('Control+G');
      await page.keyboard.type('40');
      await page.keyboard.press('Enter');
      await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: WAIT });
      const n = await editor.locator('.squiggly-error, .squiggly-warning').count();
      await page.screenshot({ path: join(imagesDir, 'cloudformation.png') });
      return `${n} squiggle(s)`;
    });

    await step(page, 'a Terraform file shows the squiggles on its own lines and the Fill Placeholders code lens', async () => {
      await page.keyboard.press('Escape');
      // The file alone, full size: close the other editors, hide the panel and the side bar.
      await openQuickInput(page, 'F1');
      await page.keyboard.type('View: Close All Editor Groups');
      await page.locator(`${quickInputVisible} .monaco-list-row:has-text("Close All Editor Groups")`).first().waitFor({ timeout: WAIT });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: WAIT });
      if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
      if (await page.locator('.part.sidebar').isVisible()) await page.keyboard.press('Control+B');
      await quickOpen(page, TF_FIXTURE);
      // The top of the file: the code lens, the misspelt principal, the collaboration ARN and the example account
      // (word wrap on, so the long ARN line shows its end).
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Alt+Z');
      await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: WAIT });
      const lens = editor.locator('.codelens-decoration a:has-text("Fill")').first();
      await lens.waitFor({ timeout: WAIT });
      const n = await editor.locator('.squiggly-error, .squiggly-warning').count();
      const lensText = (await lens.innerText()).trim();
      await page.screenshot({ path: join(imagesDir, 'terraform.png') });
      return `${n} squiggle(s); code lens "${lensText}"`;
    });
  } catch (e) {
    counts.failed++;
    console.log(`  ✘ ${e.stack ?? e}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(workspace, { recursive: true, force: true });
  }
  console.log(`[ui] screenshots in ${imagesDir}; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

await main();
