// The installable .vsix: packages the built tree with scripts/package.mjs (vsce) into a temp dir, unpacks it with a
// small zip reader and checks the file list, the manifest vsce wrote, the icon and the size. Needs `npm run build`
// first (npm test does that). Also checks the examples/ workspace that `npm start` opens.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { analyze } from '../../src/analysis/analyze';
import type { AnalyzeOptions } from '../../src/analysis/types';
import { loadIamIndex } from '../../src/cli/iam';

const root = join(__dirname, '..', '..');
const repoPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Compressed-size budget for the .vsix (about 610 KB when this test was written, the IAM data most of it; 1.1 MB with
 * the Terraform parser: web-tree-sitter and the HCL grammar, WebAssembly, about 300 KB uncompressed).
 */
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Reads a zip's central directory (no zip64, no multi-disk: a .vsix from vsce is neither). */
export function listZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory header at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readZipEntry(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (buf.readUInt32LE(p) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`unsupported compression method ${e.method} for ${e.name}`);
}

describe('package: the .vsix', function () {
  // vsce takes about 3 s here; allow for a loaded shared machine.
  this.timeout(120_000);
  let dir: string;
  let vsix: Buffer;
  let entries: ZipEntry[];
  let names: string[];
  let files: string[]; // names under extension/, without the prefix
  const read = (name: string) => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} is not in the .vsix`);
    return readZipEntry(vsix, e);
  };

  before(() => {
    const missing = ['dist/extension.js', 'dist/engine.js', 'dist/web/extension.js', 'dist/iam-data.json'].filter((f) => !existsSync(join(root, f)));
    assert.deepEqual(missing, [], 'run `npm run build` before this test');
    dir = mkdtempSync(join(tmpdir(), 'cleanrooms-iam-vsix-test-'));
    const out = join(dir, 'test.vsix');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', out, '--allow-missing-docs', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
    vsix = readFileSync(out);
    entries = listZip(vsix);
    names = entries.map((e) => e.name);
    files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a zip with the vsce manifest and content types', () => {
    assert.ok(names.includes('extension.vsixmanifest'));
    assert.ok(names.includes('[Content_Types].xml'));
    assert.ok(names.includes('extension/package.json'));
  });

  it('carries the bundles, the IAM data with its licence, snippets, schemas, icon and docs', () => {
    const required = [
      'dist/extension.js',
      'dist/engine.js',
      'dist/analysis-worker.js',
      'dist/web/extension.js',
      'dist/iam-data.json',
      'dist/iam-data.LICENSE.txt',
      'dist/web-tree-sitter.wasm',
      'dist/web-tree-sitter.LICENSE.txt',
      'dist/tree-sitter-terraform.wasm',
      'dist/tree-sitter-terraform.LICENSE.txt',
      'images/icon.png',
      'readme.md', // vsce lower-cases README.md / CHANGELOG.md and renames LICENSE to LICENSE.txt
      'changelog.md',
      'LICENSE.txt',
      ...readdirSync(join(root, 'snippets'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `snippets/${f}`),
      ...readdirSync(join(root, 'schemas'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `schemas/${f}`),
      ...readdirSync(root).filter((f) => /^package\.nls.*\.json$/.test(f)),
      // vscode.l10n bundles, when the manifest declares an l10n folder
      ...(repoPkg.l10n
        ? readdirSync(join(root, repoPkg.l10n))
            .filter((f) => f.endsWith('.json'))
            .map((f) => `${repoPkg.l10n.replace(/^\.\//, '')}/${f}`)
        : []),
    ];
    assert.deepEqual(
      required.filter((f) => !files.includes(f)),
      [],
    );
  });

  it('carries every file the manifest points at (entry points, icon, snippets, schemas, walkthrough media)', () => {
    const pkg = JSON.parse(read('extension/package.json').toString('utf8'));
    const refs: string[] = [pkg.main, pkg.browser, pkg.icon];
    for (const s of pkg.contributes?.snippets ?? []) refs.push(s.path);
    for (const v of pkg.contributes?.jsonValidation ?? []) if (!/^https?:/.test(v.url)) refs.push(v.url);
    for (const w of pkg.contributes?.walkthroughs ?? []) {
      for (const s of w.steps ?? []) {
        const m = s.media ?? {};
        for (const v of [m.image, m.markdown, m.svg]) {
          if (typeof v === 'string') refs.push(v);
          else if (v && typeof v === 'object') refs.push(...Object.values(v as Record<string, string>));
        }
      }
    }
    const norm = (p: string) => p.replace(/^\.\//, '');
    const withJs = (p: string) => (/\.[a-z]+$/.test(p) ? p : `${p}.js`);
    const missing = refs
      .filter(Boolean)
      .map(norm)
      .map((p) => (p.startsWith('dist/') ? withJs(p) : p))
      .filter((p) => !files.includes(p));
    assert.deepEqual(missing, []);
  });

  it('carries nothing else: no node_modules, sources, tests, source maps, CLI bundle or dev files', () => {
    const allowed = [
      /^package\.json$/,
      /^package\.nls(\.[\w-]+)?\.json$/,
      /^readme\.md$/,
      /^changelog\.md$/,
      /^LICENSE\.txt$/,
      /^images\/icon\.png$/,
      /^dist\/extension\.js$/,
      /^dist\/engine\.js$/,
      /^dist\/analysis-worker\.js$/,
      /^dist\/(web-tree-sitter|tree-sitter-terraform)\.(wasm|LICENSE\.txt)$/,
      /^dist\/web\/extension\.js$/,
      /^dist\/iam-data\.json$/,
      /^dist\/iam-data\.LICENSE\.txt$/,
      /^dist\/(web\/)?[\w.-]+\.LEGAL\.txt$/,
      /^snippets\/[\w.-]+\.json$/,
      /^schemas\/[\w.-]+\.json$/,
      /^media\/[\w./-]+\.(png|svg|gif|jpe?g|md)$/,
      /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
    ];
    assert.deepEqual(
      files.filter((f) => !allowed.some((re) => re.test(f))),
      [],
    );
    for (const bad of [/node_modules\//, /^src\//, /^test\//, /\.map$/, /\.ts$/, /^dist\/cli\.js$/, /^examples\//, /^scripts\//]) {
      assert.deepEqual(
        files.filter((f) => bad.test(f)),
        [],
        `matches ${bad}`,
      );
    }
    assert.deepEqual(
      names.filter((n) => !n.startsWith('extension/') && !['extension.vsixmanifest', '[Content_Types].xml'].includes(n)),
      [],
    );
  });

  it('ships the bundles byte for byte as built', () => {
    for (const f of ['dist/extension.js', 'dist/engine.js', 'dist/web/extension.js', 'dist/iam-data.json']) {
      assert.ok(read(`extension/${f}`).equals(readFileSync(join(root, f))), `${f} differs from the built file`);
    }
  });

  it(`stays under ${MAX_VSIX_BYTES / 1024} KB compressed`, () => {
    const unpacked = entries.reduce((s, e) => s + e.size, 0);
    console.log(`      .vsix: ${(vsix.length / 1024).toFixed(1)} KB, ${entries.length} entries, ${(unpacked / 1024).toFixed(1)} KB unpacked`);
    assert.ok(vsix.length < MAX_VSIX_BYTES, `${vsix.length} bytes`);
    assert.ok(vsix.length > 50 * 1024, `suspiciously small: ${vsix.length} bytes`);
  });

  it('has a 128x128 PNG icon', () => {
    const png = read('extension/images/icon.png');
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('has the Marketplace metadata: repository, categories, keywords, engines.vscode, publisher', () => {
    const pkg = JSON.parse(read('extension/package.json').toString('utf8'));
    assert.deepEqual(pkg.engines?.vscode, repoPkg.engines.vscode);
    assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.match(pkg.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    for (const c of ['Linters', 'Snippets']) assert.ok(pkg.categories.includes(c), `category ${c}`);
    for (const k of ['aws', 'iam', 'clean rooms', 'policy']) assert.ok(pkg.keywords.includes(k), `keyword ${k}`);
    assert.ok(pkg.keywords.length <= 30, 'the Marketplace allows at most 30 keywords');
    const manifest = read('extension.vsixmanifest').toString('utf8');
    assert.match(manifest, new RegExp(`<Identity [^>]*Id="${repoPkg.name}"[^>]*Publisher="${repoPkg.publisher}"`));
    assert.match(manifest, new RegExp(`Version="${repoPkg.version.replace(/\./g, '\\.')}"`));
    assert.match(manifest, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.\d+\.\d+"/);
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/images\/icon\.png"/);
  });
});

describe('examples/ workspace (opened by npm start)', () => {
  const ex = join(root, 'examples');
  const iamLoad = loadIamIndex(join(root, 'dist'));
  const options: AnalyzeOptions = 'index' in iamLoad && iamLoad.index ? { iam: iamLoad.index } : {};
  const run = (f: string) => analyze(readFileSync(join(ex, f), 'utf8'), { ...options, fileName: f });
  const lineCol = (text: string, offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  };

  it('has README, package.json and policy files named to match the extension globs', () => {
    const names = readdirSync(ex).sort();
    assert.ok(names.includes('README.md') && names.includes('package.json'));
    const policies = names.filter((n) => n.endsWith('.json') && n !== 'package.json');
    assert.ok(policies.length >= 5, policies.join(', '));
    for (const n of policies) assert.match(n, /(trust-policy|permissions-policy).*\.json$/);
    const readme = readFileSync(join(ex, 'README.md'), 'utf8');
    for (const n of names.filter((x) => x !== 'README.md')) assert.ok(readme.includes(`\`${n}\``), `README.md describes ${n}`);
  });

  it('the AWS page read-data permissions policy: bare names and the two-colon S3 ARN', () => {
    const f = 'aws-page-read-data-permissions-policy.json';
    const text = readFileSync(join(ex, f), 'utf8');
    // The same bytes as the checked-in copy of the AWS page's step 3 that the other tests use.
    assert.equal(text, readFileSync(join(root, 'test', 'fixtures', 'bad', 'seed-read-data-permissions.json'), 'utf8'));
    const r = run(f);
    assert.equal(r.kind, 'permissions');
    const errors = r.findings.filter((x) => x.severity === 'error');
    assert.deepEqual(
      errors.map((x) => x.rule),
      ['arn-s3-two-colons'],
    );
    // On line 57, inside the ARN string "arn:aws:s3::bucket/prefix/*" (the rule may mark the whole ARN or its "::").
    const arn = text.indexOf('"arn:aws:s3::bucket/prefix/*"') + 1;
    const e = errors[0];
    assert.equal(lineCol(text, arn).split(':')[0], '57');
    assert.ok(e.offset >= arn && e.offset + e.length <= arn + 'arn:aws:s3::bucket/prefix/*'.length, lineCol(text, e.offset));
    assert.ok(text.slice(e.offset, e.offset + e.length).includes('::'));
    const bare = r.findings.filter((x) => x.rule === 'placeholder-bare-name').map((x) => text.slice(x.offset, x.offset + x.length));
    for (const n of ['aws-region', 'accountId', 'database', 'table', 'bucket', 'prefix', 's3BucketOwnerAccountId']) assert.ok(bare.includes(n), n);
  });

  it('the AWS page receive-results pair: warnings for the example values, no errors', () => {
    const trust = run('aws-page-receive-results-trust-policy.json');
    const perms = run('aws-page-receive-results-permissions-policy.json');
    assert.equal(trust.kind, 'trust');
    assert.equal(perms.kind, 'permissions');
    for (const r of [trust, perms]) {
      assert.deepEqual(
        r.findings.filter((x) => x.severity === 'error'),
        [],
      );
      assert.ok(r.findings.some((x) => x.severity === 'warning'));
    }
    assert.ok(trust.findings.some((x) => x.rule === 'placeholder-example-value'));
  });

  it('the correct read-data trust and permissions policies have no findings', () => {
    for (const f of ['read-data-trust-policy.json', 'read-data-permissions-policy.json']) {
      assert.deepEqual(
        run(f).findings.map((x) => `${x.rule} ${x.message}`),
        [],
        f,
      );
    }
    assert.equal(run('read-data-trust-policy.json').kind, 'trust');
  });

  it('package.json stays quiet', () => {
    const r = run('package.json');
    assert.equal(r.kind, 'not-a-policy');
    assert.deepEqual(r.findings, []);
  });
});
