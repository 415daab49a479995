// The role check (issue 16, "Done when"): every catalog role's own template passes; each documented mutation fails
// with a message that names the missing action or resource; wildcard-heavy sufficient policies pass; broader and
// forbidden access is reported.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  mustTemplate,
  placeholderKind,
  ROLE_CHECKS,
  ROLES,
  templateStatements,
  type PolicyTemplate,
  type RoleCheckSpec,
  type RoleVariant,
} from '../../src/catalog';
import { roleCheckMarkdown } from '../../src/evaluate/role-docs';
import { roleFixEdit } from '../../src/evaluate/role-fix';
import {
  appliesTo,
  checkRole,
  documentedRequests,
  inferValues,
  RoleCheckError,
  STAR_SAMPLE,
  type RoleCheckInput,
  type RoleCheckResult,
} from '../../src/evaluate/role-check';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const ks = (k: string): string => placeholderKind(k).sample;

type Json = Record<string, any>;

/** Sample values for every template a role variant uses (optional statements included), plus overrides. */
function valuesFor(spec: RoleCheckSpec, v: RoleVariant, over: Record<string, string> = {}): Record<string, string> {
  const vals: Record<string, string> = {};
  for (const id of [spec.trust, ...v.permissions, ...(v.optional ?? []).map((o) => o.template)]) Object.assign(vals, sampleValues(mustTemplate(id), ks));
  return { ...vals, ...over };
}

function rendered(t: PolicyTemplate, values: Record<string, string>): Json {
  return JSON.parse(renderTemplate(t, values));
}

/** The permissions policy of a variant, rendered; with `withOptional`, the optional statements appended. */
function permissionsOf(v: RoleVariant, values: Record<string, string>, withOptional = false): Json {
  const statements: Json[] = [];
  for (const id of v.permissions) statements.push(...rendered(mustTemplate(id), values).Statement);
  if (withOptional) {
    for (const o of v.optional ?? []) {
      const t = mustTemplate(o.template);
      const r = rendered(t, values);
      statements.push(...(t.policyType === 'statement' ? [r] : r.Statement));
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

function run(spec: RoleCheckSpec, v: RoleVariant, policy: Json, over: Partial<RoleCheckInput> = {}, values?: Record<string, string>): RoleCheckResult {
  const vals = values ?? valuesFor(spec, v);
  return checkRole({
    role: spec.role,
    variant: v.id,
    permissions: JSON.stringify(policy),
    trust: JSON.stringify(rendered(mustTemplate(spec.trust), vals)),
    iam,
    ...over,
  });
}

const notAllowed = (r: RoleCheckResult) => r.requests.filter((q) => q.decision !== 'allowed');
const everyVariant = ROLE_CHECKS.flatMap((spec) => spec.variants.map((v) => ({ spec, v })));
const spec = (role: string): RoleCheckSpec => ROLE_CHECKS.find((r) => r.role === role)!;
const only = (role: string): { s: RoleCheckSpec; v: RoleVariant } => ({ s: spec(role), v: spec(role).variants[0] });

describe('role check: the catalog', () => {
  it('every service role of the catalog has a check, and only the member role (assumed by people) has none', () => {
    assert.deepEqual(
      ROLES.filter((r) => !ROLE_CHECKS.some((c) => c.role === r.id)).map((r) => r.id),
      ['member'],
    );
  });
  it('every template a check names exists, is of the right type, and (but the shared scoped trust) belongs to the role', () => {
    for (const c of ROLE_CHECKS) {
      const trust = mustTemplate(c.trust);
      assert.equal(trust.policyType, 'trust', c.trust);
      assert.ok(trust.role === c.role || c.trust === 'read-data-s3-trust-scoped', `${c.role}: ${c.trust}`);
      const principal = JSON.stringify(templateStatements(trust).map((s) => s.Principal));
      assert.ok(principal.includes(c.service), `${c.role}: trust principal ${principal} lacks ${c.service}`);
      for (const v of c.variants) {
        for (const id of v.permissions) assert.equal(mustTemplate(id).role, c.role, id);
        for (const o of v.optional ?? []) {
          assert.equal(mustTemplate(o.template).role, c.role, o.template);
          assert.ok(
            mustTemplate(o.template).placeholders.some((p) => p.name === o.when),
            `${o.template} has no <${o.when}>`,
          );
        }
      }
    }
  });
});

describe('role check: every catalog role rendered with realistic values passes its own check', () => {
  for (const { spec: s, v } of everyVariant) {
    it(`${s.role} (${v.id})`, () => {
      const r = run(s, v, permissionsOf(v, valuesFor(s, v)));
      assert.deepEqual(
        notAllowed(r).map((q) => `${q.action} ${q.resource}: ${q.reason}`),
        [],
      );
      assert.ok(r.requests.length > 0);
      assert.equal(r.trust?.ok, true, JSON.stringify(r.trust));
      assert.deepEqual(
        r.broader.map((b) => b.message),
        [],
      );
      assert.deepEqual(r.unknownValues, []);
      assert.equal(r.ok, true);
      assert.match(r.summary, /^Clean Rooms can use this role/);
    });
    if (v.optional?.length) {
      it(`${s.role} (${v.id}) with its optional statements and their values`, () => {
        const vals = valuesFor(s, v);
        const r = run(s, v, permissionsOf(v, vals, true), {}, vals);
        assert.deepEqual(
          notAllowed(r).map((q) => `${q.action} ${q.resource}: ${q.reason}`),
          [],
        );
        for (const o of v.optional!)
          assert.ok(
            r.requests.some((q) => q.template === o.template),
            `${o.template} not checked`,
          );
        assert.equal(r.ok, true);
      });
    }
  }
  it('the values are inferred from the policy itself (nothing given)', () => {
    const { s, v } = only('read-data-s3');
    const r = run(s, v, permissionsOf(v, valuesFor(s, v)));
    assert.deepEqual(
      Object.fromEntries(
        ['database', 'table', 'bucket', 'prefix', 'glue-account-id', 'membership-id', 'query-runner-membership-id'].map((n) => [n, r.values[n]]),
      ),
      {
        database: { value: 'marketing_db', source: 'inferred' },
        table: { value: 'customer_events', source: 'inferred' },
        bucket: { value: 'acme-cleanrooms-data', source: 'inferred' },
        prefix: { value: 'customers/2026', source: 'inferred' },
        'glue-account-id': { value: '210987654321', source: 'inferred' },
        'membership-id': { value: '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17', source: 'inferred' },
        'query-runner-membership-id': { value: '8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', source: 'inferred' },
      },
    );
  });
  it('the Service Authorization Reference decides which (action, resource) pairs are requests (GetDatabase is not asked on a table)', () => {
    const { s, v } = only('read-data-s3');
    const r = run(s, v, permissionsOf(v, valuesFor(s, v)));
    const pairs = r.requests.map((q) => `${q.action} ${q.resource.replace(/^arn:aws:glue:eu-west-2:210987654321:/, '')}`);
    assert.ok(pairs.includes('glue:GetTable database/marketing_db'));
    assert.ok(pairs.includes('glue:GetTable catalog'));
    assert.ok(pairs.includes('glue:GetTable table/marketing_db/customer_events'));
    assert.ok(!pairs.includes('glue:GetDatabase table/marketing_db/customer_events'));
    assert.equal(r.requests.length, 24); // 7 Glue actions x 3 ARNs - 2 (GetDatabase/GetDatabases on the table), 2 schema, 2 bucket, 1 object
  });
});

describe('role check: removing any one documented action fails, naming it', () => {
  for (const { spec: s, v } of everyVariant) {
    const vals = valuesFor(s, v);
    const full = permissionsOf(v, vals, true);
    full.Statement.forEach((st: Json, i: number) => {
      if (st.Effect !== 'Allow') return;
      for (const action of ([] as string[]).concat(st.Action)) {
        it(`${s.role} (${v.id}): without ${action} in statement ${i}`, () => {
          const p = structuredClone(full);
          // Removed from every statement that grants it on the same resources (the Snowflake KMS policy repeats
          // the secret statement of the plain one).
          const same = JSON.stringify(st.Resource);
          for (const other of p.Statement) {
            if (JSON.stringify(other.Resource) === same) other.Action = ([] as string[]).concat(other.Action).filter((a: string) => a !== action);
          }
          const r = run(s, v, p, { values: pickOptionalSwitches(v, vals) }, vals);
          const denied = notAllowed(r);
          assert.ok(denied.length > 0, 'nothing denied');
          assert.ok(denied.every((q) => q.decision === 'denied'));
          assert.ok(
            denied.some((q) => q.action === action),
            denied.map((q) => q.action).join(','),
          );
          for (const q of denied) assert.ok(q.missing?.includes(q.action), q.missing);
          assert.equal(r.ok, false);
          assert.match(r.summary, new RegExp(`^${denied.length} of ${r.requests.length} requests denied`));
        });
      }
    });
  }
});

/** The values that switch the optional statements on (as `--set kms-key-id=…` would). */
function pickOptionalSwitches(v: RoleVariant, vals: Record<string, string>): Record<string, string> {
  return Object.fromEntries((v.optional ?? []).map((o) => [o.when, vals[o.when]]));
}

describe('role check: the documented mistakes', () => {
  for (const role of ['read-data-s3', 'ml-training-data', 'ml-table-association', 'entity-resolution-id-mapping']) {
    it(`${role}: the Glue ARNs replaced with the table ARN alone -> the database and catalog requests are denied`, () => {
      const { s, v } = only(role);
      const vals = valuesFor(s, v);
      const p = permissionsOf(v, vals);
      const glue = p.Statement.find((st: Json) => ([] as string[]).concat(st.Resource).some((r: string) => r.includes(':table/')));
      const table = glue.Resource.find((r: string) => r.includes(':table/'));
      glue.Resource = [table];
      const r = run(s, v, p);
      const denied = notAllowed(r);
      assert.ok(denied.length > 0);
      for (const q of denied) {
        assert.equal(q.decision, 'denied');
        assert.match(q.action, /^glue:/);
        assert.ok(/:catalog$|:database\//.test(q.resource), q.resource);
        // Added to the Glue statement, or (database/default of the ML role) the action to the statement on that ARN.
        assert.ok(
          (q.missing!.startsWith(`add ${q.resource} to the Resource of statement ${p.Statement.indexOf(glue)}`) &&
            q.missing!.endsWith(`which allows ${q.action} on other resources`)) ||
            (q.missing!.startsWith(`add ${q.action} to the Action of statement `) && q.missing!.endsWith(`which covers ${q.resource}`)),
          q.missing,
        );
        assert.ok(q.fix, `${q.action} ${q.resource}: no fix`);
      }
      assert.ok(denied.some((q) => q.action === 'glue:GetTable' && q.resource.endsWith(':catalog')));
      assert.ok(denied.some((q) => q.action === 'glue:GetTable' && q.resource.includes(':database/')));
    });
  }

  it('an object grant on another prefix (prefix given) -> GetObject on the data is denied, naming the object ARN', () => {
    const { s, v } = only('read-data-s3');
    const vals = valuesFor(s, v);
    const p = permissionsOf(v, vals);
    p.Statement[3].Resource = ['arn:aws:s3:::acme-cleanrooms-data/other/*'];
    const r = run(s, v, p, { values: { prefix: 'customers/2026' } });
    assert.deepEqual(
      notAllowed(r).map((q) => [q.action, q.resource, q.decision, q.missing]),
      [
        [
          's3:GetObject',
          'arn:aws:s3:::acme-cleanrooms-data/customers/2026/*',
          'denied',
          'add arn:aws:s3:::acme-cleanrooms-data/customers/2026/* to the Resource of statement 3 (Sid "NecessaryS3ObjectPermissions"), which allows s3:GetObject on other resources',
        ],
      ],
    );
  });

  it('a grant that covers only part of the prefix is not enough (a sub-folder, or one-character names)', () => {
    const { s, v } = only('read-data-s3');
    for (const narrower of ['arn:aws:s3:::acme-cleanrooms-data/customers/2026/data/*', 'arn:aws:s3:::acme-cleanrooms-data/customers/2026/?']) {
      const p = permissionsOf(v, valuesFor(s, v));
      p.Statement[3].Resource = [narrower];
      const r = run(s, v, p, { values: { prefix: 'customers/2026' } });
      assert.deepEqual(
        notAllowed(r).map((q) => q.action),
        ['s3:GetObject'],
        narrower,
      );
    }
    for (const wider of ['arn:aws:s3:::acme-cleanrooms-data/*', 'arn:aws:s3:::acme-cleanrooms-data/customers/*']) {
      const p = permissionsOf(v, valuesFor(s, v));
      p.Statement[3].Resource = [wider];
      const r = run(s, v, p, { values: { prefix: 'customers/2026' } });
      assert.deepEqual(notAllowed(r), [], wider);
    }
  });

  it('a Deny on the data -> the object request is denied explicitly by that statement', () => {
    const { s, v } = only('read-data-s3');
    const p = permissionsOf(v, valuesFor(s, v));
    p.Statement.push({ Sid: 'NoData', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*' });
    const r = run(s, v, p);
    const denied = notAllowed(r);
    assert.deepEqual(
      denied.map((q) => [q.action, q.decision, q.statement]),
      [['s3:GetObject', 'denied', { index: 4, sid: 'NoData' }]],
    );
    assert.match(denied[0].reason, /explicitly denied by statement 4 \(Sid "NoData"\)/);
    assert.match(denied[0].missing!, /from the Deny of statement 4/);
  });

  for (const role of ['read-data-s3', 'ml-training-data', 'ml-write-segment', 'ml-read-seed', 'read-data-snowflake']) {
    it(`${role}: a KMS key given (kms-key-id) but no KMS statement -> the KMS requests are denied, naming the action`, () => {
      const s = spec(role);
      const v = s.variants[0];
      const r = run(s, v, permissionsOf(v, valuesFor(s, v)), { values: { 'kms-key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' } });
      const denied = notAllowed(r);
      assert.ok(denied.length > 0);
      for (const q of denied) {
        assert.match(q.action, /^kms:/);
        assert.ok(q.resource.includes('key/1234abcd-12ab-34cd-56ef-1234567890ab') || q.resource.includes('<'), q.resource);
        assert.ok(q.missing?.startsWith(`no statement allows ${q.action}`) || q.missing?.startsWith(`add ${q.action}`), q.missing);
      }
      assert.equal(r.ok, false);
    });
  }

  it('the KMS key account not given and not in the policy: a KMS statement elsewhere makes it depend on that value', () => {
    const { s, v } = only('read-data-s3');
    const p = permissionsOf(v, valuesFor(s, v));
    p.Statement.push({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-2:111111111111:key/other' });
    const r = run(s, v, p, { values: { 'kms-key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' } });
    const q = notAllowed(r);
    assert.equal(q.length, 1);
    assert.equal(q[0].decision, 'depends');
    assert.deepEqual(q[0].dependsOn, ['value of kms-key-account-id']);
    assert.match(q[0].reason, /--set kms-key-account-id=/);
  });

  it('a trust scoped to another membership -> the given membership is not admitted', () => {
    const { s, v } = only('read-data-s3');
    const vals = valuesFor(s, v);
    const mine = `arn:aws:cleanrooms:eu-west-2:210987654321:membership/${vals['membership-id']}`;
    const trust = rendered(mustTemplate(s.trust), { ...vals, 'membership-id': '11111111-2222-4333-8444-555555555555' });
    const r = checkRole({ role: s.role, permissions: JSON.stringify(permissionsOf(v, vals)), trust: JSON.stringify(trust), memberships: [mine], iam });
    const admits = r.trust!.admits.find((a) => a.source === mine)!;
    assert.equal(admits.decision, 'denied');
    assert.equal(r.trust!.ok, false);
    assert.equal(r.ok, false);
    assert.match(r.summary, /the trust policy does not admit the expected source/);
  });

  it('only the values that decide something are listed as unknown', () => {
    const { s, v } = only('receive-results');
    const p = {
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: 'arn:aws:s3:::results' },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::results/q/*' },
      ],
    };
    const r = checkRole({ role: s.role, permissions: JSON.stringify(p), iam });
    assert.deepEqual(r.unknownValues, []); // bucket-account-id is unknown but no condition of the policy asks for it
    const q = structuredClone(p) as Json;
    // s3:ResourceAccount carries the same value as the documented aws:ResourceAccount: the value is read from it.
    q.Statement[1].Condition = { StringEquals: { 's3:ResourceAccount': '210987654321' } };
    const r1 = checkRole({ role: s.role, permissions: JSON.stringify(q), iam });
    assert.deepEqual(r1.values['bucket-account-id'], { value: '210987654321', source: 'inferred' });
    assert.deepEqual(notAllowed(r1), []);
    // Two accounts: ambiguous, so unknown, and the request depends on it.
    q.Statement[1].Condition = { StringEquals: { 's3:ResourceAccount': ['210987654321', '309876543210'] } };
    const r2 = checkRole({ role: s.role, permissions: JSON.stringify(q), iam });
    assert.deepEqual(r2.unknownValues, [{ name: 'bucket-account-id', candidates: ['210987654321', '309876543210'] }]);
    assert.deepEqual(
      notAllowed(r2).map((x) => [x.action, x.decision, x.dependsOn]),
      [['s3:PutObject', 'depends', ['value of bucket-account-id']]],
    );
    void v;
  });
  it('the same, with the membership given as values (--set membership-id=…)', () => {
    const { s, v } = only('receive-results');
    const vals = valuesFor(s, v);
    const trust = rendered(mustTemplate(s.trust), { ...vals, 'query-runner-membership-id': '11111111-2222-4333-8444-555555555555' });
    const r = checkRole({
      role: s.role,
      permissions: JSON.stringify(permissionsOf(v, vals)),
      trust: JSON.stringify(trust),
      values: { 'query-runner-membership-id': vals['query-runner-membership-id'] },
      iam,
    });
    assert.equal(r.trust!.ok, false);
    assert.deepEqual(
      r.trust!.admits.map((a) => a.decision),
      ['denied'],
    );
  });

  it('a trust policy without a source condition admits another collaboration -> fails (confused deputy)', () => {
    const { s, v } = only('read-data-s3');
    const vals = valuesFor(s, v);
    const plain = rendered(mustTemplate('read-data-s3-trust'), {});
    const r = checkRole({
      role: s.role,
      permissions: JSON.stringify(permissionsOf(v, vals)),
      trust: JSON.stringify(plain),
      values: { 'membership-id': vals['membership-id'], 'membership-account-id': vals['membership-account-id'], region: 'eu-west-2' },
      iam,
    });
    assert.equal(r.trust!.admits[0].decision, 'allowed');
    assert.equal(r.trust!.other!.decision, 'allowed');
    assert.match(r.trust!.other!.source, /^arn:aws:cleanrooms:eu-west-2:999999999999:membership\//);
    assert.match(
      r.trust!.other!.reason,
      /^allowed by statement 0 \(Sid "RoleTrustPolicyForCleanRoomsService"\): list only your collaboration's membership ARNs in aws:SourceArn/,
    );
    assert.match(r.summary, /admits another collaboration/);
    assert.equal(r.ok, false);
  });

  it('a trust for another service principal admits nothing', () => {
    const { s, v } = only('read-data-s3');
    const vals = valuesFor(s, v);
    const trust = JSON.parse(JSON.stringify(rendered(mustTemplate(s.trust), vals)).replace(/cleanrooms\.amazonaws\.com/g, 'glue.amazonaws.com'));
    const r = run(s, v, permissionsOf(v, vals), { trust: JSON.stringify(trust) });
    assert.ok(r.trust!.admits.every((a) => a.decision === 'denied'));
  });

  it('an ML lookalike trust admits its own account and not another', () => {
    const { s, v } = only('ml-training-data');
    const vals = valuesFor(s, v);
    const r = run(s, v, permissionsOf(v, vals));
    assert.deepEqual(
      r.trust!.admits.map((a) => [a.source, a.decision]),
      [[`arn:aws:cleanrooms-ml:eu-west-2:210987654321:training-dataset/*`, 'allowed']],
    );
    assert.equal(r.trust!.other!.decision, 'denied');
    const open = rendered(mustTemplate('ml-model-provider-trust'), {});
    const r2 = run(s, v, permissionsOf(v, vals), { trust: JSON.stringify(open) });
    assert.equal(r2.trust!.other!.decision, 'allowed');
    assert.equal(r2.ok, false);
  });
});

describe('role check: wildcard-heavy but sufficient policies pass', () => {
  const values = {
    region: 'eu-west-2',
    'glue-account-id': '210987654321',
    database: 'marketing_db',
    table: 'customer_events',
    bucket: 'acme-cleanrooms-data',
    prefix: 'customers/2026',
    'bucket-account-id': '210987654321',
  };
  const cases: Array<[string, Json]> = [
    [
      'Get*/List* with ARN wildcards',
      {
        Statement: [
          { Effect: 'Allow', Action: ['glue:Get*', 'glue:BatchGet*'], Resource: 'arn:aws:glue:eu-west-2:210987654321:*' },
          { Effect: 'Allow', Action: ['glue:GetSchema*'], Resource: '*' },
          { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: ['arn:aws:s3:::acme-cleanrooms-data', 'arn:aws:s3:::acme-cleanrooms-data/*'] },
        ],
      },
    ],
    ['everything', { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }],
    ['NotAction', { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }],
  ];
  for (const [title, policy] of cases) {
    it(title, () => {
      const { s } = only('read-data-s3');
      const r = checkRole({ role: s.role, permissions: JSON.stringify(policy), values, iam });
      assert.deepEqual(
        notAllowed(r).map((q) => `${q.action} ${q.resource}`),
        [],
      );
      assert.equal(r.ok, true);
      assert.ok(r.broader.length > 0, 'a wildcard grant is broader than needed');
    });
  }
  it('a `*` in a documented action must be covered whole (kms:GenerateDataKey* is not kms:GenerateDataKey)', () => {
    const { s, v } = only('ml-configuration');
    const vals = valuesFor(s, v);
    const p = permissionsOf(v, vals);
    p.Statement[1].Action = ['kms:Encrypt', 'kms:GenerateDataKey'];
    const r = run(s, v, p);
    assert.deepEqual(
      notAllowed(r).map((q) => q.action),
      ['kms:GenerateDataKey*'],
    );
    p.Statement[1].Action = ['kms:*'];
    assert.deepEqual(notAllowed(run(s, v, p)), []);
  });
});

describe('role check: no new access (broader than needed)', () => {
  const { s, v } = only('read-data-s3');
  const vals = valuesFor(s, v);
  it('a read role that also grants s3:PutObject', () => {
    const p = permissionsOf(v, vals);
    p.Statement[3].Action = ['s3:GetObject', 's3:PutObject'];
    const r = run(s, v, p);
    assert.equal(r.ok, true);
    assert.deepEqual(
      r.broader.map((b) => [b.kind, b.action, b.statement.index, b.severity]),
      [['action', 's3:PutObject', 3, 'warning']],
    );
    assert.match(r.broader[0].message, /statement 3 \(Sid "NecessaryS3ObjectPermissions"\) allows s3:PutObject, which Clean Rooms does not need/);
  });
  it('glue:* (with the count of actions it adds)', () => {
    const p = permissionsOf(v, vals);
    p.Statement[0].Action = 'glue:*';
    const r = run(s, v, p);
    assert.deepEqual(
      r.broader.map((b) => [b.kind, b.action]),
      [['action', 'glue:*']],
    );
    assert.match(r.broader[0].message, /glue:\* \(\d+ actions the role does not need, e\.g\. /);
  });
  it('Resource "*" on glue:GetTable', () => {
    const p = permissionsOf(v, vals);
    p.Statement.push({ Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' });
    const r = run(s, v, p);
    assert.deepEqual(
      r.broader.map((b) => [b.kind, b.action, b.resource, b.statement.index]),
      [['resource', 'glue:GetTable', '*', 4]],
    );
    assert.match(r.broader[0].message, /allows glue:GetTable on \*, wider than the documented policy/);
  });
  it('no s3:ResourceAccount condition', () => {
    const p = permissionsOf(v, vals);
    delete p.Statement[3].Condition;
    const r = run(s, v, p);
    assert.deepEqual(
      r.broader.map((b) => [b.kind, b.action, b.severity]),
      [['condition', 's3:GetObject', 'info']],
    );
    assert.match(r.broader[0].message, /without the condition on s3:ResourceAccount/);
  });
  it('a Deny that takes the extra access back is not broader', () => {
    const p = permissionsOf(v, vals);
    p.Statement[3].Action = ['s3:GetObject', 's3:PutObject'];
    p.Statement.push({ Effect: 'Deny', Action: 's3:PutObject', Resource: '*' });
    assert.deepEqual(run(s, v, p).broader, []);
  });
});

describe('role check: access not granted (forbidden actions)', () => {
  const { s, v } = only('read-data-s3');
  const vals = valuesFor(s, v);
  it('reported in every statement that allows it, and the check fails', () => {
    const p = permissionsOf(v, vals);
    p.Statement.push({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*' });
    p.Statement.push({ Sid: 'Del', Effect: 'Allow', Action: 's3:DeleteObject', Resource: '*' });
    const r = run(s, v, p, { denyActions: ['s3:DeleteObject'] });
    assert.deepEqual(
      r.forbidden.map((f) => [f.statement.index, f.action, f.decision]),
      [
        [4, 's3:DeleteObject', 'allowed'],
        [5, 's3:DeleteObject', 'allowed'],
      ],
    );
    assert.match(r.forbidden[1].message, /statement 5 \(Sid "Del"\) allows s3:DeleteObject on /);
    assert.equal(r.ok, false);
    assert.match(r.summary, /2 forbidden actions allowed/);
  });
  it('a forbidden pattern matches the actions the policy names (s3:Delete* vs s3:DeleteObjectVersion)', () => {
    const p = permissionsOf(v, vals);
    p.Statement.push({ Effect: 'Allow', Action: 's3:DeleteObjectVersion', Resource: 'arn:aws:s3:::acme-cleanrooms-data/*' });
    const r = run(s, v, p, { denyActions: ['s3:Delete*'] });
    assert.deepEqual(
      r.forbidden.map((f) => [f.action, f.statement.index]),
      [['s3:DeleteObjectVersion', 4]],
    );
    assert.match(r.forbidden[0].message, /\(forbidden: s3:Delete\*\)/);
  });
  it('a forbidden action the policy does not allow is not reported', () => {
    const r = run(s, v, permissionsOf(v, vals), { denyActions: ['s3:DeleteObject', 'iam:*'] });
    assert.deepEqual(r.forbidden, []);
    assert.equal(r.ok, true);
  });
});

describe('role check: values', () => {
  const kind = (n: string): string => (n === 'prefix' ? 's3-prefix' : 'text');
  const t = [
    {
      Effect: 'Allow',
      Action: ['glue:GetTable'],
      Resource: ['arn:aws:glue:<region>:<acct>:database/<database>', 'arn:aws:glue:<region>:<acct>:table/<database>/<table>'],
    },
  ];
  it('the table ARN fixes database and table; a database ARN alone is not needed', () => {
    const u = [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:eu-west-2:210987654321:table/sales/orders' }];
    assert.deepEqual(inferValues(t, u, {}, kind).values, { region: 'eu-west-2', acct: '210987654321', database: 'sales', table: 'orders' });
  });
  it('two different tables are ambiguous: nothing is guessed', () => {
    const u = [
      {
        Effect: 'Allow',
        Action: 'glue:GetTable',
        Resource: ['arn:aws:glue:eu-west-2:210987654321:table/sales/orders', 'arn:aws:glue:eu-west-2:210987654321:table/sales/items'],
      },
    ];
    const got = inferValues(t, u, {}, kind);
    assert.equal(got.values.table, undefined);
    assert.deepEqual(got.ambiguous.table, ['items', 'orders']);
    assert.equal(got.values.database, 'sales');
  });
  it('wildcards and policy variables are never values', () => {
    const u = [
      {
        Effect: 'Allow',
        Action: 'glue:GetTable',
        Resource: ['arn:aws:glue:eu-west-2:210987654321:table/sales/*', 'arn:aws:glue:eu-west-2:210987654321:table/${aws:username}/x'],
      },
    ];
    assert.equal(inferValues(t, u, {}, kind).values.table, undefined);
    assert.equal(inferValues(t, u, {}, kind).values.database, 'sales'); // from table/sales/*: the * tells nothing about the table only
    const v = [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:eu-west-2:1:table/${aws:username}/x' }];
    assert.deepEqual(inferValues(t, v, {}, kind).values, {});
  });
  it('a lone * where a value goes tells nothing about that value, and the others still count', () => {
    const u = [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:*:*:table/sales/orders' }];
    assert.deepEqual(inferValues(t, u, {}, kind).values, { database: 'sales', table: 'orders' });
    const partial = [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:eu-*:1:table/sales/orders' }];
    assert.deepEqual(inferValues(t, partial, {}, kind).values, {});
  });
  it('a given value wins over the policy', () => {
    const u = [{ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:eu-west-2:210987654321:table/sales/orders' }];
    assert.equal(inferValues(t, u, { table: 'given' }, kind).values.table, undefined);
  });
  it('a prefix may hold slashes', () => {
    const ts = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/<prefix>/*' }];
    const u = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a/b/c/*' }];
    assert.deepEqual(inferValues(ts, u, {}, kind).values, { bucket: 'b', prefix: 'a/b/c' });
  });
  it("unknown value names and invalid values are errors that list the role's names", () => {
    assert.throws(
      () => checkRole({ role: 'read-data-s3', permissions: '{"Statement":[]}', values: { nope: 'x' } }),
      (e: Error) => e instanceof RoleCheckError && /its values: region, glue-account-id, database, table/.test(e.message),
    );
    assert.throws(() => checkRole({ role: 'read-data-s3', permissions: '{"Statement":[]}', values: { region: 'mars-1' } }), RoleCheckError);
    assert.throws(() => checkRole({ role: 'member', permissions: '{"Statement":[]}' }), RoleCheckError);
    assert.throws(() => checkRole({ role: 'read-data-s3', permissions: '{"Statement": [' }), /not valid JSON/);
    assert.throws(() => checkRole({ role: 'read-data-s3', permissions: '{"Version": "2012-10-17"}' }), /no top-level "Statement"/);
    // A leading byte order mark (an editor's text) and comments are fine.
    assert.equal(
      checkRole({ role: 'read-data-s3', permissions: '\uFEFF// c\n{"Statement": []}' }).requests.every((q) => q.decision !== 'allowed'),
      true,
    );
  });
  it('the star sample is not a value anyone writes', () => {
    assert.ok(!JSON.stringify(ROLE_CHECKS).includes(STAR_SAMPLE));
  });
});

describe('docs/role-check.md', () => {
  it('is what scripts/generate-docs.ts produces from the catalog (npm run docs)', () => {
    const onDisk = readFileSync(join(__dirname, '../../docs/role-check.md'), 'utf8');
    assert.equal(onDisk, roleCheckMarkdown(iam), 'docs/role-check.md is stale: run npm run docs');
  });
  it('has one section per role and one table row per documented request', () => {
    const md = roleCheckMarkdown(iam);
    for (const c of ROLE_CHECKS) {
      assert.ok(md.includes(`### \`${c.role}\`: `), c.role);
      for (const v of c.variants) {
        for (const r of documentedRequests(c, v, iam)) {
          assert.ok(md.includes(`| \`${r.action}\` | \`${r.resource}\` |`), `${c.role}: ${r.action} ${r.resource}`);
        }
      }
    }
    assert.ok(md.includes('| `glue:GetTable` | `arn:aws:glue:<region>:<glue-account-id>:catalog` |'));
    assert.ok(!md.includes('| `glue:GetDatabase` | `arn:aws:glue:<region>:<glue-account-id>:table/<database>/<table>` |'));
    assert.ok(md.includes('when `kms-key-id` is given'));
  });
});

describe('role check: a documented "*" resource', () => {
  it('narrowed by the policy: depends on the resource (the page does not say which one Clean Rooms uses); absent: denied', () => {
    const { s, v } = only('read-data-s3');
    const p = permissionsOf(v, valuesFor(s, v));
    p.Statement[1].Resource = ['arn:aws:glue:eu-west-2:210987654321:schema/*'];
    const r = run(s, v, p);
    assert.deepEqual(
      notAllowed(r).map((q) => [q.action, q.decision, q.dependsOn, q.statement?.index]),
      [
        ['glue:GetSchema', 'depends', ['resource'], 1],
        ['glue:GetSchemaVersion', 'depends', ['resource'], 1],
      ],
    );
    assert.match(notAllowed(r)[0].reason, /allows it only on arn:aws:glue:eu-west-2:210987654321:schema\/\*, which may not cover it/);
    p.Statement.splice(1, 1);
    assert.deepEqual(
      notAllowed(run(s, v, p)).map((q) => [q.action, q.decision]),
      [
        ['glue:GetSchema', 'denied'],
        ['glue:GetSchemaVersion', 'denied'],
      ],
    );
  });
});

describe('role check: fixes for a denial', () => {
  const apply = (text: string, e: { offset: number; length: number; newText: string }): string =>
    text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
  for (const { spec: s, v } of everyVariant) {
    it(`${s.role} (${v.id}): removing any one action, every offered fix applied one after another makes the role pass`, () => {
      const vals = valuesFor(s, v);
      const full = permissionsOf(v, vals);
      full.Statement.forEach((st: Json, i: number) => {
        for (const action of ([] as string[]).concat(st.Action)) {
          const p = structuredClone(full);
          p.Statement[i].Action = ([] as string[]).concat(p.Statement[i].Action).filter((a: string) => a !== action);
          let text = JSON.stringify(p, null, 2);
          for (let round = 0; round < 10; round++) {
            const r = run(s, v, JSON.parse(text));
            const q = r.requests.find((x) => x.fix);
            if (!q) break;
            const e = roleFixEdit(text, q.fix!);
            assert.ok(e, `${action}: no edit for ${JSON.stringify(q.fix)}`);
            text = apply(text, e);
          }
          const after = run(s, v, JSON.parse(text));
          if (p.Statement[i].Action.length === 0) continue; // an emptied statement: nothing covers it to add to
          assert.deepEqual(
            notAllowed(after).map((q) => q.action),
            [],
            `${s.role}: ${action}`,
          );
          assert.deepEqual(after.broader, [], `${s.role}: the fix for ${action} grants more than the documented policy`);
        }
      });
    });
  }
  it('the edit keeps the layout: a string becomes a list, a multi-line list gets one more line', () => {
    const one = '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}';
    assert.equal(
      apply(one, roleFixEdit(one, { statement: 0, element: 'Action', add: 's3:ListBucket' })!),
      '{"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}}',
    );
    const multi = '{\n  "Statement": [\n    {\n      "Action": [\n        "a:B"\n      ]\n    }\n  ]\n}';
    assert.equal(
      apply(multi, roleFixEdit(multi, { statement: 0, element: 'Action', add: 'a:C' })!),
      '{\n  "Statement": [\n    {\n      "Action": [\n        "a:B",\n        "a:C"\n      ]\n    }\n  ]\n}',
    );
    const empty = '{"Statement": [{"Action": []}]}';
    assert.equal(apply(empty, roleFixEdit(empty, { statement: 0, element: 'Action', add: 'a:C' })!), '{"Statement": [{"Action": ["a:C"]}]}');
    assert.equal(roleFixEdit('{"Statement": [{"Action": "a:B", "Action": "a:C"}]}', { statement: 0, element: 'Action', add: 'a:D' }), undefined);
    assert.equal(roleFixEdit('{"Statement": [{"NotAction": "a:B"}]}', { statement: 0, element: 'Action', add: 'a:D' }), undefined);
    assert.equal(roleFixEdit('{"Statement": [', { statement: 0, element: 'Action', add: 'a:D' }), undefined);
  });
  it('no fix when the statement that would take it has a condition the request does not meet', () => {
    const { s, v } = only('read-data-s3');
    const p = permissionsOf(v, valuesFor(s, v));
    p.Statement[2].Action = ['s3:GetBucketLocation'];
    p.Statement[2].Condition = { StringEquals: { 's3:ResourceAccount': ['999999999999'] } };
    const r = run(s, v, p, { values: { 'bucket-account-id': '210987654321' } });
    const q = notAllowed(r).find((x) => x.action === 's3:ListBucket')!;
    assert.equal(q.decision, 'denied');
    assert.equal(q.fix, undefined);
  });
  it('no fix when it would grant more than the documented policy (adding an action to a statement on "*")', () => {
    const { s, v } = only('read-data-s3');
    const p = permissionsOf(v, valuesFor(s, v));
    p.Statement[0].Action = p.Statement[0].Action.filter((a: string) => a !== 'glue:GetTable');
    p.Statement[0].Resource = ['*'];
    p.Statement.splice(1, 1);
    p.Statement.unshift({ Effect: 'Allow', Action: ['glue:GetSchema', 'glue:GetSchemaVersion'], Resource: '*' });
    const r = run(s, v, p);
    const q = notAllowed(r).filter((x) => x.action === 'glue:GetTable');
    assert.ok(q.length > 0);
    for (const x of q) assert.equal(x.fix, undefined, JSON.stringify(x.fix));
  });
});

describe('role check: which (action, resource) pairs are requests (Service Authorization Reference)', () => {
  const rows: Array<[string, string, boolean]> = [
    ['s3:ListBucket', 'arn:aws:s3:::b', true],
    ['s3:ListBucket', 'arn:aws:s3:::b/*', false],
    ['s3:GetObject', 'arn:aws:s3:::b/*', true],
    ['s3:GetObject', 'arn:aws:s3:::b', false],
    ['s3:GetObject', 'arn:aws:s3:::b/code/job.py', true],
    ['logs:PutLogEvents', 'arn:aws:logs:eu-west-2:210987654321:log-group:/aws/cleanroomsml/*', true],
    ['logs:PutLogEvents', 'arn:aws:logs:eu-west-2:210987654321:log-group:/aws/cleanroomsml', false],
    ['logs:CreateLogGroup', 'arn:aws:logs:eu-west-2:210987654321:log-group:/aws/cleanroomsml/*', true],
    ['glue:GetDatabase', 'arn:aws:glue:eu-west-2:210987654321:table/db/t', false],
    ['glue:GetTable', 'arn:aws:glue:eu-west-2:210987654321:catalog', true],
    ['lakeformation:GetDataAccess', 'arn:aws:glue:eu-west-2:210987654321:catalog', true],
    ['kms:GenerateDataKey*', 'arn:aws:kms:eu-west-2:210987654321:key/k', true],
  ];
  for (const [action, resource, want] of rows) it(`${action} on ${resource}: ${want}`, () => assert.equal(appliesTo(iam, action, resource), want));
  it('without the IAM data every pair is a request', () => assert.equal(appliesTo(undefined, 's3:ListBucket', 'arn:aws:s3:::b/*'), true));
});

describe('role check: a KMS statement without the encryption context condition', () => {
  it('is a missing condition (info), not a wider resource', () => {
    const { s, v } = only('read-data-s3');
    const vals = valuesFor(s, v);
    const p = permissionsOf(v, vals, true);
    delete p.Statement[4].Condition;
    const r = run(s, v, p, {}, vals);
    assert.deepEqual(notAllowed(r), []);
    assert.deepEqual(
      r.broader.map((b) => [b.kind, b.action, b.severity]),
      [['condition', 'kms:Decrypt', 'info']],
    );
    assert.match(r.broader[0].message, /without the condition on kms:EncryptionContext:aws:s3:arn/);
  });
});

describe('role check: the Entity Resolution workflow role grants no glue:GetSchema / GetSchemaVersion (issue 14 item 11)', () => {
  it("leaves them out, as the page's grant on database/table/catalog ARNs allows nothing, and says why", () => {
    const t = mustTemplate('entity-resolution-id-mapping-permissions');
    const actions = templateStatements(t).flatMap((s) => [s.Action ?? []].flat() as string[]);
    assert.ok(actions.includes('glue:GetTable'));
    assert.deepEqual(
      actions.filter((a) => /^glue:GetSchema/.test(a)),
      [],
    );
    // The page's own grant: GetSchema/GetSchemaVersion on the database, table and catalog ARNs applies to none of them.
    for (const a of ['glue:GetSchema', 'glue:GetSchemaVersion'])
      for (const r of ['database/db', 'table/db/t', 'catalog'])
        assert.equal(appliesTo(iam, a, `arn:aws:glue:eu-west-2:210987654321:${r}`), false, `${a} on ${r}`);
    assert.ok(
      t.notes?.some((n) => /glue:GetSchema and glue:GetSchemaVersion/.test(n) && /allow nothing/.test(n) && /Schema Registry/.test(n)),
      'the note states why',
    );
    // So the role check asks for neither.
    const { s, v } = only('entity-resolution-id-mapping');
    assert.deepEqual(
      documentedRequests(s, v, iam)
        .map((q) => q.action)
        .filter((a) => /^glue:GetSchema/.test(a)),
      [],
    );
  });
});

describe('role check: an empty optional folder (receive results, PySpark job results; issue 14 item 11)', () => {
  for (const role of ['receive-results', 'pyspark-job-results']) {
    it(`${role}: bucket/* passes, and the folder is inferred as empty`, () => {
      const { s, v } = only(role);
      const values = valuesFor(s, v, { 'optional-prefix': '' });
      const p = permissionsOf(v, values);
      assert.ok(JSON.stringify(p).includes(`"arn:aws:s3:::${values.bucket}/*"`), JSON.stringify(p));
      const r = run(s, v, p, {}, values);
      assert.deepEqual(
        notAllowed(r).map((q) => `${q.action} ${q.resource}: ${q.reason}`),
        [],
      );
      assert.ok(r.requests.some((q) => q.action === 's3:PutObject' && q.resource === `arn:aws:s3:::${values.bucket}/*`));
    });
  }
});
