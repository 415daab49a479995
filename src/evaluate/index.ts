export * from './evaluate';
export { actionMatches, resourceMatches, globMatch } from './wildcard';
export * from './role-check';
