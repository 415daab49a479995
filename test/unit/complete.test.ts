// Completion core (src/analysis/complete.ts): each context with a position that completes and one that must not,
// the ranking the issue asks for, and that every item leaves valid JSON.
import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import { arnSnippet, completePolicy, type PolicyCompletions } from '../../src/analysis/complete';
import { loadTestIamIndex } from './helpers/iam';

const index = loadTestIamIndex();

/** `|` marks the cursor. */
function at(src: string, withIndex = true): PolicyCompletions | undefined {
  const o = src.indexOf('|');
  assert.ok(o >= 0 && src.indexOf('|', o + 1) < 0, 'one cursor mark');
  return completePolicy(src.slice(0, o) + src.slice(o + 1), o, withIndex ? index : undefined);
}

const policy = (statement: string) => `{"Version": "2012-10-17", "Statement": [${statement}]}`;
const labels = (r: PolicyCompletions | undefined) =>
  (r?.items ?? [])
    .slice()
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map((i) => i.label);

/** A snippet with every tab stop resolved to its default (a choice to its first option). */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]+)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('completion: contexts', () => {
  const cases: Array<{ name: string; src: string; context?: PolicyCompletions['context']; has?: string[]; lacks?: string[] }> = [
    // Action / NotAction
    {
      name: 'Action value: service prefixes',
      src: policy('{"Effect": "Allow", "Action": "|"}'),
      context: 'action',
      has: ['s3:', 'cleanrooms:', 'cleanrooms-ml:'],
      lacks: ['s3:GetObject'],
    },
    {
      name: 'Action array item after the colon: the service actions',
      src: policy('{"Effect": "Allow", "Action": ["s3:GetObject", "cleanrooms:|"]}'),
      context: 'action',
      has: ['cleanrooms:GetMembership', 'cleanrooms:StartProtectedQuery'],
      lacks: ['s3:GetObject', 's3:'],
    },
    { name: 'NotAction value', src: policy('{"Effect": "Deny", "NotAction": "iam:|"}'), context: 'action', has: ['iam:PassRole'] },
    { name: 'unknown service after the colon: nothing', src: policy('{"Effect": "Allow", "Action": "nosuchservice:|"}') },
    { name: 'Sid value: nothing', src: policy('{"Sid": "|", "Action": "s3:GetObject"}') },
    { name: 'the key "Action" itself: nothing', src: policy('{"Act|ion": "s3:GetObject"}') },
    { name: 'Action outside Statement: nothing', src: '{"Action": "s3:|", "Statement": []}' },
    { name: 'Action in a non-policy document: nothing', src: '{"Action": "s3:|"}' },
    { name: 'cursor after the closing quote: nothing', src: policy('{"Action": "s3:"|}') },
    { name: 'string with an escape: nothing', src: policy('{"Action": "s3:\\u0047|"}') },
    // Condition operators
    {
      name: 'key of Condition: operators',
      src: policy('{"Action": "s3:GetObject", "Condition": {"|"}}'),
      context: 'condition-operator',
      has: ['StringEquals', 'ArnLike', 'ForAnyValue:StringLike', 'StringEqualsIfExists', 'Null'],
      lacks: ['NullIfExists', 'aws:SourceIp'],
    },
    { name: 'Condition as a string value: nothing', src: policy('{"Action": "s3:GetObject", "Condition": "|"}') },
    // Condition keys
    {
      name: 'key of an operator block: condition keys',
      src: policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"|"}}}'),
      context: 'condition-key',
      has: ['s3:ResourceAccount', 'aws:SourceIp', 'aws:PrincipalTag/${TagKey}'],
      lacks: ['StringEquals'],
    },
    { name: 'key one level deeper: nothing', src: policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"s3:prefix": {"|": 1}}}}') },
    // Condition values
    {
      name: 'aws:RequestedRegion value: Regions',
      src: policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-2", "|"]}}}'),
      context: 'condition-value',
      has: ['us-east-1', 'eu-west-2', 'eu-north-1'],
    },
    {
      name: 'Bool key value: true/false',
      src: policy('{"Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "|"}}}'),
      context: 'condition-value',
      has: ['true', 'false'],
    },
    {
      name: 'Null value: true/false',
      src: policy('{"Action": "s3:GetObject", "Condition": {"Null": {"aws:SourceArn": "|"}}}'),
      context: 'condition-value',
      has: ['true', 'false'],
    },
    {
      name: 'iam:PassedToService value: service principals',
      src: policy('{"Action": "iam:PassRole", "Condition": {"StringEquals": {"iam:PassedToService": "|"}}}'),
      context: 'condition-value',
      has: ['cleanrooms.amazonaws.com'],
    },
    { name: 'a String key value: nothing', src: policy('{"Action": "s3:ListBucket", "Condition": {"StringLike": {"s3:prefix": "|"}}}') },
    { name: 'an ARN key value: nothing', src: policy('{"Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "|"}}}') },
    // Principal.Service
    {
      name: 'Principal.Service value: service principals',
      src: policy('{"Effect": "Allow", "Principal": {"Service": "|"}, "Action": "sts:AssumeRole"}'),
      context: 'principal-service',
      has: ['cleanrooms.amazonaws.com', 'cleanrooms-ml.amazonaws.com'],
    },
    {
      name: 'Principal.Service array item',
      src: policy('{"Effect": "Allow", "Principal": {"Service": ["|"]}, "Action": "sts:AssumeRole"}'),
      context: 'principal-service',
      has: ['cleanrooms.amazonaws.com'],
    },
    { name: 'Principal.AWS value: nothing', src: policy('{"Effect": "Allow", "Principal": {"AWS": "|"}, "Action": "sts:AssumeRole"}') },
    // Resource
    {
      name: 'Resource value: ARN snippets of the actions',
      src: policy('{"Action": "cleanrooms:GetMembership", "Resource": "|"}'),
      context: 'resource',
      has: ['arn:aws:cleanrooms:${Region}:${Account}:membership/${MembershipId}'],
    },
    {
      name: 'Resource array item; actions that take only *',
      src: policy('{"Action": "s3:ListAllMyBuckets", "Resource": ["|"]}'),
      context: 'resource',
      has: ['*'],
    },
    {
      name: 'a single Statement object (no array): Resource completes',
      src: '{"Version": "2012-10-17", "Statement": {"Action": "cleanrooms:GetMembership", "Resource": "|"}}',
      context: 'resource',
      has: ['arn:aws:cleanrooms:${Region}:${Account}:membership/${MembershipId}'],
    },
    {
      name: 'NotResource value',
      src: policy('{"Effect": "Deny", "Action": "cleanrooms:GetMembership", "NotResource": ["|"]}'),
      context: 'resource',
      has: ['arn:aws:cleanrooms:${Region}:${Account}:membership/${MembershipId}'],
    },
    {
      name: 'NotPrincipal.Service value',
      src: policy('{"Effect": "Deny", "NotPrincipal": {"Service": "|"}, "Action": "sts:AssumeRole"}'),
      context: 'principal-service',
      has: ['cleanrooms.amazonaws.com'],
    },
    { name: 'a Resource string nested in an object: nothing', src: policy('{"Action": "cleanrooms:GetMembership", "Resource": {"x": "|"}}') },
    { name: 'the key "Resource" itself: nothing', src: policy('{"Action": "s3:GetObject", "Reso|urce": "*"}') },
    { name: 'Resource without actions: nothing', src: policy('{"Effect": "Allow", "Resource": "|"}') },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = at(c.src);
      if (!c.context) {
        assert.equal(r, undefined, `no items, got ${labels(r).slice(0, 5).join(', ')}`);
        return;
      }
      assert.ok(r, 'items');
      assert.equal(r.context, c.context);
      const ls = labels(r);
      for (const h of c.has ?? []) assert.ok(ls.includes(h), `has ${h}`);
      for (const l of c.lacks ?? []) assert.ok(!ls.includes(l), `lacks ${l}`);
    });
  }
});

describe('completion: items', () => {
  it('the range is the whole string content, also past the cursor', () => {
    const src = policy('{"Action": "s3:Get|Obj"}');
    const r = at(src)!;
    const text = src.replace('|', '');
    assert.equal(text.slice(r.offset, r.offset + r.length), 's3:GetObj');
  });

  it('an unterminated string (no closing quote yet) is replaced up to the end of its line', () => {
    const src = '{"Statement": [{"Action": "s3:Ge|\n}]}';
    const r = at(src)!;
    assert.equal(r.context, 'action');
    assert.equal(src.replace('|', '').slice(r.offset, r.offset + r.length), 's3:Ge');
  });

  it('actions carry their access level and description from the IAM data', () => {
    const get = at(policy('{"Action": "s3:|"}'))!.items.find((i) => i.label === 's3:GetObject')!;
    assert.equal(get.detail, 'Read');
    assert.match(get.documentation!, /access level: \*\*Read\*\*/);
    assert.match(get.documentation!, /Grants permission to retrieve objects/);
    assert.match(get.documentation!, /reference\/list_amazons3\.html/);
    const put = at(policy('{"Action": "s3:|"}'))!.items.find((i) => i.label === 's3:PutObject')!;
    assert.equal(put.detail, 'Write');
  });

  it('service prefixes insert `prefix:` and reopen the list; Clean Rooms ranks first', () => {
    const r = at(policy('{"Action": "|"}'))!;
    const s3 = r.items.find((i) => i.label === 's3:')!;
    assert.equal(s3.insertText, 's3:');
    assert.equal(s3.retrigger, true);
    assert.deepEqual(labels(r).slice(0, 2).sort(), ['cleanrooms-ml:', 'cleanrooms:']);
  });

  it("condition keys: the statement's action keys rank before the global keys, and keys fitting the operator first", () => {
    const r = at(policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"|"}}}'))!;
    const ls = labels(r);
    assert.ok(ls.indexOf('s3:ResourceAccount') < ls.indexOf('aws:SourceIp'), 's3:GetObject key before a global key');
    assert.ok(ls.indexOf('aws:SourceIp') >= 0);
    const arn = at(policy('{"Action": "sts:AssumeRole", "Condition": {"ArnLike": {"|"}}}'))!;
    const al = labels(arn);
    assert.ok(al.indexOf('aws:SourceArn') < al.indexOf('aws:SourceAccount'), 'ARN keys first in an ARN operator block');
    const tag = r.items.find((i) => i.label === 'aws:PrincipalTag/${TagKey}')!;
    assert.equal(tag.snippet, true);
    assert.equal(tag.insertText, 'aws:PrincipalTag/${1:TagKey}');
    assert.match(r.items.find((i) => i.label === 'aws:SourceIp')!.documentation!, /IPAddress/);
  });

  it('condition keys exclude the one being typed over only by identity, not by prefix', () => {
    const r = at(policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:Sour|"}}}'))!;
    assert.ok(labels(r).includes('aws:SourceIp'));
  });

  it('operators: plain forms first, then IfExists, then the set-prefixed forms', () => {
    const ls = labels(at(policy('{"Action": "s3:GetObject", "Condition": {"|"}}')));
    assert.equal(ls[0], 'StringEquals');
    assert.ok(ls.indexOf('Null') < ls.indexOf('StringEqualsIfExists'));
    assert.ok(ls.indexOf('ArnNotLikeIfExists') < ls.indexOf('ForAnyValue:StringEquals'));
    assert.equal(ls.length, 159);
  });

  it('Regions: the Clean Rooms Regions first', () => {
    const r = at(policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:RequestedRegion": "|"}}}'))!;
    const ls = labels(r);
    const firstOther = ls.indexOf('us-west-1');
    assert.ok(firstOther >= 11, 'us-west-1 (no Clean Rooms) after the 11 Clean Rooms Regions');
    assert.ok(ls.slice(0, 11).includes('eu-north-1'));
    assert.ok(!ls.includes('cn-north-1'), 'commercial partition only');
  });

  it('Principal.Service: cleanrooms.amazonaws.com, then cleanrooms-ml.amazonaws.com', () => {
    assert.deepEqual(labels(at(policy('{"Principal": {"Service": "|"}, "Action": "sts:AssumeRole"}'))).slice(0, 2), [
      'cleanrooms.amazonaws.com',
      'cleanrooms-ml.amazonaws.com',
    ]);
  });

  it('Resource: the membership ARN snippet has a Clean Rooms Region choice and tab stops for account and id', () => {
    const r = at(policy('{"Action": ["cleanrooms:GetMembership"], "Resource": "|"}'))!;
    const m = r.items[0];
    assert.equal(m.snippet, true);
    assert.equal(
      m.insertText,
      'arn:aws:cleanrooms:${1|us-east-1,us-east-2,us-west-2,ap-northeast-2,ap-southeast-1,ap-southeast-2,ap-northeast-1,eu-central-1,eu-west-1,eu-west-2,eu-north-1|}:${2:<account-id>}:membership/${3:<MembershipId>}',
    );
    assert.match(m.insertText, /\$\{1\|[^|]*eu-west-2[^|]*\|\}/);
    assert.doesNotMatch(m.insertText, /us-west-1|ca-central-1/, 'only Clean Rooms Regions in the choice');
  });

  it('Resource: the plain S3 object ARN ranks before the access-point form for s3:GetObject', () => {
    const ls = labels(at(policy('{"Action": "s3:GetObject", "Resource": "|"}')));
    assert.equal(ls[0], 'arn:aws:s3:::${BucketName}/${ObjectName}');
    assert.ok(ls.some((l) => l.includes(':accesspoint/')));
  });

  it('Resource: wildcard actions of one service contribute their resource types', () => {
    const ls = labels(at(policy('{"Action": "glue:GetTable*", "Resource": "|"}')));
    assert.ok(ls.includes('arn:aws:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}'), ls.join(', '));
  });

  it('a repeated ARN field name reuses its tab stop', () => {
    assert.equal(
      arnSnippet('arn:${Partition}:x:${Region}:${Account}:a/${Name}/b/${Name}').replace(/\$\{1\|[^|]*\|\}/, 'R'),
      'arn:aws:x:R:${2:<account-id>}:a/${3:<Name>}/b/$3',
    );
  });

  it('without the IAM index: operators, values and principals still complete; data contexts do not', () => {
    assert.equal(at(policy('{"Action": "s3:|"}'), false), undefined);
    assert.equal(at(policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"|"}}}'), false), undefined);
    assert.equal(at(policy('{"Action": "s3:GetObject", "Condition": {"|"}}'), false)?.context, 'condition-operator');
    assert.equal(at(policy('{"Principal": {"Service": "|"}}'), false)?.context, 'principal-service');
  });

  it('every item of every context leaves valid JSON in its place', () => {
    const docs = [
      policy('{"Action": "|"}'),
      policy('{"Action": "ec2:|"}'),
      policy('{"Action": ["s3:*", "glue:*", "kms:Decrypt"], "Resource": "|"}'),
      policy('{"Action": "s3:*", "Condition": {"|": {}}}'),
      policy('{"Action": ["s3:*", "cleanrooms:*"], "Condition": {"StringLike": {"|": "x"}}}'),
      policy('{"Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:RequestedRegion": "|"}}}'),
      policy('{"Principal": {"Service": "|"}}'),
    ];
    let checked = 0;
    for (const src of docs) {
      const o = src.indexOf('|');
      const text = src.slice(0, o) + src.slice(o + 1);
      const r = completePolicy(text, o, index)!;
      assert.ok(r && r.items.length, src);
      for (const i of r.items) {
        const insert = i.snippet ? expand(i.insertText) : i.insertText;
        const out = text.slice(0, r.offset) + insert + text.slice(r.offset + r.length);
        const errors: ParseError[] = [];
        parseTree(out, errors);
        assert.deepEqual(errors, [], `${i.label} -> ${insert}`);
        assert.equal(JSON.parse(out) !== undefined, true);
        checked++;
      }
    }
    assert.ok(checked > 1000, `${checked} items checked`);
  });
});
