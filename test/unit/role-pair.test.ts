// Across a role's two files (issue 14, item 1): the facts each analysis extracts, the pure comparison of two files'
// facts (src/analysis/role-pair.ts), and the pairing of files (src/fill/aws-commands.ts, as Copy AWS CLI Commands).
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import { compareRolePair, ROLE_PAIR_RULE, type PairSide } from '../../src/analysis/role-pair';
import type { Finding } from '../../src/analysis/types';
import { placeholderKind, ROLES, TEMPLATES } from '../../src/catalog';
import { renderTemplate, sampleValues } from '../../src/fill/apply';
import { pairedSibling, pairRoleFiles, type PolicyFile } from '../../src/fill/aws-commands';
import { managedPolicies } from './corpus/managed-policies';

const MID = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
const ACCT = '246813579024';
const j = (v: unknown): string => JSON.stringify(v, null, 2);
const trust = (region: string, account = ACCT, externalIdRegion = region): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:${externalIdRegion}:*:dbuser:*/${MID}*` } },
      },
      {
        Effect: 'Allow',
        Principal: { Service: 'cleanrooms.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:cleanrooms:${region}:${account}:membership/${MID}` } },
      },
    ],
  });
const glue = (region: string): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['glue:GetDatabase', 'glue:GetTable'],
        Resource: [
          `arn:aws:glue:${region}:${ACCT}:database/sales`,
          `arn:aws:glue:${region}:${ACCT}:table/sales/orders`,
          `arn:aws:glue:${region}:${ACCT}:catalog`,
        ],
      },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-sales/*' },
    ],
  });
const withMembership = (region: string, account = ACCT): string =>
  j({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'cleanrooms:GetMembership', Resource: `arn:aws:cleanrooms:${region}:${account}:membership/${MID}` }],
  });

function side(name: string, text: string): PairSide {
  const r = analyze(text, { fileName: name });
  assert.ok(r.kind !== 'not-a-policy' && r.facts, name);
  return { name, kind: r.kind, facts: r.facts };
}
const at = (text: string, f: Pick<Finding, 'offset' | 'length'>): string => text.slice(f.offset, f.offset + f.length);

describe('role pair: facts of one analysis', () => {
  it('lists each membership mention with its literal Region and account, and each regional resource, at their offsets', () => {
    const t = trust('eu-west-2');
    const facts = analyze(t).facts!;
    assert.deepEqual(
      facts.memberships.map((m) => [m.id, m.what, m.region && at(t, m.region), m.account?.text]),
      [
        [MID, 'the sts:ExternalId pattern', 'eu-west-2', undefined],
        [MID, 'the aws:SourceArn membership ARN', 'eu-west-2', ACCT],
      ],
    );
    const p = glue('us-east-1');
    const r = analyze(p).facts!.resources;
    assert.deepEqual(
      r.map((x) => [x.service, p.slice(x.region.offset, x.region.offset + x.region.length)]),
      [
        ['glue', 'us-east-1'],
        ['glue', 'us-east-1'],
        ['glue', 'us-east-1'],
      ],
    );
  });

  it('leaves out placeholders, wildcards, variables and other partitions', () => {
    for (const region of ['<region>', '*', '${aws:RequestedRegion}', 'cn-north-1']) {
      assert.deepEqual(analyze(glue(region)).facts!.resources, [], region);
    }
    assert.equal(analyze(trust('<region>')).facts!.memberships[1].region, undefined);
    assert.equal(analyze(trust('us-east-1', '<account-id>')).facts!.memberships[1].account, undefined);
    assert.equal(analyze('{"Version":"2012-10-17"}').facts, undefined);
  });
});

describe('role pair: compareRolePair', () => {
  it('flags the permissions resources outside the Region of the trust policy memberships, naming the trust file and its Region', () => {
    const p = glue('us-east-1');
    const found = compareRolePair(side('read-data-permissions.json', p), side('read-data-trust.json', trust('eu-west-2')));
    assert.equal(found.length, 3);
    for (const f of found) {
      assert.equal(f.rule, ROLE_PAIR_RULE);
      assert.equal(f.severity, 'warning');
      assert.equal(at(p, f), 'us-east-1');
      assert.match(
        f.message,
        /^This glue resource is in "us-east-1", but "read-data-trust\.json" \(the trust policy of this role\) names memberships in eu-west-2\./,
      );
      assert.match(f.docUrl, /^https:\/\/docs\.aws\.amazon\.com\/clean-rooms\/latest\/userguide\/setting-up-roles\.html/);
    }
  });

  it('on the trust side, flags each membership Region that no permissions resource is in', () => {
    const t = trust('eu-west-2');
    const found = compareRolePair(side('read-data-trust.json', t), side('read-data-permissions.json', glue('us-east-1')));
    assert.equal(found.length, 2); // the sts:ExternalId pattern and the aws:SourceArn ARN
    for (const f of found) {
      assert.equal(at(t, f), 'eu-west-2');
      assert.match(f.message, /"read-data-permissions\.json" \(the permissions policy of this role\) grants on glue resources in "us-east-1"/);
    }
  });

  it('flags one membership with two Regions or two accounts across the files, on the side it is called for', () => {
    const p = withMembership('us-east-1', '135792468013');
    const found = compareRolePair(side('p.json', p), side('t-trust.json', trust('eu-west-2')));
    assert.deepEqual(
      found.map((f) => at(p, f)),
      ['us-east-1', '135792468013'],
    );
    assert.match(
      found[0].message,
      new RegExp(
        `^Membership ${MID} is in Region "us-east-1" here, but "t-trust.json" \\(the trust policy of this role\\) names it in Region "eu-west-2" \\(the sts:ExternalId pattern\\)`,
      ),
    );
    assert.match(found[1].message, /in account "135792468013" here, .* names it in account "246813579024" \(the aws:SourceArn membership ARN\)/);
    assert.match(found[0].docUrl, /cross-service-confused-deputy-prevention/);
    // The other way round: on the trust file's values.
    const t = trust('eu-west-2');
    const back = compareRolePair(side('t-trust.json', t), side('p.json', p));
    assert.deepEqual(
      back.map((f) => at(t, f)),
      ['eu-west-2', 'eu-west-2', ACCT],
    );
  });

  it('is quiet when the files agree, when either side has no literal value, and for two files of one kind', () => {
    const quiet: Array<[string, string]> = [
      [glue('eu-west-2'), trust('eu-west-2')],
      [withMembership('eu-west-2'), trust('eu-west-2')],
      [glue('<region>'), trust('eu-west-2')],
      [glue('us-east-1'), trust('<region>')],
      [glue('*'), trust('eu-west-2')],
      // a trust with no membership (the plain trust policy of the AWS page)
      [
        glue('us-east-1'),
        j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cleanrooms.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      ],
      // the trust itself names the membership in two Regions: consistency-membership reports it there, not this rule
      [withMembership('us-east-1'), trust('eu-west-2', ACCT, 'us-east-1')],
    ];
    for (const [p, t] of quiet) {
      assert.deepEqual(compareRolePair(side('p.json', p), side('t-trust.json', t)), [], p + t);
      assert.deepEqual(compareRolePair(side('t-trust.json', t), side('p.json', p)), [], p + t);
    }
    assert.deepEqual(compareRolePair(side('a.json', glue('us-east-1')), side('b.json', glue('eu-west-2'))), []);
    assert.deepEqual(compareRolePair(side('a-trust.json', trust('us-east-1')), side('b-trust.json', trust('eu-west-2'))), []);
  });

  it('a permissions policy that names its own membership Region is compared with it (cleanrooms-region-mismatch), not with the trust', () => {
    const p = j({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'cleanrooms:GetMembership',
          Resource: `arn:aws:cleanrooms:us-east-1:${ACCT}:membership/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a`,
        },
        { Effect: 'Allow', Action: 'glue:GetTable', Resource: `arn:aws:glue:us-east-1:${ACCT}:table/sales/orders` },
      ],
    });
    assert.deepEqual(compareRolePair(side('p.json', p), side('t-trust.json', trust('eu-west-2'))), []);
  });

  it('follows the severity setting of the rule, and "off" drops it', () => {
    const p = side('p.json', glue('us-east-1'));
    const t = side('t-trust.json', trust('eu-west-2'));
    assert.ok(compareRolePair(p, t, { [ROLE_PAIR_RULE]: 'error' }).every((f) => f.severity === 'error'));
    assert.equal(compareRolePair(p, t, { [ROLE_PAIR_RULE]: 'error' }).length, 3);
    assert.deepEqual(compareRolePair(p, t, { [ROLE_PAIR_RULE]: 'off' }), []);
  });

  it('every catalog trust + permissions pair of a role, filled with the same values, is clean; a Region changed in one file is flagged', () => {
    const kindSample = (k: string) => placeholderKind(k).sample;
    let pairs = 0;
    let flagged = 0;
    for (const role of ROLES) {
      const trusts = TEMPLATES.filter((t) => t.role === role.id && t.policyType === 'trust');
      const perms = TEMPLATES.filter((t) => t.role === role.id && t.policyType === 'permissions');
      for (const tt of trusts) {
        for (const pt of perms) {
          pairs++;
          const ts = side(`${role.id}-trust.json`, renderTemplate(tt, sampleValues(tt, kindSample)));
          const ps = side(`${role.id}-permissions.json`, renderTemplate(pt, sampleValues(pt, kindSample)));
          assert.deepEqual(compareRolePair(ps, ts), [], `${tt.id} + ${pt.id}`);
          assert.deepEqual(compareRolePair(ts, ps), [], `${pt.id} + ${tt.id}`);
          // The same pair with the Region filled differently in the permissions policy only.
          const values = sampleValues(pt, kindSample);
          if (!Object.keys(values).some((k) => pt.placeholders.find((p) => p.name === k)?.kind === 'region')) continue;
          for (const p of pt.placeholders) if (p.kind === 'region') values[p.name] = 'us-east-1';
          const moved = side(`${role.id}-permissions.json`, renderTemplate(pt, values));
          const hasMembership = ts.facts.memberships.some((m) => m.region);
          const hasResources = moved.facts.resources.length > 0 || moved.facts.memberships.some((m) => m.region);
          if (hasMembership && hasResources) {
            assert.ok(compareRolePair(moved, ts).length > 0, `${tt.id} + ${pt.id} (us-east-1)`);
            flagged++;
          }
        }
      }
    }
    assert.ok(pairs >= 15, `only ${pairs} pairs`);
    assert.ok(flagged >= 3, `only ${flagged} pairs with a Region in both files`);
  });

  it('raises nothing on the AWS managed policies, each paired with a Clean Rooms trust policy in the one Region its resources name', function () {
    this.timeout(120000);
    const trusts = new Map<string, PairSide>();
    const trustIn = (region: string): PairSide => {
      if (!trusts.has(region)) trusts.set(region, side('role-trust.json', trust(region)));
      return trusts.get(region)!;
    };
    let paired = 0;
    let multiRegion = 0;
    const hits: string[] = [];
    for (const mp of managedPolicies()) {
      const r = analyze(mp.text, { fileName: `${mp.name}.json` });
      if (r.kind !== 'permissions' || !r.facts) continue;
      const regions = new Set(r.facts.resources.map((x) => x.region.text));
      // A policy whose resources span several Regions cannot pair cleanly with any one collaboration: not a pair to test.
      if (regions.size > 1) {
        multiRegion++;
        continue;
      }
      paired++;
      const self: PairSide = { name: `${mp.name}.json`, kind: 'permissions', facts: r.facts };
      const t = trustIn([...regions][0] ?? 'eu-west-2');
      for (const f of [...compareRolePair(self, t), ...compareRolePair(t, self)]) hits.push(`${mp.name}: ${f.message}`);
    }
    assert.ok(paired > 1000, `only ${paired} managed policies`);
    assert.deepEqual(hits, []);
    assert.ok(multiRegion < 20, `${multiRegion} managed policies name resources in several Regions`);
  });
});

describe('role pair: which files pair (the Copy AWS CLI Commands rule, clear both ways)', () => {
  const f = (name: string, kind: PolicyFile['kind']): PolicyFile => ({ name, kind });

  it('pairs files with the same stem, and a lone trust file with a lone permissions file', () => {
    const files = [
      f('read-data-trust-policy.json', 'trust'),
      f('read-data-permissions-policy.json', 'permissions'),
      f('results-trust.json', 'trust'),
      f('results-permissions.json', 'permissions'),
    ];
    assert.deepEqual(pairRoleFiles(files), [
      { trust: 'read-data-trust-policy.json', permissions: 'read-data-permissions-policy.json' },
      { trust: 'results-trust.json', permissions: 'results-permissions.json' },
    ]);
    assert.deepEqual(pairRoleFiles([f('trust.json', 'trust'), f('role.json', 'permissions')]), [{ trust: 'trust.json', permissions: 'role.json' }]);
    assert.equal(pairedSibling(files[1], files), 'read-data-trust-policy.json');
  });

  it('pairs nothing when the choice is not clear both ways', () => {
    // One trust, two permissions with other stems: Copy AWS CLI Commands would ask; lint pairs nothing.
    const files = [f('trust.json', 'trust'), f('glue-permissions.json', 'permissions'), f('s3-permissions.json', 'permissions')];
    assert.deepEqual(pairRoleFiles(files), []);
    assert.equal(pairedSibling(files[1], files), undefined); // its only candidate, trust.json, has no clear choice back
    assert.deepEqual(pairRoleFiles([f('a-trust.json', 'trust'), f('b-trust.json', 'trust')]), []);
    // the file itself, not in the list, is added for the check back
    assert.equal(pairedSibling(f('x-trust.json', 'trust'), [f('x-permissions.json', 'permissions')]), 'x-permissions.json');
  });
});
