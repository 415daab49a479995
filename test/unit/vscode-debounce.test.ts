// Adaptive debounce (issue 13): an edit waits DEBOUNCE_FACTOR × the document's last analysis time, at most
// cleanroomsIam.validate.debounceMs, so a small policy is re-checked on the next tick and a large one keeps the longer
// wait. The policy (logic/debounce.ts), then its use in PolicyValidator (loaded with the vscode stand-in and a clock
// that says how long each analysis took). No timed assertion: which of two timers fires first is an order, not a time.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { adaptiveDebounce, DEBOUNCE_FACTOR } from '../../src/vscode/logic/debounce';
import { installFakeVscode, Uri, type FakeDocument } from './helpers/fake-vscode';

const ROOT = join(__dirname, '..', '..');

describe('vscode: adaptive debounce policy', () => {
  it('waits DEBOUNCE_FACTOR times the last analysis, rounded down, at most the setting', () => {
    assert.equal(DEBOUNCE_FACTOR, 4);
    assert.equal(adaptiveDebounce(0.2, 200), 0, 'a sub-millisecond analysis: the next tick');
    assert.equal(adaptiveDebounce(0, 200), 0);
    assert.equal(adaptiveDebounce(1.9, 200), 7);
    assert.equal(adaptiveDebounce(10, 200), 40);
    assert.equal(adaptiveDebounce(50, 200), 200, 'at the setting exactly');
    assert.equal(adaptiveDebounce(51, 200), 200, 'never more than the setting');
    assert.equal(adaptiveDebounce(900, 200), 200);
    assert.equal(adaptiveDebounce(10, 30), 30, 'a lower setting caps it lower');
  });

  it('a document not measured yet (or a nonsense measurement) waits the whole setting; a negative setting is 0', () => {
    assert.equal(adaptiveDebounce(undefined, 200), 200);
    assert.equal(adaptiveDebounce(Number.NaN, 200), 200);
    assert.equal(adaptiveDebounce(-1, 200), 200);
    assert.equal(adaptiveDebounce(Infinity, 200), 200);
    assert.equal(adaptiveDebounce(5, -10), 0);
  });
});

describe('vscode: the validator debounces each document by its own analysis time', function () {
  this.timeout(30_000);
  const fake = installFakeVscode();
  /** What the clock moves on by at each reading: an analysis reads it before and after, so it "takes" this long. */
  const costs = new Map<string, number>();
  let current = 'small';
  let clock = 0;
  let validator: import('../../src/vscode/validation').PolicyValidator;

  before(async () => {
    const { PolicyValidator } = await import('../../src/vscode/validation');
    const { IamLoader } = await import('../../src/vscode/iam');
    const iam = new IamLoader(Uri.file(ROOT), () => undefined);
    validator = new PolicyValidator(
      iam,
      () => undefined,
      undefined,
      undefined,
      undefined,
      () => (clock += costs.get(current) ?? 0),
    );
    validator.start();
  });
  after(() => validator?.dispose());

  const policy = (sid: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  function open(name: string, cost: number): FakeDocument {
    costs.set(name, cost);
    current = name;
    return fake.open(Uri.file(join(ROOT, `test/fixtures/workspace/debounce-${name}.json`)), policy('A'));
  }
  /** Edit, then wait for a timer of `ms`: true when the new version was published before it fired. */
  async function publishedBefore(doc: FakeDocument, name: string, ms: number): Promise<boolean> {
    let published = false;
    const sub = validator.onDidUpdate((e) => {
      if (e.uri.toString() === doc.uri.toString() && e.version === doc.version) published = true;
    });
    current = name;
    fake.change(doc, policy(`S${doc.version}`));
    await new Promise((r) => setTimeout(r, ms));
    sub.dispose();
    return published;
  }

  let small: FakeDocument;
  it('a small policy (0.5 ms to analyse) is re-checked on the next tick', async () => {
    const doc = (small = open('small', 0.5));
    assert.equal(validator.debounceFor(doc as never), 2);
    // Its 2 ms timer fires before a 20 ms one set after it.
    assert.equal(await publishedBefore(doc, 'small', 20), true);
  });

  it('a costly one (60 ms to analyse) waits the whole setting (200 ms), and is checked after it', async () => {
    const doc = open('large', 60);
    assert.equal(validator.debounceFor(doc as never), 200);
    assert.equal(await publishedBefore(doc, 'large', 20), false, 'not checked 20 ms after the edit');
    let published = false;
    const sub = validator.onDidUpdate((e) => {
      if (e.uri.toString() === doc.uri.toString() && e.version === doc.version) published = true;
    });
    const deadline = Date.now() + 5000;
    while (!published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    sub.dispose();
    assert.equal(published, true, 'checked once the wait is over');
    assert.equal(validator.debounceFor(doc as never), 200);
    // Each document keeps its own measurement.
    assert.equal(validator.debounceFor(small as never), 2);
  });

  it('the measurement follows the document: when its analysis gets cheap, so does its wait', async () => {
    const doc = open('shrinking', 60);
    assert.equal(validator.debounceFor(doc as never), 200);
    costs.set('shrinking', 3);
    validator.validate(doc as never); // cached: no new measurement
    assert.equal(validator.debounceFor(doc as never), 200);
    fake.change(doc, policy('B'));
    validator.validate(doc as never); // a new version: measured again
    assert.equal(validator.debounceFor(doc as never), 12);
  });
});
