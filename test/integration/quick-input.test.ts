// The real prompt layer (QuickInputPrompts on window.createQuickPick / createInputBox) in the real workbench: the native
// step counter (`step` / `totalSteps`, VS Code renders "Title (2/7)"), the Back button from the second step on, Back and
// Escape through VS Code's own commands, and every input disposed once its step is done. The commands run through the
// extension's API with these prompts injected; every answer is given by VS Code's accept command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { templateById, TEMPLATES } from '../../src/catalog';
import { findPlaceholders, groupPlaceholders } from '../../src/fill/detect';
import { applyEdits, planFill } from '../../src/fill/apply';
import { EXAMPLE_WITH_MISTAKES } from '../../src/vscode/logic/examples';
import { stepsForGroups, stepsForTemplate } from '../../src/vscode/logic/wizard';
import { QuickInputPrompts } from '../../src/vscode/prompts';
import type { CleanRoomsIamApi, CommandOutcome } from '../../src/vscode/extension';
import { closeAll, EXTENSION_ID, fixtureText, openUntitled, waitFor, workspaceFile } from './helpers';

let api: CleanRoomsIamApi;

type Item = vscode.QuickPickItem & { id?: string; value?: string; style?: string };
type Input = vscode.QuickPick<Item> | vscode.InputBox;

/** What an input showed when it came up. */
interface Seen {
  kind: 'pick' | 'input';
  title: string | undefined;
  step: number | undefined;
  totalSteps: number | undefined;
  back: boolean;
  value: string;
}

/** The real prompts, with every quick input they create recorded (and its dispose counted). */
function watched() {
  const inputs: Input[] = [];
  let disposed = 0;
  const track = <T extends Input>(input: T): T => {
    const dispose = input.dispose.bind(input);
    input.dispose = () => {
      disposed++;
      dispose();
    };
    inputs.push(input);
    return input;
  };
  const partial: Array<{ message: string }> = [];
  let problems = 0;
  class Watched extends QuickInputPrompts {
    // The two modal dialogs and the first-run format question are not quick inputs: answered here.
    override async offerPartialPolicy(ctx: { title: string; message: string; detail: string }): Promise<boolean> {
      partial.push({ message: ctx.message });
      return false;
    }
    override async pickOutputFormat() {
      return 'json' as const;
    }
    override showMessage(): void {}
    override async confirmProblems(): Promise<'copy'> {
      problems++;
      return 'copy';
    }
  }
  const prompts = new Watched({
    createQuickPick: <T extends vscode.QuickPickItem>() => track(vscode.window.createQuickPick<Item>()) as unknown as vscode.QuickPick<T>,
    createInputBox: () => track(vscode.window.createInputBox()),
  });
  return { prompts, inputs, partial, disposed: () => disposed, problems: () => problems };
}

/** The n-th input (1-based) once it is up, and what it showed. */
async function nth(w: ReturnType<typeof watched>, n: number): Promise<{ input: Input; seen: Seen }> {
  const input = await waitFor(`quick input ${n}`, () => w.inputs[n - 1]);
  // The extension host sends property changes to the workbench on its next tick: let them land before answering.
  await new Promise((r) => setTimeout(r, 100));
  const pick = 'canSelectMany' in input;
  return {
    input,
    seen: {
      kind: pick ? 'pick' : 'input',
      title: input.title,
      step: input.step,
      totalSteps: input.totalSteps,
      back: input.buttons.includes(vscode.QuickInputButtons.Back),
      value: input.value,
    },
  };
}

/** Answer an input as the user would: type into an input box, or move to an item of a pick; then VS Code's accept. */
async function answer(input: Input, value: string): Promise<void> {
  if ('canSelectMany' in input) {
    const item = input.items.find((i) => i.value === value || i.id === value || i.style === value);
    assert.ok(item, `item ${value} in the list`);
    input.activeItems = [item];
    await new Promise((r) => setTimeout(r, 100));
  } else {
    input.value = value;
  }
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

const SEED_ANSWERS: Record<string, string> = {
  'aws-region': 'eu-west-2',
  accountId: '604718293525',
  database: 'loyalty_db',
  table: 'member_events',
  bucket: 'harbourline-exports',
  s3BucketOwnerAccountId: '604718293525',
  prefix: 'member-events',
};

before(async function () {
  this.timeout(30_000);
  const ext = vscode.extensions.getExtension<CleanRoomsIamApi>(EXTENSION_ID);
  assert.ok(ext);
  api = await ext.activate();
});

describe('The real quick inputs (step counter, Back, Escape)', function () {
  this.timeout(60_000);
  // No remembered answers from other suites in these steps (set for this suite only: root hooks run for every file).
  before(async () => {
    await vscode.workspace.getConfiguration('cleanroomsIam').update('fill.rememberValues', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('cleanroomsIam').update('fill.rememberValues', undefined, vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    api.setPromptProvider(undefined);
    await closeAll();
  });

  it('Fill Placeholders: each step shows "Fill Placeholders: <label>" with the native counter n/7; Back returns to the step before with its answer; one edit', async () => {
    const original = await fixtureText('seed-read-data-permissions-policy.json');
    const ed = await openUntitled(original);
    const steps = stepsForGroups(groupPlaceholders(findPlaceholders(original)), TEMPLATES);
    assert.deepEqual(
      steps.map((s) => s.key),
      ['aws-region', 'accountId', 'database', 'table', 'bucket', 's3BucketOwnerAccountId', 'prefix'],
    );
    const w = watched();
    api.setPromptProvider(w.prompts);
    const running = vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.fillPlaceholders', ed.document.uri);
    const seen: Seen[] = [];
    // Steps 1 and 2, then Back from step 3 to step 2 (which offers the answer given), then the rest in order.
    const order = [0, 1, 2, 1, 2, 3, 4, 5, 6];
    for (const [n, i] of order.entries()) {
      const { input, seen: s } = await nth(w, n + 1);
      seen.push(s);
      if (n === 2) await vscode.commands.executeCommand('workbench.action.quickInputBack');
      else await answer(input, SEED_ANSWERS[steps[i].key]);
    }
    const res = await running;
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.deepEqual(
      seen.map((s) => [s.kind, s.title, s.step, s.totalSteps, s.back]),
      order.map((i) => [steps[i].type === 'region' ? 'pick' : 'input', `Fill Placeholders: ${steps[i].label}`, i + 1, 7, i > 0]),
    );
    assert.equal(seen[3].value, SEED_ANSWERS.accountId, 'Back: step 2 again, with the answer given');
    assert.ok(
      seen.every((s) => !/Step/.test(s.title ?? '')),
      'no counter in the title text',
    );
    assert.equal(ed.document.getText(), applyEdits(original, planFill(findPlaceholders(original), new Map(Object.entries(SEED_ANSWERS)))));
    assert.equal(w.inputs.length, order.length);
    assert.equal(w.disposed(), w.inputs.length, 'every input disposed once its step is done');
  });

  it('New Policy: the template list is step 1 with no total; value steps are 2…1+n; Back returns to the list; Escape offers the policy with placeholders', async () => {
    const t = templateById('receive-results-trust');
    assert.ok(t);
    const steps = stepsForTemplate(t);
    const total = 1 + steps.length;
    assert.ok(steps.length >= 2, 'a template with at least two value steps');
    const w = watched();
    api.setPromptProvider(w.prompts);
    const running = vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.newPolicy');
    const seen: Seen[] = [];
    // 1 template list → pick; 2 first value step → Back; 3 template list again → pick; 4 first value → answer;
    // 5 second value step → Escape.
    let r = await nth(w, 1);
    seen.push(r.seen);
    await answer(r.input, t.id);
    r = await nth(w, 2);
    seen.push(r.seen);
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    r = await nth(w, 3);
    seen.push(r.seen);
    await answer(r.input, t.id);
    r = await nth(w, 4);
    seen.push(r.seen);
    await answer(r.input, steps[0].type === 'region' ? 'eu-west-2' : '817364052948');
    r = await nth(w, 5);
    seen.push(r.seen);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const res = await running;
    assert.deepEqual(res, { status: 'cancelled' }, 'Escape, then "Create with Placeholders" declined: nothing created');
    assert.equal(w.partial.length, 1, 'Escape in a value step offered the policy with the placeholders left');
    const list = ['New Policy from Template: Template', 1, undefined, false];
    assert.deepEqual(
      seen.map((s) => [s.title, s.step, s.totalSteps, s.back]),
      [
        list,
        [`New Policy from Template: ${steps[0].label}`, 2, total, true],
        list,
        [`New Policy from Template: ${steps[0].label}`, 2, total, true],
        [`New Policy from Template: ${steps[1].label}`, 3, total, true],
      ],
    );
    assert.equal(w.disposed(), w.inputs.length, 'every input disposed once its step is done');
  });

  it('Copy AWS CLI Commands: style 1/2, role name 2/2 with Back (the style picked offered again); an invalid name is refused on Enter', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile('read-data-trust-policy.json')));
    const w = watched();
    api.setPromptProvider(w.prompts);
    const running = vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.copyCliCommands');
    const seen: Seen[] = [];
    let r = await nth(w, 1);
    seen.push(r.seen);
    await answer(r.input, 'managed');
    r = await nth(w, 2);
    seen.push(r.seen);
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    r = await nth(w, 3);
    seen.push(r.seen);
    assert.equal((r.input as vscode.QuickPick<Item>).activeItems[0]?.style, 'managed', 'Back: the style picked is offered first');
    await answer(r.input, 'inline');
    r = await nth(w, 4);
    seen.push(r.seen);
    const name = r.input as vscode.InputBox;
    await answer(name, 'read-data');
    await waitFor('the refusal', () => name.validationMessage);
    const refusal = name.validationMessage;
    assert.match(typeof refusal === 'string' ? refusal : (refusal?.message ?? ''), /cleanrooms/, 'a name without "cleanrooms" is refused, in place');
    assert.equal(w.inputs.length, 4, 'Enter on an invalid name does not leave the step');
    await answer(name, 'cleanrooms-read-data-test');
    const res = await running;
    assert.equal(res.status, 'copied', JSON.stringify(res));
    const copied = res;
    assert.equal(copied.roleName, 'cleanrooms-read-data-test');
    assert.ok(
      copied.commands.some((c) => c.includes('put-role-policy')) && !copied.commands.some((c) => c.includes('create-policy')),
      'inline, the style picked after Back',
    );
    const title = 'Copy AWS CLI Commands';
    assert.deepEqual(
      seen.map((s) => [s.kind, s.title, s.step, s.totalSteps, s.back]),
      [
        ['pick', title, 1, 2, false],
        ['input', title, 2, 2, true],
        ['pick', title, 1, 2, false],
        ['input', title, 2, 2, true],
      ],
    );
    assert.equal(seen[1].value, 'cleanrooms-read-data', 'the suggested name');
    assert.equal(w.problems(), 0, 'the pair has no open problems');
    assert.equal(w.disposed(), w.inputs.length, 'every input disposed once its step is done');
  });

  it('Fill Placeholders: Escape in a step changes nothing; the "change these too?" pick (all selected, no counter): Escape fills nothing, Enter fills all in one edit', async () => {
    const MID = '6b0e3f52-9d1a-4c7e-8f23-a41d5c9e0b76';
    const answers: Record<string, string> = { region: 'eu-west-2', 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa': MID, '555555555555': '817364052948' };
    const text = EXAMPLE_WITH_MISTAKES.text;
    const steps = stepsForGroups(groupPlaceholders(findPlaceholders(text)), TEMPLATES);
    assert.deepEqual(steps.map((x) => x.key).sort(), Object.keys(answers).sort());
    const ed = await openUntitled(text);
    const v0 = ed.document.version;
    const fill = async (last: 'escape-step-2' | 'escape-linked' | 'accept-linked') => {
      const w = watched();
      api.setPromptProvider(w.prompts);
      const running = vscode.commands.executeCommand<CommandOutcome>('cleanroomsIam.fillPlaceholders', ed.document.uri);
      for (const [i, step] of steps.entries()) {
        const r = await nth(w, i + 1);
        if (last === 'escape-step-2' && i === 1) {
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          return { res: await running, w };
        }
        await answer(r.input, answers[step.key]);
      }
      const linked = await nth(w, steps.length + 1);
      const pick = linked.input as vscode.QuickPick<Item>;
      assert.equal(pick.canSelectMany, true);
      assert.deepEqual([linked.seen.title, linked.seen.step, linked.seen.totalSteps, linked.seen.back], ['Fill Placeholders', undefined, undefined, false]);
      assert.deepEqual(
        pick.selectedItems.map((x) => x.label),
        ['us-east-1 → eu-west-2'],
        'all selected at first',
      );
      await vscode.commands.executeCommand(last === 'escape-linked' ? 'workbench.action.closeQuickOpen' : 'workbench.action.acceptSelectedQuickOpenItem');
      return { res: await running, w };
    };
    for (const last of ['escape-step-2', 'escape-linked'] as const) {
      const { res, w } = await fill(last);
      assert.deepEqual(res, { status: 'cancelled' }, last);
      assert.equal(ed.document.version, v0, `${last}: nothing changed`);
      assert.equal(w.disposed(), w.inputs.length, `${last}: every input disposed`);
    }
    const { res, w } = await fill('accept-linked');
    assert.equal(res.status, 'applied', JSON.stringify(res));
    assert.equal(ed.document.version, v0 + 1, 'one edit');
    assert.ok(ed.document.getText().includes(`"arn:aws:cleanrooms:eu-west-2:817364052948:membership/${MID}"`), ed.document.getText());
    assert.ok(!ed.document.getText().includes('us-east-1'), 'the linked example Region changed too');
    assert.equal(w.disposed(), w.inputs.length, 'every input disposed');
  });
});
