import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import {
  accessAnalyzerConditionRules,
  firstVariable,
  hasHostBits,
  isIsoDate,
  isNumberText,
  isPrivateCidr,
  isVpcId,
  networkOf,
  parseCidr,
  variableProblems,
} from '../../src/analysis/rules/access-analyzer-conditions';
import type { AnalyzeOptions, Finding, RuleMeta } from '../../src/analysis/types';
import { loadTestIamIndex } from './helpers/iam';
import { fixes, j, none, one, under } from './helpers/rules';

const iam = loadTestIamIndex();
const O: AnalyzeOptions = { iam };
const BUCKET = 'acme-sales-data';
const ACCOUNT = '246813579024';
type Doc = Record<string, unknown>;
const perms = (...statements: Doc[]) => j({ Version: '2012-10-17', Statement: statements });
/** An Allow s3:GetObject statement with this Condition. */
const withCond = (condition: Doc, extra: Doc = {}): string =>
  perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: condition, ...extra });
/** The text of the array value of `key` (as j() prints it). */
const arrayOf = (text: string, key: string): string => {
  const start = text.indexOf('[', text.indexOf(`"${key}"`));
  return text.slice(start, text.indexOf(']', start) + 1);
};
const findings = (text: string, rule: string, o: AnalyzeOptions = O): Finding[] => analyze(text, o).findings.filter((f) => f.rule === rule);

interface Row {
  name: string;
  text: string;
  rule: string;
  /** Expected severity and range when the rule fires; omitted: it must not fire. */
  severity?: string;
  at?: string;
  options?: AnalyzeOptions;
}

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const r of rows) {
      it(`${r.at !== undefined ? 'flags' : 'passes'}: ${r.name}`, () => {
        if (r.at !== undefined) one(r.text, r.rule, r.severity!, r.at, r.options ?? O);
        else none(r.text, r.rule, r.options ?? O);
      });
    }
  });
}

describe('rules: access-analyzer-conditions (metas)', () => {
  it('every rule but the MFA one records its Access Analyzer issue code', () => {
    for (const r of accessAnalyzerConditionRules.rules as readonly RuleMeta[]) {
      if (r.id === 'aa-condition-mfa-bool-false') assert.equal(r.accessAnalyzer, undefined);
      else assert.match(r.accessAnalyzer ?? '', /^[A-Z_]+$/, r.id);
    }
  });
  it('the existing condition rules carry their codes', async () => {
    const { RULES_BY_ID } = await import('../../src/analysis/rules');
    const rows: Array<[string, string]> = [
      ['iam-operator-type-mismatch', 'TYPE_MISMATCH'],
      ['iam-missing-set-qualifier', 'MISSING_QUALIFIER'],
      ['iam-forallvalues-single-valued', 'FORALLVALUES_WITH_SINGLE_VALUED_KEY'],
      ['condition-wildcard-in-equals', 'WILDCARD_WITHOUT_LIKE_OPERATOR'],
      ['condition-string-operator-on-arn-key', 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'],
      ['grammar-null-qualifier', 'NULL_WITH_QUALIFIER'],
      ['iam-unknown-condition-key', 'INVALID_SERVICE_CONDITION_KEY'],
    ];
    for (const [id, code] of rows) assert.equal(RULES_BY_ID.get(id)?.accessAnalyzer, code, id);
  });
});

describe('rules: access-analyzer-conditions (value parsers)', () => {
  it('numbers, dates', () => {
    for (const [v, want] of [
      ['3600', true],
      ['-1', true],
      ['1.2', true],
      ['.5', true],
      ['1,000', false],
      ['ten', false],
      ['', false],
      ['1e3', false],
    ] as const)
      assert.equal(isNumberText(v), want, v);
    const dates: Array<[string, boolean]> = [
      ['2026-07-16', true],
      ['2026-07', true],
      ['2026', true],
      ['2026-07-16T19:20:30Z', true],
      ['2026-07-16T19:20:30.5+01:00', true],
      ['2026-07-16T19:20Z', true],
      ['2026-02-29', false],
      ['2024-02-29', true],
      ['2026-13-01', false],
      ['2026-07-32', false],
      ['16/07/2026', false],
      ['2026-07-16 19:20', false],
      ['2026-07-16T25:00Z', false],
    ];
    for (const [v, want] of dates) assert.equal(isIsoDate(v), want, v);
  });
  it('CIDR: parse, host bits, network address, private ranges', () => {
    const rows: Array<[string, boolean | undefined, string?, boolean?]> = [
      // value, has host bits (undefined = invalid), network, private
      ['203.0.113.0/24', false, '203.0.113.0/24', false],
      ['203.0.113.5/24', true, '203.0.113.0/24', false],
      ['203.0.113.5', false, '203.0.113.5/32', false],
      ['10.1.2.3/8', true, '10.0.0.0/8', true],
      ['10.0.0.0/7', false, '10.0.0.0/7', false],
      ['172.16.0.0/12', false, '172.16.0.0/12', true],
      ['172.32.0.0/12', false, '172.32.0.0/12', false],
      ['172.31.255.255', false, '172.31.255.255/32', true],
      ['192.168.0.0/16', false, '192.168.0.0/16', true],
      ['192.169.0.0/16', false, '192.169.0.0/16', false],
      ['2001:db8::/32', false, '2001:db8::/32', false],
      ['2001:db8::1/32', true, '2001:db8::/32', false],
      ['fd00::/8', false, 'fd00::/8', true],
      ['fc00::/6', false, 'fc00::/6', false],
      ['203.0.113.256/24', undefined],
      ['203.0.113.0/33', undefined],
      ['2001:db8::/129', undefined],
      ['1:2:3:4:5:6:7:8:9', undefined],
      ['not-an-ip', undefined],
      ['', undefined],
    ];
    for (const [v, host, net, priv] of rows) {
      const c = parseCidr(v);
      if (host === undefined) {
        assert.equal(c, undefined, v);
        continue;
      }
      assert.ok(c, v);
      assert.equal(hasHostBits(c), host, `${v} host bits`);
      assert.equal(networkOf(c), net, `${v} network`);
      assert.equal(isPrivateCidr(c), priv, `${v} private`);
    }
  });
  it('VPC and VPC endpoint IDs: 8 or 17 alphanumerics', () => {
    for (const [v, want] of [
      ['vpc-1a2b3c4d', true],
      ['vpc-0123456789abcdef0', true],
      ['vpc-1a2b3c4', false],
      ['vpc-1a2b3c4d5', false],
      ['vpc-0123456789abcdef', false],
      ['vpce-1a2b3c4d', false],
      ['vpc-1a2b_c4d', false],
    ] as const)
      assert.equal(isVpcId(v, 'vpc'), want, v);
    assert.equal(isVpcId('vpce-1a2b3c4d', 'vpce'), true);
    assert.equal(isVpcId('vpc-1a2b3c4d', 'vpce'), false);
  });
  it('policy variables: every AA variable grammar error, and the valid forms', () => {
    const rows: Array<[string, string[]]> = [
      ['${aws:username}', []],
      ['home/${aws:username}/*', []],
      ["${aws:PrincipalTag/team, 'company-wide'}", []],
      ["${aws:PrincipalTag/team,'x'}", []],
      ['${*}${?}${$}', []],
      ['no variable', []],
      ['${aws:username', ['aa-variable-missing-brace']],
      ['a/${aws:username}/${x', ['aa-variable-missing-brace']],
      ['${}', ['aa-variable-empty']],
      ['${ }', ['aa-variable-empty']],
      ['${aws: username}', ['aa-variable-space']],
      ['${aws:user name}', ['aa-variable-space']],
      ["${aws:user name, 'x y'}", ['aa-variable-space']],
      ['${aws:PrincipalTag/team, company-wide}', ['aa-variable-missing-quote']],
      ["${aws:PrincipalTag/team, 'company-wide}", ['aa-variable-missing-quote']],
      ['${aws:PrincipalTag/team,}', ['aa-variable-missing-quote']],
    ];
    for (const [v, want] of rows)
      assert.deepEqual(
        variableProblems(v).problems.map((p) => p.rule),
        want,
        v,
      );
    assert.equal(variableProblems('${a}${b}').variables, 2);
  });
});

table('aa-condition-key-format (INVALID_CONDITION_KEY_FORMAT)', [
  {
    name: 'key without prefix',
    rule: 'aa-condition-key-format',
    text: withCond({ StringEquals: { SourceAccount: ACCOUNT } }),
    severity: 'error',
    at: 'SourceAccount',
  },
  { name: 'key with an empty name', rule: 'aa-condition-key-format', text: withCond({ StringEquals: { 'aws:': ACCOUNT } }), severity: 'error', at: 'aws:' },
  {
    name: 'key with an empty prefix',
    rule: 'aa-condition-key-format',
    text: withCond({ StringEquals: { ':SourceAccount': ACCOUNT } }),
    severity: 'error',
    at: ':SourceAccount',
  },
  { name: 'aws:SourceAccount', rule: 'aa-condition-key-format', text: withCond({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }) },
  {
    name: 'an OIDC provider key',
    rule: 'aa-condition-key-format',
    text: withCond({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
  },
  { name: 'a placeholder key', rule: 'aa-condition-key-format', text: withCond({ StringEquals: { '<condition-key>': ACCOUNT } }) },
]);

table('aa-condition-duplicate-key-case (DUPLICATE_KEYS_WITH_DIFFERENT_CASE)', [
  {
    name: 'same key, other case, one block',
    rule: 'aa-condition-duplicate-key-case',
    text: withCond({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:principalaccount': '135792468013' } }),
    severity: 'error',
    at: 'aws:principalaccount',
  },
  {
    name: 'same key in two blocks',
    rule: 'aa-condition-duplicate-key-case',
    text: withCond({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT }, StringNotEquals: { 'aws:principalaccount': '135792468013' } }),
  },
  {
    name: 'two different keys',
    rule: 'aa-condition-duplicate-key-case',
    text: withCond({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } }),
  },
]);

table('aa-condition-boolean-value (TYPE_MISMATCH_BOOLEAN) and aa-condition-multiple-boolean', [
  { name: 'Bool "yes"', rule: 'aa-condition-boolean-value', text: withCond({ Bool: { 'aws:SecureTransport': 'yes' } }), severity: 'warning', at: 'yes' },
  { name: 'Null "absent"', rule: 'aa-condition-boolean-value', text: withCond({ Null: { 'aws:SourceVpc': 'absent' } }), severity: 'warning', at: 'absent' },
  { name: 'Bool with a number', rule: 'aa-condition-boolean-value', text: withCond({ Bool: { 'aws:SecureTransport': 1 } }), severity: 'warning', at: '1' },
  { name: 'Bool "true"', rule: 'aa-condition-boolean-value', text: withCond({ Bool: { 'aws:SecureTransport': 'true' } }) },
  { name: 'Bool "False" (case-insensitive)', rule: 'aa-condition-boolean-value', text: withCond({ Bool: { 'aws:SecureTransport': 'False' } }) },
  { name: 'Bool JSON true', rule: 'aa-condition-boolean-value', text: withCond({ Bool: { 'aws:SecureTransport': true } }) },
  { name: 'Null "false"', rule: 'aa-condition-boolean-value', text: withCond({ Null: { 'aws:SourceVpc': 'false' } }) },
  {
    name: 'Bool with a policy variable (the operators page allows it)',
    rule: 'aa-condition-boolean-value',
    text: withCond({ Bool: { 'aws:SecureTransport': '${aws:ViaAWSService}' } }),
  },
  {
    name: 'Bool with two values',
    rule: 'aa-condition-multiple-boolean',
    text: withCond({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }),
    severity: 'error',
    at: arrayOf(withCond({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }), 'aws:SecureTransport'),
  },
  { name: 'Bool with a one-value list', rule: 'aa-condition-multiple-boolean', text: withCond({ Bool: { 'aws:SecureTransport': ['true'] } }) },
  {
    name: 'ForAnyValue:Bool with two values (ArrayOfBool)',
    rule: 'aa-condition-multiple-boolean',
    text: withCond({ 'ForAnyValue:Bool': { 'aws:SecureTransport': ['true', 'false'] } }),
  },
]);

table('aa-condition-number-value (TYPE_MISMATCH_NUMBER) and aa-condition-redundant-number', [
  {
    name: 'NumericLessThan "one hour"',
    rule: 'aa-condition-number-value',
    text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'one hour' } }),
    severity: 'warning',
    at: 'one hour',
  },
  {
    name: 'NumericLessThan "1,000"',
    rule: 'aa-condition-number-value',
    text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '1,000' } }),
    severity: 'warning',
    at: '1,000',
  },
  { name: 'NumericLessThan "3600"', rule: 'aa-condition-number-value', text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }) },
  { name: 'NumericLessThan 3600 (JSON number)', rule: 'aa-condition-number-value', text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } }) },
  {
    name: 'LessThan with two values',
    rule: 'aa-condition-redundant-number',
    text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }),
    severity: 'info',
    at: arrayOf(withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), 'aws:MultiFactorAuthAge'),
  },
  {
    name: 'NumericEquals with two values (a set, not redundant)',
    rule: 'aa-condition-redundant-number',
    text: withCond({ NumericEquals: { 's3:max-keys': ['10', '20'] } }),
  },
  { name: 'LessThan with one value', rule: 'aa-condition-redundant-number', text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } }) },
]);

table('aa-condition-date-value (TYPE_MISMATCH_DATE) and aa-condition-date-epoch (INVALID_DATE_VALUE)', [
  {
    name: 'DateLessThan "16/07/2026"',
    rule: 'aa-condition-date-value',
    text: withCond({ DateLessThan: { 'aws:CurrentTime': '16/07/2026' } }),
    severity: 'warning',
    at: '16/07/2026',
  },
  {
    name: 'DateLessThan "2026-02-30"',
    rule: 'aa-condition-date-value',
    text: withCond({ DateLessThan: { 'aws:CurrentTime': '2026-02-30' } }),
    severity: 'warning',
    at: '2026-02-30',
  },
  { name: 'DateLessThan ISO date-time', rule: 'aa-condition-date-value', text: withCond({ DateLessThan: { 'aws:CurrentTime': '2026-07-16T12:00:00Z' } }) },
  {
    name: 'epoch seconds',
    rule: 'aa-condition-date-epoch',
    text: withCond({ DateLessThan: { 'aws:CurrentTime': '1784160000' } }),
    severity: 'info',
    at: '1784160000',
  },
  {
    name: 'epoch seconds are not a TYPE_MISMATCH_DATE',
    rule: 'aa-condition-date-value',
    text: withCond({ DateLessThan: { 'aws:CurrentTime': '1784160000' } }),
  },
  { name: 'ISO date is not epoch', rule: 'aa-condition-date-epoch', text: withCond({ DateLessThan: { 'aws:CurrentTime': '2026-07-16' } }) },
]);

table('aa-condition-ip-value (TYPE_MISMATCH_IP_RANGE), aa-condition-ip-host-bits (IMPROVE_IP_RANGE)', [
  {
    name: 'octet over 255',
    rule: 'aa-condition-ip-value',
    text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.300/24' } }),
    severity: 'error',
    at: '203.0.113.300/24',
  },
  {
    name: 'a host name',
    rule: 'aa-condition-ip-value',
    text: withCond({ NotIpAddress: { 'aws:SourceIp': 'example.com' } }),
    severity: 'error',
    at: 'example.com',
  },
  { name: 'IPv6 CIDR', rule: 'aa-condition-ip-value', text: withCond({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }) },
  { name: 'an address without prefix', rule: 'aa-condition-ip-value', text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }) },
  {
    name: 'host bits set',
    rule: 'aa-condition-ip-host-bits',
    text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } }),
    severity: 'info',
    at: '203.0.113.5/24',
  },
  { name: 'network address', rule: 'aa-condition-ip-host-bits', text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }) },
  { name: 'a /32 address', rule: 'aa-condition-ip-host-bits', text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.5/32' } }) },
]);

table('aws:SourceIp with private ranges (PRIVATE_IP_ADDRESS, PRIVATE_NOT_IP_ADDRESS, …_SUBSET)', [
  {
    name: 'IpAddress, only private',
    rule: 'aa-source-ip-private',
    text: withCond({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
    severity: 'error',
    at: '"10.0.0.0/8"',
  },
  { name: 'IpAddress, a public range', rule: 'aa-source-ip-private', text: withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }) },
  { name: 'IpAddress, 172.32/16 is public', rule: 'aa-source-ip-private', text: withCond({ IpAddress: { 'aws:SourceIp': '172.32.0.0/16' } }) },
  {
    name: 'IpAddress on aws:VpcSourceIp, private',
    rule: 'aa-source-ip-private',
    text: withCond({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8', 'aws:SourceVpc': 'vpc-1a2b3c4d' } }),
  },
  {
    name: 'NotIpAddress, only private',
    rule: 'aa-source-ip-private-not',
    text: withCond({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }),
    severity: 'error',
    at: arrayOf(withCond({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }), 'aws:SourceIp'),
  },
  { name: 'NotIpAddress, public', rule: 'aa-source-ip-private-not', text: withCond({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }) },
  {
    name: 'a mix',
    rule: 'aa-source-ip-private-subset',
    text: withCond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.0/8'] } }),
    severity: 'info',
    at: '10.0.0.0/8',
  },
  { name: 'only private is not the subset variant', rule: 'aa-source-ip-private-subset', text: withCond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }) },
]);

table('aa-condition-vpc-format / aa-condition-vpce-format (INVALID_VPC_FORMAT / INVALID_VPCE_FORMAT)', [
  { name: 'vpc- + 4', rule: 'aa-condition-vpc-format', text: withCond({ StringEquals: { 'aws:SourceVpc': 'vpc-1234' } }), severity: 'error', at: 'vpc-1234' },
  { name: 'vpc- + 8', rule: 'aa-condition-vpc-format', text: withCond({ StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }) },
  { name: 'vpc- + 17', rule: 'aa-condition-vpc-format', text: withCond({ StringEquals: { 'aws:SourceVpc': 'vpc-0123456789abcdef0' } }) },
  { name: 'a wildcard pattern', rule: 'aa-condition-vpc-format', text: withCond({ StringLike: { 'aws:SourceVpc': 'vpc-*' } }) },
  { name: 'a policy variable', rule: 'aa-condition-vpc-format', text: withCond({ StringEquals: { 'aws:SourceVpc': '${aws:Ec2InstanceSourceVpc}' } }) },
  {
    name: 'a vpc ID given as a VPC endpoint',
    rule: 'aa-condition-vpce-format',
    text: withCond({ StringEquals: { 'aws:SourceVpce': 'vpc-1a2b3c4d' } }),
    severity: 'error',
    at: 'vpc-1a2b3c4d',
  },
  { name: 'vpce- + 17', rule: 'aa-condition-vpce-format', text: withCond({ StringEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }) },
]);

table('aa-condition-region-value (INVALID_REGION)', [
  {
    name: 'not a Region code',
    rule: 'aa-condition-region-value',
    text: withCond({ StringEquals: { 'aws:RequestedRegion': 'us-east' } }),
    severity: 'error',
    at: 'us-east',
  },
  {
    name: 'Region name instead of code',
    rule: 'aa-condition-region-value',
    text: withCond({ StringEquals: { 'aws:RequestedRegion': 'N. Virginia' } }),
    severity: 'error',
    at: 'N. Virginia',
  },
  {
    name: 'well-formed but unknown code: info',
    rule: 'aa-condition-region-unknown',
    text: withCond({ StringEquals: { 'aws:RequestedRegion': 'xx-north-9' } }),
    severity: 'info',
    at: 'xx-north-9',
  },
  { name: 'us-east-1', rule: 'aa-condition-region-value', text: withCond({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-2'] } }) },
  { name: 'a pattern', rule: 'aa-condition-region-value', text: withCond({ StringLike: { 'aws:RequestedRegion': 'eu-*' } }) },
  { name: 'a placeholder', rule: 'aa-condition-region-value', text: withCond({ StringEquals: { 'aws:RequestedRegion': '<region>' } }) },
]);

const kmsStatement = (via: unknown, op = 'StringEquals') =>
  perms({
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    Condition: { [op]: { 'kms:ViaService': via } },
  });
table('aa-condition-service-principal-format (INVALID_SERVICE_PRINCIPAL_FORMAT)', [
  {
    name: 'kms:ViaService without Region',
    rule: 'aa-condition-service-principal-format',
    text: kmsStatement('s3.amazonaws.com'),
    severity: 'error',
    at: 's3.amazonaws.com',
  },
  {
    name: 'kms:ViaService in upper case',
    rule: 'aa-condition-service-principal-format',
    text: kmsStatement('S3.us-east-1.amazonaws.com'),
    severity: 'error',
    at: 'S3.us-east-1.amazonaws.com',
  },
  { name: 'kms:ViaService service.region.amazonaws.com', rule: 'aa-condition-service-principal-format', text: kmsStatement('s3.us-east-1.amazonaws.com') },
  { name: 'kms:ViaService pattern', rule: 'aa-condition-service-principal-format', text: kmsStatement('s3.*.amazonaws.com', 'StringLike') },
  {
    name: 'aws:CalledVia with a service name only',
    rule: 'aa-condition-service-principal-format',
    text: withCond({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation' } }),
    severity: 'error',
    at: 'cloudformation',
  },
  {
    name: 'aws:CalledVia service principal',
    rule: 'aa-condition-service-principal-format',
    text: withCond({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } }),
  },
  {
    name: 'aws:PrincipalServiceName',
    rule: 'aa-condition-service-principal-format',
    text: withCond({ StringEquals: { 'aws:PrincipalServiceName': 'cleanrooms.amazonaws.com' } }),
  },
]);

const s3 = (resource: unknown, extra: Doc = {}) => perms({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource, ...extra });
table('policy variables (MISSING_BRACE / MISSING_QUOTE / UNSUPPORTED_SPACE / EMPTY_VARIABLE, in Resource and Condition)', [
  {
    name: 'missing brace in Resource',
    rule: 'aa-variable-missing-brace',
    text: s3(`arn:aws:s3:::${BUCKET}/home/\${aws:username/*`),
    severity: 'error',
    at: `arn:aws:s3:::${BUCKET}/home/\${aws:username/*`,
  },
  {
    name: 'missing brace in a Condition value',
    rule: 'aa-variable-missing-brace',
    text: withCond({ StringEquals: { 'aws:PrincipalTag/team': '${aws:username' } }),
    severity: 'error',
    at: '${aws:username',
  },
  { name: 'well-formed variable', rule: 'aa-variable-missing-brace', text: s3(`arn:aws:s3:::${BUCKET}/home/\${aws:username}/*`) },
  {
    name: 'default without quotes',
    rule: 'aa-variable-missing-quote',
    text: s3(`arn:aws:s3:::${BUCKET}/\${aws:PrincipalTag/team, company-wide}/*`),
    severity: 'error',
    at: `arn:aws:s3:::${BUCKET}/\${aws:PrincipalTag/team, company-wide}/*`,
  },
  { name: 'quoted default', rule: 'aa-variable-missing-quote', text: s3(`arn:aws:s3:::${BUCKET}/\${aws:PrincipalTag/team, 'company-wide'}/*`) },
  {
    name: 'space in the name',
    rule: 'aa-variable-space',
    text: s3(`arn:aws:s3:::${BUCKET}/\${aws: username}/*`),
    severity: 'error',
    at: `arn:aws:s3:::${BUCKET}/\${aws: username}/*`,
  },
  { name: 'empty variable', rule: 'aa-variable-empty', text: s3(`arn:aws:s3:::${BUCKET}/\${}/*`), severity: 'error', at: `arn:aws:s3:::${BUCKET}/\${}/*` },
  {
    name: 'two empty variables in one string: one finding',
    rule: 'aa-variable-empty',
    text: s3(`arn:aws:s3:::${BUCKET}/\${}/\${}/*`),
    severity: 'error',
    at: `arn:aws:s3:::${BUCKET}/\${}/\${}/*`,
  },
  { name: 'special ${*}', rule: 'aa-variable-empty', text: withCond({ StringLike: { 's3:prefix': 'a${*}b' } }) },
]);

table('aa-variable-in-element / aa-variable-version / aa-variable-operator', [
  {
    name: 'variable in Action',
    rule: 'aa-variable-in-element',
    text: perms({ Effect: 'Allow', Action: 's3:${aws:username}', Resource: '*' }),
    severity: 'error',
    at: 's3:${aws:username}',
  },
  {
    name: 'variable in a trust Principal',
    rule: 'aa-variable-in-element',
    text: j({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/\${aws:username}` }, Action: 'sts:AssumeRole' }],
    }),
    severity: 'error',
    at: `arn:aws:iam::${ACCOUNT}:role/\${aws:username}`,
  },
  { name: 'variable in Resource', rule: 'aa-variable-in-element', text: s3(`arn:aws:s3:::${BUCKET}/\${aws:username}/*`) },
  {
    name: 'legacy Version with a variable',
    rule: 'aa-variable-version',
    text: j({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/\${aws:username}/*` }] }),
    severity: 'error',
    at: `arn:aws:s3:::${BUCKET}/\${aws:username}/*`,
  },
  {
    name: 'no Version, variable in a Condition',
    rule: 'aa-variable-version',
    text: j({
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } } },
      ],
    }),
    severity: 'error',
    at: '${aws:username}/*',
  },
  { name: '2012-10-17 with a variable', rule: 'aa-variable-version', text: s3(`arn:aws:s3:::${BUCKET}/\${aws:username}/*`) },
  {
    name: 'legacy Version without variables',
    rule: 'aa-variable-version',
    text: j({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }] }),
  },
  {
    name: 'variable under NumericLessThan',
    rule: 'aa-variable-operator',
    text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '${aws:EpochTime}' } }),
    severity: 'error',
    at: '${aws:EpochTime}',
  },
  {
    name: 'variable under IpAddress',
    rule: 'aa-variable-operator',
    text: withCond({ IpAddress: { 'aws:SourceIp': '${aws:VpcSourceIp}' } }),
    severity: 'error',
    at: '${aws:VpcSourceIp}',
  },
  { name: 'variable under StringEquals', rule: 'aa-variable-operator', text: withCond({ StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } }) },
  {
    name: 'variable under ArnLike',
    rule: 'aa-variable-operator',
    text: withCond({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` } }),
  },
]);

table('aa-condition-unsupported-action (UNSUPPORTED_ACTION_FOR_CONDITION_KEY)', [
  {
    name: 's3:prefix with s3:GetObject',
    rule: 'aa-condition-unsupported-action',
    text: perms({
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetObject'],
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      Condition: { StringLike: { 's3:prefix': 'reports/*' } },
    }),
    severity: 'info',
    at: 's3:prefix',
  },
  {
    name: 's3:prefix with s3:ListBucket only',
    rule: 'aa-condition-unsupported-action',
    text: perms({ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { 's3:prefix': 'reports/*' } } }),
  },
  {
    name: 'a wildcard action is not judged',
    rule: 'aa-condition-unsupported-action',
    text: perms({ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { 's3:prefix': 'reports/*' } } }),
  },
  { name: 'a global key is not judged', rule: 'aa-condition-unsupported-action', text: withCond({ StringEquals: { 'aws:ResourceAccount': ACCOUNT } }) },
  {
    name: 'a resource-type key (kms:ResourceAliases on kms:Decrypt)',
    rule: 'aa-condition-unsupported-action',
    text: perms({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/reports-*' } },
    }),
  },
  {
    name: 'without the reference data: silent',
    rule: 'aa-condition-unsupported-action',
    options: {},
    text: perms({ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: '*', Condition: { StringLike: { 's3:prefix': 'reports/*' } } }),
  },
]);

table('paired keys, untrustworthy keys, MFA, DynamoDB, irrelevant keys', [
  {
    name: 'aws:VpcSourceIp alone',
    rule: 'aa-condition-missing-paired-key',
    text: withCond({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } }),
    severity: 'warning',
    at: 'aws:VpcSourceIp',
  },
  {
    name: 'aws:VpcSourceIp with aws:SourceVpc in another block',
    rule: 'aa-condition-missing-paired-key',
    text: withCond({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } }),
  },
  {
    name: 'aws:referer in an Allow',
    rule: 'aa-condition-untrustworthy-key',
    text: withCond({ StringLike: { 'aws:referer': 'https://www.example.com/*' } }),
    severity: 'info',
    at: 'aws:referer',
  },
  {
    name: 'aws:UserAgent in a Deny',
    rule: 'aa-condition-untrustworthy-key',
    text: withCond({ StringLike: { 'aws:UserAgent': '*curl*' } }, { Effect: 'Deny' }),
  },
  {
    name: 'Allow + Bool MFA "false"',
    rule: 'aa-condition-mfa-bool-false',
    text: withCond({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }),
    severity: 'warning',
    at: 'aws:MultiFactorAuthPresent',
  },
  { name: 'Allow + Bool MFA "true"', rule: 'aa-condition-mfa-bool-false', text: withCond({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) },
  {
    name: 'Allow + BoolIfExists MFA "false"',
    rule: 'aa-condition-mfa-bool-false',
    text: withCond({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }),
  },
  {
    name: 'Deny + Bool MFA "false"',
    rule: 'aa-condition-mfa-bool-false',
    text: withCond({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, { Effect: 'Deny' }),
  },
  {
    name: 'dynamodb:Attributes alone',
    rule: 'aa-condition-dynamodb-attributes',
    text: perms({
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['OrderId'] } },
    }),
    severity: 'warning',
    at: 'dynamodb:Attributes',
  },
  {
    name: 'dynamodb:Attributes with Select SPECIFIC_ATTRIBUTES',
    rule: 'aa-condition-dynamodb-attributes',
    text: perms({
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['OrderId'] }, StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } },
    }),
  },
  {
    name: 's3:ResourceAccount in a bucket policy',
    rule: 'aa-condition-irrelevant-key',
    text: perms({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } },
    }),
    severity: 'info',
    at: 's3:ResourceAccount',
  },
  {
    name: 's3:ResourceAccount in an identity policy',
    rule: 'aa-condition-irrelevant-key',
    text: withCond({ StringEquals: { 's3:ResourceAccount': ACCOUNT } }),
  },
]);

table('wildcard-only conditions (EQUIVALENT_TO_NULL_*, REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION)', [
  {
    name: 'StringLike "*"',
    rule: 'aa-condition-equivalent-to-null',
    text: withCond({ StringLike: { 'aws:PrincipalTag/team': '*' } }),
    severity: 'info',
    at: 'aws:PrincipalTag/team',
  },
  {
    name: 'StringNotLike "*"',
    rule: 'aa-condition-equivalent-to-null',
    text: withCond({ StringNotLike: { 'aws:PrincipalTag/team': '*' } }),
    severity: 'info',
    at: 'aws:PrincipalTag/team',
  },
  {
    name: 'ArnLike "*" (ARN field matching of one field is not documented)',
    rule: 'aa-condition-equivalent-to-null',
    text: withCond({ ArnLike: { 'aws:PrincipalArn': '*' } }),
  },
  {
    name: 'ForAnyValue:StringLike "*" (a set operator)',
    rule: 'aa-condition-equivalent-to-null',
    text: withCond({ 'ForAnyValue:StringLike': { 'aws:TagKeys': '*' } }),
  },
  { name: 'StringLike "a*"', rule: 'aa-condition-equivalent-to-null', text: withCond({ StringLike: { 'aws:PrincipalTag/team': 'a*' } }) },
  {
    name: 'StringLikeIfExists "*" is not a Null test',
    rule: 'aa-condition-equivalent-to-null',
    text: withCond({ StringLikeIfExists: { 'aws:PrincipalTag/team': '*' } }),
  },
  {
    name: 'StringLikeIfExists "*"',
    rule: 'aa-condition-always-matches',
    text: withCond({ StringLikeIfExists: { 'aws:PrincipalTag/team': '*' } }),
    severity: 'info',
    at: 'aws:PrincipalTag/team',
  },
  { name: 'StringLikeIfExists "a*"', rule: 'aa-condition-always-matches', text: withCond({ StringLikeIfExists: { 'aws:PrincipalTag/team': 'a*' } }) },
]);

describe('rules: access-analyzer-conditions — fixes are re-analysed', () => {
  it('IMPROVE_IP_RANGE: the network address; the fixed text has no finding and no new error', () => {
    const text = withCond({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } });
    const after = fixes(text, one(text, 'aa-condition-ip-host-bits', 'info', '203.0.113.5/24', O), /203\.0\.113\.0\/24/, O);
    assert.match(after, /"203\.0\.113\.0\/24"/);
    assert.equal(analyze(after, O).findings.filter((f) => f.severity === 'error').length, 0);
  });
  it('REDUNDANT_CONDITION_VALUE_NUM: keeps the greatest value for LessThan, the least for GreaterThan', () => {
    const lt = withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } });
    const a = fixes(lt, findings(lt, 'aa-condition-redundant-number')[0], /3600/, O);
    assert.match(a, /"aws:MultiFactorAuthAge": "3600"/);
    const gt = withCond({ NumericGreaterThanEquals: { 's3:max-keys': [20, 10, 30] } });
    const b = fixes(gt, findings(gt, 'aa-condition-redundant-number')[0], /10/, O);
    assert.match(b, /"s3:max-keys": 10\b/);
  });
  it('EQUIVALENT_TO_NULL: StringLike "*" becomes Null "false", StringNotLike "*" becomes Null "true"', () => {
    const like = withCond({ StringLike: { 'aws:PrincipalTag/team': '*' } });
    assert.match(fixes(like, findings(like, 'aa-condition-equivalent-to-null')[0], /Null/, O), /"Null": \{\s*"aws:PrincipalTag\/team": "false"/);
    const notLike = withCond({ StringNotLike: { 'aws:PrincipalTag/team': '*' } });
    assert.match(fixes(notLike, findings(notLike, 'aa-condition-equivalent-to-null')[0], /Null/, O), /"Null": \{\s*"aws:PrincipalTag\/team": "true"/);
  });
  it('EQUIVALENT_TO_NULL: no fix when a Null block exists (it would duplicate the key) or the block has other keys', () => {
    const withNull = withCond({ StringLike: { 'aws:PrincipalTag/team': '*' }, Null: { 'aws:SourceVpc': 'false' } });
    assert.deepEqual(findings(withNull, 'aa-condition-equivalent-to-null')[0].fixes ?? [], []);
    const twoKeys = withCond({ StringLike: { 'aws:PrincipalTag/team': '*', 'aws:PrincipalTag/unit': 'a*' } });
    assert.deepEqual(findings(twoKeys, 'aa-condition-equivalent-to-null')[0].fixes ?? [], []);
  });
});

describe('rules: TYPE_MISMATCH for String operators on Bool, Numeric, Date and IPAddress keys (iam-operator-type-mismatch)', () => {
  // The real AWS managed policy AIOpsAssistantPolicy (v15), statement AIOPSS3AccessForAmplify: aws:ViaAWSService is a
  // Bool key, so it never equals "amplify.amazonaws.com" and the statement grants nothing.
  const aiOps = j({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AIOPSS3AccessForAmplify',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAcl'],
        Resource: ['arn:aws:s3:::amplify', 'arn:aws:s3:::cdk--assets--*'],
        Condition: { StringEquals: { 'aws:ViaAWSService': ['amplify.amazonaws.com'], 'aws:PrincipalAccount': ['${aws:ResourceAccount}'] } },
      },
    ],
  });
  // SageMakerStudioProjectProvisioningRolePolicy (v82), statement LFAccess: a Bool key compared with "true" as text.
  const lf = j({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'LFAccess',
        Effect: 'Allow',
        Action: ['lakeformation:GetDataAccess'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}', 'lakeformation:EnabledOnlyForMetaDataAccess': 'true' } },
      },
    ],
  });
  const rows: Row[] = [
    {
      name: 'AIOpsAssistantPolicy: Bool key vs "amplify.amazonaws.com"',
      rule: 'iam-operator-type-mismatch',
      text: aiOps,
      severity: 'warning',
      at: 'aws:ViaAWSService',
    },
    {
      name: 'SageMaker LFAccess: Bool key vs "true" (info)',
      rule: 'iam-operator-type-as-text',
      text: lf,
      severity: 'info',
      at: 'lakeformation:EnabledOnlyForMetaDataAccess',
    },
    {
      name: 'Numeric key vs "ten"',
      rule: 'iam-operator-type-mismatch',
      text: withCond({ StringEquals: { 'aws:MultiFactorAuthAge': 'ten' } }),
      severity: 'warning',
      at: 'aws:MultiFactorAuthAge',
    },
    {
      name: 'Numeric key vs "3600" (info)',
      rule: 'iam-operator-type-as-text',
      text: withCond({ StringEquals: { 'aws:MultiFactorAuthAge': '3600' } }),
      severity: 'info',
      at: 'aws:MultiFactorAuthAge',
    },
    {
      name: 'Date key vs "yesterday"',
      rule: 'iam-operator-type-mismatch',
      text: withCond({ StringEquals: { 'aws:CurrentTime': 'yesterday' } }),
      severity: 'warning',
      at: 'aws:CurrentTime',
    },
    {
      name: 'IP key vs "office"',
      rule: 'iam-operator-type-mismatch',
      text: withCond({ StringEquals: { 'aws:SourceIp': 'office' } }),
      severity: 'warning',
      at: 'aws:SourceIp',
    },
    { name: 'a String key', rule: 'iam-operator-type-mismatch', text: withCond({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }) },
    { name: 'Bool key vs a pattern is not judged', rule: 'iam-operator-type-mismatch', text: withCond({ StringLike: { 'aws:ViaAWSService': '*' } }) },
    { name: 'Bool operator on a Bool key', rule: 'iam-operator-type-mismatch', text: withCond({ Bool: { 'aws:ViaAWSService': 'true' } }) },
  ];
  for (const r of rows) {
    it(`${r.at !== undefined ? 'flags' : 'passes'}: ${r.name}`, () => {
      if (r.at !== undefined) {
        const f = one(r.text, r.rule, r.severity!, r.at, O);
        assert.match(f.message, /Bool|Numeric|Date|IpAddress/);
      } else none(r.text, r.rule, O);
    });
  }
  it('the AIOps fix (Bool "true" instead) no longer has the finding and no error', () => {
    const fixed = aiOps.replace(
      '"StringEquals": {\n                    "aws:ViaAWSService": [\n                        "amplify.amazonaws.com"\n                    ],',
      '"Bool": {\n                    "aws:ViaAWSService": "true"\n                },\n                "StringEquals": {',
    );
    assert.notEqual(fixed, aiOps);
    none(fixed, 'iam-operator-type-mismatch', O);
    assert.deepEqual(
      analyze(fixed, O)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.rule}: ${under(fixed, f)}`),
      [],
    );
  });
});

const ghTrust = (condition: Doc): string =>
  j({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  });
const AUD = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
table('INVALID_CONDITION_DATA_TYPE and the OIDC condition checks', [
  {
    name: 'a number and a string',
    rule: 'aa-condition-mixed-types',
    text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } }),
    severity: 'error',
    at: arrayOf(withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } }), 'aws:MultiFactorAuthAge'),
  },
  { name: 'two strings', rule: 'aa-condition-mixed-types', text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600', '7200'] } }) },
  { name: 'two numbers', rule: 'aa-condition-mixed-types', text: withCond({ NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, 7200] } }) },
  {
    name: 'GitHub sub: wildcard repository',
    rule: 'aa-github-sub-wildcard',
    text: ghTrust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/*' } }),
    severity: 'warning',
    at: 'repo:acme-corp/*',
  },
  {
    name: 'GitHub sub: "*"',
    rule: 'aa-github-sub-wildcard',
    text: ghTrust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }),
    severity: 'warning',
    at: '*',
  },
  {
    name: 'GitHub sub: wildcard branch of one repository (info)',
    rule: 'aa-github-sub-ref-wildcard',
    text: ghTrust({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/reports:*' } }),
    severity: 'info',
    at: 'repo:acme-corp/reports:*',
  },
  {
    name: 'GitHub sub: one branch',
    rule: 'aa-github-sub-wildcard',
    text: ghTrust({ StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/reports:ref:refs/heads/main' } }),
  },
  {
    name: 'GitHub sub: StringNotLike (a Deny-style exclusion)',
    rule: 'aa-github-sub-wildcard',
    text: ghTrust({ StringEquals: AUD, StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:other/*' } }),
  },
  {
    name: 'ForAnyValue on the GitHub aud',
    rule: 'aa-oidc-aud-foranyvalue',
    text: ghTrust({ 'ForAnyValue:StringEquals': AUD }),
    severity: 'info',
    at: 'token.actions.githubusercontent.com:aud',
  },
  { name: 'plain StringEquals on the GitHub aud', rule: 'aa-oidc-aud-foranyvalue', text: ghTrust({ StringEquals: AUD }) },
  {
    name: 'ForAnyValue on a non-aud OIDC claim',
    rule: 'aa-oidc-aud-foranyvalue',
    text: ghTrust({ StringEquals: AUD, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
  },
]);

describe('grammar-empty on an empty condition list says what the list means (EMPTY_ARRAY_CONDITION_*)', () => {
  const rows: Array<[string, RegExp]> = [
    ['StringEquals', /never matches \(EMPTY_ARRAY_CONDITION\)/],
    ['ForAnyValue:StringEquals', /never matches \(EMPTY_ARRAY_CONDITION_FORANYVALUE\)/],
    ['ForAllValues:StringEquals', /only when .* is missing .*EMPTY_ARRAY_CONDITION_FORALLVALUES.*Null/],
    ['StringEqualsIfExists', /only when .* is missing .*EMPTY_ARRAY_CONDITION_IFEXISTS.*Null/],
  ];
  for (const [op, want] of rows) {
    it(op, () => {
      const text = withCond({ [op]: { 'aws:PrincipalTag/team': [] } });
      assert.match(one(text, 'grammar-empty', 'info', '[]', O).message, want);
    });
  }
});

describe('rules: access-analyzer-conditions — linear scans on repetition-heavy strings', function () {
  this.timeout(60_000);
  const cpu = (fn: () => void): number => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t);
      best = Math.min(best, (d.user + d.system) / 1000);
    }
    return best;
  };
  it('firstVariable keeps the regex semantics', () => {
    for (const v of ['a${x}b', '${', 'a${b', '${}', 'x}${y}', 'plain', '${a${b}c}']) assert.equal(firstVariable(v), /\$\{[^}]*\}/.exec(v)?.[0], v);
  });
  for (const unit of ['${', '${a', '${}', '${a b}', '${a, b}']) {
    it(`variableProblems and firstVariable are linear on ${JSON.stringify(unit)} repeated`, () => {
      const run = (x: string) => {
        variableProblems(x);
        firstVariable(x);
      };
      const small = unit.repeat(2000);
      const big = unit.repeat(32000);
      run(small);
      const a = Math.max(
        cpu(() => run(small)),
        1,
      );
      const b = cpu(() => run(big));
      assert.ok(b / a < 80, `${JSON.stringify(unit)}: ${b.toFixed(1)} ms vs ${a.toFixed(1)} ms (ratio ${(b / a).toFixed(1)}, linear is ~16)`);
    });
  }
});
