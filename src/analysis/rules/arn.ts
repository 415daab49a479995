// Rule family "arn": ARN format in Resource/NotResource, Principal AWS ARNs and ARN-typed condition values.
// Sources: shared/reference/cleanrooms-iam-facts.md §3 (ARN grammar, partitions, Regions, per-service formats from the
// Service Authorization Reference) and §5.1 S1 (the seed's two-colon S3 ARN).
import { isRegion, PARTITION_RE, PARTITIONS, REGIONS, regionInfo, asAvailabilityZone, REGIONS_URL } from '../../catalog/regions';
import { collectArnSites, type ArnSite } from '../arn/collect';
import { hasVariable, hasWildcard, parseArn, type ArnField, type ParsedArn } from '../arn/parse';
import { globMatch } from '../../iam-data/glob';
import { editInString, isMappableString, rangeInString } from '../json';
import type { RuleContext, RuleFamily } from '../rule';
import type { Fix, RuleMeta } from '../types';
import { CLEANROOMS_MEMBERSHIP_SUBTYPES, CLEANROOMS_ML_MEMBERSHIP_SUBTYPES, CLEANROOMS_ML_TYPES, CLEANROOMS_TYPES, CR_DOCS } from './cleanrooms-data';
import { closest, hasPlaceholderSyntax, touchesPlaceholder } from './util';
import { elide, quote } from '../messages';
import { resourceTypesForArn } from '../../iam-data';
import { ACCOUNT, BUCKET, policy, allow } from './example-kit';

const ARN_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html';
const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
const S3_ARN_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html';

type FieldRule = 'required' | 'empty' | 'any';
interface ServiceShape {
  region: FieldRule;
  account: FieldRule;
  doc: string;
  /** Resource types (first segment). Undefined: any. */
  types?: readonly string[];
  /** The resource part itself has a colon after the type (secret:<name>). */
  colonInResource?: boolean;
}

const SERVICES: Record<string, ServiceShape> = {
  iam: { region: 'empty', account: 'required', doc: SAR + 'list_awsidentityandaccessmanagementiam.html' },
  sts: { region: 'empty', account: 'required', doc: SAR + 'list_awssecuritytokenservice.html' },
  glue: {
    region: 'required',
    account: 'required',
    doc: SAR + 'list_awsglue.html',
    types: [
      'catalog',
      'database',
      'table',
      'tableVersion',
      'userDefinedFunction',
      'connection',
      'blueprint',
      'completion',
      'connectionType',
      'crawler',
      'customEntityType',
      'dataQualityRuleset',
      'devEndpoint',
      'integration',
      'integrationresourceproperty',
      'job',
      'mlTransform',
      'registry',
      'schema',
      'session',
      'trigger',
      'usageProfile',
      'workflow',
    ],
  },
  kms: { region: 'required', account: 'required', doc: SAR + 'list_awskeymanagementservice.html', types: ['key', 'alias'] },
  athena: { region: 'required', account: 'required', doc: SAR + 'list_amazonathena.html' },
  cleanrooms: { region: 'required', account: 'required', doc: CR_DOCS.sar, types: CLEANROOMS_TYPES },
  'cleanrooms-ml': { region: 'required', account: 'required', doc: CR_DOCS.sarMl, types: CLEANROOMS_ML_TYPES },
  secretsmanager: { region: 'required', account: 'required', doc: SAR + 'list_awssecretsmanager.html', types: ['secret'], colonInResource: true },
  logs: { region: 'required', account: 'required', doc: SAR + 'list_amazoncloudwatchlogs.html' },
  ecr: { region: 'required', account: 'required', doc: SAR + 'list_amazonelasticcontainerregistry.html' },
  redshift: { region: 'required', account: 'required', doc: SAR + 'list_amazonredshift.html' },
};

const KMS_KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;

export const ARN_RULE_IDS = [
  'arn-prefix',
  'arn-missing-fields',
  'arn-s3-two-colons',
  'arn-partition',
  'arn-service',
  'arn-region',
  'arn-region-not-allowed',
  'arn-account',
  'arn-account-not-allowed',
  'arn-nested',
  'arn-resource',
] as const;

export const arnRules = {
  name: 'arn',
  rules: [
    {
      id: 'arn-prefix',
      severity: 'error',
      accessAnalyzer: 'INVALID_ARN_PREFIX',
      title: 'Not an ARN',
      description: 'Resource values (and ARN condition values) must be "*" or an ARN starting with arn: (INVALID_ARN_PREFIX).',
      docUrl: ARN_DOC,
      example: policy(allow('s3:GetObject', BUCKET)),
    },
    {
      id: 'arn-missing-fields',
      severity: 'error',
      accessAnalyzer: 'MISSING_ARN_FIELD',
      title: 'ARN has too few fields',
      description: 'An ARN has six colon-separated fields, arn:partition:service:region:account-id:resource, even when some are empty (MISSING_ARN_FIELD).',
      docUrl: ARN_DOC,
      example: policy(allow('glue:GetDatabase', 'arn:aws:glue:us-east-1:catalog')),
    },
    {
      id: 'arn-s3-two-colons',
      severity: 'error',
      title: 'S3 ARN with two colons',
      description:
        'S3 bucket and object ARNs have an empty Region and account: arn:aws:s3:::bucket/key (three colons). With two colons the bucket lands in the account field and the statement matches nothing.',
      docUrl: S3_ARN_DOC,
      example: policy(allow('s3:GetObject', `arn:aws:s3::${BUCKET}/*`)),
    },
    {
      id: 'arn-partition',
      severity: 'error',
      accessAnalyzer: 'INVALID_PARTITION',
      title: 'Invalid partition',
      description:
        'The partition is aws, aws-cn, aws-us-gov, aws-eusc or an aws-iso* partition (INVALID_PARTITION). In a Resource or Condition value a wildcard partition such as arn:*:ssm:… is a pattern and fine when it can match a partition; in a Principal it is not allowed.',
      docUrl: ARN_DOC,
      example: policy(allow('s3:GetObject', `arn:AWS:s3:::${BUCKET}/*`)),
    },
    {
      id: 'arn-service',
      severity: 'error',
      accessAnalyzer: 'INVALID_ARN_SERVICE_CASE',
      title: 'Invalid service in ARN',
      description: 'The service namespace is lower case, e.g. s3, glue, cleanrooms (INVALID_ARN_SERVICE_CASE).',
      docUrl: ARN_DOC,
      example: policy(allow('s3:GetObject', `arn:aws:S3:::${BUCKET}/*`)),
    },
    {
      id: 'arn-region',
      severity: 'error',
      accessAnalyzer: 'INVALID_ARN_REGION',
      title: 'Invalid or missing Region',
      description:
        "The Region field must be a Region code of the ARN's partition (us-east-1, not an Availability Zone such as us-east-1a), and regional services need one (INVALID_ARN_REGION / MISSING_ARN_REGION).",
      docUrl: REGIONS_URL,
      example: policy(allow('glue:GetDatabase', `arn:aws:glue:us-east-1a:${ACCOUNT}:catalog`)),
    },
    {
      id: 'arn-region-not-allowed',
      severity: 'error',
      accessAnalyzer: 'ARN_REGION_NOT_ALLOWED',
      title: 'Region not allowed',
      description: 'S3 bucket/object ARNs and IAM ARNs have an empty Region field (ARN_REGION_NOT_ALLOWED).',
      docUrl: ARN_DOC,
      example: policy(allow('iam:PassRole', `arn:aws:iam:us-east-1:${ACCOUNT}:role/analyst`)),
    },
    {
      id: 'arn-account',
      severity: 'error',
      accessAnalyzer: 'INVALID_ARN_ACCOUNT',
      title: 'Invalid or missing account ID',
      description:
        'The account field is a 12-digit AWS account ID without hyphens (or a wildcard); `aws` only for AWS managed policies (INVALID_ARN_ACCOUNT / MISSING_ARN_ACCOUNT).',
      docUrl: ARN_DOC,
      example: policy(allow('glue:GetDatabase', 'arn:aws:glue:us-east-1:2468-1357-9024:catalog')),
    },
    {
      id: 'arn-account-not-allowed',
      severity: 'error',
      accessAnalyzer: 'ARN_ACCOUNT_NOT_ALLOWED',
      title: 'Account not allowed',
      description: 'S3 bucket and object ARNs have an empty account field (ARN_ACCOUNT_NOT_ALLOWED).',
      docUrl: S3_ARN_DOC,
      example: policy(allow('s3:ListBucket', `arn:aws:s3::${ACCOUNT}:${BUCKET}`)),
    },
    {
      id: 'arn-nested',
      severity: 'error',
      title: 'ARN inside an ARN',
      description:
        'An ARN was pasted where only a name belongs, e.g. arn:aws:s3:::arn:aws:s3:::bucket (the AWS page calls bucket_name "the ARN of the bucket").',
      docUrl: ARN_DOC,
      example: policy(allow('s3:GetObject', `arn:aws:s3:::arn:aws:s3:::${BUCKET}/*`)),
    },
    {
      id: 'arn-resource',
      severity: 'error',
      accessAnalyzer: 'INVALID_ARN_RESOURCE',
      title: 'Malformed resource part',
      description:
        "The resource part does not match the service's ARN format in the Service Authorization Reference (INVALID_ARN_RESOURCE), e.g. a Glue table with four path segments or a KMS key ID that is not a key ID.",
      docUrl: SAR + 'reference_policies_actions-resources-contextkeys.html',
      example: policy(allow('kms:Decrypt', `arn:aws:kms:us-east-1:${ACCOUNT}:key/my-key`)),
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    for (const site of collectArnSites(ctx.model)) checkSite(ctx, site);
  },
} satisfies RuleFamily;

interface Reporter {
  (rule: (typeof ARN_RULE_IDS)[number], field: ArnField | { start: number; end: number }, message: string, fixes?: Fix[], docUrl?: string): void;
}

/**
 * Values that gave no finding, per IAM index (or none) and origin: what checkSite reports depends on the value, the
 * site's origin and the index alone (the document only places the findings, and the placeholder ranges only drop
 * some), so a value checked quietly before is quiet again (the same ARNs recur in statements and keystrokes).
 * Bounded; entries are cleared past QUIET_MAX.
 */
const QUIET = new WeakMap<object, Set<string>>();
const QUIET_MAX = 4096;
const NO_INDEX = {};

function checkSite(ctx: RuleContext, site: ArnSite): void {
  const { node, value } = site;
  // Escaped values (`arn:aws:s3::acme\\/*`) are checked on the decoded value; ranges and edits map back to the escapes.
  if (!isMappableString(ctx.text, node)) return;
  if (value === '*' || value === '') return;
  if (hasPlaceholderSyntax(value) && !value.startsWith('arn:')) return;
  const index = ctx.options.iam ?? NO_INDEX;
  let quiet = QUIET.get(index);
  if (!quiet) QUIET.set(index, (quiet = new Set()));
  const key = `${site.origin}\u0000${value}`;
  if (quiet.has(key)) return;
  let reported = false;
  checkSiteValue(ctx, site, () => (reported = true));
  if (reported || value.length > 2048) return;
  if (quiet.size >= QUIET_MAX) quiet.clear();
  quiet.add(key);
}

function checkSiteValue(ctx: RuleContext, site: ArnSite, onReport: () => void): void {
  const { node, value } = site;
  const at = (f: { start: number; end: number }) => rangeInString(ctx.text, node, f.start, f.end);
  const report: Reporter = (rule, field, message, fixes, docUrl) => {
    onReport();
    const r = at(field);
    if (touchesPlaceholder(ctx, r.offset, r.length)) return;
    ctx.report(rule, r.offset, r.length, message, { fixes, docUrl });
  };
  const edit = (start: number, end: number, newText: string) => editInString(ctx.text, node, start, end, newText);

  // Prefix.
  if (!value.startsWith('arn:')) {
    if (site.origin === 'condition' && (hasWildcard(value) || hasVariable(value))) return;
    if (/^arn:/i.test(value)) {
      report('arn-prefix', { start: 0, end: 3 }, `ARNs start with lower-case "arn:", not "${value.slice(0, 4)}".`, [
        { title: 'Change to "arn:"', edits: [edit(0, 3, 'arn')], preferred: true },
      ]);
    } else if (!hasVariable(value)) {
      const what =
        site.origin === 'resource'
          ? 'Resource values must be "*" or an ARN'
          : `${elide(site.key ?? 'This condition key')} compares ARNs, so the value must be an ARN`;
      report(
        'arn-prefix',
        { start: 0, end: value.length },
        `${quote(value)} is not an ARN. ${what}, e.g. arn:aws:s3:::bucket-name or arn:aws:glue:us-east-1:<account-id>:catalog.`,
      );
    }
    return;
  }

  const arn = parseArn(value);
  const service = arn.service?.text ?? '';

  // Too few fields. The seed's S3 typo (arn:aws:s3::bucket/...) gets its own rule and a fix.
  if (arn.fields.length < 6) {
    if (arn.fields.length === 5 && service === 's3' && arn.region!.text === '' && arn.account!.text !== '') {
      const colon = arn.service!.end; // the "::" after s3
      report(
        'arn-s3-two-colons',
        { start: colon, end: colon + 2 },
        `This S3 ARN has two colons after "s3" where it needs three: arn:aws:s3:::${elide(arn.account!.text)}. With two, ${quote(arn.account!.text)} is read as the account ID and the statement matches no bucket or object.`,
        [{ title: 'Insert the missing colon (arn:aws:s3:::…)', edits: [edit(colon, colon, ':')], preferred: true }],
      );
      return;
    }
    if (site.origin === 'condition' && hasWildcard(value)) return; // a string pattern such as arn:aws:secretsmanager:*
    report(
      'arn-missing-fields',
      { start: 0, end: value.length },
      `This ARN has ${arn.fields.length} of the six fields arn:partition:service:region:account-id:resource (fields may be empty, but their colons must be there).`,
    );
    return;
  }

  const partition = arn.partition!;
  const region = arn.region!;
  const account = arn.account!;
  const resource = arn.resource!;

  // Partition.
  // A wildcard partition (arn:*:ssm:…, as AWS managed policies write) is a pattern; it is wrong only if it can match no partition.
  const partitionPattern = hasWildcard(partition.text) && site.origin !== 'principal' && PARTITIONS.some((p) => globMatches(partition.text, p));
  if (!hasVariable(partition.text) && !partitionPattern && !PARTITION_RE.test(partition.text)) {
    const lower = partition.text.toLowerCase();
    const fixes: Fix[] = PARTITION_RE.test(lower)
      ? [{ title: `Change to "${lower}"`, edits: [edit(partition.start, partition.end, lower)], preferred: true }]
      : [];
    const msg = hasWildcard(partition.text)
      ? 'Wildcards are not allowed in the partition field of an ARN. Use aws (or aws-cn, aws-us-gov, …).'
      : `${quote(partition.text)} is not a partition. Use one of ${PARTITIONS.join(', ')} (aws for the commercial Regions and AWS Clean Rooms).`;
    report('arn-partition', partition, msg, fixes);
  }

  // Service.
  if (service === '') {
    report(
      'arn-service',
      { start: arn.service!.start - 1, end: arn.service!.end + 1 },
      'The service field of this ARN is empty. Write the service namespace, e.g. arn:aws:s3:::bucket.',
    );
  } else if (!hasVariable(service) && /[A-Z]/.test(service)) {
    const lower = service.toLowerCase();
    report('arn-service', arn.service!, `The service namespace in an ARN is lower case: ${quote(lower)}, not ${quote(service)}.`, [
      { title: `Change to ${quote(lower)}`, edits: [edit(arn.service!.start, arn.service!.end, lower)], preferred: true },
    ]);
  } else if (!hasVariable(service) && !/^[a-z0-9*?-]+$/.test(service)) {
    report('arn-service', arn.service!, `${quote(service)} is not a service namespace (lower-case letters, digits and hyphens, e.g. glue or cleanrooms-ml).`);
  }

  // Nested ARN (arn:aws:s3:::arn:aws:s3:::bucket).
  if (resource.text.startsWith('arn:')) {
    report(
      'arn-nested',
      { start: 0, end: resource.start },
      `This ARN contains another ARN: ${quote(resource.text)} was pasted where only the name belongs. Keep just the inner ARN.`,
      [{ title: `Use the inner ARN (${elide(resource.text, 40)})`, edits: [edit(0, resource.start, '')], preferred: true }],
    );
    return;
  }

  const shape = SERVICES[service];
  const s3Bucket = service === 's3' && region.text === '' && account.text === '';
  const s3Legacy =
    service === 's3' && !/^(accesspoint|job|storage-lens|storage-lens-group|access-grants|async-request|multi-region-access-point)[/:]/.test(resource.text);

  // Region.
  checkRegion(report, edit, arn, shape, s3Legacy, service);

  // Account.
  if (account.text !== '' && !hasVariable(account.text) && !hasWildcard(account.text)) {
    if (s3Legacy) {
      report(
        'arn-account-not-allowed',
        account,
        'S3 bucket and object ARNs have no account ID: write arn:aws:s3:::bucket-name (and use the s3:ResourceAccount condition to pin the owner account).',
        [{ title: 'Remove the account ID', edits: [edit(account.start, account.end, '')], preferred: true }],
      );
    } else if (account.text === 'aws') {
      if (!awsOwned(ctx, service, value, resource.text))
        report(
          'arn-account',
          account,
          'The account "aws" is only used in ARNs of AWS-owned resources (AWS managed policies arn:aws:iam::aws:policy/…, and the resource types the Service Authorization Reference lists with the account "aws"). Use a 12-digit account ID.',
        );
    } else if (service === 'iam' && account.text === 'cloudfront' && resource.text.startsWith('user/CloudFront Origin Access Identity ')) {
      // The documented CloudFront origin access identity principal (CloudFront Developer Guide, "Restricting access to an Amazon S3 origin").
    } else if (!/^\d{12}$/.test(account.text)) {
      const digits = account.text.replace(/[-\s]/g, '');
      const fixes: Fix[] = /^\d{12}$/.test(digits)
        ? [{ title: `Change to ${digits}`, edits: [edit(account.start, account.end, digits)], preferred: true }]
        : [];
      report('arn-account', account, `${quote(account.text)} is not an AWS account ID: it must be exactly 12 digits, without hyphens.`, fixes);
    }
  } else if (account.text === '' && shape?.account === 'required') {
    report(
      'arn-account',
      { start: account.start - 1, end: account.end + 1 },
      `${service} ARNs need the 12-digit account ID between the Region and the resource: arn:aws:${service}:<region>:<account-id>:….`,
    );
  }

  // Resource part.
  if (resource.text === '') {
    report(
      'arn-resource',
      { start: resource.start - 1, end: resource.end },
      'The resource part of this ARN is empty. Add the resource, e.g. a bucket name or table/<database>/<table>.',
    );
    return;
  }
  if (hasVariable(resource.text) && service !== 's3') return;
  // A `*` that ends the Region or account field expands beyond the colon boundary (IAM User Guide, "IAM JSON policy
  // elements: Resource"), so the text after it need not start at the resource part: arn:aws:secretsmanager:*:*:sqlworkbench!*
  // matches secret:sqlworkbench!… . The resource type cannot be read from such a pattern.
  const shifted = /\*$/.test(region.text) || /\*$/.test(account.text);
  if (s3Bucket) checkS3(report, resource);
  else if (shape?.types) {
    // Only where the resource part itself has a colon (secret:<name>) can the written text be a tail of it.
    const tail = shifted && shape.colonInResource && !shape.types.some((t) => resource.text.startsWith(t));
    if (!tail) checkTyped(report, edit, service, shape, resource);
  } else checkOther(report, edit, service, resource);
}

/**
 * AWS-owned resources whose ARN has the literal account `aws`. The Service Authorization Reference's ARN templates
 * give most of them (arn:${Partition}:eks::aws:cluster-access-policy/…, sso::aws:applicationProvider/…); the
 * documented ones it omits are listed here with their source.
 */
const AWS_OWNED_EXTRA: Array<[service: string, resourcePrefix: string]> = [
  ['iam', 'policy/'], // AWS managed policies (IAM User Guide, "AWS managed policies")
  ['ram', 'permission/'], // AWS RAM managed permissions, arn:aws:ram::aws:permission/… (AWS RAM User Guide, "Managed permissions")
  ['sagemaker', 'hub/SageMakerPublicHub'], // SageMaker JumpStart public hub (SageMaker Developer Guide, "Private curated hubs")
  ['sagemaker', 'hub-content/SageMakerPublicHub/'],
  // AWS-owned CloudFormation macros such as AWS::Serverless: arn:aws:cloudformation:<region>:aws:transform/Serverless-2016-10-31
  // (AWS CloudFormation User Guide, "Controlling access with AWS Identity and Access Management", using-iam-template.html).
  ['cloudformation', 'transform/'],
  // The IAM Identity Center context provider for trusted identity propagation, arn:aws:iam::aws:contextProvider/IdentityCenter
  // (IAM Identity Center User Guide, "AWS STS condition context keys for IAM Identity Center").
  ['iam', 'contextProvider/'],
];

function awsOwned(ctx: RuleContext, service: string, value: string, resource: string): boolean {
  if (AWS_OWNED_EXTRA.some(([s, p]) => s === service && resource.startsWith(p))) return true;
  const iam = ctx.options.iam;
  if (!iam) return false;
  return resourceTypesForArn(iam, service, value).some((rt) => rt.arn.split(':')[4] === 'aws');
}

function globMatches(pattern: string, text: string): boolean {
  return globMatch(pattern, text); // not a RegExp: `*?*?*?…x` backtracked exponentially
}

function checkRegion(
  report: Reporter,
  edit: (s: number, e: number, t: string) => { offset: number; length: number; newText: string },
  arn: ParsedArn,
  shape: ServiceShape | undefined,
  s3Legacy: boolean,
  service: string,
): void {
  const region = arn.region!;
  const partition = arn.partition!.text;
  if (region.text === '') {
    if (shape?.region === 'required')
      report(
        'arn-region',
        { start: region.start - 1, end: region.end + 1 },
        `${service} ARNs need a Region: arn:${elide(partition)}:${service}:<region>:<account-id>:… (for AWS Clean Rooms data, the Region of your collaboration).`,
      );
    return;
  }
  if (hasVariable(region.text) || hasWildcard(region.text)) return;
  if (shape?.region === 'empty' || s3Legacy) {
    const what = service === 's3' ? 'S3 bucket and object ARNs' : `${service.toUpperCase()} ARNs (a global service)`;
    report('arn-region-not-allowed', region, `${what} have an empty Region field: remove ${quote(region.text)}.`, [
      { title: `Remove ${quote(region.text)}`, edits: [edit(region.start, region.end, '')], preferred: true },
    ]);
    return;
  }
  const az = asAvailabilityZone(region.text);
  if (az) {
    report('arn-region', region, `${region.text} is an Availability Zone, not a Region: the Region is ${az}.`, [
      { title: `Change to ${az}`, edits: [edit(region.start, region.end, az)], preferred: true },
    ]);
    return;
  }
  if (!isRegion(region.text)) {
    const lower = region.text.toLowerCase();
    const guess = isRegion(lower)
      ? lower
      : closest(
          region.text,
          REGIONS.filter((r) => !PARTITION_RE.test(partition) || r.partition === partition).map((r) => r.code),
          2,
        );
    report(
      'arn-region',
      region,
      `${quote(region.text)} is not an AWS Region code.${guess ? ` Did you mean ${guess}?` : ' Use a code such as us-east-1.'}`,
      guess ? [{ title: `Change to ${guess}`, edits: [edit(region.start, region.end, guess)], preferred: lower === guess }] : [],
    );
    return;
  }
  const info = regionInfo(region.text)!;
  if (PARTITION_RE.test(partition) && info.partition !== partition) {
    report(
      'arn-region',
      region,
      `${region.text} is in the ${info.partition} partition, but this ARN says ${partition}. Use arn:${info.partition}:… or a Region of ${partition}.`,
    );
  }
}

function checkS3(report: Reporter, resource: ArnField): void {
  const slash = resource.text.indexOf('/');
  const bucket = slash < 0 ? resource.text : resource.text.slice(0, slash);
  if (bucket === '') {
    report(
      'arn-resource',
      { start: resource.start, end: resource.start + 1 },
      'The bucket name is missing: S3 object ARNs are arn:aws:s3:::bucket-name/key.',
      undefined,
      S3_ARN_DOC,
    );
  }
}

function checkTyped(
  report: Reporter,
  edit: (s: number, e: number, t: string) => { offset: number; length: number; newText: string },
  service: string,
  shape: ServiceShape,
  resource: ArnField,
): void {
  const text = resource.text;
  const m = /^([^/:]*)([/:]?)(.*)$/.exec(text)!;
  const type = m[1];
  const sep = m[2];
  const rest = m[3];
  const typeEnd = resource.start + type.length;
  if (type === '*' || type === '') return;
  if (/[*?]/.test(type)) {
    if (sep || !shape.types!.some((t) => t.startsWith(type.replace(/[*?].*$/, '')))) {
      report(
        'arn-resource',
        { start: resource.start, end: typeEnd },
        `Wildcards are not allowed inside the resource type (${quote(type)}): write the type in full, e.g. ${shape.types![0]}/*.`,
        undefined,
        shape.doc,
      );
    }
    return;
  }
  if (!shape.types!.includes(type)) {
    const guess = closest(type, shape.types!, 2);
    const fixes: Fix[] = guess ? [{ title: `Change to "${guess}"`, edits: [edit(resource.start, typeEnd, guess)], preferred: true }] : [];
    report(
      'arn-resource',
      { start: resource.start, end: typeEnd },
      `${quote(type)} is not a ${service} resource type.${guess ? ` Did you mean "${guess}"?` : ''} ${service} types: ${shape.types!.join(', ')}.`,
      fixes,
      shape.doc,
    );
    return;
  }
  const segs = rest === '' ? [] : rest.split('/');
  const restStart = typeEnd + sep.length;
  const anyEmpty = segs.some((s) => s === '');
  const whole = { start: resource.start, end: resource.end };
  const bad = (msg: string) => report('arn-resource', whole, msg, undefined, shape.doc);
  switch (service) {
    case 'glue': {
      if (type === 'catalog' && segs.length > 2) bad(`A Glue catalog ARN is catalog or catalog/<catalog-name>, not ${quote(text)}.`);
      else if ((type === 'database' || type === 'table') && (segs.length < 1 || segs.length > 3 || anyEmpty)) {
        bad(
          type === 'database'
            ? `A Glue database ARN is database/<database> (or database/<catalog>/<database> for a federated catalog), not ${quote(text)}.`
            : `A Glue table ARN is table/<database>/<table> (or table/<catalog>/<database>/<table> for a federated catalog), not ${quote(text)}.`,
        );
      } else if (type !== 'catalog' && segs.length === 0 && !sep) bad(`A Glue ${elide(type)} ARN needs a name after "${elide(type)}/".`);
      break;
    }
    case 'kms': {
      if (sep !== '/' || rest === '') bad(`A KMS ${type} ARN is ${type}/<${type === 'key' ? 'key-id' : 'alias-name'}>.`);
      else if (type === 'key' && !hasWildcard(rest) && !KMS_KEY_ID.test(rest)) {
        report(
          'arn-resource',
          { start: restStart, end: resource.end },
          `${quote(rest)} is not a KMS key ID. Key IDs are UUIDs (1234abcd-12ab-34cd-56ef-1234567890ab) or mrk- plus 32 hex digits for multi-Region keys; to name a key by alias, use an alias/<name> ARN instead.`,
          undefined,
          shape.doc,
        );
      }
      break;
    }
    case 'secretsmanager': {
      if (sep === '/') {
        report(
          'arn-resource',
          { start: typeEnd, end: typeEnd + 1 },
          'Secrets Manager ARNs separate the type with a colon: secret:<name>, not secret/<name>.',
          [{ title: 'Change to "secret:"', edits: [edit(typeEnd, typeEnd + 1, ':')], preferred: true }],
          shape.doc,
        );
      } else if (rest === '') bad('A Secrets Manager ARN is secret:<secret-name> (often ending in -?????? or -* for the random suffix).');
      break;
    }
    case 'cleanrooms':
    case 'cleanrooms-ml': {
      if (sep !== '/' || segs.length === 0 || anyEmpty) {
        bad(`A ${service} ${type} ARN is ${type}/<id>${type === 'membership' ? ' (optionally followed by /<type>/<id>)' : ''}, not ${quote(text)}.`);
      } else if (type === 'membership' && segs.length > 1) {
        const subtypes = service === 'cleanrooms' ? CLEANROOMS_MEMBERSHIP_SUBTYPES : CLEANROOMS_ML_MEMBERSHIP_SUBTYPES;
        const sub = segs[1];
        if (!hasWildcard(sub) && !subtypes.includes(sub)) {
          const subStart = restStart + segs[0].length + 1;
          const guess = closest(sub, subtypes, 2);
          report(
            'arn-resource',
            { start: subStart, end: subStart + sub.length },
            `${quote(sub)} is not a ${service} resource type under membership/<id>/. Types: ${subtypes.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}`,
            guess ? [{ title: `Change to "${guess}"`, edits: [edit(subStart, subStart + sub.length, guess)], preferred: true }] : [],
            shape.doc,
          );
        } else if (segs.length !== 3 && !hasWildcard(segs.slice(1).join('/'))) {
          bad(`A resource under a membership is membership/<membership-id>/${elide(sub)}/<id>, not ${quote(text)}.`);
        }
      } else if (type !== 'membership' && segs.length > 1 && !hasWildcard(rest)) {
        bad(`A ${service} ${type} ARN is ${type}/<id>, not ${quote(text)}.`);
      }
      break;
    }
  }
}

function checkOther(
  report: Reporter,
  edit: (s: number, e: number, t: string) => { offset: number; length: number; newText: string },
  service: string,
  resource: ArnField,
): void {
  const text = resource.text;
  const doc = SERVICES[service]?.doc;
  if (service === 'logs' && text.startsWith('log-group/')) {
    const s = resource.start + 'log-group'.length;
    report(
      'arn-resource',
      { start: s, end: s + 1 },
      'CloudWatch Logs ARNs separate the type with a colon: log-group:<name>, not log-group/<name>.',
      [{ title: 'Change to "log-group:"', edits: [edit(s, s + 1, ':')], preferred: true }],
      doc,
    );
  } else if (service === 'logs' && text === 'log-group:') {
    report('arn-resource', resource, 'The log group name is missing: log-group:<name> (e.g. log-group:/aws/cleanroomsml/*).', undefined, doc);
  } else if (service === 'ecr' && /^repository\/?$/.test(text)) {
    report('arn-resource', resource, 'The repository name is missing: repository/<name>.', undefined, doc);
  } else if (service === 'athena' && /^(workgroup|datacatalog|capacity-reservation)\/?$/.test(text)) {
    report('arn-resource', resource, `The name is missing: ${text.replace(/\/$/, '')}/<name>.`, undefined, doc);
  } else if (service === 'redshift' && text.startsWith('dbuser/')) {
    const s = resource.start + 'dbuser'.length;
    report(
      'arn-resource',
      { start: s, end: s + 1 },
      'Redshift dbuser ARNs separate the type with a colon: dbuser:<cluster>/<user>.',
      [{ title: 'Change to "dbuser:"', edits: [edit(s, s + 1, ':')], preferred: true }],
      doc,
    );
  } else if (service === 'iam' && /^(role|user|group|policy|instance-profile)\/?$/.test(text)) {
    report('arn-resource', resource, `The name is missing: ${text.replace(/\/$/, '')}/<name>.`, undefined, doc);
  }
}
