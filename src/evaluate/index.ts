export * from './evaluate';
export { actionMatches, resourceMatches, globMatch } from './wildcard';
