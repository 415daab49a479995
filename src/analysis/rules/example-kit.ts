// The building blocks of the rules' example policies. Each rule's example sits in its meta (`example`, beside the id and
// the description; RuleMeta makes it required, so a rule without one does not compile): shown in docs/rules.md and in
// "Show Rule Documentation", and analysed by test/unit/rules-docs.test.ts (with the IAM index loaded), which fails when
// an example stops triggering its rule. Values are realistic but not the AWS docs' example values (those would add
// placeholder findings to every example). Not a rule family: every family may import it.

export const ACCOUNT = '246813579024';
export const MEMBERSHIP = '3f2a9c1e-7b4d-4e8a-9c51-0d6b2e8f4a17';
export const MEMBERSHIP_ARN = `arn:aws:cleanrooms:us-east-1:${ACCOUNT}:membership/${MEMBERSHIP}`;
export const BUCKET = 'acme-sales-data';

type Json = Record<string, unknown>;
export const doc = (d: Json): string => JSON.stringify(d, null, 2);
export const policy = (...statements: Json[]): string => doc({ Version: '2012-10-17', Statement: statements });
/** A permissions statement: Allow `action` on `resource`, plus `extra`. */
export const allow = (action: unknown, resource: unknown, extra: Json = {}): Json => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
/** The trust statement for AWS Clean Rooms, plus `extra` (e.g. a Condition). */
export const cleanRoomsTrust = (extra: Json = {}): Json => ({
  Effect: 'Allow',
  Principal: { Service: 'cleanrooms.amazonaws.com' },
  Action: 'sts:AssumeRole',
  ...extra,
});
/** An S3 read statement with this Condition. */
export const withCondition = (condition: Json): Json => allow('s3:GetObject', `arn:aws:s3:::${BUCKET}/*`, { Condition: condition });
export const scoped = (op: string, key = 'aws:SourceArn', value: unknown = MEMBERSHIP_ARN): Json => cleanRoomsTrust({ Condition: { [op]: { [key]: value } } });
