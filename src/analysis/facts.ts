// What one policy says about its Clean Rooms memberships and the Regions of its regional resources, with document
// offsets: extracted once per analysis, used by the consistency family inside one policy, and returned with the
// analysis (AnalysisResult.facts) so that the front ends can compare a role's two files (role-pair.ts). Pure.
// Sources: facts §1.a.2 and §1.a.7 (the policies), §1.b (confused-deputy conditions), §3.5/§3.6 (ARN and ID formats),
// §5.3 (Glue/KMS/Athena/S3 resources in the Region of the collaboration).
import { regionInfo } from '../catalog/regions';
import { collectArnSites, type ArnSite } from './arn/collect';
import { hasVariable, hasWildcard, parseArn } from './arn/parse';
import { isVerbatimString, rangeInString, type Node } from './json';
import type { PolicyModel } from './model';
import type { RuleContext } from './rule';
import { MEMBERSHIP_ID_RE, SAME_REGION_SERVICES } from './rules/cleanrooms-data';
import { touchesPlaceholder } from './rules/util';
import type { FactValue, MembershipFact, PolicyFacts, RegionalResourceFact } from './types';

const cache = new WeakMap<PolicyModel, PolicyFacts>();

/** The facts of this analysis' document: computed once per model (the consistency family and analyze() share them). */
export function policyFacts(ctx: RuleContext): PolicyFacts {
  let facts = cache.get(ctx.model);
  if (!facts) {
    const sites = collectArnSites(ctx.model);
    facts = { memberships: memberships(ctx, sites), resources: resources(ctx, sites) };
    cache.set(ctx.model, facts);
  }
  return facts;
}

/** A field's text and range when it is a literal value (no wildcard, variable or placeholder). */
function literal(ctx: RuleContext, node: Node, text: string, start: number, end: number): FactValue | undefined {
  if (!text || hasWildcard(text) || hasVariable(text) || /[<>{}]/.test(text)) return undefined;
  const r = rangeInString(ctx.text, node, start, end);
  if (touchesPlaceholder(ctx, r.offset, r.length)) return undefined;
  return { text, ...r };
}

const isDbUserPattern = (site: ArnSite): boolean => site.key?.toLowerCase() === 'sts:externalid' && /:dbuser:/.test(site.value);

function memberships(ctx: RuleContext, sites: ArnSite[]): MembershipFact[] {
  const out: MembershipFact[] = [];
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
      const fact: MembershipFact = {
        id: m[1],
        what: site.origin === 'condition' ? `the ${site.key ?? 'condition'} membership ARN` : 'the membership ARN',
      };
      const r = literal(ctx, node, region.text, region.start, region.end);
      const a = literal(ctx, node, account.text, account.start, account.end);
      if (r) fact.region = r;
      if (a) fact.account = a;
      out.push(fact);
    } else if (isDbUserPattern(site)) {
      // arn:aws:*:<region>:*:dbuser:*/<membership-id>* (facts §1.a.7): the Region of the querying membership.
      const slash = value.lastIndexOf('/');
      const id = value.slice(slash + 1).replace(/\*$/, '');
      if (slash < 0 || !MEMBERSHIP_ID_RE.test(id)) continue;
      const fact: MembershipFact = { id, what: 'the sts:ExternalId pattern' };
      const r = literal(ctx, node, region.text, region.start, region.end);
      if (r) fact.region = r;
      out.push(fact);
    }
  }
  return out;
}

/** Glue, Athena, KMS and S3 ARNs with a literal Region of the ARN's own partition (the ones that must be in the collaboration's Region). */
function resources(ctx: RuleContext, sites: ArnSite[]): RegionalResourceFact[] {
  const out: RegionalResourceFact[] = [];
  for (const site of sites) {
    if (!site.value.startsWith('arn:') || !isVerbatimString(ctx.text, site.node) || isDbUserPattern(site)) continue;
    const arn = parseArn(site.value);
    if (arn.fields.length < 6) continue;
    const service = arn.service!.text;
    if (!SAME_REGION_SERVICES.has(service)) continue;
    const region = arn.region!;
    const r = literal(ctx, site.node, region.text, region.start, region.end);
    if (!r || regionInfo(r.text)?.partition !== arn.partition!.text) continue;
    out.push({ service, region: r });
  }
  return out;
}
