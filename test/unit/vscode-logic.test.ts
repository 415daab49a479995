// Adapter logic that needs no VS Code: fix-all planning, relocation after concurrent edits, the wizard runner,
// hover contents and settings parsing (src/vscode/logic/*).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/analysis/types';
import type { PolicyTemplate } from '../../src/catalog/types';
import { findPlaceholders, groupPlaceholders } from '../../src/fill/detect';
import { applyEdits, planFill, TABLE_DATABASE_KEY } from '../../src/fill/apply';
import { isPreferredFix, planFixAll } from '../../src/vscode/logic/fixall';
import { relocateOccurrences } from '../../src/vscode/logic/relocate';
import {
  BACK,
  interpretAnswer,
  parseMembershipArn,
  remember,
  rememberedDefault,
  runSteps,
  ownerWords,
  stepsForGroups,
  stepsForTemplate,
  validateAnswer,
  type Answer,
  type FillStep,
  type StepContext,
} from '../../src/vscode/logic/wizard';
import { actionHover, arnHover, conditionKeyHover, hoverTarget, md, placeholderHover } from '../../src/vscode/logic/hover-content';
import { parseArn } from '../../src/analysis/arn/parse';
import { clampNumber, indentAfterFirstLine, severityOverrides } from '../../src/vscode/logic/settings';
import { templatePickItem } from '../../src/vscode/logic/template-pick';
import { enabledPlaceholders } from '../../src/vscode/logic/placeholder-filter';
import { PLACEHOLDER_RULE_BY_SOURCE } from '../../src/analysis/rules/placeholders';
import { ROLES, TEMPLATES } from '../../src/catalog/templates';
import { escapeOffer } from '../../src/vscode/logic/escape-offer';
import { englishT } from '../../src/fill/aws-commands';

const f = (offset: number, length: number, fixes?: Finding['fixes'], rule = 'r'): Finding => ({
  rule,
  severity: 'error',
  message: 'm',
  offset,
  length,
  docUrl: 'https://docs.aws.amazon.com/',
  ...(fixes ? { fixes } : {}),
});

describe('vscode logic: fix-all planning', () => {
  it('takes every preferred fix in document order and skips overlapping and non-preferred ones', () => {
    const text = '0123456789abcdef';
    const findings = [
      f(8, 2, [{ title: 'B', edits: [{ offset: 8, length: 2, newText: 'XY' }], preferred: true }]),
      f(0, 2, [{ title: 'A', edits: [{ offset: 0, length: 2, newText: 'ab' }], preferred: true }]),
      f(9, 3, [{ title: 'C overlaps B', edits: [{ offset: 9, length: 3, newText: '!' }], preferred: true }]),
      f(12, 1, [{ title: 'D not preferred', edits: [{ offset: 12, length: 1, newText: '?' }] }]),
      f(4, 0),
    ];
    const plan = planFixAll(findings);
    assert.deepEqual(
      plan.fixed.map((x) => x.fixes![0].title),
      ['A', 'B'],
    );
    assert.equal(applyEdits(text, plan.edits), 'ab234567XYabcdef');
  });

  it('applies an edit shared by two findings once, and rejects two insertions at one point', () => {
    const same = { title: 'S', edits: [{ offset: 3, length: 1, newText: 'Z' }], preferred: true };
    const ins1 = { title: 'I1', edits: [{ offset: 6, length: 0, newText: 'a' }], preferred: true };
    const ins2 = { title: 'I2', edits: [{ offset: 6, length: 0, newText: 'b' }], preferred: true };
    const plan = planFixAll([f(3, 1, [same], 'x'), f(3, 1, [{ ...same, edits: [...same.edits] }], 'y'), f(6, 0, [ins1]), f(6, 0, [ins2])]);
    assert.equal(plan.edits.length, 2);
    assert.equal(plan.fixed.length, 3);
    assert.equal(applyEdits('0123456789', plan.edits), '012Z45a6789');
  });

  it('marks the engine-preferred fix, or the only fix, as preferred', () => {
    const a = { title: 'a', edits: [] };
    const b = { title: 'b', edits: [], preferred: true };
    assert.equal(isPreferredFix(f(0, 1, [a]), a), true);
    assert.equal(isPreferredFix(f(0, 1, [a, b]), a), false);
    assert.equal(isPreferredFix(f(0, 1, [a, b]), b), true);
  });
});

describe('vscode logic: relocating placeholders after a concurrent edit', () => {
  const before = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/*","Condition":{"StringEquals":{"aws:ResourceAccount":"<account-id>"}}}]}';
  const occ = findPlaceholders(before);

  it('re-finds every answered placeholder at its new position', () => {
    const after = '\n\n  ' + before.replace('"Condition"', '"Sid":"Added",\n"Condition"');
    const r = relocateOccurrences(occ, new Set(['<bucket>', '<account-id>']), after);
    assert.ok(r.ok);
    assert.deepEqual(
      r.occurrences.map((o) => after.substr(o.offset, o.length)),
      ['<bucket>', '<account-id>'],
    );
    assert.notEqual(r.occurrences[0].offset, occ[0].offset);
  });

  it('refuses when the user removed or duplicated an answered placeholder', () => {
    const removed = before.replace('<bucket>', 'my-own-bucket');
    const r1 = relocateOccurrences(occ, new Set(['<bucket>']), removed);
    assert.equal(r1.ok, false);
    assert.match((r1 as { reason: string }).reason, /<bucket>.*no longer/);
    const dup = before.replace('"Condition"', '"Sid":"<bucket>","Condition"').replace('"Sid":"<bucket>"', '"NotResource":"arn:aws:s3:::<bucket>"');
    const r2 = relocateOccurrences(occ, new Set(['<bucket>']), dup);
    assert.equal(r2.ok, false);
    // Unanswered placeholders may change freely.
    assert.equal(relocateOccurrences(occ, new Set(['<account-id>']), removed).ok, true);
  });
});

const template: PolicyTemplate = {
  id: 't',
  title: 'Test template',
  role: 'r',
  policyType: 'trust',
  docUrl: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html',
  description: 'd',
  body: {},
  placeholders: [
    { name: 'region', kind: 'region' },
    { name: 'member-account-id', kind: 'account-id', label: 'Member account', help: 'The account of the member who can query.' },
    { name: 'membership-id', kind: 'membership-id' },
    { name: 'bucket', kind: 'bucket' },
  ],
  snippetPrefix: 'x',
};

/** A scripted ask: answers in order; records the steps asked. */
function scripted(answers: Answer[]) {
  const asked: Array<{ key: string; ctx: StepContext }> = [];
  const ask = async (step: FillStep, ctx: StepContext): Promise<Answer> => {
    asked.push({ key: step.key, ctx: { ...ctx, answers: new Map(ctx.answers) } });
    if (!answers.length) throw new Error(`no scripted answer for ${step.key}`);
    return answers.shift();
  };
  return { ask, asked };
}

describe('vscode logic: wizard', () => {
  it('has one step per template placeholder with template-specific label/help and region steps as picks', () => {
    const steps = stepsForTemplate(template);
    assert.deepEqual(
      steps.map((s) => [s.key, s.type]),
      [
        ['region', 'region'],
        ['member-account-id', 'input'],
        ['membership-id', 'input'],
        ['bucket', 'input'],
      ],
    );
    assert.equal(steps[1].label, 'Member account');
    assert.equal(steps[1].help, 'The account of the member who can query.');
  });

  it('groups document placeholders: one step per distinct key with its occurrence count', () => {
    const text = '{"Statement":[{"Resource":["arn:aws:glue:aws-region:accountId:catalog","arn:aws:glue:aws-region:accountId:database/x"]}]}';
    const steps = stepsForGroups(groupPlaceholders(findPlaceholders(text)));
    assert.deepEqual(
      steps.map((s) => [s.key, s.kind, s.occurrences]),
      [
        ['aws-region', 'region', 2],
        ['accountId', 'account-id', 2],
      ],
    );
  });

  it("asks for the database of a table/table ARN: from the page's database placeholder, or in a step of its own (issue 14 item 2)", async () => {
    const seedLike = '{"Statement":[{"Resource":["arn:aws:glue:aws-region:accountId:database/database","arn:aws:glue:aws-region:accountId:table/table"]}]}';
    const withDb = stepsForGroups(groupPlaceholders(findPlaceholders(seedLike)));
    assert.deepEqual(
      withDb.map((s) => [s.key, s.kind]),
      [
        ['aws-region', 'region'],
        ['accountId', 'account-id'],
        ['database', 'glue-database'],
        ['table', 'glue-table'],
      ],
    );
    assert.match(withDb[3].help, /table\/<database>\/<table>/);
    assert.doesNotMatch(withDb[2].help, /table\/<database>\/<table>/);
    const alone = '{"Statement":[{"Resource":["arn:aws:glue:aws-region:accountId:catalog","arn:aws:glue:aws-region:accountId:table/table"]}]}';
    const occ = findPlaceholders(alone);
    const steps = stepsForGroups(groupPlaceholders(occ));
    assert.deepEqual(
      steps.map((s) => [s.key, s.kind, s.type]),
      [
        ['aws-region', 'region', 'region'],
        ['accountId', 'account-id', 'input'],
        [TABLE_DATABASE_KEY, 'glue-database', 'input'],
        ['table', 'glue-table', 'input'],
      ],
    );
    assert.equal(steps[2].label, 'AWS Glue database name');
    assert.match(validateAnswer(steps[2], 'Sales')!, /lower case/);
    assert.match(validateAnswer(steps[2], '')!, /Enter the AWS Glue database name/);
    const { ask } = scripted(['eu-west-2', '604718293525', 'sales', 'orders']);
    const r = await runSteps(steps, ask);
    assert.ok(r && r !== BACK);
    assert.ok(applyEdits(alone, planFill(occ, r.answers)).includes('"arn:aws:glue:eu-west-2:604718293525:table/sales/orders"'));
  });

  it('never titles two steps alike: two account IDs say whose account each is (issue 14 item 10)', () => {
    const seed = readFileSync('test/fixtures/workspace/seed-read-data-permissions-policy.json', 'utf8');
    const steps = stepsForGroups(groupPlaceholders(findPlaceholders(seed)));
    const accounts = steps.filter((s) => s.kind === 'account-id');
    assert.deepEqual(
      accounts.map((s) => [s.key, s.label]),
      [
        ['accountId', 'AWS account ID (accountId)'],
        ['s3BucketOwnerAccountId', 'AWS account ID (S3 bucket owner)'],
      ],
    );
    assert.equal(new Set(steps.map((s) => s.label)).size, steps.length, 'every title distinct');
    // A label that is already unique is left alone.
    assert.equal(steps.find((s) => s.kind === 'region')!.label, 'Collaboration Region');
    // Names say whose value it is; doc example values are named as written.
    assert.equal(ownerWords('queryRunnerAccountId', 'AWS account ID'), 'Query runner');
    assert.equal(ownerWords('<job-runner-account-id>', 'AWS account ID'), 'Job runner');
    assert.equal(ownerWords('111122223333', 'AWS account ID'), '');
    const two = '{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":["111122223333","444455556666"]}}}]}';
    assert.deepEqual(
      stepsForGroups(groupPlaceholders(findPlaceholders(two))).map((s) => s.label),
      ['AWS account ID (111122223333)', 'AWS account ID (444455556666)'],
    );
    for (const t of TEMPLATES) {
      const labels = stepsForTemplate(t).map((s) => s.label);
      assert.equal(new Set(labels).size, labels.length, `${t.id}: ${labels.join(' | ')}`);
    }
  });

  it('runs steps in order with step counters, goes Back one step and re-asks it', async () => {
    const steps = stepsForTemplate(template);
    const { ask, asked } = scripted(['eu-west-2', '604718293525', BACK, '817364052948', 'e2c94a17-5b3d-4f08-9a6e-73d1b8f0c245', 'my-data-bucket']);
    const r = await runSteps(steps, ask, { offset: 1 });
    assert.ok(r && r !== BACK);
    assert.deepEqual(
      asked.map((a) => [a.key, a.ctx.step, a.ctx.totalSteps]),
      [
        ['region', 2, 5],
        ['member-account-id', 3, 5],
        ['membership-id', 4, 5],
        ['member-account-id', 3, 5],
        ['membership-id', 4, 5],
        ['bucket', 5, 5],
      ],
    );
    // The previous answer is there when going back (offered as the default).
    assert.equal(asked[3].ctx.answers.get('member-account-id'), '604718293525');
    assert.deepEqual(Object.fromEntries(r.answers), {
      region: 'eu-west-2',
      'member-account-id': '817364052948',
      'membership-id': 'e2c94a17-5b3d-4f08-9a6e-73d1b8f0c245',
      bucket: 'my-data-bucket',
    });
  });

  it('cancels on Escape at any step, and returns BACK from the first step only when allowed', async () => {
    const steps = stepsForTemplate(template);
    assert.equal(await runSteps(steps, scripted(['eu-west-2', undefined]).ask), undefined);
    assert.equal(await runSteps(steps, scripted([BACK]).ask, { backFromFirst: true }), BACK);
    const s = scripted([BACK, undefined]);
    assert.equal(await runSteps(steps, s.ask), undefined);
    assert.deepEqual(
      s.asked.map((a) => [a.key, a.ctx.canGoBack]),
      [
        ['region', false],
        ['region', false],
      ],
    );
  });

  it('after Escape, the answers map given to runSteps holds the values given so far (New Policy offers them)', async () => {
    const steps = stepsForTemplate(template);
    const given = new Map<string, string>();
    assert.equal(await runSteps(steps, scripted(['eu-west-2', ' 604718293525 ', undefined]).ask, { answers: given }), undefined);
    assert.deepEqual(Object.fromEntries(given), { region: 'eu-west-2', 'member-account-id': '604718293525' });
    // Back then Escape: the later answer given before going back is kept too.
    const again = new Map<string, string>();
    await runSteps(steps, scripted(['eu-west-2', '604718293525', BACK, undefined]).ask, { answers: again });
    assert.deepEqual(Object.fromEntries(again), { region: 'eu-west-2', 'member-account-id': '604718293525' });
  });

  it('the Escape offer names the values given and the placeholders left, and says how to fill them', () => {
    const offer = (answers: Record<string, string>) => escapeOffer(template, new Map(Object.entries(answers)), englishT);
    const none = offer({});
    assert.equal(
      none.message,
      `Create "${template.title}" with its 4 placeholders (<region>, <member-account-id>, <membership-id>, <bucket>) left in place to fill later?`,
    );
    assert.deepEqual(none.remaining, ['region', 'member-account-id', 'membership-id', 'bucket']);
    assert.match(none.detail, /Fill Placeholders/);
    const one = offer({ region: 'eu-west-2' });
    assert.equal(
      one.message,
      `Create "${template.title}" with the value you entered and 3 placeholders (<member-account-id>, <membership-id>, <bucket>) left in place to fill later?`,
    );
    const three = offer({ region: 'eu-west-2', 'member-account-id': '604718293525', bucket: 'b' });
    assert.equal(three.message, `Create "${template.title}" with the 3 values you entered and the placeholder <membership-id> left in place to fill later?`);
    assert.deepEqual(three.remaining, ['membership-id']);
    const five = escapeOffer({ ...template, placeholders: [...template.placeholders, { name: 'prefix', kind: 's3-prefix' }] }, new Map(), englishT);
    assert.match(five.message, /its 5 placeholders \(<region>, <member-account-id>, <membership-id>, <bucket>, …\)/);
  });

  it('a membership ARN pasted into a membership-id step yields the id and fills the Region step', async () => {
    const tpl = { ...template, placeholders: [template.placeholders[2], template.placeholders[0]] };
    const steps = stepsForTemplate(tpl);
    const arn = 'arn:aws:cleanrooms:eu-north-1:604718293525:membership/e2c94a17-5b3d-4f08-9a6e-73d1b8f0c245';
    assert.equal(validateAnswer(steps[0], arn), undefined);
    assert.deepEqual(interpretAnswer(steps[0], ` ${arn} `, steps), { value: 'e2c94a17-5b3d-4f08-9a6e-73d1b8f0c245', implied: { region: 'eu-north-1' } });
    const { ask, asked } = scripted([arn]);
    const r = await runSteps(steps, ask);
    assert.ok(r && r !== BACK);
    assert.deepEqual(
      asked.map((a) => a.key),
      ['membership-id'],
    );
    assert.equal(r.answers.get('region'), 'eu-north-1');
    // An ARN in a Region where Clean Rooms does not run is rejected as you type.
    assert.match(validateAnswer(steps[0], arn.replace('eu-north-1', 'eu-south-1'))!, /not available in eu-south-1/);
    assert.equal(parseMembershipArn('arn:aws:cleanrooms:us-east-1:1234:membership/x'), undefined);
    // The paired account placeholder (<x-membership-id> / <x-account-id>) comes from the ARN too.
    const paired = stepsForTemplate({
      ...template,
      placeholders: [
        { name: 'query-runner-membership-id', kind: 'membership-id' },
        { name: 'query-runner-account-id', kind: 'account-id' },
        { name: 'bucket-account-id', kind: 'account-id' },
      ],
    });
    assert.deepEqual(interpretAnswer(paired[0], arn, paired).implied, { 'query-runner-account-id': '604718293525' });
  });

  it('validates with the kind validator (doc example values rejected)', () => {
    const [region, account, membership, bucket] = stepsForTemplate(template);
    assert.equal(validateAnswer(region, 'eu-west-2'), undefined);
    assert.match(validateAnswer(region, 'us-east-1a')!, /Availability Zone/);
    assert.match(validateAnswer(account, '111122223333')!, /example account ID/);
    assert.match(validateAnswer(membership, 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')!, /example membership ID/);
    assert.match(validateAnswer(bucket, 'Bad_Bucket')!, /lower-case/);
  });

  it('remembers answers by key and kind, and offers them only when still valid', () => {
    const steps = stepsForTemplate(template);
    const mem = remember(
      undefined,
      steps,
      new Map([
        ['region', 'eu-west-2'],
        ['member-account-id', '604718293525'],
      ]),
    );
    assert.equal(rememberedDefault(mem, steps[0]), 'eu-west-2');
    const other = stepsForGroups(groupPlaceholders(findPlaceholders('{"Statement":[{"Resource":"arn:aws:glue:aws-region:accountId:catalog"}]}')));
    assert.equal(rememberedDefault(mem, other[1]), '604718293525', 'by kind');
    assert.equal(rememberedDefault({ byKey: { region: 'mars-1' }, byKind: {} }, steps[0]), undefined);
  });
});

describe('vscode logic: hovers', () => {
  const text = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:List*'],
          Resource: 'arn:aws:s3:::harbourline-exports/*',
          Condition: { StringEquals: { 's3:ResourceAccount': '604718293525' } },
        },
      ],
    },
    null,
    2,
  );
  const at = (needle: string, delta = 1) => text.indexOf(needle) + delta;

  it('finds the action, condition key and ARN under the cursor', () => {
    assert.deepEqual(hoverTarget(text, at('"s3:GetObject"')), { type: 'action', value: 's3:GetObject', offset: at('"s3:GetObject"'), length: 12, not: false });
    assert.equal(hoverTarget(text, at('"s3:ResourceAccount"'))?.type, 'condition-key');
    assert.equal(hoverTarget(text, at('"arn:aws:s3'))?.type, 'arn');
    assert.equal(hoverTarget(text, at('"Allow"')), undefined);
    assert.equal(hoverTarget(text, at('"604718293525"')), undefined);
    // A single statement object (not an array) works too.
    const single = '{"Statement":{"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"x"}}}}';
    assert.equal(hoverTarget(single, single.indexOf('sts:Assume'))?.type, 'action');
    assert.equal(hoverTarget(single, single.indexOf('sts:External'))?.type, 'condition-key');
  });

  it('shows the ARN fields with the Region name and whether Clean Rooms runs there', () => {
    // The hover splits ARNs with the one ARN parser (analysis/arn/parse.ts).
    const a = parseArn('arn:aws:glue:eu-west-2:604718293525:table/db/t');
    assert.deepEqual(
      { partition: a.partition?.text, service: a.service?.text, region: a.region?.text, account: a.account?.text, resource: a.resource?.text },
      { partition: 'aws', service: 'glue', region: 'eu-west-2', account: '604718293525', resource: 'table/db/t' },
    );
    const h = arnHover('arn:aws:glue:eu-west-2:604718293525:table/db/t');
    assert.match(h, /Europe \\\(London\\\): AWS Clean Rooms runs here/);
    assert.match(arnHover('arn:aws:glue:eu-south-1:604718293525:catalog'), /does \*\*not\*\* run here/);
    assert.match(arnHover('arn:aws:s3::bucket/prefix/*'), /has 4 colons; an ARN has at least 5/);
  });

  it('shows placeholder help, template-specific when a template declares the name', () => {
    const text2 = '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/*","Condition":{"StringEquals":{"aws:ResourceAccount":"<member-account-id>"}}}]}';
    const occ = findPlaceholders(text2);
    assert.match(placeholderHover(occ[0], []), /\*\*S3 bucket name\*\*: `<bucket>` is a placeholder/);
    assert.match(placeholderHover(occ[1], [template]), /\*\*Member account\*\*[\s\S]*The account of the member who can query[\s\S]*Test template/);
    const ex = findPlaceholders('{"Statement":[{"Resource":"arn:aws:glue:us-east-1:111122223333:catalog"}]}')[0];
    assert.match(placeholderHover(ex, []), /example value from the AWS docs/);
  });

  it('shows IAM data for actions and condition keys, and degrades without it', () => {
    const h = actionHover(
      's3:GetObject',
      {
        service: 's3',
        name: 'GetObject',
        description: 'Grants permission to retrieve objects',
        accessLevel: 'Read',
        resourceTypes: [{ name: 'object', required: true, arnTemplates: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'] }],
      },
      '0.21.1 (2026-09-26)',
    );
    assert.match(h, /access level: \*\*Read\*\*/);
    assert.match(h, /object \(required\): `arn:\$\{Partition\}/);
    assert.match(h, /IAM reference data 0\\\.21\\\.1/);
    assert.match(actionHover('s3:GetObjekt', undefined, undefined), /not in the IAM reference data/);
    assert.match(actionHover('s3:GetObject', undefined, undefined, true), /still loading/);
    assert.match(actionHover('s3:List*', undefined, undefined), /Action pattern/);
    assert.match(conditionKeyHover('aws:SourceArn', { key: 'aws:SourceArn', type: 'ARN', multivalued: false }, 'v'), /type: \*\*ARN\*\* · single-valued/);
    assert.match(conditionKeyHover('x:y', undefined, undefined), /no details/);
    assert.equal(md('a*b_[c]'), 'a\\*b\\_\\[c\\]');
  });
});

describe('vscode logic: settings', () => {
  it('maps the rules setting to severity overrides, ignoring invalid levels', () => {
    assert.deepEqual(severityOverrides({ a: 'error', b: 'OFF', c: 'loud', d: 3 }), { overrides: { a: 'error', b: 'off' }, invalid: ['c', 'd'] });
    assert.deepEqual(severityOverrides(['x']), { overrides: {}, invalid: [] });
    assert.deepEqual(severityOverrides(undefined), { overrides: {}, invalid: [] });
  });
  it('clamps numbers and indents inserted text', () => {
    assert.equal(clampNumber('5', 200, 0, 5000), 200);
    assert.equal(clampNumber(-1, 200, 0, 5000), 0);
    assert.equal(clampNumber(1e9, 5, 0.001, 100), 100);
    assert.equal(indentAfterFirstLine('{\n  "a": 1\n}', '    '), '{\n      "a": 1\n    }');
  });
});

describe('vscode logic: the template picker (issue 14 items 10 and 11)', () => {
  const byId = (id: string) => TEMPLATES.find((t) => t.id === id)!;
  it('counts the values to fill in the singular and the plural, and names none when there is nothing to fill', () => {
    const counts = new Map(TEMPLATES.map((t) => [t.placeholders.length, t]));
    assert.ok(counts.has(1) && counts.size > 2, 'the catalog has a template with one placeholder and others with more');
    for (const [n, t] of counts) {
      const d = templatePickItem(t, ROLES).description;
      assert.equal(d, n === 0 ? t.policyType : n === 1 ? `${t.policyType} · 1 value to fill` : `${t.policyType} · ${n} values to fill`);
    }
  });

  it('shows, where the template is picked, the role path and name the managed policies can pass', () => {
    const item = templatePickItem(byId('receive-results-permissions'), ROLES);
    assert.equal(item.id, 'receive-results-permissions');
    assert.ok(item.detail.startsWith(byId('receive-results-permissions').description));
    assert.ok(item.detail.includes('arn:aws:iam::*:role/service-role/*cleanrooms*'), item.detail);
    assert.equal(templatePickItem(byId('member-trust'), ROLES).detail, byId('member-trust').description);
  });
});

describe('vscode logic: placeholders of a rule turned off (issue 14 item 10)', () => {
  const text =
    '{"Statement":[{"Resource":"arn:aws:s3:::<bucket>/*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333","s3:ResourceAccount":"accountId"}}}]}';
  const occ = findPlaceholders(text);
  const sources = (rules: Record<string, 'off' | 'info'>) => enabledPlaceholders(occ, rules).map((o) => o.source);
  it('keeps every placeholder by default, and drops exactly those of each rule set to off', () => {
    assert.deepEqual(sources({}), ['token', 'example-value', 'bare-name']);
    assert.deepEqual(sources({ 'placeholder-example-value': 'off' }), ['token', 'bare-name']);
    assert.deepEqual(sources({ 'placeholder-bare-name': 'off' }), ['token', 'example-value']);
    assert.deepEqual(sources({ 'placeholder-token': 'off', 'placeholder-example-value': 'info' }), ['example-value', 'bare-name']);
    assert.equal(PLACEHOLDER_RULE_BY_SOURCE.braces, 'placeholder-token');
  });
});

describe('vscode logic: relocation with the database asked for a table/table ARN (issue 14 item 2)', () => {
  it('keeps the asked database (it never occurs in the document) and fills the table at its new place', () => {
    const before = '{"Statement":[{"Resource":"arn:aws:glue:eu-west-2:604718293525:table/table"}]}';
    const after = before.replace('{"Resource"', '{"Sid":"Read","Resource"');
    const occ = findPlaceholders(before);
    const r = relocateOccurrences(occ, new Set([TABLE_DATABASE_KEY, 'table']), after);
    assert.ok(r.ok);
    const answers = new Map([
      [TABLE_DATABASE_KEY, 'sales'],
      ['table', 'orders'],
    ]);
    assert.equal(applyEdits(after, planFill(r.occurrences, answers)), after.replace('table/table', 'table/sales/orders'));
  });
});
