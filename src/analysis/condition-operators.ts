// Condition operators: the shared vocabulary of every module that reads a Condition block (the grammar, iam-data,
// cleanrooms and Access Analyzer rule families, ARN collection, completion, and the evaluator). One parser. Pure.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

/** Every documented condition operator (facts §4.3), without set prefixes or the IfExists suffix. */
export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
];
const BASE_SET = new Set(BASE_OPERATORS);
const BASE_BY_LOWER = new Map(BASE_OPERATORS.map((b) => [b.toLowerCase(), b]));
const SET_PREFIXES = ['ForAnyValue:', 'ForAllValues:'] as const;

/** What an operator compares. */
export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

const FAMILY_OF = new Map<string, OperatorFamily>();
for (const b of BASE_OPERATORS) {
  const family: OperatorFamily = b.startsWith('String')
    ? 'string'
    : b.startsWith('Numeric')
      ? 'numeric'
      : b.startsWith('Date')
        ? 'date'
        : b.startsWith('Arn')
          ? 'arn'
          : b === 'Bool'
            ? 'bool'
            : b === 'BinaryEquals'
              ? 'binary'
              : b === 'Null'
                ? 'null'
                : 'ip';
  FAMILY_OF.set(b, family);
}

let allOperatorNames: string[] | undefined;
/** Every valid full operator name (prefix + base + IfExists), built on first use. */
export function validOperatorNames(): string[] {
  if (!allOperatorNames) {
    const out: string[] = [];
    for (const p of ['', ...SET_PREFIXES]) {
      for (const b of BASE_OPERATORS) {
        out.push(p + b);
        if (b !== 'Null') out.push(p + b + 'IfExists');
      }
    }
    allOperatorNames = out;
  }
  return allOperatorNames;
}

export interface ParsedOperator {
  /** The operator as written. */
  text: string;
  /** The set prefix with its colon ('' when none). */
  prefix: '' | 'ForAnyValue:' | 'ForAllValues:';
  /** The operator without prefix and IfExists suffix (canonical case when parsed with ignoreCase and known). */
  base: string;
  ifExists: boolean;
  /** base is a documented operator. */
  known: boolean;
  /** What the operator compares; undefined when unknown, and for NullIfExists (not an operator). */
  family?: OperatorFamily;
}

/**
 * Split `ForAnyValue:ArnEqualsIfExists` into prefix, base and suffix. Exact case, as IAM spells operators (other
 * spellings are the grammar family's invalid operator); `ignoreCase` (the evaluator) reads any case and returns the
 * canonical spelling of the prefix and of a known base.
 */
export function parseOperator(op: string, ignoreCase = false): ParsedOperator {
  let prefix: ParsedOperator['prefix'] = '';
  let rest = op;
  for (const p of SET_PREFIXES) {
    if (ignoreCase ? rest.slice(0, p.length).toLowerCase() === p.toLowerCase() : rest.startsWith(p)) {
      prefix = p;
      rest = rest.slice(p.length);
      break;
    }
  }
  let ifExists = false;
  if (rest.length > 8 && (ignoreCase ? rest.slice(-8).toLowerCase() === 'ifexists' : rest.endsWith('IfExists'))) {
    ifExists = true;
    rest = rest.slice(0, -8);
  }
  const base = ignoreCase ? (BASE_BY_LOWER.get(rest.toLowerCase()) ?? rest) : rest;
  const known = BASE_SET.has(base);
  const family = known && !(base === 'Null' && ifExists) ? FAMILY_OF.get(base) : undefined;
  return { text: op, prefix, base, ifExists, known, family };
}

/** Global and cross-service condition keys whose values are ARNs (shared/reference/global-condition-keys.md §2). */
export const ARN_CONDITION_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:PrincipalArn',
    'aws:SourceVpcArn',
    'aws:SignInSessionArn',
    'aws:ChatbotSourceArn',
    'ec2:SourceInstanceArn',
    'codebuild:BuildArn',
    'codebuild:ProjectArn',
    'lambda:SourceFunctionArn',
    'ssm:SourceInstanceArn',
  ].map((k) => k.toLowerCase()),
);
