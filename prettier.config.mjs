// Prettier, as the code is written: 2 spaces, single quotes, trailing commas, wide lines (rule metas and tables are
// long on purpose). `npm run lint` checks it; `npm run format` applies it.
export default {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
};
