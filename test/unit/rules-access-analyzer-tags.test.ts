// Rule family "access-analyzer-tags": global tag keys on services that support them for none of the statement's actions.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis';
import type { Finding } from '../../src/analysis/types';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const pol = (st: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [st] }, null, 2);
const tag = (text: string): Finding[] => analyze(text, { iam }).findings.filter((f) => f.rule.startsWith('aa-tag-key-'));
const at = (text: string, f: Finding): string => text.slice(f.offset, f.offset + f.length);

describe('rules: access-analyzer-tags', () => {
  const cond = (key: string) => ({ StringEquals: { [key]: 'production' } });

  it('Deny / Allow on aws:ResourceTag with a service that supports it on none of its actions (dax, cloudshell)', () => {
    const deny = pol({ Effect: 'Deny', Action: ['ec2:TerminateInstances', 'dax:DeleteCluster'], Resource: '*', Condition: cond('aws:ResourceTag/Env') });
    const [d, ...more] = tag(deny);
    assert.equal(more.length, 0);
    assert.equal(d.rule, 'aa-tag-key-unsupported-deny');
    assert.equal(at(deny, d), 'aws:ResourceTag/Env');
    assert.match(d.message, /the actions of dax in this statement do not support aws:ResourceTag\/Env: .*this Deny does not apply to them/);
    const allow = pol({ Effect: 'Allow', Action: ['cloudshell:CreateSession'], Resource: '*', Condition: cond('aws:ResourceTag/Team') });
    assert.deepEqual(
      tag(allow).map((f) => [f.rule, f.severity]),
      [['aa-tag-key-unsupported-allow', 'info']],
    );
  });

  it('is quiet where every service supports the key on at least one action, for service keys, and without the data', () => {
    const ok = pol({ Effect: 'Deny', Action: ['ec2:TerminateInstances', 'kms:Decrypt'], Resource: '*', Condition: cond('aws:ResourceTag/Env') });
    assert.deepEqual(tag(ok), []);
    const request = pol({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['Env'] } } });
    assert.deepEqual(tag(request), []);
    const service = pol({ Effect: 'Allow', Action: 'dax:DeleteCluster', Resource: '*', Condition: cond('aws:PrincipalTag/Env') });
    assert.deepEqual(tag(service), [], 'aws:PrincipalTag is about the caller, not a per-service key');
    const bad = pol({ Effect: 'Deny', Action: 'dax:DeleteCluster', Resource: '*', Condition: cond('aws:ResourceTag/Env') });
    assert.equal(tag(bad).length, 1);
    assert.deepEqual(
      analyze(bad, {}).findings.filter((f) => f.rule.startsWith('aa-tag-key-')),
      [],
      'silent without the reference data',
    );
  });

  it('expands action wildcards, and each of the three tag keys is checked against its own support', () => {
    const wild = pol({ Effect: 'Deny', Action: ['dax:Delete*'], Resource: '*', Condition: cond('aws:ResourceTag/Env') });
    assert.equal(tag(wild).length, 1);
    // ec2:StartInstances lists aws:RequestTag and aws:TagKeys; cloudshell:CreateSession lists none of them.
    for (const key of ['aws:RequestTag/Env', 'aws:TagKeys']) {
      assert.deepEqual(tag(pol({ Effect: 'Allow', Action: 'ec2:StartInstances', Resource: '*', Condition: cond(key) })), [], key);
      assert.equal(tag(pol({ Effect: 'Allow', Action: 'cloudshell:CreateSession', Resource: '*', Condition: cond(key) })).length, 1, key);
    }
  });

  it('NotAction: the statement covers every other service, some of which ignore the key', () => {
    const t = pol({ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: cond('aws:ResourceTag/Env') });
    const [f] = tag(t);
    assert.equal(f?.rule, 'aa-tag-key-unsupported-deny');
    assert.match(f.message, /^With NotAction this Deny covers every other action, including those of \d+ services, e\.g\. /);
  });
});
