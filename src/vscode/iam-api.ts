// Bridge to src/iam-data (being written by another engineer): parseIamIndex / lookupAction / lookupConditionKey.
// Until src/iam-data/index.ts lands this parses the JSON as is and the lookups return undefined (hovers degrade).
import type { IamIndex } from '../iam-data/types';
import type { ActionHoverInfo, ConditionKeyHoverInfo } from './logic/hover-content';

export function parseIamIndex(jsonText: string): IamIndex {
  return JSON.parse(jsonText) as IamIndex;
}

export function lookupAction(_index: IamIndex, _action: string): ActionHoverInfo | undefined {
  return undefined;
}

export function lookupConditionKey(_index: IamIndex, _key: string): ConditionKeyHoverInfo | undefined {
  return undefined;
}
