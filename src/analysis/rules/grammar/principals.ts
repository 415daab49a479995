// Rule family "grammar": the IAM policy grammar (shared/reference/cleanrooms-iam-facts.md §4: grammar, operators,
// Access Analyzer checks). Principal blocks.
import { properties, stringItems, valueOf } from '../../json';
import type { RuleContext } from '../../rule';
import type { StatementModel } from '../../model';
import { quote } from '../../messages';
import { cleanRoomsPrincipalTypo } from '../cleanrooms-data';
import { contentRange, hasPlaceholderSyntax, touchesPlaceholder } from '../util';

export function principalChecks(ctx: RuleContext, st: StatementModel): void {
  const p = st.principal!;
  const trust = ctx.model.kind === 'trust' && !ctx.model.resourcePolicy;
  if (p.type === 'string' && p.value === '*' && trust) {
    ctx.reportNode(
      'grammar-principal-wildcard-in-trust',
      p,
      '"Principal": "*" would let anyone assume this role; role trust policies do not allow it. Name the principal, e.g. {"Service": "cleanrooms.amazonaws.com"}.',
    );
  }
  if (p.type !== 'object') return;
  for (const [key, prop] of properties(p)) {
    for (const item of stringItems(valueOf(prop))) {
      const v = item.value;
      const r = contentRange(item.node);
      if (hasPlaceholderSyntax(v) || touchesPlaceholder(ctx, r.offset, r.length)) continue;
      if (key === 'AWS') {
        if (v === '*') {
          if (trust)
            ctx.reportNode(
              'grammar-principal-wildcard-in-trust',
              item.node,
              '{"AWS": "*"} means any AWS principal and would let anyone assume this role; role trust policies do not allow it. Name the account or role ARN instead.',
            );
        } else if (v.startsWith('arn:') && /[*?]/.test(v)) {
          // IAM User Guide, "AWS JSON policy elements: Principal": a wildcard cannot match part of a principal name or ARN.
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `Wildcards are not allowed in a principal ARN (${quote(v)}): IAM matches principals exactly. Use "*" as the principal with an ArnLike condition on aws:PrincipalArn instead (UNSUPPORTED_WILDCARD_IN_PRINCIPAL).`,
          );
        } else if (!/^\d{12}$/.test(v) && !v.startsWith('arn:') && !/^(AROA|AIDA)[A-Z0-9]{12,}$/.test(v)) {
          // Unique IDs (AROA…/AIDA…) are reported by aa-role-id-principal / aa-user-id-principal.
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `${quote(v)} is not an AWS principal: use a 12-digit account ID or an ARN such as arn:aws:iam::<account-id>:root or arn:aws:iam::<account-id>:role/<name>.`,
          );
        }
      } else if (key === 'Service') {
        if (cleanRoomsPrincipalTypo(v)) continue; // the cleanrooms family reports it with a fix
        // The service-principal format (INVALID_SERVICE_PRINCIPAL_FORMAT) is aa-service-principal-format's.
        if (/[*?]/.test(v)) {
          ctx.report(
            'grammar-principal-shape',
            r.offset,
            r.length,
            `Wildcards are not allowed in a Service principal (${quote(v)}). Name the service, e.g. cleanrooms.amazonaws.com (UNSUPPORTED_WILDCARD_IN_PRINCIPAL).`,
          );
        }
      }
    }
  }
}
