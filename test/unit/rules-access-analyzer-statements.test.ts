import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import {
  accessAnalyzerStatementRules,
  actionPatternMatches,
  classifyFederated,
  GROUP_INLINE_MAX_CHARS,
  MANAGED_POLICY_MAX_CHARS,
  MAX_REDUNDANCY_FIXES,
  patternCovers,
  ROLE_INLINE_MAX_CHARS,
  S3_BUCKET_POLICY_MAX_BYTES,
  TRUST_POLICY_DEFAULT_MAX_CHARS,
  TRUST_POLICY_MAX_QUOTA_CHARS,
  USER_INLINE_MAX_CHARS,
} from '../../src/analysis/rules/access-analyzer-statements';
import { fixes, j, none, one, under } from './helpers/rules';

const ACCT = '246813579024';
const BUCKET = 'acme-sales-data';
const perms = (...statements: Array<Record<string, unknown>>) => j({ Version: '2012-10-17', Statement: statements });
const trust = (st: Record<string, unknown>, ...more: Array<Record<string, unknown>>) =>
  j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...st }, ...more] });
/** A resource-based (bucket) policy statement. */
const bucketSt = (st: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, ...st });
const aaRules = (text: string, re: RegExp) => analyze(text).findings.filter((f) => re.test(f.rule));

interface Case {
  name: string;
  text: string;
  /** The rule expected exactly once (with severity and range); absent: `none` of `rule` … */
  rule: string;
  expect?: { severity: string; at: string };
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.expect ? 'flags' : 'passes'}: ${c.name}`, () => {
        if (c.expect) one(c.text, c.rule, c.expect.severity, c.expect.at);
        else none(c.text, c.rule);
      });
    }
  });
}

describe('rules: access-analyzer-statements', () => {
  it('every rule records its Access Analyzer issue code (aa-allow-not-resource has none: AA has no generic code)', () => {
    for (const r of accessAnalyzerStatementRules.rules) {
      if (r.id === 'aa-allow-not-resource') assert.equal(r.accessAnalyzer, undefined);
      else assert.match(r.accessAnalyzer ?? '', /^[A-Z_]+$/, r.id);
      assert.ok(r.docUrl.startsWith('https://docs.aws.amazon.com/'), r.id);
    }
    // One rule per issue code, except where a code has an info variant of its own id (the size quotas: certain vs.
    // depends on how the policy is used; the principal checks: certain vs. what the kit cannot tell), as every
    // per-finding severity variant is its own rule.
    const variants = new Set([
      'aa-policy-size-identity-role-only',
      'aa-policy-size-trust-raised',
      'aa-policy-size-resource-whitespace',
      'aa-service-principal-unusual',
      'aa-service-principal-unscoped-conditions',
      'aa-federated-assume-role',
      'aa-github-sub-ref-wildcard',
    ]);
    const codes = accessAnalyzerStatementRules.rules
      .filter((r) => !variants.has(r.id))
      .map((r) => r.accessAnalyzer)
      .filter(Boolean);
    assert.equal(new Set(codes).size, codes.length, 'one rule per issue code');
    for (const id of variants) assert.equal(accessAnalyzerStatementRules.rules.find((r) => r.id === id)?.severity, 'info', id);
  });

  it('actionPatternMatches: IAM wildcards, case-insensitive, nothing else', () => {
    const rows: Array<[string, boolean]> = [
      ['iam:PassRole', true],
      ['IAM:passrole', true],
      ['iam:Pass*', true],
      ['iam:*', true],
      ['iam:P?ssRole', true],
      ['*', true],
      ['i*:*Role', true],
      ['iam:PassRoles', false],
      ['iam:Pass', false],
      ['iam:P.ssRole', false],
      ['iam:GetRole', false],
      ['sts:PassRole', false],
      ['iam:Pass?', false],
    ];
    for (const [p, want] of rows) assert.equal(actionPatternMatches(p, 'iam:PassRole'), want, p);
  });

  it('patternCovers: sound inclusion of IAM patterns', () => {
    const rows: Array<[string, string, boolean, boolean]> = [
      ['iam:Get*', 'iam:GetRole', true, true],
      ['iam:Get*', 'IAM:getrole', true, true],
      ['iam:Get*', 'iam:GetRole', false, true],
      ['iam:Get*', 'iam:Get*Role', true, true],
      ['iam:Get*', 'iam:*CredentialReport', true, false],
      ['iam:Get?ole', 'iam:GetRole', true, true],
      ['iam:Get?ole', 'iam:Get*ole', true, false],
      ['*', 's3:GetObject', true, true],
      ['s3:*', 'iam:GetRole', true, false],
      ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/*', false, true],
      ['arn:aws:s3:::b/*', 'arn:aws:s3:::B/x', false, false],
      ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}/*', false, false],
      ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false, false],
    ];
    for (const [wide, narrow, ci, want] of rows) assert.equal(patternCovers(wide, narrow, ci), want, `${wide} ⊇ ${narrow}`);
    assert.equal(patternCovers('a*', 'a' + 'b'.repeat(600), false), false, 'long values are not compared');
  });

  it('classifyFederated', () => {
    assert.deepEqual(classifyFederated(`arn:aws:iam::${ACCT}:saml-provider/CorpIdP`), { kind: 'saml' });
    assert.deepEqual(classifyFederated(`arn:aws:iam::${ACCT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC`), {
      kind: 'oidc',
      provider: 'oidc.eks.us-east-1.amazonaws.com/id/ABC',
    });
    assert.deepEqual(classifyFederated('cognito-identity.amazonaws.com'), { kind: 'oidc', provider: 'cognito-identity.amazonaws.com' });
    assert.equal(classifyFederated('https://accounts.google.com').kind, 'invalid');
    assert.equal(classifyFederated(`arn:aws:iam::${ACCT}:role/x`).kind, 'invalid');
  });
});

const ROLE = `arn:aws:iam::${ACCT}:role/analyst`;
const passedTo = (op: string) => ({ Condition: { [op]: { 'iam:PassedToService': 'glue.amazonaws.com' } } });

table('aa-pass-role-* and aa-create-slr-*: the grant variants', [
  {
    name: 'PassRole on *',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
    rule: 'aa-pass-role-star-resource',
    expect: { severity: 'info', at: '"iam:PassRole"' },
  },
  {
    name: 'PassRole on role/* of any account',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*' }),
    rule: 'aa-pass-role-star-resource',
    expect: { severity: 'info', at: '"iam:PassRole"' },
  },
  {
    name: 'PassRole on every role of one account',
    text: perms({ Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: ['arn:aws:iam::246813579024:role/x', `arn:aws:iam::${ACCT}:role/*`] }),
    rule: 'aa-pass-role-star-resource',
    expect: { severity: 'info', at: '"iam:PassRole"' },
  },
  {
    name: 'PassRole on role/Service* (AA: naming conventions do not trigger it)',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/Service*' }),
    rule: 'aa-pass-role-star-resource',
  },
  { name: 'PassRole on one role', text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE }), rule: 'aa-pass-role-star-resource' },
  {
    name: 'PassRole on * with iam:PassedToService',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', ...passedTo('StringEquals') }),
    rule: 'aa-pass-role-star-resource',
  },
  {
    name: 'PassRole on * with a negated iam:PassedToService',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', ...passedTo('StringNotEquals') }),
    rule: 'aa-pass-role-star-resource',
    expect: { severity: 'info', at: '"iam:PassRole"' },
  },
  { name: 'Deny PassRole on *', text: perms({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }), rule: 'aa-pass-role-star-resource' },
  {
    name: 'iam:Pass* on *',
    text: perms({ Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' }),
    rule: 'aa-pass-role-star-action-star-resource',
    expect: { severity: 'info', at: '"iam:Pass*"' },
  },
  {
    name: 'iam:Pass* on *: not the exact-action variant',
    text: perms({ Effect: 'Allow', Action: 'iam:Pass*', Resource: '*' }),
    rule: 'aa-pass-role-star-resource',
  },
  { name: 'iam:Get* on *', text: perms({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }), rule: 'aa-pass-role-star-action-star-resource' },
  {
    name: 'PassRole with NotResource',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: `arn:aws:iam::${ACCT}:role/admin` }),
    rule: 'aa-pass-role-not-resource',
    expect: { severity: 'warning', at: '"iam:PassRole"' },
  },
  {
    name: 'PassRole with a NotResource excluding every role',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/*' }),
    rule: 'aa-pass-role-not-resource',
  },
  { name: 'Deny PassRole with NotResource', text: perms({ Effect: 'Deny', Action: 'iam:PassRole', NotResource: ROLE }), rule: 'aa-pass-role-not-resource' },
  {
    name: 'iam:* with NotResource',
    text: perms({ Effect: 'Allow', Action: 'iam:*', NotResource: ROLE }),
    rule: 'aa-pass-role-star-action-not-resource',
    expect: { severity: 'warning', at: '"iam:*"' },
  },
  {
    name: 'NotAction s3:* with NotResource',
    text: perms({ Effect: 'Allow', NotAction: 's3:*', NotResource: `arn:aws:s3:::${BUCKET}` }),
    rule: 'aa-pass-role-not-action-not-resource',
    expect: { severity: 'warning', at: '"NotAction"' },
  },
  {
    name: 'NotAction iam:* with NotResource',
    text: perms({ Effect: 'Allow', NotAction: 'iam:*', NotResource: `arn:aws:s3:::${BUCKET}` }),
    rule: 'aa-pass-role-not-action-not-resource',
  },
  {
    name: 'NotAction s3:* on *',
    text: perms({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
    rule: 'aa-pass-role-not-action-star-resource',
    expect: { severity: 'warning', at: '"NotAction"' },
  },
  {
    name: 'NotAction iam:PassRole on *',
    text: perms({ Effect: 'Allow', NotAction: ['iam:PassRole', 'iam:CreateServiceLinkedRole'], Resource: '*' }),
    rule: 'aa-pass-role-not-action-star-resource',
  },
  {
    name: 'CreateServiceLinkedRole on *',
    text: perms({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*' }),
    rule: 'aa-create-slr-star-resource',
    expect: { severity: 'info', at: '"iam:CreateServiceLinkedRole"' },
  },
  {
    name: 'CreateServiceLinkedRole on every service-linked role',
    text: perms({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/*' }),
    rule: 'aa-create-slr-star-resource',
    expect: { severity: 'info', at: '"iam:CreateServiceLinkedRole"' },
  },
  {
    name: "CreateServiceLinkedRole on one service's role path",
    text: perms({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/elasticache.amazonaws.com/*' }),
    rule: 'aa-create-slr-star-resource',
  },
  {
    name: 'CreateServiceLinkedRole on * with iam:AWSServiceName',
    text: perms({
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: { StringLike: { 'iam:AWSServiceName': 'elasticache.amazonaws.com' } },
    }),
    rule: 'aa-create-slr-star-resource',
  },
  {
    name: 'iam:Create* on *',
    text: perms({ Effect: 'Allow', Action: 'iam:Create*', Resource: '*' }),
    rule: 'aa-create-slr-star-action-star-resource',
    expect: { severity: 'info', at: '"iam:Create*"' },
  },
  { name: 'iam:CreateRole on *', text: perms({ Effect: 'Allow', Action: 'iam:CreateRole', Resource: '*' }), rule: 'aa-create-slr-star-action-star-resource' },
  {
    name: 'CreateServiceLinkedRole with NotResource',
    text: perms({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', NotResource: ROLE }),
    rule: 'aa-create-slr-not-resource',
    expect: { severity: 'warning', at: '"iam:CreateServiceLinkedRole"' },
  },
  {
    name: 'iam:Create* with NotResource',
    text: perms({ Effect: 'Allow', Action: 'iam:Create*', NotResource: ROLE }),
    rule: 'aa-create-slr-star-action-not-resource',
    expect: { severity: 'warning', at: '"iam:Create*"' },
  },
  {
    name: 'NotAction with NotResource (SLR)',
    text: perms({ Effect: 'Allow', NotAction: 's3:*', NotResource: `arn:aws:s3:::${BUCKET}` }),
    rule: 'aa-create-slr-not-action-not-resource',
    expect: { severity: 'warning', at: '"NotAction"' },
  },
  {
    name: 'NotAction on * (SLR)',
    text: perms({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
    rule: 'aa-create-slr-not-action-star-resource',
    expect: { severity: 'warning', at: '"NotAction"' },
  },
  {
    name: 'NotAction iam:CreateServiceLinkedRole on *',
    text: perms({ Effect: 'Allow', NotAction: 'iam:CreateServiceLinkedRole', Resource: '*' }),
    rule: 'aa-create-slr-not-action-star-resource',
  },
]);

describe('aa-pass-role-* / aa-create-slr-*: one finding per statement and action', () => {
  it('"*" on "*" reports the PassRole and the CreateServiceLinkedRole variant, nothing else of the family', () => {
    const t = perms({ Effect: 'Allow', Action: '*', Resource: '*' });
    assert.deepEqual(
      aaRules(t, /^aa-(pass-role|create-slr)/)
        .map((f) => `${f.rule}@${under(t, f)}`)
        .sort(),
      ['aa-create-slr-star-action-star-resource@"*"', 'aa-pass-role-star-action-star-resource@"*"'],
    );
  });
  it('an exact iam:PassRole next to iam:* reports the exact-action variant only', () => {
    const t = perms({ Effect: 'Allow', Action: ['iam:*', 'iam:PassRole'], Resource: '*' });
    assert.deepEqual(
      aaRules(t, /^aa-pass-role/).map((f) => f.rule),
      ['aa-pass-role-star-resource'],
    );
  });
  it('a trust policy is not checked for PassRole grants', () => {
    none(trust({ Principal: { Service: 'glue.amazonaws.com' } }), /^aa-(pass-role|create-slr)/);
  });
});

table('aa-allow-not-resource', [
  {
    name: 'Allow with NotResource',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `arn:aws:s3:::${BUCKET}/private/*` }),
    rule: 'aa-allow-not-resource',
    expect: { severity: 'info', at: '"NotResource"' },
  },
  {
    name: 'Deny with NotResource',
    text: perms({ Effect: 'Deny', Action: 's3:GetObject', NotResource: `arn:aws:s3:::${BUCKET}/public/*` }),
    rule: 'aa-allow-not-resource',
  },
  {
    name: 'Allow with Resource',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }),
    rule: 'aa-allow-not-resource',
  },
  {
    name: 'PassRole with NotResource: reported by aa-pass-role-not-resource instead',
    text: perms({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: ROLE }),
    rule: 'aa-allow-not-resource',
  },
]);

describe('policy size quotas', () => {
  const len = (t: string) => t.replace(/\s/g, '').length;
  /** A document of exactly `n` non-whitespace characters, built by padding a Sid. */
  function sized(n: number, build: (sid: string) => string): string {
    const text = build('A'.repeat(n - len(build(''))));
    assert.equal(len(text), n);
    return text;
  }
  const identity = (sid: string) => perms({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` });
  const trustDoc = (sid: string) => trust({ Sid: sid, Principal: { Service: 'glue.amazonaws.com' } });
  // Compact: the S3 quota is measured with and without whitespace.
  const bucket = (sid: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [bucketSt({ Sid: sid, Principal: { AWS: `arn:aws:iam::${ACCT}:root` } })] });

  it('the quotas are the documented ones', () => {
    assert.deepEqual(
      [
        MANAGED_POLICY_MAX_CHARS,
        USER_INLINE_MAX_CHARS,
        GROUP_INLINE_MAX_CHARS,
        ROLE_INLINE_MAX_CHARS,
        TRUST_POLICY_DEFAULT_MAX_CHARS,
        TRUST_POLICY_MAX_QUOTA_CHARS,
        S3_BUCKET_POLICY_MAX_BYTES,
      ],
      [6144, 2048, 5120, 10240, 2048, 8192, 20480],
    );
  });

  const rows: Array<[string, (sid: string) => string, number, string, string | undefined]> = [
    ['identity', identity, 6144, 'aa-policy-size-identity', undefined],
    ['identity', identity, 6145, 'aa-policy-size-identity-role-only', 'info'],
    ['identity', identity, 10240, 'aa-policy-size-identity-role-only', 'info'],
    ['identity', identity, 10241, 'aa-policy-size-identity', 'warning'],
    ['trust', trustDoc, 2048, 'aa-policy-size-trust', undefined],
    ['trust', trustDoc, 2049, 'aa-policy-size-trust-raised', 'info'],
    ['trust', trustDoc, 8192, 'aa-policy-size-trust-raised', 'info'],
    ['trust', trustDoc, 8193, 'aa-policy-size-trust', 'warning'],
    ['S3 bucket', bucket, 20480, 'aa-policy-size-resource', undefined],
    ['S3 bucket', bucket, 20481, 'aa-policy-size-resource', 'warning'],
  ];
  for (const [kind, build, n, rule, severity] of rows) {
    it(`${kind} policy of ${n} characters: ${severity ?? 'no finding'}`, () => {
      const t = sized(n, build);
      if (severity) assert.match(one(t, rule, severity, '"').message, new RegExp(`${n} `));
      else none(t, /^aa-policy-size/);
    });
  }
  it('whitespace is not counted (identity, trust)', () => {
    for (const [build, n] of [
      [identity, 6144],
      [trustDoc, 2048],
    ] as const) {
      const t = sized(n, build).replace(/\n/g, '\n' + ' '.repeat(2000));
      none(t, /^aa-policy-size/);
    }
  });
  it('an S3 bucket policy over 20 KB only with its whitespace is an info', () => {
    const t = sized(20000, bucket).replace(/,/g, ', ' + ' '.repeat(200));
    assert.ok(t.length > 20480);
    assert.match(one(t, 'aa-policy-size-resource-whitespace', 'info', '"').message, /whitespace/);
  });
  it('a resource-based policy of another service is not measured (its quota is not known offline)', () => {
    const t = sized(30000, (sid) =>
      perms({
        Sid: sid,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCT}:root` },
        Action: 'sqs:SendMessage',
        Resource: `arn:aws:sqs:us-east-1:${ACCT}:orders`,
      }),
    );
    none(t, /^aa-policy-size/);
  });
  it('a trust policy is not measured against the identity quota', () => {
    none(sized(7000, trustDoc), 'aa-policy-size-identity');
  });
});

table('aa-service-principal-format', [
  { name: 'lambda.amazonaws.com', text: trust({ Principal: { Service: 'lambda.amazonaws.com' } }), rule: 'aa-service-principal-format' },
  { name: 'a China-Region principal', text: trust({ Principal: { Service: 'ec2.amazonaws.com.cn' } }), rule: 'aa-service-principal-format' },
  { name: 'a Regional principal', text: trust({ Principal: { Service: 'logs.us-east-1.amazonaws.com' } }), rule: 'aa-service-principal-format' },
  {
    name: 'upper case',
    text: trust({ Principal: { Service: 'Lambda.amazonaws.com' } }),
    rule: 'aa-service-principal-format',
    expect: { severity: 'error', at: 'Lambda.amazonaws.com' },
  },
  {
    name: 'a URL',
    text: trust({ Principal: { Service: 'https://lambda.amazonaws.com/' } }),
    rule: 'aa-service-principal-format',
    expect: { severity: 'error', at: 'https://lambda.amazonaws.com/' },
  },
  {
    name: 'a bare service name',
    text: trust({ Principal: { Service: 'lambda' } }),
    rule: 'aa-service-principal-format',
    expect: { severity: 'error', at: 'lambda' },
  },
  {
    name: 'amazonaws.com alone',
    text: trust({ Principal: { Service: 'amazonaws.com' } }),
    rule: 'aa-service-principal-format',
    expect: { severity: 'error', at: 'amazonaws.com' },
  },
  {
    name: 'a documented principal of another domain (Alexa)',
    text: perms(bucketSt({ Principal: { Service: 'alexa-appkit.amazon.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCT } } })),
    rule: 'aa-service-principal-unusual',
    expect: { severity: 'info', at: 'alexa-appkit.amazon.com' },
  },
  { name: 'a wildcard (grammar-principal-shape reports it)', text: trust({ Principal: { Service: '*.amazonaws.com' } }), rule: 'aa-service-principal-format' },
  {
    name: 'a Clean Rooms typo (cleanrooms-principal-typo reports it)',
    text: trust({ Principal: { Service: 'CleanRooms.amazonaws.com' } }),
    rule: 'aa-service-principal-format',
  },
  { name: 'a placeholder', text: trust({ Principal: { Service: '<service>.amazonaws.com' } }), rule: 'aa-service-principal-format' },
]);

describe('aa-service-principal-format: fixes', () => {
  it('lower-cases and strips the scheme; no fix when the result is still not a principal', () => {
    for (const [v, want] of [
      ['Lambda.amazonaws.com', 'lambda.amazonaws.com'],
      ['https://lambda.amazonaws.com/', 'lambda.amazonaws.com'],
      [' glue.amazonaws.com', 'glue.amazonaws.com'],
    ]) {
      const t = trust({ Principal: { Service: v } });
      const after = fixes(t, one(t, 'aa-service-principal-format', 'error', v), /Change to/);
      assert.ok(after.includes(`"${want}"`), after);
    }
    assert.equal(one(trust({ Principal: { Service: 'LAMBDA' } }), 'aa-service-principal-format', 'error', 'LAMBDA').fixes, undefined);
  });
  it('grammar-principal-shape no longer reports the format (one finding, not two)', () => {
    none(trust({ Principal: { Service: 'lambda' } }), 'grammar-principal-shape');
  });
});

table('aa-role-id-principal / aa-user-id-principal', [
  {
    name: 'a role ID',
    text: trust({ Principal: { AWS: 'AROAZ7XK3QWERTY5N2PLM' } }),
    rule: 'aa-role-id-principal',
    expect: { severity: 'warning', at: 'AROAZ7XK3QWERTY5N2PLM' },
  },
  {
    name: 'a user ID',
    text: trust({ Principal: { AWS: ['AIDAZ7XK3QWERTY5N2PLM', `arn:aws:iam::${ACCT}:root`] } }),
    rule: 'aa-user-id-principal',
    expect: { severity: 'warning', at: 'AIDAZ7XK3QWERTY5N2PLM' },
  },
  {
    name: 'a role ID in a bucket policy',
    text: perms(bucketSt({ Principal: { AWS: 'AROAZ7XK3QWERTY5N2PLM' } })),
    rule: 'aa-role-id-principal',
    expect: { severity: 'warning', at: 'AROAZ7XK3QWERTY5N2PLM' },
  },
  { name: 'too short for a unique ID', text: trust({ Principal: { AWS: 'AROA12345' } }), rule: 'aa-role-id-principal' },
  { name: 'an account ID', text: trust({ Principal: { AWS: ACCT } }), rule: 'aa-role-id-principal' },
  { name: 'a role ARN', text: trust({ Principal: { AWS: ROLE } }), rule: 'aa-role-id-principal' },
]);

describe('unique IDs: grammar-principal-shape leaves them to the aa-*-id-principal rules', () => {
  it('one finding', () => {
    none(trust({ Principal: { AWS: 'AROAZ7XK3QWERTY5N2PLM' } }), 'grammar-principal-shape');
    one(trust({ Principal: { AWS: 'AROA12345' } }), 'grammar-principal-shape', 'error', 'AROA12345');
  });
});

table('aa-service-principal-unscoped (resource-based policies)', [
  {
    name: 'CloudTrail without a source condition',
    text: perms(bucketSt({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject' })),
    rule: 'aa-service-principal-unscoped',
    expect: { severity: 'warning', at: 'cloudtrail.amazonaws.com' },
  },
  {
    name: 'with aws:SourceAccount',
    text: perms(bucketSt({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCT } } })),
    rule: 'aa-service-principal-unscoped',
  },
  {
    name: 'with AWS:SOURCEARN (key names are case-insensitive)',
    text: perms(
      bucketSt({
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Condition: { ArnLike: { 'AWS:SOURCEARN': `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/*` } },
      }),
    ),
    rule: 'aa-service-principal-unscoped',
  },
  {
    name: 'with aws:SourceOrgID',
    text: perms(bucketSt({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } } })),
    rule: 'aa-service-principal-unscoped',
  },
  {
    name: 'with an unrelated condition only',
    text: perms(bucketSt({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } })),
    rule: 'aa-service-principal-unscoped-conditions',
    expect: { severity: 'info', at: 'cloudtrail.amazonaws.com' },
  },
  {
    name: 'a KMS key policy scoped by encryption context (documented by CloudWatch Logs)',
    text: perms({
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCT}:log-group:app` } },
    }),
    rule: 'aa-service-principal-unscoped-conditions',
    expect: { severity: 'info', at: 'logs.us-east-1.amazonaws.com' },
  },
  {
    name: 'a Deny statement',
    text: perms(bucketSt({ Effect: 'Deny', Principal: { Service: 'cloudtrail.amazonaws.com' } })),
    rule: 'aa-service-principal-unscoped',
  },
  {
    name: 'a role trust policy (not a resource-based policy here)',
    text: trust({ Principal: { Service: 'lambda.amazonaws.com' } }),
    rule: 'aa-service-principal-unscoped',
  },
  {
    name: 'Clean Rooms (cleanrooms-unscoped-trust reports it)',
    text: perms(bucketSt({ Principal: { Service: 'cleanrooms.amazonaws.com' } })),
    rule: 'aa-service-principal-unscoped',
  },
]);

table('aa-allow-not-principal', [
  {
    name: 'Allow with NotPrincipal',
    text: perms(bucketSt({ NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` } })),
    rule: 'aa-allow-not-principal',
    expect: { severity: 'warning', at: '"NotPrincipal"' },
  },
  {
    name: 'Deny with NotPrincipal',
    text: perms(bucketSt({ Effect: 'Deny', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:root` } })),
    rule: 'aa-allow-not-principal',
  },
  { name: 'Allow with Principal', text: perms(bucketSt({ Principal: { AWS: `arn:aws:iam::${ACCT}:root` } })), rule: 'aa-allow-not-principal' },
]);

const SAML = `arn:aws:iam::${ACCT}:saml-provider/CorpIdP`;
const GH = `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com`;
const IDP = `arn:aws:iam::${ACCT}:oidc-provider/login.acme-idp.example`;
const web = (principal: string, extra: Record<string, unknown> = {}) =>
  trust({ Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity', ...extra });
const ghSub = (op: string, v: string) =>
  web(GH, {
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, [op]: { 'token.actions.githubusercontent.com:sub': v } },
  });

table('aa-federated-principal-syntax / aa-federated-principal-not-supported', [
  {
    name: 'a SAML provider ARN',
    text: trust({
      Principal: { Federated: SAML },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
    rule: 'aa-federated-principal-syntax',
  },
  {
    name: 'an OIDC provider ARN',
    text: web(IDP, { Condition: { StringEquals: { 'login.acme-idp.example:aud': 'reports-app' } } }),
    rule: 'aa-federated-principal-syntax',
  },
  {
    name: 'a web identity domain',
    text: web('cognito-identity.amazonaws.com', {
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0f4b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d' } },
    }),
    rule: 'aa-federated-principal-syntax',
  },
  {
    name: 'a URL',
    text: web('https://token.actions.githubusercontent.com'),
    rule: 'aa-federated-principal-syntax',
    expect: { severity: 'error', at: 'https://token.actions.githubusercontent.com' },
  },
  { name: 'a role ARN', text: web(ROLE), rule: 'aa-federated-principal-syntax', expect: { severity: 'error', at: ROLE } },
  {
    name: 'a SAML provider ARN with a short account',
    text: trust({ Principal: { Federated: 'arn:aws:iam::2468:saml-provider/CorpIdP' }, Action: 'sts:AssumeRoleWithSAML' }),
    rule: 'aa-federated-principal-syntax',
    expect: { severity: 'error', at: 'arn:aws:iam::2468:saml-provider/CorpIdP' },
  },
  {
    name: 'Federated in a bucket policy',
    text: perms(bucketSt({ Principal: { Federated: SAML } })),
    rule: 'aa-federated-principal-not-supported',
    expect: { severity: 'error', at: '"Federated"' },
  },
  {
    name: 'Federated in a trust policy',
    text: trust({ Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' }),
    rule: 'aa-federated-principal-not-supported',
  },
]);

table('aa-mismatched-action-for-principal', [
  {
    name: 'SAML provider with AssumeRoleWithSAML (and TagSession)',
    text: trust({ Principal: { Federated: SAML }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] }),
    rule: 'aa-mismatched-action-for-principal',
  },
  {
    name: 'SAML provider with AssumeRoleWithWebIdentity',
    text: trust({ Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    rule: 'aa-mismatched-action-for-principal',
    expect: { severity: 'error', at: 'sts:AssumeRoleWithWebIdentity' },
  },
  {
    name: 'OIDC provider with AssumeRoleWithWebIdentity',
    text: web(IDP, { Condition: { StringEquals: { 'login.acme-idp.example:aud': 'x' } } }),
    rule: 'aa-mismatched-action-for-principal',
  },
  {
    name: 'OIDC provider with AssumeRoleWithSAML',
    text: trust({ Principal: { Federated: IDP }, Action: 'sts:AssumeRoleWithSAML' }),
    rule: 'aa-mismatched-action-for-principal',
    expect: { severity: 'error', at: 'sts:AssumeRoleWithSAML' },
  },
  {
    name: 'a service principal with AssumeRoleWithSAML',
    text: trust({ Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRoleWithSAML' }),
    rule: 'aa-mismatched-action-for-principal',
    expect: { severity: 'error', at: 'sts:AssumeRoleWithSAML' },
  },
  {
    name: 'an OIDC provider with AssumeRole',
    text: trust({ Principal: { Federated: IDP }, Condition: { StringEquals: { 'login.acme-idp.example:aud': 'x' } } }),
    rule: 'aa-federated-assume-role',
    expect: { severity: 'info', at: 'sts:AssumeRole' },
  },
  { name: 'an account with AssumeRole', text: trust({ Principal: { AWS: ACCT } }), rule: 'aa-mismatched-action-for-principal' },
  {
    name: 'a wildcard action is not judged',
    text: trust({ Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWith*' }),
    rule: 'aa-mismatched-action-for-principal',
  },
]);

const RA = { Service: 'rolesanywhere.amazonaws.com' };
table('aa-roles-anywhere-actions', [
  {
    name: 'all three actions',
    text: trust({ Principal: RA, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] }),
    rule: 'aa-roles-anywhere-actions',
  },
  { name: 'sts:* ', text: trust({ Principal: RA, Action: 'sts:*' }), rule: 'aa-roles-anywhere-actions' },
  {
    name: 'the actions in two statements',
    text: trust({ Principal: RA, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }, { Effect: 'Allow', Principal: RA, Action: 'sts:TagSession' }),
    rule: 'aa-roles-anywhere-actions',
  },
  {
    name: 'without sts:TagSession',
    text: trust({ Principal: RA, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }),
    rule: 'aa-roles-anywhere-actions',
    expect: { severity: 'error', at: 'rolesanywhere.amazonaws.com' },
  },
  {
    name: 'only sts:AssumeRole',
    text: trust({ Principal: RA }),
    rule: 'aa-roles-anywhere-actions',
    expect: { severity: 'error', at: 'rolesanywhere.amazonaws.com' },
  },
  { name: 'another service principal', text: trust({ Principal: { Service: 'glue.amazonaws.com' } }), rule: 'aa-roles-anywhere-actions' },
]);

table('aa-oidc-missing-condition / aa-github-missing-sub / aa-github-sub-wildcard', [
  {
    name: 'Cognito without a condition',
    text: web('cognito-identity.amazonaws.com'),
    rule: 'aa-oidc-missing-condition',
    expect: { severity: 'warning', at: 'cognito-identity.amazonaws.com' },
  },
  {
    name: 'Cognito with its aud key',
    text: web('cognito-identity.amazonaws.com', {
      Condition: { StringEquals: { 'Cognito-Identity.amazonaws.com:aud': 'us-east-1:0f4b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d' } },
    }),
    rule: 'aa-oidc-missing-condition',
  },
  {
    name: "an OIDC provider ARN with another provider's key only",
    text: web(IDP, { Condition: { StringEquals: { 'accounts.google.com:aud': 'x' } } }),
    rule: 'aa-oidc-missing-condition',
    expect: { severity: 'warning', at: IDP },
  },
  {
    name: 'an EKS provider with its sub key',
    text: web(`arn:aws:iam::${ACCT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123`, {
      Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123:sub': 'system:serviceaccount:ns:sa' } },
    }),
    rule: 'aa-oidc-missing-condition',
  },
  { name: 'a SAML provider', text: trust({ Principal: { Federated: SAML }, Action: 'sts:AssumeRoleWithSAML' }), rule: 'aa-oidc-missing-condition' },
  { name: 'GitHub without any condition: the GitHub rule, not the generic one', text: web(GH), rule: 'aa-oidc-missing-condition' },
  { name: 'GitHub without any condition', text: web(GH), rule: 'aa-github-missing-sub', expect: { severity: 'warning', at: GH } },
  {
    name: 'GitHub with aud only',
    text: web(GH, { Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }),
    rule: 'aa-github-missing-sub',
    expect: { severity: 'warning', at: GH },
  },
  { name: 'GitHub with sub', text: ghSub('StringEquals', 'repo:acme-analytics/reports:ref:refs/heads/main'), rule: 'aa-github-missing-sub' },
  { name: 'sub on one branch', text: ghSub('StringLike', 'repo:acme-analytics/reports:ref:refs/heads/main'), rule: 'aa-github-sub-wildcard' },
  {
    name: 'sub on every ref of one repository',
    text: ghSub('StringLike', 'repo:acme-analytics/reports:*'),
    rule: 'aa-github-sub-ref-wildcard',
    expect: { severity: 'info', at: 'repo:acme-analytics/reports:*' },
  },
  {
    name: 'sub on every repository of an organization',
    text: ghSub('StringLike', 'repo:acme-analytics/*'),
    rule: 'aa-github-sub-wildcard',
    expect: { severity: 'warning', at: 'repo:acme-analytics/*' },
  },
  { name: 'sub on every repository', text: ghSub('StringLike', '*'), rule: 'aa-github-sub-wildcard', expect: { severity: 'warning', at: '*' } },
  {
    name: 'a * under StringEquals is literal (condition-wildcard-in-equals reports it)',
    text: ghSub('StringEquals', 'repo:acme-analytics/*'),
    rule: 'aa-github-sub-wildcard',
  },
]);

const aud = (op: string) => web(IDP, { Condition: { [op]: { 'login.acme-idp.example:aud': ['reports-app'] } } });
table('aa-oidc-aud-foranyvalue / aa-oidc-aud-forallvalues', [
  { name: 'plain StringEquals', text: aud('StringEquals'), rule: 'aa-oidc-aud-foranyvalue' },
  {
    name: 'ForAnyValue:StringEquals',
    text: aud('ForAnyValue:StringEquals'),
    rule: 'aa-oidc-aud-foranyvalue',
    expect: { severity: 'info', at: 'login.acme-idp.example:aud' },
  },
  {
    name: 'ForAllValues:StringEquals',
    text: aud('ForAllValues:StringEquals'),
    rule: 'aa-oidc-aud-forallvalues',
    expect: { severity: 'hint', at: 'login.acme-idp.example:aud' },
  },
  {
    name: 'ForAnyValue on an aws: key',
    text: trust({ Principal: { AWS: ACCT }, Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/aud': 'x' } } }),
    rule: 'aa-oidc-aud-foranyvalue',
  },
]);

const SESSION = `arn:aws:sts::${ACCT}:assumed-role/analyst/jane`;
table('aa-redundant-principal', [
  {
    name: 'a role and a session of it',
    text: trust({ Principal: { AWS: [ROLE, SESSION] } }),
    rule: 'aa-redundant-principal',
    expect: { severity: 'hint', at: SESSION },
  },
  {
    name: 'a role with a path and a session of it',
    text: trust({ Principal: { AWS: [`arn:aws:iam::${ACCT}:role/team/analyst`, SESSION] } }),
    rule: 'aa-redundant-principal',
    expect: { severity: 'hint', at: SESSION },
  },
  {
    name: "AA's example form (iam instead of sts)",
    text: trust({ Principal: { AWS: [ROLE, `arn:aws:iam::${ACCT}:assumed-role/analyst/jane`] } }),
    rule: 'aa-redundant-principal',
    expect: { severity: 'hint', at: `arn:aws:iam::${ACCT}:assumed-role/analyst/jane` },
  },
  { name: 'a session of another role', text: trust({ Principal: { AWS: [`arn:aws:iam::${ACCT}:role/auditor`, SESSION] } }), rule: 'aa-redundant-principal' },
  {
    name: 'the same role name in another account',
    text: trust({ Principal: { AWS: ['arn:aws:iam::135792468013:role/analyst', SESSION] } }),
    rule: 'aa-redundant-principal',
  },
]);

table('aa-redundant-action / aa-redundant-resource', [
  {
    name: 's3:GetObject next to s3:Get*',
    text: perms({ Effect: 'Allow', Action: ['s3:Get*', 's3:GetObject'], Resource: '*' }),
    rule: 'aa-redundant-action',
    expect: { severity: 'hint', at: 's3:GetObject' },
  },
  { name: 'two different actions', text: perms({ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectAcl'], Resource: '*' }), rule: 'aa-redundant-action' },
  {
    name: "AA's example: iam:*CredentialReport is not covered by iam:Get*",
    text: perms({ Effect: 'Allow', Action: ['iam:Get*', 'iam:*CredentialReport'], Resource: '*' }),
    rule: 'aa-redundant-action',
  },
  {
    name: 'anything next to *',
    text: perms({ Effect: 'Allow', Action: ['*', 's3:GetObject'], Resource: '*' }),
    rule: 'aa-redundant-action',
    expect: { severity: 'hint', at: 's3:GetObject' },
  },
  {
    name: 'the same action twice, in another case',
    text: perms({ Effect: 'Allow', Action: ['s3:GetObject', 'S3:getobject'], Resource: '*' }),
    rule: 'aa-redundant-action',
    expect: { severity: 'hint', at: 'S3:getobject' },
  },
  {
    name: 'in NotAction',
    text: perms({ Effect: 'Deny', NotAction: ['iam:*', 'iam:GetRole'], Resource: '*' }),
    rule: 'aa-redundant-action',
    expect: { severity: 'hint', at: 'iam:GetRole' },
  },
  {
    name: 'a prefix inside a bucket',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}/reports/*`] }),
    rule: 'aa-redundant-resource',
    expect: { severity: 'hint', at: `arn:aws:s3:::${BUCKET}/reports/*` },
  },
  {
    name: 'two objects',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/a`, `arn:aws:s3:::${BUCKET}/b`] }),
    rule: 'aa-redundant-resource',
  },
  {
    name: 'ARNs differ in case (they are case-sensitive)',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/A*`, `arn:aws:s3:::${BUCKET}/a1`] }),
    rule: 'aa-redundant-resource',
  },
  {
    name: 'a policy variable is not judged',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*`] }),
    rule: 'aa-redundant-resource',
  },
  {
    name: "AA's example: jane-admin next to jane*",
    text: perms({ Effect: 'Allow', Action: 'iam:GetRole', Resource: [`arn:aws:iam::${ACCT}:role/jane-admin`, `arn:aws:iam::${ACCT}:role/jane*`] }),
    rule: 'aa-redundant-resource',
    expect: { severity: 'hint', at: `arn:aws:iam::${ACCT}:role/jane-admin` },
  },
]);

describe('aa-redundant-action / aa-redundant-resource / aa-redundant-principal: fixes', () => {
  const cases: Array<[string, string, string]> = [
    [perms({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: '*' }), 'aa-redundant-action', 's3:GetObject'],
    [perms({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:GetObject'], Resource: '*' }), 'aa-redundant-action', 's3:GetObject'],
    [
      perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}/reports/*`] }),
      'aa-redundant-resource',
      `arn:aws:s3:::${BUCKET}/reports/*`,
    ],
    [trust({ Principal: { AWS: [SESSION, ROLE] } }), 'aa-redundant-principal', SESSION],
    ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:GetObject"],"Resource":"*"}]}', 'aa-redundant-action', 's3:GetObject'],
  ];
  for (const [text, rule, at] of cases) {
    it(`${rule}: removes ${at} and keeps valid JSON`, () => {
      const after = fixes(text, one(text, rule, rule === 'aa-redundant-principal' ? 'hint' : 'hint', at), /Remove/);
      assert.ok(!after.includes(`"${at}"`), after);
      JSON.parse(after);
    });
  }
});

table('aa-redundant-statement', [
  {
    name: 'the same statement twice (different Sids, list order and action case)',
    text: perms(
      { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
      { Sid: 'B', Effect: 'Allow', Action: ['s3:listbucket', 's3:GetObject'], Resource: ['*'] },
    ),
    rule: 'aa-redundant-statement',
    expect: { severity: 'info', at: '{' },
  },
  {
    name: 'a string and a one-element list of it',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/a/*` },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/a/*`] },
    ),
    rule: 'aa-redundant-statement',
    expect: { severity: 'info', at: '{' },
  },
  {
    name: 'different resources',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/a/*` },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/b/*` },
    ),
    rule: 'aa-redundant-statement',
  },
  {
    name: 'different effects',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }),
    rule: 'aa-redundant-statement',
  },
  {
    name: 'different condition values',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'b' } } },
    ),
    rule: 'aa-redundant-statement',
  },
  {
    name: 'eleven actions in another order and case, resources listed twice, condition keys in another order',
    text: perms(
      {
        Effect: 'Allow',
        Action: Array.from({ length: 11 }, (_, i) => `s3:GetObjectVersion${i}`),
        Resource: [`arn:aws:s3:::${BUCKET}/b/*`, `arn:aws:s3:::${BUCKET}/a/*`],
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a', 's3:ResourceAccount': ACCT } },
      },
      {
        Effect: 'Allow',
        Action: Array.from({ length: 11 }, (_, i) => `S3:getobjectversion${10 - i}`),
        Resource: [`arn:aws:s3:::${BUCKET}/a/*`, `arn:aws:s3:::${BUCKET}/b/*`, `arn:aws:s3:::${BUCKET}/a/*`],
        Condition: { StringEquals: { 's3:ResourceAccount': ACCT, 'aws:PrincipalTag/team': 'a' } },
      },
    ),
    rule: 'aa-redundant-statement',
    expect: { severity: 'info', at: '{' },
  },
  {
    name: 'a condition key that reads as a number, the same in both',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { '1': 'a', 'aws:PrincipalTag/team': 'b' } } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'b', '1': 'a' } } },
    ),
    rule: 'aa-redundant-statement',
    expect: { severity: 'info', at: '{' },
  },
  {
    name: 'the same first resource, a different second one',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/a/*`, `arn:aws:s3:::${BUCKET}/b/*`] },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/a/*`, `arn:aws:s3:::${BUCKET}/c/*`] },
    ),
    rule: 'aa-redundant-statement',
  },
  {
    name: 'a number and the same number written as text',
    text: perms(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NumericEquals: { 's3:max-keys': 10 } } },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NumericEquals: { 's3:max-keys': '10' } } },
    ),
    rule: 'aa-redundant-statement',
  },
]);

describe('redundancy fixes: a bounded number per document', () => {
  it(`${MAX_REDUNDANCY_FIXES} fixes, then findings without a fix`, () => {
    const st = { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    const t = perms(...Array.from({ length: MAX_REDUNDANCY_FIXES + 21 }, () => st));
    const fs = analyze(t).findings.filter((f) => f.rule === 'aa-redundant-statement');
    assert.equal(fs.length, MAX_REDUNDANCY_FIXES + 20);
    assert.equal(fs.filter((f) => f.fixes?.length).length, MAX_REDUNDANCY_FIXES);
  });
});

describe('aa-redundant-statement: fix', () => {
  it('removes the later copy', () => {
    const t = perms({ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const after = fixes(t, one(t, 'aa-redundant-statement', 'info', '{'), /Remove/);
    assert.equal(JSON.parse(after).Statement.length, 1);
    assert.equal(JSON.parse(after).Statement[0].Sid, 'A');
  });
});

table('aa-wildcard-service-name', [
  {
    name: '*code*',
    text: perms({ Effect: 'Allow', Action: 'codecommit:GitPull', Resource: `arn:aws:*code*:us-east-1:${ACCT}:*` }),
    rule: 'aa-wildcard-service-name',
    expect: { severity: 'info', at: '*code*' },
  },
  {
    name: 'a ? in the service',
    text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s?:::b/*' }),
    rule: 'aa-wildcard-service-name',
    expect: { severity: 'info', at: 's?' },
  },
  {
    name: 'the whole service is * (every service, on purpose)',
    text: perms({ Effect: 'Allow', Action: 'tag:GetResources', Resource: `arn:aws:*:us-east-1:${ACCT}:*` }),
    rule: 'aa-wildcard-service-name',
  },
  { name: 'a named service', text: perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }), rule: 'aa-wildcard-service-name' },
]);

describe('sarif: Access Analyzer issue code as a result property', () => {
  it('results of a rule with an issue code carry it; others carry none', async () => {
    const { formatSarif, relativeUri } = await import('../../src/cli/format');
    const { lintText } = await import('../../src/cli/report');
    const { allRules } = await import('../../src/analysis/rules');
    const text = perms(
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/*' },
    );
    const r = lintText('p.json', text);
    assert.ok('report' in r);
    const sarif = JSON.parse(
      formatSarif([r.report], { toolName: 't', version: '1.0.0', informationUri: 'https://example.invalid', rules: allRules(), artifactUri: relativeUri }),
    );
    const results = sarif.runs[0].results as Array<{ ruleId: string; properties?: { accessAnalyzerIssueCode?: string } }>;
    const pass = results.find((x) => x.ruleId === 'aa-pass-role-star-resource');
    assert.equal(pass?.properties?.accessAnalyzerIssueCode, 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
    const token = results.find((x) => x.ruleId === 'placeholder-token');
    assert.ok(token, 'placeholder-token result present');
    assert.equal(token.properties, undefined);
  });

  it('a rule that covers several codes carries all of them, its own first (grammar-empty: the EMPTY_* suggestions)', async () => {
    const { formatSarif, relativeUri } = await import('../../src/cli/format');
    const { lintText } = await import('../../src/cli/report');
    const { allRules } = await import('../../src/analysis/rules');
    const r = lintText('p.json', perms({ Effect: 'Allow', Action: [], Resource: `arn:aws:s3:::${BUCKET}/*` }));
    assert.ok('report' in r);
    const sarif = JSON.parse(
      formatSarif([r.report], { toolName: 't', version: '1.0.0', informationUri: 'https://example.invalid', rules: allRules(), artifactUri: relativeUri }),
    );
    const empty = (sarif.runs[0].results as Array<{ ruleId: string; properties?: { accessAnalyzerIssueCodes?: string[] } }>).find(
      (x) => x.ruleId === 'grammar-empty',
    );
    assert.ok(empty?.properties?.accessAnalyzerIssueCodes?.includes('EMPTY_ARRAY_ACTION'), JSON.stringify(empty?.properties));
    assert.ok(empty!.properties!.accessAnalyzerIssueCodes!.length > 5);
  });
});

describe('rule metas: Access Analyzer issue codes of the existing grammar rules', () => {
  it('map to the §4.6 codes they correspond to', async () => {
    const { RULES_BY_ID } = await import('../../src/analysis/rules');
    const rows: Array<[string, string]> = [
      ['grammar-version', 'INVALID_VERSION'],
      ['grammar-statement-missing', 'MISSING_STATEMENT'],
      ['grammar-effect', 'INVALID_EFFECT'],
      ['grammar-action-missing', 'MISSING_ACTION'],
      ['grammar-resource-in-trust', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE'],
      ['grammar-not-principal-in-trust', 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL'],
      ['grammar-sid-characters', 'UNSUPPORTED_SID'],
      ['grammar-condition-operator', 'INVALID_CONDITION_OPERATOR'],
      ['aa-policy-size-identity', 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA'],
      ['aa-policy-size-trust', 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA'],
      ['aa-service-principal-unscoped', 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'],
    ];
    for (const [id, code] of rows) assert.equal(RULES_BY_ID.get(id)?.accessAnalyzer, code, id);
  });
});

describe('AWS-documented policy shapes: no error or warning from this family', () => {
  const docs: Array<[string, string]> = [
    [
      'GitHub Actions OIDC trust (IAM User Guide, GitHub section): aud + sub of one repository',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: GH },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-analytics/reports:*' },
            },
          },
        ],
      }),
    ],
    [
      'EKS IAM roles for service accounts',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5C3F1A2B9D8E7F6A0B1C2D3E4F5A6B7C` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'oidc.eks.us-east-1.amazonaws.com/id/5C3F1A2B9D8E7F6A0B1C2D3E4F5A6B7C:aud': 'sts.amazonaws.com',
                'oidc.eks.us-east-1.amazonaws.com/id/5C3F1A2B9D8E7F6A0B1C2D3E4F5A6B7C:sub': 'system:serviceaccount:reports:exporter',
              },
            },
          },
        ],
      }),
    ],
    [
      'Cognito identity pool role',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0f4b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d' },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      }),
    ],
    [
      'SAML 2.0 federation',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: SAML },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          },
        ],
      }),
    ],
    [
      'IAM Roles Anywhere (trust model page)',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'rolesanywhere.amazonaws.com' },
            Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
            Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:rolesanywhere:us-east-1:${ACCT}:trust-anchor/4c2f9a1e-7b3d-4e8a-9c51-0d6b2e8f4a17` } },
          },
        ],
      }),
    ],
    [
      'Lambda execution role trust',
      j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    ],
    [
      'Cross-account role trust',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCT}:root` },
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      }),
    ],
    [
      'CloudTrail bucket policy with aws:SourceArn',
      j({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AWSCloudTrailAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:GetBucketAcl',
            Resource: `arn:aws:s3:::${BUCKET}`,
            Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/audit` } },
          },
          {
            Sid: 'AWSCloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCT}/*`,
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/audit` } },
          },
        ],
      }),
    ],
    [
      'Permissions policy passing one role to one service',
      perms({ Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE, Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } } }),
    ],
  ];
  for (const [name, text] of docs) {
    it(name, () => {
      const loud = aaRules(text, /^aa-/).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        loud.map((f) => `${f.rule}: ${under(text, f)}`),
        [],
      );
    });
  }
});
