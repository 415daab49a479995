// The IAM reference checks against every catalog template: no finding on any documented Clean Rooms policy, and
// every action, Resource ARN and condition key in the catalog is known to the index.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analysis/analyze';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { TEMPLATES } from '../../src/catalog/templates';
import type { PolicyTemplate } from '../../src/catalog/types';
import { renderTemplate, sampleValues, templateText } from '../../src/fill/apply';
import { findAction, lookupConditionKey, matchActions, resourceMatchesTemplate } from '../../src/iam-data';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const rendered = (t: PolicyTemplate): string =>
  renderTemplate(
    t,
    sampleValues(t, (k) => placeholderKind(k).sample),
  );

/** The template as a policy document (a 'statement' template is wrapped in one). */
function asPolicy(t: PolicyTemplate, text: string): string {
  return t.policyType === 'statement' ? `{"Version":"2012-10-17","Statement":[${text}]}` : text;
}

type Stmt = { Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown; Condition?: Record<string, Record<string, unknown>> };
function statements(t: PolicyTemplate): Stmt[] {
  const body = JSON.parse(rendered(t)) as { Statement?: Stmt | Stmt[] } & Stmt;
  if (t.policyType === 'statement') return [body];
  return Array.isArray(body.Statement) ? body.Statement : body.Statement ? [body.Statement] : [];
}
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

describe('iam-data: catalog templates', () => {
  it('the catalog has templates to check', () => {
    assert.ok(TEMPLATES.length > 0);
  });

  it('no template, rendered with sample values, has an iam-data finding', () => {
    const problems: string[] = [];
    for (const t of TEMPLATES) {
      const text = asPolicy(t, rendered(t));
      for (const f of analyze(text, { iam }).findings) {
        if (f.rule.startsWith('iam-')) problems.push(`${t.id}: ${f.rule} ${JSON.stringify(text.substr(f.offset, f.length))}: ${f.message}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('no template with its <placeholder> tokens still in has an iam-data finding', () => {
    const problems: string[] = [];
    for (const t of TEMPLATES) {
      const text = asPolicy(t, templateText(t));
      for (const f of analyze(text, { iam }).findings) {
        if (f.rule.startsWith('iam-')) problems.push(`${t.id}: ${f.rule} ${JSON.stringify(text.substr(f.offset, f.length))}: ${f.message}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every action in the catalog exists (patterns match at least one action)', () => {
    const actions = new Set(TEMPLATES.flatMap((t) => statements(t).flatMap((s) => [...strings(s.Action), ...strings(s.NotAction)])));
    assert.ok(actions.size > 0);
    const unknown = [...actions].filter((a) => a !== '*' && matchActions(iam, a).length === 0);
    assert.deepEqual(unknown, []);
  });

  it('every Resource ARN in the catalog matches a resource type of an action in its statement', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const t of TEMPLATES) {
      for (const s of statements(t)) {
        const actions = strings(s.Action).flatMap((a) => (a === '*' ? [] : matchActions(iam, a)));
        const templates = actions.flatMap((a) => {
          const found = findAction(iam, a)!;
          return found.svc.actions[found.position].rt.map((r) => found.svc.resourceTypes[r >> 1].arn);
        });
        for (const arn of strings(s.Resource)) {
          if (arn === '*') continue;
          checked++;
          if (!templates.some((tpl) => resourceMatchesTemplate(iam, arn, tpl))) problems.push(`${t.id}: ${arn} (actions ${actions.slice(0, 4).join(', ')})`);
        }
      }
    }
    assert.ok(checked > 0);
    assert.deepEqual(problems, []);
  });

  it('every condition key in the catalog is known, except OIDC provider keys', () => {
    const keys = new Set(TEMPLATES.flatMap((t) => statements(t).flatMap((s) => Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block)))));
    assert.ok(keys.size > 0);
    const unknown = [...keys].filter((k) => /^[A-Za-z0-9-]+:/.test(k) && !lookupConditionKey(iam, k));
    assert.deepEqual(unknown, []);
  });
});
