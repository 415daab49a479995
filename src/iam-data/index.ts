// Public API of the IAM reference index: parse, look up actions and condition keys, match action patterns and ARNs.
// Pure (no Node APIs, no vscode), so it runs in the CLI, the Node extension host and the browser build alike.
import { patternsOverlap, tokenizePolicyArn, tokenizeTemplate } from './arn-match';
import { globMatch } from './glob';
import {
  actionDescription,
  cacheOf,
  decodedService,
  keyDescription,
  knownKeyPrefixes,
  prefixKeys,
  remember,
  resolveKey,
  serviceIndex,
  type DecodedService,
  type KeyEntry,
} from './load';
import type { ActionInfo, ConditionKeyInfo, IamIndex } from './types';

export type { ActionInfo, ConditionKeyInfo, IamIndex, IamMeta } from './types';
export { parseIamIndex, asIamIndex, describeIamData } from './load';
export { arnMatchesTemplate } from './arn-match';
export { globMatch } from './glob';
export { editDistance, suggest, typoBudget } from './suggest';

const SAR_BASE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
export const GLOBAL_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';
export const IAM_STS_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html';

/** The Service Authorization Reference's list of every service's page. */
export const SAR_INDEX_URL = `${SAR_BASE}reference_policies_actions-resources-contextkeys.html`;

/**
 * The service's page in the Service Authorization Reference. AWS names the page after the service's name, not its
 * prefix: "Amazon S3" is `list_amazons3.html`, "AWS Glue" `list_awsglue.html`, "AWS IAM Access Analyzer"
 * `list_awsiamaccessanalyzer.html`, "AWS X-Ray" `list_awsx-ray.html`, "Amazon AppStream 2.0" `list_amazonappstream2.0.html`
 * (lower case; blanks and parentheses dropped; letters, digits, `.` and `-` kept). The name comes from the IAM data, so
 * without the index (or for a service the data does not know) this is the reference's list of services.
 */
export function serviceDocUrl(prefix: string, index?: IamIndex): string {
  const name = index ? serviceName(index, prefix) : undefined;
  return name ? sarPageUrl(name) : SAR_INDEX_URL;
}

/** The Service Authorization Reference page of the service with this name (see serviceDocUrl). */
export function sarPageUrl(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9.-]/g, '');
  return slug ? `${SAR_BASE}list_${slug}.html` : SAR_INDEX_URL;
}

/** The IAM User Guide section for a global key (anchors are `condition-keys-<name>` on the global-keys page). */
function globalKeyDocUrl(key: string): string {
  const lk = key.toLowerCase();
  if (lk.startsWith('sts:') || lk.startsWith('iam:')) return IAM_STS_KEYS_URL;
  if (!lk.startsWith('aws:')) return GLOBAL_KEYS_URL;
  let name = lk.slice(4).replace(/\/.*$/, '');
  // The page's own anchor for aws:CalledViaAWSMCP is misspelled (global-condition-keys.md, section 2.5).
  if (name === 'calledviaawsmcp') name = 'calledviaawasmcp';
  return `${GLOBAL_KEYS_URL}#condition-keys-${name}`;
}

export function serviceExists(index: IamIndex, prefix: string): boolean {
  return serviceIndex(index, prefix) !== undefined;
}

/** Every service prefix, sorted. */
export function servicePrefixes(index: IamIndex): string[] {
  return index.s.map((s) => s[0]);
}

export function serviceName(index: IamIndex, prefix: string): string | undefined {
  const i = serviceIndex(index, prefix);
  return i === undefined ? undefined : index.s[i][1];
}

/** Canonical action names of a service (e.g. `GetObject`), or [] for an unknown service. */
export function actionNames(index: IamIndex, prefix: string): string[] {
  const i = serviceIndex(index, prefix);
  return i === undefined ? [] : decodedService(index, i).actions.map((a) => a.name);
}

function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** Resolve `svc:Action` (case-insensitive) to its service and position. */
export function findAction(index: IamIndex, action: string): { svc: DecodedService; position: number } | undefined {
  const parts = splitAction(action);
  if (!parts) return undefined;
  const si = serviceIndex(index, parts[0]);
  if (si === undefined) return undefined;
  const svc = decodedService(index, si);
  const position = svc.actionByLower.get(parts[1].toLowerCase());
  return position === undefined ? undefined : { svc, position };
}

/** Details of one action (case-insensitive), for hovers; undefined when it does not exist. No wildcards. */
export function lookupAction(index: IamIndex, action: string): ActionInfo | undefined {
  const found = findAction(index, action);
  if (!found) return undefined;
  const { svc, position } = found;
  const a = svc.actions[position];
  return {
    service: svc.prefix,
    serviceName: svc.name,
    name: a.name,
    fullName: `${svc.prefix}:${a.name}`,
    description: actionDescription(index, svc, position),
    accessLevel: index.al[a.accessLevel] ?? '',
    resourceTypes: a.rt.map((r) => {
      const rt = svc.resourceTypes[r >> 1];
      return { name: rt.name, required: (r & 1) === 1, arnTemplates: [rt.arn] };
    }),
    conditionKeys: a.ck.map((k) => svc.conditionKeys[k].key),
    docUrl: sarPageUrl(svc.name),
  };
}

/** Resolve a condition key (case-insensitive; `aws:ResourceTag/Project` resolves to `aws:ResourceTag/${TagKey}`). */
export function findConditionKey(index: IamIndex, key: string): KeyEntry | undefined {
  return resolveKey(index, key);
}

/** Details of a condition key, for hovers; undefined when the data does not know it. */
export function lookupConditionKey(index: IamIndex, key: string): ConditionKeyInfo | undefined {
  const e = findConditionKey(index, key);
  if (!e) return undefined;
  const global = e.service < 0;
  return {
    key: e.key,
    type: e.type,
    multivalued: e.multivalued,
    description: keyDescription(index, e),
    docUrl: global ? globalKeyDocUrl(e.key) : sarPageUrl(index.s[e.service][1]),
    global,
  };
}

/** Whether a condition-key prefix (`s3`, `aws`, `saml`, `accounts.google.com`) appears in the data. */
export function conditionKeyPrefixKnown(index: IamIndex, prefix: string): boolean {
  return knownKeyPrefixes(index).has(prefix.toLowerCase());
}

/** Every condition-key prefix the data knows (lower case). */
export function conditionKeyPrefixes(index: IamIndex): string[] {
  return [...knownKeyPrefixes(index)];
}

/** Canonical keys with this prefix (templated ones in their ${…} form), for "did you mean". */
export function conditionKeysWithPrefix(index: IamIndex, prefix: string): string[] {
  return prefixKeys(index, prefix).keys;
}

/** Characters a name needs at least to match a pattern (every character but `*`). */
function minMatchLength(pattern: string): number {
  let n = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern.charCodeAt(i) !== 0x2a) n++;
  return n;
}

const LONGEST_ACTION = new WeakMap<DecodedService, number>();
/** The length of a service's longest action name. */
function longestAction(svc: DecodedService): number {
  let n = LONGEST_ACTION.get(svc);
  if (n === undefined) {
    n = svc.actions.reduce((m, a) => Math.max(m, a.name.length), 0);
    LONGEST_ACTION.set(svc, n);
  }
  return n;
}

/**
 * Actions matched by an IAM action pattern (`s3:Get*`, `cleanrooms:List*`, `*:Describe*`, `s3:*`, `*`), as canonical
 * `service:Name`, in index order. Case-insensitive. A pattern without wildcards returns the action itself when it
 * exists. The one action matcher: the rules, completion and the role check use it. Bounded: a pattern that needs more
 * characters than a service's longest action name matches nothing there without being compared at all. Memoised per
 * index (at most 2,000 patterns); the result is shared (read-only).
 */
export function matchActions(index: IamIndex, pattern: string): string[] {
  const c = cacheOf(index);
  const memoKey = pattern.toLowerCase();
  const memo = c.patterns.get(memoKey);
  if (memo) return memo;
  let out: string[] = [];
  if (pattern === '*') {
    out = index.s.flatMap((_, i) => {
      const svc = decodedService(index, i);
      return svc.actions.map((a) => `${svc.prefix}:${a.name}`);
    });
  } else {
    const parts = splitAction(pattern);
    if (parts) {
      // A run of * means the same as one *: collapse it, so a pattern of 40,000 stars costs what "*" costs.
      const sp = parts[0].replace(/\*+/g, '*');
      const ap = parts[1].replace(/\*+/g, '*');
      // Not a RegExp: `.*` per `*` backtracks exponentially on patterns such as `*?*?*?…x` (see glob.ts).
      const serviceIdxs = /[*?]/.test(sp)
        ? index.s.map((s, i) => (globMatch(sp, s[0], true) ? i : -1)).filter((i) => i >= 0)
        : [serviceIndex(index, sp)].filter((i): i is number => i !== undefined);
      const wild = /[*?]/.test(ap);
      const need = minMatchLength(ap);
      for (const si of serviceIdxs) {
        const svc = decodedService(index, si);
        if (!wild) {
          const p = svc.actionByLower.get(ap.toLowerCase());
          if (p !== undefined) out.push(`${svc.prefix}:${svc.actions[p].name}`);
        } else if (need <= longestAction(svc)) {
          for (const a of svc.actions) if (a.name.length >= need && globMatch(ap, a.name, true)) out.push(`${svc.prefix}:${a.name}`);
        }
      }
    }
  }
  return remember(c.patterns, memoKey, out, 2000);
}

/** Resource types (name and ARN template) an action accepts; [] for an action that takes only `*`. */
export function actionResourceTypes(index: IamIndex, action: string): Array<{ name: string; arn: string; required: boolean }> {
  const found = findAction(index, action);
  if (!found) return [];
  const { svc, position } = found;
  return svc.actions[position].rt.map((r) => ({ ...svc.resourceTypes[r >> 1], required: (r & 1) === 1 }));
}

/** Memoised: does a policy Resource ARN overlap an ARN template? (`*`, `?`, placeholders and variables are wildcards.) */
export function resourceMatchesTemplate(index: IamIndex, arn: string, template: string): boolean {
  const c = cacheOf(index);
  let byArn = c.arnMatches.get(template);
  if (!byArn) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: the bound only limits memory; a cleared memo recomputes the same answer
    if (c.arnMatches.size >= 5000) c.arnMatches.clear();
    byArn = new Map();
    // Stryker disable next-line CallExpression: without the memo each answer is recomputed, the same
    c.arnMatches.set(template, byArn);
  }
  const have = byArn.get(arn);
  if (have !== undefined) return have;
  const result = patternsOverlap(tokenizePolicyArn(arn), tokenizeTemplate(template));
  // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: the bound only limits memory; a cleared memo recomputes the same answer
  if (byArn.size >= 2000) byArn.clear();
  byArn.set(arn, result);
  return result;
}

/** Resource types of a service whose ARN template a policy Resource ARN overlaps. */
export function resourceTypesForArn(index: IamIndex, service: string, arn: string): Array<{ name: string; arn: string }> {
  const si = serviceIndex(index, service);
  if (si === undefined) return [];
  return decodedService(index, si).resourceTypes.filter((rt) => resourceMatchesTemplate(index, arn, rt.arn));
}
