// Pure: the example the walkthrough opens to show what the checks catch. No vscode import.
// It is the receive-results trust policy exactly as printed in step 2 of "To create a service role to receive results"
// (shared/seed/setting-up-service-roles.txt, the AWS page the project started from), pretty-printed: it keeps the doc's
// placeholder `region`, the example membership ID and account, ArnLike on sts:ExternalId and ForAnyValue: on a
// single-valued key. A unit test checks it against test/fixtures/bad/seed-receive-results-trust.json.
export const EXAMPLE_WITH_MISTAKES = {
  title: 'Receive-results trust policy as printed in the AWS docs',
  docUrl: 'https://docs.aws.amazon.com/clean-rooms/latest/userguide/setting-up-roles.html#create-role-write-results',
  text: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowIfExternalIdMatches",
            "Effect": "Allow",
            "Principal": {
                "Service": "cleanrooms.amazonaws.com"
            },
            "Action": "sts:AssumeRole",
            "Condition": {
                "ArnLike": {
                    "sts:ExternalId": "arn:aws:*:region:*:dbuser:*/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa*"
                }
            }
        },
        {
            "Sid": "AllowIfSourceArnMatches",
            "Effect": "Allow",
            "Principal": {
                "Service": "cleanrooms.amazonaws.com"
            },
            "Action": "sts:AssumeRole",
            "Condition": {
                "ForAnyValue:ArnEquals": {
                    "aws:SourceArn": [
                        "arn:aws:cleanrooms:us-east-1:555555555555:membership/a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa"
                    ]
                }
            }
        }
    ]
}
`,
} as const;
