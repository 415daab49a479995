// Recognising a Clean Rooms role (for the editor's code lens) and the lens text. Nothing on other policies.
import { strict as assert } from 'node:assert';
import { mustTemplate, placeholderKind, ROLE_CHECKS } from '../../src/catalog';
import { checkRole } from '../../src/evaluate/role-check';
import { MIN_ACTION_SIMILARITY, recogniseRole } from '../../src/evaluate/recognise';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import { ambiguousRoleLens, roleLens, roleLensForDocument } from '../../src/vscode/logic/role-lens';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const ks = (k: string): string => placeholderKind(k).sample;
const render = (id: string): Record<string, any> => {
  const t = mustTemplate(id);
  return JSON.parse(renderTemplate(t, sampleValues(t, ks)));
};

/** Roles whose documented permissions are distinctive enough to be recognised without their trust policy. */
const BY_PERMISSIONS = [
  'read-data-s3',
  'read-data-athena',
  'ml-training-data',
  'ml-configuration',
  'ml-input-channel',
  'ml-table-association',
  'entity-resolution-id-mapping',
];

describe('recognising a Clean Rooms role', () => {
  for (const c of ROLE_CHECKS) {
    it(`${c.role}: its trust policy is recognised as a ${c.service} role including ${c.role}`, () => {
      const r = recogniseRole(render(c.trust) as never);
      assert.equal(r?.policyType, 'trust');
      assert.ok(r.roles.includes(c.role), JSON.stringify(r));
      assert.ok(r.roles.every((x) => ROLE_CHECKS.find((y) => y.role === x)!.service === c.service));
    });
    const perms = c.variants[0].permissions[0];
    it(`${c.role}: its permissions policy is ${BY_PERMISSIONS.includes(c.role) ? 'recognised' : 'left to the trust policy (generic actions)'}`, () => {
      const r = recogniseRole(render(perms) as never);
      // The ML input channel role and the seed-from-SQL role document the same five actions: both are candidates.
      if (c.role === 'ml-input-channel') assert.deepEqual(r?.roles, ['ml-read-seed', 'ml-input-channel']);
      else if (BY_PERMISSIONS.includes(c.role)) assert.deepEqual(r?.roles, [c.role]);
      else assert.equal(r, undefined, JSON.stringify(r));
    });
  }
  it('the ML lookalike trust policies name their role by the source resource type', () => {
    assert.deepEqual(recogniseRole(render('ml-training-data-trust') as never)?.roles, ['ml-training-data']);
    assert.deepEqual(recogniseRole(render('ml-write-segment-trust') as never)?.roles, ['ml-write-segment']);
    assert.deepEqual(recogniseRole(render('ml-read-seed-trust') as never)?.roles, ['ml-read-seed']);
    assert.deepEqual(recogniseRole(render('ml-configuration-trust') as never)?.roles, ['ml-configuration']);
  });
  it('a role trusting another service, or a person, is not a Clean Rooms role', () => {
    assert.equal(recogniseRole({ Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), undefined);
    assert.equal(recogniseRole(render('member-trust') as never), undefined);
  });
  it('the threshold bites: the read-data policy with half its actions is no longer recognised', () => {
    const p = render('read-data-s3-permissions');
    p.Statement[0].Action = p.Statement[0].Action.slice(0, 2);
    p.Statement.splice(1, 1);
    assert.ok(MIN_ACTION_SIMILARITY > 0.5);
    assert.equal(recogniseRole(p as never), undefined);
    const q = render('read-data-s3-permissions');
    q.Statement[0].Action = q.Statement[0].Action.slice(0, 6); // 11 of 12 actions
    assert.deepEqual(recogniseRole(q as never)?.roles, ['read-data-s3']);
  });
});

describe('the role-check code lens', () => {
  const s = ROLE_CHECKS.find((c) => c.role === 'read-data-s3')!;
  const perm = mustTemplate('read-data-s3-permissions');
  const good = render('read-data-s3-permissions');
  it('"Clean Rooms can use this role ✔" when everything is allowed', () => {
    const r = checkRole({ role: s.role, permissions: JSON.stringify(good), iam });
    assert.deepEqual(roleLens(r), { title: 'Clean Rooms can use this role ✔', ok: true, tooltip: `${r.title}: ${r.summary}` });
  });
  it('"n of N requests denied"', () => {
    const p = structuredClone(good);
    p.Statement[0].Action = p.Statement[0].Action.filter((a: string) => a !== 'glue:GetPartitions');
    const r = checkRole({ role: s.role, permissions: JSON.stringify(p), iam });
    assert.equal(roleLens(r).title, '3 of 24 requests denied');
    assert.equal(roleLens(r).ok, false);
  });
  it('trust problems and forbidden actions are named', () => {
    const trust = mustTemplate('read-data-s3-trust');
    const r = checkRole({
      role: s.role,
      permissions: JSON.stringify(good),
      trust: renderTemplate(trust, {}),
      iam,
      denyActions: ['s3:ListBucket'],
      values: { ...sampleValues(perm, ks), 'membership-id': '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17', 'membership-account-id': '210987654321' },
    });
    assert.equal(roleLens(r).title, 'trust admits another collaboration · 1 forbidden action allowed');
  });
  it('several candidate roles: the lens asks', () => {
    assert.equal(ambiguousRoleLens(['receive-results', 'pyspark-job-results']).title, 'Check Role Against Clean Rooms… (receive-results, pyspark-job-results)');
  });
});

describe('the role-check code lens for a document', () => {
  it('a read-data permissions policy: the check result', () => {
    const good = render('read-data-s3-permissions');
    assert.deepEqual(roleLensForDocument(JSON.stringify(good, null, 2), { iam })?.title, 'Clean Rooms can use this role ✔');
    good.Statement[0].Action = good.Statement[0].Action.filter((a: string) => a !== 'glue:BatchGetPartition');
    const l = roleLensForDocument(JSON.stringify(good), { iam })!;
    assert.equal(l.title, '3 of 24 requests denied');
    assert.deepEqual([l.roles, l.policyType, l.ok], [['read-data-s3'], 'permissions', false]);
  });
  it('a scoped trust policy passes; the plain one admits another collaboration', () => {
    assert.equal(
      roleLensForDocument(JSON.stringify(render('read-data-s3-trust-scoped')))?.title,
      'Check Role Against Clean Rooms… (read-data-s3, read-data-athena, read-data-snowflake, pyspark-analysis-template, pyspark-job-results, receive-results)',
    );
    assert.equal(roleLensForDocument(JSON.stringify(render('ml-configuration-trust')))?.title, 'Clean Rooms can assume this role ✔');
    const wide = render('ml-configuration-trust');
    wide.Statement[0].Condition = { ArnLike: { 'aws:SourceArn': 'arn:aws:cleanrooms:*:*:membership/*' } };
    assert.equal(roleLensForDocument(JSON.stringify(wide))?.title, 'Trust admits another collaboration');
  });
  it('nothing on other policies, on broken JSON, or on an S3-only policy', () => {
    assert.equal(roleLensForDocument('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}', { iam }), undefined);
    assert.equal(roleLensForDocument('{"Statement": [', { iam }), undefined);
    assert.equal(roleLensForDocument(JSON.stringify(render('receive-results-permissions')), { iam }), undefined);
  });
});
