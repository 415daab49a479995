// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). One statement's elements: Sid, Effect, Action,
// Resource, and which of them a trust or a permissions policy needs.
import type { Node } from '../../json';
import { keyOf, properties, stringItems, valueOf } from '../../json';
import type { RuleContext } from '../../rule';
import type { StatementModel } from '../../model';
import { elide, quote } from '../../messages';
import { contentRange, removePropertyEdit, touchesPlaceholder } from '../util';
import { actionFormatProblem } from './shared';
import { principalChecks } from './principals';
import { conditionChecks } from './conditions';

export function statementChecks(ctx: RuleContext, st: StatementModel, sids: Map<string, Node>): void {
  const { model } = ctx;
  const keyNode = (k: string): Node | undefined => {
    const p = st.props.get(k);
    return p && keyOf(p);
  };

  // Sid: unique, not empty.
  if (st.sid?.type === 'string') {
    const sid = st.sid.value as string;
    if (sid === '') {
      ctx.reportNode('grammar-empty', st.sid, 'The Sid is empty. Remove it or give the statement a name of letters and digits.', {
        fixes: [{ title: 'Remove the empty Sid', edits: [removePropertyEdit(ctx.text, st.node, st.props.get('Sid')!)] }],
      });
    } else {
      const first = sids.get(sid);
      if (first) {
        ctx.report(
          'grammar-sid-duplicate',
          contentRange(st.sid).offset,
          contentRange(st.sid).length,
          `Sid ${quote(sid)} is already used by an earlier statement. Give each statement its own Sid.`,
          {
            related: [{ ...contentRange(first), message: `first use of Sid ${quote(sid)}` }],
          },
        );
      } else {
        sids.set(sid, st.sid);
      }
    }
  }

  // Action / NotAction.
  if (st.action && st.notAction) {
    ctx.reportNode('grammar-action-both', keyNode('NotAction')!, 'This statement has both Action and NotAction. Keep one of them.');
  } else if (!st.props.has('Action') && !st.props.has('NotAction')) {
    ctx.report(
      'grammar-action-missing',
      st.node.offset,
      1,
      `This statement has no Action. Add "Action": ${model.kind === 'trust' ? '"sts:AssumeRole"' : '[ "service:Action", … ]'}.`,
    );
  }
  for (const element of ['Action', 'NotAction'] as const) {
    const node = element === 'Action' ? st.action : st.notAction;
    for (const { value, node: item } of stringItems(node)) {
      const problem = actionFormatProblem(value);
      if (!problem || touchesPlaceholder(ctx, item.offset, item.length)) continue;
      ctx.report(
        'grammar-action-format',
        contentRange(item).offset,
        contentRange(item).length,
        `${quote(value)} is not an action: ${problem}. Write service-prefix:ActionName, for example "s3:GetObject" (or "*").`,
      );
    }
  }
  if (st.resource && st.notResource) {
    ctx.reportNode('grammar-resource-both', keyNode('NotResource')!, 'This statement has both Resource and NotResource. Keep one of them.');
  }
  if (st.principal && st.notPrincipal) {
    ctx.reportNode('grammar-principal-both', keyNode('NotPrincipal')!, 'This statement has both Principal and NotPrincipal. Keep one of them.');
  }

  // Trust vs permissions (not for resource-based policies such as bucket policies).
  if (!model.resourcePolicy) {
    if (model.kind === 'trust') {
      for (const k of ['Resource', 'NotResource']) {
        const p = st.props.get(k);
        if (p) {
          ctx.reportNode('grammar-resource-in-trust', keyOf(p), `A role trust policy must not contain ${k}: the resource is the role itself. Remove ${k}.`, {
            fixes: [{ title: `Remove ${k}`, edits: [removePropertyEdit(ctx.text, st.node, p)], preferred: true }],
          });
        }
      }
      const np = st.props.get('NotPrincipal');
      if (np)
        ctx.reportNode(
          'grammar-not-principal-in-trust',
          keyOf(np),
          'Role trust policies cannot use NotPrincipal. Name the principals that may assume the role in Principal instead.',
        );
      if (!st.props.has('Principal') && !np) {
        ctx.report(
          'grammar-principal-missing',
          st.node.offset,
          1,
          'This trust policy statement has no Principal. Add the principal that may assume the role, e.g. "Principal": {"Service": "cleanrooms.amazonaws.com"}.',
        );
      }
    } else {
      // No Principal check here: a policy with a Principal that is not a trust policy is a resource policy (model.ts),
      // so a Principal in a permissions policy is known only from the file name (below).
      if (!st.props.has('Resource') && !st.props.has('NotResource')) {
        ctx.report(
          'grammar-resource-missing',
          st.node.offset,
          1,
          'This permissions policy statement has no Resource. Add "Resource" with the ARNs it applies to (or "*").',
        );
      }
    }
  } else if (ctx.options.fileName && /permission|identity/i.test(ctx.options.fileName)) {
    for (const k of ['Principal', 'NotPrincipal']) {
      const p = st.props.get(k);
      if (p)
        ctx.reportNode(
          'grammar-principal-in-permissions',
          keyOf(p),
          `A permissions (identity-based) policy must not contain ${k}: it applies to whoever it is attached to. Remove ${k}, or put it in the role's trust policy.`,
        );
    }
  }

  // Principal contents.
  if (st.principal) principalChecks(ctx, st);

  // Empty arrays / objects.
  for (const k of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    const v = st.props.get(k) && valueOf(st.props.get(k)!);
    if (v?.type === 'array' && (v.children?.length ?? 0) === 0)
      ctx.reportNode('grammar-empty', v, `${k} is an empty array, so this statement matches nothing. List at least one value.`);
  }
  for (const k of ['Principal', 'NotPrincipal']) {
    const v = st.props.get(k) && valueOf(st.props.get(k)!);
    if (v?.type === 'object') {
      if ((v.children?.length ?? 0) === 0) ctx.reportNode('grammar-empty', v, `${k} is an empty object. Name at least one principal.`);
      for (const [pk, pp] of properties(v)) {
        const pv = valueOf(pp);
        if (pv?.type === 'array' && (pv.children?.length ?? 0) === 0)
          ctx.reportNode('grammar-empty', pv, `${k} ${elide(pk)} is an empty array. List at least one principal.`);
      }
    }
  }

  if (st.condition?.type === 'object') conditionChecks(ctx, st.condition);
}
