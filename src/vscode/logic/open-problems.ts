// Pure: the problems (errors and warnings of the kit's analysis) still open in a role's two policy files, and the
// question Copy AWS CLI Commands asks before it copies commands that would create a role from them. No vscode import.
import type { Finding } from '../../analysis/types';
import type { Translate } from '../../fill/aws-commands';

export interface FileFindings {
  name: string;
  findings: readonly Finding[];
}

export interface OpenProblems {
  errors: number;
  warnings: number;
  /** Names of the files that have at least one error or warning, in the order given. */
  files: string[];
}

/** Errors and warnings count; infos and hints do not (they describe, they do not block). */
export function openProblems(files: readonly FileFindings[]): OpenProblems {
  const out: OpenProblems = { errors: 0, warnings: 0, files: [] };
  for (const f of files) {
    const errors = f.findings.filter((x) => x.severity === 'error').length;
    const warnings = f.findings.filter((x) => x.severity === 'warning').length;
    out.errors += errors;
    out.warnings += warnings;
    if (errors + warnings > 0) out.files.push(f.name);
  }
  return out;
}

/**
 * The question: "The role's policies still have 9 problems (9 warnings) in a.json and b.json." and what the buttons do.
 * `names` are already made plain (plainText) by the caller.
 */
export function problemsQuestion(p: OpenProblems, names: readonly string[], t: Translate): { message: string; detail: string } {
  const total = p.errors + p.warnings;
  const parts: string[] = [];
  if (p.errors) parts.push(p.errors === 1 ? t('1 error') : t('{0} errors', p.errors));
  if (p.warnings) parts.push(p.warnings === 1 ? t('1 warning') : t('{0} warnings', p.warnings));
  const where = names.length === 2 ? t('{0} and {1}', names[0], names[1]) : names.join(', ');
  const message =
    total === 1
      ? t("The role's policies still have 1 problem ({0}) in {1}.", parts.join(', '), where)
      : t("The role's policies still have {0} problems ({1}) in {2}.", total, parts.join(', '), where);
  const detail = t('AWS creates the role from the files as they are. Show Problems opens them with the Problems panel; Copy Anyway copies the commands now.');
  return { message, detail };
}
