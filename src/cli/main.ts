import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Aws from '../aws';
import { isSamConfigFile, lintText, parseParameterFile, ruleDocPath } from '../core';
import { collectFiles } from './files';
import { firstPipelineMap } from './map';
import { positionFindings, type FileReport } from './report';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import { formatLinks, lintFiles, type LinkReport } from './workspace';

declare const CPX_VERSION: string | undefined;
const VERSION = typeof CPX_VERSION === 'string' ? CPX_VERSION : '0.0.0-dev';

const USAGE = `Usage: cpx-lint [options] <file|directory>...
       cpx-lint [options] --from-aws <pipeline-name> [--profile <name>] [--region <region>]

Checks AWS CodePipeline definitions (CloudFormation/SAM templates, get-pipeline JSON)
for cross-account mistakes. Directories are searched for .yaml .yml .json .template files.

Options:
  -f, --format <stylish|json|sarif>  output format (default: stylish)
  -a, --account <NAME=ID>            value of an account parameter; repeatable.
                                     AWS::AccountId=ID names the pipeline's own account
  -p, --parameters <file>            parameter values: [{"ParameterKey","ParameterValue"}],
                                     {"Parameters": {...}}, or the parameter_overrides of
                                     a SAM CLI samconfig.toml; repeatable
      --config-env <name>            samconfig.toml environment to read (default: default)
      --max-size <characters>        skip larger files with a finding (default: 4194304)
      --links                        also print the links between files (role ARN ->
                                     its definition, Fn::ImportValue -> its export)
      --map <file.svg>               also write the account map of the first pipeline found
      --from-aws <pipeline-name>     lint a deployed pipeline (read-only: codepipeline:GetPipeline)
      --profile <name>               AWS profile for --from-aws (default: the SDK's default chain)
      --region <region>              region for --from-aws (default: the profile's, then AWS_REGION)
  -h, --help                         show this help
  -v, --version                      show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or internal error.
`;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}
/** A failure told in one line, without the usage (AWS could not be asked). */
class FatalError extends Error {}

export async function main(argv: readonly string[], write: (text: string) => void, writeError: (text: string) => void): Promise<number> {
  try {
    return await run(argv, write);
  } catch (error) {
    if (error instanceof UsageError) writeError(`cpx-lint: ${error.message}\n\n${USAGE}`);
    else if (error instanceof FatalError) writeError(`cpx-lint: ${error.message}\n`);
    else writeError(`cpx-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], write: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        account: { type: 'string', short: 'a', multiple: true, default: [] },
        parameters: { type: 'string', short: 'p', multiple: true, default: [] },
        'config-env': { type: 'string' },
        'max-size': { type: 'string' },
        links: { type: 'boolean' },
        map: { type: 'string' },
        'from-aws': { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
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
  const fromAws = values['from-aws'];
  if (fromAws === undefined && (values.profile !== undefined || values.region !== undefined)) throw new UsageError('--profile and --region go with --from-aws');
  if (fromAws !== undefined && positionals.length > 0) throw new UsageError('--from-aws lints the deployed pipeline only; lint files in a separate run');
  if (fromAws === undefined && positionals.length === 0) throw new UsageError('no files or directories given');
  if (fromAws !== undefined && values.map !== undefined) throw new UsageError('--map goes with files, not --from-aws');
  const maxLength = values['max-size'] === undefined ? undefined : Number(values['max-size']);
  if (maxLength !== undefined && !(Number.isInteger(maxLength) && maxLength > 0)) throw new UsageError('--max-size takes a positive whole number');

  const configEnv = values['config-env'];
  if (configEnv !== undefined && !values.parameters.some(isSamConfigFile)) throw new UsageError('--config-env goes with a samconfig.toml given with --parameters');
  const parameterValues = new Map<string, string>();
  for (const file of values.parameters) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read parameter file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      for (const [key, value] of parseParameterFile(text, { fileName: file, configEnv })) parameterValues.set(key, value);
    } catch (error) {
      throw new UsageError(`parameter file ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const assignment of values.account) {
    const match = /^([^=]+)=(\d{12})$/.exec(assignment);
    if (!match) throw new UsageError(`--account takes NAME=<12-digit account id>, not '${assignment}'`);
    parameterValues.set(match[1], match[2]);
  }

  let reports: FileReport[];
  let links: LinkReport[] = [];
  if (fromAws !== undefined) {
    reports = [await lintDeployed(fromAws, values.profile, values.region, parameterValues, maxLength)];
  } else {
    const { files, missing } = collectFiles(positionals);
    if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
    ({ reports, links } = lintFiles(files, parameterValues, maxLength));
    if (values.map !== undefined) writeMap(values.map, firstPipelineMap(files, parameterValues, maxLength));
  }
  const docUri = (id: string): string => pathToFileURL(join(__dirname, '..', ruleDocPath(id))).href;
  if (format === 'json') write(JSON.stringify(reports.map((report) => toJson(report, links)), null, 2) + '\n');
  else if (format === 'sarif') write(formatSarif(reports, VERSION, (rule) => docUri(rule.meta.id)));
  else write(formatStylish(reports, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR) + (values.links ? formatLinks(links) : ''));
  return reports.some((report) => report.findings.some(({ finding }) => finding.severity === 'error')) ? EXIT_ERRORS : EXIT_OK;
}

function writeMap(out: string, svg: string | undefined): void {
  if (svg === undefined) throw new FatalError('--map: no pipeline found in the files given');
  try {
    writeFileSync(out, svg);
  } catch (error) {
    throw new FatalError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** GetPipeline's output, linted as the get-pipeline JSON the AWS CLI prints; the report names the pipeline's ARN. */
async function lintDeployed(name: string, profile: string | undefined, region: string | undefined, parameterValues: ReadonlyMap<string, string>, maxLength: number | undefined): Promise<FileReport> {
  // The SDK lives in dist/aws.js, loaded only here so that linting files never pays for it.
  const aws = require('../aws') as typeof Aws;
  const found = aws.findProfile(await aws.listProfiles(), profile);
  if (profile !== undefined && !found) throw new UsageError(`no profile '${profile}' in the AWS config or credentials file`);
  const resolvedRegion = region ?? aws.defaultRegion(found);
  if (!resolvedRegion) throw new UsageError('no region: pass --region, or set one for the profile or in AWS_REGION');
  const source = new aws.PipelineSource({ profile, region: resolvedRegion, sso: found?.sso ?? false });
  try {
    const deployed = await source.getPipeline(name);
    const result = lintText(deployed.text, { fileName: `${name}.json`, parameterValues, maxLength });
    return { file: deployed.arn ?? name, kind: result.model?.kind ?? 'none', findings: positionFindings(deployed.text, result.findings) };
  } catch (error) {
    throw error instanceof aws.AwsProblem ? new FatalError(error.message) : error;
  } finally {
    source.dispose();
  }
}

function toJson(report: FileReport, links: readonly LinkReport[]): unknown {
  return {
    file: report.file,
    kind: report.kind,
    findings: report.findings.map(({ finding, region, related }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      ...region,
      related: related.map((item) => ({ message: item.message, ...(item.file === undefined ? {} : { file: item.file }), ...item.region })),
      // A fix of a role defined in another file names that file; its edits are offsets into its text.
      fixes: finding.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, ...(fix.fileName === undefined ? {} : { file: fix.fileName }), edits: fix.edits })),
    })),
    // The links from this file to definitions in the others.
    links: links.filter((link) => link.file === report.file).map(({ kind, region, reference, targets }) => ({ kind, reference, ...region, targets: targets.map((target) => ({ file: target.file, ...target.region })) })),
  };
}

if (require.main === module) {
  void main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then((code) => {
    process.exitCode = code;
  });
}
