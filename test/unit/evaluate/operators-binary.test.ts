import { runTable } from './helpers';
// IAM User Guide, "IAM JSON policy elements: Condition operators", Binary condition operators (base-64 values).
runTable('BinaryEquals operator', 'key', [
  ['BinaryEquals', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', true],
  ['BinaryEquals', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'QmluYXJ5VmFsdWVJbkJhc2U2NB==', false],
  ['BinaryEquals', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'qmluyxj5vmfsdwvjbkjhc2u2na==', false],
  ['BinaryEquals', 'QQ==', undefined, false],
  ['BinaryEqualsIfExists', 'QQ==', undefined, true],
]);
