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
