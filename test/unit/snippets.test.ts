/**
 * The `cpx-` snippets (snippets/cloudformation-yaml.json, snippets/cloudformation-json.json):
 * each one, expanded with its defaults, is put where a user would put it in a known-good
 * cross-account pipeline stack, and the whole catalogue must find nothing wrong with it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { lintText, type DocumentModel, type Finding } from '../../src/core';

const ROOT = join(__dirname, '..', '..', '..');
const PIPELINE_ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);

// ---------------------------------------------------------------------------------------------
// A VS Code snippet expander for the syntax the snippets use
// (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar):
// tab stops `$1` `${1}`, placeholders `${1:default}` (nested), choices `${1|a,b|}` (first choice),
// `$0`, and the escapes `\$` `\}` `\\` (and `\,` `\|` inside choices). Like VS Code, a `$` that
// starts nothing is literal text and a backslash before any other character is kept; the expander
// reports both, and every variable, as warnings, since these snippets use none of them.
// ---------------------------------------------------------------------------------------------

type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number }
  | { readonly kind: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children: readonly SnippetNode[] };

export interface Expansion {
  readonly text: string;
  /** Things VS Code accepts but these snippets should not contain (literal `$`, variables, clashing defaults). */
  readonly warnings: readonly string[];
  /** The tab stop indexes, in order of first appearance. */
  readonly tabstops: readonly number[];
}

class SnippetParser {
  private pos = 0;
  readonly warnings: string[] = [];

  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    assert.equal(this.pos, this.src.length, 'the whole snippet is parsed');
    return nodes;
  }

  /** Nodes up to the end, or (inside a placeholder) up to its unescaped `}`. */
  private sequence(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    const text = (value: string): void => {
      const last = nodes[nodes.length - 1];
      if (last?.kind === 'text') nodes[nodes.length - 1] = { kind: 'text', value: last.value + value };
      else nodes.push({ kind: 'text', value });
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text(next);
          this.pos += 2;
        } else {
          text('\\');
          this.pos += 1;
        }
      } else if (c === '}' && inPlaceholder) {
        return nodes;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) nodes.push(node);
        else {
          this.warnings.push(`literal '$' at ${this.pos}: ${JSON.stringify(this.src.slice(this.pos, this.pos + 20))}`);
          text('$');
          this.pos += 1;
        }
      } else {
        text(c);
        this.pos += 1;
      }
    }
    return nodes;
  }

  /** A tab stop, placeholder, choice or variable at `$`, or undefined (and no move) when the `$` starts none. */
  private dollar(): SnippetNode | undefined {
    const start = this.pos;
    const rest = this.src.slice(start);
    let match = /^\$(\d+)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      return { kind: 'tabstop', index: Number(match[1]) };
    }
    match = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (match) {
      this.pos += match[0].length;
      this.warnings.push(`variable $${match[1]} at ${start}`);
      return { kind: 'variable', name: match[1], children: [] };
    }
    match = /^\$\{(?:(\d+)|([_a-zA-Z][_a-zA-Z0-9]*))/.exec(rest);
    if (!match) return undefined;
    this.pos += match[0].length;
    const after = this.src[this.pos];
    if (match[1] !== undefined) {
      const index = Number(match[1]);
      if (after === '}') {
        this.pos += 1;
        return { kind: 'tabstop', index };
      }
      if (after === ':') {
        this.pos += 1;
        const children = this.sequence(true);
        if (this.src[this.pos] === '}') {
          this.pos += 1;
          return { kind: 'placeholder', index, children };
        }
      } else if (after === '|') {
        const options = this.choiceOptions();
        if (options) return { kind: 'choice', index, options };
      } else if (after === '/') {
        throw new Error(`transforms are not supported by this expander (at ${start})`);
      }
    } else {
      const name = match[2];
      if (after === '}' || after === ':') {
        this.pos += 1;
        const children = after === ':' ? this.sequence(true) : [];
        if (after === '}' || this.src[this.pos] === '}') {
          if (after === ':') this.pos += 1;
          this.warnings.push(`variable \${${name}} at ${start} (an unescaped CloudFormation \${…}?)`);
          return { kind: 'variable', name, children };
        }
      }
    }
    this.pos = start;
    return undefined;
  }

  /** `|a,b|}` after `${N`: the options, with `\,` `\|` `\\` unescaped; undefined when unterminated. */
  private choiceOptions(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    let i = this.pos + 1;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === '\\' && /[,|\\]/.test(this.src[i + 1] ?? '')) {
        current += this.src[i + 1];
        i += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        i += 1;
      } else if (c === '|' && this.src[i + 1] === '}') {
        options.push(current);
        this.pos = i + 2;
        return options;
      } else {
        current += c;
        i += 1;
      }
    }
    return undefined;
  }
}

/** Expands a snippet body as VS Code inserts it when every placeholder keeps its default. */
export function expandSnippet(body: string | readonly string[]): Expansion {
  const source = typeof body === 'string' ? body : body.join('\n');
  const parser = new SnippetParser(source);
  const nodes = parser.parse();
  const warnings = parser.warnings;
  // As in VS Code, the first placeholder (or choice) of an index with a value gives every
  // occurrence of that index its value.
  const defaults = new Map<number, readonly SnippetNode[]>();
  const tabstops: number[] = [];
  const visit = (list: readonly SnippetNode[]): void => {
    for (const node of list) {
      if (node.kind === 'text') continue;
      if (node.kind === 'variable') {
        visit(node.children);
        continue;
      }
      if (!tabstops.includes(node.index)) tabstops.push(node.index);
      if (node.kind === 'placeholder') {
        if (!defaults.has(node.index) && node.children.length > 0) defaults.set(node.index, node.children);
        else if (defaults.has(node.index) && node.children.length > 0) warnings.push(`placeholder ${node.index} has a second default`);
        visit(node.children);
      } else if (node.kind === 'choice') {
        if (defaults.has(node.index)) warnings.push(`choice ${node.index} has a second default`);
        else defaults.set(node.index, [{ kind: 'text', value: node.options[0] ?? '' }]);
      }
    }
  };
  visit(nodes);
  const render = (list: readonly SnippetNode[], depth: number): string => {
    assert.ok(depth < 32, 'placeholders do not contain themselves');
    let out = '';
    for (const node of list) {
      switch (node.kind) {
        case 'text': out += node.value; break;
        case 'tabstop': out += node.index === 0 ? '' : render(defaults.get(node.index) ?? [], depth + 1); break;
        case 'placeholder': out += render(defaults.get(node.index) ?? node.children, depth + 1); break;
        case 'choice': out += render(defaults.get(node.index) ?? [], depth + 1); break;
        case 'variable': out += node.children.length > 0 ? render(node.children, depth + 1) : node.name; break;
      }
    }
    return out;
  };
  return { text: render(nodes, 0), warnings, tabstops };
}

describe('snippet expander', () => {
  const cases: [string, string][] = [
    ['plain text', 'plain text'],
    ['a ${1:one} b $1 ${1} c$0', 'a one b one one c'],
    ['${1:outer ${2:inner} end} [$2]', 'outer inner end [inner]'],
    ['${1|first,second|} $1', 'first first'],
    ['${1|a\\,b,c|}', 'a,b'],
    ['${1|x\\|y,z|}', 'x|y'],
    ['\\$\\{AWS::Region\\} \\\\ \\}', '$\\{AWS::Region} \\ }'],
    ["!Sub 'arn:\\${AWS::Partition}:iam::\\${${1:ProdAccountId}}:root'", "!Sub 'arn:${AWS::Partition}:iam::${ProdAccountId}:root'"],
    ['${1:a \\} b}', 'a } b'],
    ['${1}Alias: !Ref $1 $2', 'Alias: !Ref  '],
    ['${1:Key}Alias: !Ref $1', 'KeyAlias: !Ref Key'],
    ['tail }', 'tail }'],
    ['\\d{12}', '\\d{12}'],
  ];
  for (const [body, expected] of cases) {
    it(`expands ${JSON.stringify(body)}`, () => {
      const expansion = expandSnippet(body);
      assert.equal(expansion.text, expected);
      assert.deepEqual(expansion.warnings, []);
    });
  }
  it('treats a $ that starts nothing as text, and reports it', () => {
    const expansion = expandSnippet('cost $ 5, ${ 1}');
    assert.equal(expansion.text, 'cost $ 5, ${ 1}');
    assert.equal(expansion.warnings.length, 2);
  });
  it('reports variables, such as an unescaped CloudFormation ${AWS::Region}', () => {
    const expansion = expandSnippet("!Sub '${AWS::Region}' $TM_FILENAME");
    assert.equal(expansion.text, "!Sub ':Region' TM_FILENAME");
    assert.equal(expansion.warnings.length, 2);
  });
  it('keeps an unterminated placeholder as text', () => {
    assert.equal(expandSnippet('${1:open').text, '${1:open');
  });
  it('reports a second default for the same index', () => {
    assert.equal(expandSnippet('${1:a} ${1:b}').warnings.length, 1);
    assert.equal(expandSnippet('${1:a} ${1:b}').text, 'a a');
  });
  it('rejects transforms', () => {
    assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms/);
  });
});

// ---------------------------------------------------------------------------------------------
// The snippet files
// ---------------------------------------------------------------------------------------------

interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description: string;
}

type Dialect = 'yaml' | 'json';
const FILES: Record<Dialect, string> = { yaml: 'snippets/cloudformation-yaml.json', json: 'snippets/cloudformation-json.json' };

function loadSnippets(dialect: Dialect): Map<string, SnippetDefinition & { readonly name: string }> {
  const raw = JSON.parse(readFileSync(join(ROOT, FILES[dialect]), 'utf8')) as Record<string, SnippetDefinition>;
  const byPrefix = new Map<string, SnippetDefinition & { readonly name: string }>();
  for (const [name, snippet] of Object.entries(raw)) {
    const prefix = typeof snippet.prefix === 'string' ? snippet.prefix : snippet.prefix[0];
    byPrefix.set(prefix, { ...snippet, name });
  }
  return byPrefix;
}

const SNIPPETS: Record<Dialect, ReturnType<typeof loadSnippets>> = { yaml: loadSnippets('yaml'), json: loadSnippets('json') };

export function expansionOf(dialect: Dialect, prefix: string): string {
  const snippet = SNIPPETS[dialect].get(prefix);
  assert.ok(snippet, `${dialect} snippet ${prefix} exists`);
  return expandSnippet(snippet.body).text.replace(/\t/g, '  ').trimEnd();
}

/** Indents every line after the first by the insertion column, as VS Code does; the first line is put at `column` too. */
function indent(text: string, column: number): string {
  const pad = ' '.repeat(column);
  return text.split('\n').map((line) => (line === '' ? line : pad + line)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// A known-good pipeline stack in the tools account (111111111111) deploying to ProdAccountId
// (222222222222), written by hand from cross-account-rules.md §4. A snippet replaces the part
// that plays its role; everything else stays as written here.
// ---------------------------------------------------------------------------------------------

type Slot = 'parameter' | 'key' | 'bucket' | 'assumeRole' | 'deployStage' | 'extraStages';
type Slots = Partial<Record<Slot, string>>;

const YAML_DEFAULTS: Record<Slot, string> = {
  parameter: `ProdAccountId:
  Type: String
  Default: '222222222222'
  AllowedPattern: '\\d{12}'`,
  key: `ArtifactKey:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
    KeyPolicy:
      Version: '2012-10-17'
      Statement:
        - Sid: AccountAdmin
          Effect: Allow
          Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'}
          Action: 'kms:*'
          Resource: '*'
        - Sid: PipelineRoleUse
          Effect: Allow
          Principal: {AWS: !GetAtt PipelineRole.Arn}
          Action: [kms:Decrypt, kms:DescribeKey, kms:Encrypt, 'kms:ReEncrypt*', 'kms:GenerateDataKey*']
          Resource: '*'
        - Sid: ProdAccountRead
          Effect: Allow
          Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:root'}
          Action: [kms:Decrypt, kms:DescribeKey]
          Resource: '*'`,
  bucket: `ArtifactBucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration: {Status: Enabled}
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !GetAtt ArtifactKey.Arn}
ArtifactBucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref ArtifactBucket
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Sid: ProdAccountRead
          Effect: Allow
          Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:root'}
          Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*']
          Resource: [!GetAtt ArtifactBucket.Arn, !Sub '\${ArtifactBucket.Arn}/*']`,
  assumeRole: `- Effect: Allow
  Action: sts:AssumeRole
  Resource: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:role/CodePipelineCrossAccountRole'`,
  deployStage: `- Name: DeployProd
  Actions:
    - Name: CreateChangeSet
      ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
      RoleArn: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:role/CodePipelineCrossAccountRole'
      Configuration:
        ActionMode: CHANGE_SET_REPLACE
        StackName: app-prod
        ChangeSetName: app-prod-changes
        TemplatePath: BuildArtifact::packaged.yaml
        Capabilities: CAPABILITY_IAM
        RoleArn: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:role/CloudFormationDeployRole'
      InputArtifacts: [{Name: BuildArtifact}]
      RunOrder: 1
    - Name: ExecuteChangeSet
      ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
      RoleArn: !Sub 'arn:\${AWS::Partition}:iam::\${ProdAccountId}:role/CodePipelineCrossAccountRole'
      Configuration: {ActionMode: CHANGE_SET_EXECUTE, StackName: app-prod, ChangeSetName: app-prod-changes}
      RunOrder: 2`,
  extraStages: '',
};

export function hostYaml(slots: Slots): string {
  const part = (slot: Slot, column: number): string => {
    const text = slots[slot] ?? YAML_DEFAULTS[slot];
    return text === '' ? '' : `${indent(text, column)}\n`;
  };
  return `AWSTemplateFormatVersion: '2010-09-09'
Description: Pipeline stack in the tools account, deploying to the production account.
Parameters:
${part('parameter', 2)}Resources:
${part('key', 2)}${part('bucket', 2)}  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: codepipeline.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: pipeline
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${part('assumeRole', 14)}              - Effect: Allow
                Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:PutObject', 's3:PutObjectAcl']
                Resource: [!GetAtt ArtifactBucket.Arn, !Sub '\${ArtifactBucket.Arn}/*']
              - Effect: Allow
                Action: [kms:Decrypt, kms:DescribeKey, kms:Encrypt, 'kms:ReEncrypt*', 'kms:GenerateDataKey*']
                Resource: !GetAtt ArtifactKey.Arn
              - Effect: Allow
                Action: [codecommit:GetBranch, codecommit:GetCommit, codecommit:UploadArchive, codecommit:GetUploadArchiveStatus, codebuild:StartBuild, codebuild:BatchGetBuilds]
                Resource: '*'
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore:
        Type: S3
        Location: !Ref ArtifactBucket
        EncryptionKey:
          Id: !GetAtt ArtifactKey.Arn
          Type: KMS
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}
              Configuration: {RepositoryName: app, BranchName: main}
              OutputArtifacts: [{Name: SourceArtifact}]
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: app-build}
              InputArtifacts: [{Name: SourceArtifact}]
              OutputArtifacts: [{Name: BuildArtifact}]
${part('deployStage', 8)}${part('extraStages', 8)}`;
}

// The same stack in JSON. Slots hold JSON text: members for `parameter`, `key` and `bucket`,
// array elements for the others.
const sub = (text: string): unknown => ({ 'Fn::Sub': text });
const getAtt = (logicalId: string): unknown => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const cfnType = { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' };
const actionRole = sub('arn:${AWS::Partition}:iam::${ProdAccountId}:role/CodePipelineCrossAccountRole');
const membersOf = (value: Record<string, unknown>): string => JSON.stringify(value, null, 2).slice(1, -1).trim();
const elementsOf = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value, null, 2)).join(',\n');

const JSON_DEFAULTS: Record<Slot, string> = {
  parameter: membersOf({ ProdAccountId: { Type: 'String', Default: '222222222222', AllowedPattern: '\\d{12}' } }),
  key: membersOf({
    ArtifactKey: {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AccountAdmin', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' },
            { Sid: 'PipelineRoleUse', Effect: 'Allow', Principal: { AWS: getAtt('PipelineRole') }, Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], Resource: '*' },
            { Sid: 'ProdAccountRead', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${ProdAccountId}:root') }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
          ],
        },
      },
    },
  }),
  bucket: membersOf({
    ArtifactBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('ArtifactKey') } }] },
      },
    },
    ArtifactBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'ArtifactBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'ProdAccountRead', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${ProdAccountId}:root') },
            Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], Resource: [getAtt('ArtifactBucket'), sub('${ArtifactBucket.Arn}/*')],
          }],
        },
      },
    },
  }),
  assumeRole: elementsOf([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: actionRole }]),
  deployStage: elementsOf([{
    Name: 'DeployProd',
    Actions: [
      {
        Name: 'CreateChangeSet', ActionTypeId: cfnType, RoleArn: actionRole,
        Configuration: {
          ActionMode: 'CHANGE_SET_REPLACE', StackName: 'app-prod', ChangeSetName: 'app-prod-changes', TemplatePath: 'BuildArtifact::packaged.yaml',
          Capabilities: 'CAPABILITY_IAM', RoleArn: sub('arn:${AWS::Partition}:iam::${ProdAccountId}:role/CloudFormationDeployRole'),
        },
        InputArtifacts: [{ Name: 'BuildArtifact' }], RunOrder: 1,
      },
      {
        Name: 'ExecuteChangeSet', ActionTypeId: cfnType, RoleArn: actionRole,
        Configuration: { ActionMode: 'CHANGE_SET_EXECUTE', StackName: 'app-prod', ChangeSetName: 'app-prod-changes' }, RunOrder: 2,
      },
    ],
  }]),
  extraStages: '',
};

export function hostJson(slots: Slots): string {
  const skeleton = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Pipeline stack in the tools account, deploying to the production account.',
    Parameters: { __parameter__: 0 },
    Resources: {
      __key__: 0,
      __bucket__: 0,
      PipelineRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{
            PolicyName: 'pipeline',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                '__assumeRole__',
                { Effect: 'Allow', Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:PutObject', 's3:PutObjectAcl'], Resource: [getAtt('ArtifactBucket'), sub('${ArtifactBucket.Arn}/*')] },
                { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], Resource: getAtt('ArtifactKey') },
                { Effect: 'Allow', Action: ['codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:UploadArchive', 'codecommit:GetUploadArchiveStatus', 'codebuild:StartBuild', 'codebuild:BatchGetBuilds'], Resource: '*' },
              ],
            },
          }],
        },
      },
      Pipeline: {
        Type: 'AWS::CodePipeline::Pipeline',
        Properties: {
          RoleArn: getAtt('PipelineRole'),
          ArtifactStore: { Type: 'S3', Location: { Ref: 'ArtifactBucket' }, EncryptionKey: { Id: getAtt('ArtifactKey'), Type: 'KMS' } },
          Stages: [
            { Name: 'Source', Actions: [{ Name: 'Source', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' }, Configuration: { RepositoryName: 'app', BranchName: 'main' }, OutputArtifacts: [{ Name: 'SourceArtifact' }] }] },
            { Name: 'Build', Actions: [{ Name: 'Build', ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' }, Configuration: { ProjectName: 'app-build' }, InputArtifacts: [{ Name: 'SourceArtifact' }], OutputArtifacts: [{ Name: 'BuildArtifact' }] }] },
            '__deployStage__',
            '__extraStages__',
          ],
        },
      },
    },
  };
  let text = JSON.stringify(skeleton, null, 2);
  for (const slot of ['parameter', 'key', 'bucket'] as const) text = text.replace(`"__${slot}__": 0`, () => slots[slot] ?? JSON_DEFAULTS[slot]);
  for (const slot of ['assumeRole', 'deployStage', 'extraStages'] as const) {
    const value = slots[slot] ?? JSON_DEFAULTS[slot];
    text = text.replace(new RegExp(`,?\\s*"__${slot}__"`), () => (value === '' ? '' : `,\n${value}`));
  }
  return text.replace('[,\n', '[\n') + '\n';
}

const HOSTS: Record<Dialect, (slots: Slots) => string> = { yaml: hostYaml, json: hostJson };

/** Wraps an action snippet in a stage of its own. */
function stageAround(dialect: Dialect, name: string, action: string): string {
  return dialect === 'yaml' ? `- Name: ${name}\n  Actions:\n${indent(action, 4)}` : `{\n"Name": "${name}",\n"Actions": [\n${action}\n]\n}`;
}

// ---------------------------------------------------------------------------------------------
// Where each snippet goes, and what the model must show once it is there
// ---------------------------------------------------------------------------------------------

interface Placement {
  /** The whole text to lint, given the snippet's expansion. */
  readonly place: (dialect: Dialect, expansion: string) => string;
  /** Proves the snippet landed where it should (a lint of nothing is also clean). */
  readonly check: (model: DocumentModel) => void;
}

function lastStage(model: DocumentModel): DocumentModel['pipelines'][number]['stages'][number] {
  const stages = model.pipelines[0]?.stages ?? [];
  const stage = stages[stages.length - 1];
  assert.ok(stage, 'the pipeline has stages');
  return stage;
}

const PLACEMENTS: Record<string, Placement> = {
  'cpx-deploy-stage': {
    place: (dialect, expansion) => HOSTS[dialect]({ deployStage: expansion }),
    check: (model) => {
      const actions = lastStage(model).actions;
      assert.deepEqual(actions.map((action) => action.provider), ['CloudFormation', 'CloudFormation']);
      for (const action of actions) assert.ok(action.roleArn, `${action.name} has an action role`);
    },
  },
  'cpx-approval-prod': {
    place: (dialect, expansion) => HOSTS[dialect]({ deployStage: expansion }),
    check: (model) => {
      const actions = lastStage(model).actions;
      assert.deepEqual(actions.map((action) => action.provider), ['Manual', 'CloudFormation', 'CloudFormation']);
      for (const action of actions.slice(1)) assert.ok(action.roleArn, `${action.name} has an action role`);
    },
  },
  'cpx-codebuild-cross-account': {
    place: (dialect, expansion) => HOSTS[dialect]({ extraStages: stageAround(dialect, 'Test', expansion) }),
    check: (model) => {
      const [action] = lastStage(model).actions;
      assert.equal(action?.provider, 'CodeBuild');
      assert.ok(action?.roleArn, 'the CodeBuild action has an action role');
    },
  },
  'cpx-kms-key': {
    place: (dialect, expansion) => HOSTS[dialect]({ key: expansion }),
    check: (model) => {
      assert.deepEqual(model.typed.keys.map((key) => key.logicalId), ['ArtifactKey']);
      assert.deepEqual(model.typed.aliases.map((alias) => alias.logicalId), ['ArtifactKeyAlias']);
    },
  },
  'cpx-artifact-bucket': {
    place: (dialect, expansion) => HOSTS[dialect]({ bucket: expansion }),
    check: (model) => {
      assert.deepEqual(model.typed.buckets.map((bucket) => bucket.logicalId), ['ArtifactBucket']);
      assert.deepEqual(model.typed.bucketPolicies.map((policy) => policy.logicalId), ['ArtifactBucketPolicy']);
    },
  },
  'cpx-assume-role-statement': {
    place: (dialect, expansion) => HOSTS[dialect]({ assumeRole: expansion }),
    check: (model) => {
      const role = model.resources.get('PipelineRole');
      assert.ok(role, 'the pipeline role is there');
      assert.match(model.source.text.slice(role.node.start, role.node.end), /AssumeTargetAccountActionRole/);
    },
  },
  'cpx-account-parameter': {
    place: (dialect, expansion) => HOSTS[dialect]({ parameter: expansion }),
    check: (model) => assert.equal(model.pipelines.length, 1),
  },
  'cpx-target-roles': {
    place: (_dialect, expansion) => expansion,
    check: (model) => {
      assert.equal(model.kind, 'template');
      assert.deepEqual(model.typed.roles.map((role) => role.logicalId), ['CodePipelineCrossAccountRole', 'CloudFormationDeployRole']);
    },
  },
};

/** Findings that mean the text is wrong: errors and warnings, and the note that an account could not be resolved. */
function problems(findings: readonly Finding[]): string[] {
  return findings
    .filter((finding) => finding.severity !== 'info' || finding.ruleId === 'CPX-U01')
    .map((finding) => `${finding.ruleId} (${finding.severity}) ${finding.message}`);
}

function lintClean(t: TestContext, dialect: Dialect, text: string, check?: (model: DocumentModel) => void): void {
  const result = lintText(text, { fileName: `template.${dialect}`, parameterValues: PIPELINE_ACCOUNT });
  assert.ok(result.model, 'the text is linted');
  assert.equal(result.model.kind, 'template');
  assert.deepEqual(problems(result.findings), [], `no errors, warnings or unresolved accounts in:\n${text}`);
  for (const finding of result.findings) t.diagnostic(`info ${finding.ruleId}: ${finding.message}`);
  check?.(result.model);
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('snippets', () => {
  it('YAML and JSON offer the same prefixes, each placed by this test', () => {
    const yaml = [...SNIPPETS.yaml.keys()].sort();
    assert.deepEqual([...SNIPPETS.json.keys()].sort(), yaml);
    assert.deepEqual(Object.keys(PLACEMENTS).sort(), yaml, 'every snippet has a placement here');
  });

  for (const dialect of ['yaml', 'json'] as const) {
    describe(`${dialect} (${FILES[dialect]})`, () => {
      it('the known-good host stack lints clean on its own', (t) => {
        lintClean(t, dialect, HOSTS[dialect]({}), (model) => assert.equal(model.pipelines[0]?.stages.length, 3));
      });

      for (const [prefix, snippet] of SNIPPETS[dialect]) {
        describe(prefix, () => {
          it('has a cpx- prefix, a body and a description', () => {
            assert.match(prefix, /^cpx-[a-z0-9-]+$/);
            assert.ok(typeof snippet.description === 'string' && snippet.description.length > 20, 'description');
            const lines = typeof snippet.body === 'string' ? [snippet.body] : snippet.body;
            assert.ok(lines.length > 0 && lines.every((line) => typeof line === 'string'), 'body is a string or a list of strings');
            if (dialect === 'yaml') assert.ok(lines.every((line) => !line.includes('\t')), 'YAML bodies indent with spaces');
            else assert.ok(lines.every((line) => !/^ /.test(line)), 'JSON bodies indent with tabs, which VS Code adapts to the editor');
          });

          it('uses only tab stops, placeholders and choices, with every other $ escaped', () => {
            const expansion = expandSnippet(snippet.body);
            assert.deepEqual(expansion.warnings, []);
            assert.ok(expansion.tabstops.includes(1), 'it has tab stops');
            assert.ok(expansion.tabstops.includes(0), 'it ends at $0');
          });

          it('expanded with its defaults and put in place, it lints clean', (t) => {
            const placement = PLACEMENTS[prefix];
            assert.ok(placement, `${prefix} has a placement`);
            lintClean(t, dialect, placement.place(dialect, expansionOf(dialect, prefix)), placement.check);
          });
        });
      }

      it('all the pipeline-account snippets together make a clean stack', (t) => {
        const text = HOSTS[dialect]({
          parameter: expansionOf(dialect, 'cpx-account-parameter'),
          key: expansionOf(dialect, 'cpx-kms-key'),
          bucket: expansionOf(dialect, 'cpx-artifact-bucket'),
          assumeRole: expansionOf(dialect, 'cpx-assume-role-statement'),
          deployStage: expansionOf(dialect, 'cpx-approval-prod'),
          extraStages: stageAround(dialect, 'Test', expansionOf(dialect, 'cpx-codebuild-cross-account')),
        });
        lintClean(t, dialect, text, (model) => assert.equal(model.pipelines[0]?.stages.length, 4));
      });

      // The placements matter: the same snippet with its action role taken out is the seed's mistake.
      it('control: without its action role, the deploy stage is reported (CPX-R01)', () => {
        const expansion = expansionOf(dialect, 'cpx-deploy-stage');
        const roleLine = dialect === 'yaml' ? /^\s*RoleArn: .*CodePipelineCrossAccountRole.*\n/m : /^\s*"RoleArn": \{"Fn::Sub": ".*CodePipelineCrossAccountRole"\},\n/m;
        assert.match(expansion, roleLine);
        const broken = expansion.replace(roleLine, '');
        const ids = lintText(PLACEMENTS['cpx-deploy-stage'].place(dialect, broken), { fileName: `template.${dialect}`, parameterValues: PIPELINE_ACCOUNT })
          .findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId);
        assert.ok(ids.includes('CPX-R01'), `CPX-R01 reported, got ${ids.join(', ')}`);
      });
    });
  }
});
