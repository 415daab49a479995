// The engine's own rules (not a family's): JSON syntax, nesting depth and comments, reported by analyze() itself
// before any family runs. Registered with the families' rules in rules/index.ts.
import type { RuleMeta } from '../types';
import { BUCKET } from './example-kit';

export const CORE_RULES = [
  {
    id: 'json-syntax',
    accessAnalyzer: 'JSON_SYNTAX_ERROR',
    severity: 'error',
    title: 'JSON syntax error',
    description: 'The policy is not valid JSON. IAM rejects it with JSON_SYNTAX_ERROR.',
    docUrl:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-json-syntax-error',
    example: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${BUCKET}/*",
    }
  ]
}`,
  },
  {
    id: 'json-too-deep',
    severity: 'error',
    title: 'Nesting too deep',
    description: 'A value nests arrays/objects deeper than any IAM policy can (256 levels). That value is not analysed; the rest of the policy is.',
    docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
    // One value nested 300 deep inside an otherwise valid policy: reported, and the rest of the policy is still analysed.
    example: `{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${BUCKET}/*", "Condition": { "StringEquals": { "s3:prefix": ${'['.repeat(300)}${']'.repeat(300)} } } }] }`,
  },
  {
    id: 'json-comment',
    accessAnalyzer: 'JSON_SYNTAX_ERROR',
    severity: 'error',
    title: 'Comment in a policy',
    description:
      'JSON has no comments, and IAM rejects a policy that contains one (JSON_SYNTAX_ERROR), even though an editor in JSON-with-comments mode accepts it. The fix removes the comment.',
    docUrl:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-json-syntax-error',
    example: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      // read the sales data
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${BUCKET}/*"
    }
  ]
}`,
  },
] as const satisfies readonly RuleMeta[];
