import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { evaluate, resourceMatches, actionMatches, type Policy, type Statement, type Request } from '../../../src/evaluate';

const allow = (s: Partial<Statement>): Statement => ({ Effect: 'Allow', ...s });
const deny = (s: Partial<Statement>): Statement => ({ Effect: 'Deny', ...s });
const pol = (...s: Statement[]): Policy => ({ Version: '2012-10-17', Statement: s });

describe('evaluate: decision logic (IAM User Guide, "Policy evaluation logic")', () => {
  const req: Request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', closed: true };
  it('implicit deny when nothing matches', () => {
    const r = evaluate(pol(allow({ Action: 's3:PutObject', Resource: '*' })), req);
    assert.equal(r.decision, 'denied');
    assert.equal(r.denial, 'implicit');
  });
  it('allow names the statement', () => {
    const r = evaluate(
      pol(allow({ Action: 's3:PutObject', Resource: '*' }), allow({ Sid: 'Read', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })),
      req,
    );
    assert.equal(r.decision, 'allowed');
    assert.deepEqual(r.statement, { index: 1, sid: 'Read' });
  });
  it('explicit deny beats allow', () => {
    const r = evaluate(pol(allow({ Action: '*', Resource: '*' }), deny({ Sid: 'No', Action: 's3:Get*', Resource: '*' })), req);
    assert.equal(r.decision, 'denied');
    assert.equal(r.denial, 'explicit');
    assert.equal(r.statement?.sid, 'No');
  });
  it('across policies, deny in one beats allow in another', () => {
    const r = evaluate([pol(allow({ Action: '*', Resource: '*' })), pol(deny({ Action: '*', Resource: 'arn:aws:s3:::b/*' }))], req);
    assert.equal(r.decision, 'denied');
    assert.equal(r.statement?.policy, 1);
  });
  it('NotAction / NotResource', () => {
    assert.equal(evaluate(pol(allow({ NotAction: 's3:PutObject', Resource: '*' })), req).decision, 'allowed');
    assert.equal(evaluate(pol(allow({ NotAction: 's3:GetObject', Resource: '*' })), req).decision, 'denied');
    assert.equal(evaluate(pol(allow({ Action: '*', NotResource: 'arn:aws:s3:::c/*' })), req).decision, 'allowed');
    assert.equal(evaluate(pol(allow({ Action: '*', NotResource: 'arn:aws:s3:::b/*' })), req).decision, 'denied');
  });
  it('an Effect other than Allow/Deny grants nothing', () => {
    assert.equal(evaluate(pol({ Effect: 'allow', Action: '*', Resource: '*' }), req).decision, 'denied');
  });
  it('actions are case-insensitive, resources case-sensitive', () => {
    assert.equal(evaluate(pol(allow({ Action: 'S3:getobject', Resource: 'arn:aws:s3:::b/k' })), req).decision, 'allowed');
    assert.equal(evaluate(pol(allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::B/k' })), req).decision, 'denied');
  });
  it('condition keys are case-insensitive', () => {
    const p = pol(allow({ Action: '*', Resource: '*', Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } } }));
    assert.equal(evaluate(p, { ...req, context: { 'aws:sourceaccount': '111122223333' } }).decision, 'allowed');
  });
  it('multiple keys are ANDed, multiple operators are ANDed', () => {
    const p = pol(allow({ Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:a': 'x', 'aws:b': 'y' }, Bool: { 'aws:SecureTransport': 'true' } } }));
    const ctx = { 'aws:a': 'x', 'aws:b': 'y', 'aws:SecureTransport': 'true' };
    assert.equal(evaluate(p, { ...req, context: ctx }).decision, 'allowed');
    assert.equal(evaluate(p, { ...req, context: { ...ctx, 'aws:b': 'z' } }).decision, 'denied');
    assert.equal(evaluate(p, { ...req, context: { ...ctx, 'aws:SecureTransport': 'false' } }).decision, 'denied');
  });
});

describe('evaluate: unknown is not guessed', () => {
  const base: Request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
  const cond = { StringEquals: { 's3:ResourceAccount': '111122223333' } };
  it('allow on an unknown key depends on it', () => {
    const r = evaluate(pol(allow({ Action: '*', Resource: '*', Condition: cond })), base);
    assert.equal(r.decision, 'depends');
    assert.deepEqual(r.dependsOn, ['s3:ResourceAccount']);
  });
  it('known absent key is a defined no', () => {
    assert.equal(
      evaluate(pol(allow({ Action: '*', Resource: '*', Condition: cond })), { ...base, context: { 's3:ResourceAccount': { state: 'absent' } } }).decision,
      'denied',
    );
  });
  it('a deny on an unknown key makes a granted request depend', () => {
    const r = evaluate(
      pol(allow({ Action: '*', Resource: '*' }), deny({ Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })),
      base,
    );
    assert.equal(r.decision, 'depends');
    assert.deepEqual(r.dependsOn, ['aws:SourceVpce']);
  });
  it('a deny on an unknown key does not make an ungranted request depend', () => {
    const r = evaluate(pol(deny({ Action: '*', Resource: '*', Condition: { Bool: { 'aws:x': 'true' } } })), base);
    assert.equal(r.decision, 'denied');
  });
  it('a sure allow does not depend on another allow whose key is unknown', () => {
    const r = evaluate(pol(allow({ Action: '*', Resource: '*', Condition: cond }), allow({ Sid: 'S', Action: '*', Resource: '*' })), base);
    assert.equal(r.decision, 'allowed');
    assert.equal(r.statement?.sid, 'S');
  });
  it('a false condition on a known key beats an unknown one (AND)', () => {
    const p = pol(allow({ Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:a': 'x', 'aws:b': 'y' } } }));
    assert.equal(evaluate(p, { ...base, context: { 'aws:a': 'z' } }).decision, 'denied');
  });
});

describe('evaluate: policy variables (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
  const p = pol(allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }));
  it('substitutes a present key in Resource', () => {
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x', context: { 'aws:username': 'alice' } }).decision, 'allowed');
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/bob/x', context: { 'aws:username': 'alice' } }).decision, 'denied');
  });
  it('the substituted value is literal, not a wildcard', () => {
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/bob/x', context: { 'aws:username': '*' } }).decision, 'denied');
  });
  it('an unknown variable key depends on it; an absent one does not match', () => {
    const r = evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x' });
    assert.equal(r.decision, 'depends');
    assert.deepEqual(r.dependsOn, ['aws:username']);
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x', closed: true }).decision, 'denied');
  });
  it('default value when the key is absent', () => {
    const d = pol(allow({ Action: 's3:*', Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide'}/*" }));
    assert.equal(evaluate(d, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/company-wide/x', closed: true }).decision, 'allowed');
    assert.equal(evaluate(d, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/red/x', context: { 'aws:PrincipalTag/team': 'red' } }).decision, 'allowed');
    assert.equal(
      evaluate(d, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/company-wide/x', context: { 'aws:PrincipalTag/team': 'red' } }).decision,
      'denied',
    );
  });
  it('${*} in Resource is a literal asterisk', () => {
    const s = pol(allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/a${*}b' }));
    assert.equal(evaluate(s, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/a*b', closed: true }).decision, 'allowed');
    assert.equal(evaluate(s, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/axb', closed: true }).decision, 'denied');
  });
  it('variables in condition values', () => {
    const c = pol(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } }));
    assert.equal(
      evaluate(c, { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'home/alice/x', 'aws:username': 'alice' } }).decision,
      'allowed',
    );
    assert.equal(
      evaluate(c, { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'home/bob/x', 'aws:username': 'alice' } }).decision,
      'denied',
    );
  });
});

describe('wildcards (IAM User Guide, "IAM JSON policy elements: Resource")', () => {
  const rows: Array<[string, string, boolean]> = [
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a/b/c', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/a', true],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/ab', false],
    ['arn:aws:s3:::b/?', 'arn:aws:s3:::b/', false],
    ['arn:aws:s3:::b', 'arn:aws:s3:::b/x', false],
    ['arn:aws:glue:us-east-1:111122223333:*', 'arn:aws:glue:us-east-1:111122223333:table/db/t', true],
    ['arn:aws:glue:*:111122223333:table/db/*', 'arn:aws:glue:eu-west-1:111122223333:table/db/t', true],
    ['arn:aws:glue:*:111122223333:table/db/*', 'arn:aws:glue:eu-west-1:111122223333:table/db2/t', false],
    ['arn:aws:iam::111122223333:user/*', 'arn:aws:iam::111122223333:user/Div/Sub/Bob', true],
    ['*', 'arn:aws:s3:::anything', true],
    ['arn:aws:s3:::b*c', 'arn:aws:s3:::bxxc', true],
    ['arn:aws:s3:::b*c', 'arn:aws:s3:::bxxd', false],
    // A trailing `*` matches an empty rest ("any combination of characters", zero included); `?` never does.
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::b*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/a', true],
    ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/', false],
  ];
  for (const [p, v, want] of rows) it(`${p} ~ ${v} -> ${want}`, () => assert.equal(resourceMatches(p, v), want));
  it('actions', () => {
    assert.equal(actionMatches('glue:Get*', 'glue:GetPartitions'), true);
    assert.equal(actionMatches('glue:Get*', 'glue:BatchGetPartition'), false);
    assert.equal(actionMatches('s3:*Object', 's3:GetObject'), true);
    assert.equal(actionMatches('iam:*AccessKey*', 'iam:ListAccessKeys'), true);
    assert.equal(actionMatches('s3:Get?bject', 's3:GetObject'), true);
    assert.equal(actionMatches('s3:Get?bject', 's3:GetObjectAcl'), false);
    // Trailing `*` with an empty rest.
    assert.equal(actionMatches('kms:GenerateDataKey*', 'kms:GenerateDataKey'), true);
    assert.equal(actionMatches('kms:GenerateDataKey?', 'kms:GenerateDataKey'), false);
  });
});

// Examples from AWS documentation.
describe('AWS documentation examples', () => {
  // "IAM JSON policy elements: Condition operators" > "...IfExists condition operators": the instance-type example.
  it('IfExists: StringLikeIfExists ec2:InstanceType allows when the key is absent', () => {
    const p = pol(allow({ Action: 'ec2:*', Resource: '*', Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } } }));
    assert.equal(evaluate(p, { action: 'ec2:RunInstances', resource: '*', context: { 'ec2:InstanceType': 't2.micro' } }).decision, 'allowed');
    assert.equal(evaluate(p, { action: 'ec2:RunInstances', resource: '*', context: { 'ec2:InstanceType': 'c5.large' } }).decision, 'denied');
    assert.equal(evaluate(p, { action: 'ec2:DescribeInstances', resource: '*', closed: true }).decision, 'allowed');
  });
  // "Policy evaluation logic" > "Example identity-based and resource-based policies": deny wins over allow.
  it('Deny statement with a matching condition blocks an otherwise allowed call (aws:SourceIp example)', () => {
    const p = pol(
      deny({ Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } } }),
      allow({ Action: 's3:*', Resource: '*' }),
    );
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SourceIp': '203.0.113.5' } }).decision, 'allowed');
    assert.equal(evaluate(p, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SourceIp': '198.51.100.5' } }).decision, 'denied');
  });
  // "Set operators for multivalued context keys": ForAllValues with aws:TagKeys.
  it('ForAllValues aws:TagKeys: all requested keys must be in the list; no keys also matches', () => {
    const p = pol(
      allow({ Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } } }),
    );
    const r = (keys: string[] | undefined) =>
      evaluate(p, {
        action: 'ec2:CreateTags',
        resource: '*',
        context: { 'aws:TagKeys': keys === undefined ? { state: 'absent' } : { state: 'present', values: keys } },
      }).decision;
    assert.equal(r(['environment']), 'allowed');
    assert.equal(r(['environment', 'owner']), 'denied');
    assert.equal(r(undefined), 'allowed');
  });
  // "Policy variables": the home-folder example (s3:prefix with ${aws:username}).
  it('home folder example', () => {
    const p = pol(
      allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket', Condition: { StringLike: { 's3:prefix': ['${aws:username}/*'] } } }),
      allow({ Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*' }),
    );
    const ctx = { 'aws:username': 'David' };
    assert.equal(evaluate(p, { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/David/a.txt', context: ctx }).decision, 'allowed');
    assert.equal(evaluate(p, { action: 's3:PutObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/Mary/a.txt', context: ctx }).decision, 'denied');
  });
});

describe('evaluate: properties', () => {
  const actions = ['s3:GetObject', 's3:PutObject', 'glue:GetTable', 'kms:Decrypt'];
  const resources = ['arn:aws:s3:::b/k', 'arn:aws:s3:::c/k', 'arn:aws:glue:us-east-1:111122223333:table/db/t', '*'];
  const keyVals = ['111122223333', '444455556666'];
  const stmt = fc.record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.constantFrom('*', 's3:*', 's3:Get*', 'glue:GetTable', 'kms:Decrypt', 's3:PutObject'),
    Resource: fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::*', 'arn:aws:glue:*:*:table/db/*'),
    Condition: fc.option(
      fc.constantFrom(
        { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
        { StringEquals: { 'aws:Unknown': 'x' } },
        { Null: { 'aws:SourceAccount': 'true' } },
      ),
      { nil: undefined },
    ),
  }) as fc.Arbitrary<Statement>;
  const request = fc
    .record({
      action: fc.constantFrom(...actions),
      resource: fc.constantFrom(...resources),
      account: fc.option(fc.constantFrom(...keyVals), { nil: undefined }),
    })
    .map(({ action, resource, account }): Request => ({
      action,
      resource,
      context: { 'aws:SourceAccount': account === undefined ? { state: 'absent' } : account },
    }));
  const rank = { denied: 0, depends: 1, allowed: 2 } as const;
  const clean = (s: Statement): Statement => (s.Condition === undefined ? { Effect: s.Effect, Action: s.Action, Resource: s.Resource } : s);

  it('adding an Allow never removes access', () => {
    fc.assert(
      fc.property(fc.array(stmt, { maxLength: 6 }), stmt, request, (ss, extra, req) => {
        const before = evaluate(pol(...ss.map(clean)), req).decision;
        const after = evaluate(pol(...ss.map(clean), clean({ ...extra, Effect: 'Allow' })), req).decision;
        return rank[after] >= rank[before];
      }),
      { numRuns: 400 },
    );
  });
  it('adding a Deny never adds access', () => {
    fc.assert(
      fc.property(fc.array(stmt, { maxLength: 6 }), stmt, request, (ss, extra, req) => {
        const before = evaluate(pol(...ss.map(clean)), req).decision;
        const after = evaluate(pol(...ss.map(clean), clean({ ...extra, Effect: 'Deny' })), req).decision;
        return rank[after] <= rank[before];
      }),
      { numRuns: 400 },
    );
  });
  it('statement order never matters', () => {
    fc.assert(
      fc.property(fc.array(stmt, { maxLength: 6 }), request, fc.infiniteStream(fc.nat()), (ss, req, seeds) => {
        const shuffled = [...ss];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = evaluate(pol(...ss.map(clean)), req);
        const b = evaluate(pol(...shuffled.map(clean)), req);
        return a.decision === b.decision && a.denial === b.denial && JSON.stringify(a.dependsOn) === JSON.stringify(b.dependsOn);
      }),
      { numRuns: 400 },
    );
  });
});
