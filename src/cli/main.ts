import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fileFinding, lintText, parseParameterFile, ruleDocPath, type Finding } from '../core';
import { collectFiles } from './files';
import { positionFindings, type FileReport } from './report';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

declare const CPX_VERSION: string | undefined;
const VERSION = typeof CPX_VERSION === 'string' ? CPX_VERSION : '0.0.0-dev';

const USAGE = `Usage: cpx-lint [options] <file|directory>...

Checks AWS CodePipeline definitions (CloudFormation/SAM templates, get-pipeline JSON)
for cross-account mistakes. Directories are searched for .yaml .yml .json .template files.

Options:
  -f, --format <stylish|json|sarif>  output format (default: stylish)
  -a, --account <NAME=ID>            value of an account parameter; repeatable.
                                     AWS::AccountId=ID names the pipeline's own account
  -p, --parameters <file>            parameter values: [{"ParameterKey","ParameterValue"}]
                                     or {"Parameters": {...}}; repeatable
      --max-size <characters>        skip larger files with a finding (default: 4194304)
  -h, --help                         show this help
  -v, --version                      show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or internal error.
`;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

export function main(argv: readonly string[], write: (text: string) => void, writeError: (text: string) => void): number {
  try {
    return run(argv, write);
  } catch (error) {
    writeError(error instanceof UsageError ? `cpx-lint: ${error.message}\n\n${USAGE}` : `cpx-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

function run(argv: readonly string[], write: (text: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        account: { type: 'string', short: 'a', multiple: true, default: [] },
        parameters: { type: 'string', short: 'p', multiple: true, default: [] },
        'max-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    write(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const format = values.format;
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format '${format}'`);
  if (positionals.length === 0) throw new UsageError('no files or directories given');
  const maxLength = values['max-size'] === undefined ? undefined : Number(values['max-size']);
  if (maxLength !== undefined && !(Number.isInteger(maxLength) && maxLength > 0)) throw new UsageError('--max-size takes a positive whole number');

  const parameterValues = new Map<string, string>();
  for (const file of values.parameters) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read parameter file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      for (const [key, value] of parseParameterFile(text)) parameterValues.set(key, value);
    } catch (error) {
      throw new UsageError(`parameter file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const assignment of values.account) {
    const match = /^([^=]+)=(\d{12})$/.exec(assignment);
    if (!match) throw new UsageError(`--account takes NAME=<12-digit account id>, not '${assignment}'`);
    parameterValues.set(match[1], match[2]);
  }

  const { files, missing } = collectFiles(positionals);
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);

  const reports: FileReport[] = files.map((file) => lintFile(file, parameterValues, maxLength));
  const docUri = (id: string): string => pathToFileURL(join(__dirname, '..', ruleDocPath(id))).href;
  if (format === 'json') write(JSON.stringify(reports.map(toJson), null, 2) + '\n');
  else if (format === 'sarif') write(formatSarif(reports, VERSION, (rule) => docUri(rule.meta.id)));
  else write(formatStylish(reports, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR));
  return reports.some((report) => report.findings.some(({ finding }) => finding.severity === 'error')) ? EXIT_ERRORS : EXIT_OK;
}

function lintFile(file: string, parameterValues: ReadonlyMap<string, string>, maxLength: number | undefined): FileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const finding: Finding = fileFinding('unreadable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    return { file, kind: 'unreadable', findings: positionFindings('', [finding]) };
  }
  const result = lintText(text, { fileName: file, parameterValues, maxLength });
  return { file, kind: result.model?.kind ?? 'none', findings: positionFindings(text, result.findings) };
}

function toJson(report: FileReport): unknown {
  return {
    file: report.file,
    kind: report.kind,
    findings: report.findings.map(({ finding, region, related }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      ...region,
      related: related.map((item) => ({ message: item.message, ...item.region })),
      fixes: finding.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, edits: fix.edits })),
    })),
  };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
