// The CLI's commands, with all I/O passed in (so tests can run it in-process). Node only (file system).
import * as path from 'node:path';
import { name as packageName, publisher, version } from '../../package.json';
import { DEFAULT_MAX_LENGTH } from '../analysis/analyze';
import { allRules } from '../analysis/rules';
import { placeholderKind, templateById, TEMPLATES } from '../catalog';
import { renderTemplate } from '../fill/apply';
import { describeIamData } from '../iam-data/load';
import type { IamIndex } from '../iam-data/types';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { expandPaths, readTextFile, tooLargeMessage } from './files';
import { formatJson, formatSarif, formatText, relativeUri, sanitizeLines } from './format';
import { loadIamIndex } from './iam';
import { runCheckRole, runRoles } from './check-role';
import { lintExitCode, lintText, type FileReport } from './report';

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
  const { files, errors } = expandPaths(command.paths);
  let ioErrors = errors.length;
  for (const e of errors) err(e);
  const reports: FileReport[] = [];
  for (const file of files) {
    const read = readTextFile(file, maxLength);
    if ('error' in read) {
      err(read.error);
      ioErrors++;
      continue;
    }
    const result = lintText(file, read.text, { iam: iam.index, maxLength });
    if ('tooLarge' in result) {
      err(tooLargeMessage(file, Buffer.byteLength(read.text), maxLength));
      ioErrors++;
      continue;
    }
    reports.push(result.report);
  }
  switch (command.format) {
    case 'json':
      io.stdout(formatJson(reports));
      break;
    case 'sarif':
      io.stdout(
        formatSarif(reports, {
          toolName: TOOL_NAME,
          version: TOOL_VERSION,
          informationUri: INFORMATION_URI,
          rules: allRules(),
          artifactUri: (file) => relativeUri(path.relative(io.cwd, path.resolve(io.cwd, file))),
        }),
      );
      break;
    default: {
      const color = io.stdoutIsTTY && !io.env.NO_COLOR;
      io.stdout(formatText(reports, { color, maxWarnings: command.maxWarnings }));
    }
  }
  return lintExitCode(reports, command.maxWarnings, ioErrors);
}
