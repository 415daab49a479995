import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROLES, TEMPLATES } from '../../src/catalog/templates';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { isCleanRoomsRegion, regionsForPicker } from '../../src/catalog/regions';
import { generateSnippets, infraSnippetFor, infraSnippetsFileText, snippetFor, snippetsFileText, templatesMarkdown } from '../../src/catalog/snippets';
import { infraText, type InfraFormat } from '../../src/catalog/infra-text';
import { roleStacks, stackPlaceholders } from '../../src/catalog/role-stacks';
import { renderStack } from '../../src/fill/infra';
import type { PolicyTemplate } from '../../src/catalog/types';
import { PASS_ROLE_RULES, passRoleNote } from '../../src/catalog/pass-role';
import { templateSummary } from '../../src/catalog/template-text';
import { roleRequirements } from '../../src/fill/aws-commands';
import { renderTemplate, sampleValues, templateText } from '../../src/fill/apply';

const ROOT = path.resolve(__dirname, '..', '..');
const TOKEN_RE = /<([a-z0-9][a-z0-9-]*)>/g;

type Part = { text: string } | { stop: number; placeholder?: string; choices?: string[] };

/**
 * A small parser for the VS Code snippet grammar subset we emit: text with `\` escapes of `$`, `}` and `\`,
 * tab stops `$n` / `${n}`, placeholders `${n:text}` and choices `${n|a,b|}` (where `,` and `|` are escapable too).
 * It is written from the grammar, independently of the generator, so the round trip tests the escaping.
 */
function parseSnippet(body: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) parts.push({ text });
    text = '';
  };
  const readUntil = (terminators: string, escapable: string): string => {
    let out = '';
    while (i < body.length && !terminators.includes(body[i])) {
      if (body[i] === '\\' && escapable.includes(body[i + 1] ?? '')) {
        out += body[i + 1];
        i += 2;
      } else out += body[i++];
    }
    if (i >= body.length) throw new Error(`unterminated snippet element in ${body}`);
    return out;
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\' && '$}\\'.includes(body[i + 1] ?? '')) {
      text += body[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      let m = /^\$(\d+)/.exec(body.slice(i)) ?? /^\$\{(\d+)\}/.exec(body.slice(i));
      if (m) {
        flush();
        parts.push({ stop: Number(m[1]) });
        i += m[0].length;
        continue;
      }
      m = /^\$\{(\d+):/.exec(body.slice(i));
      if (m) {
        flush();
        i += m[0].length;
        const placeholder = readUntil('}', '$}\\');
        i++;
        parts.push({ stop: Number(m[1]), placeholder });
        continue;
      }
      m = /^\$\{(\d+)\|/.exec(body.slice(i));
      if (m) {
        flush();
        i += m[0].length;
        const choices: string[] = [];
        for (;;) {
          choices.push(readUntil(',|', '$}\\,|'));
          if (body[i++] === '|') break;
        }
        assert.equal(body[i++], '}', 'a choice ends with |}');
        parts.push({ stop: Number(m[1]), choices });
        continue;
      }
      throw new Error(`unescaped $ at ${i} in ${body}`);
    }
    text += c;
    i++;
  }
  flush();
  return parts;
}

const samplesOf = (t: PolicyTemplate) => sampleValues(t, (k) => placeholderKind(k).sample);

describe('snippets: generated file', () => {
  it('the checked-in snippets/cleanrooms-iam.json is exactly what the generator produces (run npm run snippets)', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, 'snippets', 'cleanrooms-iam.json'), 'utf8');
    assert.equal(onDisk, snippetsFileText(), 'snippets/cleanrooms-iam.json is stale: run npm run snippets');
  });

  it('the checked-in docs/templates.md is what scripts/generate-docs.ts produces', () => {
    const onDisk = fs.readFileSync(path.join(ROOT, 'docs', 'templates.md'), 'utf8');
    assert.equal(onDisk, templatesMarkdown(), 'docs/templates.md is stale: run npx tsx scripts/generate-docs.ts');
  });

  it('has one snippet per template with its prefix, naming the role and linking the AWS page', () => {
    const file = generateSnippets();
    const entries = Object.values(file);
    assert.equal(entries.length, TEMPLATES.length);
    for (const t of TEMPLATES) {
      const s = entries.find((e) => e.prefix === t.snippetPrefix);
      assert.ok(s, `no snippet for ${t.id}`);
      const role = ROLES.find((r) => r.id === t.role)!;
      assert.ok(s.description.includes(role.title), `${t.id}: description does not name the role`);
      assert.ok(s.description.endsWith(t.docUrl), `${t.id}: description does not link ${t.docUrl}`);
      assert.ok(Array.isArray(s.body) && s.body.length > 1);
    }
  });

  it('the setup, ML and Entity Resolution service roles say in the snippet and the picker which path and name the managed policies can pass (issue 14 item 11)', () => {
    const file = generateSnippets();
    const setupRoles = ['read-data-s3', 'read-data-athena', 'read-data-snowflake', 'pyspark-analysis-template', 'pyspark-job-results', 'receive-results'];
    let checked = 0;
    for (const t of TEMPLATES) {
      const summary = templateSummary(t, ROLES);
      const snippet = file[`Clean Rooms: ${t.title}`].description;
      assert.ok(snippet.includes(summary), `${t.id}: the snippet description carries the summary`);
      const kind = ROLES.find((r) => r.id === t.role)!.passRole;
      if (setupRoles.includes(t.role) && t.policyType !== 'statement') {
        assert.equal(kind, 'cleanrooms', t.id);
        for (const s of [summary, snippet]) {
          assert.ok(s.includes('arn:aws:iam::*:role/service-role/*cleanrooms*'), `${t.id}: ${s}`);
          assert.match(s, /AWSCleanRoomsFullAccess or AWSCleanRoomsFullAccessNoQuerying/);
          assert.match(s, /path \/service-role\/ and a name that contains cleanrooms/);
        }
        checked++;
      }
      if (kind && t.policyType !== 'statement') assert.ok(summary.endsWith(passRoleNote(kind)), `${t.id}: ${summary}`);
      else assert.equal(summary, t.description, `${t.id}: no pass-role note`);
    }
    assert.equal(checked, 14, 'the trust and permissions templates of the six setup service roles');
    // The ML and Entity Resolution notes come from the same source, as does Copy AWS CLI Commands.
    assert.ok(TEMPLATES.find((t) => t.id === 'ml-training-data-trust')!.notes!.includes(passRoleNote('cleanrooms-ml')));
    assert.ok(TEMPLATES.find((t) => t.id === 'entity-resolution-id-mapping-trust')!.notes!.includes(passRoleNote('entityresolution')));
    assert.equal(roleRequirements(['cleanrooms.amazonaws.com']).passRolePattern, PASS_ROLE_RULES.cleanrooms.passRolePattern);
    assert.equal(roleRequirements(['cleanrooms-ml.amazonaws.com']).passRolePattern, 'arn:aws:iam::*:role/cleanrooms-ml*');
    // Not for the member role (people assume it) or statements to add to an existing policy.
    assert.equal(
      templateSummary(
        TEMPLATES.find((t) => t.id === 'member-trust')!,
        ROLES,
      ),
      TEMPLATES.find((t) => t.id === 'member-trust')!.description,
    );
  });

  it('the docs table lists every template with its prefix and AWS page', () => {
    const md = templatesMarkdown();
    for (const t of TEMPLATES) {
      const row = md.split('\n').find((l) => l.startsWith(`| \`${t.id}\` |`));
      assert.ok(row, `no row for ${t.id}`);
      assert.ok(row.includes(`\`${t.snippetPrefix}\``) && row.includes(`(${t.docUrl})`), row);
    }
  });
});

describe('snippets: bodies', () => {
  for (const t of TEMPLATES) {
    it(`${t.id}: one tab stop per placeholder, shared by all its occurrences; filled with samples it equals renderTemplate`, () => {
      const parts = parseSnippet(snippetFor(t).body.join('\n'));
      const raw = templateText(t, '\t');
      // Numbering expected from the template alone: placeholders numbered 1..n in order of first appearance.
      const order: string[] = [];
      for (const m of raw.matchAll(TOKEN_RE)) if (!order.includes(m[1])) order.push(m[1]);
      const occurrences = [...raw.matchAll(TOKEN_RE)].map((m) => m[1]);
      const stops = parts.filter((p): p is Exclude<Part, { text: string }> => 'stop' in p);
      assert.deepEqual(
        stops.map((s) => s.stop),
        occurrences.map((name) => order.indexOf(name) + 1),
        'tab stop numbers follow the placeholders',
      );
      const firstSeen = new Set<number>();
      for (const s of stops) {
        const name = order[s.stop - 1];
        const kind = t.placeholders.find((p) => p.name === name)!.kind;
        if (!firstSeen.has(s.stop)) {
          firstSeen.add(s.stop);
          if (kind === 'region') {
            assert.deepEqual(
              s.choices,
              regionsForPicker()
                .filter((r) => r.cleanRooms)
                .map((r) => r.code),
            );
            assert.ok(s.choices.every(isCleanRoomsRegion));
          } else if (kind === 'any-region') {
            assert.ok(s.choices && s.choices.length > 11 && s.choices.slice(0, 11).every(isCleanRoomsRegion));
          } else {
            assert.equal(s.placeholder, `<${name}>`, 'the first occurrence shows the <name> token');
          }
        } else {
          assert.ok(s.placeholder === undefined && s.choices === undefined, `later occurrences of ${name} are plain mirrors`);
        }
      }
      // Replace each tab stop with its placeholder's sample value.
      const samples = samplesOf(t);
      const filled = parts.map((p) => ('text' in p ? p.text : samples[order[p.stop - 1]])).join('');
      assert.equal(filled, renderTemplate(t, samples, '\t'));
      assert.deepEqual(JSON.parse(filled), JSON.parse(renderTemplate(t, samples)));
      // Left as inserted (no typing), every non-region tab stop leaves the <token> the diagnostics flag.
      const untouched = parts.map((p) => ('text' in p ? p.text : p.choices ? p.choices[0] : `<${order[p.stop - 1]}>`)).join('');
      JSON.parse(untouched);
    });
  }

  it('escapes $, } and \\ in literal text so IAM policy variables survive the snippet', () => {
    const t: PolicyTemplate = {
      id: 'x-permissions',
      title: 'x',
      role: 'x',
      policyType: 'permissions',
      docUrl: 'https://docs.aws.amazon.com/x.html',
      description: 'x',
      body: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::<bucket>/home/${aws:username}/*',
            Condition: { StringLike: { 's3:prefix': ['a\\b', '$1', '}{'] } },
          },
        ],
      },
      placeholders: [{ name: 'bucket', kind: 'bucket' }],
      snippetPrefix: 'x',
    };
    const body = snippetFor(t, []).body.join('\n');
    assert.ok(body.includes('\\${aws:username\\}'), body);
    assert.ok(!/(^|[^\\])\$(?!\{1[:}])/.test(body.replace(/\\\\/g, '')), 'no unescaped $ outside tab stops');
    const parts = parseSnippet(body);
    assert.deepEqual(
      parts.filter((p) => 'stop' in p),
      [{ stop: 1, placeholder: '<bucket>' }],
    );
    const filled = parts.map((p) => ('text' in p ? p.text : 'acme-data')).join('');
    assert.equal(filled, renderTemplate(t, { bucket: 'acme-data' }, '\t'));
  });
});

describe('snippets: CloudFormation YAML and Terraform', () => {
  const files: Array<[InfraFormat, string, string]> = [
    ['cloudformation', 'cleanrooms-iam-cloudformation.json', 'yaml'],
    ['terraform', 'cleanrooms-iam-terraform.json', 'terraform'],
  ];
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { snippets: Array<{ language: string; path: string }> };
  };
  for (const [format, file, language] of files) {
    it(`the checked-in snippets/${file} is exactly what the generator produces, contributed for ${language}`, () => {
      const onDisk = fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8');
      assert.equal(onDisk, infraSnippetsFileText(format), `snippets/${file} is stale: run npm run snippets`);
      assert.deepEqual(
        manifest.contributes.snippets.filter((s) => s.path === `./snippets/${file}`).map((s) => s.language),
        [language],
      );
      assert.equal(Object.keys(JSON.parse(onDisk) as object).length, roleStacks().length);
    });
    for (const s of roleStacks()) {
      it(`${format} ${s.id}: one tab stop per placeholder; left alone it is the template with placeholders, filled with samples the filled template`, () => {
        const snippet = infraSnippetFor(s, format);
        assert.equal(snippet.prefix, `cleanrooms-${s.id}-role`);
        assert.ok(snippet.description.endsWith(s.role.docUrl));
        const parts = parseSnippet(snippet.body.join('\n'));
        const text = infraText(s, format);
        assert.ok(!text.includes('\t'), 'spaces, not tabs (YAML forbids tab indentation)');
        const order: string[] = [];
        for (const m of text.matchAll(TOKEN_RE)) if (!order.includes(m[1])) order.push(m[1]);
        assert.deepEqual(
          order.slice().sort(),
          stackPlaceholders(s)
            .map((p) => p.name)
            .sort(),
          'every placeholder of the role, no other token',
        );
        const stops = parts.filter((p): p is Exclude<Part, { text: string }> => 'stop' in p);
        assert.deepEqual(
          stops.map((x) => x.stop),
          [...text.matchAll(TOKEN_RE)].map((m) => order.indexOf(m[1]) + 1),
        );
        const kinds = new Map(stackPlaceholders(s).map((p) => [p.name, p.kind]));
        const seen = new Set<number>();
        for (const x of stops) {
          const kind = kinds.get(order[x.stop - 1])!;
          if (seen.has(x.stop)) assert.ok(x.placeholder === undefined && x.choices === undefined);
          else if (kind === 'region' || kind === 'any-region') assert.ok(x.choices && x.choices.every((c) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(c)));
          else assert.equal(x.placeholder, `<${order[x.stop - 1]}>`);
          seen.add(x.stop);
        }
        const untouched = parts.map((p) => ('text' in p ? p.text : `<${order[p.stop - 1]}>`)).join('');
        assert.equal(untouched + '\n', text);
        const values = Object.fromEntries(stackPlaceholders(s).map((p) => [p.name, p.sample ?? placeholderKind(p.kind).sample]));
        const filled = parts.map((p) => ('text' in p ? p.text : values[order[p.stop - 1]])).join('');
        assert.equal(filled + '\n', renderStack(s, format, values));
      });
    }
  }
});
