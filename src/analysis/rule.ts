// Rule plumbing: a rule family is a set of RuleMeta plus one check function over the policy model.
import type { Node } from './json';
import type { PolicyModel } from './model';
import { elide, MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH } from './messages';
import type { RuleId } from './rules/ids';
import type { AnalyzeOptions, Finding, Fix, PlaceholderRef, RelatedLocation, RuleMeta, SeveritySetting } from './types';

export type { RuleId };

export interface ReportExtras {
  fixes?: Fix[];
  related?: RelatedLocation[];
  placeholder?: PlaceholderRef;
  /** Override the rule's doc link for this one finding. */
  docUrl?: string;
}

export interface RuleContext {
  readonly text: string;
  readonly model: PolicyModel;
  readonly options: AnalyzeOptions;
  /** Report on an exact offset range. A finding has its rule's severity: a variant at another severity is a rule of its own. */
  report(ruleId: RuleId, offset: number, length: number, message: string, extras?: ReportExtras): void;
  /** Report on a whole node (a string value includes its quotes). */
  reportNode(ruleId: RuleId, node: Node, message: string, extras?: ReportExtras): void;
  /**
   * True when the given range already carries a finding of one of these rules (to avoid piling up); a finding of a rule
   * the settings turn off counts too. Seen: the engine's own findings (rules/core.ts), this family's, and those of the
   * families it names in `readsFindingsOf` (which the engine runs first), whatever the registry order; no other.
   */
  hasFindingAt(offset: number, rules?: readonly RuleId[]): boolean;
}

export interface RuleFamily {
  /** Family name, e.g. `placeholders`, `arn`, `grammar`, `cleanrooms`, `iam-data`. */
  name: string;
  rules: readonly RuleMeta[];
  /**
   * The families whose findings this family's `hasFindingAt` sees (by name; families never import each other). The
   * engine runs them before this family (runOrder); none by default. The dependency is declared, never implied by
   * the registry's order.
   */
  readsFindingsOf?: readonly string[];
  check(ctx: RuleContext): void;
}

/**
 * The order analyze() runs the families in: each after the families it reads the findings of, otherwise in the given
 * order (a stable topological sort). A name that is not among `families` has no findings to wait for; a cycle throws.
 */
export function runOrder(families: readonly RuleFamily[]): RuleFamily[] {
  const present = new Set(families.map((f) => f.name));
  const done = new Set<string>();
  const order: RuleFamily[] = [];
  let left = [...families];
  while (left.length) {
    const next = left.find((f) => (f.readsFindingsOf ?? []).every((d) => done.has(d) || !present.has(d) || d === f.name));
    if (!next) throw new Error(`rule families read each other's findings in a cycle: ${left.map((f) => f.name).join(', ')}`);
    order.push(next);
    done.add(next.name);
    left = left.filter((f) => f !== next);
  }
  return order;
}

export function makeFinding(meta: RuleMeta, offset: number, length: number, message: string, extras?: ReportExtras): Finding {
  const f: Finding = {
    rule: meta.id,
    severity: meta.severity,
    // Rules quote values through messages.ts (elided); this cap is the last resort for a value that slipped through.
    message: elide(message, MAX_MESSAGE_LENGTH),
    offset,
    length,
    docUrl: extras?.docUrl ?? meta.docUrl,
  };
  if (extras?.fixes?.length) f.fixes = extras.fixes.map((x) => (x.title.length > MAX_TITLE_LENGTH ? { ...x, title: elide(x.title, MAX_TITLE_LENGTH) } : x));
  if (extras?.related?.length)
    f.related = extras.related.map((r) => (r.message.length > MAX_TITLE_LENGTH ? { ...r, message: elide(r.message, MAX_TITLE_LENGTH) } : r));
  if (extras?.placeholder) f.placeholder = extras.placeholder;
  return f;
}

/**
 * The one place the settings (`severityOverrides`) apply to a finding: its severity becomes the setting's; undefined
 * when the setting turns its rule off. Used by analyze() and by the role-pair check.
 */
export function applySeverityOverride(f: Finding, overrides: Readonly<Record<string, SeveritySetting>>): Finding | undefined {
  const o = overrides[f.rule];
  if (o === 'off') return undefined;
  if (o) f.severity = o;
  return f;
}
