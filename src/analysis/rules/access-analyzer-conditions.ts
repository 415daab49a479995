// Rule family "access-analyzer-conditions": the IAM Access Analyzer policy checks on the Condition element and on
// policy variables that the grammar and iam-data families do not make: condition value formats (Boolean, number,
// date, IP/CIDR, VPC and VPC endpoint IDs, Regions, service principals), the condition key format, keys duplicated
// with different case, policy-variable syntax, aws:SourceIp with private ranges, and the SUGGESTION-level clean-ups.
// Sources: shared/reference/cleanrooms-iam-facts.md §4.3, §4.6; the IAM User Guide "IAM policy validation check
// reference" (access-analyzer-reference-policy-checks), "Condition operators", "Policy variables" and "Global
// condition context keys". Key types and which keys an action supports come from the IAM reference data
// (options.iam); the checks that need it are silent without it.
import { isRegion } from '../../catalog/regions';
import { findAction, findConditionKey } from '../../iam-data';
import { parseOperator, type ParsedOperator } from '../condition-operators';
import type { Node } from '../json';
import { getProperty, isDuplicatedKey, keyOf, properties, stringItems, valueOf } from '../json';
import { elide, quote } from '../messages';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import type { Fix, RuleMeta } from '../types';
import { contentRange, hasPlaceholderSyntax, replaceStringContent, touchesPlaceholder } from './util';
import { ACCOUNT, BUCKET, doc, policy, allow, withCondition } from './example-kit';

const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const CHECKS = `${IAM}access-analyzer-reference-policy-checks.html`;
const anchor = (kind: 'error' | 'general-warning' | 'security-warning' | 'suggestion', code: string): string =>
  `${CHECKS}#access-analyzer-reference-policy-checks-${kind}-${code.toLowerCase().replace(/_/g, '-')}`;
const DOC = {
  operators: `${IAM}reference_policies_elements_condition_operators.html`,
  variables: `${IAM}reference_policies_variables.html`,
  globalKeys: `${IAM}reference_policies_condition-keys.html`,
  mfa: `${IAM}reference_policies_condition-keys.html#condition-keys-multifactorauthpresent`,
  sourceIp: `${IAM}reference_policies_condition-keys.html#condition-keys-sourceip`,
  kmsVia: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
  dynamodb: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html',
};

// ----------------------------------------------------------------------------------------------------------------
// Operators

/** A parsed operator (condition-operators.ts); exact case, as IAM spells it (other spellings are the grammar family's
 * INVALID_CONDITION_OPERATOR). */
type Op = ParsedOperator;

// ----------------------------------------------------------------------------------------------------------------
// Value formats (exported for the tests)

/** A value of a condition: strings, numbers and booleans (JSON `true` and the string "true" both count). */
interface Item {
  node: Node;
  /** The value as text ("true" for JSON true, "12" for JSON 12). */
  text: string;
  /** JSON type of the item. */
  json: 'string' | 'number' | 'boolean' | 'other';
}

function items(value: Node | undefined): Item[] {
  if (!value) return [];
  const list = value.type === 'array' ? (value.children ?? []) : [value];
  return list.map((node) => ({
    node,
    text: node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? String(node.value) : '',
    json: node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? node.type : 'other',
  }));
}

export const isBooleanText = (s: string): boolean => /^(true|false)$/i.test(s);
/** A number as IAM's Numeric operators read it: an integer or a decimal, optionally signed. */
export const isNumberText = (s: string): boolean => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s);
/** Epoch seconds (the Date operators accept them, but Access Analyzer recommends ISO 8601: INVALID_DATE_VALUE). */
export const isEpochText = (s: string): boolean => /^\d+$/.test(s);

/** ISO 8601 / W3C date-time: YYYY, YYYY-MM, YYYY-MM-DD, optionally Thh:mm[:ss[.s…]] and Z or ±hh:mm. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(s);
  if (!m) return false;
  const [, , mo, d, h, mi, se] = m;
  if (mo && (+mo < 1 || +mo > 12)) return false;
  if (d && (+d < 1 || +d > new Date(Date.UTC(+m[1], +mo, 0)).getUTCDate())) return false;
  if (h && (+h > 24 || +mi > 59 || (se !== undefined && +se > 60))) return false;
  return true;
}

/** An IPv4 address as 4 numbers, or undefined. */
function ipv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && +p <= 255)) return undefined;
  return parts.map(Number);
}

/** An IPv6 address as 8 groups of 16 bits, or undefined (:: compression; no embedded IPv4, no zone). */
function ipv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s) || s.includes(':::')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): number[] | undefined => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g.map((x) => parseInt(x, 16)) : undefined;
  };
  const a = group(halves[0]);
  const b = halves.length === 2 ? group(halves[1]) : [];
  if (!a || !b) return undefined;
  if (halves.length === 1) return a.length === 8 ? a : undefined;
  if (a.length + b.length > 7) return undefined;
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

export interface Cidr {
  v: 4 | 6;
  /** Address bits (4 bytes or 8 groups of 16). */
  parts: number[];
  prefix: number;
  /** The prefix was written (`/24`); without it the value is one address. */
  explicit: boolean;
}

/** Parse an IP condition value: an address or CIDR (no prefix = /32 or /128); undefined when it is neither. */
export function parseCidr(s: string): Cidr | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(s);
  if (!m) return undefined;
  const v4 = ipv4(m[1]);
  const v6 = v4 ? undefined : ipv6(m[1]);
  if (!v4 && !v6) return undefined;
  const max = v4 ? 32 : 128;
  const prefix = m[2] === undefined ? max : +m[2];
  if (prefix > max) return undefined;
  return { v: v4 ? 4 : 6, parts: (v4 ?? v6)!, prefix, explicit: m[2] !== undefined };
}

/** The network address of a CIDR (host bits cleared), written back in the value's notation. */
export function networkOf(c: Cidr): string {
  const width = c.v === 4 ? 8 : 16;
  const parts = c.parts.map((p, i) => {
    const keep = Math.max(0, Math.min(width, c.prefix - i * width));
    const mask = keep === 0 ? 0 : (0xffff << (width - keep)) & ((1 << width) - 1);
    return p & mask;
  });
  const addr = c.v === 4 ? parts.join('.') : compressV6(parts);
  return `${addr}/${c.prefix}`;
}

function compressV6(g: number[]): string {
  // Longest run of zero groups (length >= 2) becomes ::.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function hasHostBits(c: Cidr): boolean {
  return c.explicit && networkOf(c) !== `${c.v === 4 ? c.parts.join('.') : compressV6(c.parts)}/${c.prefix}`;
}

/**
 * Whether a CIDR lies entirely inside the private ranges: RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) for
 * IPv4 and unique local addresses (fc00::/7, RFC 4193) for IPv6.
 */
export function isPrivateCidr(c: Cidr): boolean {
  const p = c.parts;
  if (c.v === 4) {
    if (p[0] === 10) return c.prefix >= 8;
    if (p[0] === 172 && (p[1] & 0xf0) === 16) return c.prefix >= 12;
    if (p[0] === 192 && p[1] === 168) return c.prefix >= 16;
    return false;
  }
  return (p[0] & 0xfe00) === 0xfc00 && c.prefix >= 7;
}

/** `vpc-` / `vpce-` followed by 8 or 17 alphanumeric characters (INVALID_VPC_FORMAT / INVALID_VPCE_FORMAT). */
export const isVpcId = (s: string, prefix: 'vpc' | 'vpce'): boolean => new RegExp(`^${prefix}-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$`).test(s);

/** The Region code shape: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1`, `us-iso-east-1`, `us-isob-east-1`. */
export const REGION_SHAPE = /^[a-z]{2,4}(-(gov|iso[a-z]?))?-[a-z]+-\d{1,2}$/;

/** Service principal forms: `service.amazonaws.com`, and for kms:ViaService `service.region.amazonaws.com`. */
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
export const VIA_SERVICE = /^[a-z0-9-]+\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

// ----------------------------------------------------------------------------------------------------------------
// Rules

const SERVICE_PRINCIPAL_KEYS = new Set([
  'aws:principalservicename',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:principalservicenameslist',
]);
/** Keys whose value the caller controls (the global condition keys page's Warning boxes). */
const UNTRUSTWORTHY_KEYS = new Map([
  ['aws:referer', 'aws:referer'],
  ['aws:useragent', 'aws:UserAgent'],
]);

export const accessAnalyzerConditionRules = {
  name: 'access-analyzer-conditions',
  rules: [
    {
      id: 'aa-condition-key-format',
      severity: 'error',
      accessAnalyzer: 'INVALID_CONDITION_KEY_FORMAT',
      title: 'Condition key without a service prefix',
      description:
        'A condition key has the form service:keyname (aws:SourceArn, s3:prefix, or an OIDC provider key such as token.actions.githubusercontent.com:sub). A key without the prefix is never in the request context.',
      docUrl: anchor('error', 'INVALID_CONDITION_KEY_FORMAT'),
      example: policy(withCondition({ StringEquals: { SourceAccount: ACCOUNT } })),
    },
    {
      id: 'aa-condition-duplicate-key-case',
      severity: 'error',
      accessAnalyzer: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
      title: 'Condition key repeated with different case',
      description:
        'Condition key names are not case-sensitive, so aws:SourceArn and aws:sourcearn in one operator block are the same key written twice. Merge their values under one spelling.',
      docUrl: anchor('error', 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE'),
      example: policy(withCondition({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:principalaccount': '135792468013' } })),
    },
    {
      id: 'aa-condition-boolean-value',
      severity: 'warning',
      accessAnalyzer: 'TYPE_MISMATCH_BOOLEAN',
      title: 'Bool or Null with a non-Boolean value',
      description: 'Bool and Null take the values "true" or "false". Any other value never matches a Bool key; for Null it is not a test IAM documents.',
      docUrl: anchor('general-warning', 'TYPE_MISMATCH_BOOLEAN'),
      example: policy(withCondition({ Bool: { 'aws:SecureTransport': 'yes' } })),
    },
    {
      id: 'aa-condition-multiple-boolean',
      severity: 'error',
      accessAnalyzer: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
      title: 'Several Boolean values for one key',
      description:
        'A Bool condition (without ForAllValues:/ForAnyValue:) lists several values for one key; the key takes one Boolean value, so use a single "true" or "false".',
      docUrl: anchor('error', 'INVALID_CONDITION_MULTIPLE_BOOLEAN'),
      example: policy(withCondition({ Bool: { 'aws:SecureTransport': ['true', 'false'] } })),
    },
    {
      id: 'aa-condition-number-value',
      severity: 'warning',
      accessAnalyzer: 'TYPE_MISMATCH_NUMBER',
      title: 'Numeric operator with a non-numeric value',
      description: 'Numeric operators compare numbers: a value such as "ten" or "1,000" cannot be compared. Write an integer or a decimal.',
      docUrl: anchor('general-warning', 'TYPE_MISMATCH_NUMBER'),
      example: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } })),
    },
    {
      id: 'aa-condition-date-value',
      severity: 'warning',
      accessAnalyzer: 'TYPE_MISMATCH_DATE',
      title: 'Date operator with an invalid date',
      description: 'Date operators take an ISO 8601 date or date-time (2026-07-16, 2026-07-16T19:20:30Z) or epoch seconds. Any other value cannot be compared.',
      docUrl: anchor('general-warning', 'TYPE_MISMATCH_DATE'),
      example: policy(withCondition({ DateLessThan: { 'aws:CurrentTime': '16/07/2026' } })),
    },
    {
      id: 'aa-condition-date-epoch',
      severity: 'info',
      accessAnalyzer: 'INVALID_DATE_VALUE',
      title: 'Date given as epoch seconds',
      description:
        'A Date operator value in epoch seconds works, but Access Analyzer warns that it "might not resolve as expected" and recommends the W3C form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssTZD. Info: the value is valid IAM.',
      docUrl: anchor('general-warning', 'INVALID_DATE_VALUE'),
      example: policy(withCondition({ DateLessThan: { 'aws:CurrentTime': '1784160000' } })),
    },
    {
      id: 'aa-condition-ip-value',
      severity: 'error',
      accessAnalyzer: 'TYPE_MISMATCH_IP_RANGE',
      title: 'IP operator with an invalid address',
      description: 'IpAddress and NotIpAddress take an IPv4 or IPv6 address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32.',
      docUrl: anchor('error', 'TYPE_MISMATCH_IP_RANGE'),
      example: policy(withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.300/24' } })),
    },
    {
      id: 'aa-condition-ip-host-bits',
      severity: 'info',
      accessAnalyzer: 'IMPROVE_IP_RANGE',
      title: 'CIDR with host bits set',
      description:
        'The bits after the prefix length are ignored: 203.0.113.5/24 means 203.0.113.0/24. Write the network address. The fix does exactly that (the range is unchanged).',
      docUrl: anchor('suggestion', 'IMPROVE_IP_RANGE'),
      example: policy(withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } })),
    },
    {
      id: 'aa-source-ip-private',
      severity: 'error',
      accessAnalyzer: 'PRIVATE_IP_ADDRESS',
      title: 'aws:SourceIp with only private ranges',
      description:
        'aws:SourceIp holds the public IP address of the caller; requests through a VPC endpoint carry aws:VpcSourceIp instead. An IpAddress condition on private ranges only (10/8, 172.16/12, 192.168/16, fc00::/7) never matches. Use aws:VpcSourceIp for private addresses.',
      docUrl: anchor('error', 'PRIVATE_IP_ADDRESS'),
      example: policy(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } })),
    },
    {
      id: 'aa-source-ip-private-not',
      severity: 'error',
      accessAnalyzer: 'PRIVATE_NOT_IP_ADDRESS',
      title: 'NotIpAddress on aws:SourceIp with only private ranges',
      description:
        'aws:SourceIp never holds a private address, so NotIpAddress on private ranges only always matches and has no effect. Use aws:VpcSourceIp for private addresses.',
      docUrl: anchor('error', 'PRIVATE_NOT_IP_ADDRESS'),
      example: policy({ ...allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`), Effect: 'Deny', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    },
    {
      id: 'aa-source-ip-private-subset',
      severity: 'info',
      accessAnalyzer: 'PRIVATE_IP_ADDRESS_SUBSET',
      title: 'aws:SourceIp mixes private and public ranges',
      description:
        'The private ranges in an aws:SourceIp list have no effect, since aws:SourceIp holds public addresses only (PRIVATE_IP_ADDRESS_SUBSET; with NotIpAddress PRIVATE_NOT_IP_ADDRESS_SUBSET). Move them to aws:VpcSourceIp.',
      docUrl: anchor('suggestion', 'PRIVATE_IP_ADDRESS_SUBSET'),
      example: policy(withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } })),
    },
    {
      id: 'aa-condition-vpc-format',
      severity: 'error',
      accessAnalyzer: 'INVALID_VPC_FORMAT',
      title: 'Malformed VPC ID',
      description: 'aws:SourceVpc values are VPC IDs: vpc- followed by 8 or 17 alphanumeric characters (vpc-1a2b3c4d, vpc-0123456789abcdef0).',
      docUrl: anchor('error', 'INVALID_VPC_FORMAT'),
      example: policy(withCondition({ StringEquals: { 'aws:SourceVpc': 'vpc-1234' } })),
    },
    {
      id: 'aa-condition-vpce-format',
      severity: 'error',
      accessAnalyzer: 'INVALID_VPCE_FORMAT',
      title: 'Malformed VPC endpoint ID',
      description: 'aws:SourceVpce values are VPC endpoint IDs: vpce- followed by 8 or 17 alphanumeric characters (vpce-1a2b3c4d, vpce-0123456789abcdef0).',
      docUrl: anchor('error', 'INVALID_VPCE_FORMAT'),
      example: policy(withCondition({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } })),
    },
    {
      id: 'aa-condition-region-value',
      severity: 'error',
      accessAnalyzer: 'INVALID_REGION',
      title: 'Invalid Region in a condition',
      description:
        'aws:RequestedRegion values are Region codes such as us-east-1. A value that does not have the form of a Region code never matches a request. A well-formed code this kit does not list is aa-condition-region-unknown (info).',
      docUrl: anchor('error', 'INVALID_REGION'),
      example: policy(withCondition({ StringEquals: { 'aws:RequestedRegion': 'us-east' } })),
    },
    {
      id: 'aa-condition-region-unknown',
      severity: 'info',
      accessAnalyzer: 'INVALID_REGION',
      title: 'Unknown Region code in a condition',
      description:
        'An aws:RequestedRegion value has the form of a Region code (such as us-east-1) but is not a Region this kit lists: a Region newer than its table, or a misspelt code. An info, because the kit cannot be sure; check the code in the AWS Regions list. A value without the form of a Region code is aa-condition-region-value (error).',
      docUrl: anchor('error', 'INVALID_REGION'),
      example: policy(withCondition({ StringEquals: { 'aws:RequestedRegion': 'us-north-9' } })),
    },
    {
      id: 'aa-condition-service-principal-format',
      severity: 'error',
      accessAnalyzer: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
      title: 'Malformed service principal in a condition',
      description:
        'aws:PrincipalServiceName, aws:PrincipalServiceNamesList and aws:CalledVia/First/Last take service principals in the form service-name.amazonaws.com; kms:ViaService takes service.region.amazonaws.com, all lower case.',
      docUrl: anchor('error', 'INVALID_SERVICE_PRINCIPAL_FORMAT'),
      example: policy(
        allow('kms:Decrypt', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, {
          Condition: { StringEquals: { 'kms:ViaService': 's3.amazonaws.com' } },
        }),
      ),
    },
    {
      id: 'aa-variable-missing-brace',
      severity: 'error',
      accessAnalyzer: 'MISSING_BRACE_IN_VARIABLE',
      title: 'Policy variable without its closing brace',
      description: 'A policy variable is ${name}: a ${ without its } is not a variable. Add the }.',
      docUrl: anchor('error', 'MISSING_BRACE_IN_VARIABLE'),
      example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws:username/*`)),
    },
    {
      id: 'aa-variable-missing-quote',
      severity: 'error',
      accessAnalyzer: 'MISSING_QUOTE_IN_VARIABLE',
      title: 'Policy variable default without quotes',
      description: "A policy variable's default value is written in single quotes after a comma: ${aws:PrincipalTag/team, 'company-wide'}.",
      docUrl: anchor('error', 'MISSING_QUOTE_IN_VARIABLE'),
      example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/\${aws:PrincipalTag/team, company-wide}/*`)),
    },
    {
      id: 'aa-variable-space',
      severity: 'error',
      accessAnalyzer: 'UNSUPPORTED_SPACE_IN_VARIABLE',
      title: 'Space in a policy variable name',
      description: 'The name inside ${…} cannot contain spaces (a default value after the comma can). Remove the space.',
      docUrl: anchor('error', 'UNSUPPORTED_SPACE_IN_VARIABLE'),
      example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws: username}/*`)),
    },
    {
      id: 'aa-variable-empty',
      severity: 'error',
      accessAnalyzer: 'EMPTY_VARIABLE',
      title: 'Empty policy variable',
      description: '${} names no value. Write the variable (e.g. ${aws:username}) or remove the ${}.',
      docUrl: anchor('error', 'EMPTY_VARIABLE'),
      example: policy(allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${}/*`)),
    },
    {
      id: 'aa-variable-in-element',
      severity: 'error',
      accessAnalyzer: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
      title: 'Policy variable outside Resource and Condition',
      description:
        'Policy variables are replaced only in the Resource element and in Condition values. In Action, NotAction, Principal or NotPrincipal a ${…} is not a variable.',
      docUrl: anchor('error', 'VARIABLE_UNSUPPORTED_IN_ELEMENT'),
      example: policy(allow('s3:${aws:username}', `arn:aws:s3:::${BUCKET}/*`)),
    },
    {
      id: 'aa-variable-version',
      severity: 'error',
      accessAnalyzer: 'VARIABLE_UNSUPPORTED_IN_VERSION',
      title: 'Policy variables without Version 2012-10-17',
      description:
        'Policy variables were introduced in policy language version 2012-10-17. Without "Version": "2012-10-17" (missing, or the legacy 2008-10-17) ${aws:username} and the like are literal text.',
      docUrl: anchor('error', 'VARIABLE_UNSUPPORTED_IN_VERSION'),
      example: doc({ Version: '2008-10-17', Statement: [allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/home/\${aws:username}/*`)] }),
    },
    {
      id: 'aa-variable-operator',
      severity: 'error',
      accessAnalyzer: 'INVALID_VARIABLE_FOR_OPERATOR',
      title: 'Policy variable with a Numeric, Date, IP, Binary or Null operator',
      description:
        'Condition values can use policy variables only with String and ARN operators (the condition operators page also lists Bool). A ${…} under Numeric, Date, IpAddress, BinaryEquals or Null is not replaced.',
      docUrl: anchor('error', 'INVALID_VARIABLE_FOR_OPERATOR'),
      example: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:EpochTime}' } })),
    },
    {
      id: 'aa-condition-unsupported-action',
      severity: 'info',
      accessAnalyzer: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
      title: 'Condition key that some actions do not support',
      description:
        'The IAM reference data lists which service condition keys each action supports. For an action that does not list the key, the key is not in the request, so the condition never matches for it (or always, with IfExists/Not… operators). Global aws: keys and actions with wildcards are not judged, as in Access Analyzer. Info: the reference data can lag behind the services.',
      docUrl: anchor('error', 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY'),
      example: policy(
        allow(['s3:GetObject', 's3:ListBucket'], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
          Condition: { StringLike: { 's3:prefix': 'reports/*' } },
        }),
      ),
    },
    {
      id: 'aa-condition-missing-paired-key',
      severity: 'warning',
      accessAnalyzer: 'MISSING_PAIRED_CONDITION_KEYS',
      title: 'aws:VpcSourceIp without aws:SourceVpc',
      description:
        "aws:VpcSourceIp compares the caller's private IP address, which is only meaningful together with the VPC it comes from: add aws:SourceVpc to the same condition block.",
      docUrl: anchor('security-warning', 'MISSING_PAIRED_CONDITION_KEYS'),
      example: policy(withCondition({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } })),
    },
    {
      id: 'aa-condition-untrustworthy-key',
      severity: 'info',
      accessAnalyzer: 'UNTRUSTWORTHY_CONDITION_KEY',
      title: 'Condition key the caller controls',
      description:
        'The caller sets aws:referer and aws:UserAgent, so they do not stop unauthorized requests (the global condition keys page warns against using them for access control). Info: they are fine for non-security purposes.',
      docUrl: anchor('security-warning', 'UNTRUSTWORTHY_CONDITION_KEY'),
      example: policy(withCondition({ StringLike: { 'aws:referer': 'https://www.example.com/*' } })),
    },
    {
      id: 'aa-condition-mfa-bool-false',
      severity: 'warning',
      title: 'aws:MultiFactorAuthPresent with Bool "false"',
      description:
        'aws:MultiFactorAuthPresent is absent (not false) for requests signed with long-term access keys, so Bool "false" matches only temporary credentials obtained without MFA. The global condition keys page recommends BoolIfExists (or Null) for this test. No fix: BoolIfExists would match more requests.',
      docUrl: DOC.mfa,
      example: policy(withCondition({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } })),
    },
    {
      id: 'aa-condition-dynamodb-attributes',
      severity: 'warning',
      accessAnalyzer: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
      title: 'dynamodb:Attributes without dynamodb:Select',
      description:
        'DynamoDB evaluates dynamodb:Attributes only for requests that name the attributes to return; a read without a projection returns the whole item. Add "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"} to the statement.',
      docUrl: anchor('security-warning', 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT'),
      example: policy(
        allow('dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`, {
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['OrderId', 'Status'] } },
        }),
      ),
    },
    {
      id: 'aa-condition-redundant-number',
      severity: 'info',
      accessAnalyzer: 'REDUNDANT_CONDITION_VALUE_NUM',
      title: 'Several values for a numeric comparison',
      description:
        'NumericLessThan [2700, 3600] is the same as NumericLessThan 3600: with a less-than (greater-than) operator only the greatest (least) value matters. The fix keeps that one value.',
      docUrl: anchor('suggestion', 'REDUNDANT_CONDITION_VALUE_NUM'),
      example: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } })),
    },
    {
      id: 'aa-condition-equivalent-to-null',
      severity: 'info',
      accessAnalyzer: 'EQUIVALENT_TO_NULL_FALSE',
      title: 'Wildcard-only condition that is a Null test',
      description:
        'StringLike with the value "*" only tests that the key is present ("Null": {key: "false"}); StringNotLike "*" only tests that it is absent ("Null": {key: "true"}, EQUIVALENT_TO_NULL_TRUE). Write the Null test; the fix does, when the key is alone in its block and the Condition has no Null block yet.',
      docUrl: anchor('suggestion', 'EQUIVALENT_TO_NULL_FALSE'),
      example: policy(withCondition({ StringLike: { 'aws:PrincipalTag/team': '*' } })),
    },
    {
      id: 'aa-condition-always-matches',
      severity: 'info',
      accessAnalyzer: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
      title: 'Condition that always matches',
      description:
        'StringLikeIfExists with the value "*" is true whether the key is present or not, so the key tests nothing. Remove it, or write the test you meant.',
      docUrl: anchor('suggestion', 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION'),
      example: policy(withCondition({ StringLikeIfExists: { 'aws:PrincipalTag/team': '*' } })),
    },
    {
      id: 'aa-condition-mixed-types',
      severity: 'error',
      accessAnalyzer: 'INVALID_CONDITION_DATA_TYPE',
      title: 'Condition values of different JSON types',
      description:
        'The values of one condition key mix JSON types, e.g. ["true", false] or [10, "20"]. Use one JSON type for all of them (strings are always accepted).',
      docUrl: anchor('error', 'INVALID_CONDITION_DATA_TYPE'),
      example: policy(withCondition({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } })),
    },
    {
      id: 'aa-condition-irrelevant-key',
      severity: 'info',
      accessAnalyzer: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
      title: 's3:ResourceAccount in a resource policy',
      description:
        "s3:ResourceAccount is not relevant in an Amazon S3 bucket or access point policy, whose resources all belong to the policy's own account. Use it in identity-based policies.",
      docUrl: anchor('suggestion', 'IRRELEVANT_CONDITION_KEY_IN_POLICY'),
      example: policy({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } },
      }),
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    variableVersion(ctx);
    for (const st of ctx.model.statements) {
      variablesInElements(ctx, st);
      for (const item of stringItems(st.resource)) variableSyntax(ctx, item.node);
      for (const item of stringItems(st.notResource)) variableSyntax(ctx, item.node);
      if (st.condition?.type === 'object') conditionChecks(ctx, st, st.condition);
    }
  },
} satisfies RuleFamily;

// ----------------------------------------------------------------------------------------------------------------
// Policy variables

interface VarProblem {
  rule: 'aa-variable-missing-brace' | 'aa-variable-missing-quote' | 'aa-variable-space' | 'aa-variable-empty';
  start: number;
  end: number;
  message: string;
}

/** Every `${…}` in a string with what is wrong with it (exported for the tests). */
export function variableProblems(s: string): { variables: number; problems: VarProblem[] } {
  const problems: VarProblem[] = [];
  let variables = 0;
  let i = s.indexOf('${');
  while (i >= 0) {
    const close = s.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({
        rule: 'aa-variable-missing-brace',
        start: i,
        end: s.length,
        message: `The policy variable ${quote(s.slice(i, i + 40))} has no closing brace. Add } after the variable name.`,
      });
      break;
    }
    variables++;
    const inner = s.slice(i + 2, close);
    const comma = inner.indexOf(',');
    const name = comma >= 0 ? inner.slice(0, comma) : inner;
    const text = s.slice(i, close + 1);
    if (inner.trim() === '') {
      problems.push({
        rule: 'aa-variable-empty',
        start: i,
        end: close + 1,
        message: `${quote(text)} is an empty policy variable. Name the value (e.g. \${aws:username}) or remove the \${}.`,
      });
    } else if (/\s/.test(name.trim()) || (comma < 0 && /\s/.test(name))) {
      problems.push({
        rule: 'aa-variable-space',
        start: i,
        end: close + 1,
        message: `The policy variable ${quote(text)} has a space in its name; variable names cannot contain spaces. Remove the space.`,
      });
    } else if (comma >= 0 && !/^\s*'[^']*'\s*$/.test(inner.slice(comma + 1))) {
      problems.push({
        rule: 'aa-variable-missing-quote',
        start: i,
        end: close + 1,
        message: `The default value in ${quote(text)} must be in single quotes: \${${name.trim()}, 'default'}.`,
      });
    }
    i = s.indexOf('${', close + 1);
  }
  return { variables, problems };
}

function variableSyntax(ctx: RuleContext, node: Node): number {
  if (node.type !== 'string') return 0;
  const value = node.value as string;
  if (!value.includes('${')) return 0;
  const { variables, problems } = variableProblems(value);
  const r = contentRange(node);
  if (problems.length && touchesPlaceholder(ctx, r.offset, r.length)) return variables;
  // One finding per rule and string (the findings cover the whole string; a string of many ${} reports once).
  const seen = new Set<string>();
  for (const p of problems) {
    if (seen.has(p.rule)) continue;
    seen.add(p.rule);
    ctx.report(p.rule, r.offset, r.length, p.message);
  }
  return variables;
}

/**
 * The first `${…}` (with its braces) in a string, or undefined. A hand scan, linear in the length: the RegExp
 * /\$\{[^}]*\}/ is quadratic on many `${` without a `}` (see stripVariables, issue 12).
 */
export function firstVariable(s: string): string | undefined {
  const start = s.indexOf('${');
  if (start < 0) return undefined;
  const end = s.indexOf('}', start + 2);
  return end < 0 ? undefined : s.slice(start, end + 1);
}

function variablesInElements(ctx: RuleContext, st: StatementModel): void {
  const elements: Array<[string, Node | undefined]> = [
    ['Action', st.action],
    ['NotAction', st.notAction],
  ];
  for (const [name, pv] of [
    ['Principal', st.principal],
    ['NotPrincipal', st.notPrincipal],
  ] as Array<[string, Node | undefined]>) {
    if (pv?.type === 'object') for (const [, p] of properties(pv)) elements.push([name, valueOf(p)]);
    else elements.push([name, pv]);
  }
  for (const [name, node] of elements) {
    for (const item of stringItems(node)) {
      const m = firstVariable(item.value);
      if (!m) continue;
      const r = contentRange(item.node);
      ctx.report(
        'aa-variable-in-element',
        r.offset,
        r.length,
        `Policy variables are replaced only in Resource and in Condition values; in ${name}, ${quote(m)} is literal text. Write the value itself.`,
      );
    }
  }
}

function variableVersion(ctx: RuleContext): void {
  const v = ctx.model.version;
  if (v?.type === 'string' && v.value === '2012-10-17') return;
  if (v && !(v.type === 'string' && v.value === '2008-10-17')) return; // an invalid Version: grammar-version
  // The first well-formed variable in Resource or Condition values.
  for (const st of ctx.model.statements) {
    const nodes: Node[] = [...stringItems(st.resource), ...stringItems(st.notResource)].map((i) => i.node);
    if (st.condition?.type === 'object') {
      for (const [, opProp] of properties(st.condition)) {
        const block = valueOf(opProp);
        if (block?.type === 'object') for (const [, kp] of properties(block)) nodes.push(...stringItems(valueOf(kp)).map((i) => i.node));
      }
    }
    for (const n of nodes) {
      const m = firstVariable(n.value as string);
      if (!m || m === '${}') continue;
      const r = contentRange(n);
      ctx.report(
        'aa-variable-version',
        r.offset,
        r.length,
        `${quote(m)} is a policy variable, but ${v ? 'Version "2008-10-17"' : 'a policy without Version'} treats it as literal text. Set "Version": "2012-10-17".`,
      );
      return;
    }
  }
}

// ----------------------------------------------------------------------------------------------------------------
// Conditions

function conditionChecks(ctx: RuleContext, st: StatementModel, cond: Node): void {
  const allow = st.effect?.type === 'string' && st.effect.value === 'Allow';
  const keysInCondition = new Set<string>();
  for (const [, opProp] of properties(cond)) {
    const block = valueOf(opProp);
    if (block?.type === 'object') for (const [k] of properties(block)) keysInCondition.add(k.toLowerCase());
  }
  for (const [opText, opProp] of properties(cond)) {
    const block = valueOf(opProp);
    if (block?.type !== 'object') continue;
    const op = parseOperator(opText);
    const opKey = keyOf(opProp);
    duplicateCase(ctx, block);
    const keys = properties(block);
    for (const [key, keyProp] of keys) {
      const keyNode = keyOf(keyProp);
      const value = valueOf(keyProp);
      const kr = contentRange(keyNode);
      if (hasPlaceholderSyntax(key) || touchesPlaceholder(ctx, kr.offset, kr.length)) continue;
      keyFormat(ctx, key, keyNode);
      const lk = key.toLowerCase();
      const vals = items(value);
      for (const it of vals) variableSyntax(ctx, it.node);
      mixedTypes(ctx, key, value, vals);
      if (!op.family) continue;
      const judged = vals.filter((it) => it.json !== 'other' && !touchesPlaceholder(ctx, it.node.offset, it.node.length) && !hasPlaceholderSyntax(it.text));
      const plain = judged.filter((it) => !it.text.includes('${'));
      variableOperator(ctx, op, judged);
      valueFormats(ctx, op, key, value, plain);
      keyValueFormats(ctx, op, lk, key, plain);
      suggestions(ctx, cond, opKey, op, key, keyNode, value, plain, keys.length);
      if (
        allow &&
        lk === 'aws:multifactorauthpresent' &&
        op.base === 'Bool' &&
        !op.ifExists &&
        !op.prefix &&
        plain.some((it) => it.text.toLowerCase() === 'false')
      ) {
        ctx.report(
          'aa-condition-mfa-bool-false',
          kr.offset,
          kr.length,
          `aws:MultiFactorAuthPresent is absent, not "false", for requests signed with long-term access keys, so this Allow matches only temporary credentials obtained without MFA. To match every request without MFA, use "BoolIfExists" (or "Null": {"aws:MultiFactorAuthPresent": "true"} for long-term keys only).`,
        );
      }
      const untrusted = UNTRUSTWORTHY_KEYS.get(lk);
      if (untrusted && allow)
        ctx.report(
          'aa-condition-untrustworthy-key',
          kr.offset,
          kr.length,
          `The caller controls ${untrusted}, so it can be set to any value: do not rely on it to stop unauthorized requests. Use a key AWS sets, such as aws:SourceVpce, aws:SourceIp or aws:PrincipalOrgID.`,
        );
      if (lk === 'aws:vpcsourceip' && !keysInCondition.has('aws:sourcevpc')) {
        ctx.report(
          'aa-condition-missing-paired-key',
          kr.offset,
          kr.length,
          `aws:VpcSourceIp is a private address, which means little without the VPC it comes from: add "aws:SourceVpc" to this Condition.`,
        );
      }
      if (lk === 'dynamodb:attributes' && !selectsSpecificAttributes(cond)) {
        ctx.report(
          'aa-condition-dynamodb-attributes',
          kr.offset,
          kr.length,
          `dynamodb:Attributes is evaluated only for requests that name the attributes to return; a read without a projection expression returns the whole item. Add "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"} to this Condition.`,
        );
      }
      if (lk === 's3:resourceaccount' && ctx.model.resourcePolicy) {
        ctx.report(
          'aa-condition-irrelevant-key',
          kr.offset,
          kr.length,
          `s3:ResourceAccount is not relevant in a bucket or access point policy: the resource always belongs to the policy's account. Use it in an identity-based policy.`,
        );
      }
    }
    unsupportedActions(ctx, st, op, block);
  }
}

function selectsSpecificAttributes(cond: Node): boolean {
  for (const [opText, opProp] of properties(cond)) {
    const op = parseOperator(opText);
    if (op.family !== 'string' || op.base.includes('Not')) continue;
    const block = valueOf(opProp);
    for (const [k, kp] of properties(block)) {
      if (k.toLowerCase() === 'dynamodb:select' && stringItems(valueOf(kp)).some((i) => i.value === 'SPECIFIC_ATTRIBUTES')) return true;
    }
  }
  return false;
}

function duplicateCase(ctx: RuleContext, block: Node): void {
  const seen = new Map<string, string>();
  for (const [k, p] of properties(block)) {
    const lk = k.toLowerCase();
    const first = seen.get(lk);
    if (first === undefined) {
      seen.set(lk, k);
      continue;
    }
    if (first === k) continue; // the same spelling twice: grammar-duplicate-key
    const r = contentRange(keyOf(p));
    ctx.report(
      'aa-condition-duplicate-key-case',
      r.offset,
      r.length,
      `${quote(k)} is the same condition key as ${quote(first)} (key names are not case-sensitive), given twice in this block. Merge the values under one spelling.`,
    );
  }
}

function keyFormat(ctx: RuleContext, key: string, keyNode: Node): void {
  const colon = key.indexOf(':');
  if (colon > 0 && colon < key.length - 1) return;
  const r = contentRange(keyNode);
  ctx.report(
    'aa-condition-key-format',
    r.offset,
    r.length,
    `${quote(key)} is not a condition key: keys have the form service:keyname, e.g. aws:SourceArn or s3:prefix. A key without its prefix is never in the request.`,
  );
}

function variableOperator(ctx: RuleContext, op: Op, vals: Item[]): void {
  if (op.family === 'string' || op.family === 'arn' || op.family === 'bool') return;
  for (const it of vals) {
    const m = firstVariable(it.text);
    if (!m) continue;
    const r = contentRange(it.node);
    ctx.report(
      'aa-variable-operator',
      r.offset,
      r.length,
      `${quote(m)} is not replaced under ${elide(op.text)}: policy variables work only with String and ARN operators. Compare the value itself, or use a String operator.`,
    );
  }
}

function valueFormats(ctx: RuleContext, op: Op, key: string, value: Node | undefined, vals: Item[]): void {
  const at = (it: Item) => (it.node.type === 'string' ? contentRange(it.node) : { offset: it.node.offset, length: it.node.length });
  if (op.family === 'bool' || op.family === 'null') {
    for (const it of vals) {
      if (isBooleanText(it.text)) continue;
      const r = at(it);
      ctx.report(
        'aa-condition-boolean-value',
        r.offset,
        r.length,
        op.family === 'null'
          ? `Null takes "true" (the key is absent) or "false" (the key is present), not ${quote(it.text)}.`
          : `${elide(op.text)} takes "true" or "false": ${quote(it.text)} is not a Boolean value, so ${elide(key)} never equals it. Use "true" or "false".`,
      );
    }
    if (op.family === 'bool' && !op.prefix && value?.type === 'array' && vals.length > 1) {
      ctx.report(
        'aa-condition-multiple-boolean',
        value.offset,
        value.length,
        `${elide(key)} takes one Boolean value, but ${elide(op.text)} lists ${vals.length}. Use a single "true" or "false".`,
      );
    }
  } else if (op.family === 'numeric') {
    for (const it of vals) {
      if (isNumberText(it.text.trim())) continue;
      const r = at(it);
      ctx.report(
        'aa-condition-number-value',
        r.offset,
        r.length,
        `${elide(op.text)} compares numbers: ${quote(it.text)} is not a number. Write an integer or a decimal such as 3600.`,
      );
    }
  } else if (op.family === 'date') {
    for (const it of vals) {
      const r = at(it);
      if (isIsoDate(it.text)) continue;
      if (isEpochText(it.text)) {
        const iso = new Date(Number(it.text) * 1000);
        const shown = Number.isFinite(iso.getTime()) ? ` (${iso.toISOString().replace('.000Z', 'Z')})` : '';
        ctx.report(
          'aa-condition-date-epoch',
          r.offset,
          r.length,
          `${quote(it.text)} is a date in epoch seconds${shown}. It works, but Access Analyzer recommends the W3C form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, which reads unambiguously.`,
        );
      } else {
        ctx.report(
          'aa-condition-date-value',
          r.offset,
          r.length,
          `${elide(op.text)} compares dates: ${quote(it.text)} is not an ISO 8601 date (2026-07-16 or 2026-07-16T19:20:30Z) nor epoch seconds.`,
        );
      }
    }
  } else if (op.family === 'ip') {
    const cidrs: Array<{ it: Item; c: Cidr }> = [];
    for (const it of vals) {
      const r = at(it);
      const c = it.json === 'string' ? parseCidr(it.text.trim()) : undefined;
      if (!c) {
        ctx.report(
          'aa-condition-ip-value',
          r.offset,
          r.length,
          `${elide(op.text)} takes an IP address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32: ${quote(it.text)} is neither.`,
        );
        continue;
      }
      cidrs.push({ it, c });
      if (hasHostBits(c)) {
        const net = networkOf(c);
        ctx.report(
          'aa-condition-ip-host-bits',
          r.offset,
          r.length,
          `The bits after /${c.prefix} in ${quote(it.text)} are ignored: it means ${net}. Write ${net}.`,
          {
            fixes: it.node.type === 'string' ? [{ title: `Change to ${net}`, edits: [replaceStringContent(it.node, net)], preferred: true }] : [],
          },
        );
      }
    }
    if (key.toLowerCase() === 'aws:sourceip' && cidrs.length && cidrs.length === vals.length) {
      const priv = cidrs.filter((x) => isPrivateCidr(x.c));
      const not = op.base === 'NotIpAddress';
      if (priv.length === cidrs.length && value) {
        ctx.report(
          not ? 'aa-source-ip-private-not' : 'aa-source-ip-private',
          value.offset,
          value.length,
          not
            ? `aws:SourceIp holds only public addresses, so NotIpAddress on these private ranges always matches and has no effect. Use aws:VpcSourceIp for private addresses.`
            : `aws:SourceIp holds only public addresses (requests through a VPC endpoint carry aws:VpcSourceIp), so this condition on private ranges never matches. Use aws:VpcSourceIp for private addresses.`,
        );
      } else {
        for (const { it } of priv) {
          const r = at(it);
          ctx.report(
            'aa-source-ip-private-subset',
            r.offset,
            r.length,
            `${quote(it.text)} is a private range, which aws:SourceIp never holds, so it has no effect here (${not ? 'PRIVATE_NOT_IP_ADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET'}). Put private ranges under aws:VpcSourceIp.`,
          );
        }
      }
    }
  }
}

function keyValueFormats(ctx: RuleContext, op: Op, lk: string, key: string, vals: Item[]): void {
  if (op.family !== 'string') return;
  const judge = vals.filter((it) => it.json === 'string' && !/[*?]/.test(it.text));
  for (const it of judge) {
    const r = contentRange(it.node);
    const v = it.text;
    if (lk === 'aws:sourcevpc' && !isVpcId(v, 'vpc')) {
      ctx.report(
        'aa-condition-vpc-format',
        r.offset,
        r.length,
        `${quote(v)} is not a VPC ID: aws:SourceVpc takes vpc- followed by 8 or 17 letters and digits, e.g. vpc-0123456789abcdef0.`,
      );
    } else if (lk === 'aws:sourcevpce' && !isVpcId(v, 'vpce')) {
      ctx.report(
        'aa-condition-vpce-format',
        r.offset,
        r.length,
        `${quote(v)} is not a VPC endpoint ID: aws:SourceVpce takes vpce- followed by 8 or 17 letters and digits, e.g. vpce-0123456789abcdef0.`,
      );
    } else if (lk === 'aws:requestedregion' && !isRegion(v)) {
      if (REGION_SHAPE.test(v)) {
        ctx.report(
          'aa-condition-region-unknown',
          r.offset,
          r.length,
          `${quote(v)} has the form of a Region code but is not a Region this kit knows. Check the code in the AWS Regions list.`,
        );
      } else {
        ctx.report(
          'aa-condition-region-value',
          r.offset,
          r.length,
          `${quote(v)} is not a Region code: aws:RequestedRegion takes codes such as us-east-1 or eu-west-2.`,
        );
      }
    } else if (lk === 'kms:viaservice' && !VIA_SERVICE.test(v)) {
      ctx.report(
        'aa-condition-service-principal-format',
        r.offset,
        r.length,
        `${quote(v)} is not a kms:ViaService value: it takes service.region.amazonaws.com in lower case, e.g. s3.us-east-1.amazonaws.com.`,
      );
    } else if (SERVICE_PRINCIPAL_KEYS.has(lk) && !SERVICE_PRINCIPAL.test(v)) {
      ctx.report(
        'aa-condition-service-principal-format',
        r.offset,
        r.length,
        `${quote(v)} is not a service principal: ${elide(key)} takes service-name.amazonaws.com in lower case, e.g. cloudformation.amazonaws.com.`,
      );
    }
  }
}

const LESS = new Set(['NumericLessThan', 'NumericLessThanEquals']);
const GREATER = new Set(['NumericGreaterThan', 'NumericGreaterThanEquals']);

function suggestions(
  ctx: RuleContext,
  cond: Node,
  opKey: Node,
  op: Op,
  key: string,
  keyNode: Node,
  value: Node | undefined,
  vals: Item[],
  keysInBlock: number,
): void {
  const kr = contentRange(keyNode);
  // REDUNDANT_CONDITION_VALUE_NUM.
  if (
    op.family === 'numeric' &&
    !op.prefix &&
    (LESS.has(op.base) || GREATER.has(op.base)) &&
    value?.type === 'array' &&
    vals.length > 1 &&
    vals.length === (value.children?.length ?? 0) &&
    vals.every((it) => isNumberText(it.text.trim()))
  ) {
    const nums = vals.map((it) => Number(it.text));
    const less = LESS.has(op.base);
    const keep = vals[nums.indexOf(less ? Math.max(...nums) : Math.min(...nums))];
    const text = ctx.text.slice(keep.node.offset, keep.node.offset + keep.node.length);
    ctx.report(
      'aa-condition-redundant-number',
      value.offset,
      value.length,
      `With ${elide(op.text)} only the ${less ? 'greatest' : 'least'} value matters: this list means the same as ${text} alone. Keep ${text}.`,
      {
        fixes: [{ title: `Keep only ${elide(text)}`, edits: [{ offset: value.offset, length: value.length, newText: text }], preferred: true }],
      },
    );
  }
  // EQUIVALENT_TO_NULL_* / REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION: a bare "*" under a Like operator.
  // Only the String Like operators: how the ARN operators, which compare six colon-separated fields, treat a value of
  // one field ("*") is not documented.
  const like = op.base === 'StringLike';
  const notLike = op.base === 'StringNotLike';
  if ((like || notLike) && !op.prefix && vals.some((it) => it.text === '*')) {
    if (like && op.ifExists) {
      ctx.report(
        'aa-condition-always-matches',
        kr.offset,
        kr.length,
        `${elide(op.text)} with "*" is true whether ${elide(key)} is present or not, so this key tests nothing. Remove it, or write the test you meant.`,
      );
    } else if (!op.ifExists) {
      const nullValue = like ? 'false' : 'true';
      const nullBlock = getProperty(cond, 'Null');
      // Certain fix: the only key of the block, a single "*" value, and no Null block yet (no duplicate key).
      const fixes: Fix[] =
        keysInBlock === 1 && !nullBlock && vals.length === 1 && !isDuplicatedKey(cond, op.text)
          ? [
              {
                title: `Change to "Null": {${elide(key)}: "${nullValue}"}`,
                edits: [replaceStringContent(opKey, 'Null'), { ...contentRange(vals[0].node), newText: nullValue }],
                preferred: true,
              },
            ]
          : [];
      ctx.report(
        'aa-condition-equivalent-to-null',
        kr.offset,
        kr.length,
        `${elide(op.text)} with "*" only tests that ${elide(key)} is ${like ? 'present' : 'absent'}: write "Null": {${quote(key)}: "${nullValue}"} (${like ? 'EQUIVALENT_TO_NULL_FALSE' : 'EQUIVALENT_TO_NULL_TRUE'}).`,
        { fixes },
      );
    }
  }
}

/** UNSUPPORTED_ACTION_FOR_CONDITION_KEY: service keys an action of the statement does not list (reference data). */
/** The condition keys (lower case) of each decoded action of the index (stable objects of its lazy tables). */
const ACTION_KEYS = new WeakMap<object, Set<string>>();

function unsupportedActions(ctx: RuleContext, st: StatementModel, op: Op, block: Node): void {
  const iam = ctx.options.iam;
  if (!iam || !st.action || !op.family || op.family === 'null') return;
  const actions = stringItems(st.action)
    .map((i) => i.value)
    .filter((a) => !/[*?]/.test(a) && !a.includes('${') && !hasPlaceholderSyntax(a));
  if (!actions.length) return;
  for (const [key, keyProp] of properties(block)) {
    const colon = key.indexOf(':');
    if (colon <= 0 || /^aws$/i.test(key.slice(0, colon))) continue;
    const entry = findConditionKey(iam, key);
    if (!entry || entry.service < 0) continue; // unknown (iam-unknown-condition-key) or a global/cross-service key
    const canonical = entry.key.toLowerCase();
    const missing: string[] = [];
    for (const a of actions) {
      const found = findAction(iam, a);
      if (!found) continue; // unknown action: iam-unknown-action
      const decoded = found.svc.actions[found.position];
      let keys = ACTION_KEYS.get(decoded);
      if (!keys) {
        keys = new Set(decoded.ck.map((k) => found.svc.conditionKeys[k].key.toLowerCase()));
        ACTION_KEYS.set(decoded, keys);
      }
      if (!keys.has(canonical)) missing.push(`${found.svc.prefix}:${decoded.name}`);
    }
    if (!missing.length) continue;
    const r = contentRange(keyOf(keyProp));
    if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
    const shown = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    ctx.report(
      'aa-condition-unsupported-action',
      r.offset,
      r.length,
      `The IAM reference data lists no ${elide(key)} for ${shown}: for ${missing.length === 1 ? 'that action' : 'those actions'} the key is not in the request, so this condition is not evaluated as intended. Move ${missing.length === 1 ? 'it' : 'them'} to a statement without this key.`,
    );
  }
}

function mixedTypes(ctx: RuleContext, key: string, value: Node | undefined, vals: Item[]): void {
  if (value?.type !== 'array') return;
  const types = new Set(vals.filter((it) => it.json !== 'other').map((it) => it.json));
  if (types.size < 2) return;
  ctx.report(
    'aa-condition-mixed-types',
    value.offset,
    value.length,
    `The values of ${elide(key)} mix JSON types (${[...types].join(' and ')}). Use one type for all of them, e.g. write every value as a string.`,
  );
}
