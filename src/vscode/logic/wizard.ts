// Pure: the fill wizard's steps, answer interpretation and the multi-step runner (with Back). No vscode import.
import { MEMBERSHIP_ARN_RE, placeholderKind } from '../../catalog/placeholder-kinds';
import type { PolicyTemplate, TemplatePlaceholder } from '../../catalog/types';
import type { PlaceholderGroup } from '../../fill/detect';

/** Registered symbol, so test bundles that copy this module still share it. */
export const BACK: unique symbol = Symbol.for('cleanroomsIam.back') as never;
export type Answer = string | typeof BACK | undefined;

export interface FillStep {
  /** Answer key: the template placeholder name, or the placeholder's raw text in a document. */
  key: string;
  /** Display name (`<region>`, `accountId`, `111122223333`). */
  display: string;
  /** Placeholder kind id. */
  kind: string;
  label: string;
  help: string;
  /** Region kinds are asked with a quick pick; the rest with an input box. */
  type: 'region' | 'input';
  /** Value offered first (remembered from last time). */
  defaultValue?: string;
  /** How many places in the document this answer fills. */
  occurrences?: number;
}

const REGION_KINDS = new Set(['region', 'any-region']);

export function isRegionKind(kind: string): boolean {
  return REGION_KINDS.has(kind);
}

function stepFor(key: string, display: string, kind: string, p?: Pick<TemplatePlaceholder, 'label' | 'help'>, occurrences?: number): FillStep {
  const k = placeholderKind(kind);
  return {
    key,
    display,
    kind: k.id === 'text' && kind !== 'text' ? kind : k.id,
    label: p?.label ?? k.label,
    help: p?.help ?? k.help,
    type: isRegionKind(k.id) ? 'region' : 'input',
    ...(occurrences !== undefined ? { occurrences } : {}),
  };
}

/** One step per placeholder a template declares (each is declared once), in declaration order. */
export function stepsForTemplate(t: PolicyTemplate): FillStep[] {
  return t.placeholders.map((p) => stepFor(p.name, `<${p.name}>`, p.kind, p));
}

/**
 * Template-specific label/help for a placeholder name, when a catalog template declares it (first one wins).
 * `<data-account-id>` in a document gets "the account that owns the Glue Data Catalog" instead of the generic help.
 */
export function templatePlaceholderInfo(
  templates: readonly PolicyTemplate[],
  name: string,
): { template: PolicyTemplate; placeholder: TemplatePlaceholder } | undefined {
  for (const t of templates) {
    const p = t.placeholders.find((x) => x.name === name);
    if (p && (p.help || p.label)) return { template: t, placeholder: p };
  }
  return undefined;
}

/** One step per distinct placeholder found in a document (groupPlaceholders), in order of first appearance. */
export function stepsForGroups(groups: readonly PlaceholderGroup[], templates: readonly PolicyTemplate[] = []): FillStep[] {
  return groups.map((g) => {
    const info = g.source === 'token' ? templatePlaceholderInfo(templates, g.name)?.placeholder : undefined;
    return stepFor(g.key, g.key, g.kind, info, g.occurrences.length);
  });
}

export interface Interpreted {
  value: string;
  /** Other answers implied by this one (a pasted membership ARN also gives the Region). */
  implied: Record<string, string>;
}

/** A membership ARN pasted where a membership ID belongs: its parts. */
export function parseMembershipArn(v: string): { region: string; account: string; id: string } | undefined {
  const m = MEMBERSHIP_ARN_RE.exec(v.trim());
  return m ? { region: m[1], account: m[2], id: m[3] } : undefined;
}

/** Validate as the user types: undefined when acceptable, else a message. */
export function validateAnswer(step: FillStep, raw: string): string | undefined {
  const v = raw.trim();
  if (step.kind === 'membership-id') {
    const arn = parseMembershipArn(v);
    if (arn) return placeholderKind('membership-arn').validate(v);
  }
  return placeholderKind(step.kind).validate(v);
}

/** Normalise an accepted answer; a membership ARN in a membership-id step yields its ID and fills the Region steps. */
export function interpretAnswer(step: FillStep, raw: string, steps: readonly FillStep[]): Interpreted {
  const v = raw.trim();
  const implied: Record<string, string> = {};
  if (step.kind === 'membership-id') {
    const arn = parseMembershipArn(v);
    if (arn) {
      for (const s of steps) if (s.kind === 'region') implied[s.key] = arn.region;
      // `<query-runner-membership-id>` pairs with `<query-runner-account-id>`: the ARN holds that account too.
      if (/membership-id$/.test(step.key)) {
        const accountKey = step.key.replace(/membership-id$/, 'account-id');
        const acc = steps.find((s) => s.key === accountKey && s.kind === 'account-id');
        if (acc) implied[acc.key] = arn.account;
      }
      return { value: arn.id, implied };
    }
  }
  return { value: v, implied };
}

export interface StepContext {
  /** 1-based position among the visible steps, counting `offset` earlier steps (e.g. the template pick). */
  step: number;
  totalSteps: number;
  /** Back is offered (there is an earlier step to return to). */
  canGoBack: boolean;
  /** Current answers, for defaults. */
  answers: ReadonlyMap<string, string>;
}

export type Ask = (step: FillStep, ctx: StepContext) => Promise<Answer>;

export type RunResult = { answers: Map<string, string> } | typeof BACK | undefined;

/**
 * Run the steps in order. Back returns to the previous step (or, from the first step, returns BACK to the caller
 * when `backFromFirst`); undefined (Escape) cancels everything. Steps whose answer was implied by an earlier answer
 * (the Region from a pasted membership ARN) are skipped in both directions.
 */
export async function runSteps(
  steps: readonly FillStep[],
  ask: Ask,
  /** `answers`: the map the answers go into; after Escape it still holds the values given so far. */
  opts: { offset?: number; backFromFirst?: boolean; answers?: Map<string, string> } = {},
): Promise<RunResult> {
  const offset = opts.offset ?? 0;
  const answers = opts.answers ?? new Map<string, string>();
  const impliedBy = new Map<string, string>(); // implied key -> key of the step that implied it
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (impliedBy.has(step.key)) {
      i++;
      continue;
    }
    const a = await ask(step, {
      step: offset + i + 1,
      totalSteps: offset + steps.length,
      canGoBack: i > 0 || !!opts.backFromFirst,
      answers,
    });
    if (a === undefined) return undefined;
    if (a === BACK) {
      let j = i - 1;
      while (j >= 0 && impliedBy.has(steps[j].key)) j--;
      if (j < 0) {
        if (opts.backFromFirst) return BACK;
        continue; // nothing to go back to: ask again
      }
      i = j;
      continue;
    }
    for (const [k, from] of [...impliedBy]) if (from === step.key) impliedBy.delete(k);
    const r = interpretAnswer(step, a, steps);
    answers.set(step.key, r.value);
    for (const [k, v] of Object.entries(r.implied)) {
      if (k === step.key) continue;
      answers.set(k, v);
      impliedBy.set(k, step.key);
    }
    i++;
  }
  return { answers };
}

/** Remembered values: looked up by display key first, then by kind. */
export interface Remembered {
  byKey: Record<string, string>;
  byKind: Record<string, string>;
}

export function rememberedDefault(mem: Remembered | undefined, step: FillStep): string | undefined {
  if (!mem) return undefined;
  const v = mem.byKey[step.key] ?? mem.byKind[step.kind];
  return v !== undefined && validateAnswer(step, v) === undefined ? v : undefined;
}

export function remember(mem: Remembered | undefined, steps: readonly FillStep[], answers: ReadonlyMap<string, string>): Remembered {
  const out: Remembered = { byKey: { ...(mem?.byKey ?? {}) }, byKind: { ...(mem?.byKind ?? {}) } };
  for (const s of steps) {
    const v = answers.get(s.key);
    if (v === undefined) continue;
    // Doc example values (111122223333 …) are keys too, but the kind is what carries over between documents.
    out.byKey[s.key] = v;
    out.byKind[s.kind] = v;
  }
  // Keep the store small.
  const keys = Object.keys(out.byKey);
  for (const k of keys.slice(0, Math.max(0, keys.length - 100))) delete out.byKey[k];
  return out;
}
