// Pure: the fill wizard's steps, answer interpretation and the multi-step runner (with Back). No vscode import.
import { MEMBERSHIP_ARN_RE, placeholderKind } from '../../catalog/placeholder-kinds';
import type { PolicyTemplate, TemplatePlaceholder } from '../../catalog/types';
import type { PlaceholderGroup } from '../../fill/detect';
import { TABLE_DATABASE_KEY, tableDatabaseKey } from '../../fill/apply';

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
  return distinctLabels(t.placeholders.map((p) => stepFor(p.name, `<${p.name}>`, p.kind, p)));
}

const ACRONYMS = new Set(['s3', 'kms', 'aws', 'arn', 'ml', 'ecr', 'id', 'iam']);

/** Whose value a placeholder name says it is, in words: s3BucketOwnerAccountId -> "S3 bucket owner" (the kind's own words dropped). */
export function ownerWords(name: string, label: string): string {
  const kindWords = new Set(label.toLowerCase().split(/[^a-z0-9]+/));
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length && kindWords.has(words[words.length - 1])) words.pop();
  if (!words.length || words.every((w) => /^\d+$/.test(w))) return '';
  const text = words.map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * Two steps must not share a title (two "AWS account ID" steps in one fill): each such label says whose value it is,
 * from the placeholder's name (S3 bucket owner, query runner), or else the name itself (accountId, 111122223333).
 */
function distinctLabels(steps: FillStep[]): FillStep[] {
  const count = new Map<string, number>();
  for (const s of steps) count.set(s.label, (count.get(s.label) ?? 0) + 1);
  for (const s of steps) {
    if ((count.get(s.label) ?? 0) < 2) continue;
    s.label = `${s.label} (${ownerWords(s.display, s.label) || s.display})`;
  }
  return steps;
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
  const steps = groups.map((g) => {
    const info = g.source === 'token' ? templatePlaceholderInfo(templates, g.name)?.placeholder : undefined;
    const step = stepFor(g.key, g.key, g.kind, info, g.occurrences.length);
    // The AWS page's table/table: the ARN is table/<database>/<table>, so the table step says the database goes in front.
    if (g.occurrences.some((o) => o.needsDatabase)) step.help = `${step.help} ${TABLE_ARN_HELP}`;
    return step;
  });
  // No single database placeholder to take the database from: ask for it, just before the first such table.
  const occurrences = groups.flatMap((g) => g.occurrences);
  if (tableDatabaseKey(occurrences) === TABLE_DATABASE_KEY) {
    const at = groups.findIndex((g) => g.occurrences.some((o) => o.needsDatabase));
    const n = occurrences.filter((o) => o.needsDatabase).length;
    const db = placeholderKind('glue-database');
    steps.splice(
      at,
      0,
      stepFor(TABLE_DATABASE_KEY, `database of table/${groups[at].key}`, db.id, { label: db.label, help: `${TABLE_ARN_HELP} ${db.help}` }, n),
    );
  }
  return distinctLabels(steps);
}

const TABLE_ARN_HELP = 'A Glue table ARN is table/<database>/<table>: the fill writes both.';

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

/**
 * The default of a Region step that has no answer yet: the answer of an earlier Region step of this fill. A Clean Rooms
 * policy names the collaboration's Region wherever it names a Region (the membership's, and the Glue, S3 and KMS
 * resources': facts §1.a.2, §5.3), so `{{us-east-1}}` after `{{region}}` takes the Region just given (the user can change it).
 */
export function linkedDefault(step: FillStep, steps: readonly FillStep[], answers: ReadonlyMap<string, string>): string | undefined {
  if (!isRegionKind(step.kind)) return undefined;
  for (const s of steps) {
    if (s.key === step.key) break;
    const v = answers.get(s.key);
    if (v !== undefined && s.kind === step.kind) return v;
  }
  return undefined;
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
