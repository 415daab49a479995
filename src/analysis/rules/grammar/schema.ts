// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). The JSON schema (ajv, precompiled) and the mapping of
// its errors back to exact ranges, with fixes.
import { getNodeValue } from 'jsonc-parser';
import { validatePolicy, type ValidatorError } from '../../generated/policy-validator.js';
import type { Node } from '../../json';
import { getProperty, getValue, keyOf } from '../../json';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';
import { elide, quote } from '../../messages';
import { closest, contentRange, replaceStringContent } from '../util';
import { CURRENT_VERSION, PRINCIPAL_KEYS, STATEMENT_ELEMENTS, TOP_ELEMENTS, renameKeyFix } from './shared';

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
export function schemaChecks(ctx: RuleContext): void {
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
