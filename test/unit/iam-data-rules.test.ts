import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis/analyze';
import { iamDataRules } from '../../src/analysis/rules/iam-data';
import { IAM_DATA_RULES } from '../../src/analysis/rules/iam-data/meta';
import { RULE_FAMILIES, RULES_BY_ID } from '../../src/analysis/rules';
import type { AnalyzeOptions, Finding } from '../../src/analysis/types';
import { applyEdits } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const ACCOUNT = '246813579024';
const BUCKET = 'acme-sales-data';

type Doc = Record<string, unknown>;
const policy = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', ...s })) });
const text = (doc: Doc | string): string => (typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));

function lint(doc: Doc | string, options: AnalyzeOptions = {}): { text: string; all: Finding[]; iam: Finding[] } {
  const t = text(doc);
  const all = analyze(t, { iam, ...options }).findings;
  // The condition-* rules take the key types from this data when it is loaded (they used to be iam-* rules).
  return { text: t, all, iam: all.filter((f) => f.rule.startsWith('iam-') || f.rule.startsWith('condition-')) };
}

const at = (t: string, f: Finding): string => t.substr(f.offset, f.length);

/** The one iam finding of `rule`, its text, and the result of applying its preferred (or only) fix. */
function only(doc: Doc | string, rule: string, options: AnalyzeOptions = {}): { f: Finding; range: string; fixed?: string; text: string } {
  const r = lint(doc, options);
  const fs = r.iam.filter((f) => f.rule === rule);
  assert.equal(fs.length, 1, `expected one ${rule}, got ${JSON.stringify(r.iam.map((f) => [f.rule, at(r.text, f), f.message]))}`);
  const f = fs[0];
  const fix = f.fixes?.find((x) => x.preferred) ?? (f.fixes?.length === 1 ? f.fixes[0] : undefined);
  return { f, range: at(r.text, f), fixed: fix ? applyEdits(r.text, fix.edits) : undefined, text: r.text };
}

function clean(doc: Doc | string, options: AnalyzeOptions = {}): void {
  const r = lint(doc, options);
  assert.deepEqual(
    r.iam.map((f) => [f.rule, at(r.text, f), f.message]),
    [],
  );
}

describe('iam-data rules: general', () => {
  it('every rule has an id, a doc link, a description and an example', () => {
    for (const r of IAM_DATA_RULES.map((m) => RULES_BY_ID.get(m.id)!)) {
      assert.match(r.id, /^iam-[a-z-]+$/);
      assert.match(r.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//);
      assert.ok(r.description.length > 40 && r.example, r.id);
    }
  });

  it('does nothing without the index (options.iam undefined)', () => {
    const doc = policy({ Action: 'glu:GetTable', Resource: '*', Condition: { StringEquals: { 'aws:SourceArns': 'x' } } });
    assert.deepEqual(
      analyze(text(doc)).findings.filter((f) => f.rule.startsWith('iam-')),
      [],
    );
    assert.ok(lint(doc).iam.length >= 2);
  });
});

describe('iam-unknown-service', () => {
  it('flags an unknown prefix in an action, on the prefix, with a fix to the close service', () => {
    const { f, range, fixed } = only(policy({ Action: 'glu:GetTable', Resource: '*' }), 'iam-unknown-service');
    assert.equal(range, 'glu');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /"glu" is not an AWS service prefix.*Did you mean glue \(glue:GetTable\)\?/);
    assert.match(fixed!, /"glue:GetTable"/);
    clean(fixed!);
  });

  it('flags an unknown prefix in a condition key', () => {
    const { range, f } = only(
      policy({ Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'glu:LakeFormationPermissions': 'x' } } }),
      'iam-unknown-service',
    );
    assert.equal(range, 'glu');
    assert.match(f.message, /condition key glu:LakeFormationPermissions is never in the request/);
    assert.match(f.docUrl, /error-invalid-service$/);
  });

  it('fixes the prefix of a wildcard action too, when the pattern then matches', () => {
    const { fixed } = only(policy({ Action: 'cleanroom:List*', Resource: '*' }), 'iam-unknown-service');
    assert.match(fixed!, /"cleanrooms:List\*"/);
  });

  it('no service close: an info that says the prefix is not in the data (it may be newer), with no fix', () => {
    const { f } = only(policy({ Action: 'zzzzqqq:GetTable', Resource: '*' }), 'iam-service-not-listed');
    assert.equal(f.fixes, undefined);
    assert.equal(f.severity, 'info');
    assert.match(f.message, /"zzzzqqq" is not a service prefix in the IAM reference data of \d{4}-\d{2}-\d{2}, and no listed prefix is close to it/);
  });

  it('a service that an earlier reference listed (deepracer, iot1click) is reported as retired, not as a typo', () => {
    // Real AWS managed policies still grant these (e.g. AWSDeepRacerFullAccess); the reference no longer lists them.
    for (const [action, name] of [
      ['deepracer:ListModels', 'AWS DeepRacer'],
      ['IOT1CLICK:ListDevices', 'AWS IoT 1-Click'],
    ] as const) {
      const { f } = only(policy({ Action: action, Resource: '*' }), 'iam-service-retired');
      assert.equal(f.severity, 'info');
      assert.match(
        f.message,
        new RegExp(
          `\\(${name.replace(/[-.]/g, '\\$&')}\\) is no longer in the Service Authorization Reference \\(last listed in the data of \\d{4}-\\d{2}-\\d{2}\\): AWS retired or renamed the service`,
        ),
      );
    }
    // …also as a condition-key prefix.
    const k = only(
      policy({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { StringEquals: { 'deeplens:Foo': 'x' } } }),
      'iam-service-retired',
    );
    assert.match(k.f.message, /the condition key deeplens:Foo is never in the request/);
    // A near miss of a live prefix is still the typo warning, even next to a retired one.
    assert.equal(only(policy({ Action: 'glu:GetTable', Resource: '*' }), 'iam-unknown-service').f.severity, 'warning');
  });

  it('accepts real prefixes in any case, and OIDC / SAML condition-key prefixes', () => {
    clean(policy({ Action: ['GLUE:GetTable', 'cleanrooms-ml:CreateTrainingDataset', 'sts:AssumeRole'], Resource: '*' }));
    clean({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123:sub': 'system:serviceaccount:ns:sa',
            },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
          },
        },
      ],
    });
  });
});

describe('iam-unknown-action', () => {
  it('flags s3:GetObjects with a fix to s3:GetObject', () => {
    const { f, range, fixed } = only(policy({ Action: ['s3:GetObjects'], Resource: `arn:aws:s3:::${BUCKET}/*` }), 'iam-unknown-action');
    assert.equal(range, 's3:GetObjects');
    assert.match(f.message, /s3:GetObjects is not an action of Amazon S3 \(IAM reference data of \d{4}-\d\d-\d\d\).*Did you mean s3:GetObject\?/);
    assert.match(f.docUrl, /error-invalid-action$/);
    clean(fixed!);
  });

  it('flags glue:GetTabels (two letters swapped) with a fix to glue:GetTables', () => {
    const { fixed } = only(policy({ Action: 'glue:GetTabels', Resource: '*' }), 'iam-unknown-action');
    assert.match(fixed!, /"glue:GetTables"/);
  });

  it('covers the whole string and rewrites it when the value has escapes', () => {
    const t = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObj\\u0065cts","Resource":"*"}]}';
    const { range, fixed } = only(t, 'iam-unknown-action');
    assert.equal(range, 's3:GetObj\\u0065cts');
    assert.match(fixed!, /"Action":"s3:GetObject"/);
  });

  it('the fix is preferred (Fix All, lint --fix) only for a typo of at most two edits, never for another verb', () => {
    const typo = only(policy({ Action: 's3:GetObjectTaggin', Resource: '*' }), 'iam-unknown-action');
    assert.equal(typo.f.fixes?.[0]?.preferred, true);
    // AWS managed policy AWSManagedSettingsAdminAccess: payments:GetPaymentPreferences; ListPaymentPreferences is 3 edits away.
    const verb = only(policy({ Action: 'payments:GetPaymentPreferences', Resource: '*' }), 'iam-unknown-action');
    assert.match(verb.f.fixes?.[0]?.title ?? '', /Change to payments:ListPaymentPreferences/);
    assert.equal(verb.f.fixes?.[0]?.preferred, false);
  });

  it('StringLike -> ArnLike on an ARN key is offered but never preferred (it changes which strings match)', () => {
    const doc = policy({
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringLike: { 's3:DataAccessPointArn': `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/*` } },
    });
    const { f } = only(doc, 'condition-string-operator-on-arn-key');
    assert.equal(f.fixes?.length, 1);
    assert.ok(!f.fixes[0].preferred);
  });

  it('lists candidates without a fix when several are equally close', () => {
    const { f } = only(policy({ Action: 's3:GetObjectTaggin', Resource: '*' }), 'iam-unknown-action');
    assert.match(f.message, /Did you mean s3:GetObjectTagging\?/);
    const amb = only(policy({ Action: 's3:PutObjectX', Resource: '*' }), 'iam-unknown-action');
    if (amb.f.fixes) assert.equal(amb.f.fixes.length, 1);
    // Nothing close: not called a typo; an info that the data does not list it (it may be newer than the data).
    const none = only(policy({ Action: 's3:Frobnicate', Resource: '*' }), 'iam-action-not-listed');
    assert.equal(none.f.fixes, undefined);
    assert.equal(none.f.severity, 'info');
    assert.match(
      none.f.message,
      /s3:Frobnicate is not in the IAM reference data of \d{4}-\d{2}-\d{2} for Amazon S3, and no listed action is close to it\. .*Check the name in the list of Amazon S3 actions/,
    );
    // "the list of Amazon S3 actions" is the service's own page of the Service Authorization Reference.
    assert.equal(none.f.docUrl, 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html');
  });

  it('is case-insensitive, as IAM is, and checks NotAction too', () => {
    clean(policy({ Action: ['s3:getobject', 'S3:GETOBJECT'], Resource: `arn:aws:s3:::${BUCKET}/*` }));
    const { range } = only({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:GetRoles'], Resource: '*' }] }, 'iam-unknown-action');
    assert.equal(range, 'iam:GetRoles');
  });

  it('leaves placeholders and policy variables alone', () => {
    clean(policy({ Action: ['<action>', 's3:${aws:username}'], Resource: '*' }));
  });
});

describe('iam-action-pattern-matches-nothing', () => {
  it('flags a wildcard that matches no action, with a fix when the stem is a clear typo', () => {
    const { f, range, fixed } = only(policy({ Action: 's3:Gte*', Resource: '*' }), 'iam-action-pattern-matches-nothing');
    assert.equal(range, 's3:Gte*');
    assert.match(f.message, /matches no action of Amazon S3/);
    assert.match(fixed!, /"s3:Get\*"/);
    clean(fixed!);
    const none = only(policy({ Action: 's3:Qqqqq*', Resource: '*' }), 'iam-action-pattern-matches-nothing');
    assert.equal(none.f.fixes, undefined);
    only(policy({ Action: 'glue:Get?abelz', Resource: '*' }), 'iam-action-pattern-matches-nothing');
  });

  it('accepts valid wildcards: s3:Get*, cleanrooms:List*, ?, service wildcards, * and s3:*', () => {
    clean(policy({ Action: ['s3:Get*', 'cleanrooms:List*', 'cleanrooms:BatchGet*', 's3:Get?bject', 'cleanrooms*:List*', 's3:*', '*'], Resource: '*' }));
  });
});

describe('iam-unknown-condition-key', () => {
  const cond = (c: Doc): Doc => policy({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: c });

  it('flags an unknown global key with a fix', () => {
    const { f, range, fixed } = only(
      cond({ ArnLike: { 'aws:SourceArns': 'arn:aws:cleanrooms:us-east-1:246813579024:membership/*' } }),
      'iam-unknown-condition-key',
    );
    assert.equal(range, 'aws:SourceArns');
    assert.match(f.message, /aws:SourceArns is not a global condition key.*Did you mean aws:SourceArn\?/);
    assert.match(f.docUrl, /error-invalid-global-condition-key$/);
    clean(fixed!);
  });

  it('flags an unknown service key with a fix', () => {
    const { f, fixed } = only(cond({ StringEquals: { 's3:ResourceAcount': ACCOUNT } }), 'iam-unknown-condition-key');
    assert.match(f.message, /s3:ResourceAcount is not a condition key of Amazon S3.*Did you mean s3:ResourceAccount\?/);
    assert.match(f.docUrl, /error-invalid-service-condition-key$/);
    clean(fixed!);
  });

  it('handles /${TagKey} tails: missing tail, misspelt head, valid tags', () => {
    const missing = only(cond({ StringEquals: { 'aws:ResourceTag': 'x' } }), 'iam-unknown-condition-key');
    assert.match(missing.f.message, /needs a tag key: write it as aws:ResourceTag\/<tag-key>/);
    assert.match(missing.f.docUrl, /missing-tag-key-in-condition$/);
    const head = only(cond({ StringEquals: { 'aws:ResourceTags/Project': 'x' } }), 'iam-unknown-condition-key');
    assert.match(head.fixed!, /"aws:ResourceTag\/Project"/);
    clean(cond({ StringEquals: { 'aws:ResourceTag/Project': 'x', 'aws:PrincipalTag/team': 'y', 's3:ExistingObjectTag/classification': 'z' } }));
  });

  it('points aws:ARN to aws:PrincipalArn / aws:SourceArn', () => {
    const { f } = only(cond({ ArnEquals: { 'aws:ARN': 'arn:aws:iam::246813579024:role/x' } }), 'iam-unknown-condition-key');
    assert.match(f.message, /aws:PrincipalArn.*aws:SourceArn/);
  });

  it('accepts keys in any case, cross-service keys and keys with colons inside', () => {
    clean(
      cond({
        StringEquals: {
          'AWS:SOURCEACCOUNT': ACCOUNT,
          's3:resourceaccount': ACCOUNT,
          'kms:ViaService': 's3.us-east-1.amazonaws.com',
          'glue:RoleAssumedBy': 'glue.amazonaws.com',
        },
        ArnLike: { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${BUCKET}/*` },
        NumericLessThan: { 'ec2:RoleDelivery': '2.0' },
      }),
    );
  });
});

describe('condition-string-operator-on-arn-key (key types from the IAM data)', () => {
  it('warns on StringLike with an ARN key, with a fix to ArnLike', () => {
    const doc = policy({
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringLike: { 's3:DataAccessPointArn': `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/*` } },
    });
    const { f, range, fixed } = only(doc, 'condition-string-operator-on-arn-key');
    assert.equal(range, 's3:DataAccessPointArn');
    assert.equal(f.severity, 'info');
    assert.match(fixed!, /"ArnLike": \{/);
    clean(fixed!);
  });

  it('notes StringEquals on an ARN key as info (it works for an exact ARN)', () => {
    const doc = policy({ Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/analyst` } } });
    const { f, fixed } = only(doc, 'condition-string-operator-on-arn-key');
    assert.equal(f.severity, 'info');
    assert.match(fixed!, /"ArnEquals": \{/);
  });

  it('reports StringLike on aws:SourceArn exactly once, with the same range and message with or without the index', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'aws:SourceArn': `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/*` } },
        },
      ],
    };
    const r = lint(doc);
    const both = r.all.filter((f) => f.rule === 'condition-string-operator-on-arn-key');
    assert.equal(both.length, 1);
    const without = analyze(r.text).findings.filter((f) => f.rule === 'condition-string-operator-on-arn-key');
    assert.deepEqual(without, both);
    assert.match(applyEdits(r.text, both[0].fixes![0].edits), /"ArnLike": \{/);
  });

  it('offers no rename when another key shares the block or the target block exists', () => {
    const shared = policy({
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:*:*:accesspoint/*', 's3:prefix': 'home/*' } },
    });
    const a = only(shared, 'condition-string-operator-on-arn-key');
    assert.equal(a.f.fixes, undefined);
    assert.match(a.f.message, /Move s3:DataAccessPointArn into its own ArnLike block/);
    const exists = policy({
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:*:*:accesspoint/*' }, ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } },
    });
    assert.equal(only(exists, 'condition-string-operator-on-arn-key').f.fixes, undefined);
  });

  it('accepts ARN operators on ARN keys, and ARN operators on String keys (the AWS pages do that for sts:ExternalId)', () => {
    clean(
      policy({ Action: 's3:GetObject', Resource: '*', Condition: { ArnLike: { 's3:DataAccessPointArn': `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/*` } } }),
    );
    clean({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'sts:ExternalId': `arn:aws:*:us-east-1:*:dbuser:*/a1b2c3d4*` } },
        },
      ],
    });
  });
});

describe('iam-operator-type-mismatch', () => {
  const cond = (c: Doc): Doc => policy({ Action: 's3:GetObject', Resource: '*', Condition: c });

  it('flags Bool, Numeric, Date and IpAddress operators on keys of another type', () => {
    const bool = only(cond({ Bool: { 'aws:SourceIp': 'true' } }), 'iam-operator-type-mismatch');
    assert.equal(bool.range, 'aws:SourceIp');
    assert.match(bool.f.message, /aws:SourceIp is of type IPAddress, so Bool .* Use IpAddress \/ NotIpAddress/);
    only(cond({ NumericLessThan: { 'aws:username': '3' } }), 'iam-operator-type-mismatch');
    only(cond({ DateGreaterThan: { 'aws:SecureTransport': '2020-01-01T00:00:00Z' } }), 'iam-operator-type-mismatch');
    only(cond({ IpAddress: { 'aws:SourceVpc': '10.0.0.0/8' } }), 'iam-operator-type-mismatch');
  });

  it('accepts each operator family on its own type, including keys with two types', () => {
    clean(
      cond({
        Bool: { 'aws:SecureTransport': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600', 'aws:EpochTime': '1700000000' },
        DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z', 'aws:EpochTime': '2020-01-01T00:00:00Z' },
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        StringEquals: { 'aws:Ec2InstanceSourcePrivateIPv4': '${aws:VpcSourceIp}' },
        Null: { 'aws:SourceIp': 'false' },
      }),
    );
  });
});

describe('condition-wildcard-in-equals (with the IAM data)', () => {
  const doc = policy({ Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringEquals: { 's3:prefix': 'home/*' } } });

  it('flags * in StringEquals, with a fix to StringLike', () => {
    const { f, range, fixed } = only(doc, 'condition-wildcard-in-equals');
    assert.equal(range, 'home/*');
    assert.match(f.message, /StringEquals compares exactly/);
    assert.match(fixed!, /"StringLike": \{/);
    clean(fixed!);
  });

  it('is one finding: nothing else piles onto it, and it is the same without the index', () => {
    const r = lint(doc);
    assert.deepEqual(
      r.iam.map((f) => f.rule),
      ['condition-wildcard-in-equals'],
    );
    assert.deepEqual(
      analyze(r.text).findings.filter((f) => f.rule === 'condition-wildcard-in-equals'),
      r.iam,
    );
  });

  it('ignores wildcards inside policy variables and values of Like / ARN operators', () => {
    clean(
      policy({
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${BUCKET}`,
        Condition: { StringEquals: { 's3:prefix': 'home/${aws:username}' }, StringLike: { 's3:prefix': 'home/*' } },
      }),
    );
  });
});

describe('iam-forallvalues-single-valued', () => {
  it('flags ForAllValues: on a single-valued key, with a fix that drops it', () => {
    const doc = policy({ Action: 's3:GetObject', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ACCOUNT } } });
    const { f, range, fixed } = only(doc, 'iam-forallvalues-single-valued');
    assert.equal(range, 'aws:SourceAccount');
    assert.match(f.message, /single-valued.*also true when the key is missing/);
    assert.match(f.docUrl, /security-warning-forallvalues-with-single-valued-key$/);
    assert.match(fixed!, /"StringEquals": \{/);
    clean(fixed!);
  });

  it('accepts ForAllValues on multivalued keys and the Clean Rooms ForAnyValue:ArnEquals aws:SourceArn pattern', () => {
    clean(policy({ Action: 's3:GetObject', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'team'] } } }));
    clean({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cleanrooms.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            'ForAnyValue:ArnEquals': { 'aws:SourceArn': [`arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/0f4b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d`] },
          },
        },
      ],
    });
  });
});

describe('iam-missing-set-qualifier', () => {
  it('flags a multivalued key without ForAnyValue/ForAllValues, offering both', () => {
    const doc = policy({
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:CalledVia': 'cleanrooms.amazonaws.com' } },
    });
    const r = lint(doc);
    const f = r.iam.find((x) => x.rule === 'iam-missing-set-qualifier')!;
    assert.equal(at(r.text, f), 'aws:CalledVia');
    assert.match(f.message, /multivalued \(ArrayOfString\): write ForAnyValue:StringEquals .* or ForAllValues:StringEquals/);
    assert.deepEqual(
      f.fixes!.map((x) => x.title),
      ['Change to ForAnyValue:StringEquals (at least one value matches)', 'Change to ForAllValues:StringEquals (every value matches)'],
    );
    for (const fix of f.fixes!) clean(applyEdits(r.text, fix.edits));
  });

  it('accepts qualified multivalued keys, Null checks, and keys whose valuedness the sources dispute', () => {
    clean(
      policy({
        Action: 's3:PutObject',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cleanrooms.amazonaws.com' }, Null: { 'aws:TagKeys': 'false' } },
      }),
    );
    const trust = (op: string): Doc => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { [op]: { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        },
      ],
    });
    clean(trust('ForAnyValue:StringLike'));
    clean(trust('StringLike'));
  });
});

describe('iam-resource-mismatch', () => {
  const obj = `arn:aws:s3:::${BUCKET}/*`;
  const bucket = `arn:aws:s3:::${BUCKET}`;

  it('flags s3:GetObject on a bucket ARN (not an object), with a fix to bucket/*', () => {
    const { f, range, fixed } = only(policy({ Action: 's3:GetObject', Resource: bucket }), 'iam-resource-mismatch');
    assert.equal(range, bucket);
    // Only the reference data says so (it misses some documented combinations): an info, worded as such.
    assert.equal(f.severity, 'info');
    assert.match(
      f.message,
      /^The IAM reference data lists no resource type of this statement's actions that arn:aws:s3:::acme-sales-data matches, so it likely grants nothing here\..*s3:GetObject accepts .*object \(arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}\).*Did you mean arn:aws:s3:::acme-sales-data\/\*\?/,
    );
    assert.equal(f.docUrl, 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html');
    clean(fixed!);
  });

  it('flags an action that no Resource applies to (GetObject next to ListBucket on the bucket), with a fix that adds bucket/*', () => {
    const { f, range, fixed } = only(policy({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucket] }), 'iam-resource-mismatch');
    assert.equal(range, `[\n        "${bucket}"\n      ]`);
    assert.match(f.message, /^By the IAM reference data, no Resource of this statement applies to s3:GetObject/);
    clean(fixed!);
    const single = only(policy({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: bucket }), 'iam-resource-mismatch');
    assert.equal(single.range, `"${bucket}"`);
    clean(single.fixed!);
  });

  it('flags an ARN of another service and ARNs for actions that take only "*"', () => {
    const other = only(policy({ Action: ['glue:GetTable'], Resource: [obj, `arn:aws:glue:us-east-1:${ACCOUNT}:table/sales/orders`] }), 'iam-resource-mismatch');
    assert.equal(other.range, obj);
    const star = only(policy({ Action: 's3:ListAllMyBuckets', Resource: bucket }), 'iam-resource-mismatch');
    assert.match(star.f.message, /the reference lists no resource type for s3:ListAllMyBuckets, which IAM then authorizes on "Resource": "\*" only/);
  });

  describe("a Glue table ARN without its database (the AWS page's table/table, filled; issue 14 item 2)", () => {
    const GLUE_READ = [
      'glue:GetDatabase',
      'glue:GetDatabases',
      'glue:GetTable',
      'glue:GetTables',
      'glue:GetPartition',
      'glue:GetPartitions',
      'glue:BatchGetPartition',
    ];
    const g = (r: string): string => `arn:aws:glue:eu-west-2:${ACCOUNT}:${r}`;
    const TABLE_FORMAT = 'arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}';

    it('shows the table ARN format first and in full, not behind "(and 1 more)", and fixes it with the database of the statement', () => {
      const doc = policy({ Action: GLUE_READ, Resource: [g('database/loyalty_db'), g('table/customer_profiles'), g('catalog')] });
      const { f, range, fixed } = only(doc, 'iam-resource-mismatch');
      assert.equal(range, g('table/customer_profiles'));
      assert.ok(f.message.includes(`A table ARN has the form ${TABLE_FORMAT} (glue:GetTable and 4 more of these actions accept it)`), f.message);
      assert.doesNotMatch(f.message, /and \d+ more\)/);
      // The other types are named too, after it.
      assert.match(f.message, /the actions also accept catalog \(.*\), database \(.*database\/\$\{DatabaseName\}\) or rootcatalog \(/);
      assert.match(
        f.message,
        /Did you mean arn:aws:glue:eu-west-2:246813579024:table\/loyalty_db\/customer_profiles \(the database "loyalty_db" is the one this statement names\)\?/,
      );
      assert.equal(f.fixes?.length, 1);
      assert.equal(f.fixes[0].preferred, undefined, 'a guess about the database is never applied by Fix All');
      assert.equal(f.fixes[0].title, `Change to ${g('table/loyalty_db/customer_profiles')}`);
      const after = applyEdits(text(doc), f.fixes[0].edits);
      assert.equal(after, text(doc).replace('table/customer_profiles', 'table/loyalty_db/customer_profiles'));
      // Proven by re-analysis: no finding at all is left.
      clean(after);
      assert.equal(fixed, after);
    });

    it('takes the database from another statement of the policy when this one names none', () => {
      const doc = policy({ Action: 'glue:GetDatabase', Resource: g('database/loyalty_db') }, { Action: ['glue:GetTable'], Resource: g('table/orders') });
      const { f } = only(doc, 'iam-resource-mismatch');
      assert.match(f.message, /the one this policy names/);
      clean(applyEdits(text(doc), f.fixes![0].edits));
    });

    it('offers no fix when the database is not known: two databases, another account or Region, a wildcard, or none', () => {
      const cases: Array<[string, string[]]> = [
        ['two databases', [g('database/a_db'), g('database/b_db'), g('table/orders')]],
        ['another account', [`arn:aws:glue:eu-west-2:135792468013:database/loyalty_db`, g('table/orders')]],
        ['another Region', [`arn:aws:glue:eu-west-1:${ACCOUNT}:database/loyalty_db`, g('table/orders')]],
        ['a wildcard', [g('database/loyalty_*'), g('table/orders')]],
        ['none', [g('catalog'), g('table/orders')]],
      ];
      for (const [why, resources] of cases) {
        const { f } = only(policy({ Action: ['glue:GetTable'], Resource: resources }), 'iam-resource-mismatch');
        assert.deepEqual(f.fixes ?? [], [], why);
        assert.ok(f.message.includes(`A table ARN has the form ${TABLE_FORMAT} (glue:GetTable accepts it)`), `${why}: ${f.message}`);
        assert.doesNotMatch(f.message, /Did you mean/, why);
      }
    });

    it("lists the same service's types first when no type begins like the ARN", () => {
      const { f } = only(policy({ Action: ['s3:GetObject', 'glue:GetTable'], Resource: g('tabel/orders') }), 'iam-resource-mismatch');
      assert.match(f.message, /This statement's actions accept catalog \(arn:\$\{Partition\}:glue:/);
    });

    it('names the type that begins like a written ARN first when an action has no matching Resource', () => {
      const r = lint(policy({ Action: ['glue:GetTable'], Resource: [g('table/orders'), g('tabel/x')] }));
      const whole = r.iam.find((f) => f.rule === 'iam-resource-mismatch' && f.message.startsWith('By the IAM reference data'));
      assert.ok(whole, JSON.stringify(r.iam.map((f) => f.message)));
      assert.ok(whole.message.includes(`glue:GetTable needs table (${TABLE_FORMAT}) or catalog (`), whole.message);
    });
  });

  it('accepts matching ARNs, "*", wildcards, placeholders and policy variables', () => {
    clean(policy({ Action: 's3:GetObject', Resource: obj }));
    clean(policy({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: [bucket, obj] }));
    clean(policy({ Action: ['s3:ListAllMyBuckets', 's3:GetObject'], Resource: '*' }));
    clean(policy({ Action: 's3:Get*', Resource: bucket }));
    clean(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' }));
    clean(policy({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::<bucket>', 'arn:aws:s3:::{{bucket_name}}'] }));
    // A bare doc name is a placeholder finding of its own; it stands for a value still to come, so it matches anything.
    const bare = lint(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket_name' }));
    assert.ok(bare.all.some((f) => f.rule.startsWith('placeholder-')));
    assert.deepEqual(bare.iam, []);
    clean(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::home-${aws:username}' }));
    clean(policy({ Action: ['logs:CreateLogGroup'], Resource: 'arn:aws:logs:*:*:log-group:/aws/cleanrooms*' }));
    clean(
      policy({
        Action: ['glue:GetTable', 'glue:GetDatabase', 'glue:GetCatalog'],
        Resource: [
          `arn:aws:glue:us-east-1:${ACCOUNT}:catalog`,
          `arn:aws:glue:us-east-1:${ACCOUNT}:database/sales`,
          `arn:aws:glue:us-east-1:${ACCOUNT}:table/sales/*`,
        ],
      }),
    );
  });

  it('skips NotAction / NotResource statements and statements with unknown actions', () => {
    clean({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', NotResource: bucket }] });
    clean({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 's3:GetObject', Resource: bucket }] });
    const r = lint(policy({ Action: ['s3:GetObjects'], Resource: bucket }));
    assert.deepEqual(
      r.iam.map((f) => f.rule),
      ['iam-unknown-action'],
    );
  });
});

describe('iam-data rules: every fix removes its finding', () => {
  const docs: Doc[] = [
    policy({ Action: ['glu:GetTable', 's3:GetObjects', 's3:Gte*'], Resource: '*' }),
    policy({ Action: ['glue:GetTable'], Resource: [`arn:aws:glue:eu-west-2:${ACCOUNT}:database/sales`, `arn:aws:glue:eu-west-2:${ACCOUNT}:table/orders`] }),
    policy({
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { ArnEquals: { 'aws:SourceArns': 'arn:aws:s3:::x' }, StringEquals: { 'aws:CalledVia': 'cleanrooms.amazonaws.com' } },
    }),
    policy({
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:SourceAccount': ACCOUNT }, StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:*:*:accesspoint/*' } },
    }),
  ];
  it('for each finding with fixes, applying any one fix removes that finding and adds no iam finding', () => {
    let checked = 0;
    for (const doc of docs) {
      const r = lint(doc);
      for (const f of r.iam) {
        for (const fix of f.fixes ?? []) {
          const after = lint(applyEdits(r.text, fix.edits));
          assert.ok(!after.iam.some((g) => g.rule === f.rule && at(after.text, g) === at(r.text, f) && g.message === f.message), `${f.rule}: ${fix.title}`);
          assert.ok(after.iam.length < r.iam.length, `${f.rule}: ${fix.title} did not reduce findings`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 7, `checked ${checked} fixes`);
  });
});

describe('rules: iam-data — tag-key templates written as …Tag/tag-key', () => {
  it('resolves secretsmanager:ResourceTag/aws:secretsmanager:owningService (AWS managed policy SecretsManagerReadWrite-style owning-service condition) and ssm:resourceTag/<key>', () => {
    // The reference lists the key as secretsmanager:ResourceTag/tag-key; AWS managed policies (e.g.
    // AWSSecretsManagerClientReadOnlyAccess-era RDS/Redshift policies) use the tag key aws:secretsmanager:owningService.
    const a = lint(
      policy({
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { StringEquals: { 'secretsmanager:ResourceTag/aws:secretsmanager:owningService': 'rds' } },
      }),
    );
    assert.deepEqual(
      a.iam.filter((f) => f.rule === 'iam-unknown-condition-key').map((f) => f.message),
      [],
    );
    const b = lint(policy({ Action: 'ssm:GetDocument', Resource: '*', Condition: { StringEquals: { 'ssm:resourceTag/Project': 'x' } } }));
    assert.deepEqual(
      b.iam.filter((f) => f.rule === 'iam-unknown-condition-key').map((f) => f.message),
      [],
    );
    // Still a typo in the fixed part is flagged.
    const c = lint(policy({ Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'secretsmanager:ResourceTagz/x': 'rds' } } }));
    assert.equal(c.iam.filter((f) => f.rule === 'iam-unknown-condition-key').length, 1);
    // A key with nothing close is only "not in the data" (info): AWS's own AWSSSOServiceRolePolicy uses aws:PrincipalOrgMasterAccountId.
    const d = lint(
      policy({
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { StringEquals: { 'aws:PrincipalOrgMasterAccountId': '111122223333' } },
      }),
    );
    assert.deepEqual(
      d.iam.map((f) => [f.rule, f.severity]),
      [['iam-condition-key-not-listed', 'info']],
    );
  });
});

describe("iam-data rules: independent of other rules' settings and of run order (issue 13)", () => {
  // An example bucket of the AWS docs in a bucket ARN, for an object action: a placeholder, so it matches like a wildcard.
  const example = policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket' });
  const rules = (doc: Doc, options: AnalyzeOptions = {}) => lint(doc, options).all.map((f) => f.rule);

  it('with placeholder-example-value: off, iam-resource-mismatch does not start firing on the example value', () => {
    assert.deepEqual(rules(example), ['placeholder-example-value']);
    assert.deepEqual(rules(example, { severityOverrides: { 'placeholder-example-value': 'off' } }), []);
    // The check is alive: a real bucket ARN for an object action is reported.
    assert.deepEqual(rules(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-sales-data' })), ['iam-resource-mismatch']);
  });

  it('run before the placeholders family, iam-data still treats the placeholder as a wildcard (it reads the detector, not findings)', () => {
    const i = RULE_FAMILIES.indexOf(iamDataRules);
    RULE_FAMILIES.splice(i, 1);
    RULE_FAMILIES.unshift(iamDataRules);
    try {
      assert.deepEqual(rules(example), ['placeholder-example-value']);
      assert.deepEqual(rules(policy({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket_name' })), ['placeholder-bare-name']);
    } finally {
      RULE_FAMILIES.splice(0, 1);
      RULE_FAMILIES.splice(i, 0, iamDataRules);
    }
    assert.equal(RULE_FAMILIES.indexOf(iamDataRules), i);
  });

  it('a rule turned off changes no other rule: grammar-condition-operator-case off leaves iam-operator-type-as-text quiet under "stringequals"', () => {
    const doc = policy({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { stringequals: { 'aws:SecureTransport': 'true' } } });
    assert.deepEqual(rules(doc), ['grammar-condition-operator-case']);
    assert.deepEqual(rules(doc, { severityOverrides: { 'grammar-condition-operator-case': 'off' } }), []);
  });
});
