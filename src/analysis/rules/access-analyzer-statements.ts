// Rule family "access-analyzer-statements": the IAM Access Analyzer policy checks about principals, actions,
// resources, whole statements and policy size that can be computed offline: iam:PassRole and
// iam:CreateServiceLinkedRole granted too broadly (every variant), the size quotas, service/federated/unique-ID
// principals, trust-policy principal/action pairs (SAML, OIDC, GitHub, IAM Roles Anywhere), Allow with NotPrincipal or
// NotResource, and the clean-up suggestions (redundant actions, resources, statements and principals, wildcards in an
// ARN's service name). Condition-element and policy-variable checks live in access-analyzer-conditions.ts.
// Sources: shared/reference/cleanrooms-iam-facts.md §4.6; IAM User Guide "IAM policy validation check reference"
// (access-analyzer-reference-policy-checks), "IAM and AWS STS quotas" (reference_iam-quotas), Amazon S3 User Guide
// "Bucket policies and user policies" (bucket policies are limited to 20 KB).
import { globMatch } from '../../iam-data/glob';
import type { Node } from '../json';
import { getProperty, properties, rangeInString, stringItems, valueOf } from '../json';
import type { PolicyModel, StatementModel } from '../model';
import type { RuleContext, RuleFamily, RuleId } from '../rule';
import type { Fix, RuleMeta, TextEdit } from '../types';
import { elide, quote } from '../messages';
import { cleanRoomsPrincipalTypo } from './cleanrooms-data';
import { contentRange, hasPlaceholderSyntax, replaceStringContent, touchesPlaceholder } from './util';
import { ACCOUNT, BUCKET, doc, policy, allow } from './example-kit';

const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const AA_CHECKS = IAM + 'access-analyzer-reference-policy-checks.html';
const aa = (anchor: string): string => `${AA_CHECKS}#access-analyzer-reference-policy-checks-${anchor}`;
const QUOTAS = IAM + 'reference_iam-quotas.html';
const S3_POLICIES = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html';
const NOT_RESOURCE_DOC = IAM + 'reference_policies_elements_notresource.html';

/** Customer managed policy size quota: 6,144 characters, whitespace not counted (reference_iam-quotas). */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** The largest inline quota: all inline policies of one role together, 10,240 characters (user 2,048, group 5,120). */
export const ROLE_INLINE_MAX_CHARS = 10240;
export const USER_INLINE_MAX_CHARS = 2048;
export const GROUP_INLINE_MAX_CHARS = 5120;
/** Role trust policy length: default quota 2,048 characters, raised on request up to 8,192 (reference_iam-quotas). */
export const TRUST_POLICY_DEFAULT_MAX_CHARS = 2048;
export const TRUST_POLICY_MAX_QUOTA_CHARS = 8192;
/** Amazon S3 bucket policies are limited to 20 KB in size (Amazon S3 User Guide). */
export const S3_BUCKET_POLICY_MAX_BYTES = 20 * 1024;

/** True when an action pattern (IAM wildcards `*` and `?`, case-insensitive) matches `action`. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  // Cheap tests first: most patterns have no wildcard, or a literal prefix that already differs.
  const lit = /^[^*?]*/.exec(p)![0];
  if (lit.length === p.length) return p === a;
  if (!a.startsWith(lit)) return false;
  return globMatches(p, a);
}

/** Glob match (`*` any run, `?` one character) of a whole string; case-sensitive unless `ci`. */
export function globMatches(pattern: string, value: string, ci = false): boolean {
  return globMatch(pattern, value, ci); // not a RegExp: `*?*?*?…x` backtracks exponentially (iam-data/glob.ts)
}

const MAX_COVER_LENGTH = 512;

/**
 * True when every string the IAM pattern `narrow` matches is also matched by `wide` (a sufficient test: `*` in
 * `narrow` must meet a `*` in `wide`, `?` a `?` or `*`). Values with policy variables or longer than 512 characters
 * are never reported as covered.
 */
export function patternCovers(wide: string, narrow: string, ci: boolean): boolean {
  if (wide.length > MAX_COVER_LENGTH || narrow.length > MAX_COVER_LENGTH) return false;
  if (wide.includes('${') || narrow.includes('${')) return false;
  const w = ci ? wide.toLowerCase() : wide;
  const n = ci ? narrow.toLowerCase() : narrow;
  // Cheap filter: the literal prefix of `wide` must start `narrow`.
  let k = 0;
  while (k < w.length && w[k] !== '*' && w[k] !== '?') {
    if (w[k] !== n[k]) return false;
    k++;
  }
  if (k === w.length) return w === n;
  // And its literal suffix must end `narrow` (a literal character never matches a `*` or `?` of `narrow`).
  let e = 0;
  while (e < w.length - k && w[w.length - 1 - e] !== '*' && w[w.length - 1 - e] !== '?') {
    if (w[w.length - 1 - e] !== n[n.length - 1 - e]) return false;
    e++;
  }
  if (e > 0 && n.length - e >= 0 && /[*?]/.test(n.slice(n.length - e))) return false;
  return hasWild(n) ? coversPattern(w, n) : wildMatch(w, n);
}

/** The six ARN fields (the resource part keeps its colons), or undefined for a value that is not a full ARN. */
function arnFields(v: string): string[] | undefined {
  if (!v.startsWith('arn:')) return undefined;
  const f = v.split(':');
  if (f.length < 6) return undefined;
  return [...f.slice(0, 5), f.slice(5).join(':')];
}

/** Glob match of a literal string (two pointers, backtracking to the last `*`; no allocation). */
function wildMatch(p: string, s: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (i < s.length) {
    if (j < p.length && (p[j] === '?' || (p[j] !== '*' && p[j] === s[i]))) {
      i++;
      j++;
    } else if (j < p.length && p[j] === '*') {
      star = j++;
      mark = i;
    } else if (star >= 0) {
      j = star + 1;
      i = ++mark;
    } else return false;
  }
  while (j < p.length && p[j] === '*') j++;
  return j === p.length;
}

/** L(n) ⊆ L(w) for two patterns (sufficient test), by dynamic programming over a typed table. */
function coversPattern(w: string, n: string): boolean {
  const cols = w.length + 1;
  // ok[i * cols + j]: n[i..] is covered by w[j..]; filled from the end.
  const ok = new Uint8Array((n.length + 1) * cols);
  ok[n.length * cols + w.length] = 1;
  for (let j = w.length - 1; j >= 0; j--) if (w[j] === '*') ok[n.length * cols + j] = ok[n.length * cols + j + 1]!;
  for (let i = n.length - 1; i >= 0; i--) {
    for (let j = w.length - 1; j >= 0; j--) {
      const c = w[j];
      let r: number;
      if (c === '*') r = ok[i * cols + j + 1] || ok[(i + 1) * cols + j];
      else if (c === '?') r = n[i] !== '*' ? ok[(i + 1) * cols + j + 1] : 0;
      else r = n[i] === c ? ok[(i + 1) * cols + j + 1] : 0;
      ok[i * cols + j] = r;
    }
  }
  return ok[0] === 1;
}

function isAllow(st: StatementModel): boolean {
  return st.effect?.type === 'string' && st.effect.value === 'Allow';
}

const hasWild = (s: string): boolean => /[*?]/.test(s);

// ---------------------------------------------------------------------------------------------------------------
// Rule metadata

type Variant =
  'star-resource' | 'not-resource' | 'star-action-star-resource' | 'star-action-not-resource' | 'not-action-not-resource' | 'not-action-star-resource';

interface Target<P extends string = string> {
  action: string;
  /** The rule ids are `<prefix>-<variant>`. */
  prefix: P;
  code: string;
  /** The condition key that scopes the grant (the statement is then not reported on Resource "*"). */
  scopeKey: string;
  what: string;
  /** What the Resource names: `role`, `service-linked role`. */
  noun: string;
  fix: string;
  probes: string[];
  anchorKind: 'security-warning' | 'general-warning';
  anchorName: string;
  /** Each variant's example policy (its rule's `example`). */
  examples: Record<Variant, string>;
}

const PASS_ROLE: Target<'aa-pass-role'> = {
  action: 'iam:PassRole',
  prefix: 'aa-pass-role',
  code: 'PASS_ROLE_WITH',
  scopeKey: 'iam:passedtoservice',
  what: 'pass any role to any service',
  noun: 'role',
  fix: 'Name the role ARNs in Resource, or add a condition on iam:PassedToService.',
  // A role name, a role with a path and a service-linked role: a pattern matching all three matches every role.
  probes: ['role/zq9ProbeRole', 'role/zq9/path/ProbeRole', 'role/aws-service-role/zq9.amazonaws.com/AWSServiceRoleForZq9'],
  anchorKind: 'security-warning',
  anchorName: 'pass-role-with',
  examples: {
    'star-resource': policy(allow('iam:PassRole', '*')),
    'not-resource': policy({ Effect: 'Allow', Action: 'iam:PassRole', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
    'star-action-star-resource': policy(allow('iam:*', '*')),
    'star-action-not-resource': policy({ Effect: 'Allow', Action: 'iam:Pass*', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
    'not-action-not-resource': policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', NotResource: `arn:aws:s3:::${BUCKET}` }),
    'not-action-star-resource': policy({ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }),
  },
};
const CREATE_SLR: Target<'aa-create-slr'> = {
  action: 'iam:CreateServiceLinkedRole',
  prefix: 'aa-create-slr',
  code: 'CREATE_SLR_WITH',
  scopeKey: 'iam:awsservicename',
  what: 'create the service-linked role of any service',
  noun: 'service-linked role',
  fix: 'Name the service-linked role ARN (arn:aws:iam::*:role/aws-service-role/<service>.amazonaws.com/*) in Resource, or add a condition on iam:AWSServiceName.',
  probes: ['role/aws-service-role/zq9.amazonaws.com/AWSServiceRoleForZq9', 'role/aws-service-role/zq8.zq9.amazonaws.com/AWSServiceRoleForZq8'],
  anchorKind: 'general-warning',
  anchorName: 'create-slr-with',
  examples: {
    'star-resource': policy(allow('iam:CreateServiceLinkedRole', '*')),
    'not-resource': policy({ Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
    'star-action-star-resource': policy(allow('iam:Create*', '*')),
    'star-action-not-resource': policy({ Effect: 'Allow', Action: 'iam:Create*', NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
    'not-action-not-resource': policy({ Effect: 'Allow', NotAction: 's3:DeleteBucket', NotResource: `arn:aws:s3:::${BUCKET}` }),
    'not-action-star-resource': policy({ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }),
  },
};

const VARIANTS: Array<{ v: Variant; code: string; anchor: string; title: string; how: string }> = [
  {
    v: 'star-resource',
    code: 'STAR_IN_RESOURCE',
    anchor: 'star-in-resource',
    title: 'on every resource',
    how: 'is granted on Resource "*" (or a pattern matching every role)',
  },
  { v: 'not-resource', code: 'NOT_RESOURCE', anchor: 'not-resource', title: 'with NotResource', how: 'is granted with NotResource: every role not listed' },
  {
    v: 'star-action-star-resource',
    code: 'STAR_IN_ACTION_AND_RESOURCE',
    anchor: 'star-in-action-and-resource',
    title: 'through a wildcard action on every resource',
    how: 'is granted through a wildcard action on Resource "*" (or a pattern matching every role)',
  },
  {
    v: 'star-action-not-resource',
    code: 'STAR_IN_ACTION_AND_NOT_RESOURCE',
    anchor: 'star-in-action-and-not-resource',
    title: 'through a wildcard action with NotResource',
    how: 'is granted through a wildcard action with NotResource: every role not listed',
  },
  {
    v: 'not-action-not-resource',
    code: 'NOT_ACTION_AND_NOT_RESOURCE',
    anchor: 'not-action-and-not-resource',
    title: 'through NotAction with NotResource',
    how: 'is granted through NotAction (which does not exclude it) with NotResource: every role not listed',
  },
  {
    v: 'not-action-star-resource',
    code: 'STAR_IN_RESOURCE_AND_NOT_ACTION',
    anchor: 'star-in-resource-and-not-action',
    title: 'through NotAction on every resource',
    how: 'is granted through NotAction (which does not exclude it) on Resource "*" (or a pattern matching every role)',
  },
];

const ruleId = <P extends string>(t: Target<P>, v: Variant): `${P}-${Variant}` => `${t.prefix}-${v}`;

function grantRules<P extends string>(t: Target<P>): Array<RuleMeta & { id: `${P}-${Variant}` }> {
  return VARIANTS.map(({ v, code, anchor, title, how }) => {
    const notElements = v.includes('not-');
    return {
      id: ruleId(t, v),
      // Resource "*" grants are common and often intended (AWS managed policies make them); NotResource/NotAction
      // grants of every role but a few are rarely meant.
      severity: notElements ? 'warning' : 'info',
      accessAnalyzer: `${t.code}_${code}`,
      title: `${t.action} ${title}`,
      description: `An Allow statement in which ${t.action} ${how}: the principal can ${t.what}${notElements ? '' : ' (a statement that limits ' + (t === PASS_ROLE ? 'iam:PassedToService' : 'iam:AWSServiceName') + ' in its Condition is not reported)'}. ${t.fix}${notElements ? '' : ' Info: such grants are often intended, but Access Analyzer reports them.'}`,
      docUrl: aa(`${t.anchorKind}-${t.anchorName}-${anchor}`),
      example: t.examples[v],
    } satisfies RuleMeta;
  });
}

const SIZE_RULES = [
  {
    id: 'aa-policy-size-identity',
    severity: 'warning',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    title: 'Identity policy over the IAM size quotas',
    description:
      "IAM limits customer identity policies, whitespace not counted: a customer managed policy to 6,144 characters, and the inline policies of one user, group or role together to 2,048, 5,120 and 10,240 characters. Over 10,240 no customer policy of any kind can hold the document; between 6,145 and 10,240 it fits only as a role's inline policy (aa-policy-size-identity-role-only, info). AWS managed policies are not bound by these quotas. Split the statements into several policies.",
    docUrl: QUOTAS,
    // One statement a line: the example must be over 10,240 characters, and stays readable that way.
    example: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 100 }, (_, i) => JSON.stringify(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${BUCKET}-${String(i).padStart(2, '0')}/reports/quarterly/*`, { Sid: `ReadWriteReports${i}` }))).join(',\n    ')}\n  ]\n}`,
  },
  {
    id: 'aa-policy-size-trust',
    severity: 'warning',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    title: 'Role trust policy over its length quota',
    description:
      'A role trust policy may have 2,048 characters (whitespace not counted) unless the account\'s "Role trust policy length" quota was raised, up to 8,192. Over 8,192 IAM rejects it in every account (warning); between 2,048 and 8,192 only accounts with a raised quota accept it (info).',
    docUrl: QUOTAS,
    example: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": [\n        ${Array.from({ length: 150 }, (_, i) => JSON.stringify(`arn:aws:iam::${ACCOUNT}:role/analytics-team-member-${String(i).padStart(3, '0')}`)).join(',\n        ')}\n      ] },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}`,
  },
  {
    id: 'aa-policy-size-resource',
    severity: 'warning',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    title: 'S3 bucket policy over 20 KB',
    description:
      'Amazon S3 bucket policies are limited to 20 KB. Checked only for resource-based policies whose every Resource is an S3 bucket or object ARN (the one resource-policy quota the kit can attribute offline). Over 20,480 characters without whitespace S3 rejects it (warning); when only the whitespace takes it over 20 KB it is an info, since S3 does not document whether whitespace counts.',
    docUrl: S3_POLICIES,
    example: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 130 }, (_, i) => JSON.stringify({ Sid: `PartnerRead${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + i * 7919)}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/partners/partner-${String(i).padStart(3, '0')}/*` })).join(',\n    ')}\n  ]\n}`,
  },
  {
    id: 'aa-policy-size-identity-role-only',
    severity: 'info',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    title: "Identity policy that fits only as a role's inline policy",
    description:
      "Between 6,145 and 10,240 characters without whitespace, an identity policy is too large for a customer managed policy (6,144) and for a user's or group's inline policies (2,048 and 5,120), but fits among a role's inline policies (10,240 together). Info: whether that is how it is used is not in the file. To use it as a managed policy, split it.",
    docUrl: QUOTAS,
    example: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    ${Array.from({ length: 60 }, (_, i) => JSON.stringify(allow(['s3:GetObject', 's3:PutObject'], `arn:aws:s3:::${BUCKET}-${String(i).padStart(2, '0')}/reports/quarterly/*`, { Sid: `ReadWriteReports${i}` }))).join(',\n    ')}\n  ]\n}`,
  },
  {
    id: 'aa-policy-size-trust-raised',
    severity: 'info',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    title: 'Trust policy over the default length quota',
    description:
      'A role trust policy of 2,049 to 8,192 characters without whitespace is over the default "Role trust policy length" quota (2,048); IAM accepts it only in an account where that quota was raised (Service Quotas, up to 8,192). Info: the account\'s quota is not in the file.',
    docUrl: QUOTAS,
    example: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": [\n        ${Array.from({ length: 45 }, (_, i) => JSON.stringify(`arn:aws:iam::${ACCOUNT}:role/analytics-team-member-${String(i).padStart(3, '0')}`)).join(',\n        ')}\n      ] },\n      "Action": "sts:AssumeRole"\n    }\n  ]\n}`,
  },
  {
    id: 'aa-policy-size-resource-whitespace',
    severity: 'info',
    accessAnalyzer: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    title: 'S3 bucket policy over 20 KB with its whitespace',
    description:
      'An S3 bucket policy over 20 KB only when its whitespace is counted: S3 does not document whether whitespace counts toward the 20 KB limit. Remove the indentation, or shorten the policy, to be safe.',
    docUrl: QUOTAS,
    example: doc({
      Version: '2012-10-17',
      Statement: Array.from({ length: 100 }, (_, i) => ({
        Sid: `PartnerRead${i}`,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${String(100000000000 + i * 7919)}:root` },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/partners/partner-${String(i).padStart(3, '0')}/*`,
      })),
    }),
  },
] as const satisfies readonly RuleMeta[];

const PRINCIPAL_RULES = [
  {
    id: 'aa-service-principal-format',
    severity: 'error',
    accessAnalyzer: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    title: 'Malformed service principal',
    description:
      'A Service principal is a lower-case domain name, usually service-name.amazonaws.com (amazonaws.com.cn in China). A value that is not a lower-case domain name, or amazonaws.com alone, is an error. A well-formed domain with another ending is aa-service-principal-unusual (info).',
    docUrl: aa('error-invalid-service-principal-format'),
    example: policy({ Effect: 'Allow', Principal: { Service: 'Lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
  },
  {
    id: 'aa-service-principal-unusual',
    severity: 'info',
    accessAnalyzer: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    title: 'Service principal with an unusual ending',
    description:
      "A Service principal is a well-formed lower-case domain name that does not end in amazonaws.com (amazonaws.com.cn in China), the usual form service-name.amazonaws.com. An info, because a few documented service principals end differently (e.g. alexa-appkit.amazon.com): check the principal in the service's documentation.",
    docUrl: aa('error-invalid-service-principal-format'),
    example: policy({ Effect: 'Allow', Principal: { Service: 'alexa-appkit.amazon.com' }, Action: 'sts:AssumeRole' }),
  },
  {
    id: 'aa-role-id-principal',
    severity: 'warning',
    accessAnalyzer: 'INVALID_ROLE_REFERENCE',
    title: 'IAM role unique ID as a principal',
    description:
      "An AWS principal given as a role's unique ID (AROA…). IAM shows unique IDs in a policy when the role it named was deleted; a new role of the same name gets a new ID and does not match. Use the role ARN.",
    docUrl: aa('general-warning-invalid-role-reference'),
    example: policy({ Effect: 'Allow', Principal: { AWS: 'AROAZ7XK3QWERTY5N2PLM' }, Action: 'sts:AssumeRole' }),
  },
  {
    id: 'aa-user-id-principal',
    severity: 'warning',
    accessAnalyzer: 'INVALID_USER_REFERENCE',
    title: 'IAM user unique ID as a principal',
    description:
      "An AWS principal given as a user's unique ID (AIDA…). IAM shows unique IDs in a policy when the user it named was deleted; a new user of the same name gets a new ID and does not match. Use the user ARN.",
    docUrl: aa('general-warning-invalid-user-reference'),
    example: policy({ Effect: 'Allow', Principal: { AWS: 'AIDAZ7XK3QWERTY5N2PLM' }, Action: 'sts:AssumeRole' }),
  },
  {
    id: 'aa-service-principal-unscoped',
    severity: 'warning',
    accessAnalyzer: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    title: 'Service principal without a source condition',
    description:
      'A resource-based policy allows a service principal without an aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition: the service may act on behalf of any account (the confused-deputy problem). This rule reports a statement with no condition at all; one with other conditions is aa-service-principal-unscoped-conditions (info). Role trust policies are not checked (Access Analyzer documents the check for resource-based policies); cleanrooms.amazonaws.com is left to cleanrooms-unscoped-trust.',
    docUrl: aa('security-warning-restrict-access-to-service-principal'),
    example: policy({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
    }),
  },
  {
    id: 'aa-service-principal-unscoped-conditions',
    severity: 'info',
    accessAnalyzer: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    title: 'Service principal with conditions but no source key',
    description:
      'A resource-based policy allows a service principal under conditions, none of them on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths. The other conditions may scope the source in a service-specific way (e.g. kms:EncryptionContext:aws:logs:arn in a KMS key policy); if they do not, the service can act on behalf of any account (the confused-deputy problem). An info, because the kit cannot tell; Access Analyzer recommends one of those keys. Role trust policies are not checked; cleanrooms.amazonaws.com is left to cleanrooms-unscoped-trust.',
    docUrl: aa('security-warning-restrict-access-to-service-principal'),
    example: policy({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }),
  },
  {
    id: 'aa-allow-not-principal',
    severity: 'warning',
    accessAnalyzer: 'ALLOW_WITH_NOT_PRINCIPAL',
    title: 'Allow with NotPrincipal',
    description:
      '"Effect": "Allow" with NotPrincipal grants access to every principal not listed, anonymous users included. Name the principals in Principal instead, or use NotPrincipal only with Deny.',
    docUrl: aa('security-warning-allow-with-not-principal'),
    example: policy({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }),
  },
  {
    id: 'aa-allow-not-resource',
    severity: 'info',
    title: 'Allow with NotResource',
    description:
      '"Effect": "Allow" with NotResource grants the actions on every resource not listed, including resources of other services and resources created later. List the resources in Resource instead. (Access Analyzer has a code for this only with iam:PassRole and iam:CreateServiceLinkedRole, reported by the aa-pass-role-* and aa-create-slr-* rules.)',
    docUrl: NOT_RESOURCE_DOC,
    example: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `arn:aws:s3:::${BUCKET}/private/*` }),
  },
  {
    id: 'aa-federated-principal-syntax',
    severity: 'error',
    accessAnalyzer: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    title: 'Malformed federated principal',
    description:
      'In a role trust policy a Federated principal is a SAML provider ARN (arn:aws:iam::<account-id>:saml-provider/<name>), an OIDC provider ARN (arn:aws:iam::<account-id>:oidc-provider/<url>) or a web identity domain such as cognito-identity.amazonaws.com.',
    docUrl: aa('error-invalid-federated-principal-syntax-in-role-trust-policy'),
    example: policy({ Effect: 'Allow', Principal: { Federated: 'https://token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
  },
  {
    id: 'aa-federated-principal-not-supported',
    severity: 'error',
    accessAnalyzer: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    title: 'Federated principal outside a trust policy',
    description: 'Only role trust policies accept a Federated principal (an identity provider); resource-based policies such as bucket policies do not.',
    docUrl: aa('error-federated-principal-not-supported'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    }),
  },
  {
    id: 'aa-mismatched-action-for-principal',
    severity: 'error',
    accessAnalyzer: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    title: 'Assume-role action does not fit the principal',
    description:
      'sts:AssumeRoleWithSAML is called for a SAML provider principal, sts:AssumeRoleWithWebIdentity for an OIDC (web identity) provider; any other principal in the same statement can never use that action. sts:AssumeRole with only federated principals is aa-federated-assume-role (info).',
    docUrl: aa('error-mismatched-action-for-principal'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    }),
  },
  {
    id: 'aa-federated-assume-role',
    severity: 'info',
    accessAnalyzer: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    title: 'sts:AssumeRole with only federated principals',
    description:
      'An Allow statement whose principals are all identity providers (SAML or OIDC) allows sts:AssumeRole, which identity providers never call: federated users assume a role with sts:AssumeRoleWithSAML (SAML providers) or sts:AssumeRoleWithWebIdentity (OIDC providers). An info: the action is of no use to these principals.',
    docUrl: aa('error-mismatched-action-for-principal'),
    example: policy({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/CorpIdP` }, Action: 'sts:AssumeRole' }),
  },
  {
    id: 'aa-roles-anywhere-actions',
    severity: 'error',
    accessAnalyzer: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    title: 'IAM Roles Anywhere trust without its actions',
    description:
      'A trust policy for rolesanywhere.amazonaws.com must allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession; without all three, IAM Roles Anywhere cannot deliver credentials for the role.',
    docUrl: aa('error-missing-action-for-roles-anywhere-trust-policy'),
    example: policy({
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/4c2f9a1e-7b3d-4e8a-9c51-0d6b2e8f4a17` } },
    }),
  },
  {
    id: 'aa-oidc-missing-condition',
    severity: 'warning',
    accessAnalyzer: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    title: 'OIDC principal without a provider condition',
    description:
      'A trust statement for an OIDC (web identity) provider has no condition key of that provider (e.g. <provider>:aud or <provider>:sub): any identity the provider issues tokens to, for any application, can assume the role.',
    docUrl: aa('security-warning-missing-condition-key-for-oidc-principal'),
    example: policy({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
  },
  {
    id: 'aa-github-missing-sub',
    severity: 'warning',
    accessAnalyzer: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    title: 'GitHub OIDC trust without a repository condition',
    description:
      'A trust statement for the GitHub Actions OIDC provider (token.actions.githubusercontent.com) has no token.actions.githubusercontent.com:sub condition: workflows of any GitHub repository can assume the role. Limit :sub to your repository and branch.',
    docUrl: aa('security-warning-missing-github-repo-condition-key'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    }),
  },
  {
    id: 'aa-github-sub-wildcard',
    severity: 'warning',
    accessAnalyzer: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    title: 'Wildcard in the GitHub repository condition',
    description:
      'A StringLike value of token.actions.githubusercontent.com:sub with a wildcard in the organization or repository name lets workflows of other repositories assume the role. A wildcard only after "repo:<org>/<repo>:" is aa-github-sub-ref-wildcard (info).',
    docUrl: aa('general-warning-specific-github-repo-and-branch-recommended'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-analytics/*' },
      },
    }),
  },
  {
    id: 'aa-github-sub-ref-wildcard',
    severity: 'info',
    accessAnalyzer: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    title: 'Wildcard in the GitHub ref condition',
    description:
      'A StringLike value of token.actions.githubusercontent.com:sub names one repository ("repo:<org>/<repo>:") and has a wildcard after it, so every branch, tag, environment and pull request of that repository can assume the role. An info: if only one branch or environment should deploy, name it (repo:<org>/<repo>:ref:refs/heads/main).',
    docUrl: aa('general-warning-specific-github-repo-and-branch-recommended'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-analytics/reports:*' },
      },
    }),
  },
  {
    id: 'aa-oidc-aud-foranyvalue',
    severity: 'info',
    accessAnalyzer: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
    title: 'ForAnyValue: on an OIDC audience claim',
    description:
      'ForAnyValue: on an OIDC audience key (<provider>:aud) is true when any audience in the token matches: a token issued for several applications, one of them yours, passes. When the claim is single-valued, plain StringEquals says the same. Info: whether the provider issues several audiences is not known offline.',
    docUrl: aa('security-warning-foranyvalue-with-audience-claim-type'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.acme-idp.example` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringEquals': { 'login.acme-idp.example:aud': ['reports-app'] } },
    }),
  },
  {
    id: 'aa-oidc-aud-forallvalues',
    severity: 'hint',
    accessAnalyzer: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    title: 'ForAllValues: on an OIDC audience claim',
    description:
      'ForAllValues: on an OIDC audience key (<provider>:aud): use a set operator only if the provider issues several audiences in one token; for a single-valued claim use plain StringEquals.',
    docUrl: aa('suggestion-confirm-audience-claim-type'),
    example: policy({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/login.acme-idp.example` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAllValues:StringEquals': { 'login.acme-idp.example:aud': ['reports-app'] } },
    }),
  },
  {
    id: 'aa-redundant-principal',
    severity: 'hint',
    accessAnalyzer: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    title: 'Assumed-role principal next to its role',
    description:
      'A Principal lists both a role and an assumed-role session of that role (arn:aws:sts::<account-id>:assumed-role/<role>/<session>); the role already covers its sessions here. The fix removes the assumed-role principal.',
    docUrl: aa('suggestion-redundant-principal-in-role-trust-policy'),
    example: policy({
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/analyst`, `arn:aws:sts::${ACCOUNT}:assumed-role/analyst/jane`] },
      Action: 'sts:AssumeRole',
    }),
  },
] as const satisfies readonly RuleMeta[];

const CLEANUP_RULES = [
  {
    id: 'aa-redundant-action',
    severity: 'hint',
    accessAnalyzer: 'REDUNDANT_ACTION',
    title: 'Redundant action',
    description:
      'An action (or NotAction) value that another value of the same element already covers, e.g. iam:GetRole next to iam:Get*. Removing it does not change the permissions; the fix removes it.',
    docUrl: aa('suggestion-redundant-action'),
    example: policy(allow(['s3:Get*', 's3:GetObject'], `arn:aws:s3:::${BUCKET}/*`)),
  },
  {
    id: 'aa-redundant-resource',
    severity: 'hint',
    accessAnalyzer: 'REDUNDANT_RESOURCE',
    title: 'Redundant resource',
    description:
      'A Resource (or NotResource) value that another value of the same element already covers, e.g. arn:aws:s3:::bucket/a/* next to arn:aws:s3:::bucket/*. Removing it does not change the permissions; the fix removes it.',
    docUrl: aa('suggestion-redundant-resource'),
    example: policy(allow('s3:GetObject', [`arn:aws:s3:::${BUCKET}/*`, `arn:aws:s3:::${BUCKET}/reports/*`])),
  },
  {
    id: 'aa-redundant-statement',
    severity: 'info',
    accessAnalyzer: 'REDUNDANT_STATEMENT',
    title: 'Duplicate statement',
    description:
      'A statement identical to an earlier one (apart from its Sid, and the order of values in its lists). One copy is enough; two copies drift apart when one is edited. The fix removes the later copy.',
    docUrl: aa('suggestion-redundant-statement'),
    example: policy(
      { Sid: 'Read', ...allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`) },
      { Sid: 'ReadAgain', ...allow(['s3:GetObject'], `arn:aws:s3:::${BUCKET}/*`) },
    ),
  },
  {
    id: 'aa-wildcard-service-name',
    severity: 'info',
    accessAnalyzer: 'WILDCARD_IN_SERVICE_NAME',
    title: "Wildcard in an ARN's service name",
    description:
      'A Resource ARN with * or ? in its service field, e.g. arn:aws:*code*:…, also matches services with similar names, including future ones. Name the service.',
    docUrl: aa('suggestion-wildcard-in-service-name'),
    example: policy(allow('codecommit:GitPull', `arn:aws:*code*:us-east-1:${ACCOUNT}:*`)),
  },
] as const satisfies readonly RuleMeta[];

// ---------------------------------------------------------------------------------------------------------------
// The family

export const AA_STATEMENT_RULES = [...grantRules(PASS_ROLE), ...grantRules(CREATE_SLR), ...SIZE_RULES, ...PRINCIPAL_RULES, ...CLEANUP_RULES] as const;

export const accessAnalyzerStatementRules: RuleFamily = {
  name: 'access-analyzer-statements',
  rules: AA_STATEMENT_RULES,
  check(ctx) {
    policySize(ctx);
    const m = ctx.model;
    const trust = m.kind === 'trust' && !m.resourcePolicy;
    for (const st of m.statements) {
      const reported = new Set<string>();
      if (m.kind === 'permissions') {
        for (const t of [PASS_ROLE, CREATE_SLR]) {
          const v = grant(ctx, st, t);
          if (v) reported.add(v);
        }
        allowNotResource(ctx, st, reported);
      }
      principalValues(ctx, st, trust);
      if (m.resourcePolicy) {
        serviceUnscoped(ctx, st);
        allowNotPrincipal(ctx, st);
      }
      if (trust) {
        federated(ctx, st);
        redundantPrincipal(ctx, st);
      }
      if (m.kind === 'trust') audienceQualifiers(ctx, st);
      redundantValues(ctx, st, st.action, 'Action', 'aa-redundant-action', true);
      redundantValues(ctx, st, st.notAction, 'NotAction', 'aa-redundant-action', true);
      redundantValues(ctx, st, st.resource, 'Resource', 'aa-redundant-resource', false);
      redundantValues(ctx, st, st.notResource, 'NotResource', 'aa-redundant-resource', false);
      wildcardServiceName(ctx, st);
    }
    if (trust) rolesAnywhere(ctx);
    redundantStatements(ctx);
  },
};

// ---------------------------------------------------------------------------------------------------------------
// iam:PassRole and iam:CreateServiceLinkedRole

/** A Resource pattern that matches every role the target action can act on (all probes, in the pattern's account). */
function coversAllRoles(pattern: string, t: Target): boolean {
  if (pattern === '*') return true;
  if (pattern.includes('${') || !pattern.startsWith('arn:')) return false;
  const f = pattern.split(':');
  if (f.length < 6) return false;
  if (!wildMatch(f[2], 'iam')) return false;
  const partition = hasWild(f[1]) ? 'aws' : f[1];
  const account = /^\d{12}$/.test(f[4]) ? f[4] : '246813579024';
  return t.probes.every((p) => wildMatch(pattern, `arn:${partition}:iam::${account}:${p}`));
}

/** Keys of a statement's Condition under operators that do not negate (lower case). */
function positiveConditionKeys(st: StatementModel): Set<string> {
  const out = new Set<string>();
  if (st.condition?.type !== 'object') return out;
  for (const [op, opProp] of properties(st.condition)) {
    if (/^(ForAnyValue:|ForAllValues:)?(StringNot|ArnNot)/.test(op)) continue;
    for (const [key] of properties(valueOf(opProp))) out.add(key.toLowerCase());
  }
  return out;
}

function allConditionKeys(st: StatementModel): string[] {
  const out: string[] = [];
  if (st.condition?.type !== 'object') return out;
  for (const [, opProp] of properties(st.condition)) for (const [key] of properties(valueOf(opProp))) out.push(key);
  return out;
}

/** Report the one variant that applies to this statement and target action; returns it. */
function grant(ctx: RuleContext, st: StatementModel, t: typeof PASS_ROLE | typeof CREATE_SLR): Variant | undefined {
  if (!isAllow(st)) return undefined;
  const actions = stringItems(st.action).filter((a) => !hasPlaceholderSyntax(a.value));
  const exact = actions.find((a) => !hasWild(a.value) && a.value.toLowerCase() === t.action.toLowerCase());
  const star = actions.find((a) => hasWild(a.value) && actionPatternMatches(a.value, t.action));
  let actionSide: 'exact' | 'star' | 'not' | undefined;
  let node: Node | undefined;
  if (exact) [actionSide, node] = ['exact', exact.node];
  else if (star) [actionSide, node] = ['star', star.node];
  else if (st.notAction && !st.action && !stringItems(st.notAction).some((a) => actionPatternMatches(a.value, t.action))) {
    [actionSide, node] = ['not', keyNode(st, 'NotAction')];
  }
  if (!actionSide || !node) return undefined;

  let resourceSide: 'star' | 'not' | undefined;
  let res: string | undefined;
  if (st.resource) {
    res = stringItems(st.resource).find((r) => coversAllRoles(r.value, t))?.value;
    if (res !== undefined) resourceSide = 'star';
  } else if (st.notResource) {
    // NotResource excluding every such role grants none of them.
    if (!stringItems(st.notResource).some((r) => coversAllRoles(r.value, t))) resourceSide = 'not';
  }
  if (!resourceSide) return undefined;
  if (resourceSide === 'star' && positiveConditionKeys(st).has(t.scopeKey)) return undefined;

  const v: Variant =
    actionSide === 'exact'
      ? resourceSide === 'star'
        ? 'star-resource'
        : 'not-resource'
      : actionSide === 'star'
        ? resourceSide === 'star'
          ? 'star-action-star-resource'
          : 'star-action-not-resource'
        : resourceSide === 'star'
          ? 'not-action-star-resource'
          : 'not-action-not-resource';
  const via =
    actionSide === 'exact'
      ? quote(t.action)
      : actionSide === 'star'
        ? `The wildcard action ${quote(node.value as string)}`
        : `NotAction (which does not exclude ${t.action})`;
  const where =
    resourceSide === 'star'
      ? res === '*'
        ? 'on Resource "*"'
        : `on ${quote(res!)}, which matches every ${t.noun}`
      : `with NotResource, on every ${t.noun} not listed`;
  const subject = actionSide === 'exact' ? `${via} is granted` : `${via} grants ${t.action}`;
  ctx.reportNode(ruleId(t, v), node, `${subject} ${where}: the principal can ${t.what}. ${t.fix}`);
  return v;
}

function keyNode(st: StatementModel, k: string): Node | undefined {
  const p = st.props.get(k);
  return p?.children?.[0];
}

function allowNotResource(ctx: RuleContext, st: StatementModel, reported: Set<string>): void {
  if (!isAllow(st) || !st.notResource || st.resource) return;
  // The PassRole/CreateServiceLinkedRole NotResource variants already say it, more precisely.
  if ([...reported].some((v) => v.endsWith('not-resource'))) return;
  const k = keyNode(st, 'NotResource');
  if (!k) return;
  ctx.reportNode(
    'aa-allow-not-resource',
    k,
    'Allow with NotResource grants the actions on every resource except the ones listed, including resources of other services and resources created later. List the resources in Resource instead, if you can name them.',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Policy size

function nonWhitespaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) n++;
  }
  return n;
}

function policySize(ctx: RuleContext): void {
  const m = ctx.model;
  const text = m.text.slice(m.root.offset, m.root.offset + m.root.length);
  const key = m.root.children?.[0];
  const at = key ?? m.root;
  const report = (id: RuleId, message: string) => ctx.report(id, at.offset, Math.min(at.length, 1), message);
  if (m.kind === 'trust' && !m.resourcePolicy) {
    const size = nonWhitespaceLength(text);
    if (size > TRUST_POLICY_MAX_QUOTA_CHARS) {
      report(
        'aa-policy-size-trust',
        `This trust policy has ${size} characters without whitespace: more than ${TRUST_POLICY_MAX_QUOTA_CHARS}, the largest role trust policy length quota an account can have, so IAM rejects it. Move principals into fewer statements or shorten the conditions.`,
      );
    } else if (size > TRUST_POLICY_DEFAULT_MAX_CHARS) {
      report(
        'aa-policy-size-trust-raised',
        `This trust policy has ${size} characters without whitespace: more than the default quota of ${TRUST_POLICY_DEFAULT_MAX_CHARS}. IAM accepts it only if the account's "Role trust policy length" quota was raised (Service Quotas, up to ${TRUST_POLICY_MAX_QUOTA_CHARS}).`,
      );
    }
    return;
  }
  if (m.resourcePolicy) {
    if (!isS3BucketPolicy(m)) return;
    const size = utf8Length(text, true);
    const total = utf8Length(text, false);
    if (size > S3_BUCKET_POLICY_MAX_BYTES) {
      report(
        'aa-policy-size-resource',
        `This S3 bucket policy has ${size} bytes even without whitespace; bucket policies are limited to 20 KB (${S3_BUCKET_POLICY_MAX_BYTES} bytes), so S3 rejects it. Shorten it, e.g. by combining statements or using access points.`,
      );
    } else if (total > S3_BUCKET_POLICY_MAX_BYTES) {
      report(
        'aa-policy-size-resource-whitespace',
        `This S3 bucket policy has ${total} bytes with whitespace (${size} without); bucket policies are limited to 20 KB (${S3_BUCKET_POLICY_MAX_BYTES} bytes) and S3 does not document whether whitespace counts. Remove the indentation, or shorten it, to be safe.`,
      );
    }
    return;
  }
  const size = nonWhitespaceLength(text);
  if (size > ROLE_INLINE_MAX_CHARS) {
    report(
      'aa-policy-size-identity',
      `This policy has ${size} characters without whitespace: IAM rejects it as a customer managed policy (at most ${MANAGED_POLICY_MAX_CHARS}) and as an inline policy (at most ${USER_INLINE_MAX_CHARS} for a user, ${GROUP_INLINE_MAX_CHARS} for a group and ${ROLE_INLINE_MAX_CHARS} for a role, all inline policies together). Split the statements into several policies. (Only AWS managed policies can be this large.)`,
    );
  } else if (size > MANAGED_POLICY_MAX_CHARS) {
    report(
      'aa-policy-size-identity-role-only',
      `This policy has ${size} characters without whitespace: too large for a customer managed policy (at most ${MANAGED_POLICY_MAX_CHARS}) and for the inline policies of a user (${USER_INLINE_MAX_CHARS}) or group (${GROUP_INLINE_MAX_CHARS}); it fits only as an inline policy of a role, whose inline policies may have ${ROLE_INLINE_MAX_CHARS} characters together. To use it as a managed policy, split the statements into several policies.`,
    );
  }
}

function utf8Length(s: string, skipWhitespace: boolean): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (skipWhitespace && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) continue;
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A resource-based policy whose every Resource value is an S3 bucket or object ARN (`arn:<partition>:s3:::…`). */
function isS3BucketPolicy(m: PolicyModel): boolean {
  let any = false;
  for (const st of m.statements) {
    if (st.notResource) return false;
    for (const r of stringItems(st.resource)) {
      if (!/^arn:aws[a-z-]*:s3:::[^:]/.test(r.value)) return false;
      any = true;
    }
  }
  return any;
}

// ---------------------------------------------------------------------------------------------------------------
// Principal values: service-principal format, unique IDs

function principalObjects(st: StatementModel): Node[] {
  return [st.principal, st.notPrincipal].filter((p): p is Node => p?.type === 'object');
}

function principalItems(st: StatementModel, key: string): Array<{ value: string; node: Node; array?: Node }> {
  const out: Array<{ value: string; node: Node; array?: Node }> = [];
  for (const p of principalObjects(st)) {
    const prop = getProperty(p, key);
    const v = prop && valueOf(prop);
    const array = v?.type === 'array' ? v : undefined;
    for (const item of stringItems(v)) out.push({ value: item.value, node: item.node, array });
  }
  return out;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const AWS_SERVICE_DOMAIN = /\.amazonaws\.com(\.cn)?$/;

function skip(ctx: RuleContext, v: string, node: Node): boolean {
  const r = contentRange(node);
  return hasPlaceholderSyntax(v) || touchesPlaceholder(ctx, r.offset, r.length);
}

function principalValues(ctx: RuleContext, st: StatementModel, trust: boolean): void {
  for (const item of principalItems(st, 'Service')) {
    const v = item.value;
    if (skip(ctx, v, item.node) || /[*?]/.test(v) || cleanRoomsPrincipalTypo(v)) continue; // wildcards: grammar-principal-shape; Clean Rooms typos: cleanrooms-principal-typo
    const r = contentRange(item.node);
    if (DOMAIN.test(v)) {
      if (/^amazonaws\.com(\.cn)?$/.test(v)) {
        ctx.report(
          'aa-service-principal-format',
          r.offset,
          r.length,
          `${quote(v)} is not a service principal: name the service, e.g. cleanrooms.amazonaws.com.`,
        );
      } else if (!AWS_SERVICE_DOMAIN.test(v)) {
        ctx.report(
          'aa-service-principal-unusual',
          r.offset,
          r.length,
          `${quote(v)} is not of the usual service-principal form service-name.amazonaws.com. A few AWS service principals end differently (e.g. alexa-appkit.amazon.com); check the principal in the service's documentation.`,
        );
      }
      continue;
    }
    const cleaned = v
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '');
    const fixes: Fix[] =
      cleaned !== v && DOMAIN.test(cleaned) && AWS_SERVICE_DOMAIN.test(cleaned)
        ? [{ title: `Change to ${quote(cleaned)}`, edits: [replaceStringContent(item.node, cleaned)], preferred: true }]
        : [];
    ctx.report(
      'aa-service-principal-format',
      r.offset,
      r.length,
      `${quote(v)} is not a service principal: they are lower-case domain names of the form service-name.amazonaws.com, e.g. cleanrooms.amazonaws.com (no scheme, spaces or upper case).`,
      { fixes },
    );
  }
  for (const item of principalItems(st, 'AWS')) {
    const v = item.value;
    if (skip(ctx, v, item.node)) continue;
    const m = /^(AROA|AIDA)[A-Z0-9]{12,}$/.exec(v);
    if (!m) continue;
    const role = m[1] === 'AROA';
    const r = contentRange(item.node);
    ctx.report(
      role ? 'aa-role-id-principal' : 'aa-user-id-principal',
      r.offset,
      r.length,
      `${quote(v)} is the unique ID of an IAM ${role ? 'role' : 'user'}. IAM shows such IDs when the ${role ? 'role' : 'user'} a policy named was deleted; a new one of the same name has a new ID and does not match. Use the ${role ? 'role' : 'user'} ARN (arn:aws:iam::<account-id>:${role ? 'role' : 'user'}/<name>) instead.`,
    );
  }
  if (!trust) {
    // Federated principals belong in role trust policies only.
    if (!ctx.model.resourcePolicy) return;
    for (const p of principalObjects(st)) {
      const prop = getProperty(p, 'Federated');
      if (!prop) continue;
      ctx.reportNode(
        'aa-federated-principal-not-supported',
        prop.children![0],
        'A Federated principal (an identity provider) is supported only in a role trust policy; resource-based policies such as bucket policies do not accept it. Grant access to the role that the federated users assume instead.',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Resource-based policies: service principals without a source, Allow with NotPrincipal

const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

function serviceUnscoped(ctx: RuleContext, st: StatementModel): void {
  if (!isAllow(st) || st.principal?.type !== 'object') return;
  const keys = allConditionKeys(st).map((k) => k.toLowerCase());
  if (keys.some((k) => SOURCE_KEYS.includes(k))) return;
  const svc = getProperty(st.principal, 'Service');
  for (const item of stringItems(svc && valueOf(svc))) {
    if (skip(ctx, item.value, item.node) || item.value === 'cleanrooms.amazonaws.com') continue;
    const r = contentRange(item.node);
    if (keys.length > 0) {
      // Other conditions may scope the source in a service-specific way (e.g. kms:EncryptionContext:aws:logs:arn).
      ctx.report(
        'aa-service-principal-unscoped-conditions',
        r.offset,
        r.length,
        `${quote(item.value)} is allowed without a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths. If the statement's other conditions (${allConditionKeys(
          st,
        )
          .map((k) => elide(k, 60))
          .join(
            ', ',
          )}) do not tie the request to your resource or account, the service can use this access on behalf of any account (the confused-deputy problem); Access Analyzer recommends one of those keys.`,
      );
    } else {
      ctx.report(
        'aa-service-principal-unscoped',
        r.offset,
        r.length,
        `${quote(item.value)} is allowed without any condition, so the service can use this access on behalf of any account (the confused-deputy problem). Add a condition on aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths naming your resource, account or organization.`,
      );
    }
  }
}

function allowNotPrincipal(ctx: RuleContext, st: StatementModel): void {
  if (!isAllow(st) || !st.notPrincipal) return;
  const k = keyNode(st, 'NotPrincipal');
  if (!k) return;
  ctx.reportNode(
    'aa-allow-not-principal',
    k,
    '"Effect": "Allow" with NotPrincipal grants access to every principal not listed, anonymous users included. Name the principals in Principal instead, or use NotPrincipal only in a Deny statement.',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Role trust policies: federated principals, actions, OIDC conditions

type Federated = { kind: 'saml' | 'oidc' | 'invalid'; provider?: string };

const SAML_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/;
const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(\S+)$/;

export function classifyFederated(v: string): Federated {
  if (SAML_ARN.test(v)) return { kind: 'saml' };
  const o = OIDC_ARN.exec(v);
  if (o) return { kind: 'oidc', provider: o[1] };
  if (!v.startsWith('arn:') && DOMAIN.test(v)) return { kind: 'oidc', provider: v };
  return { kind: 'invalid' };
}

const GITHUB = 'token.actions.githubusercontent.com';

/** Exact (wildcard-free) actions a statement allows, lower case. */
function exactActions(st: StatementModel): Array<{ value: string; node: Node }> {
  return stringItems(st.action).filter((a) => !hasWild(a.value));
}

function federated(ctx: RuleContext, st: StatementModel): void {
  if (st.principal?.type !== 'object') return;
  const fed = principalItems(st, 'Federated').filter((i) => !skip(ctx, i.value, i.node));
  const kinds = fed.map((i) => ({ ...i, ...classifyFederated(i.value) }));
  for (const k of kinds) {
    if (k.kind !== 'invalid') continue;
    const r = contentRange(k.node);
    ctx.report(
      'aa-federated-principal-syntax',
      r.offset,
      r.length,
      `${quote(k.value)} is not a federated principal: use the ARN of a SAML provider (arn:aws:iam::<account-id>:saml-provider/<name>) or of an OIDC provider (arn:aws:iam::<account-id>:oidc-provider/<provider-url>), or a web identity domain such as cognito-identity.amazonaws.com.`,
    );
  }
  if (!isAllow(st)) return;

  // Actions vs principal types.
  const other = [...principalItems(st, 'AWS'), ...principalItems(st, 'Service'), ...principalItems(st, 'CanonicalUser')];
  for (const a of exactActions(st)) {
    const name = a.value.toLowerCase();
    let bad: string[] = [];
    let needed = '';
    if (name === 'sts:assumerolewithsaml') {
      bad = [...other.map((o) => o.value), ...kinds.filter((k) => k.kind === 'oidc').map((k) => k.value)];
      needed = 'a SAML provider principal (arn:aws:iam::<account-id>:saml-provider/<name>)';
    } else if (name === 'sts:assumerolewithwebidentity') {
      bad = [...other.map((o) => o.value), ...kinds.filter((k) => k.kind === 'saml').map((k) => k.value)];
      needed = 'an OIDC provider principal (an oidc-provider ARN or a web identity domain such as cognito-identity.amazonaws.com)';
    } else if (name === 'sts:assumerole' && kinds.length > 0 && other.length === 0 && kinds.some((k) => k.kind !== 'invalid')) {
      const r = contentRange(a.node);
      ctx.report(
        'aa-federated-assume-role',
        r.offset,
        r.length,
        `${quote(a.value)} is never called by an identity provider: federated users assume a role with sts:AssumeRoleWithSAML (SAML providers) or sts:AssumeRoleWithWebIdentity (OIDC providers).`,
      );
      continue;
    } else continue;
    if (bad.length === 0) continue;
    const r = contentRange(a.node);
    ctx.report(
      'aa-mismatched-action-for-principal',
      r.offset,
      r.length,
      `${quote(a.value)} cannot be used by ${bad.map((b) => quote(b)).join(', ')}: it needs ${needed}. Use sts:AssumeRoleWithSAML with a SAML provider, sts:AssumeRoleWithWebIdentity with an OIDC provider, and sts:AssumeRole with AWS and service principals.`,
    );
  }

  // OIDC principals need a condition on their own keys.
  const keys = allConditionKeys(st).map((k) => k.toLowerCase());
  for (const k of kinds) {
    if (k.kind !== 'oidc' || !k.provider) continue;
    const prefix = k.provider.toLowerCase() + ':';
    const r = contentRange(k.node);
    if (k.provider.toLowerCase() === GITHUB) {
      if (!keys.includes(`${GITHUB}:sub`)) {
        ctx.report(
          'aa-github-missing-sub',
          r.offset,
          r.length,
          `This trust statement for GitHub Actions has no ${GITHUB}:sub condition, so workflows of any GitHub repository can assume the role. Add a condition such as "StringLike": {"${GITHUB}:sub": "repo:<org>/<repo>:ref:refs/heads/<branch>"}.`,
        );
      }
      continue;
    }
    if (!keys.some((key) => key.startsWith(prefix))) {
      ctx.report(
        'aa-oidc-missing-condition',
        r.offset,
        r.length,
        `This trust statement has no condition on a ${elide(k.provider)} key (such as ${elide(k.provider)}:aud), so anyone the provider issues a token to, for any application, can assume the role. Add a condition on the provider's aud (and sub) claim.`,
      );
    }
  }
  githubSubValues(ctx, st);
}

function githubSubValues(ctx: RuleContext, st: StatementModel): void {
  if (st.condition?.type !== 'object') return;
  for (const [op, opProp] of properties(st.condition)) {
    if (!/^(ForAnyValue:|ForAllValues:)?StringLike(IfExists)?$/.test(op)) continue;
    for (const [key, keyProp] of properties(valueOf(opProp))) {
      if (key.toLowerCase() !== `${GITHUB}:sub`) continue;
      for (const item of stringItems(valueOf(keyProp))) {
        if (!hasWild(item.value) || skip(ctx, item.value, item.node)) continue;
        const r = contentRange(item.node);
        const m = /^repo:([^:*?/]+)\/([^:*?]+):/.exec(item.value);
        if (m) {
          ctx.report(
            'aa-github-sub-ref-wildcard',
            r.offset,
            r.length,
            `${quote(item.value)} admits every ref matching the wildcard (branches, tags, environments, pull requests) of ${m[1]}/${m[2]}. If only one branch or environment should deploy, name it, e.g. repo:${m[1]}/${m[2]}:ref:refs/heads/main.`,
          );
        } else {
          ctx.report(
            'aa-github-sub-wildcard',
            r.offset,
            r.length,
            `${quote(item.value)} has a wildcard in the GitHub organization or repository, so workflows of other repositories can assume the role. Name the repository and branch, e.g. repo:<org>/<repo>:ref:refs/heads/main.`,
          );
        }
      }
    }
  }
}

/** ForAnyValue:/ForAllValues: on an OIDC audience key (`<provider>:aud`). */
function audienceQualifiers(ctx: RuleContext, st: StatementModel): void {
  if (st.condition?.type !== 'object') return;
  for (const [op, opProp] of properties(st.condition)) {
    const any = op.startsWith('ForAnyValue:');
    if (!any && !op.startsWith('ForAllValues:')) continue;
    for (const [key, keyProp] of properties(valueOf(opProp))) {
      const m = /^(.+):aud$/i.exec(key);
      if (!m || /^(aws|sts|iam)$/i.test(m[1]) || !m[1].includes('.')) continue;
      const r = contentRange(keyProp.children![0]);
      if (any) {
        ctx.report(
          'aa-oidc-aud-foranyvalue',
          r.offset,
          r.length,
          `ForAnyValue: on ${elide(key)} is true when any audience in the token matches, so a token issued for several applications, one of them yours, passes. If the provider issues a single audience, use plain ${elide(op.slice('ForAnyValue:'.length))}; remove the qualifier unless the claim is multivalued.`,
        );
      } else {
        ctx.report(
          'aa-oidc-aud-forallvalues',
          r.offset,
          r.length,
          `${elide(key)} identifies the application a token is for. Use a set operator only if the provider issues several audiences in one token; for a single-valued claim use plain ${elide(op.slice('ForAllValues:'.length))}.`,
        );
      }
    }
  }
}

function rolesAnywhere(ctx: RuleContext): void {
  const REQUIRED = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];
  const sts = ctx.model.statements.filter((st) => isAllow(st) && principalItems(st, 'Service').some((i) => i.value === 'rolesanywhere.amazonaws.com'));
  if (sts.length === 0) return;
  const allowed = (st: StatementModel, a: string): boolean =>
    st.action
      ? stringItems(st.action).some((x) => actionPatternMatches(x.value, a))
      : !!st.notAction && !stringItems(st.notAction).some((x) => actionPatternMatches(x.value, a));
  const missing = REQUIRED.filter((a) => !sts.some((st) => allowed(st, a)));
  if (missing.length === 0) return;
  for (const st of sts) {
    const item = principalItems(st, 'Service').find((i) => i.value === 'rolesanywhere.amazonaws.com')!;
    const r = contentRange(item.node);
    ctx.report(
      'aa-roles-anywhere-actions',
      r.offset,
      r.length,
      `IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession to assume this role; the policy does not allow ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} to the statement's Action.`,
    );
  }
}

/** `arn:aws:sts::<acct>:assumed-role/<role>/<session>` next to `arn:aws:iam::<acct>:role/[path/]<role>`. */
function redundantPrincipal(ctx: RuleContext, st: StatementModel): void {
  for (const p of principalObjects(st)) {
    const prop = getProperty(p, 'AWS');
    const arr = prop && valueOf(prop);
    if (arr?.type !== 'array') continue;
    const items = stringItems(arr);
    const roles = new Set<string>();
    for (const i of items) {
      const m = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[^*?]*\/)?([^/*?]+)$/.exec(i.value);
      if (m) roles.add(`${m[1]}|${m[2]}|${m[3]}`);
    }
    if (roles.size === 0) continue;
    for (const i of items) {
      // Session ARNs are arn:aws:sts::…; the check reference writes its example as arn:aws:iam::…:assumed-role/….
      const m = /^arn:(aws[a-z-]*):(?:sts|iam)::(\d{12}):assumed-role\/([^/*?]+)\/[^/*?]+$/.exec(i.value);
      if (!m || !roles.has(`${m[1]}|${m[2]}|${m[3]}`)) continue;
      const r = contentRange(i.node);
      const edit = takeFix(ctx) ? removeArrayItemEdit(ctx.text, arr, i.node) : undefined;
      ctx.report(
        'aa-redundant-principal',
        r.offset,
        r.length,
        `The assumed-role session ${quote(i.value)} is redundant: the same Principal names its role ${quote(m[3])}, which covers its sessions. Remove the assumed-role principal.`,
        {
          fixes: edit ? [{ title: 'Remove the assumed-role principal', edits: [edit], preferred: true }] : [],
        },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Clean-up suggestions

/** True when only blanks precede `offset` on its line (scans back over the indentation only). */
function onOwnLine(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/**
 * Fixes are attached to at most this many redundancy findings of one document: every fix passes the engine's fix
 * guard, whose cost grows with the document, so 10,000 duplicate statements would otherwise cost seconds.
 */
export const MAX_REDUNDANCY_FIXES = 100;
const fixBudget = new WeakMap<PolicyModel, number>();
function takeFix(ctx: RuleContext): boolean {
  const used = fixBudget.get(ctx.model) ?? 0;
  if (used >= MAX_REDUNDANCY_FIXES) return false;
  fixBudget.set(ctx.model, used + 1);
  return true;
}

/**
 * An edit removing one item from a JSON array, with one adjoining comma; whole lines when the items sit on lines of
 * their own. Undefined for the only item (an empty list would change the statement's meaning).
 */
export function removeArrayItemEdit(text: string, arr: Node, item: Node, index?: number): TextEdit | undefined {
  const items = arr.children ?? [];
  const i = index ?? items.indexOf(item);
  if (i < 0 || items.length < 2) return undefined;
  const next = items[i + 1];
  const prev = items[i - 1];
  if (next) {
    let start = item.offset;
    let end = next.offset;
    if (onOwnLine(text, item.offset) && onOwnLine(text, next.offset)) {
      start = text.lastIndexOf('\n', item.offset - 1) + 1;
      end = text.lastIndexOf('\n', next.offset - 1) + 1;
    }
    return { offset: start, length: end - start, newText: '' };
  }
  const start = prev.offset + prev.length;
  return { offset: start, length: item.offset + item.length - start, newText: '' };
}

type StringItemLike = { value: string; node: Node };

function nthIndex(s: string, ch: string, n: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = s.indexOf(ch, i + 1);
    if (i < 0) return -1;
  }
  return i;
}

interface Entry {
  item: StringItemLike;
  /** Lower case for actions (case-insensitive), as written for resources. */
  norm: string;
  wild: boolean;
  /** Resources: the six ARN fields (undefined for `*` and non-ARNs); actions: undefined. */
  fields?: string[];
}

/** Whether entry `w` covers entry `n` (actions: case-insensitive patterns; resources: field by field). */
function entryCovers(w: Entry, n: Entry, actions: boolean): boolean {
  if (actions) return patternCovers(w.norm, n.norm, false);
  if (w.norm === '*') return !n.norm.includes('${');
  if (!w.fields || !n.fields) return patternCovers(w.norm, n.norm, false);
  for (let i = 0; i < 6; i++) if (!patternCovers(w.fields[i], n.fields[i], false)) return false;
  return true;
}

function bucketOf(norm: string, actions: boolean): string {
  const cut = actions ? norm.indexOf(':') : nthIndex(norm, ':', 3);
  const head = cut < 0 ? norm : norm.slice(0, cut);
  return hasWild(head) ? '' : head;
}

function redundantValues(ctx: RuleContext, st: StatementModel, el: Node | undefined, name: string, rule: RuleId, actions: boolean): void {
  if (el?.type !== 'array' || (el.children?.length ?? 0) < 2) return;
  const entries: Entry[] = [];
  for (const item of stringItems(el)) {
    if (skip(ctx, item.value, item.node)) continue;
    const norm = actions ? item.value.toLowerCase() : item.value;
    entries.push({ item, norm, wild: hasWild(norm), fields: actions ? undefined : arnFields(norm) });
  }
  if (entries.length < 2) return;
  // Wildcard values by the literal text before their first `:` after the prefix they share (the service of an
  // action, `arn:partition:service` of an ARN), so each value is compared with the few that can cover it.
  const wild = new Map<string, Entry[]>();
  for (const e of entries) {
    if (!e.wild) continue;
    const b = bucketOf(e.norm, actions);
    const list = wild.get(b);
    if (list) list.push(e);
    else wild.set(b, [e]);
  }
  const global = wild.get('') ?? [];
  const seen = new Map<string, string>();
  const what = actions ? 'action' : 'resource';
  for (const e of entries) {
    let by = seen.get(e.norm);
    let dup = by !== undefined;
    if (!dup) {
      seen.set(e.norm, e.item.value);
      // A value covered by a different wildcard value (an identical copy is reported as a duplicate instead).
      const b = bucketOf(e.norm, actions);
      let cover: Entry | undefined;
      for (const list of [b ? wild.get(b) : undefined, global]) {
        if (!list) continue;
        for (const w of list) {
          if (w === e || w.norm === e.norm) continue;
          if (entryCovers(w, e, actions) && !(e.wild && entryCovers(e, w, actions))) {
            cover = w;
            break;
          }
        }
        if (cover) break;
      }
      if (!cover) continue;
      by = cover.item.value;
      dup = false;
    }
    const r = contentRange(e.item.node);
    const edit = takeFix(ctx) ? removeArrayItemEdit(ctx.text, el, e.item.node) : undefined;
    ctx.report(
      rule,
      r.offset,
      r.length,
      dup
        ? `${quote(e.item.value)} appears more than once in ${name}. Remove the copy; the permissions stay the same.`
        : `${quote(e.item.value)} is redundant: ${quote(by!)} in the same ${name} already covers it. Remove it; the permissions stay the same (the wildcard also covers ${what}s added later).`,
      {
        fixes: edit ? [{ title: `Remove the redundant ${what}`, edits: [edit], preferred: true }] : [],
      },
    );
  }
}

/** Canonical form of a statement's permissions: elements without Sid, string lists as sorted sets. */
function canonical(st: StatementModel): string | undefined {
  // The same string as JSON.stringify(canonicalValue(st)), built directly (no intermediate objects, Sets or arrays of
  // arrays). Keys that a plain object would not keep in insertion order (array-index-like keys enumerate first) or not
  // keep at all (__proto__) take the object route, so the string is always exactly the object's JSON.
  const names: string[] = [];
  for (const k of st.props.keys()) {
    if (k === 'Sid') continue;
    if (!plainKey(k)) return canonicalValue(st) === undefined ? undefined : JSON.stringify(canonicalValue(st));
    names.push(k);
  }
  names.sort((a, b) => (a < b ? -1 : 1));
  let out = '{';
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    const v = valueOf(st.props.get(k)!);
    if (!v) return undefined;
    out += (i ? ',' : '') + JSON.stringify(k) + ':' + canonJson(v, k === 'Action' || k === 'NotAction');
  }
  return out + '}';
}

/** A key a plain object keeps in insertion order: not array-index-like (those start with a digit), not __proto__. */
function plainKey(k: string): boolean {
  const c = k.charCodeAt(0);
  return !(c >= 0x30 && c <= 0x39) && k !== '__proto__';
}

/** JSON.stringify(canonValue(n, lower)), built directly. */
function canonJson(n: Node, lower: boolean): string {
  if (n.type === 'string') return '[' + JSON.stringify(lower ? String(n.value).toLowerCase() : n.value) + ']';
  if (n.type === 'array') {
    const kids = n.children ?? [];
    let strings = true;
    for (const c of kids) {
      if (c.type !== 'string') {
        strings = false;
        break;
      }
    }
    if (strings) {
      // A sorted set: sorted, then adjacent copies skipped (the same list as [...new Set(values)].sort()).
      const values = kids.map((c) => (lower ? String(c.value).toLowerCase() : String(c.value))).sort();
      let out = '[';
      for (let i = 0; i < values.length; i++) {
        if (i > 0 && values[i] === values[i - 1]) continue;
        out += (out.length > 1 ? ',' : '') + JSON.stringify(values[i]);
      }
      return out + ']';
    }
    let out = '[';
    for (let i = 0; i < kids.length; i++) out += (i ? ',' : '') + canonJson(kids[i], lower);
    return out + ']';
  }
  if (n.type === 'object') {
    const props = properties(n);
    for (const [k] of props) if (!plainKey(k)) return JSON.stringify(canonValue(n, lower));
    props.sort(([a], [b]) => (a < b ? -1 : 1));
    let out = '{';
    for (let i = 0; i < props.length; i++) {
      const v = valueOf(props[i][1]);
      out += (i ? ',' : '') + JSON.stringify(props[i][0]) + ':' + (v ? canonJson(v, false) : 'null');
    }
    return out + '}';
  }
  return JSON.stringify(n.value ?? null);
}

/** The canonical form as an object (the definition canonical() follows; used as is for unusual keys). */
function canonicalValue(st: StatementModel): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, prop] of [...st.props].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (k === 'Sid') continue;
    const v = valueOf(prop);
    if (!v) return undefined;
    out[k] = canonValue(v, k === 'Action' || k === 'NotAction');
  }
  return out;
}

function canonValue(n: Node, lower: boolean): unknown {
  if (n.type === 'string') return lower ? [String(n.value).toLowerCase()] : [n.value];
  if (n.type === 'array') {
    const kids = n.children ?? [];
    if (kids.every((c) => c.type === 'string')) return [...new Set(kids.map((c) => (lower ? String(c.value).toLowerCase() : String(c.value))))].sort();
    return kids.map((c) => canonValue(c, lower));
  }
  if (n.type === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, p] of properties(n).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const v = valueOf(p);
      o[k] = v ? canonValue(v, false) : null;
    }
    return o;
  }
  return n.value ?? null;
}

/**
 * A summary of a Resource or NotResource value that equal canonical forms share: the least and the greatest string of
 * its string set (a string, or a list of strings only), else a marker for absent or other values.
 */
function resourceSummary(v: Node | undefined): string {
  if (!v) return '\u0001';
  if (v.type === 'string') return `${v.value as string}\u0000${v.value as string}`;
  if (v.type !== 'array' || !v.children?.length) return '\u0002';
  let least: string | undefined;
  let greatest: string | undefined;
  for (const c of v.children) {
    if (c.type !== 'string') return '\u0002';
    const s = c.value as string;
    if (least === undefined || s < least) least = s;
    if (greatest === undefined || s > greatest) greatest = s;
  }
  return `${least!}\u0000${greatest!}`;
}

/** The number of distinct values among the items, case-insensitive (String(value) of each, as written). */
function distinctLowerCase(items: Node[]): number {
  if (items.length < 2) return items.length;
  const set = new Set<string>();
  for (const c of items) set.add(String(c.value).toLowerCase());
  return set.size;
}

function redundantStatements(ctx: RuleContext): void {
  const sv = ctx.model.statementProp && valueOf(ctx.model.statementProp);
  if (sv?.type !== 'array') return;
  if (ctx.model.statements.length < 2) return;
  // A cheap shape key first (elements, their types and sizes); the canonical form only where shapes collide.
  const shape = (st: StatementModel): string => {
    let k = '';
    for (const [name, prop] of st.props) {
      if (name === 'Sid') continue;
      const v = valueOf(prop);
      // A string and a one-element list are the same; lists count distinct values (case-insensitive).
      const size = v?.type === 'array' ? distinctLowerCase(v.children ?? []) : v?.type === 'object' ? `o${v.children?.length}` : 1;
      k += `${name}:${size}:${name === 'Effect' ? String(v?.value) : ''};`;
    }
    return k.split(';').sort().join(';');
  };
  const shapes = new Map<string, number>();
  const keys = ctx.model.statements.map((st) => {
    const k = shape(st);
    shapes.set(k, (shapes.get(k) ?? 0) + 1);
    return k;
  });
  // Among the statements whose shapes collide, the canonical form only for those that share their Resource and
  // NotResource summary (resourceSummary, a function of their canonical forms) with another one: equal canonical forms
  // have equal summaries, so a statement without a partner here has no copy.
  const summaries = new Map<string, number>();
  const summary: Array<string | undefined> = ctx.model.statements.map((st, i) => {
    if (shapes.get(keys[i])! < 2) return undefined;
    const k = `${resourceSummary(st.resource)}\u0000${resourceSummary(st.notResource)}`;
    summaries.set(k, (summaries.get(k) ?? 0) + 1);
    return k;
  });
  const seen = new Map<string, StatementModel>();
  for (const [i, st] of ctx.model.statements.entries()) {
    const sk = summary[i];
    if (sk === undefined || summaries.get(sk)! < 2) continue;
    const c = canonical(st);
    if (c === undefined) continue;
    const first = seen.get(c);
    if (!first) {
      seen.set(c, st);
      continue;
    }
    const edit = takeFix(ctx) ? removeArrayItemEdit(ctx.text, sv, st.node, st.index) : undefined;
    ctx.report(
      'aa-redundant-statement',
      st.node.offset,
      1,
      `This statement grants the same as statement ${first.index + 1}${first.sid?.type === 'string' ? ` (${quote(first.sid.value as string)})` : ''}. Remove one copy: two copies drift apart when only one is edited.`,
      {
        fixes: edit ? [{ title: 'Remove the duplicate statement', edits: [edit], preferred: true }] : [],
        related: [{ offset: first.node.offset, length: 1, message: 'the first copy' }],
      },
    );
  }
}

function wildcardServiceName(ctx: RuleContext, st: StatementModel): void {
  for (const el of [st.resource, st.notResource]) {
    for (const item of stringItems(el)) {
      const v = item.value;
      if (!v.startsWith('arn:')) continue;
      // The service is the third of at least six colon-separated fields; found with indexOf, and sliced only when it
      // has a wildcard (rare), before the placeholder test.
      const c2 = v.indexOf(':', 4);
      const c3 = c2 < 0 ? -1 : v.indexOf(':', c2 + 1);
      const c4 = c3 < 0 ? -1 : v.indexOf(':', c3 + 1);
      if (c4 < 0 || v.indexOf(':', c4 + 1) < 0) continue;
      const from = c2 + 1;
      let wild = false;
      for (let i = from; i < c3 && !wild; i++) {
        const c = v.charCodeAt(i);
        wild = c === 0x2a || c === 0x3f;
      }
      if (!wild) continue;
      const service = v.slice(from, c3);
      if (/^\*+$/.test(service) || skip(ctx, v, item.node)) continue;
      const r = rangeInString(ctx.text, item.node, from, from + service.length);
      ctx.report(
        'aa-wildcard-service-name',
        r.offset,
        r.length,
        `The service field ${quote(service)} of this ARN has a wildcard, so it also matches services with similar names, including future ones. Name the service (one ARN per service).`,
      );
    }
  }
}
