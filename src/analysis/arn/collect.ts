// Where ARNs occur in a policy: Resource/NotResource, Principal AWS values and ARN-typed condition values. Pure.
import type { Node } from '../json';
import { keyOf, properties, stringItems, valueOf } from '../json';
import type { PolicyModel, StatementModel } from '../model';
import { ARN_CONDITION_KEYS, parseOperator } from '../condition-operators';

export type ArnOrigin = 'resource' | 'principal' | 'condition';

export interface ArnSite {
  /** The string node holding the value. */
  node: Node;
  value: string;
  origin: ArnOrigin;
  statement: StatementModel;
  /** Condition key and operator, for origin 'condition'. */
  key?: string;
  operator?: string;
  /** Condition operator node's key (for fixes that rename the operator). */
  operatorKey?: Node;
  /** The value must be an ARN (Resource values, ARN keys, ARN operators); otherwise only `arn:`-prefixed values are ARNs. */
  mustBeArn: boolean;
}

/** Condition keys whose values are ARNs or ARN patterns besides the ARN-typed global keys. */
const ARN_VALUED_KEYS = new Set([
  'kms:encryptioncontext:aws:s3:arn',
  'kms:encryptioncontext:secretarn',
  'iam:policyarn',
  'iam:permissionsboundary',
  'iam:associatedresourcearn',
]);

/** The sites of each model, collected once (a model is not changed after buildModel). */
const SITES = new WeakMap<PolicyModel, ArnSite[]>();

export function collectArnSites(model: PolicyModel): ArnSite[] {
  // Three families and the policy facts read the same sites: collected once per model (read-only).
  const have = SITES.get(model);
  if (have) return have;
  const out: ArnSite[] = [];
  for (const st of model.statements) {
    for (const [k, origin] of [
      ['resource', 'resource'],
      ['notResource', 'resource'],
    ] as const) {
      for (const item of stringItems(st[k])) out.push({ node: item.node, value: item.value, origin, statement: st, mustBeArn: true });
    }
    for (const p of [st.principal, st.notPrincipal]) {
      if (p?.type !== 'object') continue;
      for (const [pk, pp] of properties(p)) {
        if (pk !== 'AWS') continue;
        for (const item of stringItems(valueOf(pp))) {
          if (item.value.startsWith('arn:')) out.push({ node: item.node, value: item.value, origin: 'principal', statement: st, mustBeArn: true });
        }
      }
    }
    if (st.condition?.type === 'object') {
      for (const [op, opProp] of properties(st.condition)) {
        const parsed = parseOperator(op);
        if (!parsed.known || parsed.base === 'Null') continue;
        const arnOp = parsed.base.startsWith('Arn');
        const block = valueOf(opProp);
        for (const [key, kp] of properties(block)) {
          const lk = key.toLowerCase();
          const arnKey = ARN_CONDITION_KEYS.has(lk) || ARN_VALUED_KEYS.has(lk);
          for (const item of stringItems(valueOf(kp))) {
            const isArnish = item.value.startsWith('arn:');
            if (!isArnish && !(arnOp && arnKey)) continue;
            out.push({
              node: item.node,
              value: item.value,
              origin: 'condition',
              statement: st,
              key,
              operator: op,
              operatorKey: keyOf(opProp),
              mustBeArn: arnOp && arnKey,
            });
          }
        }
      }
    }
  }
  SITES.set(model, out);
  return out;
}
