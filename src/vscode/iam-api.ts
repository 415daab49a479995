// Bridge to src/iam-data: the functions the adapter uses (the data itself is read lazily from dist/iam-data.json).
export { parseIamIndex, lookupAction, lookupConditionKey } from '../iam-data';
