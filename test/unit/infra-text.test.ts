// Catalog roles as CloudFormation YAML and Terraform (src/catalog/role-stacks.ts, infra-text.ts, hcl.ts; src/fill/infra.ts):
// every role renders in both formats; the YAML holds exactly the catalog's policies and the kit finds in it exactly what it
// finds in the JSON policies (placeholders included), and nothing once filled; the Terraform is the hand-written example,
// and its strings escape HCL's template sequences (checked by Terraform itself when it is installed).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../src/analysis/analyze';
import { analyzeDocument } from '../../src/frontends/document';
import { loadHclParser } from '../../src/frontends/hcl-parser';
import type { HclParser } from '../../src/frontends/terraform';
import { PASS_ROLE_RULES } from '../../src/catalog/pass-role';
import { placeholderKind } from '../../src/catalog/placeholder-kinds';
import { ROLE_CHECKS } from '../../src/catalog/role-requests';
import { roleStacks, stackForTemplate, stackPermissionsBody, stackPlaceholders, type RoleStack } from '../../src/catalog/role-stacks';
import { cloudFormationText, terraformText } from '../../src/catalog/infra-text';
import { hclString, hclValue, jsonencode } from '../../src/catalog/hcl';
import { ROLES, TEMPLATES } from '../../src/catalog/templates';
import { renderTemplate } from '../../src/fill/apply';
import { renderStack } from '../../src/fill/infra';
import { roleRequirements, trustServices, validateRoleName } from '../../src/fill/aws-commands';
import { loadTestIamIndex } from './helpers/iam';

const iam = loadTestIamIndex();
const STACKS = roleStacks();
const samples = (s: RoleStack): Record<string, string> =>
  Object.fromEntries(stackPlaceholders(s).map((p) => [p.name, p.sample ?? placeholderKind(p.kind).sample]));
/** GetAtt as YAML reads it (the kit's own reader keeps unknown tags; plain `parse` needs the tag declared). */
const CFN_TAGS = [{ tag: '!GetAtt', resolve: (s: string) => ({ 'Fn::GetAtt': s.split('.') }) }];
const cfn = (text: string, version: '1.1' | '1.2' = '1.2') => parseYaml(text, { customTags: CFN_TAGS, version }) as Record<string, any>;
const ruleIds = (findings: ReadonlyArray<{ rule: string }>): string[] => findings.map((f) => f.rule).sort();
const loud = <T extends { severity: string }>(findings: readonly T[]): T[] => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('catalog roles as infrastructure code: the roles', () => {
  it('every catalog role has a stack, and every role-check variant is one, paired as the role check pairs them', () => {
    assert.deepEqual([...new Set(STACKS.map((s) => s.role.id))].sort(), ROLES.map((r) => r.id).sort());
    for (const spec of ROLE_CHECKS) {
      const mine = STACKS.filter((s) => s.role.id === spec.role);
      assert.equal(mine.length, spec.variants.length, spec.role);
      spec.variants.forEach((v, i) => {
        assert.equal(mine[i].trust.id, spec.trust);
        assert.deepEqual(
          mine[i].permissions.map((t) => t.id),
          v.permissions,
        );
      });
    }
    assert.deepEqual(
      STACKS.filter((s) => s.role.id === 'ml-read-seed').map((s) => s.id),
      ['ml-read-seed-s3', 'ml-read-seed-sql'],
    );
    const member = STACKS.find((s) => s.id === 'member')!;
    assert.deepEqual(member.permissions, []);
    assert.deepEqual(member.managedPolicyArns, ['arn:aws:iam::aws:policy/AWSCleanRoomsReadOnlyAccess']);
  });

  it('each role name and path is one the managed policies can pass (the rule Copy AWS CLI Commands checks)', () => {
    for (const s of STACKS) {
      const req = roleRequirements(trustServices(renderTemplate(s.trust)));
      assert.equal(validateRoleName(s.roleName, req), undefined, `${s.id}: ${s.roleName}`);
      assert.equal(s.path, req.path, s.id);
      if (req.passRolePattern) {
        const re = new RegExp(
          '^' +
            req.passRolePattern
              .split('*')
              .map((x) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
              .join('.*') +
            '$',
        );
        assert.match(`arn:aws:iam::604718293525:role${s.path}${s.roleName}`, re, s.id);
      }
      assert.match(s.policyName, /^[\w+=,.@-]{1,128}$/);
      assert.match(s.logicalId, /^[A-Za-z0-9]+$/);
      assert.match(s.tfName, /^[a-z][a-z0-9_]*$/);
    }
    const s3 = STACKS.find((s) => s.id === 'read-data-s3')!;
    assert.equal(s3.path, PASS_ROLE_RULES.cleanrooms.path);
    assert.equal(s3.path, '/service-role/');
    assert.ok(s3.roleName.includes('cleanrooms'));
  });

  it('a picked template gives its role: that trust policy, that variant, or the variant with the optional statement added', () => {
    assert.equal(stackForTemplate('read-data-s3-trust')!.trust.id, 'read-data-s3-trust');
    assert.equal(stackForTemplate('read-data-s3-permissions')!.trust.id, 'read-data-s3-trust-scoped');
    assert.deepEqual(
      stackForTemplate('read-data-s3-kms-statement')!.permissions.map((t) => t.id),
      ['read-data-s3-permissions', 'read-data-s3-kms-statement'],
    );
    assert.equal(stackForTemplate('ml-read-seed-permissions-sql')!.id, 'ml-read-seed-sql');
    assert.equal(stackForTemplate('member-trust')!.id, 'member');
    assert.equal(stackForTemplate('no-such-template'), undefined);
    for (const t of TEMPLATES) assert.ok(stackForTemplate(t.id), `${t.id} has a role to create`);
    // The statement is added to the policy, not written as one.
    const kms = stackPermissionsBody(stackForTemplate('read-data-s3-kms-statement')!) as { Statement: unknown[] };
    const base = stackPermissionsBody(stackForTemplate('read-data-s3-permissions')!) as { Statement: unknown[] };
    assert.equal(kms.Statement.length, base.Statement.length + 1);
    assert.deepEqual(kms.Statement.at(-1), TEMPLATES.find((t) => t.id === 'read-data-s3-kms-statement')!.body);
  });
});

describe('catalog roles as CloudFormation YAML', () => {
  for (const s of [...STACKS, stackForTemplate('read-data-s3-kms-statement')!]) {
    const label = `${s.id}${s.permissions.length > 1 ? ' (+ ' + s.permissions.at(-1)!.id + ')' : ''}`;
    it(`${label}: a minimal template whose role holds exactly the catalog's policies, read the same by YAML 1.1 and 1.2`, () => {
      const text = cloudFormationText(s);
      // Every placeholder sits in a double-quoted string, so that a value typed in its place (a tab stop, an account ID) stays a string.
      for (const line of text.split('\n').filter((l) => /<[a-z0-9-]+>/.test(l))) assert.match(line, /^\s*(- |[\w:]+: )?"[^"]*"$/, line);
      for (const version of ['1.1', '1.2'] as const) {
        const t = cfn(text, version);
        assert.equal(t.AWSTemplateFormatVersion, '2010-09-09');
        assert.deepEqual(Object.keys(t.Resources), [s.logicalId]);
        const role = t.Resources[s.logicalId];
        assert.equal(role.Type, 'AWS::IAM::Role');
        assert.equal(role.Properties.RoleName, s.roleName);
        assert.equal(role.Properties.Path, s.path);
        assert.deepEqual(role.Properties.AssumeRolePolicyDocument, s.trust.body, version);
        const perms = stackPermissionsBody(s);
        if (perms) assert.deepEqual(role.Properties.Policies, [{ PolicyName: s.policyName, PolicyDocument: perms }], version);
        else assert.equal(role.Properties.Policies, undefined);
        assert.deepEqual(t.Outputs.RoleArn.Value, { 'Fn::GetAtt': [s.logicalId, 'Arn'] });
        // CloudFormation's Description pattern for a role.
        assert.match(role.Properties.Description, /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{0,1000}$/);
      }
    });

    it(`${label}: the kit finds in the YAML exactly the rules it finds in the JSON policies, and nothing loud once filled`, () => {
      const json = [renderTemplate(s.trust), ...(stackPermissionsBody(s) ? [JSON.stringify(stackPermissionsBody(s))] : [])];
      const want = json.flatMap((j) => analyze(j, { iam }).findings);
      const got = analyzeDocument(cloudFormationText(s), { fileName: 'x.yaml', iam });
      assert.equal(got.host, 'cloudformation');
      assert.equal(got.sites?.length, json.length);
      assert.deepEqual(ruleIds(got.findings), ruleIds(want));
      if (stackPlaceholders(s).length)
        assert.ok(
          got.findings.some((f) => f.rule === 'placeholder-token'),
          'the placeholders are flagged',
        );
      // Every placeholder finding sits on a <token> of the YAML.
      const text = cloudFormationText(s);
      for (const f of got.findings.filter((x) => x.rule === 'placeholder-token')) assert.match(text.slice(f.offset, f.offset + f.length), /<[a-z0-9-]+>/);

      const values = samples(s);
      const filled = renderStack(s, 'cloudformation', values);
      assert.ok(!/<[a-z0-9][a-z0-9-]*>/.test(filled), 'no token left');
      const fa = analyzeDocument(filled, { fileName: 'x.yaml', iam });
      assert.deepEqual(
        loud(fa.findings).map((f) => `${f.rule}: ${f.message}`),
        [],
      );
      // The same as the JSON policies filled with the same values.
      const filledJson = [
        renderTemplate(s.trust, values),
        ...s.permissions.map((t) => renderTemplate(t.policyType === 'statement' ? { ...t, body: { Version: '2012-10-17', Statement: [t.body] } } : t, values)),
      ];
      assert.deepEqual(ruleIds(fa.findings), ruleIds(filledJson.flatMap((j) => analyze(j, { iam }).findings)));
    });
  }

  it('a filled value is quoted by the YAML writer: an account ID stays a string, a quote or a colon-space cannot break out', () => {
    const s = STACKS.find((x) => x.id === 'receive-results')!;
    const values = { ...samples(s), 'bucket-account-id': '604718293525', bucket: 'a": b # c' };
    const t = cfn(renderStack(s, 'cloudformation', values));
    const doc = t.Resources[s.logicalId].Properties.Policies[0].PolicyDocument;
    const flat = JSON.stringify(doc);
    assert.ok(flat.includes('"604718293525"'), flat);
    assert.ok(flat.includes(JSON.stringify('arn:aws:s3:::a": b # c').slice(1, -1)), flat);
  });
});

/** The results role written by hand from the catalog's two policies, as the Terraform AWS provider docs write aws_iam_role and aws_iam_role_policy (terraform fmt layout). */
const RECEIVE_RESULTS_TF = `# AWS Clean Rooms: Service role to receive results. For a member who can only receive results: AWS Clean Rooms assumes this role to write query results to your S3 bucket. AWS docs: https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html#create-role-write-results
resource "aws_iam_role" "receive_results" {
  name        = "cleanrooms-receive-results"
  path        = "/service-role/"
  description = "Service role to receive results"
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid"    = "AllowIfExternalIdMatches"
        "Effect" = "Allow"
        "Principal" = {
          "Service" = "cleanrooms.amazonaws.com"
        }
        "Action" = "sts:AssumeRole"
        "Condition" = {
          "StringLike" = {
            "sts:ExternalId" = "arn:aws:*:<region>:*:dbuser:*/<query-runner-membership-id>*"
          }
        }
      },
      {
        "Sid"    = "AllowIfSourceArnMatches"
        "Effect" = "Allow"
        "Principal" = {
          "Service" = "cleanrooms.amazonaws.com"
        }
        "Action" = "sts:AssumeRole"
        "Condition" = {
          "ArnEquals" = {
            "aws:SourceArn" = [
              "arn:aws:cleanrooms:<region>:<query-runner-account-id>:membership/<query-runner-membership-id>",
            ]
          }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy" "receive_results" {
  name = "cleanrooms-receive-results-permissions"
  role = aws_iam_role.receive_results.id
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Effect" = "Allow"
        "Action" = [
          "s3:GetBucketLocation",
          "s3:ListBucket",
        ]
        "Resource" = [
          "arn:aws:s3:::<bucket>",
        ]
        "Condition" = {
          "StringEquals" = {
            "aws:ResourceAccount" = "<bucket-account-id>"
          }
        }
      },
      {
        "Effect" = "Allow"
        "Action" = [
          "s3:PutObject",
        ]
        "Resource" = [
          "arn:aws:s3:::<bucket>/<optional-prefix>/*",
        ]
        "Condition" = {
          "StringEquals" = {
            "aws:ResourceAccount" = "<bucket-account-id>"
          }
        }
      },
    ]
  })
}

output "receive_results_role_arn" {
  value = aws_iam_role.receive_results.arn
}
`;

describe('catalog roles as Terraform', () => {
  let hcl: HclParser;
  before(async function () {
    this.timeout(30_000);
    hcl = await loadHclParser({
      runtime: join(__dirname, '..', '..', 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'),
      grammar: join(__dirname, '..', '..', 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'),
    });
  });
  it('every role: the kit finds in the Terraform exactly the rules it finds in the JSON policies, and nothing loud once filled', () => {
    for (const s of STACKS) {
      const json = [renderTemplate(s.trust), ...(stackPermissionsBody(s) ? [JSON.stringify(stackPermissionsBody(s))] : [])];
      const got = analyzeDocument(terraformText(s), { fileName: 'main.tf', iam, hcl });
      assert.equal(got.host, 'terraform', s.id);
      assert.equal(got.sites?.length, json.length, s.id);
      assert.deepEqual(ruleIds(got.findings), ruleIds(json.flatMap((j) => analyze(j, { iam }).findings)), s.id);
      const filled = analyzeDocument(renderStack(s, 'terraform', samples(s)), { fileName: 'main.tf', iam, hcl });
      assert.deepEqual(
        loud(filled.findings).map((f) => `${s.id}: ${f.rule}: ${f.message}`),
        [],
      );
    }
  });

  it('the results role is the hand-written example (golden)', () => {
    const s = STACKS.find((x) => x.id === 'receive-results')!;
    assert.equal(terraformText(s), RECEIVE_RESULTS_TF);
  });

  it('every role renders: a role, its inline policy (or the managed policy attachment), each policy a jsonencode of the catalog body', () => {
    for (const s of STACKS) {
      const text = terraformText(s);
      assert.equal(text.match(/^resource "aws_iam_role" /gm)?.length, 1, s.id);
      assert.ok(text.includes(`assume_role_policy = ${jsonencode(s.trust.body as never, 1)}\n`), s.id);
      const perms = stackPermissionsBody(s);
      if (perms) assert.ok(text.includes(`  policy = ${jsonencode(perms as never, 1)}\n`), s.id);
      else assert.ok(text.includes(`policy_arn = "${s.managedPolicyArns[0]}"`), s.id);
      // Brackets balance (a structural slip in the serializer shows here).
      const stripped = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/^#.*$/gm, '');
      for (const [o, c] of ['{}', '[]', '()']) assert.equal(stripped.split(o).length, stripped.split(c).length, `${s.id}: ${o}${c}`);
    }
  });

  it('HCL strings escape quotes, backslashes, line breaks and the template sequences ${ and %{', () => {
    assert.equal(hclString('arn:aws:s3:::b/${aws:username}/*'), '"arn:aws:s3:::b/$${aws:username}/*"');
    assert.equal(hclString('%{if x}'), '"%%{if x}"');
    assert.equal(hclString('a"b\\c\nd\te\r'), '"a\\"b\\\\c\\nd\\te\\r"');
    assert.equal(hclString('\u0001\u2028'), '"\\u0001\\u2028"');
    assert.equal(hclString('$ { % {}'), '"$ { % {}"', 'a lone $ or % is literal');
    assert.equal(hclValue({ a: [], b: {}, c: true, d: null, e: 1.5 }), '{\n  "a" = []\n  "b" = {}\n  "c" = true\n  "d" = null\n  "e" = 1.5\n}');
    // terraform fmt alignment: a multi-line value ends a run of aligned one-line attributes.
    assert.equal(
      hclValue({ Effect: 'Allow', Principal: { Service: 'x' }, Action: 'a', Condition: {} }),
      ['{', '  "Effect" = "Allow"', '  "Principal" = {', '    "Service" = "x"', '  }', '  "Action"    = "a"', '  "Condition" = {}', '}'].join('\n'),
    );
    const s = STACKS.find((x) => x.id === 'read-data-s3')!;
    const filled = renderStack(s, 'terraform', { ...samples(s), bucket: 'b-${var.x}' });
    assert.ok(filled.includes('"arn:aws:s3:::b-$${var.x}"'), 'a filled value is escaped too');
  });

  const terraform = (() => {
    try {
      execFileSync('terraform', ['version'], { stdio: 'ignore', timeout: 20_000 });
      return true;
    } catch {
      return false;
    }
  })();

  (terraform ? it : it.skip)(
    'Terraform itself: terraform fmt leaves every role unchanged, and jsonencode gives back exactly the catalog policies',
    function () {
      this.timeout(120_000);
      const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-tf-'));
      try {
        const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
        const fmt = join(dir, 'fmt');
        const con = join(dir, 'console');
        mkdirSync(fmt);
        mkdirSync(con);
        for (const s of STACKS) writeFileSync(join(fmt, `${s.tfName}.tf`), terraformText(s));
        execFileSync('terraform', ['fmt', '-check', '-diff', fmt], { env, timeout: 60_000 });
        // The policies (and a string with every sequence HCL treats specially) as locals: no provider needed.
        const tricky = { Statement: [{ Resource: 'arn:aws:s3:::b/${aws:username}/$${x}/%{y}/%%{z}/"q"\\\n\t' }] };
        const bodies = STACKS.flatMap((s) => [s.trust.body, ...(stackPermissionsBody(s) ? [stackPermissionsBody(s)] : [])]);
        const all = [...bodies, tricky];
        writeFileSync(join(con, 'main.tf'), `locals {\n${all.map((b, i) => `  p${i} = ${jsonencode(b as never, 1)}\n`).join('')}}\n`);
        const expr = `jsonencode([${all.map((_, i) => `jsondecode(local.p${i})`).join(', ')}])`;
        const out = execFileSync('terraform', ['console'], { cwd: con, env, input: expr + '\n', timeout: 60_000 }).toString();
        assert.deepEqual(JSON.parse(JSON.parse(out.trim()) as string), all);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
