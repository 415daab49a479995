// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). Condition blocks: operators, empty blocks and
// values, and operator vs value checks.
import type { Node } from '../../json';
import { getProperty, isDuplicatedKey, keyOf, properties, stringItems, valueOf } from '../../json';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';
import { stripVariables } from '../../arn/parse';
import { IAM_DOCS as DOCS } from '../../iam-docs';
import { ARN_CONDITION_KEYS, parseOperator, validOperatorNames, type ParsedOperator } from '../../condition-operators';
import { findConditionKey } from '../../../iam-data';
import { elide, quote } from '../../messages';
import { closest, contentRange, replaceStringContent, touchesPlaceholder } from '../util';
import { EQUALS_OPERATORS, duplicateCheck, renameKeyFix } from './shared';

export function conditionChecks(ctx: RuleContext, cond: Node): void {
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
/** Whether a key type of the index ("ARN", "ArrayOfARN|String", …) holds ARNs: per type string (a few dozen distinct ones). */
const ARN_TYPES = new Map<string, boolean>();

export function isArnTypedKey(ctx: RuleContext, key: string): boolean {
  const iam = ctx.options.iam;
  const entry = iam ? findConditionKey(iam, key) : undefined;
  if (entry?.type) {
    let arn = ARN_TYPES.get(entry.type);
    if (arn === undefined) {
      const types = entry.type.split('|').map((t) => t.replace(/^ArrayOf/, ''));
      arn = types.includes('ARN') && !types.includes('String');
      ARN_TYPES.set(entry.type, arn);
    }
    return arn;
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
    // Built on the first finding (most blocks have none), then shared by the block's findings.
    let fixes: Fix[] | undefined;
    const renameFixes = (): Fix[] =>
      (fixes ??=
        !ignoreCase && !getProperty(cond, likeOp) && !isDuplicatedKey(cond, op)
          ? [{ title: `Change ${elide(op)} to ${likeOp}`, edits: [replaceStringContent(opKey, likeOp)], preferred: true }]
          : []);
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
          { fixes: renameFixes() },
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
