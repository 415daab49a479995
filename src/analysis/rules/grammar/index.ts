// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). The family. Structure and JSON types come from
// schemas/policy.schema.json, precompiled by scripts/build-validators.ts (ajv standalone: no code generation at run
// time), and ajv errors are mapped back to exact ranges (schema.ts). What the schema cannot say precisely is checked by
// hand: statements (statements.ts: trust vs permissions, duplicate Sids, wildcards), principals (principals.ts) and
// condition operators and values (conditions.ts).
import type { Node } from '../../json';
import { getProperty, valueOf } from '../../json';
import type { RuleFamily } from '../../rule';
import type { Fix } from '../../types';
import { lineBreakOf, lineIndent, replaceStringContent, startsLine } from '../util';
import { GRAMMAR_RULES } from './meta';
import { CURRENT_VERSION, duplicateCheck } from './shared';
import { schemaChecks } from './schema';
import { statementChecks } from './statements';

export const grammarRules = {
  name: 'grammar',
  rules: GRAMMAR_RULES,
  check(ctx) {
    const { model, text } = ctx;
    const root = model.root;

    // 1. Structure and types: the precompiled JSON Schema.
    schemaChecks(ctx);

    // 2. Version.
    const versionProp = getProperty(root, 'Version');
    if (!versionProp) {
      const first = root.children?.find((c) => c.type === 'property');
      const fixes: Fix[] = [];
      if (first) {
        const sep = startsLine(text, first.offset) ? `${lineBreakOf(text)}${lineIndent(text, first.offset)}` : ' ';
        fixes.push({
          title: `Add "Version": "${CURRENT_VERSION}"`,
          edits: [{ offset: first.offset, length: 0, newText: `"Version": "${CURRENT_VERSION}",${sep}` }],
          preferred: true,
        });
      }
      ctx.report(
        'grammar-version-missing',
        root.offset,
        1,
        `The policy has no Version. Add "Version": "${CURRENT_VERSION}" as the first element; without it IAM uses the legacy language, in which policy variables such as \${aws:username} are plain text.`,
        { fixes },
      );
    } else if (model.version?.type === 'string' && model.version.value === '2008-10-17') {
      ctx.reportNode(
        'grammar-version-legacy',
        model.version,
        `"2008-10-17" is the legacy policy language: policy variables such as \${aws:username} are treated as literal text. Use "${CURRENT_VERSION}".`,
        {
          fixes: [{ title: `Change to "${CURRENT_VERSION}"`, edits: [replaceStringContent(model.version, CURRENT_VERSION)], preferred: true }],
        },
      );
    }

    // 3. Statement present and non-empty.
    const sv = model.statementProp && valueOf(model.statementProp);
    if (sv && sv.type === 'array' && (sv.children?.length ?? 0) === 0) {
      ctx.reportNode(
        'grammar-statement-missing',
        sv,
        'Statement is empty. Add at least one statement with Effect, Action and (for permissions policies) Resource, or (for trust policies) Principal.',
      );
    }

    duplicateCheck(ctx, root);
    const sids = new Map<string, Node>();
    for (const st of model.statements) {
      duplicateCheck(ctx, st.node);
      statementChecks(ctx, st, sids);
    }
  },
} satisfies RuleFamily;
