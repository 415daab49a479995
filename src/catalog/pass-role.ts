// Which role paths and names the AWS managed policies let their users pass (iam:PassRole), per service that assumes the
// role. One source of truth: the template notes, the template picker and snippet descriptions (templateSummary), and the
// role name Copy AWS CLI Commands suggests and checks (fill/aws-commands.ts) all read it from here.
//
// Facts (shared/reference/cleanrooms-iam-facts.md §2, §5.3 and §1.c.4):
// - AWSCleanRoomsFullAccess / AWSCleanRoomsFullAccessNoQuerying allow iam:PassRole (to cleanrooms.amazonaws.com) only
//   on arn:aws:iam::*:role/service-role/*cleanrooms*: path /service-role/ and a name containing "cleanrooms".
// - AWSCleanRoomsMLFullAccess allows it (to cleanrooms-ml.amazonaws.com) only on arn:aws:iam::*:role/cleanrooms-ml*:
//   default path and a name starting with "cleanrooms-ml".
// - With AWSEntityResolutionConsoleFullAccess the Entity Resolution workflow job role name must include "entityresolution".

export type PassRoleKind = 'cleanrooms' | 'cleanrooms-ml' | 'entityresolution';

export const MANAGED_POLICIES_DOC = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/security-iam-awsmanpol.html';
export const ER_ROLE_DOC = 'https://docs.aws.amazon.com/entityresolution/latest/userguide/create-workflow-job-role.html';

export interface PassRoleRule {
  kind: PassRoleKind;
  /** The service principal that assumes the role. */
  service: string;
  /** The role path the pattern requires ('/' is IAM's default). */
  path: string;
  /** The role ARN pattern the managed policies let their users pass (undefined where the page states only a name rule). */
  passRolePattern?: string;
  /** The managed policies that carry that pattern. */
  managedPolicies: string[];
  /** What to do, in a few words: "start the name with cleanrooms-ml". */
  advice: string;
  docUrl: string;
}

export const PASS_ROLE_RULES: Readonly<Record<PassRoleKind, PassRoleRule>> = {
  cleanrooms: {
    kind: 'cleanrooms',
    service: 'cleanrooms.amazonaws.com',
    path: '/service-role/',
    passRolePattern: 'arn:aws:iam::*:role/service-role/*cleanrooms*',
    managedPolicies: ['AWSCleanRoomsFullAccess', 'AWSCleanRoomsFullAccessNoQuerying'],
    advice: 'create the role with the path /service-role/ and a name that contains cleanrooms',
    docUrl: MANAGED_POLICIES_DOC,
  },
  'cleanrooms-ml': {
    kind: 'cleanrooms-ml',
    service: 'cleanrooms-ml.amazonaws.com',
    path: '/',
    passRolePattern: 'arn:aws:iam::*:role/cleanrooms-ml*',
    managedPolicies: ['AWSCleanRoomsMLFullAccess'],
    advice: 'start the name with cleanrooms-ml',
    docUrl: MANAGED_POLICIES_DOC,
  },
  entityresolution: {
    kind: 'entityresolution',
    service: 'entityresolution.amazonaws.com',
    path: '/',
    managedPolicies: ['AWSEntityResolutionConsoleFullAccess'],
    advice: 'include entityresolution in the role name',
    docUrl: ER_ROLE_DOC,
  },
};

/** The note a template of such a role carries (shown in its notes, the template picker and the snippet description). */
export function passRoleNote(kind: PassRoleKind): string {
  const r = PASS_ROLE_RULES[kind];
  const what = r.path === '/' ? 'name' : 'path and name';
  const policies = r.managedPolicies.join(' or ');
  return r.passRolePattern
    ? `The role ${what} must match the iam:PassRole pattern granted to the members who pass it; with ${policies} that is ${r.passRolePattern}, so ${r.advice}.`
    : `The role ${what} must match the iam:PassRole pattern granted to the members who pass it; with ${policies}, ${r.advice}.`;
}
