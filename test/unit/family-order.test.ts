// Rule families do not depend on the registry's order, and one rule's setting changes no other rule's findings (issue
// 13). A family sees (hasFindingAt) the engine's own findings, its own and those of the families it names in
// readsFindingsOf, which analyze() runs first (runOrder); no other. Checked over the rules' examples (and their
// sibling files), the JSON fixtures and the catalog templates, raw and filled with their samples.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, analyze } from '../../src/analysis';
import { runOrder, type RuleFamily } from '../../src/analysis/rule';
import { RULE_FAMILIES } from '../../src/analysis/rules';
import type { AnalyzeOptions, Finding } from '../../src/analysis/types';
import { placeholderKind, TEMPLATES } from '../../src/catalog';
import { renderTemplate, sampleValues, templateText } from '../../src/fill/apply';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const ROOT = path.resolve(__dirname, '../..');

interface Doc {
  name: string;
  text: string;
  options: AnalyzeOptions;
}

function corpus(): Doc[] {
  const docs: Doc[] = [];
  for (const r of allRules()) {
    docs.push({ name: `example of ${r.id}`, text: r.example, options: { ...r.exampleOptions } });
    if (r.exampleSibling) docs.push({ name: `sibling of ${r.id}`, text: r.exampleSibling.text, options: { fileName: r.exampleSibling.fileName } });
  }
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) docs.push({ name: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8'), options: { fileName: e.name } });
    }
  };
  walk(path.join(ROOT, 'test/fixtures'));
  for (const t of TEMPLATES) {
    docs.push({ name: `template ${t.id}`, text: templateText(t), options: {} });
    docs.push({
      name: `template ${t.id}, filled`,
      text: renderTemplate(
        t,
        sampleValues(t, (k) => placeholderKind(k).sample),
      ),
      options: {},
    });
  }
  return docs;
}

const DOCS = corpus();
const run = (d: Doc, options: AnalyzeOptions = {}): Finding[] => analyze(d.text, { iam, ...d.options, ...options }).findings;

/** Run `body` with the registry's families in `order` (restored afterwards). */
function withFamilies<T>(order: readonly RuleFamily[], body: () => T): T {
  const registry = [...RULE_FAMILIES];
  RULE_FAMILIES.splice(0, RULE_FAMILIES.length, ...order);
  try {
    return body();
  } finally {
    RULE_FAMILIES.splice(0, RULE_FAMILIES.length, ...registry);
  }
}

/** A deterministic shuffle (mulberry32), so a failure names an order that can be run again. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('rule families: the findings do not depend on the registry order', () => {
  it('the corpus is what it claims: every rule example, the JSON fixtures and every template', () => {
    assert.ok(DOCS.length >= allRules().length + 2 * TEMPLATES.length + 8, `${DOCS.length} documents`);
    // The order matters only where a family reads another's findings: the corpus has such documents (iam-data skips a
    // value the arn family flagged; an Access Analyzer finding on a key does not silence iam-data).
    const names = DOCS.map((d) => d.name);
    for (const n of ['example of arn-missing-fields', 'example of iam-missing-set-qualifier']) assert.ok(names.includes(n), n);
  });

  const registry = [...RULE_FAMILIES];
  const orders: Array<[string, RuleFamily[]]> = [
    ['reversed', [...registry].reverse()],
    ...[1, 2, 3, 4, 5].map((seed): [string, RuleFamily[]] => [`shuffled (seed ${seed})`, shuffled(registry, seed)]),
    // Each family that others read, last in the list; the family that reads them, first.
    ['readers first', [...registry.filter((f) => f.readsFindingsOf?.length), ...registry.filter((f) => !f.readsFindingsOf?.length)]],
  ];
  const baseline = DOCS.map((d) => JSON.stringify(run(d)));

  for (const [name, order] of orders) {
    it(`registry order and ${name} (${order.map((f) => f.name).join(', ')}) give identical findings on every document`, () => {
      const differ: string[] = [];
      withFamilies(order, () =>
        DOCS.forEach((d, i) => {
          if (JSON.stringify(run(d)) !== baseline[i]) differ.push(d.name);
        }),
      );
      assert.deepEqual(differ, []);
    });
  }

  it('runOrder: each family after the families it reads, otherwise the order given; an absent name waits for nothing; a cycle throws', () => {
    const fam = (name: string, readsFindingsOf?: string[]): RuleFamily => ({ name, rules: [], readsFindingsOf, check: () => undefined });
    const names = (fs: RuleFamily[]): string[] => runOrder(fs).map((f) => f.name);
    assert.deepEqual(names([fam('c', ['b']), fam('b', ['a']), fam('a')]), ['a', 'b', 'c']);
    assert.deepEqual(names([fam('x'), fam('r', ['z']), fam('y'), fam('z')]), ['x', 'y', 'z', 'r']);
    assert.deepEqual(names([fam('r', ['absent', 'r']), fam('a')]), ['r', 'a']);
    assert.throws(() => runOrder([fam('a', ['b']), fam('b', ['a'])]), /cycle: a, b/);
    // The registry: iam-data after every family it reads, in any list order.
    for (const order of [registry, [...registry].reverse(), shuffled(registry, 7)]) {
      const run = names(order);
      for (const f of registry)
        for (const d of f.readsFindingsOf ?? []) assert.ok(run.indexOf(d) < run.indexOf(f.name), `${d} before ${f.name} in ${run.join(', ')}`);
    }
  });

  it("hasFindingAt sees the engine's findings, the family's own and those of the families it reads, wherever the family is listed", () => {
    // A comment (json-comment, the engine's), a grammar finding (grammar-effect) and an Access Analyzer one
    // (aa-pass-role-star-resource), each at its own offset.
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      // read
      "Effect": "allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-sales-data/*"
    },
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }
  ]
}`;
    const at = (rule: string): number => {
      const f = analyze(text).findings.find((x) => x.rule === rule);
      assert.ok(f, `${rule} fires on the probe document`);
      return f.offset;
    };
    const offsets = { comment: at('json-comment'), grammar: at('grammar-effect'), aa: at('aa-pass-role-star-resource') };
    const probe = (name: string, readsFindingsOf?: string[]) => {
      const seen: Record<string, boolean> = {};
      const family: RuleFamily = {
        name,
        rules: [],
        readsFindingsOf,
        check(ctx) {
          for (const [k, offset] of Object.entries(offsets)) seen[k] = ctx.hasFindingAt(offset);
        },
      };
      return { family, seen };
    };
    const first = probe('probe-first', ['grammar']);
    const last = probe('probe-last', ['grammar']);
    const alone = probe('probe-alone');
    withFamilies([first.family, ...registry, last.family, alone.family], () => analyze(text));
    // Listed first, it still runs after grammar; listed last, it still does not see the Access Analyzer finding.
    assert.deepEqual(first.seen, { comment: true, grammar: true, aa: false });
    assert.deepEqual(last.seen, { comment: true, grammar: true, aa: false });
    assert.deepEqual(alone.seen, { comment: true, grammar: false, aa: false });
  });
});

describe('rule settings: turning one rule off removes its findings and changes no other', () => {
  it('for every rule that fires on a document of the corpus: off, the other findings are exactly the same', () => {
    const changed: string[] = [];
    let pairs = 0;
    for (const d of DOCS) {
      const all = run(d);
      for (const rule of new Set(all.map((f) => f.rule))) {
        pairs++;
        const expected = JSON.stringify(all.filter((f) => f.rule !== rule));
        if (JSON.stringify(run(d, { severityOverrides: { [rule]: 'off' } })) !== expected) changed.push(`${d.name}: ${rule} off`);
      }
    }
    assert.deepEqual(changed, []);
    assert.ok(pairs > allRules().length, `${pairs} (document, rule) pairs`);
  });
});
