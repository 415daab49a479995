// The CLI's commands, with all I/O passed in (so tests can run it in-process). Node only (file system).
import * as path from 'node:path';
import { name as packageName, publisher, version } from '../../package.json';
import { analyze, DEFAULT_MAX_LENGTH } from '../analysis/analyze';
import { analyzeDocument } from '../frontends/document';
import type { HclParser } from '../frontends/terraform';
import { allRules } from '../analysis/rules';
import { placeholderKind, templateById, TEMPLATES } from '../catalog';
import { renderTemplate } from '../fill/apply';
import { buildCliCommands, roleRequirements, suggestRoleName, trustServices, validateRoleName } from '../fill/aws-commands';
import { fixAllText, MAX_FIX_PASSES } from '../fill/fixall';
import { describeIamData } from '../iam-data/load';
import type { IamIndex } from '../iam-data/types';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { errorReason, expandPaths, readTextFile, readTextFileBom, tooLargeMessage, writeFileSafely } from './files';
import { formatJson, formatSarif, formatText, relativeUri, sanitize, sanitizeLines } from './format';
import { loadIamIndex } from './iam';
import { runCheckRole, runRoles } from './check-role';
import { addRolePairFindings, baseName, lintExitCode, lintText, locate, stripBom, type FileReport, type PairCandidate } from './report';

export const TOOL_NAME = 'cleanrooms-iam';
export const TOOL_VERSION: string = version;
export const INFORMATION_URI = `https://marketplace.visualstudio.com/items?itemName=${publisher}.${packageName}`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colours in text output only when stdout is a terminal and NO_COLOR is unset. */
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The directory that holds iam-data.json (dist/, next to cli.js). */
  dataDir: string;
  /** Engine size limit override (tests); default DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  /** Writes a fixed file (lint --fix); default writeFileSafely. Tests inject failures here. */
  writeFile?: (fsPath: string | Buffer, data: string) => void;
  /** SARIF URIs split at backslashes too (default: process.platform === 'win32'). */
  windows?: boolean;
  /** The HCL parser for .tf files (main.ts loads it before `lint`); without it Terraform files hold no policies. */
  hcl?: HclParser;
}

export function run(argv: readonly string[], io: CliIo): number {
  const err = (msg: string): void => io.stderr(`${TOOL_NAME}: ${sanitizeLines(msg)}\n`);
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  switch (command.cmd) {
    case 'help':
      io.stdout(USAGE + '\n');
      return 0;
    case 'version':
      return printVersion(io, err);
    case 'templates':
      return listTemplates(command.format, io);
    case 'new':
      return newPolicy(command.templateId, command.sets, io, err);
    case 'lint':
      return lint(command, io, err);
    case 'aws-commands':
      return awsCommands(command, io, err);
    case 'check-role':
      return runCheckRole(command, io, err);
    case 'roles':
      return runRoles(command, io);
  }
}

function printVersion(io: CliIo, err: (m: string) => void): number {
  const iam = loadIamIndex(io.dataDir);
  if ('error' in iam) {
    err(iam.error);
    return 2;
  }
  io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n${describeIam(iam.index)}\n`);
  return 0;
}

export function describeIam(index: IamIndex | undefined): string {
  if (!index) return 'IAM reference data: not bundled (the IAM data rules are skipped; run npm run build)';
  return describeIamData(index.meta);
}

function listTemplates(format: 'text' | 'json', io: CliIo): number {
  if (format === 'json') {
    const rows = TEMPLATES.map((t) => ({
      id: t.id,
      type: t.policyType,
      title: t.title,
      role: t.role,
      description: t.description,
      docUrl: t.docUrl,
      placeholders: t.placeholders.map((p) => ({ name: p.name, kind: p.kind })),
    }));
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const idW = Math.max(2, ...TEMPLATES.map((t) => t.id.length));
  const typeW = Math.max(4, ...TEMPLATES.map((t) => t.policyType.length));
  const lines = [`${'ID'.padEnd(idW)}  ${'TYPE'.padEnd(typeW)}  TITLE`];
  for (const t of TEMPLATES) lines.push(`${t.id.padEnd(idW)}  ${t.policyType.padEnd(typeW)}  ${t.title}`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

function newPolicy(id: string, sets: ReadonlyArray<{ name: string; value: string }>, io: CliIo, err: (m: string) => void): number {
  const t = templateById(id);
  if (!t) {
    err(`unknown template "${id}"; run ${TOOL_NAME} templates to list them`);
    return 2;
  }
  const values: Record<string, string> = {};
  for (const s of sets) {
    const p = t.placeholders.find((x) => x.name === s.name);
    if (!p) {
      const names = t.placeholders.map((x) => x.name);
      err(`"${s.name}" is not a placeholder of ${t.id} (${names.length ? `its placeholders: ${names.join(', ')}` : 'it has no placeholders'})`);
      return 2;
    }
    const problem = placeholderKind(p.kind).validate(s.value);
    if (problem) {
      err(`--set ${s.name}=${s.value}: ${problem}`);
      return 2;
    }
    values[s.name] = s.value;
  }
  io.stdout(renderTemplate(t, values) + '\n');
  return 0;
}

function lint(command: Extract<Command, { cmd: 'lint' }>, io: CliIo, err: (m: string) => void): number {
  const iam = loadIamIndex(io.dataDir);
  if ('error' in iam) {
    err(iam.error);
    return 2;
  }
  const maxLength = io.maxLength ?? DEFAULT_MAX_LENGTH;
  const { files, fsPaths, errors, walked } = expandPaths(command.paths);
  let ioErrors = errors.length;
  for (const e of errors) err(e);
  const reports: FileReport[] = [];
  /** The path each report's file was opened by (same index as reports; a Buffer for a name that is not UTF-8). */
  const reportPaths: Array<string | Buffer> = [];
  /** Each report's file as the role-pair check sees it (same index as reports). */
  const pairs: PairCandidate[] = [];
  const folderOf = (file: string): string => path.dirname(path.resolve(io.cwd, file));
  const fixes = { problems: 0, files: 0 };
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const fsPath = fsPaths[i] ?? file;
    const read = readTextFileBom(file, maxLength, fsPath);
    if ('error' in read) {
      err(read.error);
      ioErrors++;
      continue;
    }
    if (command.fix) {
      // The same passes as the editor's Fix All (src/fill/fixall.ts); the report is of the fixed text.
      const text = stripBom(read.text);
      const opts = { iam: iam.index, maxLength, fileName: baseName(file), hcl: io.hcl };
      const done = fixAllText(text, (t) => analyzeDocument(t, opts));
      if (done.result.skipped === 'too-large') {
        err(tooLargeMessage(file, Buffer.byteLength(read.text), maxLength));
        ioErrors++;
        continue;
      }
      if (done.text !== text && done.fixedCount > 0) {
        if (command.fix === 'write') {
          try {
            (io.writeFile ?? writeFileSafely)(fsPath, (read.bom ? '\ufeff' : '') + done.text);
          } catch (e) {
            // The file is as it was: report what is in it.
            err(`${sanitize(file)}: cannot write the fixed file: ${errorReason(e)}`);
            ioErrors++;
            const unfixed = lintText(file, read.text, { iam: iam.index, maxLength, hcl: io.hcl });
            if ('report' in unfixed) {
              reports.push(unfixed.report);
              reportPaths.push(fsPath);
              pairs.push({ report: unfixed.report, folder: folderOf(file), text: unfixed.text, facts: unfixed.facts });
            }
            continue;
          }
        }
        fixes.problems += done.fixedCount;
        fixes.files++;
      }
      if (done.unfinished) err(`${sanitize(file)}: the fixes did not settle in ${MAX_FIX_PASSES} passes; run --fix again and check the result`);
      if (walked[i] && done.result.kind === 'not-a-policy' && !done.result.findings.length) continue;
      const report: FileReport = { file, kind: done.result.kind, findings: locate(done.text, done.result.findings) };
      reports.push(report);
      reportPaths.push(fsPath);
      pairs.push({ report, folder: folderOf(file), text: done.text, facts: done.result.facts });
      continue;
    }
    const result = lintText(file, read.text, { iam: iam.index, maxLength, hcl: io.hcl });
    if ('tooLarge' in result) {
      err(tooLargeMessage(file, Buffer.byteLength(read.text), maxLength));
      ioErrors++;
      continue;
    }
    // A file found by walking a folder is reported only when it holds a policy (or a problem): a folder of
    // workflows, manifests and package.json files is not a folder of policies.
    if (walked[i] && result.report.kind === 'not-a-policy' && !result.report.findings.length) continue;
    reports.push(result.report);
    reportPaths.push(fsPath);
    pairs.push({ report: result.report, folder: folderOf(file), text: result.text, facts: result.facts });
  }
  // Across a role's two files, when both were linted (named, or found in a folder).
  addRolePairFindings(pairs);
  switch (command.format) {
    case 'json':
      io.stdout(formatJson(reports));
      break;
    case 'sarif': {
      const windows = io.windows ?? process.platform === 'win32';
      io.stdout(
        formatSarif(reports, {
          toolName: TOOL_NAME,
          version: TOOL_VERSION,
          informationUri: INFORMATION_URI,
          rules: allRules(),
          artifactUri: (file) => relativeUri(path.relative(io.cwd, path.resolve(io.cwd, file)), { windows }),
          artifactUriAt: (i) => {
            const raw = reportPaths[i];
            if (!Buffer.isBuffer(raw)) return undefined;
            // A name that is not UTF-8: path arithmetic on its bytes (latin1: one code unit per byte), then %XX each.
            const cwd = Buffer.from(io.cwd).toString('latin1');
            return relativeUri(Buffer.from(path.relative(cwd, path.resolve(cwd, raw.toString('latin1'))), 'latin1'), { windows });
          },
        }),
      );
      break;
    }
    default: {
      const color = io.stdoutIsTTY && !io.env.NO_COLOR;
      io.stdout(formatText(reports, { color, maxWarnings: command.maxWarnings }));
    }
  }
  if (command.fix) {
    // Machine formats keep stdout to the report alone: the summary goes to stderr there.
    const summary = fixSummary(fixes.problems, fixes.files, command.fix === 'dry-run');
    if (command.format === 'text') io.stdout(summary + '\n');
    else io.stderr(`${TOOL_NAME}: ${summary}\n`);
  }
  return lintExitCode(reports, command.maxWarnings, ioErrors);
}

export function fixSummary(problems: number, files: number, dryRun: boolean): string {
  const p = `${problems} problem${problems === 1 ? '' : 's'}`;
  const f = `${files} file${files === 1 ? '' : 's'}`;
  if (dryRun) return problems ? `Would fix ${p} in ${f} (--fix-dry-run: nothing written).` : 'Nothing to fix (--fix-dry-run: nothing written).';
  return problems ? `Fixed ${p} in ${f}.` : 'Nothing to fix: no file changed.';
}

/** `aws-commands`: the `aws iam` commands that create the role, from the same builder as the extension's command. */
function awsCommands(command: Extract<Command, { cmd: 'aws-commands' }>, io: CliIo, err: (m: string) => void): number {
  const iam = loadIamIndex(io.dataDir);
  if ('error' in iam) {
    err(iam.error);
    return 2;
  }
  const maxLength = io.maxLength ?? DEFAULT_MAX_LENGTH;
  const files = [
    { file: command.trust, want: 'trust' as const },
    { file: command.permissions, want: 'permissions' as const },
  ];
  const texts: string[] = [];
  let errorCount = 0;
  for (const { file, want } of files) {
    const read = readTextFile(file, maxLength, path.resolve(io.cwd, file));
    if ('error' in read) {
      err(read.error);
      return 2;
    }
    const text = stripBom(read.text);
    const result = analyze(text, { iam: iam.index, maxLength, fileName: baseName(file) });
    if (result.kind !== want) {
      const is = result.kind === 'not-a-policy' ? 'not an IAM policy (no top-level Statement)' : `a ${result.kind} policy`;
      err(`${sanitize(file)}: --${want} needs a ${want} policy, and this is ${is}`);
      return 2;
    }
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    if (errors)
      err(
        `${sanitize(file)}: ${errors} error${errors === 1 ? '' : 's'}; run ${TOOL_NAME} lint on it and fix ${errors === 1 ? 'it' : 'them'} before you run these commands`,
      );
    errorCount += errors;
    texts.push(text);
  }
  const req = roleRequirements(trustServices(texts[0]));
  const roleName = command.roleName ?? suggestRoleName(req, baseName(command.trust), baseName(command.permissions));
  const invalid = validateRoleName(roleName, req);
  if (invalid) {
    err(`--role-name ${sanitize(roleName)}: ${invalid}`);
    return 2;
  }
  const out = buildCliCommands({
    roleName,
    requirements: req,
    trustPath: path.resolve(io.cwd, command.trust),
    permissionsPath: path.resolve(io.cwd, command.permissions),
    style: command.managed ? 'managed' : 'inline',
  });
  io.stdout(out.text);
  return errorCount ? 1 : 0;
}
