// The engine under test, bundled the way it ships (esbuild, minified, no keep-names helpers that tsx would add),
// so the bench times the code users run. Also exposes the rule families (to time them one by one) and the
// floor parser from the same bundle.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { parseTree as ParseTree } from 'jsonc-parser';
import type { analyze as Analyze } from '../src/analysis/analyze';
import type { completePolicy as CompletePolicy } from '../src/analysis/complete';
import type { RuleFamily } from '../src/analysis/rule';
import type { AnalyzeOptions } from '../src/analysis/types';
import type { analyzeDocument as AnalyzeDocument } from '../src/frontends/document';
import type { templateView as TemplateView } from '../src/frontends/view';
import type { parseTemplate as ParseTemplate } from '../src/frontends/cloudformation';
import type { parseDocument as ParseDocument } from 'yaml';

export interface Engine {
  analyze: typeof Analyze;
  parseTree: typeof ParseTree;
  families: RuleFamily[];
  parseIamIndex?: (text: string) => AnalyzeOptions['iam'];
  /** Completion (src/analysis/complete.ts), when the tree has it. */
  completePolicy?: typeof CompletePolicy;
  /** The document front ends (src/frontends) and the `yaml` package from the same bundle, when the tree has them. */
  yaml?: YamlEngine;
}

export interface YamlEngine {
  analyzeDocument: typeof AnalyzeDocument;
  templateView: typeof TemplateView;
  parseTemplate: typeof ParseTemplate;
  parseDocument: typeof ParseDocument;
}

export function loadEngine(root: string, opts: { minify?: boolean; sourcemap?: boolean } = {}): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-bench-engine-'));
  const out = join(dir, 'engine.cjs');
  const iam = existsSync(join(root, 'src', 'iam-data', 'index.ts'));
  const contents = [
    `export { analyze } from './src/analysis/analyze';`,
    `export { RULE_FAMILIES as families } from './src/analysis/rules';`,
    `export { parseTree } from 'jsonc-parser';`,
    iam ? `export * as iamData from './src/iam-data';` : '',
    existsSync(join(root, 'src', 'analysis', 'complete.ts')) ? `export { completePolicy } from './src/analysis/complete';` : '',
    ...(existsSync(join(root, 'src', 'frontends', 'view.ts'))
      ? [
          `export { analyzeDocument } from './src/frontends/document';`,
          `export { templateView } from './src/frontends/view';`,
          `export { parseTemplate } from './src/frontends/cloudformation';`,
          `export { parseDocument } from 'yaml';`,
        ]
      : []),
  ].join('\n');
  try {
    buildSync({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-engine.ts' },
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      mainFields: ['module', 'main'],
      minify: opts.minify ?? true,
      sourcemap: opts.sourcemap ? 'inline' : false,
      logLevel: 'silent',
    });
    const mod = createRequire(join(root, 'package.json'))(out) as Engine & Partial<YamlEngine> & { iamData?: { parseIamIndex?: Engine['parseIamIndex'] } };
    return {
      analyze: mod.analyze,
      parseTree: mod.parseTree,
      families: mod.families,
      parseIamIndex: mod.iamData?.parseIamIndex,
      ...(mod.completePolicy ? { completePolicy: mod.completePolicy } : {}),
      ...(mod.analyzeDocument && mod.templateView && mod.parseTemplate && mod.parseDocument
        ? { yaml: { analyzeDocument: mod.analyzeDocument, templateView: mod.templateView, parseTemplate: mod.parseTemplate, parseDocument: mod.parseDocument } }
        : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
