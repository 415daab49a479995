// Rule family "consistency": values that must agree inside one policy (issue 14, item 1). A membership has one Region
// and one account, wherever the policy names it (aws:SourceArn, the sts:ExternalId dbuser pattern, Resource ARNs); and
// one bucket has one owner, so two different exact s3:ResourceAccount values for the same bucket cannot both hold.
// Sources: facts §1.a.2 and §1.a.7 (the policies), §1.b (confused-deputy conditions), §3.5/§3.6 (ARN and ID formats).
import { policyFacts } from '../facts';
import { properties, rangeInString, stringItems, valueOf, type Node } from '../json';
import type { StatementModel } from '../model';
import type { RuleContext, RuleFamily } from '../rule';
import type { MembershipFact, RuleMeta } from '../types';
import { CR_DOCS } from './cleanrooms-data';
import { touchesPlaceholder } from './util';
import { quote } from '../messages';
import { ACCOUNT, MEMBERSHIP, BUCKET, policy, allow, cleanRoomsTrust, scoped } from './example-kit';

const S3_ACCOUNT_DOC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-3';

export const consistencyRules = {
  name: 'consistency',
  rules: [
    {
      id: 'consistency-membership',
      severity: 'warning',
      title: 'One membership, two Regions or accounts',
      description:
        'The same Clean Rooms membership ID appears with different Regions (or different accounts) in one policy, e.g. the sts:ExternalId pattern names eu-west-2 and the aws:SourceArn membership ARN us-east-1. A membership lives in one Region and one account, so one of the two never matches. Typical after filling the Region in one place only. Make them the same.',
      docUrl: CR_DOCS.deputy,
      example: policy(
        cleanRoomsTrust({ Condition: { StringLike: { 'sts:ExternalId': `arn:aws:*:eu-west-2:*:dbuser:*/${MEMBERSHIP}*` } } }),
        scoped('ArnEquals'),
      ),
    },
    {
      id: 'consistency-bucket-owner',
      severity: 'warning',
      title: 'One bucket, two owner accounts',
      description:
        "Two statements grant on the same S3 bucket with different exact s3:ResourceAccount values. A bucket has one owner account, so the statement with the other account grants nothing. Use the bucket owner's account ID in both.",
      docUrl: S3_ACCOUNT_DOC,
      example: policy(
        allow('s3:ListBucket', `arn:aws:s3:::${BUCKET}`, { Condition: { StringEquals: { 's3:ResourceAccount': ACCOUNT } } }),
        allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: { StringEquals: { 's3:ResourceAccount': '135792468013' } } }),
      ),
    },
    {
      id: 'consistency-role-pair',
      severity: 'warning',
      title: "The role's trust and permissions policies name different Regions or accounts",
      description:
        "Compares a role's two files when they sit side by side (the same pairing as Copy AWS CLI Commands: the other kind of policy in the same folder, with the same name stem or the only one there). The same membership must have the same Region and account in both, and the permissions policy's AWS Glue, Athena, KMS and S3 resources must be in the Region of the memberships the trust policy names (the collaboration's Region). Typical after filling the Region in one file only. The CLI reports it on the permissions file when you lint both files (or their folder); the editor on each open file of the pair. If the file next to it belongs to another role, name each role's two files with the same stem (read-data-trust.json, read-data-permissions.json) so that they pair with each other.",
      docUrl: CR_DOCS.setup + '#create-service-role-procedure',
      example: policy(
        allow(
          ['glue:GetDatabase', 'glue:GetTable'],
          [`arn:aws:glue:us-east-1:${ACCOUNT}:database/sales`, `arn:aws:glue:us-east-1:${ACCOUNT}:table/sales/orders`],
        ),
      ),
      exampleOptions: { fileName: 'read-data-permissions.json' },
      exampleSibling: {
        fileName: 'read-data-trust.json',
        text: policy(scoped('ArnEquals', 'aws:SourceArn', `arn:aws:cleanrooms:eu-west-2:${ACCOUNT}:membership/${MEMBERSHIP}`)),
      },
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    membership(ctx);
    bucketOwner(ctx);
  },
} satisfies RuleFamily;

function membership(ctx: RuleContext): void {
  const byId = new Map<string, MembershipFact[]>();
  for (const m of policyFacts(ctx).memberships) {
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
