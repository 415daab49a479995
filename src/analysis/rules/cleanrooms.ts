// Rule family "cleanrooms": what AWS Clean Rooms itself needs from its roles.
// Sources: shared/reference/cleanrooms-iam-facts.md §1.a (set-up roles), §1.b (confused deputy), §3.4 (Regions),
// §3.6 (membership IDs), §5 (mistakes in the seed and the AWS pages).
import { isCleanRoomsRegion, REGIONS, regionInfo } from '../../catalog/regions';
import { collectArnSites, type ArnSite } from '../arn/collect';
import { hasVariable, hasWildcard, parseArn } from '../arn/parse';
import type { Node } from '../json';
import { getProperty, isDuplicatedKey, isMappableString, keyOf, properties, rangeInString, stringItems, valueOf } from '../json';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import type { Fix, RuleMeta } from '../types';
import { CLEAN_ROOMS_ML_PRINCIPAL, CLEAN_ROOMS_PRINCIPAL, cleanRoomsPrincipalTypo, CR_DOCS, MEMBERSHIP_ID_RE, SAME_REGION_SERVICES } from './cleanrooms-data';
import { parseOperator } from '../condition-operators';
import { contentRange, lineBreakOf, lineIndent, replaceStringContent, startsLine, touchesPlaceholder } from './util';
import { elide, quote } from '../messages';
import { ACCOUNT, MEMBERSHIP, MEMBERSHIP_ARN, policy, allow, cleanRoomsTrust, scoped } from './example-kit';

const CR_REGION_LIST = REGIONS.filter((r) => r.cleanRooms)
  .map((r) => r.code)
  .join(', ');
const SCOPED_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'sts:externalid']);
export const SCOPED_CONDITION_ARN = 'arn:aws:cleanrooms:<region>:<account-id>:membership/<membership-id>';

export const cleanroomsRules = {
  name: 'cleanrooms',
  rules: [
    {
      id: 'cleanrooms-principal-typo',
      severity: 'error',
      title: 'Misspelled Clean Rooms service principal',
      description:
        'The trust principal for AWS Clean Rooms is exactly cleanrooms.amazonaws.com (cleanrooms-ml.amazonaws.com for Clean Rooms ML roles). A misspelled principal means the service can never assume the role.',
      docUrl: CR_DOCS.setup,
      example: policy({ Effect: 'Allow', Principal: { Service: 'cleanroom.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    },
    {
      id: 'cleanrooms-source-arn-membership',
      severity: 'error',
      title: 'aws:SourceArn is not a membership ARN',
      description:
        'In a Clean Rooms trust policy, aws:SourceArn must be the ARN of a membership (arn:aws:cleanrooms:<region>:<account-id>:membership/<membership-id>), never the collaboration ARN: Clean Rooms assumes the role on behalf of a membership, so a collaboration ARN never matches.',
      docUrl: CR_DOCS.deputy,
      example: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:collaboration/${MEMBERSHIP}`)),
    },
    {
      id: 'cleanrooms-membership-id',
      severity: 'error',
      title: 'Invalid membership ID',
      description:
        'Membership IDs are 36-character lower-case UUIDs (API pattern [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}). Copy the ID from the Details tab of the collaboration.',
      docUrl: CR_DOCS.membershipApi,
      example: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/${MEMBERSHIP.toUpperCase()}`)),
    },
    {
      id: 'cleanrooms-region',
      severity: 'error',
      title: 'Region without AWS Clean Rooms',
      description: `AWS Clean Rooms runs only in ${CR_REGION_LIST}. A Clean Rooms ARN in another Region names nothing.`,
      docUrl: CR_DOCS.endpoints,
      example: policy(scoped('ArnLike', 'aws:SourceArn', `arn:aws:cleanrooms:eu-west-3:${ACCOUNT}:membership/${MEMBERSHIP}`)),
    },
    {
      id: 'cleanrooms-region-mismatch',
      severity: 'warning',
      title: 'Resource Region differs from the membership Region',
      description: 'Your AWS Glue, Athena, KMS and S3 resources must be in the same AWS Region as the AWS Clean Rooms collaboration.',
      docUrl: CR_DOCS.setup + '#create-service-role-procedure',
      example: policy(
        allow('cleanrooms:GetMembership', MEMBERSHIP_ARN),
        allow(
          ['glue:GetDatabase', 'glue:GetTable'],
          [`arn:aws:glue:eu-west-2:${ACCOUNT}:catalog`, `arn:aws:glue:eu-west-2:${ACCOUNT}:database/sales`, `arn:aws:glue:eu-west-2:${ACCOUNT}:table/sales/*`],
        ),
      ),
    },
    {
      id: 'cleanrooms-unscoped-trust',
      severity: 'info',
      title: 'Trust policy not scoped to your memberships',
      description:
        'A trust policy for cleanrooms.amazonaws.com without an aws:SourceArn (or aws:SourceAccount / sts:ExternalId) condition lets Clean Rooms assume the role for any membership: the confused-deputy problem. Scope it to your membership ARNs.',
      docUrl: CR_DOCS.deputy,
      example: policy(cleanRoomsTrust()),
    },
    {
      id: 'cleanrooms-forany-single-valued',
      severity: 'hint',
      title: 'ForAnyValue: on single-valued aws:SourceArn',
      description:
        'aws:SourceArn is single-valued; IAM recommends set operators only for multivalued keys. The AWS sample uses ForAnyValue:ArnEquals, which works like plain ArnEquals here.',
      docUrl: CR_DOCS.deputy,
      example: policy(scoped('ForAnyValue:ArnEquals', 'aws:SourceArn', [MEMBERSHIP_ARN])),
    },
    {
      id: 'cleanrooms-externalid-arnlike',
      severity: 'hint',
      title: 'ArnLike on sts:ExternalId',
      description:
        "sts:ExternalId is a String key. The receive-results page compares it with ArnLike, the confused-deputy page with StringLike; StringLike matches the key's type.",
      docUrl: CR_DOCS.deputy,
      example: policy(scoped('ArnLike', 'sts:ExternalId', `arn:aws:*:us-east-1:*:dbuser:*/${MEMBERSHIP}*`)),
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    const sites = collectArnSites(ctx.model);
    principalTypos(ctx);
    const crStatements = ctx.model.statements.filter((st) => servicePrincipals(st).some((v) => v === CLEAN_ROOMS_PRINCIPAL || v === CLEAN_ROOMS_ML_PRINCIPAL));
    const isCleanRooms = crStatements.length > 0 || sites.some((s) => isCleanRoomsArn(s.value) || isDbUserPattern(s));
    if (!isCleanRooms) return;

    const membershipRegions = new Set<string>();
    for (const site of sites) {
      if (isDbUserPattern(site)) {
        dbUserPattern(ctx, site, membershipRegions);
        continue;
      }
      if (!isCleanRoomsArn(site.value)) continue;
      cleanRoomsArn(ctx, site, membershipRegions);
    }
    for (const st of crStatements) {
      sourceArnKind(ctx, st, sites);
      unscoped(ctx, st);
    }
    operatorHints(ctx);
    if (membershipRegions.size > 0) regionMismatch(ctx, sites, membershipRegions);
  },
} satisfies RuleFamily;

function servicePrincipals(st: StatementModel): string[] {
  const p = st.principal;
  if (p?.type !== 'object') return [];
  const svc = getProperty(p, 'Service');
  return svc ? stringItems(valueOf(svc)).map((i) => i.value) : [];
}

function isCleanRoomsArn(v: string): boolean {
  return v.startsWith('arn:') && /^(cleanrooms|cleanrooms-ml)$/.test(parseArn(v).service?.text ?? '');
}

/** The Redshift-dbuser-shaped sts:ExternalId pattern Clean Rooms passes (facts §1.a.7). */
function isDbUserPattern(site: ArnSite): boolean {
  return site.key?.toLowerCase() === 'sts:externalid' && /:dbuser:/.test(site.value);
}

function principalTypos(ctx: RuleContext): void {
  for (const st of ctx.model.statements) {
    for (const p of [st.principal, st.notPrincipal]) {
      if (p?.type !== 'object') continue;
      const svc = getProperty(p, 'Service');
      for (const item of stringItems(svc && valueOf(svc))) {
        const target = cleanRoomsPrincipalTypo(item.value);
        if (!target) continue;
        const r = contentRange(item.node);
        ctx.report(
          'cleanrooms-principal-typo',
          r.offset,
          r.length,
          `${quote(item.value)} is not the AWS Clean Rooms service principal: write ${target}. With a misspelled principal the service can never assume this role.`,
          {
            fixes: [{ title: `Change to ${target}`, edits: [replaceStringContent(item.node, target)], preferred: true }],
          },
        );
      }
    }
  }
}

function cleanRoomsArn(ctx: RuleContext, site: ArnSite, membershipRegions: Set<string>): void {
  const { node, value } = site;
  if (!isMappableString(ctx.text, node)) return;
  const arn = parseArn(value);
  if (arn.fields.length < 6) return;
  const region = arn.region!;
  const resource = arn.resource!;
  regionCheck(ctx, node, arn.partition!.text, region.text, region.start, region.end, `${arn.service!.text} ARN`);
  const m = /^membership\/([^/]*)/.exec(resource.text);
  if (m) {
    const id = m[1];
    const start = resource.start + 'membership/'.length;
    membershipIdCheck(ctx, node, id, start);
    if (arn.service!.text === 'cleanrooms' && region.text && !hasWildcard(region.text) && !hasVariable(region.text) && regionInfo(region.text))
      membershipRegions.add(region.text);
  }
}

function regionCheck(ctx: RuleContext, node: Node, partition: string, region: string, start: number, end: number, what: string): void {
  if (!region || hasWildcard(region) || hasVariable(region)) return;
  const info = regionInfo(region);
  // Not a Region, or a Region of another partition than the ARN's: the arn family reports those.
  if (!info || isCleanRoomsRegion(region) || (info.partition !== partition && !hasWildcard(partition))) return;
  const r = rangeInString(ctx.text, node, start, end);
  if (touchesPlaceholder(ctx, r.offset, r.length)) return;
  ctx.report(
    'cleanrooms-region',
    r.offset,
    r.length,
    `AWS Clean Rooms is not available in ${region} (${info.name}), so this ${what} names nothing. Use the Region of your collaboration: one of ${CR_REGION_LIST}.`,
  );
}

function membershipIdCheck(ctx: RuleContext, node: Node, id: string, start: number): void {
  if (id === '' || hasWildcard(id) || hasVariable(id) || MEMBERSHIP_ID_RE.test(id)) return;
  const r = rangeInString(ctx.text, node, start, start + id.length);
  if (touchesPlaceholder(ctx, r.offset, r.length)) return;
  const fixes: Fix[] = MEMBERSHIP_ID_RE.test(id.toLowerCase())
    ? [{ title: 'Change to lower case', edits: [{ offset: r.offset, length: r.length, newText: id.toLowerCase() }], preferred: true }]
    : [];
  const msg = fixes.length
    ? `Membership ID ${quote(id)} must be lower case, exactly as the console shows it.`
    : `${quote(id)} is not a membership ID: membership IDs are 36-character lower-case UUIDs such as 3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17 (Details tab of the collaboration).`;
  ctx.report('cleanrooms-membership-id', r.offset, r.length, msg, { fixes });
}

/** arn:aws:*:<region>:*:dbuser:*\/<membership-id>* — region and membership id of the querying member. */
function dbUserPattern(ctx: RuleContext, site: ArnSite, membershipRegions: Set<string>): void {
  const { node, value } = site;
  if (!isMappableString(ctx.text, node)) return;
  const arn = parseArn(value);
  if (arn.fields.length < 6) return;
  const region = arn.region!;
  regionCheck(ctx, node, arn.partition!.text, region.text, region.start, region.end, 'sts:ExternalId pattern');
  if (region.text && !hasWildcard(region.text) && isCleanRoomsRegion(region.text)) membershipRegions.add(region.text);
  const slash = value.lastIndexOf('/');
  if (slash < 0) return;
  const tail = value.slice(slash + 1);
  const id = tail.replace(/\*$/, '');
  membershipIdCheck(ctx, node, id, slash + 1);
}

function sourceArnKind(ctx: RuleContext, st: StatementModel, sites: ArnSite[]): void {
  const principals = servicePrincipals(st);
  const ml = principals.includes(CLEAN_ROOMS_ML_PRINCIPAL) && !principals.includes(CLEAN_ROOMS_PRINCIPAL);
  for (const site of sites) {
    if (site.statement !== st || site.origin !== 'condition' || site.key?.toLowerCase() !== 'aws:sourcearn') continue;
    if (!site.value.startsWith('arn:') || !isMappableString(ctx.text, site.node)) continue;
    const arn = parseArn(site.value);
    if (arn.fields.length < 6) continue;
    const service = arn.service!.text;
    const resource = arn.resource!;
    const type = /^[^/:]*/.exec(resource.text)![0];
    if (hasWildcard(service) || hasWildcard(type) || hasVariable(service)) continue;
    if (service === 'cleanrooms' && type === 'membership') continue;
    if (ml && service === 'cleanrooms-ml') continue;
    const r =
      service === 'cleanrooms' || service === 'cleanrooms-ml'
        ? rangeInString(ctx.text, site.node, resource.start, resource.start + type.length)
        : rangeInString(ctx.text, site.node, arn.service!.start, arn.service!.end);
    if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
    const why =
      type === 'collaboration'
        ? 'This is the collaboration ARN. Clean Rooms assumes the role on behalf of a membership, so aws:SourceArn is the membership ARN and a collaboration ARN never matches: the role could not be assumed.'
        : `aws:SourceArn here is ${service === 'cleanrooms' ? `a ${elide(type)} ARN` : `an ${elide(service)} ARN`}, but Clean Rooms sets it to the ARN of the membership that uses the role, so this condition never matches.`;
    ctx.report(
      'cleanrooms-source-arn-membership',
      r.offset,
      r.length,
      `${why} Use arn:aws:cleanrooms:<region>:<account-id>:membership/<membership-id> (Details tab of the collaboration), one per member.`,
    );
  }
}

function unscoped(ctx: RuleContext, st: StatementModel): void {
  if (st.effect?.value !== 'Allow') return;
  const svc = getProperty(st.principal, 'Service');
  const item = stringItems(svc && valueOf(svc)).find((i) => i.value === CLEAN_ROOMS_PRINCIPAL);
  if (!item) return;
  const cond = st.condition;
  if (cond?.type === 'object') {
    for (const [, opProp] of properties(cond)) {
      for (const [key] of properties(valueOf(opProp))) if (SCOPED_KEYS.has(key.toLowerCase())) return;
    }
  }
  const fixes = scopeFix(ctx, st);
  const r = contentRange(item.node);
  ctx.report(
    'cleanrooms-unscoped-trust',
    r.offset,
    r.length,
    "Any Clean Rooms membership could make the service assume this role (the confused-deputy problem). Add a condition that aws:SourceArn is one of your collaboration members' membership ARNs; include every member that reads through this role.",
    { fixes },
  );
}

function scopeFix(ctx: RuleContext, st: StatementModel): Fix[] {
  const text = ctx.text;
  // Plain ArnEquals: aws:SourceArn is single-valued, so the AWS sample's ForAnyValue: prefix would draw this kit's own
  // cleanrooms-forany-single-valued hint. A list of ARNs under ArnEquals matches any one of them.
  const op = 'ArnEquals';
  const title = 'Scope to membership ARNs (aws:SourceArn condition)';
  const cond = st.condition;
  if (cond) {
    if (cond.type !== 'object' || getProperty(cond, op)) return [];
    const props = (cond.children ?? []).filter((c) => c.type === 'property');
    const last = props[props.length - 1];
    if (!last) {
      return [
        { title, edits: [{ offset: cond.offset + 1, length: cond.length - 2, newText: ` "${op}": { "aws:SourceArn": [ "${SCOPED_CONDITION_ARN}" ] } ` }] },
      ];
    }
    const multiline = startsLine(text, last.offset);
    const indent = lineIndent(text, last.offset);
    const unit = indent.slice(lineIndent(text, cond.offset).length) || '    ';
    const newText = multiline
      ? `,\n${indent}"${op}": {\n${indent}${unit}"aws:SourceArn": [\n${indent}${unit}${unit}"${SCOPED_CONDITION_ARN}"\n${indent}${unit}]\n${indent}}`.replace(
          /\n/g,
          lineBreakOf(text),
        )
      : `, "${op}": { "aws:SourceArn": [ "${SCOPED_CONDITION_ARN}" ] }`;
    return [{ title, edits: [{ offset: last.offset + last.length, length: 0, newText }] }];
  }
  const props = (st.node.children ?? []).filter((c) => c.type === 'property');
  const last = props[props.length - 1];
  if (!last) return [];
  const multiline = startsLine(text, last.offset);
  const indent = lineIndent(text, last.offset);
  const unit = indent.slice(lineIndent(text, st.node.offset).length) || '    ';
  const newText = multiline
    ? `,\n${indent}"Condition": {\n${indent}${unit}"${op}": {\n${indent}${unit}${unit}"aws:SourceArn": [\n${indent}${unit}${unit}${unit}"${SCOPED_CONDITION_ARN}"\n${indent}${unit}${unit}]\n${indent}${unit}}\n${indent}}`.replace(
        /\n/g,
        lineBreakOf(text),
      )
    : `, "Condition": { "${op}": { "aws:SourceArn": [ "${SCOPED_CONDITION_ARN}" ] } }`;
  return [{ title, edits: [{ offset: last.offset + last.length, length: 0, newText }] }];
}

function operatorHints(ctx: RuleContext): void {
  for (const st of ctx.model.statements) {
    const cond = st.condition;
    if (cond?.type !== 'object') continue;
    for (const [op, opProp] of properties(cond)) {
      const parsed = parseOperator(op);
      if (!parsed.known) continue;
      const block = valueOf(opProp);
      const keys = properties(block).map(([k]) => k.toLowerCase());
      const opKey = keyOf(opProp);
      const r = contentRange(opKey);
      if (parsed.prefix === 'ForAnyValue:' && keys.includes('aws:sourcearn')) {
        const target = op.slice(parsed.prefix.length);
        const fixes: Fix[] =
          keys.every((k) => k === 'aws:sourcearn') && !getProperty(cond, target) && !isDuplicatedKey(cond, op)
            ? [{ title: `Change to ${target}`, edits: [replaceStringContent(opKey, target)] }]
            : [];
        ctx.report(
          'cleanrooms-forany-single-valued',
          r.offset,
          r.length,
          `aws:SourceArn is single-valued, so ${op} behaves like plain ${target} (a list of values is already OR'd). The AWS sample uses ${op}; ${target} is the idiomatic form.`,
          { fixes },
        );
      }
      if (parsed.base.startsWith('Arn') && keys.includes('sts:externalid')) {
        const target = op.replace(/Arn(Not)?(Like|Equals)/, 'String$1Like');
        const fixes: Fix[] =
          keys.every((k) => k === 'sts:externalid') && !getProperty(cond, target) && !isDuplicatedKey(cond, op)
            ? [{ title: `Change to ${target}`, edits: [replaceStringContent(opKey, target)], preferred: true }]
            : [];
        ctx.report(
          'cleanrooms-externalid-arnlike',
          r.offset,
          r.length,
          `sts:ExternalId is a String key; compare it with ${target} (as the AWS confused-deputy page does) rather than ${op}.`,
          { fixes },
        );
      }
    }
  }
}

function regionMismatch(ctx: RuleContext, sites: ArnSite[], membershipRegions: Set<string>): void {
  const expected = [...membershipRegions].join(' or ');
  for (const site of sites) {
    if (!site.value.startsWith('arn:') || !isMappableString(ctx.text, site.node) || isDbUserPattern(site)) continue;
    const arn = parseArn(site.value);
    if (arn.fields.length < 6) continue;
    const service = arn.service!.text;
    const region = arn.region!;
    if (!SAME_REGION_SERVICES.has(service) || !region.text || hasWildcard(region.text) || hasVariable(region.text)) continue;
    const info = regionInfo(region.text);
    if (!info || info.partition !== arn.partition!.text || membershipRegions.has(region.text)) continue;
    const r = rangeInString(ctx.text, site.node, region.start, region.end);
    if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
    ctx.report(
      'cleanrooms-region-mismatch',
      r.offset,
      r.length,
      `This ${service} resource is in ${region.text}, but the Clean Rooms membership in this policy is in ${expected}. Your AWS Glue, Athena, KMS and S3 resources must be in the same Region as the collaboration.`,
    );
  }
}
