// The YAML cases of `npm run bench` (issue 15): a ~1 MB CloudFormation YAML template analysed with analyzeDocument,
// side by side with the `yaml` package's parse alone (parseDocument, the floor: the front end cannot do with less) and
// with yaml-language-server's validation of the same text (no schema, the intrinsics as custom tags); the same for
// 10 KB and 100 KB templates; and a ~1 MB YAML file that is not a template (Kubernetes manifests), rejected at the cost
// of a plain scan of its text.
// Also timed: the editor's template view (frontends/view.ts: the sites rendered again for hovers and Fill), from the
// text and from the sites the analysis read.

/** One Clean Rooms role the way CloudFormation templates write them: trust with a confused-deputy condition, inline
 * permissions for Glue and S3 with intrinsics (!Sub with pseudo parameters, !Ref, !GetAtt, !Join, !If, !Select,
 * !ImportValue), and a bucket policy. Clean: no finding. */
function role(i: number): string {
  const n = String(i).padStart(4, '0');
  return `  ReadDataRole${n}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "cleanrooms-read-data-${n}-\${AWS::Region}"
      Path: /service-role/
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: cleanrooms.amazonaws.com
            Action: sts:AssumeRole
            Condition:
              ArnLike:
                aws:SourceArn:
                  - !Sub "arn:\${AWS::Partition}:cleanrooms:\${AWS::Region}:\${AWS::AccountId}:membership/\${MembershipId}"
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
      Policies:
        - PolicyName: read-data-${n}
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: NecessaryGluePermissions
                Effect: Allow
                Action:
                  - glue:GetDatabase
                  - glue:GetDatabases
                  - glue:GetTable
                  - glue:GetTables
                  - glue:GetPartition
                  - glue:GetPartitions
                  - glue:BatchGetPartition
                Resource:
                  - !Sub "arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:catalog"
                  - !Sub "arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}:database/\${GlueDatabase}"
                  - !Join ["", ["arn:aws:glue:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId", ":table/", !Ref GlueDatabase, "/events_${n}"]]
              - Sid: NecessaryS3BucketPermissions
                Effect: Allow
                Action:
                  - s3:GetBucketLocation
                  - s3:ListBucket
                Resource: !Sub "arn:aws:s3:::\${DataBucket}"
                Condition:
                  StringEquals:
                    s3:ResourceAccount: !Ref AWS::AccountId
              - Sid: NecessaryS3ObjectPermissions
                Effect: Allow
                Action: s3:GetObject
                Resource:
                  - !Sub "arn:aws:s3:::\${DataBucket}/exports/${n}/*"
                  - !If [HasArchive, !Sub "arn:aws:s3:::\${ArchiveBucket}/*", !Ref AWS::NoValue]
                Condition:
                  StringEquals:
                    s3:ResourceAccount: !Select [0, [!Ref AWS::AccountId, "111122223333"]]
              - Effect: Allow
                Action: kms:Decrypt
                Resource: !ImportValue shared-data-key-arn
                Condition:
                  StringLike:
                    kms:ViaService: !Sub "s3.\${AWS::Region}.amazonaws.com"
  DataBucketPolicy${n}:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource:
              - !Sub "arn:aws:s3:::\${DataBucket}"
              - !Sub "arn:aws:s3:::\${DataBucket}/*"
            Condition:
              Bool:
                aws:SecureTransport: "false"
          - Effect: Allow
            Principal:
              AWS: !GetAtt ReadDataRole${n}.Arn
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::\${DataBucket}/exports/${n}/*"
`;
}

/** A CloudFormation YAML template of about `bytes` (UTF-16 code units): parameters, a condition, and roles. */
export function generateYamlTemplate(bytes: number): string {
  const head = `AWSTemplateFormatVersion: "2010-09-09"
Description: AWS Clean Rooms roles for the data of many partners (generated for the bench).
Parameters:
  MembershipId:
    Type: String
    AllowedPattern: "[0-9a-f-]{36}"
  GlueDatabase:
    Type: String
  DataBucket:
    Type: String
  ArchiveBucket:
    Type: String
    Default: ""
Conditions:
  HasArchive: !Not [!Equals [!Ref ArchiveBucket, ""]]
Resources:
`;
  const parts = [head];
  let len = head.length;
  for (let i = 1; len < bytes; i++) {
    const r = role(i);
    parts.push(r);
    len += r.length;
  }
  return parts.join('');
}

/** About `bytes` of Kubernetes manifests (Deployments, Services, ConfigMaps): YAML that is not a template. */
export function generateKubernetes(bytes: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 1; len < bytes; i++) {
    const doc = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: exporter-${i}
  namespace: data
  labels: { app: exporter-${i}, tier: backend }
spec:
  replicas: 2
  selector:
    matchLabels: { app: exporter-${i} }
  template:
    metadata:
      labels: { app: exporter-${i} }
      annotations:
        eks.amazonaws.com/role-arn: arn:aws:iam::210987654321:role/exporter-${i}
    spec:
      serviceAccountName: exporter-${i}
      containers:
        - name: exporter
          image: registry.example.com/exporter:1.${i % 40}.0
          args: ["--bucket", "exports-${i}", "--region", "eu-west-2"]
          env:
            - name: STATEMENT_TIMEOUT
              value: "30s"
            - name: RESOURCE_PREFIX
              value: exports/${i}/
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 512Mi }
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: exporter-${i}
spec:
  selector: { app: exporter-${i} }
  ports:
    - port: 80
      targetPort: 8080
`;
    parts.push(doc);
    len += doc.length;
  }
  return parts.join('');
}

/** The plain scan a non-template is rejected against: one pass over the text (count its lines). */
export function plainScan(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

// ---- the measurement (bench/run.ts calls it) ----
import type { AnalyzeOptions } from '../src/analysis/types';
import { INTRINSICS } from '../src/frontends/cloudformation';
import type { YamlEngine } from './engine';
import { isStats, measure, type Stats } from './measure';

export const YAML_BUDGET = {
  /** Issue 15: a 1 MB CloudFormation YAML template is analysed within 2x the `yaml` parse alone. */
  templateVsParse: 2,
  /** Non-template YAML is rejected at scan cost: within this multiple of one plain pass over the text. */
  notTemplateVsScan: 3,
};

/**
 * yaml-language-server (redhat-developer/yaml-language-server 2.0.0, MIT; a devDependency for this comparison only)
 * validating a text the way the YAML extension does with no schema: `yaml` 2.8.3's parse (its own copy) into its JSON-like
 * document, the parse errors and warnings, unresolved tags (the CloudFormation intrinsics are declared as custom tags,
 * as CloudFormation users configure them), and its additional validators (unused anchors). No schema is associated and
 * the schema request service rejects, so nothing is fetched and no schema is checked. Each call validates a new
 * document version, as after an edit (the same version is answered from its cache).
 */
export async function yamlLanguageServer(): Promise<(text: string) => Promise<number>> {
  const { getLanguageService } = await import('yaml-language-server');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const ls = getLanguageService({
    schemaRequestService: (uri: string) => Promise.reject(new Error(`no network in the bench: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).toString() },
  });
  ls.configure({ validate: true, customTags: INTRINSICS.flatMap((n) => [`!${n} scalar`, `!${n} sequence`, `!${n} mapping`]) });
  let version = 0;
  return async (text: string) => (await ls.doValidation(TextDocument.create('file:///bench/template.yaml', 'yaml', ++version, text), false)).length;
}

export interface YamlSizeOut {
  bytes: number;
  sites: number;
  findings: number;
  parse: Stats | null;
  analyze: Stats | null;
  yamlls: Stats | null;
  /** Diagnostics yaml-language-server reported (0: the template is valid YAML with declared tags). */
  yamlls_diagnostics: number;
  /** analyzeDocument / yaml parseDocument. */
  ratio: number | null;
  /** analyzeDocument / yaml-language-server's validation. */
  vs_yamlls: number | null;
}

export interface YamlOut {
  template: {
    bytes: number;
    sites: number;
    findings: number;
    /** Medians (p95) in ms: yaml parseDocument with its defaults (the floor), the front end's own parse (its options:
     * the intrinsic tags declared), analyzeDocument, the editor's template view from the text, and
     * yaml-language-server's validation of the same text (no schema). */
    parse: Stats | null;
    parse_frontend: Stats | null;
    analyze: Stats | null;
    view: Stats | null;
    yamlls: Stats | null;
    yamlls_diagnostics: number;
    ratio: number | null;
    vs_yamlls: number | null;
    pass: boolean;
  };
  /** The smaller templates (the same roles, fewer of them): analyzeDocument against the parse and yaml-language-server. */
  smaller: YamlSizeOut[];
  notTemplate: {
    bytes: number;
    kind: string;
    scan: Stats | null;
    analyze: Stats | null;
    ratio: number | null;
    pass: boolean;
  };
  notes: string[];
}

export async function yamlBench(engine: YamlEngine, options: AnalyzeOptions, quick: boolean): Promise<YamlOut> {
  const notes: string[] = [];
  const text = generateYamlTemplate(1024 * 1024);
  const opts = { ...options, languageId: 'yaml' };
  let validate: ((text: string) => Promise<number>) | undefined;
  try {
    validate = await yamlLanguageServer();
  } catch (e) {
    notes.push(`yaml-language-server could not be loaded: ${(e as Error)?.message ?? String(e)}`);
  }
  let last: ReturnType<YamlEngine['analyzeDocument']> | undefined;
  let lsDiagnostics = -1;
  const cfg = { warmup: quick ? 1 : 2, targetMs: quick ? 1500 : 6000, minIterations: quick ? 3 : 7, maxIterations: quick ? 10 : 40 };
  const m = await measure(
    [
      { name: 'parse', run: () => engine.parseDocument(text) },
      { name: 'parse_frontend', run: () => engine.parseTemplate(text) },
      { name: 'analyze', run: () => (last = engine.analyzeDocument(text, opts)) },
      { name: 'view', run: () => engine.templateView(text) },
      ...(validate ? [{ name: 'yamlls', run: async () => (lsDiagnostics = await validate(text)) }] : []),
    ],
    cfg,
  );
  const get = (s: (typeof m)[string] | undefined): Stats | null => {
    if (s && !isStats(s)) notes.push(s.error);
    return s && isStats(s) ? s : null;
  };
  const per = (a: Stats | null, b: Stats | null): number | null => (a && b ? a.median / b.median : null);
  const parse = get(m.parse);
  const analyze = get(m.analyze);
  const yamlls = get(m.yamlls);
  const ratio = per(analyze, parse);
  const smaller: YamlSizeOut[] = [];
  for (const size of [10 * 1024, 100 * 1024]) {
    const small = generateYamlTemplate(size);
    let r: ReturnType<YamlEngine['analyzeDocument']> | undefined;
    let d = -1;
    const s = await measure(
      [
        { name: 'parse', run: () => engine.parseDocument(small) },
        { name: 'analyze', run: () => (r = engine.analyzeDocument(small, opts)) },
        ...(validate ? [{ name: 'yamlls', run: async () => (d = await validate(small)) }] : []),
      ],
      { warmup: 3, targetMs: quick ? 1000 : 4000, minIterations: quick ? 5 : 11, maxIterations: quick ? 50 : 200 },
    );
    const [sp, sa, sl] = [get(s.parse), get(s.analyze), get(s.yamlls)];
    smaller.push({
      bytes: Buffer.byteLength(small),
      sites: r?.sites?.length ?? 0,
      findings: r?.findings.length ?? -1,
      parse: sp,
      analyze: sa,
      yamlls: sl,
      yamlls_diagnostics: d,
      ratio: per(sa, sp),
      vs_yamlls: per(sa, sl),
    });
  }
  const k8s = generateKubernetes(1024 * 1024);
  let kind = 'error';
  const n = await measure(
    [
      { name: 'scan', run: () => plainScan(k8s) },
      { name: 'analyze', run: () => (kind = engine.analyzeDocument(k8s, opts).kind) },
    ],
    { warmup: 3, targetMs: quick ? 1000 : 4000, minIterations: quick ? 5 : 11, maxIterations: quick ? 50 : 200 },
  );
  const scan = get(n.scan);
  const nAnalyze = get(n.analyze);
  const nRatio = scan && nAnalyze ? nAnalyze.median / scan.median : null;
  return {
    template: {
      bytes: Buffer.byteLength(text),
      sites: last?.sites?.length ?? 0,
      findings: last?.findings.length ?? -1,
      parse,
      parse_frontend: get(m.parse_frontend),
      analyze,
      view: get(m.view),
      yamlls,
      yamlls_diagnostics: lsDiagnostics,
      ratio,
      vs_yamlls: per(analyze, yamlls),
      pass: ratio !== null && ratio <= YAML_BUDGET.templateVsParse && last?.kind !== 'not-a-policy' && (last?.findings.length ?? -1) === 0,
    },
    smaller,
    notTemplate: {
      bytes: Buffer.byteLength(k8s),
      kind,
      scan,
      analyze: nAnalyze,
      ratio: nRatio,
      pass: nRatio !== null && nRatio <= YAML_BUDGET.notTemplateVsScan && kind === 'not-a-policy',
    },
    notes,
  };
}
