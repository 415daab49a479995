// Core types of the analysis engine. Pure data: no vscode, no Node APIs.
import type { IamIndex } from '../iam-data/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Offset-based text edit: replace `length` characters at `offset` with `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** A certain fix. Applying all of its edits together must remove the finding it belongs to. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True when this is the one obvious fix (VS Code "Auto Fix" / isPreferred). */
  preferred?: boolean;
}

/** Another location that explains a finding (e.g. a duplicate Sid's first use). */
export interface RelatedLocation {
  offset: number;
  length: number;
  message: string;
}

/** Present on placeholder findings so adapters can offer "Fill <name>…". */
export interface PlaceholderRef {
  /** Canonical kebab name (`region`, `bucket`, `data-account-id`, …). */
  name: string;
  /** Placeholder kind id in the catalog (`region`, `account-id`, `membership-id`, …). */
  kind: string;
  /** The text exactly as it appears in the document. */
  raw: string;
}

export interface Finding {
  /** Stable rule id, e.g. `arn-s3-two-colons`. */
  rule: string;
  severity: Severity;
  /** What is wrong and how to fix it. */
  message: string;
  /** Offset range of exactly the offending value or key. */
  offset: number;
  length: number;
  /** The AWS page (or rule doc) the rule rests on. */
  docUrl: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  placeholder?: PlaceholderRef;
}

export type PolicyKind = 'trust' | 'permissions' | 'not-a-policy';

export interface AnalyzeOptions {
  /** Per-rule severity overrides; 'off' drops the rule's findings. */
  severityOverrides?: Record<string, SeveritySetting>;
  /** Treat the document as a policy even without a top-level Statement (e.g. it matched a user glob). */
  forcePolicy?: boolean;
  /** Documents larger than this (in UTF-16 code units) are not analysed; default 5 MB. */
  maxLength?: number;
  /** File name, if known: used only as a hint for trust vs permissions (`*trust*`). */
  fileName?: string;
  /** The IAM reference index (loaded lazily by the caller). Without it the iam-data rules are skipped. */
  iam?: IamIndex;
}

/** A value of the document and where it is (the range of the value itself, inside its string). */
export interface FactValue {
  text: string;
  offset: number;
  length: number;
}

/** One place a policy names a Clean Rooms membership: its ID, and the Region and account there when they are literal. */
export interface MembershipFact {
  id: string;
  region?: FactValue;
  account?: FactValue;
  /** Where, for messages: `the aws:SourceArn membership ARN`, `the sts:ExternalId pattern`, `the membership ARN`. */
  what: string;
}

/** A Glue, Athena, KMS or S3 ARN with a literal Region: these resources must be in the collaboration's Region. */
export interface RegionalResourceFact {
  service: string;
  region: FactValue;
}

/** What a policy says about its memberships and regional resources (placeholders, wildcards and variables left out). */
export interface PolicyFacts {
  memberships: MembershipFact[];
  resources: RegionalResourceFact[];
}

export interface AnalysisResult {
  kind: PolicyKind;
  findings: Finding[];
  /** Set for a policy (not for skipped documents or non-policies): compared across a role's two files by role-pair.ts. */
  facts?: PolicyFacts;
  /** Set when the document was skipped because it is larger than `maxLength`. */
  skipped?: 'too-large';
}

export interface RuleMeta {
  id: string;
  /** Default severity. */
  severity: Severity;
  /** Short title for docs tables. */
  title: string;
  /** Longer description for docs / "Show Rule Documentation". */
  description: string;
  docUrl: string;
  /** The IAM Access Analyzer ValidatePolicy issue code this rule corresponds to, if any (facts §4.6). */
  accessAnalyzer?: string;
  /**
   * A complete, minimal policy document (JSON text) that triggers the rule: for docs/rules.md, "Show Rule
   * Documentation" and test/unit/rules-docs.test.ts. Required: written in the meta, beside the id (rules/example-kit.ts
   * has the building blocks), so a rule without an example does not compile.
   */
  example: string;
  /** Options the example must be analysed with (a file-name hint, forcePolicy); none for most rules. */
  exampleOptions?: Pick<AnalyzeOptions, 'fileName' | 'forcePolicy'>;
  /** For a rule that compares a role's two files: the other file of the example (the example is analysed as exampleOptions.fileName). */
  exampleSibling?: { fileName: string; text: string };
}
