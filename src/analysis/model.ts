// The policy model: a thin, offset-preserving view of a parsed IAM policy document.
import type { Node } from './json';
import { getProperty, getValue, properties, stringItems, valueOf } from './json';
import type { PolicyKind } from './types';

export interface StatementModel {
  index: number;
  /** The statement's object node. */
  node: Node;
  /** Property nodes by exact key (the last copy of a duplicated key: the one IAM uses). */
  props: Map<string, Node>;
  /** Value nodes of the well-known elements (undefined when absent). */
  sid?: Node;
  effect?: Node;
  principal?: Node;
  notPrincipal?: Node;
  action?: Node;
  notAction?: Node;
  resource?: Node;
  notResource?: Node;
  condition?: Node;
}

export interface PolicyModel {
  text: string;
  root: Node;
  kind: Exclude<PolicyKind, 'not-a-policy'>;
  /** A resource-based policy (Principal and Resource together, not an sts trust): skip identity/trust-only rules. */
  resourcePolicy: boolean;
  /** The `Statement` property node (key + value). */
  statementProp?: Node;
  statements: StatementModel[];
  version?: Node;
}

const STATEMENT_KEYS: Array<[string, keyof StatementModel]> = [
  ['Sid', 'sid'],
  ['Effect', 'effect'],
  ['Principal', 'principal'],
  ['NotPrincipal', 'notPrincipal'],
  ['Action', 'action'],
  ['NotAction', 'notAction'],
  ['Resource', 'resource'],
  ['NotResource', 'notResource'],
  ['Condition', 'condition'],
];

export function buildStatement(node: Node, index: number): StatementModel {
  // One pass over the children (no [key, node] tuples); on a duplicated key, properties() decides: the last copy of a
  // duplicated key, as in IAM, in document order.
  const props = new Map<string, Node>();
  let dup = false;
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (!k || typeof k.value !== 'string') continue;
    if (props.has(k.value)) {
      dup = true;
      break;
    }
    props.set(k.value, p);
  }
  if (dup) {
    props.clear();
    for (const [k, p] of properties(node)) props.set(k, p);
  }
  const st: StatementModel = { index, node, props };
  for (const [key, field] of STATEMENT_KEYS) {
    const p = props.get(key);
    if (p) (st as unknown as Record<string, Node | undefined>)[field] = valueOf(p);
  }
  return st;
}

/** True when `root` is an object with a top-level `Statement` property. */
export function isPolicyRoot(root: Node | undefined): root is Node {
  return !!root && root.type === 'object' && !!getProperty(root, 'Statement');
}

const TRUST_ACTION = /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext)$/i;

/** Build the model; `root` must satisfy isPolicyRoot. */
export function buildModel(text: string, root: Node, fileName?: string): PolicyModel {
  const statementProp = getProperty(root, 'Statement');
  const sv = statementProp && valueOf(statementProp);
  const statementNodes: Node[] = !sv ? [] : sv.type === 'array' ? (sv.children ?? []) : [sv];
  // The index is the position in the Statement array, including non-object entries (one pass: no indexOf).
  const statements: StatementModel[] = [];
  statementNodes.forEach((n, i) => {
    if (n.type === 'object') statements.push(buildStatement(n, i));
  });

  const hasPrincipal = statements.some((s) => s.principal || s.notPrincipal);
  const hasResource = statements.some((s) => s.resource || s.notResource);
  const actions = statements.flatMap((s) => stringItems(s.action).map((i) => i.value));
  const trustActions = actions.length > 0 && actions.every((a) => TRUST_ACTION.test(a));
  let kind: PolicyModel['kind'] = 'permissions';
  let resourcePolicy = false;
  if (hasPrincipal) {
    if (trustActions || !hasResource) kind = 'trust';
    else resourcePolicy = true;
  } else if (trustActions && !hasResource) {
    kind = 'trust';
  } else if (!hasResource && fileName && /trust/i.test(fileName)) {
    kind = 'trust';
  }
  return { text, root, kind, resourcePolicy, statementProp, statements, version: getValue(root, 'Version') };
}
