// Rule family "consistency": values that must agree inside one policy (issue 14, item 1). A membership has one Region
// and one account, wherever the policy names it (aws:SourceArn, the sts:ExternalId dbuser pattern, Resource ARNs); and
// one bucket has one owner, so two different exact s3:ResourceAccount values for the same bucket cannot both hold.
// Sources: facts §1.a.2 and §1.a.7 (the policies), §1.b (confused-deputy conditions), §3.5/§3.6 (ARN and ID formats).
import { collectArnSites, type ArnSite } from '../arn/collect';
import { hasVariable, hasWildcard, parseArn } from '../arn/parse';
import { isVerbatimString, properties, rangeInString, stringItems, valueOf, type Node } from '../json';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import { CR_DOCS, MEMBERSHIP_ID_RE } from './cleanrooms-data';
import { touchesPlaceholder } from './util';
import { quote } from '../messages';

const S3_ACCOUNT_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-3';

export const consistencyRules: RuleFamily = {
  name: 'consistency',
  rules: [
    {
      id: 'consistency-membership',
      severity: 'warning',
      title: 'One membership, two Regions or accounts',
      description:
        'The same Clean Rooms membership ID appears with different Regions (or different accounts) in one policy, e.g. the sts:ExternalId pattern names eu-west-2 and the aws:SourceArn membership ARN us-east-1. A membership lives in one Region and one account, so one of the two never matches. Typical after filling the Region in one place only. Make them the same.',
      docUrl: CR_DOCS.deputy,
    },
    {
      id: 'consistency-bucket-owner',
      severity: 'warning',
      title: 'One bucket, two owner accounts',
      description:
        "Two statements grant on the same S3 bucket with different exact s3:ResourceAccount values. A bucket has one owner account, so the statement with the other account grants nothing. Use the bucket owner's account ID in both.",
      docUrl: S3_ACCOUNT_DOC,
    },
  ],
  check(ctx) {
    membership(ctx, collectArnSites(ctx.model));
    bucketOwner(ctx);
  },
};

interface Mention {
  id: string;
  /** Region text and its document range. */
  region?: { text: string; offset: number; length: number };
  account?: { text: string; offset: number; length: number };
  what: string;
}

/** A field's text and range when it is a literal value (no wildcard, variable or placeholder). */
function literal(ctx: RuleContext, node: Node, text: string, start: number, end: number): Mention['region'] {
  if (!text || hasWildcard(text) || hasVariable(text) || /[<>{}]/.test(text)) return undefined;
  const r = rangeInString(ctx.text, node, start, end);
  if (touchesPlaceholder(ctx, r.offset, r.length)) return undefined;
  return { text, ...r };
}

function mentions(ctx: RuleContext, sites: ArnSite[]): Mention[] {
  const out: Mention[] = [];
  for (const site of sites) {
    const { node, value } = site;
    if (!value.startsWith('arn:') || !isVerbatimString(ctx.text, node)) continue;
    const arn = parseArn(value);
    if (arn.fields.length < 6) continue;
    const service = arn.service!.text;
    const region = arn.region!;
    const account = arn.account!;
    const resource = arn.resource!;
    if (service === 'cleanrooms' || service === 'cleanrooms-ml') {
      const m = /^membership\/([^/*?]+)/.exec(resource.text);
      if (!m || !MEMBERSHIP_ID_RE.test(m[1])) continue;
      out.push({
        id: m[1],
        region: literal(ctx, node, region.text, region.start, region.end),
        account: literal(ctx, node, account.text, account.start, account.end),
        what: site.origin === 'condition' ? `the ${site.key ?? 'condition'} membership ARN` : 'the membership ARN',
      });
    } else if (site.key?.toLowerCase() === 'sts:externalid' && /:dbuser:/.test(value)) {
      // arn:aws:*:<region>:*:dbuser:*/<membership-id>* (facts §1.a.7): the Region of the querying membership.
      const slash = value.lastIndexOf('/');
      const id = value.slice(slash + 1).replace(/\*$/, '');
      if (slash < 0 || !MEMBERSHIP_ID_RE.test(id)) continue;
      out.push({ id, region: literal(ctx, node, region.text, region.start, region.end), what: 'the sts:ExternalId pattern' });
    }
  }
  return out;
}

function membership(ctx: RuleContext, sites: ArnSite[]): void {
  const byId = new Map<string, Mention[]>();
  for (const m of mentions(ctx, sites)) {
    const list = byId.get(m.id) ?? [];
    list.push(m);
    byId.set(m.id, list);
  }
  for (const [id, list] of byId) {
    for (const field of ['region', 'account'] as const) {
      const first = list.find((m) => m[field]);
      if (!first) continue;
      const a = first[field]!;
      for (const m of list) {
        const b = m[field];
        if (!b || b.text === a.text) continue;
        const noun = field === 'region' ? 'Region' : 'account';
        ctx.report(
          'consistency-membership',
          b.offset,
          b.length,
          `Membership ${id} is in ${noun} ${quote(b.text)} here, but ${first.what} names ${noun} ${quote(a.text)}. A membership has one ${noun}, so one of them never matches: use the ${noun} of your membership in both (its ARN is on the collaboration's Details tab).`,
          { related: [{ offset: a.offset, length: a.length, message: `${first.what}: ${noun} ${a.text}` }] },
        );
      }
    }
  }
}

/** Buckets a statement grants on (its Resource ARNs arn:aws:s3:::bucket[/…]), when every Resource is an S3 bucket/object ARN. */
function buckets(st: StatementModel): string[] | undefined {
  const items = stringItems(st.resource);
  if (!items.length) return undefined;
  const out = new Set<string>();
  for (const { value } of items) {
    const m = /^arn:[^:]+:s3:::([^/*?$<>{}]+)(?:\/.*)?$/.exec(value);
    if (!m) return undefined;
    out.add(m[1]);
  }
  return [...out];
}

/** The one exact s3:ResourceAccount of a statement: StringEquals with a single 12-digit value. */
function ownerAccount(st: StatementModel): { value: string; node: Node } | undefined {
  const cond = st.condition;
  if (cond?.type !== 'object') return undefined;
  for (const [op, opProp] of properties(cond)) {
    if (op !== 'StringEquals') continue;
    const block = valueOf(opProp);
    if (block?.type !== 'object') continue;
    for (const [key, kp] of properties(block)) {
      if (key.toLowerCase() !== 's3:resourceaccount') continue;
      const values = stringItems(valueOf(kp));
      if (values.length === 1 && /^\d{12}$/.test(values[0].value)) return values[0];
    }
  }
  return undefined;
}

function bucketOwner(ctx: RuleContext): void {
  const seen = new Map<string, { value: string; node: Node }>();
  for (const st of ctx.model.statements) {
    if (st.effect?.type !== 'string' || st.effect.value !== 'Allow' || st.notResource) continue;
    const bs = buckets(st);
    const owner = ownerAccount(st);
    if (!bs || !owner) continue;
    for (const b of bs) {
      const first = seen.get(b);
      if (!first) {
        seen.set(b, owner);
        continue;
      }
      if (first.value === owner.value) continue;
      const r = rangeInString(ctx.text, owner.node, 0, owner.value.length);
      if (touchesPlaceholder(ctx, r.offset, r.length) || touchesPlaceholder(ctx, first.node.offset + 1, first.value.length)) continue;
      ctx.report(
        'consistency-bucket-owner',
        r.offset,
        r.length,
        `Bucket ${quote(b)} is owned by account ${first.value} in another statement, but this one requires s3:ResourceAccount ${owner.value}. A bucket has one owner, so this statement grants nothing on it: use the same account in both.`,
        { related: [{ offset: first.node.offset + 1, length: first.value.length, message: `s3:ResourceAccount ${first.value} for ${b}` }] },
      );
    }
  }
}
