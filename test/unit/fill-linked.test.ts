// Fill offers to change every value that names the same thing as an answer (issue 14, item 1): the pure part
// (src/fill/linked.ts: the example Region of the same membership; src/vscode/logic/wizard.ts: a later Region
// placeholder defaults to the Region just given).
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { applyEdits, planFill } from '../../src/fill/apply';
import { findPlaceholders } from '../../src/fill/detect';
import { linkedEdit, linkedValues } from '../../src/fill/linked';
import { EXAMPLE_WITH_MISTAKES } from '../../src/vscode/logic/examples';
import { linkedDefault, stepsForGroups } from '../../src/vscode/logic/wizard';
import { groupPlaceholders } from '../../src/fill/detect';

const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const ACCT = '246813579024';
const EXAMPLE_MID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa';
const j = (v: unknown): string => JSON.stringify(v, null, 2);
const trust = (externalId: string, sourceArns: string[]): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:SourceArn': sourceArns } },
      },
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:ExternalId': externalId } },
      },
    ],
  });
const fill = (text: string, answers: Record<string, string>) => {
  const occ = findPlaceholders(text);
  const map = new Map(Object.entries(answers));
  return { occ, map, linked: linkedValues(text, occ, map), edits: planFill(occ, map) };
};
const membershipFindings = (text: string) => analyze(text).findings.filter((f) => f.rule === 'consistency-membership');

describe('fill: values linked to an answer (linkedValues)', () => {
  it('the example with mistakes: filling the Region offers the example Region of the same membership ARN, and with it the policy is consistent', () => {
    const text = EXAMPLE_WITH_MISTAKES.text;
    const { linked, edits } = fill(text, { region: 'eu-west-2', [EXAMPLE_MID]: MID, '555555555555': ACCT });
    assert.equal(linked.length, 1);
    const [v] = linked;
    assert.deepEqual(
      { from: v.from, to: v.to, field: v.field, membership: v.membership, what: v.what },
      { from: 'us-east-1', to: 'eu-west-2', field: 'region', membership: MID, what: 'the aws:SourceArn membership ARN' },
    );
    assert.equal(text.slice(v.offset, v.offset + v.length), 'us-east-1');
    assert.ok(text.slice(v.offset - 'arn:aws:cleanrooms:'.length, v.offset).endsWith('arn:aws:cleanrooms:'), 'the Region of the SourceArn ARN');
    // Placeholders only: the membership has two Regions; with the linked value too, one.
    const placeholdersOnly = applyEdits(text, edits);
    assert.equal(membershipFindings(placeholdersOnly).length, 1);
    const both = applyEdits(text, [...edits, linkedEdit(v)]);
    assert.deepEqual(membershipFindings(both), []);
    assert.match(both, /arn:aws:cleanrooms:eu-west-2:246813579024:membership\/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17/);
  });

  it('maps offsets back across answers longer and shorter than their placeholders, before and after the linked value', () => {
    // Before the linked value: an answer longer than its placeholder (<region>) and one shorter (the account token);
    // after it, the sts:ExternalId pattern's Region.
    const text = trust(`arn:aws:*:<region>:*:dbuser:*/<membership-id>*`, [
      `arn:aws:cleanrooms:<region>:<account-id-of-the-member-who-can-query>:membership/<membership-id>`,
      `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/<membership-id>`,
    ]);
    const { linked, edits } = fill(text, { '<region>': 'ap-southeast-2', '<membership-id>': MID, '<account-id-of-the-member-who-can-query>': ACCT });
    assert.deepEqual(
      linked.map((v) => [text.slice(v.offset, v.offset + v.length), v.to, text.slice(v.offset - 'arn:aws:cleanrooms:'.length, v.offset)]),
      [['us-east-1', 'ap-southeast-2', 'arn:aws:cleanrooms:']],
    );
    assert.deepEqual(membershipFindings(applyEdits(text, [...edits, ...linked.map(linkedEdit)])), []);
  });

  it('offers the account of the same membership too, when one ARN got it from an answer and another names another account', () => {
    const text = trust(`arn:aws:*:eu-west-2:*:dbuser:*/${MID}*`, [
      `arn:aws:cleanrooms:eu-west-2:<account-id>:membership/${MID}`,
      `arn:aws:cleanrooms:eu-west-2:135792468013:membership/${MID}`,
    ]);
    const { linked } = fill(text, { '<account-id>': ACCT });
    assert.deepEqual(
      linked.map((v) => [v.field, v.from, v.to]),
      [['account', '135792468013', ACCT]],
    );
  });

  it('offers nothing when the other value already agrees, names another membership, or the answers give two Regions', () => {
    const agree = trust(`arn:aws:*:<region>:*:dbuser:*/${MID}*`, [`arn:aws:cleanrooms:eu-west-2:${ACCT}:membership/${MID}`]);
    assert.deepEqual(fill(agree, { '<region>': 'eu-west-2' }).linked, []);
    const other = trust(`arn:aws:*:<region>:*:dbuser:*/${MID}*`, [`arn:aws:cleanrooms:us-east-1:${ACCT}:membership/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a`]);
    assert.deepEqual(fill(other, { '<region>': 'eu-west-2' }).linked, []);
    const two = trust(`arn:aws:*:<region>:*:dbuser:*/${MID}*`, [
      `arn:aws:cleanrooms:<collab-region>:${ACCT}:membership/${MID}`,
      `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`,
    ]);
    assert.deepEqual(fill(two, { '<region>': 'eu-west-2', '<collab-region>': 'eu-central-1' }).linked, []);
    // A wildcard Region is not a value to change; nothing answered, nothing offered.
    const wild = trust(`arn:aws:*:<region>:*:dbuser:*/${MID}*`, [`arn:aws:cleanrooms:*:${ACCT}:membership/${MID}`]);
    assert.deepEqual(fill(wild, { '<region>': 'eu-west-2' }).linked, []);
    assert.deepEqual(fill(EXAMPLE_WITH_MISTAKES.text, {}).linked, []);
  });

  it('leaves a value written with escapes alone (its offsets would not be exact)', () => {
    const text = trust(`arn:aws:*:<region>:*:dbuser:*/${MID}*`, [`arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`]).replace(
      'arn:aws:cleanrooms:us-east-1',
      'arn:aws:cleanrooms:us-east\\u002d1',
    );
    assert.deepEqual(fill(text, { '<region>': 'eu-west-2' }).linked, []);
  });
});

describe('fill: linkedValues at its edges (offsets next to an answer, order, documents without facts)', () => {
  const sourceArns = (arns: string[]): string =>
    j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:SourceArn': arns } } },
      ],
    });
  const links = (text: string, answers: Record<string, string>) =>
    fill(text, answers).linked.map((v) => [v.field, text.slice(v.offset, v.offset + v.length), v.to]);

  it('a value right before or right after an answer is not from the answer: it is offered, at its exact offset', () => {
    const arn = `arn:aws:cleanrooms:<region>:${ACCT}:membership/${MID}`;
    // The answer ends where the Region starts (and is longer than its placeholder, so the offset maps back across it).
    assert.deepEqual(
      links(sourceArns([`<arn-head>eu-west-2:${ACCT}:membership/${MID}`, arn]), { '<arn-head>': 'arn:aws:cleanrooms:', '<region>': 'us-east-1' }),
      [['region', 'eu-west-2', 'us-east-1']],
    );
    // The answer starts where the Region ends.
    assert.deepEqual(
      links(sourceArns([`arn:aws:cleanrooms:eu-west-2<arn-tail>`, arn]), { '<arn-tail>': `:${ACCT}:membership/${MID}`, '<region>': 'us-east-1' }),
      [['region', 'eu-west-2', 'us-east-1']],
    );
  });

  it('finds a value that comes before every answer', () => {
    const text = sourceArns([`arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`, `arn:aws:cleanrooms:<region>:${ACCT}:membership/${MID}`]);
    assert.deepEqual(links(text, { '<region>': 'eu-west-2' }), [['region', 'us-east-1', 'eu-west-2']]);
  });

  it('lists the values in document order, an account before a later Region of the same membership', () => {
    const text = sourceArns([
      `arn:aws:cleanrooms:<region>:<account-id>:membership/${MID}`,
      `arn:aws:cleanrooms:eu-west-2:135792468013:membership/${MID}`,
      `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/${MID}`,
    ]);
    assert.deepEqual(links(text, { '<region>': 'eu-west-2', '<account-id>': ACCT }), [
      ['account', '135792468013', ACCT],
      ['region', 'us-east-1', 'eu-west-2'],
    ]);
  });

  it('offers nothing (and does not throw) for a document that is not a policy object', () => {
    for (const text of [`["arn:aws:cleanrooms:<region>:${ACCT}:membership/${MID}"]`, `"arn:aws:cleanrooms:<region>:${ACCT}:membership/${MID}"`]) {
      assert.equal(fill(text, { '<region>': 'eu-west-2' }).edits.length, 1, text);
      assert.deepEqual(links(text, { '<region>': 'eu-west-2' }), [], text);
    }
  });
});

describe('fill: a later Region placeholder defaults to the Region just given (linkedDefault)', () => {
  it('offers the earlier Region answer to the next Region step, never to other kinds', () => {
    const text = j({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:{{region}}:{{accountId}}:table/db/t' },
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:{{us-east-1}}:{{111122223333}}:key/k' },
      ],
    });
    const steps = stepsForGroups(groupPlaceholders(findPlaceholders(text)));
    const byKey = (k: string) => steps.find((s) => s.key === k)!;
    assert.deepEqual(
      steps.map((s) => s.kind),
      ['region', 'account-id', 'region', 'account-id'],
    );
    const answers = new Map([
      ['{{region}}', 'eu-west-2'],
      ['{{accountId}}', ACCT],
    ]);
    assert.equal(linkedDefault(byKey('{{us-east-1}}'), steps, answers), 'eu-west-2');
    assert.equal(linkedDefault(byKey('{{111122223333}}'), steps, answers), undefined);
    assert.equal(linkedDefault(byKey('{{region}}'), steps, answers), undefined, 'the first Region step has no earlier one');
    assert.equal(linkedDefault(byKey('{{us-east-1}}'), steps, new Map()), undefined);
  });
});
