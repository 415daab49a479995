// Command ids (contributed in package.json; a unit test keeps the two in step). No vscode import.
export const COMMANDS = {
  newPolicy: 'cleanroomsIam.newPolicy',
  insertPolicy: 'cleanroomsIam.insertPolicy',
  fillPlaceholders: 'cleanroomsIam.fillPlaceholders',
  fillPlaceholder: 'cleanroomsIam.fillPlaceholder',
  showRuleDocs: 'cleanroomsIam.showRuleDocs',
  fixAll: 'cleanroomsIam.fixAll',
  copyCliCommands: 'cleanroomsIam.copyCliCommands',
  openExample: 'cleanroomsIam.openExample',
  checkRole: 'cleanroomsIam.checkRole',
} as const;

/** The walkthrough's id (package.json contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'cleanroomsIam.gettingStarted';

/**
 * Context keys the walkthrough's steps complete on (completionEvents `onContext:<key>`): set only once the step's work
 * was done (a policy created, placeholders filled, commands copied), never when the command was cancelled.
 */
export const WALKTHROUGH_DONE = {
  policyCreated: 'cleanroomsIam.walkthrough.policyCreated',
  placeholdersFilled: 'cleanroomsIam.walkthrough.placeholdersFilled',
  commandsCopied: 'cleanroomsIam.walkthrough.commandsCopied',
} as const;
