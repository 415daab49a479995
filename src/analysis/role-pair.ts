// Across a role's two files: the trust policy and the permissions policy name the same membership with the same
// Region and account, and the permissions policy's Glue/Athena/KMS/S3 resources are in the Region of the memberships
// the trust policy names. Pure: the front ends find the sibling file (fill/aws-commands.ts pairs them, as Copy AWS CLI
// Commands does) and pass both files' facts (AnalysisResult.facts); no file system, no vscode.
// Sources: facts §1.a.2 and §5.3 (resources in the collaboration's Region), §1.b (the membership ARN in aws:SourceArn,
// its Region and account), §1.a.7 (the sts:ExternalId pattern names the querying membership's Region).
import type { IamIndex } from '../iam-data/types';
import { analyze } from './analyze';
import { applySeverityOverride, makeFinding } from './rule';
import { RULES_BY_ID } from './rules';
import { CR_DOCS } from './rules/cleanrooms-data';
import { quote } from './messages';
import type { FactValue, Finding, PolicyFacts, RuleMeta, SeveritySetting } from './types';

export const ROLE_PAIR_RULE = 'consistency-role-pair';

export interface PairSide {
  /** File name (no folder), shown in messages. */
  name: string;
  kind: 'trust' | 'permissions';
  facts: PolicyFacts;
}

const SAME_REGION_DOC = CR_DOCS.setup + '#create-service-role-procedure';

/**
 * Findings located in `self` where it disagrees with `sibling`, the other policy of the same role. Call it once per
 * file whose problems you show (the editor: each open file; the CLI: the permissions file, so one problem is one line).
 */
export function compareRolePair(self: PairSide, sibling: PairSide, overrides: Readonly<Record<string, SeveritySetting>> = {}): Finding[] {
  const meta = RULES_BY_ID.get(ROLE_PAIR_RULE)!;
  if (self.kind === sibling.kind) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  const report = (v: FactValue, message: string, docUrl: string): void => {
    const key = `${v.offset}:${v.length}`;
    if (seen.has(key)) return;
    seen.add(key);
    const f = applySeverityOverride(makeFinding(meta, v.offset, v.length, message, { docUrl }), overrides);
    if (f) out.push(f);
  };
  const other = `${quote(sibling.name)} (the ${sibling.kind} policy of this role)`;

  // 1. One membership, one Region and one account, in both files.
  for (const m of self.facts.memberships) {
    for (const field of ['region', 'account'] as const) {
      const here = m[field];
      if (!here) continue;
      const there = sibling.facts.memberships.find((s) => s.id === m.id && s[field] && s[field].text !== here.text);
      if (!there) continue;
      // One file agrees with the other somewhere too: that file's own inconsistency, which consistency-membership reports there.
      if (sibling.facts.memberships.some((s) => s.id === m.id && s[field]?.text === here.text)) continue;
      if (self.facts.memberships.some((s) => s.id === m.id && s[field]?.text === there[field]!.text)) continue;
      const noun = field === 'region' ? 'Region' : 'account';
      report(
        here,
        `Membership ${m.id} is in ${noun} ${quote(here.text)} here, but ${other} names it in ${noun} ${quote(there[field]!.text)} (${there.what}). A membership has one ${noun}, so one of the two never matches: use the ${noun} of your membership in both files (its ARN is on the collaboration's Details tab).`,
        CR_DOCS.deputy,
      );
    }
  }

  // 2. The permissions policy's resources are in the Region of the collaboration, which the trust policy's memberships name.
  const trust = self.kind === 'trust' ? self.facts : sibling.facts;
  const perms = self.kind === 'permissions' ? self.facts : sibling.facts;
  // A permissions policy that names a membership Region itself is compared with it by cleanrooms-region-mismatch.
  if (perms.memberships.some((m) => m.region)) return out;
  const memberRegions = new Set(trust.memberships.flatMap((m) => (m.region ? [m.region.text] : [])));
  if (!memberRegions.size) return out;
  const wrong = perms.resources.filter((r) => !memberRegions.has(r.region.text));
  if (!wrong.length) return out;
  const expected = [...memberRegions].join(' or ');
  if (self.kind === 'permissions') {
    for (const r of wrong)
      report(
        r.region,
        `This ${r.service} resource is in ${quote(r.region.text)}, but ${other} names memberships in ${expected}. Your AWS Glue, Athena, KMS and S3 resources must be in the same Region as the collaboration: use its Region here, or fix the Region in the trust policy.`,
        SAME_REGION_DOC,
      );
  } else {
    const resourceRegions = new Set(perms.resources.map((r) => r.region.text));
    const first = wrong[0];
    for (const m of self.facts.memberships) {
      if (!m.region || resourceRegions.has(m.region.text)) continue;
      report(
        m.region,
        `Membership ${m.id} is in Region ${quote(m.region.text)} here, but ${other} grants on ${first.service} resources in ${quote(first.region.text)}. Your AWS Glue, Athena, KMS and S3 resources must be in the same Region as the collaboration: make the two files name the collaboration's Region.`,
        SAME_REGION_DOC,
      );
    }
  }
  return out;
}

/**
 * What a rule reports on its documentation example: analyze() on the example, plus, for a rule with a sibling example
 * (consistency-role-pair), the comparison of the example with its sibling. docs/rules.md, the README tables and
 * test/unit/rules-docs.test.ts all read examples through this.
 */
export function exampleFindings(meta: RuleMeta, iam?: IamIndex): Finding[] {
  const result = analyze(meta.example, { iam, ...meta.exampleOptions });
  const found = result.findings.filter((f) => f.rule === meta.id);
  const sib = meta.exampleSibling;
  if (!sib || !result.facts || result.kind === 'not-a-policy') return found;
  const other = analyze(sib.text, { iam, fileName: sib.fileName });
  if (!other.facts || other.kind === 'not-a-policy') return found;
  const self: PairSide = { name: meta.exampleOptions?.fileName ?? 'policy.json', kind: result.kind, facts: result.facts };
  return [...found, ...compareRolePair(self, { name: sib.fileName, kind: other.kind, facts: other.facts }).filter((f) => f.rule === meta.id)];
}
