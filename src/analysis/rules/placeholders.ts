// Rule family "placeholders": values that were never filled in.
import { placeholderKind } from '../../catalog/placeholder-kinds';
import type { RuleFamily } from '../rule';
import type { RuleMeta } from '../types';
import { elide, quote } from '../messages';
import { placeholderOccurrences } from './util';
import type { PlaceholderSource } from '../placeholder-detect';
import { policy, allow, scoped } from './example-kit';

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

const DOC = 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html';

export const PLACEHOLDER_RULE_IDS = ['placeholder-token', 'placeholder-bare-name', 'placeholder-example-value'] as const;

/** The rule that reports a placeholder found by each detector (so turning a rule off can leave its placeholders alone). */
export const PLACEHOLDER_RULE_BY_SOURCE: Readonly<Record<PlaceholderSource, (typeof PLACEHOLDER_RULE_IDS)[number]>> = {
  token: 'placeholder-token',
  braces: 'placeholder-token',
  'bare-name': 'placeholder-bare-name',
  'example-value': 'placeholder-example-value',
};

export const placeholderRules = {
  name: 'placeholders',
  rules: [
    {
      id: 'placeholder-token',
      severity: 'error',
      title: 'Unfilled placeholder token',
      description:
        'A `<name>` or `{{name}}` placeholder from a template or the AWS docs is still in the policy. IAM accepts it as literal text, so the role silently grants nothing.',
      docUrl: DOC,
      example: policy(allow('s3:GetObject', 'arn:aws:s3:::<bucket>/*')),
    },
    {
      id: 'placeholder-bare-name',
      severity: 'warning',
      title: 'Placeholder name from the AWS page',
      description:
        'A name the AWS page uses where your value belongs (`aws-region`, `accountId`, `bucket_name`, `optional_key_prefix`, `s3BucketOwnerAccountId`, …) was pasted as is.',
      docUrl: DOC,
      example: policy(allow('glue:GetDatabase', 'arn:aws:glue:aws-region:accountId:catalog')),
    },
    {
      id: 'placeholder-example-value',
      severity: 'warning',
      title: 'Example value from the AWS docs',
      description:
        'An example value the AWS docs use (`111122223333`, `444455556666`, `555555555555`, `123456789012`, `a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa`, `amzn-s3-demo-…`) is still in the policy.',
      docUrl: DOC,
      example: policy(scoped('ArnEquals', 'aws:SourceArn', 'arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')),
    },
  ] as const satisfies readonly RuleMeta[],
  check(ctx) {
    for (const o of placeholderOccurrences(ctx)) {
      const kind = placeholderKind(o.kind);
      // The AWS page's table/table: a table ARN is table/<database>/<table>, and the database is missing too.
      const where =
        (kind.id === 'text' ? '' : ` ${kind.help}`) +
        (o.needsDatabase ? ' A Glue table ARN is table/<database>/<table>: put the database name in front, as in table/sales_db/orders.' : '');
      const placeholder = { name: o.name, kind: o.kind, raw: o.key };
      if (o.source === 'token' || o.source === 'braces') {
        ctx.report(
          'placeholder-token',
          o.offset,
          o.length,
          `Placeholder ${elide(o.key)} is still here: replace it with your ${lowerFirst(kind.label)}.${where}`,
          { placeholder, docUrl: kind.docUrl === DOC ? undefined : DOC },
        );
      } else if (o.source === 'bare-name') {
        ctx.report(
          'placeholder-bare-name',
          o.offset,
          o.length,
          `${quote(o.key)} is the placeholder name from the AWS page, not a value: replace it with your ${lowerFirst(kind.label)}.${where}`,
          { placeholder },
        );
      } else {
        const what = kind.id === 'account-id' ? 'account ID' : kind.id === 'membership-id' ? 'membership ID' : kind.id === 'bucket' ? 'bucket name' : 'value';
        ctx.report(
          'placeholder-example-value',
          o.offset,
          o.length,
          `${elide(o.key)} is an example ${what} from the AWS docs: replace it with your own ${lowerFirst(kind.label)}.${where}`,
          { placeholder },
        );
      }
    }
  },
} satisfies RuleFamily;
