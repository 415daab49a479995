// Rule family "grammar": the IAM policy grammar. Structure and JSON types come from schemas/policy.schema.json,
// precompiled by scripts/build-validators.ts (ajv standalone: no code generation at run time); ajv errors are mapped
// back to exact ranges here. What the schema cannot say precisely (trust vs permissions, duplicate Sids,
// condition operators, wildcards) is checked by hand below.
// Sources: shared/reference/cleanrooms-iam-facts.md §4 (grammar, operators, Access Analyzer checks).
import { getNodeValue } from 'jsonc-parser';
import { validatePolicy, type ValidatorError } from '../generated/policy-validator.js';
import type { Node } from '../json';
import { getProperty, getValue, isDuplicatedKey, keyOf, properties, stringItems, valueOf } from '../json';
import type { RuleContext, RuleFamily } from '../rule';
import type { Fix, RuleMeta } from '../types';
import type { StatementModel } from '../model';
import { stripVariables } from '../arn/parse';
import { IAM_DOCS as DOCS } from '../iam-docs';
import { ARN_CONDITION_KEYS, parseOperator, validOperatorNames, type ParsedOperator } from '../condition-operators';
import { findConditionKey } from '../../iam-data';
import { elide, quote } from '../messages';
import { cleanRoomsPrincipalTypo } from './cleanrooms-data';
import {
  closest,
  contentRange,
  duplicateKeys,
  hasPlaceholderSyntax,
  lineBreakOf,
  lineIndent,
  removePropertyEdit,
  replaceStringContent,
  startsLine,
  touchesPlaceholder,
} from './util';


export const CURRENT_VERSION = '2012-10-17';
const TOP_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

const EQUALS_OPERATORS = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);

function typeList(t: unknown): string {
  const names: Record<string, string> = { string: 'a string', array: 'an array', object: 'an object', number: 'a number', boolean: 'true/false', null: 'null' };
  const list = (Array.isArray(t) ? t : [t]).map((x) => names[String(x)] ?? String(x));
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function jsonType(n: Node | undefined): string {
  if (!n) return 'nothing';
  return n.type === 'null'
    ? 'null'
    : n.type === 'array'
      ? 'an array'
      : n.type === 'object'
        ? 'an object'
        : n.type === 'string'
          ? 'a string'
          : n.type === 'number'
            ? 'a number'
            : 'true/false';
}

/** Walk a JSON pointer (ajv instancePath) through the jsonc tree. */
function walk(root: Node, segs: string[]): Node | undefined {
  let n: Node | undefined = root;
  for (const s of segs) {
    if (!n) return undefined;
    if (n.type === 'array') n = n.children?.[Number(s)];
    else if (n.type === 'object') n = getValue(n, s);
    else return undefined;
  }
  return n;
}

function decodePointer(p: string): string[] {
  return p === ''
    ? []
    : p
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Statement elements that exclude each other: renaming a key into one of a pair must not create the pair. */
const ELEMENT_PAIRS: Record<string, string> = {
  Action: 'NotAction',
  NotAction: 'Action',
  Resource: 'NotResource',
  NotResource: 'Resource',
  Principal: 'NotPrincipal',
  NotPrincipal: 'Principal',
};

/**
 * A fix that renames a property key, unless the new name already exists in the object or the object has its
 * excluding pair (renaming "resource" to "Resource" next to "NotResource" would only trade one error for another).
 */
function renameKeyFix(obj: Node | undefined, keyNode: Node, to: string, preferred = true): Fix[] {
  if (obj && getProperty(obj, to)) return [];
  if (isDuplicatedKey(obj, keyNode.value as string)) return []; // renaming the last copy would revive an earlier one
  const pair = ELEMENT_PAIRS[to];
  if (obj && pair && getProperty(obj, pair)) return [];
  return [{ title: `Change to "${to}"`, edits: [replaceStringContent(keyNode, to)], preferred }];
}

/**
 * What is wrong with the form of an action string, or undefined when it is well formed (or not judged: "*", placeholders,
 * policy variables). Independent of the IAM reference data: these forms name no action in any service.
 */
export function actionFormatProblem(value: string): string | undefined {
  if (value === '*' || hasPlaceholderSyntax(value) || value.includes('${')) return undefined;
  const colon = value.indexOf(':');
  if (colon < 0) return 'it has no service prefix';
  const sp = value.slice(0, colon);
  const ap = value.slice(colon + 1);
  if (sp === '') return 'the service prefix before the colon is empty';
  if (!/^[A-Za-z0-9*?-]+$/.test(sp)) return `the service prefix ${quote(sp)} may contain only letters, digits and hyphens`;
  if (ap === '') return 'the action name after the colon is empty';
  if (!/^[A-Za-z0-9*?_-]+$/.test(ap))
    return `the action name ${quote(ap)} may contain only letters, digits, hyphens and underscores (and the wildcards * and ?)`;
  return undefined;
}

export const grammarRules = {
  name: 'grammar',
  rules: [
    {
      id: 'grammar-version',
      accessAnalyzer: 'INVALID_VERSION',
      severity: 'error',
      title: 'Invalid Version',
      description: 'Version must be "2012-10-17" (or the legacy "2008-10-17"). Anything else is INVALID_VERSION.',
      docUrl: DOCS.version,
    },
    {
      id: 'grammar-version-missing',
      severity: 'warning',
      title: 'Version missing',
      description:
        'Without "Version": "2012-10-17" IAM uses the legacy language, where policy variables such as ${aws:username} do not work (MISSING_VERSION).',
      docUrl: DOCS.version,
    },
    {
      id: 'grammar-version-legacy',
      severity: 'warning',
      title: 'Legacy Version 2008-10-17',
      description: '"2008-10-17" is the legacy policy language: policy variables are literal text there. Use "2012-10-17".',
      docUrl: DOCS.version,
    },
    {
      id: 'grammar-statement-missing',
      accessAnalyzer: 'MISSING_STATEMENT',
      severity: 'error',
      title: 'Statement missing or empty',
      description: 'A policy needs a Statement: one statement object or a non-empty array of them (MISSING_STATEMENT).',
      docUrl: DOCS.statement,
    },
    {
      id: 'grammar-type',
      accessAnalyzer: 'DATA_TYPE_MISMATCH',
      severity: 'error',
      title: 'Wrong JSON type',
      description: 'An element has the wrong JSON type, e.g. Action as a number or a condition value as an object (DATA_TYPE_MISMATCH).',
      docUrl: DOCS.grammar,
    },
    {
      id: 'grammar-unknown-element',
      accessAnalyzer: 'INVALID_POLICY_ELEMENT',
      severity: 'error',
      title: 'Unknown element',
      description: 'An element that the policy grammar does not define (INVALID_POLICY_ELEMENT). Element names are case-sensitive.',
      docUrl: DOCS.grammar,
    },
    {
      id: 'grammar-duplicate-key',
      severity: 'error',
      title: 'Duplicate key',
      description: 'The same key appears twice in one object; only one of them takes effect.',
      docUrl: DOCS.grammar,
    },
    {
      id: 'grammar-effect',
      accessAnalyzer: 'INVALID_EFFECT',
      severity: 'error',
      title: 'Invalid or missing Effect',
      description: 'Every statement needs "Effect": "Allow" or "Deny", spelled exactly so (INVALID_EFFECT / MISSING_EFFECT).',
      docUrl: DOCS.effect,
    },
    {
      id: 'grammar-action-missing',
      accessAnalyzer: 'MISSING_ACTION',
      severity: 'error',
      title: 'Action missing',
      description: 'Every statement needs Action or NotAction (MISSING_ACTION).',
      docUrl: DOCS.action,
    },
    {
      id: 'grammar-action-format',
      accessAnalyzer: 'INVALID_ACTION',
      severity: 'error',
      title: 'Malformed action',
      description:
        'An action is "*" or service-prefix:ActionName: a prefix of letters, digits and hyphens, a colon, and a name of letters, digits, hyphens and underscores, with * and ? as wildcards. Anything else (no prefix, as in "GetObject"; a stray character, as in "s3:GetObject!"; an underscore in the prefix) names no action, whatever the IAM reference data says (INVALID_ACTION / INVALID_SERVICE_IN_ACTION).',
      docUrl: DOCS.action,
    },
    {
      id: 'grammar-action-both',
      accessAnalyzer: 'UNSUPPORTED_ELEMENT_COMBINATION',
      severity: 'error',
      title: 'Action and NotAction together',
      description: 'A statement has either Action or NotAction, not both (UNSUPPORTED_ELEMENT_COMBINATION).',
      docUrl: DOCS.notAction,
    },
    {
      id: 'grammar-resource-missing',
      accessAnalyzer: 'MISSING_RESOURCE',
      severity: 'error',
      title: 'Resource missing',
      description: 'Statements of a permissions policy need Resource or NotResource (MISSING_RESOURCE).',
      docUrl: DOCS.resource,
    },
    {
      id: 'grammar-resource-both',
      accessAnalyzer: 'UNSUPPORTED_ELEMENT_COMBINATION',
      severity: 'error',
      title: 'Resource and NotResource together',
      description: 'A statement has either Resource or NotResource, not both (UNSUPPORTED_ELEMENT_COMBINATION).',
      docUrl: DOCS.resource,
    },
    {
      id: 'grammar-resource-in-trust',
      accessAnalyzer: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
      severity: 'error',
      title: 'Resource in a trust policy',
      description: 'Role trust policies must not contain Resource or NotResource: the resource is the role itself (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).',
      docUrl: DOCS.checks,
    },
    {
      id: 'grammar-principal-missing',
      accessAnalyzer: 'MISSING_PRINCIPAL',
      severity: 'error',
      title: 'Principal missing in a trust policy',
      description: 'Every statement of a role trust policy needs a Principal: who may assume the role (MISSING_PRINCIPAL).',
      docUrl: DOCS.principal,
    },
    {
      id: 'grammar-principal-in-permissions',
      accessAnalyzer: 'UNSUPPORTED_PRINCIPAL',
      severity: 'error',
      title: 'Principal in a permissions policy',
      description:
        'Identity-based (permissions) policies must not contain Principal; the principal is whoever the policy is attached to (UNSUPPORTED_PRINCIPAL).',
      docUrl: DOCS.principal,
    },
    {
      id: 'grammar-principal-both',
      accessAnalyzer: 'UNSUPPORTED_ELEMENT_COMBINATION',
      severity: 'error',
      title: 'Principal and NotPrincipal together',
      description: 'A statement has either Principal or NotPrincipal, not both (UNSUPPORTED_ELEMENT_COMBINATION).',
      docUrl: DOCS.notPrincipal,
    },
    {
      id: 'grammar-principal-shape',
      severity: 'error',
      title: 'Malformed Principal',
      description:
        'Principal is "*" or a map with the keys AWS, Service, Federated or CanonicalUser; AWS values are account IDs or ARNs and Service values name a service without wildcards (INVALID_PRINCIPAL_FORMAT / INVALID_PRINCIPAL_KEY / UNSUPPORTED_WILDCARD_IN_PRINCIPAL; the service-principal format is aa-service-principal-format).',
      docUrl: DOCS.principal,
    },
    {
      id: 'grammar-principal-wildcard-in-trust',
      accessAnalyzer: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
      severity: 'error',
      title: 'Wildcard principal in a trust policy',
      description:
        '"Principal": "*" (or {"AWS": "*"}) would let anyone assume the role; role trust policies reject it (ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL).',
      docUrl: DOCS.checks,
    },
    {
      id: 'grammar-not-principal-in-trust',
      accessAnalyzer: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
      severity: 'error',
      title: 'NotPrincipal in a trust policy',
      description: 'Role trust policies cannot use NotPrincipal (ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL).',
      docUrl: DOCS.notPrincipal,
    },
    {
      id: 'grammar-sid-characters',
      accessAnalyzer: 'UNSUPPORTED_SID',
      severity: 'error',
      title: 'Invalid Sid characters',
      description: 'A Sid may contain only ASCII letters and digits (UNSUPPORTED_SID).',
      docUrl: DOCS.sid,
    },
    {
      id: 'grammar-sid-duplicate',
      accessAnalyzer: 'UNIQUE_SIDS_REQUIRED',
      severity: 'warning',
      title: 'Duplicate Sid',
      description: 'Sids should be unique within a policy (UNIQUE_SIDS_RECOMMENDED).',
      docUrl: DOCS.sid,
    },
    {
      id: 'grammar-condition-operator',
      accessAnalyzer: 'INVALID_CONDITION_OPERATOR',
      severity: 'error',
      title: 'Unknown condition operator',
      description:
        'The condition operator is not one IAM documents (INVALID_CONDITION_OPERATOR). Operators may take a ForAnyValue:/ForAllValues: prefix and an IfExists suffix, except that Null takes no IfExists (NULL_WITH_IF_EXISTS). A documented operator written in another case is grammar-condition-operator-case (warning).',
      docUrl: DOCS.operators,
    },
    {
      id: 'grammar-condition-operator-case',
      severity: 'warning',
      title: 'Condition operator in another case',
      description:
        'The condition operator is one IAM documents, written in another case (stringequals for StringEquals). Write it as the IAM User Guide spells it; the fix does.',
      docUrl: DOCS.operators,
    },
    {
      id: 'grammar-null-qualifier',
      accessAnalyzer: 'NULL_WITH_QUALIFIER',
      severity: 'info',
      title: 'Null with a set operator',
      description: 'ForAllValues:Null is always true and ForAnyValue:Null is always false (NULL_WITH_QUALIFIER): use plain Null.',
      docUrl: DOCS.operators,
    },
    {
      id: 'condition-wildcard-in-equals',
      severity: 'warning',
      accessAnalyzer: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
      title: 'Wildcard with an Equals operator',
      description:
        '* and ? are wildcards only for StringLike/StringNotLike (and the ARN operators); StringEquals and StringNotEquals compare exactly, so they match a literal * or ? (WILDCARD_WITHOUT_LIKE_OPERATOR). The fix renames the block to the Like operator.',
      docUrl: DOCS.checks + '#access-analyzer-reference-policy-checks-general-warning-wildcard-without-like-operator',
    },
    {
      id: 'condition-string-operator-on-arn-key',
      severity: 'info',
      accessAnalyzer: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
      title: 'String operator on an ARN key',
      description:
        "An ARN-typed condition key (aws:SourceArn, aws:PrincipalArn, s3:DataAccessPointArn, …) compared with a String operator. AWS recommends the ARN operators (ArnEquals, ArnLike), which compare the six ARN fields separately; Access Analyzer reports StringLike on an ARN key as a security warning (STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS). Info, not a warning: a String operator still compares the whole ARN as text, which works for the patterns AWS's own managed policies write. Key types come from the IAM reference data when it is loaded, otherwise from a built-in table of ARN keys.",
      docUrl: DOCS.operators,
    },
    {
      id: 'grammar-empty',
      severity: 'info',
      title: 'Empty value',
      description: 'An empty array, object or Sid has no effect (EMPTY_ARRAY_* / EMPTY_OBJECT_* / EMPTY_SID_VALUE); remove it or fill it in.',
      docUrl: DOCS.checks,
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    const { model, text } = ctx;
    const root = model.root;

    // 1. Structure and types: the precompiled JSON Schema.
    schemaChecks(ctx);

    // 2. Version.
    const versionProp = getProperty(root, 'Version');
    if (!versionProp) {
      const first = root.children?.find((c) => c.type === 'property');
      const fixes: Fix[] = [];
      if (first) {
        const sep = startsLine(text, first.offset) ? `${lineBreakOf(text)}${lineIndent(text, first.offset)}` : ' ';
        fixes.push({
          title: `Add "Version": "${CURRENT_VERSION}"`,
          edits: [{ offset: first.offset, length: 0, newText: `"Version": "${CURRENT_VERSION}",${sep}` }],
          preferred: true,
        });
      }
      ctx.report(
        'grammar-version-missing',
        root.offset,
        1,
        `The policy has no Version. Add "Version": "${CURRENT_VERSION}" as the first element; without it IAM uses the legacy language, in which policy variables such as \${aws:username} are plain text.`,
        { fixes },
      );
    } else if (model.version?.type === 'string' && model.version.value === '2008-10-17') {
      ctx.reportNode(
        'grammar-version-legacy',
        model.version,
        `"2008-10-17" is the legacy policy language: policy variables such as \${aws:username} are treated as literal text. Use "${CURRENT_VERSION}".`,
        {
          fixes: [{ title: `Change to "${CURRENT_VERSION}"`, edits: [replaceStringContent(model.version, CURRENT_VERSION)], preferred: true }],
        },
      );
    }

    // 3. Statement present and non-empty.
    const sv = model.statementProp && valueOf(model.statementProp);
    if (sv && sv.type === 'array' && (sv.children?.length ?? 0) === 0) {
      ctx.reportNode(
        'grammar-statement-missing',
        sv,
        'Statement is empty. Add at least one statement with Effect, Action and (for permissions policies) Resource, or (for trust policies) Principal.',
      );
    }

    duplicateCheck(ctx, root);
    const sids = new Map<string, Node>();
    for (const st of model.statements) {
      duplicateCheck(ctx, st.node);
      statementChecks(ctx, st, sids);
    }
  },
} satisfies RuleFamily;

function duplicateCheck(ctx: RuleContext, obj: Node | undefined): void {
  for (const d of duplicateKeys(obj)) {
    ctx.reportNode(
      'grammar-duplicate-key',
      d.dup,
      `${quote(d.key)} appears more than once in this object. IAM uses only the last copy and ignores the earlier ones; merge them into one.`,
      {
        related: [{ offset: d.first.offset, length: d.first.length, message: `first ${quote(d.key)} (ignored)` }],
      },
    );
  }
}

function schemaChecks(ctx: RuleContext): void {
  const root = ctx.model.root;
  // The plain value of the document: JSON.parse (native, several times faster) gives the same value as
  // getNodeValue(root) for every text it accepts (the last copy of a duplicated key wins in both); texts it rejects
  // (comments, trailing commas, syntax errors) go through the tree.
  let data: unknown;
  try {
    data = JSON.parse(ctx.text);
  } catch {
    data = getNodeValue(root);
  }
  if (validatePolicy(data)) return;
  const errors = [...(validatePolicy.errors ?? [])].sort((a, b) => (a.keyword === 'type' ? 0 : 1) - (b.keyword === 'type' ? 0 : 1));
  for (const e of errors) mapSchemaError(ctx, e);
}

function mapSchemaError(ctx: RuleContext, e: ValidatorError): void {
  if (e.keyword === 'if') return; // reported through the `then` branch's own errors
  const root = ctx.model.root;
  const segs = decodePointer(e.instancePath);
  const node = walk(root, segs);
  if (!node) return;
  const parentKey = segs[segs.length - 1];

  // Errors on an object's keys: unknown element / unknown principal key.
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const prop = getProperty(node, key);
    if (!prop) return;
    const keyNode = keyOf(prop);
    const isPrincipal = parentKey === 'Principal' || parentKey === 'NotPrincipal';
    const known = segs.length === 0 ? TOP_ELEMENTS : isPrincipal ? PRINCIPAL_KEYS : STATEMENT_ELEMENTS;
    const suggestion = closest(key, known, key.length <= 4 ? 1 : 2);
    const fixes = suggestion ? renameKeyFix(node, keyNode, suggestion) : [];
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    if (isPrincipal) {
      ctx.reportNode(
        'grammar-principal-shape',
        keyNode,
        `${quote(key)} is not a principal type. Use AWS, Service, Federated or CanonicalUser (case-sensitive).${hint}`,
        { fixes },
      );
    } else {
      const where =
        segs.length === 0
          ? 'at the top level of a policy (allowed: Version, Id, Statement)'
          : 'in a statement (allowed: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)';
      ctx.reportNode(
        'grammar-unknown-element',
        keyNode,
        `${quote(key)} is not a policy element ${where}; IAM rejects the policy. Element names are case-sensitive.${hint}`,
        { fixes },
      );
    }
    return;
  }
  if (e.keyword === 'required') {
    const missing = String(e.params.missingProperty);
    if (missing === 'Effect') {
      ctx.report('grammar-effect', node.offset, 1, 'This statement has no Effect. Add "Effect": "Allow" (or "Deny").');
    } else if (missing === 'Statement') {
      ctx.report('grammar-statement-missing', node.offset, 1, 'The policy has no Statement. Add "Statement": [ … ] with at least one statement.');
    }
    return;
  }

  if (segs.length === 0) return;
  if (segs[0] === 'Version') {
    const shown = node.type === 'string' ? quote(node.value as string) : jsonType(node);
    ctx.reportNode(
      'grammar-version',
      node,
      `Version ${shown} is not a policy language version. Use "${CURRENT_VERSION}" (the only other valid value is the legacy "2008-10-17").`,
      {
        fixes: [{ title: `Change to "${CURRENT_VERSION}"`, edits: [{ offset: node.offset, length: node.length, newText: `"${CURRENT_VERSION}"` }] }],
      },
    );
    return;
  }
  if (segs[0] !== 'Statement') return;
  const statementValue = getValue(root, 'Statement');
  const stLen = statementValue?.type === 'array' ? 2 : 1;
  if (segs.length === 1) {
    ctx.reportNode('grammar-statement-missing', node, `Statement must be a statement object or an array of statement objects, not ${jsonType(node)}.`);
    return;
  }
  if (segs.length === stLen) {
    ctx.reportNode('grammar-type', node, `Each statement must be an object with Effect, Action and Resource or Principal, not ${jsonType(node)}.`);
    return;
  }
  const element = segs[stLen];
  const stNode = walk(root, segs.slice(0, stLen));
  if (element === 'Sid') {
    if (e.keyword === 'pattern' && node.type === 'string') {
      // The letters-and-digits rule is IAM's. A resource policy belongs to its service, and those accept other Sids:
      // AWS KMS's own default key policy has "Enable IAM User Permissions" (KMS Developer Guide, Default key policy).
      if (ctx.model.resourcePolicy) return;
      const value = node.value as string;
      const cleaned = value.replace(/[^A-Za-z0-9]/g, '');
      const fixes: Fix[] = [];
      const others = ctx.model.statements.filter((s) => s.node !== stNode).map((s) => (typeof s.sid?.value === 'string' ? s.sid.value : undefined));
      if (cleaned && !others.includes(cleaned))
        fixes.push({ title: `Change to ${quote(cleaned)}`, edits: [replaceStringContent(node, cleaned)], preferred: true });
      ctx.report(
        'grammar-sid-characters',
        contentRange(node).offset,
        contentRange(node).length,
        `Sid ${quote(value)} contains characters IAM does not allow; use only ASCII letters and digits (A-Z, a-z, 0-9).`,
        { fixes },
      );
    } else {
      ctx.reportNode('grammar-type', node, `Sid must be a string of letters and digits, not ${jsonType(node)}.`);
    }
    return;
  }
  if (element === 'Effect') {
    if (node.type === 'string') {
      const value = node.value as string;
      const target = closest(value.trim(), ['Allow', 'Deny'], 1);
      const fixes: Fix[] = target ? [{ title: `Change to "${target}"`, edits: [replaceStringContent(node, target)], preferred: true }] : [];
      ctx.report(
        'grammar-effect',
        contentRange(node).offset,
        contentRange(node).length,
        `Effect ${quote(value)} is not valid: it must be exactly "Allow" or "Deny" (case-sensitive).${target ? ` Did you mean "${target}"?` : ''}`,
        { fixes },
      );
    } else {
      ctx.reportNode('grammar-effect', node, `Effect must be the string "Allow" or "Deny", not ${jsonType(node)}.`);
    }
    return;
  }
  if (element === 'Principal' || element === 'NotPrincipal') {
    if (segs.length === stLen + 1) {
      const msg =
        node.type === 'string'
          ? `${element} ${quote(node.value as string)} is not valid: a string principal can only be "*". Write a map such as {"Service": "cleanrooms.amazonaws.com"} or {"AWS": "arn:aws:iam::<account-id>:root"}.`
          : `${element} must be "*" or a map with the keys AWS, Service, Federated or CanonicalUser, not ${jsonType(node)}.`;
      ctx.reportNode('grammar-principal-shape', node, msg);
    } else {
      ctx.reportNode('grammar-principal-shape', node, `Principal values must be a string or an array of strings, not ${jsonType(node)}.`);
    }
    return;
  }
  if (e.keyword === 'type') {
    const where = segs
      .slice(stLen)
      .map((x) => elide(x, 60))
      .join(' › ');
    ctx.reportNode('grammar-type', node, `${where} must be ${typeList(e.params.type)}, not ${jsonType(node)}.`);
  }
}

function statementChecks(ctx: RuleContext, st: StatementModel, sids: Map<string, Node>): void {
  const { model } = ctx;
  const keyNode = (k: string): Node | undefined => {
    const p = st.props.get(k);
    return p && keyOf(p);
  };

  // Sid: unique, not empty.
  if (st.sid?.type === 'string') {
    const sid = st.sid.value as string;
    if (sid === '') {
      ctx.reportNode('grammar-empty', st.sid, 'The Sid is empty. Remove it or give the statement a name of letters and digits.', {
        fixes: [{ title: 'Remove the empty Sid', edits: [removePropertyEdit(ctx.text, st.node, st.props.get('Sid')!)] }],
      });
    } else {
      const first = sids.get(sid);
      if (first) {
        ctx.report(
          'grammar-sid-duplicate',
          contentRange(st.sid).offset,
          contentRange(st.sid).length,
          `Sid ${quote(sid)} is already used by an earlier statement. Give each statement its own Sid.`,
          {
            related: [{ ...contentRange(first), message: `first use of Sid ${quote(sid)}` }],
          },
        );
      } else {
        sids.set(sid, st.sid);
      }
    }
  }

  // Action / NotAction.
  if (st.action && st.notAction) {
    ctx.reportNode('grammar-action-both', keyNode('NotAction')!, 'This statement has both Action and NotAction. Keep one of them.');
  } else if (!st.props.has('Action') && !st.props.has('NotAction')) {
    ctx.report(
      'grammar-action-missing',
      st.node.offset,
      1,
      `This statement has no Action. Add "Action": ${model.kind === 'trust' ? '"sts:AssumeRole"' : '[ "service:Action", … ]'}.`,
    );
  }
  for (const element of ['Action', 'NotAction'] as const) {
    const node = element === 'Action' ? st.action : st.notAction;
    for (const { value, node: item } of stringItems(node)) {
      const problem = actionFormatProblem(value);
      if (!problem || touchesPlaceholder(ctx, item.offset, item.length)) continue;
      ctx.report(
        'grammar-action-format',
        contentRange(item).offset,
        contentRange(item).length,
        `${quote(value)} is not an action: ${problem}. Write service-prefix:ActionName, for example "s3:GetObject" (or "*").`,
      );
    }
  }
  if (st.resource && st.notResource) {
    ctx.reportNode('grammar-resource-both', keyNode('NotResource')!, 'This statement has both Resource and NotResource. Keep one of them.');
  }
  if (st.principal && st.notPrincipal) {
    ctx.reportNode('grammar-principal-both', keyNode('NotPrincipal')!, 'This statement has both Principal and NotPrincipal. Keep one of them.');
  }

  // Trust vs permissions (not for resource-based policies such as bucket policies).
  if (!model.resourcePolicy) {
    if (model.kind === 'trust') {
      for (const k of ['Resource', 'NotResource']) {
        const p = st.props.get(k);
        if (p) {
          ctx.reportNode('grammar-resource-in-trust', keyOf(p), `A role trust policy must not contain ${k}: the resource is the role itself. Remove ${k}.`, {
            fixes: [{ title: `Remove ${k}`, edits: [removePropertyEdit(ctx.text, st.node, p)], preferred: true }],
          });
        }
      }
      const np = st.props.get('NotPrincipal');
      if (np)
        ctx.reportNode(
          'grammar-not-principal-in-trust',
          keyOf(np),
          'Role trust policies cannot use NotPrincipal. Name the principals that may assume the role in Principal instead.',
        );
      if (!st.props.has('Principal') && !np) {
        ctx.report(
          'grammar-principal-missing',
          st.node.offset,
          1,
          'This trust policy statement has no Principal. Add the principal that may assume the role, e.g. "Principal": {"Service": "cleanrooms.amazonaws.com"}.',
        );
      }
    } else {
      for (const k of ['Principal', 'NotPrincipal']) {
        const p = st.props.get(k);
        if (p)
          ctx.reportNode(
            'grammar-principal-in-permissions',
            keyOf(p),
            `A permissions (identity-based) policy must not contain ${k}: it applies to whoever it is attached to. Remove ${k}, or put it in the role's trust policy.`,
          );
      }
      if (!st.props.has('Resource') && !st.props.has('NotResource')) {
        ctx.report(
          'grammar-resource-missing',
          st.node.offset,
          1,
          'This permissions policy statement has no Resource. Add "Resource" with the ARNs it applies to (or "*").',
        );
      }
    }
  } else if (ctx.options.fileName && /permission|identity/i.test(ctx.options.fileName)) {
    for (const k of ['Principal', 'NotPrincipal']) {
      const p = st.props.get(k);
      if (p)
        ctx.reportNode(
          'grammar-principal-in-permissions',
          keyOf(p),
          `A permissions (identity-based) policy must not contain ${k}: it applies to whoever it is attached to. Remove ${k}, or put it in the role's trust policy.`,
        );
    }
  }

  // Principal contents.
  if (st.principal) principalChecks(ctx, st);

  // Empty arrays / objects.
  for (const k of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    const v = st.props.get(k) && valueOf(st.props.get(k)!);
    if (v?.type === 'array' && (v.children?.length ?? 0) === 0)
      ctx.reportNode('grammar-empty', v, `${k} is an empty array, so this statement matches nothing. List at least one value.`);
  }
  for (const k of ['Principal', 'NotPrincipal']) {
    const v = st.props.get(k) && valueOf(st.props.get(k)!);
    if (v?.type === 'object') {
      if ((v.children?.length ?? 0) === 0) ctx.reportNode('grammar-empty', v, `${k} is an empty object. Name at least one principal.`);
      for (const [pk, pp] of properties(v)) {
        const pv = valueOf(pp);
        if (pv?.type === 'array' && (pv.children?.length ?? 0) === 0)
          ctx.reportNode('grammar-empty', pv, `${k} ${elide(pk)} is an empty array. List at least one principal.`);
      }
    }
  }

  if (st.condition?.type === 'object') conditionChecks(ctx, st.condition);
}

function principalChecks(ctx: RuleContext, st: StatementModel): void {
  const p = st.principal!;
  const trust = ctx.model.kind === 'trust' && !ctx.model.resourcePolicy;
  if (p.type === 'string' && p.value === '*' && trust) {
    ctx.reportNode(
      'grammar-principal-wildcard-in-trust',
      p,
      '"Principal": "*" would let anyone assume this role; role trust policies do not allow it. Name the principal, e.g. {"Service": "cleanrooms.amazonaws.com"}.',
    );
  }
  if (p.type !== 'object') return;
  for (const [key, prop] of properties(p)) {
    for (const item of stringItems(valueOf(prop))) {
      const v = item.value;
      const r = contentRange(item.node);
      if (hasPlaceholderSyntax(v) || touchesPlaceholder(ctx, r.offset, r.length)) continue;
      if (key === 'AWS') {
        if (v === '*') {
          if (trust)
            ctx.reportNode(
              'grammar-principal-wildcard-in-trust',
              item.node,
              '{"AWS": "*"} means any AWS principal and would let anyone assume this role; role trust policies do not allow it. Name the account or role ARN instead.',
            );
        } else if (v.startsWith('arn:') && /[*?]/.test(v)) {
          // IAM User Guide, "AWS JSON policy elements: Principal": a wildcard cannot match part of a principal name or ARN.
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `Wildcards are not allowed in a principal ARN (${quote(v)}): IAM matches principals exactly. Use "*" as the principal with an ArnLike condition on aws:PrincipalArn instead (UNSUPPORTED_WILDCARD_IN_PRINCIPAL).`,
          );
        } else if (!/^\d{12}$/.test(v) && !v.startsWith('arn:') && !/^(AROA|AIDA)[A-Z0-9]{12,}$/.test(v)) {
          // Unique IDs (AROA…/AIDA…) are reported by aa-role-id-principal / aa-user-id-principal.
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `${quote(v)} is not an AWS principal: use a 12-digit account ID or an ARN such as arn:aws:iam::<account-id>:root or arn:aws:iam::<account-id>:role/<name>.`,
          );
        }
      } else if (key === 'Service') {
        if (cleanRoomsPrincipalTypo(v)) continue; // the cleanrooms family reports it with a fix
        // The service-principal format (INVALID_SERVICE_PRINCIPAL_FORMAT) is aa-service-principal-format's.
        if (/[*?]/.test(v)) {
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `Wildcards are not allowed in a Service principal (${quote(v)}). Name the service, e.g. cleanrooms.amazonaws.com (UNSUPPORTED_WILDCARD_IN_PRINCIPAL).`,
          );
        }
      }
    }
  }
}

function conditionChecks(ctx: RuleContext, cond: Node): void {
  duplicateCheck(ctx, cond);
  if ((cond.children?.length ?? 0) === 0) {
    ctx.reportNode('grammar-empty', cond, 'Condition is an empty object. Remove it or add an operator block.');
    return;
  }
  for (const [op, opProp] of properties(cond)) {
    const opKey = keyOf(opProp);
    const block = valueOf(opProp);
    const parsed = parseOperator(op);
    const opRange = contentRange(opKey);
    if (!parsed.known || (parsed.base === 'Null' && parsed.ifExists)) {
      operatorFinding(ctx, cond, opKey, op, parsed);
    } else if (parsed.base === 'Null' && parsed.prefix) {
      ctx.report(
        'grammar-null-qualifier',
        opRange.offset,
        opRange.length,
        `${op} is ${parsed.prefix === 'ForAllValues:' ? 'always true' : 'always false'}; use plain Null to test whether a key is present.`,
      );
    }
    if (block?.type !== 'object') continue;
    duplicateCheck(ctx, block);
    if ((block.children?.length ?? 0) === 0)
      ctx.reportNode('grammar-empty', block, `The ${elide(op)} block is empty. Add a condition key and value, or remove the block.`);
    for (const [key, keyProp] of properties(block)) {
      const value = valueOf(keyProp);
      if (value?.type === 'array' && (value.children?.length ?? 0) === 0) {
        // EMPTY_ARRAY_CONDITION and its _FORALLVALUES / _IFEXISTS / _FORANYVALUE variants: what an empty list means.
        const meaning =
          parsed.prefix === 'ForAllValues:' || parsed.ifExists
            ? `so this condition matches only when ${elide(key)} is missing from the request (EMPTY_ARRAY_CONDITION_${parsed.prefix === 'ForAllValues:' ? 'FORALLVALUES' : 'IFEXISTS'}). To test that, use "Null": {${quote(key)}: "true"}; otherwise add a value.`
            : `so this condition never matches (${parsed.prefix === 'ForAnyValue:' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : 'EMPTY_ARRAY_CONDITION'}). Add a value.`;
        ctx.reportNode('grammar-empty', value, `${elide(key)} has an empty list of values, ${meaning}`);
      }
    }
    if (parsed.known) operatorValueChecks(ctx, cond, op, opKey, parsed, block);
  }
}

const CONDITION_DOCS = {
  typeMismatch: `${DOCS.checks}#access-analyzer-reference-policy-checks-general-warning-type-mismatch`,
};

/**
 * Whether a condition key holds ARNs: from the IAM reference index's key type when it is loaded (types ARN /
 * ArrayOfARN, and not also String), otherwise (or for a key the index does not know) from ARN_CONDITION_KEYS. The
 * table lists only keys the index types as ARN (a unit test checks that), so the answer does not depend on whether
 * the data is loaded.
 */
export function isArnTypedKey(ctx: RuleContext, key: string): boolean {
  const iam = ctx.options.iam;
  const entry = iam ? findConditionKey(iam, key) : undefined;
  if (entry?.type) {
    const types = entry.type.split('|').map((t) => t.replace(/^ArrayOf/, ''));
    return types.includes('ARN') && !types.includes('String');
  }
  return ARN_CONDITION_KEYS.has(key.toLowerCase());
}

/**
 * condition-wildcard-in-equals and condition-string-operator-on-arn-key: one check each, computed here once (the
 * iam-data family used to compute the same two from the key types; it now leaves them to this function).
 */
function operatorValueChecks(ctx: RuleContext, cond: Node, op: string, opKey: Node, parsed: ParsedOperator, block: Node): void {
  const keys = properties(block);
  const isString = parsed.base.startsWith('String');
  if (!isString) return;
  const ignoreCase = parsed.base.endsWith('IgnoreCase');
  const like = parsed.base === 'StringLike' || parsed.base === 'StringNotLike';
  const not = parsed.base.startsWith('StringNot');
  const arnKeys = keys.map(([k]) => isArnTypedKey(ctx, k));

  // Wildcards with an exact-match operator.
  if (EQUALS_OPERATORS.has(parsed.base)) {
    const likeOp = parsed.prefix + (not ? 'StringNotLike' : 'StringLike') + (parsed.ifExists ? 'IfExists' : '');
    // Renaming the block to the Like operator is the fix when it is certain: same case sensitivity, no block of that
    // name already. Values without wildcards keep matching exactly under StringLike.
    const fixes: Fix[] =
      !ignoreCase && !getProperty(cond, likeOp) && !isDuplicatedKey(cond, op)
        ? [{ title: `Change ${elide(op)} to ${likeOp}`, edits: [replaceStringContent(opKey, likeOp)], preferred: true }]
        : [];
    for (const [, keyProp] of keys) {
      for (const item of stringItems(valueOf(keyProp))) {
        if (!/[*?]/.test(stripVariables(item.value))) continue;
        const r = contentRange(item.node);
        if (touchesPlaceholder(ctx, r.offset, r.length)) continue;
        ctx.report(
          'condition-wildcard-in-equals',
          r.offset,
          r.length,
          `${elide(op)} compares exactly, so * and ? in ${quote(item.value)} match only a literal * or ?. Use ${ignoreCase ? `${not ? 'StringNotLike' : 'StringLike'} (which is case-sensitive)` : likeOp} if you meant a wildcard pattern, or remove the wildcard.`,
          { fixes },
        );
      }
    }
  }

  // String operators on ARN-typed keys.
  keys.forEach(([key, keyProp], i) => {
    if (!arnKeys[i]) return;
    const keyNode = keyOf(keyProp);
    const r = contentRange(keyNode);
    if (touchesPlaceholder(ctx, r.offset, r.length)) return;
    const target = parsed.prefix + (not ? 'ArnNot' : 'Arn') + (like ? 'Like' : 'Equals') + (parsed.ifExists ? 'IfExists' : '');
    const onlyArnKeys = arnKeys.every(Boolean);
    // Under an ARN operator every value must be an ARN (or a bare wildcard); otherwise the rename would create new errors.
    const allArnValues = keys.every(
      ([, p]) => valueOf(p)?.type !== 'object' && stringItems(valueOf(p)).every((it) => it.value.startsWith('arn:') || /^[*?]+$/.test(it.value)),
    );
    const fixes: Fix[] =
      onlyArnKeys && allArnValues && !ignoreCase && !getProperty(cond, target) && !isDuplicatedKey(cond, op)
        ? [{ title: `Change ${elide(op)} to ${target}`, edits: [replaceStringContent(opKey, target)] }]
        : [];
    const k = elide(key);
    const move = onlyArnKeys ? '' : ` Move ${k} into its own ${target} block.`;
    if (like) {
      ctx.report(
        'condition-string-operator-on-arn-key',
        r.offset,
        r.length,
        `${k} holds an ARN: compare it with ${target} instead of ${elide(op)}. ARN operators check each of the six ARN fields separately, and AWS recommends them for ARN keys (STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS).${move}`,
        {
          fixes,
          docUrl: CONDITION_DOCS.typeMismatch,
        },
      );
    } else {
      ctx.report(
        'condition-string-operator-on-arn-key',
        r.offset,
        r.length,
        `${k} holds an ARN: ${elide(op)} works for an exact ARN, but AWS recommends ARN operators (${ignoreCase ? (not ? 'ArnNotEquals' : 'ArnEquals') : target}) for ARN keys.${move}`,
        {
          fixes,
        },
      );
    }
  });
}

function operatorFinding(ctx: RuleContext, cond: Node, opKey: Node, op: string, parsed: ParsedOperator): void {
  const r = contentRange(opKey);
  if (parsed.known && parsed.base === 'Null' && parsed.ifExists) {
    const target = op.replace(/IfExists$/, '');
    ctx.report(
      'grammar-condition-operator',
      r.offset,
      r.length,
      `${elide(op)} is not valid: Null already tests whether the key exists and cannot take IfExists (NULL_WITH_IF_EXISTS). Use ${target}.`,
      {
        fixes: renameKeyFix(cond, opKey, target),
      },
    );
    return;
  }
  const names = validOperatorNames();
  const caseMatch = names.find((n) => n.toLowerCase() === op.toLowerCase());
  if (caseMatch) {
    ctx.report(
      'grammar-condition-operator-case',
      r.offset,
      r.length,
      `Write the condition operator as ${caseMatch}, the spelling IAM documents (not ${elide(op)}).`,
      { fixes: renameKeyFix(cond, opKey, caseMatch) },
    );
    return;
  }
  const suggestion = closest(op, names, op.length > 12 ? 3 : 2);
  ctx.report(
    'grammar-condition-operator',
    r.offset,
    r.length,
    `${elide(op)} is not a condition operator, so IAM rejects the policy.${suggestion ? ` Did you mean ${suggestion}?` : ''} Operators are StringEquals, StringLike, ArnEquals, ArnLike, NumericEquals, DateLessThan, Bool, IpAddress, Null and their variants, optionally with a ForAnyValue:/ForAllValues: prefix and an IfExists suffix.`,
    { fixes: suggestion ? renameKeyFix(cond, opKey, suggestion) : [] },
  );
}
