// fast-check generators for the reliability suite: random JSON, random bytes, policy-shaped documents built from
// IAM vocabulary (so the rules actually run), and mutations of every catalog template.
import fc from 'fast-check';
import { TEMPLATES } from '../../../src/catalog';
import { placeholderKind } from '../../../src/catalog/placeholder-kinds';
import { renderTemplate, sampleValues, templateText } from '../../../src/fill/apply';

// ---------------------------------------------------------------------------------------------
// Vocabulary: real-looking fragments (good and bad) so that generated documents reach deep into the rules.

export const VOCAB_STRINGS = [
  // versions, effects
  '2012-10-17',
  '2008-10-17',
  '2012-10-18',
  'Allow',
  'Deny',
  'allow',
  '*',
  // actions
  'sts:AssumeRole',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  's3:GetObject',
  's3:ListBucket',
  's3:PutObject',
  's3:GetBucketLocation',
  'glue:GetTable',
  'glue:GetDatabase',
  'glue:GetPartitions',
  'athena:StartQueryExecution',
  'lakeformation:GetDataAccess',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'cleanrooms:*',
  'cleanrooms:StartProtectedQuery',
  'iam:PassRole',
  's3:Get*',
  's3:GetObjekt',
  's3GetObject',
  'S3:getobject',
  'logs:CreateLogStream',
  'ecr:BatchGetImage',
  // principals
  'cleanrooms.amazonaws.com',
  'cleanrooms-ml.amazonaws.com',
  'arn:aws:iam::210987654321:root',
  '210987654321',
  'arn:aws:iam::210987654321:role/Analyst',
  // ARNs, good and broken
  'arn:aws:s3:::acme-data',
  'arn:aws:s3:::acme-data/*',
  'arn:aws:s3:::acme-data/customers/*',
  'arn:aws:s3::acme-data/*',
  'arn:aws:s3:::',
  'arn:aws:s3:us-east-1:210987654321:acme-data',
  'arn:aws-cn:s3:::acme-data/*',
  'arn:aws-us-gov:s3:::acme-data',
  'arn:aws:glue:eu-west-2:210987654321:catalog',
  'arn:aws:glue:eu-west-2:210987654321:database/marketing_db',
  'arn:aws:glue:eu-west-2:210987654321:table/marketing_db/events',
  'arn:aws:glue:eu-west-2a:210987654321:catalog',
  'arn:aws:glue:us-east-1:21098765432:catalog',
  'arn:aws:glue:::catalog',
  'arn:aws:glue:eu-west-2:210987654321:table/marketing_db/*',
  'arn:aws:cleanrooms:eu-west-2:210987654321:membership/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17',
  'arn:aws:cleanrooms:eu-west-2:210987654321:membership/3F2A9C1E-7B4D-4E8A-9C51-0D6B2E8F4A17',
  'arn:aws:cleanrooms:sa-east-1:210987654321:membership/*',
  'arn:aws:cleanrooms:*:210987654321:membership/*',
  'arn:aws:kms:eu-west-2:210987654321:key/0c8f5a2e-41b7-4d39-8e6a-7f1b2c3d4e5f',
  'arn:aws:iam::aws:policy/AWSCleanRoomsFullAccess',
  'arn:aws:secretsmanager:eu-west-2:210987654321:secret:cleanrooms/snowflake-creds-??????',
  'arn:aws:logs:eu-west-2:210987654321:log-group:/aws/cleanrooms*',
  'arn:aws:*:eu-west-2:*:dbuser:*/3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17*',
  'arn',
  'arn:',
  'arn:aws',
  'arn:aws:s3',
  'arn:::::',
  'arn:aws:s3:::${aws:username}/*',
  'arn:aws:s3:::acme-data/${aws:PrincipalTag/team}/*',
  '${aws:username}',
  '${',
  '${}',
  // conditions
  'StringEquals',
  'StringLike',
  'ArnLike',
  'ArnEquals',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringLike',
  'StringLikeIfExists',
  'Null',
  'Bool',
  'NumericLessThan',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:ResourceAccount',
  's3:ResourceAccount',
  'sts:ExternalId',
  'aws:TagKeys',
  'aws:CalledVia',
  'aws:PrincipalTag/team',
  'iam:PassedToService',
  'kms:ViaService',
  'kms:EncryptionContext:aws:s3:arn',
  'cleanrooms-ml:CollaborationId',
  'true',
  'false',
  // placeholders and doc examples
  '<bucket>',
  '<region>',
  '<data-account-id>',
  '<membership-id>',
  'arn:aws:s3:::<bucket>/<prefix>/*',
  '{{bucket}}',
  '{{111122223333}}',
  'arn:aws:glue:{{region}}:{{accountId}}:catalog',
  'arn:aws:glue:aws-region:accountId:catalog',
  'arn:aws:s3:::bucket_name/optional_key_prefix/*',
  '111122223333',
  '444455556666',
  '123456789012',
  'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa',
  'amzn-s3-demo-bucket',
  'accountId',
  'membershipArn',
  // odd strings
  '',
  ' ',
  'Statement',
  '😀',
  'e\u0301',
  '\u202e',
  '\u0000',
  '\ud800',
  'ÅŒÏ€',
  'x'.repeat(300),
];

export const VOCAB_KEYS = [
  'Version',
  'Id',
  'Statement',
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
  'AWS',
  'Service',
  'Federated',
  'CanonicalUser',
  'statement',
  'effect',
  'action',
  'resource',
  'principal',
  'condition',
  'Resources',
  'Actions',
  'StringEquals',
  'StringLike',
  'ArnLike',
  'ArnEquals',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringLike',
  'StringEqualsIfExists',
  'Null',
  'NullIfExists',
  'Bool',
  'StringEquals ',
  'stringequals',
  'aws:SourceArn',
  'aws:sourcearn',
  'aws:SourceAccount',
  's3:ResourceAccount',
  'sts:ExternalId',
  'aws:TagKeys',
  'aws:PrincipalTag/team',
  'kms:EncryptionContext:aws:s3:arn',
  'x',
  '',
  '😀',
  '\u0000',
];

/** A JSON value as a tree we serialize ourselves (so objects may carry duplicate keys and odd whitespace). */
export type Tree = string | number | boolean | null | Tree[] | { entries: Array<[string, Tree]> };

const leaf: fc.Arbitrary<Tree> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCAB_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
);

/** Random IAM-flavoured JSON trees, depth-bounded. */
export const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(tie('tree'), { maxLength: 5 }) },
    {
      weight: 3,
      arbitrary: fc
        .array(
          fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VOCAB_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), tie('tree')),
          { maxLength: 6 },
        )
        .map((entries) => ({ entries })),
    },
  ),
})).tree;

const statementArb: fc.Arbitrary<Tree> = fc
  .record(
    {
      Sid: fc.constantFrom('ReadData', 'Read Data', 'x-y', ''),
      Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'Permit'),
      Principal: fc.oneof(
        fc.constant<Tree>('*'),
        fc.constantFrom(...VOCAB_STRINGS).map((s): Tree => ({ entries: [['Service', s]] })),
        treeArb,
      ),
      Action: fc.oneof(fc.constantFrom(...VOCAB_STRINGS), fc.array(fc.constantFrom(...VOCAB_STRINGS), { maxLength: 4 }), treeArb),
      NotAction: fc.constantFrom<Tree>('s3:DeleteObject', ['iam:*', 'organizations:*']),
      Resource: fc.oneof(fc.constantFrom(...VOCAB_STRINGS), fc.array(fc.constantFrom(...VOCAB_STRINGS), { maxLength: 4 }), treeArb),
      NotResource: fc.constantFrom<Tree>('arn:aws:s3:::acme-secret/*', ['arn:aws:s3:::acme-secret', 'arn:aws:s3:::acme-secret/*']),
      Condition: fc.oneof(
        fc
          .tuple(
            fc.constantFrom(...VOCAB_KEYS.slice(23)),
            fc.constantFrom(...VOCAB_KEYS.slice(36)),
            fc.oneof(fc.constantFrom(...VOCAB_STRINGS), fc.array(fc.constantFrom(...VOCAB_STRINGS), { maxLength: 3 })),
          )
          .map(([op, key, v]): Tree => ({ entries: [[op, { entries: [[key, v as Tree]] }]] })),
        treeArb,
      ),
      extra: treeArb,
    },
    { requiredKeys: [] },
  )
  .chain((rec) =>
    fc.shuffledSubarray(Object.keys(rec)).map((keys): Tree => ({ entries: keys.map((k) => [k === 'extra' ? 'Extra' : k, (rec as Record<string, Tree>)[k]!]) })),
  );

/** Policy-shaped documents: top-level Version/Statement (array or single object) plus noise. */
export const policyTreeArb: fc.Arbitrary<Tree> = fc
  .record({
    version: fc.option(fc.constantFrom<Tree>('2012-10-17', '2008-10-17', '2012-10-18', 20121017, null), { nil: undefined }),
    statements: fc.oneof(
      { weight: 4, arbitrary: fc.array(statementArb, { maxLength: 4 }) },
      { weight: 1, arbitrary: statementArb },
      { weight: 1, arbitrary: treeArb },
    ),
    extra: fc.option(fc.tuple(fc.constantFrom(...VOCAB_KEYS), treeArb), { nil: undefined }),
    duplicateStatement: fc.boolean(),
  })
  .map(({ version, statements, extra, duplicateStatement }): Tree => {
    const entries: Array<[string, Tree]> = [];
    if (version !== undefined) entries.push(['Version', version]);
    entries.push(['Statement', statements]);
    if (extra) entries.push(extra);
    if (duplicateStatement) entries.push(['Statement', []]);
    return { entries };
  });

export interface Style {
  indent: string;
  newline: string;
  colonSpace: string;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('', '  ', '    ', '\t'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  colonSpace: fc.constantFrom('', ' ', '\t'),
});

/** Serialize a Tree as JSON text (duplicate keys kept; strings JSON-escaped, so lone surrogates become \uXXXX). */
export function serialize(t: Tree, style: Style = { indent: '  ', newline: '\n', colonSpace: ' ' }, depth = 0): string {
  const nl = style.indent ? style.newline : '';
  const pad = (d: number): string => style.indent.repeat(d);
  if (t === null || typeof t !== 'object') return t === undefined ? 'null' : (JSON.stringify(t) ?? 'null');
  if (Array.isArray(t)) {
    if (!t.length) return '[]';
    return `[${nl}${t.map((x) => pad(depth + 1) + serialize(x, style, depth + 1)).join(`,${nl}`)}${nl}${pad(depth)}]`;
  }
  if (!t.entries.length) return '{}';
  return `{${nl}${t.entries.map(([k, v]) => `${pad(depth + 1)}${JSON.stringify(k)}:${style.colonSpace}${serialize(v, style, depth + 1)}`).join(`,${nl}`)}${nl}${pad(depth)}}`;
}

export const policyTextArb: fc.Arbitrary<string> = fc.tuple(policyTreeArb, styleArb).map(([t, s]) => serialize(t, s));

// ---------------------------------------------------------------------------------------------
// Catalog templates: rendered with realistic values, with their <tokens>, and as the AWS docs print them ({{…}}).

export function templateTexts(): Array<{ id: string; text: string }> {
  const out: Array<{ id: string; text: string }> = [];
  for (const t of TEMPLATES) {
    const body = t.policyType === 'statement' ? { Version: '2012-10-17', Statement: [t.body] } : t.body;
    const tt = { ...t, body };
    out.push({
      id: `${t.id} (sample values)`,
      text: renderTemplate(
        tt,
        sampleValues(tt, (k) => placeholderKind(k).sample),
      ),
    });
    out.push({ id: `${t.id} (tokens)`, text: templateText(tt) });
    out.push({ id: `${t.id} (doc braces)`, text: templateText(tt).replace(/<([a-z0-9-]+)>/g, '{{$1}}') });
  }
  return out;
}

/** Units whose repetition made a scan quadratic (issue 12 items 5 and 7) or could: openers without closers, wildcards. */
export const REPEAT_UNITS = [
  '<',
  '<a',
  '<a>',
  '${',
  '${a',
  '{{',
  '{{a}',
  '}}',
  '*?',
  '**',
  '?',
  ':',
  '/',
  '//',
  '/*',
  '*/',
  '\\',
  '"',
  'arn:',
  '-EXAMPLE',
  'amzn-s3-demo-',
  '111122223333',
  ' ',
];

const INSERTS = [
  ',',
  ':',
  '"',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '/',
  '*',
  '//',
  '/*',
  '0',
  '-',
  'e',
  '😀',
  '\ud83d',
  '\u200b',
  '\u202e',
  'e\u0301',
  '\ufeff',
  '\u0000',
  '<',
  '>',
  '{{',
  '}}',
  '${',
  'arn:',
  '::',
  '"Statement"',
  'null',
  'true',
];

export type Mutation =
  | { op: 'delete'; at: number; count: number }
  | { op: 'duplicate'; at: number; count: number }
  | { op: 'insert'; at: number; s: string }
  | { op: 'truncate'; at: number }
  | { op: 'swap-values'; a: number; b: number }
  | { op: 'replace-value'; a: number; s: string }
  | { op: 'long-string'; a: number; n: number }
  | { op: 'trailing-comma'; a: number }
  | { op: 'crlf' }
  | { op: 'bom' }
  | { op: 'tabs' }
  | { op: 'unicode-in-value'; a: number; s: string }
  // Issue 12 classes: comments with CR / CRLF line endings, escapes, unterminated strings, repetition, deep values.
  | { op: 'comment'; at: number; block: boolean; newline: '\r' | '\r\n' | '\n' }
  | { op: 'escape-value'; a: number }
  | { op: 'unterminate'; a: number }
  | { op: 'repeat-in-value'; a: number; unit: string; n: number }
  | { op: 'deep-value'; a: number; n: number };

/** Positions are fractions (0..1) of the current length, so one mutation list applies to any text. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), s: fc.constantFrom(...INSERTS) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant('swap-values' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('replace-value' as const), a: fc.nat(), s: fc.constantFrom(...VOCAB_STRINGS) }),
  fc.record({ op: fc.constant('long-string' as const), a: fc.nat(), n: fc.constantFrom(1000, 65_536, 200_000) }),
  fc.record({ op: fc.constant('trailing-comma' as const), a: fc.nat() }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'bom' as const }),
  fc.constant({ op: 'tabs' as const }),
  fc.record({ op: fc.constant('unicode-in-value' as const), a: fc.nat(), s: fc.constantFrom('😀', '𝔘𝔫𝔦', 'e\u0301', '\u202e', '中文', '\u200b', '\ud800') }),
  fc.record({
    op: fc.constant('comment' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    block: fc.boolean(),
    newline: fc.constantFrom('\r' as const, '\r\n' as const, '\n' as const),
  }),
  fc.record({ op: fc.constant('escape-value' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('unterminate' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('repeat-in-value' as const), a: fc.nat(), unit: fc.constantFrom(...REPEAT_UNITS), n: fc.constantFrom(2, 50, 5_000) }),
  fc.record({ op: fc.constant('deep-value' as const), a: fc.nat(), n: fc.constantFrom(255, 257, 300, 5_000) }),
);

const STRING_RE = /"(?:[^"\\\n]|\\.)*"/g;

/** JSON-escape the characters the rules look at (`/`, `<`, `>`, `:`, `*`, letters now and then): same value, other text. */
function escapeSome(raw: string): string {
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      out += ch + raw[++i];
      continue;
    }
    if (ch === '/') out += '\\/';
    else if ('<>:*'.includes(ch) || (i % 5 === 0 && /[a-z]/.test(ch))) out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    else out += ch;
  }
  return `"${out}"`;
}

function stringLiterals(text: string): Array<{ offset: number; raw: string }> {
  return [...text.matchAll(STRING_RE)].map((m) => ({ offset: m.index, raw: m[0] }));
}

export function applyMutation(text: string, m: Mutation): string {
  const pos = (f: number): number => Math.min(text.length, Math.floor(f * (text.length + 1)));
  switch (m.op) {
    case 'delete': {
      const i = pos(m.at);
      return text.slice(0, i) + text.slice(i + m.count);
    }
    case 'duplicate': {
      const i = pos(m.at);
      return text.slice(0, i) + text.slice(i, i + m.count) + text.slice(i);
    }
    case 'insert': {
      const i = pos(m.at);
      return text.slice(0, i) + m.s + text.slice(i);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'trailing-comma': {
      // A comma before a closing bracket, after the whitespace that precedes it (as people leave them).
      const closers = [...text.matchAll(/\s*[\]}]/g)].map((x) => x.index);
      if (!closers.length) return text;
      const i = closers[m.a % closers.length];
      return text.slice(0, i) + ',' + text.slice(i);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'comment': {
      // A comment on a line of its own, with the chosen line ending everywhere (CR-only files included).
      const i = pos(m.at);
      const body = m.block ? '/* note */' : '// note';
      return (text.slice(0, i) + m.newline + body + m.newline + text.slice(i)).replace(/\r\n|\r|\n/g, m.newline);
    }
    case 'bom':
      return text.startsWith('\ufeff') ? text : '\ufeff' + text;
    case 'tabs':
      return text.replace(/^( +)/gm, (s) => '\t'.repeat(Math.ceil(s.length / 4)));
    default:
      break;
  }
  const lits = stringLiterals(text);
  if (!lits.length) return text;
  const pick = (n: number) => lits[n % lits.length];
  const splice = (l: { offset: number; raw: string }, raw: string) => text.slice(0, l.offset) + raw + text.slice(l.offset + l.raw.length);
  switch (m.op) {
    case 'swap-values': {
      let [x, y] = [pick(m.a), pick(m.b)];
      if (x.offset === y.offset) return text;
      if (x.offset > y.offset) [x, y] = [y, x];
      return text.slice(0, x.offset) + y.raw + text.slice(x.offset + x.raw.length, y.offset) + x.raw + text.slice(y.offset + y.raw.length);
    }
    case 'replace-value':
      return splice(pick(m.a), JSON.stringify(m.s));
    case 'long-string': {
      const l = pick(m.a);
      return splice(l, l.raw.slice(0, -1) + 'a'.repeat(m.n) + '"');
    }
    case 'unicode-in-value': {
      const l = pick(m.a);
      return splice(l, l.raw.slice(0, 1) + m.s + l.raw.slice(1));
    }
    case 'escape-value':
      return splice(pick(m.a), escapeSome(pick(m.a).raw));
    case 'unterminate': {
      // Drop the closing quote (the parser ends the string at the line break or the end of the text).
      const l = pick(m.a);
      return splice(l, l.raw.slice(0, -1));
    }
    case 'repeat-in-value': {
      const l = pick(m.a);
      return splice(l, l.raw.slice(0, -1) + JSON.stringify(m.unit.repeat(m.n)).slice(1));
    }
    case 'deep-value': {
      const l = pick(m.a);
      return splice(l, '['.repeat(m.n) + l.raw + ']'.repeat(m.n));
    }
  }
  return text;
}

export const templateMutantArb: fc.Arbitrary<{ id: string; text: string; mutations: Mutation[] }> = fc
  .tuple(fc.constantFrom(...templateTexts()), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([t, mutations]) => ({ id: t.id, mutations, text: mutations.reduce(applyMutation, t.text) }));

/** Random bytes decoded as a file would be: UTF-8 (with U+FFFD for invalid sequences) or Latin-1. */
export const bytesTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.uint8Array({ maxLength: 3000 }),
    fc.constantFrom('utf8', 'latin1'),
    fc.constantFrom('', '{"Statement":', '{"Version":"2012-10-17","Statement":[{"Resource":"'),
  )
  .map(([bytes, enc, prefix]) => prefix + Buffer.from(bytes).toString(enc as BufferEncoding));

/** Random JSON text (fast-check's own generator), bare or as the Statement of a policy. */
export const randomJsonTextArb: fc.Arbitrary<string> = fc
  .tuple(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.constantFrom(undefined, 2, '\t'))
  .map(([v, wrap, indent]) => JSON.stringify(wrap ? { Version: '2012-10-17', Statement: v } : v, null, indent) ?? 'null');

/** Random unicode strings, with the gate text in them now and then. */
export const randomStringArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 300, unit: 'grapheme' }),
      fc.string({ maxLength: 300, unit: 'binary' }),
      fc.string({ maxLength: 300, unit: 'grapheme-composite' }),
    ),
    fc.boolean(),
  )
  .map(([s, gate]) => (gate ? `{"Statement":${s}` : s));

/** A policy whose one value is a repetition-heavy string (issue 12: every shape must be analysed in linear time). */
export const repetitionPolicyArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('Resource', 'Action', 'Sid', 'Condition-value', 'Condition-key', 'Principal'),
    fc.array(fc.constantFrom(...REPEAT_UNITS), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(1_000, 20_000, 60_000),
    fc.constantFrom('', 'arn:aws:s3:::', 'arn:aws:cleanrooms:us-east-1:210987654321:membership/'),
  )
  .map(([where, units, n, head]) => {
    const unit = units.join('');
    const v = head + unit.repeat(Math.max(1, Math.floor(n / unit.length)));
    const st: Record<string, unknown> = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme/*' };
    if (where === 'Resource' || where === 'Action' || where === 'Sid') st[where] = v;
    else if (where === 'Condition-value') st.Condition = { StringLike: { 'aws:SourceArn': v } };
    else if (where === 'Condition-key') st.Condition = { StringEquals: { [v]: 'x' } };
    else st.Principal = { AWS: v };
    return JSON.stringify({ Version: '2012-10-17', Statement: [st] });
  });
