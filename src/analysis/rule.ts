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
   * the settings turn off counts too. Only findings of families that ran before this one are seen.
   */
  hasFindingAt(offset: number, rules?: readonly RuleId[]): boolean;
}

export interface RuleFamily {
  /** Family name, e.g. `placeholders`, `arn`, `grammar`, `cleanrooms`, `iam-data`. */
  name: string;
  rules: readonly RuleMeta[];
  check(ctx: RuleContext): void;
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
