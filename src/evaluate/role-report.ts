// The check-role report as text and JSON. Pure (no Node APIs), so the extension can show the same table.
import type { StatementRef } from './evaluate';
import type { RoleCheckResult } from './role-check';
import { sanitize } from '../analysis/messages';

const stmt = (r: StatementRef | undefined): { index: number; sid?: string } | null => (r ? { index: r.index, ...(r.sid ? { sid: r.sid } : {}) } : null);

/** The machine format: {role, variant, values, requests: [{action, resource, decision, statement, reason}], trust, broader, forbidden, ok}. */
export function checkRoleJson(r: RoleCheckResult): string {
  return (
    JSON.stringify(
      {
        role: r.role,
        variant: r.variant,
        values: r.values,
        requests: r.requests.map((q) => ({
          action: q.action,
          resource: q.resource,
          decision: q.decision,
          statement: stmt(q.statement),
          reason: q.missing ? `${q.reason}; ${q.missing}` : q.reason,
        })),
        trust: r.trust
          ? {
              service: r.trust.service,
              admits: r.trust.admits.map((a) => ({ source: a.source, decision: a.decision, statement: stmt(a.statement), reason: a.reason })),
              other: r.trust.other
                ? { source: r.trust.other.source, decision: r.trust.other.decision, statement: stmt(r.trust.other.statement), reason: r.trust.other.reason }
                : null,
              ok: r.trust.ok,
              ...(r.trust.note ? { note: r.trust.note } : {}),
            }
          : null,
        broader: r.broader.map((b) => ({
          severity: b.severity,
          kind: b.kind,
          action: b.action,
          resource: b.resource,
          statement: stmt(b.statement),
          message: b.message,
        })),
        forbidden: r.forbidden.map((b) => ({ action: b.action, resource: b.resource, decision: b.decision, statement: stmt(b.statement), message: b.message })),
        unknownValues: r.unknownValues,
        ok: r.ok,
        summary: r.summary,
      },
      null,
      2,
    ) + '\n'
  );
}

const MARK = { allowed: '✔', denied: '✖', depends: '?' } as const;

export function checkRoleText(r: RoleCheckResult): string {
  const s = sanitize;
  const lines: string[] = [];
  lines.push(s(`Role ${r.role}: ${r.title}${r.variant !== 'default' ? ` (variant ${r.variant})` : ''}`));
  const vals = Object.entries(r.values).map(([n, v]) => `${n}=${v.value}${v.source === 'inferred' ? ' (inferred)' : ''}`);
  if (vals.length) lines.push(s(`Values: ${vals.join(', ')}`));
  for (const u of r.unknownValues) {
    lines.push(s(`Unknown value: ${u.name}${u.candidates ? ` (the policy has several: ${u.candidates.join(', ')})` : ''}; give --set ${u.name}=…`));
  }
  lines.push('', `Requests (${r.requests.length}):`);
  const aw = Math.max(...r.requests.map((q) => q.action.length), 6);
  for (const q of r.requests) {
    const by = q.statement ? `statement ${q.statement.index}${q.statement.sid ? ` (Sid "${q.statement.sid}")` : ''}` : '';
    const tail = q.decision === 'allowed' ? by : q.decision === 'denied' ? (q.missing ?? q.reason) : q.reason;
    lines.push(s(`  ${MARK[q.decision]} ${q.decision.padEnd(7)}  ${q.action.padEnd(aw)}  ${q.resource}  ${tail}`));
  }
  if (r.trust) {
    lines.push('', s(`Trust (${r.trust.service}):`));
    for (const a of r.trust.admits) lines.push(s(`  ${a.decision === 'allowed' ? '✔ admits' : '✖ does not admit'} ${a.source}: ${a.reason}`));
    if (r.trust.other) {
      lines.push(
        s(
          `  ${r.trust.other.decision === 'denied' ? '✔ does not admit' : '✖ admits'} another collaboration's ${r.trust.other.source}${r.trust.other.decision === 'denied' ? '' : `: ${r.trust.other.reason}`}`,
        ),
      );
    }
    if (r.trust.note) lines.push(s(`  note: ${r.trust.note}`));
  } else {
    lines.push('', 'Trust: not checked (give --trust FILE)');
  }
  if (r.broader.length) {
    lines.push('', 'Broader than Clean Rooms needs (no new access):');
    for (const b of r.broader) lines.push(s(`  ${b.severity === 'warning' ? '⚠' : 'ℹ'} ${b.message}`));
  }
  if (r.forbidden.length) {
    lines.push('', 'Forbidden actions allowed (access not granted):');
    for (const b of r.forbidden) lines.push(s(`  ✖ ${b.message}`));
  }
  lines.push('', s(`${r.ok ? '✔' : '✖'} ${r.summary}`));
  return lines.join('\n') + '\n';
}
