// Deterministic CloudFormation templates for the parser benchmark (bench/parsers.ts).
//
// The template is a correct cross-account CodePipeline setup of the kind people write by
// hand: parameters for the Dev and Prod account ids, an S3 artifact bucket and bucket
// policy, a KMS key (with key policy) and alias, pipeline / build / events roles, and one
// or more pipelines (CodeCommit source, CodeBuild build, then CloudFormation change-set
// stages in Dev and Prod with manual approvals before each Prod execution). Every
// CloudFormation action's RoleArn is in the same account as its Configuration.RoleArn.
//
// The same in-memory model is written as YAML (short tags !Sub/!GetAtt/!Ref/!If/!Join/...
// in scalar, sequence and mapping forms, with comments) or JSON (long forms, Fn::Sub ...),
// so both formats carry exactly the same data. No randomness: the n-th template is always
// the same text.

export type TemplateFormat = 'yaml' | 'json';

/** Target sizes in bytes; `large` stays under CloudFormation's 1,000,000-byte limit (S3-hosted template). */
export const BENCH_SIZES = { small: 20_000, medium: 200_000, large: 990_000 } as const;

export const CLOUDFORMATION_MAX_BYTES = 1_000_000;

// ---------------------------------------------------------------------------------------
// Model

type FnName =
  | 'Ref' | 'Condition' | 'Sub' | 'GetAtt' | 'If' | 'Join' | 'Select' | 'Split' | 'FindInMap'
  | 'ImportValue' | 'Base64' | 'Cidr' | 'GetAZs' | 'Equals' | 'And' | 'Or' | 'Not' | 'Transform';

type Value = string | number | boolean | Mapping | Value[] | Flow | Fn | Commented;

interface Entry {
  readonly key: string;
  readonly value: Value;
  readonly comment: string | undefined;
  readonly trailing: string | undefined;
}

class Mapping {
  readonly entries: Entry[] = [];
}

/** A sequence written in flow style (`[a, b]`) in YAML. */
class Flow {
  constructor(readonly items: Value[]) {}
}

/**
 * An intrinsic function. In YAML: a string argument is the scalar form (`!Ref X`), a Flow
 * the flow-sequence form (`!If [C, a, b]`), an array the block-sequence form and a Mapping
 * the mapping form. In JSON: `{ "Fn::Name": arg }` (`Ref` and `Condition` keep their names).
 */
class Fn {
  constructor(readonly name: FnName, readonly arg: Value) {}
}

/** A comment line written before the value (and an optional end-of-line comment); JSON drops both. */
class Commented {
  constructor(readonly value: Value, readonly before: string | undefined, readonly trailing?: string) {}
}

function m(fields: Record<string, Value | undefined>): Mapping {
  const mapping = new Mapping();
  for (const [key, raw] of Object.entries(fields)) {
    if (raw === undefined) continue;
    if (raw instanceof Commented) {
      mapping.entries.push({ key, value: raw.value, comment: raw.before, trailing: raw.trailing });
    } else {
      mapping.entries.push({ key, value: raw, comment: undefined, trailing: undefined });
    }
  }
  return mapping;
}

const note = (before: string, value: Value): Commented => new Commented(value, before);
const eol = (value: Value, trailing: string): Commented => new Commented(value, undefined, trailing);
const ref = (name: string): Fn => new Fn('Ref', name);
const sub = (template: string): Fn => new Fn('Sub', template);
const subVars = (template: string, vars: Mapping): Fn => new Fn('Sub', [template, vars]);
const getAtt = (resource: string, attribute: string): Fn => new Fn('GetAtt', `${resource}.${attribute}`);
const getAttList = (resource: string, attribute: string): Fn => new Fn('GetAtt', new Flow([resource, attribute]));
const flowFn = (name: FnName, ...items: Value[]): Fn => new Fn(name, new Flow(items));

// ---------------------------------------------------------------------------------------
// Template content

const STACKS_PER_PIPELINE = 8;
const STACKS = ['network', 'database', 'queue', 'api', 'worker', 'frontend', 'cache', 'monitoring'];
const APPS = [
  'orders', 'payments', 'inventory', 'catalog', 'shipping', 'customers', 'notifications', 'search',
  'reporting', 'identity', 'billing', 'pricing', 'reviews', 'recommendations', 'loyalty', 'returns',
  'warehouse', 'fulfilment', 'analytics', 'support',
];

const DEPLOY_ROLE = 'cpx-pipeline-deploy-role';
const CFN_ROLE = 'cpx-cloudformation-deploy-role';
const POLICY_VERSION = '2012-10-17';

interface Target {
  readonly env: 'dev' | 'prod';
  readonly label: 'Dev' | 'Prod';
  readonly accountParam: 'DevAccountId' | 'ProdAccountId';
}
const DEV: Target = { env: 'dev', label: 'Dev', accountParam: 'DevAccountId' };
const PROD: Target = { env: 'prod', label: 'Prod', accountParam: 'ProdAccountId' };

function appName(index: number): string {
  const base = APPS[index % APPS.length];
  const round = Math.floor(index / APPS.length);
  return round === 0 ? base : `${base}${round + 1}`;
}

function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

function actionType(category: string, provider: string): Mapping {
  return m({ Category: category, Owner: 'AWS', Provider: provider, Version: '1' });
}

/** The role CodePipeline assumes in the target account; spelled three ways, as in real templates. */
function actionRoleArn(target: Target, variant: number): Value {
  switch (variant % 6) {
    case 1:
      return subVars('arn:${AWS::Partition}:iam::${TargetAccount}:role/${RoleName}', m({
        TargetAccount: ref(target.accountParam),
        RoleName: DEPLOY_ROLE,
      }));
    case 4:
      return flowFn('Join', ':', new Flow(['arn', ref('AWS::Partition'), 'iam', '', ref(target.accountParam), `role/${DEPLOY_ROLE}`]));
    default:
      return sub(`arn:\${AWS::Partition}:iam::\${${target.accountParam}}:role/${DEPLOY_ROLE}`);
  }
}

/** The role CloudFormation uses in the target account (same account as the action role). */
function cloudFormationRoleArn(target: Target): Value {
  return sub(`arn:\${AWS::Partition}:iam::\${${target.accountParam}}:role/${CFN_ROLE}`);
}

function changeSetActions(app: string, stack: string, target: Target, variant: number): Value[] {
  const stackName = sub(`\${ProjectPrefix}-${app}-${stack}`);
  const changeSetName = `${app}-${stack}-${target.env}`;
  const overrides = variant % 2 === 0
    ? { TemplateConfiguration: `BuildOutput::${stack}/${target.env}.json` }
    : { ParameterOverrides: sub(`{"Environment": "${target.env}", "ArtifactBucket": "\${ArtifactBucket}"}`) };
  const create = m({
    Name: `CreateChangeSet-${stack}-${target.env}`,
    ActionTypeId: actionType('Deploy', 'CloudFormation'),
    RoleArn: note(`CodePipeline assumes this role in the ${target.label} account`, actionRoleArn(target, variant)),
    Configuration: m({
      ActionMode: 'CHANGE_SET_REPLACE',
      StackName: stackName,
      ChangeSetName: changeSetName,
      TemplatePath: `BuildOutput::${stack}/packaged.yaml`,
      ...overrides,
      Capabilities: 'CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
      RoleArn: note('CloudFormation service role, same account as the action role', cloudFormationRoleArn(target)),
    }),
    InputArtifacts: [m({ Name: 'BuildOutput' })],
    RunOrder: 1,
  });
  const execute = (runOrder: number): Mapping => m({
    Name: `ExecuteChangeSet-${stack}-${target.env}`,
    ActionTypeId: actionType('Deploy', 'CloudFormation'),
    RoleArn: actionRoleArn(target, variant + 1),
    Configuration: m({
      ActionMode: 'CHANGE_SET_EXECUTE',
      StackName: stackName,
      ChangeSetName: changeSetName,
    }),
    RunOrder: eol(runOrder, 'after the change set exists'),
  });
  if (target.env === 'dev') return [create, execute(2)];
  const approve = m({
    Name: `Approve-${stack}-prod`,
    ActionTypeId: actionType('Approval', 'Manual'),
    Configuration: m({
      NotificationArn: new Fn('ImportValue', 'cpx-shared-approval-topic-arn'),
      CustomData: sub(`Review change set ${changeSetName} on \${ProjectPrefix}-${app}-${stack} in account \${ProdAccountId}`),
    }),
    RunOrder: 2,
  });
  return [create, note('a person reviews the Prod change set before it runs', approve), execute(3)];
}

function deployStage(app: string, stack: string, target: Target, variant: number): Value {
  const what = target.env === 'dev'
    ? `${stack} in the Dev account: change set created then executed`
    : `${stack} in the Prod account: change set, manual approval, execute`;
  return note(what, m({
    Name: `${target.label}-${stack}`,
    Actions: changeSetActions(app, stack, target, variant),
  }));
}

function pipelineResources(index: number, stackCount: number, firstVariant: number): Array<[string, Value]> {
  const app = appName(index);
  const id = pascal(app);
  const stacks = STACKS.slice(0, stackCount);
  const stages: Value[] = [
    m({
      Name: 'Source',
      Actions: [m({
        Name: 'Source',
        ActionTypeId: actionType('Source', 'CodeCommit'),
        Configuration: m({
          RepositoryName: `${app}-service`,
          BranchName: ref('BranchName'),
          PollForSourceChanges: eol(false, 'started by the EventBridge rule below'),
        }),
        OutputArtifacts: [m({ Name: 'SourceOutput' })],
        RunOrder: 1,
      })],
    }),
    m({
      Name: 'Build',
      Actions: [m({
        Name: 'PackageTemplates',
        ActionTypeId: actionType('Build', 'CodeBuild'),
        Configuration: m({ ProjectName: ref(`${id}BuildProject`) }),
        InputArtifacts: [m({ Name: 'SourceOutput' })],
        OutputArtifacts: [m({ Name: 'BuildOutput' })],
        RunOrder: 1,
      })],
    }),
  ];
  stacks.forEach((stack, i) => stages.push(deployStage(app, stack, DEV, firstVariant + i)));
  stacks.forEach((stack, i) => stages.push(deployStage(app, stack, PROD, firstVariant + i)));

  const buildSpec = [
    'version: 0.2',
    'phases:',
    '  install:',
    '    runtime-versions:',
    '      python: 3.12',
    '  build:',
    '    commands:',
    ...stacks.map((s) => `      - aws cloudformation package --template-file ${s}/template.yaml --s3-bucket "$ARTIFACT_BUCKET" --kms-key-id "$KMS_KEY_ARN" --output-template-file ${s}/packaged.yaml`),
    'artifacts:',
    '  files:',
    "    - '**/*'",
    '',
  ].join('\n');

  const build = m({
    Type: 'AWS::CodeBuild::Project',
    Properties: m({
      Name: sub(`\${ProjectPrefix}-${app}-build`),
      Description: `Packages the ${app} stacks for CloudFormation`,
      ServiceRole: getAtt('BuildRole', 'Arn'),
      EncryptionKey: getAtt('ArtifactKey', 'Arn'),
      Artifacts: m({ Type: 'CODEPIPELINE' }),
      Source: m({ Type: 'CODEPIPELINE', BuildSpec: buildSpec }),
      Environment: m({
        Type: 'LINUX_CONTAINER',
        ComputeType: flowFn('FindInMap', 'BuildSettings', 'Default', 'ComputeType'),
        Image: flowFn('FindInMap', 'BuildSettings', 'Default', 'Image'),
        EnvironmentVariables: [
          m({ Name: 'ARTIFACT_BUCKET', Value: ref('ArtifactBucket') }),
          m({ Name: 'KMS_KEY_ARN', Value: getAttList('ArtifactKey', 'Arn') }),
          m({ Name: 'STACK_PREFIX', Value: new Fn('Join', ['-', new Flow([ref('ProjectPrefix'), app])]) }),
        ],
      }),
      TimeoutInMinutes: 20,
    }),
  });

  const pipeline = m({
    Type: 'AWS::CodePipeline::Pipeline',
    Properties: m({
      Name: sub(`\${ProjectPrefix}-${app}`),
      PipelineType: 'V2',
      RoleArn: getAtt('PipelineRole', 'Arn'),
      RestartExecutionOnUpdate: false,
      ArtifactStore: note('artifacts are encrypted with the customer managed key so Dev and Prod can read them', m({
        Type: 'S3',
        Location: ref('ArtifactBucket'),
        EncryptionKey: m({ Id: getAtt('ArtifactKey', 'Arn'), Type: 'KMS' }),
      })),
      Stages: stages,
      Tags: [
        m({ Key: 'Application', Value: app }),
        m({ Key: 'CostCenter', Value: flowFn('Select', 0, flowFn('Split', '-', ref('AWS::StackName'))) }),
      ],
    }),
  });

  const rule = m({
    Type: 'AWS::Events::Rule',
    Properties: m({
      Description: `Starts the ${app} pipeline on pushes to the branch`,
      EventPattern: m({
        source: new Flow(['aws.codecommit']),
        'detail-type': new Flow(['CodeCommit Repository State Change']),
        resources: [sub(`arn:\${AWS::Partition}:codecommit:\${AWS::Region}:\${AWS::AccountId}:${app}-service`)],
        detail: m({
          event: new Flow(['referenceCreated', 'referenceUpdated']),
          referenceType: new Flow(['branch']),
          referenceName: new Flow([ref('BranchName')]),
        }),
      }),
      Targets: [m({
        Arn: sub(`arn:\${AWS::Partition}:codepipeline:\${AWS::Region}:\${AWS::AccountId}:\${${id}Pipeline}`),
        RoleArn: getAtt('EventsRole', 'Arn'),
        Id: `${app}-pipeline`,
      })],
    }),
  });

  return [
    [`${id}BuildProject`, note(`---- ${app}: build project, pipeline (${stackCount} stack${stackCount === 1 ? '' : 's'}, Dev then Prod) and trigger ----`, build)],
    [`${id}Pipeline`, pipeline],
    [`${id}SourceRule`, rule],
  ];
}

function statement(fields: Record<string, Value | undefined>): Mapping {
  const { Sid, ...rest } = fields;
  return m({ Sid, Effect: 'Allow', ...rest });
}

function trustPolicy(service: string): Mapping {
  return m({
    Version: POLICY_VERSION,
    Statement: [statement({ Principal: m({ Service: service }), Action: 'sts:AssumeRole' })],
  });
}

const ARTIFACT_OBJECTS: Value = new Flow([getAtt('ArtifactBucket', 'Arn'), sub('${ArtifactBucket.Arn}/*')]);
const PERMISSIONS_BOUNDARY: Value = flowFn('If', 'HasPermissionsBoundary', ref('PermissionsBoundaryArn'), ref('AWS::NoValue'));

function sharedResources(): Array<[string, Value]> {
  const crossAccountRoots = [
    sub('arn:${AWS::Partition}:iam::${DevAccountId}:root'),
    sub('arn:${AWS::Partition}:iam::${ProdAccountId}:root'),
  ];
  return [
    ['ArtifactKey', note('---- Artifact store: KMS key the Dev and Prod accounts may use ----', m({
      Type: 'AWS::KMS::Key',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: m({
        Description: 'Encrypts pipeline artifacts shared with the Dev and Prod accounts',
        EnableKeyRotation: true,
        KeyPolicy: m({
          Version: POLICY_VERSION,
          Id: 'cross-account-artifact-key',
          Statement: [
            statement({
              Sid: 'AllowToolingAccountAdministration',
              Principal: m({ AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }),
              Action: 'kms:*',
              Resource: '*',
            }),
            statement({
              Sid: 'AllowPipelineAndBuildRoles',
              Principal: m({ AWS: [getAtt('PipelineRole', 'Arn'), getAtt('BuildRole', 'Arn')] }),
              Action: new Flow(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']),
              Resource: '*',
            }),
            note('the deploy roles in Dev and Prod decrypt artifacts through their account root', statement({
              Sid: 'AllowDeploymentAccounts',
              Principal: m({ AWS: crossAccountRoots }),
              Action: new Flow(['kms:Decrypt', 'kms:DescribeKey']),
              Resource: '*',
            })),
          ],
        }),
      }),
    }))],
    ['ArtifactKeyAlias', m({
      Type: 'AWS::KMS::Alias',
      Properties: m({
        AliasName: sub('alias/${ProjectPrefix}-pipeline-artifacts'),
        TargetKeyId: ref('ArtifactKey'),
      }),
    })],
    ['ArtifactBucket', m({
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: m({
        BucketName: sub('${ProjectPrefix}-pipeline-artifacts-${AWS::AccountId}-${AWS::Region}'),
        VersioningConfiguration: m({ Status: 'Enabled' }),
        BucketEncryption: m({
          ServerSideEncryptionConfiguration: [m({
            ServerSideEncryptionByDefault: m({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('ArtifactKey', 'Arn') }),
            BucketKeyEnabled: true,
          })],
        }),
        PublicAccessBlockConfiguration: m({
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        }),
        LifecycleConfiguration: m({
          Rules: [m({ Id: 'ExpireOldArtifacts', Status: 'Enabled', ExpirationInDays: 90, NoncurrentVersionExpirationInDays: 30 })],
        }),
        Tags: note('organisation-wide tags, kept in a shared snippet', new Fn('Transform', m({
          Name: 'AWS::Include',
          Parameters: m({ Location: 's3://cpx-shared-templates/snippets/artifact-bucket-tags.yaml' }),
        }))),
      }),
    })],
    ['ArtifactBucketPolicy', m({
      Type: 'AWS::S3::BucketPolicy',
      Properties: m({
        Bucket: ref('ArtifactBucket'),
        PolicyDocument: m({
          Version: POLICY_VERSION,
          Statement: [
            m({
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ARTIFACT_OBJECTS,
              Condition: m({ Bool: m({ 'aws:SecureTransport': 'false' }) }),
            }),
            statement({
              Sid: 'AllowDeploymentAccountsToReadArtifacts',
              Principal: m({ AWS: crossAccountRoots }),
              Action: new Flow(['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketLocation', 's3:ListBucket']),
              Resource: [
                getAtt('ArtifactBucket', 'Arn'),
                new Fn('Join', ['', new Flow([getAtt('ArtifactBucket', 'Arn'), '/*'])]),
              ],
            }),
          ],
        }),
      }),
    })],
    ['PipelineRole', note('---- Roles in the tooling account ----', m({
      Type: 'AWS::IAM::Role',
      Properties: m({
        RoleName: sub('${ProjectPrefix}-pipeline-role'),
        AssumeRolePolicyDocument: trustPolicy('codepipeline.amazonaws.com'),
        PermissionsBoundary: PERMISSIONS_BOUNDARY,
        Policies: [m({
          PolicyName: 'pipeline-access',
          PolicyDocument: m({
            Version: POLICY_VERSION,
            Statement: [
              statement({
                Sid: 'ArtifactBucket',
                Action: new Flow(['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketVersioning', 's3:PutObject', 's3:PutObjectAcl']),
                Resource: ARTIFACT_OBJECTS,
              }),
              statement({
                Sid: 'ArtifactKey',
                Action: new Flow(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']),
                Resource: getAtt('ArtifactKey', 'Arn'),
              }),
              statement({
                Sid: 'SourceRepositories',
                Action: new Flow(['codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:UploadArchive', 'codecommit:GetUploadArchiveStatus', 'codecommit:CancelUploadArchive']),
                Resource: sub('arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:*'),
              }),
              statement({
                Sid: 'BuildProjects',
                Action: new Flow(['codebuild:BatchGetBuilds', 'codebuild:StartBuild']),
                Resource: sub('arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/${ProjectPrefix}-*'),
              }),
              note('the action roles of every Dev and Prod deploy action', statement({
                Sid: 'AssumeDeployRoles',
                Action: 'sts:AssumeRole',
                Resource: [
                  sub(`arn:\${AWS::Partition}:iam::\${DevAccountId}:role/${DEPLOY_ROLE}`),
                  sub(`arn:\${AWS::Partition}:iam::\${ProdAccountId}:role/${DEPLOY_ROLE}`),
                ],
              })),
            ],
          }),
        })],
      }),
    }))],
    ['BuildRole', m({
      Type: 'AWS::IAM::Role',
      Properties: m({
        RoleName: sub('${ProjectPrefix}-build-role'),
        AssumeRolePolicyDocument: trustPolicy('codebuild.amazonaws.com'),
        PermissionsBoundary: PERMISSIONS_BOUNDARY,
        Policies: [m({
          PolicyName: 'build-access',
          PolicyDocument: m({
            Version: POLICY_VERSION,
            Statement: [
              statement({
                Sid: 'Logs',
                Action: new Flow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
                Resource: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/${ProjectPrefix}-*'),
              }),
              statement({
                Sid: 'Artifacts',
                Action: new Flow(['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject']),
                Resource: ARTIFACT_OBJECTS,
              }),
              statement({
                Sid: 'ArtifactKey',
                Action: new Flow(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']),
                Resource: getAtt('ArtifactKey', 'Arn'),
              }),
            ],
          }),
        })],
      }),
    })],
    ['EventsRole', m({
      Type: 'AWS::IAM::Role',
      Properties: m({
        AssumeRolePolicyDocument: trustPolicy('events.amazonaws.com'),
        PermissionsBoundary: PERMISSIONS_BOUNDARY,
        Policies: [m({
          PolicyName: 'start-pipelines',
          PolicyDocument: m({
            Version: POLICY_VERSION,
            Statement: [statement({
              Action: 'codepipeline:StartPipelineExecution',
              Resource: sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${ProjectPrefix}-*'),
            })],
          }),
        })],
      }),
    })],
  ];
}

function accountParameter(label: string, account: string): Mapping {
  return m({
    Type: 'String',
    Description: `12-digit id of the ${label} account (deploy role ${DEPLOY_ROLE}, CloudFormation role ${CFN_ROLE})`,
    Default: account,
    AllowedPattern: '^\\d{12}$',
    ConstraintDescription: 'must be a 12-digit AWS account id',
  });
}

/** The whole template for `stackUnits` deployed stacks (each one a Dev stage and a Prod stage). */
function buildTemplate(stackUnits: number): Mapping {
  const resources = new Mapping();
  for (const [key, value] of sharedResources()) resources.entries.push(entryOf(key, value));
  const outputs = m({
    ArtifactBucketName: m({ Value: ref('ArtifactBucket') }),
    ArtifactKeyArn: m({ Value: getAtt('ArtifactKey', 'Arn'), Export: m({ Name: sub('${AWS::StackName}-artifact-key-arn') }) }),
    PipelineRoleArn: m({ Value: getAtt('PipelineRole', 'Arn') }),
  });
  let remaining = Math.max(1, stackUnits);
  for (let index = 0; remaining > 0; index++) {
    const count = Math.min(STACKS_PER_PIPELINE, remaining);
    for (const [key, value] of pipelineResources(index, count, index * STACKS_PER_PIPELINE)) {
      resources.entries.push(entryOf(key, value));
    }
    const id = pascal(appName(index));
    outputs.entries.push(entryOf(`${id}PipelineName`, m({
      Value: ref(`${id}Pipeline`),
      Export: m({ Name: sub(`\${AWS::StackName}-${appName(index)}-pipeline`) }),
    })));
    remaining -= count;
  }
  return m({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Cross-account delivery: pipelines in the tooling account deploy CloudFormation stacks to the Dev and Prod accounts',
    Parameters: m({
      ProjectPrefix: m({ Type: 'String', Default: 'cpx', AllowedPattern: '^[a-z][a-z0-9-]{1,20}$' }),
      DevAccountId: accountParameter('Dev', '111122223333'),
      ProdAccountId: accountParameter('Prod', '444455556666'),
      BranchName: m({ Type: 'String', Default: 'main' }),
      PermissionsBoundaryArn: m({ Type: 'String', Default: '', Description: 'Optional permissions boundary for the roles below' }),
    }),
    Mappings: m({
      BuildSettings: m({ Default: m({ Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL' }) }),
    }),
    Conditions: m({
      HasPermissionsBoundary: flowFn('Not', flowFn('Equals', ref('PermissionsBoundaryArn'), '')),
    }),
    Resources: resources,
    Outputs: outputs,
  });
}

function entryOf(key: string, value: Value): Entry {
  return value instanceof Commented
    ? { key, value: value.value, comment: value.before, trailing: value.trailing }
    : { key, value, comment: undefined, trailing: undefined };
}

// ---------------------------------------------------------------------------------------
// YAML writer (block style, short tags, comments)

const HEADER = [
  '# Cross-account CodePipeline delivery (generated for the parser benchmark).',
  '# Tooling account: pipelines, artifact bucket and KMS key.',
  '# Dev / Prod accounts: cpx-pipeline-deploy-role (assumed by CodePipeline) and',
  '# cpx-cloudformation-deploy-role (passed to CloudFormation), both created by a StackSet.',
  '',
];

const RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;

function needsQuotes(text: string, flow: boolean): boolean {
  if (text === '' || text !== text.trim()) return true;
  if (RESERVED.test(text) || /^[-+.]?\d/.test(text) || /^\.(?:inf|nan)$/i.test(text)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return true;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':') || /[\\\t]/.test(text)) return true;
  return flow && /[,[\]{}]/.test(text);
}

function yamlScalar(text: string, flow: boolean): string {
  return needsQuotes(text, flow) ? `'${text.replace(/'/g, "''")}'` : text;
}

function yamlKey(key: string, flow: boolean): string {
  return key.includes(':') ? `'${key}'` : yamlScalar(key, flow);
}

function required(text: string | null): string {
  if (text === null) throw new Error('value has no flow form');
  return text;
}

/** The value on one line, or null when it needs block lines. */
function inline(value: Value, flow: boolean): string | null {
  if (typeof value === 'string') return value.includes('\n') ? (flow ? JSON.stringify(value) : null) : yamlScalar(value, flow);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Commented) return inline(value.value, flow);
  if (value instanceof Flow) return `[${value.items.map((item) => required(inline(item, true))).join(', ')}]`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return flow ? inline(new Flow(value), true) : null;
  }
  if (value instanceof Mapping) {
    if (value.entries.length === 0) return '{}';
    if (!flow) return null;
    return `{${value.entries.map((e) => `${yamlKey(e.key, true)}: ${required(inline(e.value, true))}`).join(', ')}}`;
  }
  if (value.arg instanceof Fn) throw new Error(`!${value.name} cannot take a tagged node directly`);
  const arg = inline(value.arg, flow);
  return arg === null ? null : `!${value.name} ${arg}`;
}

function emitNode(prefix: string, value: Value, indent: number, out: string[], trailing: string | undefined): void {
  const text = inline(value, false);
  if (text !== null) {
    out.push(`${prefix} ${text}${trailing === undefined ? '' : `  # ${trailing}`}`);
    return;
  }
  const pad = ' '.repeat(indent + 2);
  if (typeof value === 'string') {
    const header = value.endsWith('\n') && !value.endsWith('\n\n') ? '|' : '|-';
    out.push(`${prefix} ${header}`);
    for (const line of value.replace(/\n$/, '').split('\n')) out.push(line === '' ? '' : pad + line);
  } else if (value instanceof Fn) {
    emitNode(`${prefix} !${value.name}`, value.arg, indent, out, trailing);
  } else if (value instanceof Mapping) {
    out.push(prefix);
    emitEntries(value, indent + 2, out);
  } else if (Array.isArray(value)) {
    out.push(prefix);
    emitItems(value, indent + 2, out);
  } else {
    throw new Error('unexpected block value');
  }
}

function emitEntries(mapping: Mapping, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const entry of mapping.entries) {
    if (entry.comment !== undefined) out.push(`${pad}# ${entry.comment}`);
    emitNode(`${pad}${yamlKey(entry.key, false)}:`, entry.value, indent, out, entry.trailing);
  }
}

function emitItems(items: Value[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const raw of items) {
    let item = raw;
    if (item instanceof Commented) {
      if (item.before !== undefined) out.push(`${pad}# ${item.before}`);
      item = item.value;
    }
    if (item instanceof Mapping && item.entries.length > 0) {
      // Compact form: the first key goes on the `- ` line.
      const lines: string[] = [];
      emitEntries(item, indent + 2, lines);
      const first = lines.findIndex((line) => !line.trimStart().startsWith('#'));
      lines[first] = `${pad}- ${lines[first].slice(indent + 2)}`;
      out.push(...lines);
    } else {
      emitNode(`${pad}-`, item, indent, out, undefined);
    }
  }
}

function toYaml(template: Mapping): string {
  const out = [...HEADER];
  emitEntries(template, 0, out);
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// JSON writer (long forms)

function toPlain(value: Value): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Commented) return toPlain(value.value);
  if (value instanceof Flow) return value.items.map(toPlain);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Mapping) {
    const object: Record<string, unknown> = {};
    for (const entry of value.entries) object[entry.key] = toPlain(entry.value);
    return object;
  }
  const longName = value.name === 'Ref' || value.name === 'Condition' ? value.name : `Fn::${value.name}`;
  if (value.name === 'GetAtt' && typeof value.arg === 'string') {
    const dot = value.arg.indexOf('.');
    return { [longName]: [value.arg.slice(0, dot), value.arg.slice(dot + 1)] };
  }
  return { [longName]: toPlain(value.arg) };
}

function toJson(template: Mapping): string {
  return `${JSON.stringify(toPlain(template), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Sizing

function render(stackUnits: number, format: TemplateFormat): string {
  const template = buildTemplate(stackUnits);
  return format === 'yaml' ? toYaml(template) : toJson(template);
}

/** The largest number of deployed stacks whose template in `format` fits in `targetBytes` (at least 1). */
function unitsFor(targetBytes: number, format: TemplateFormat): number {
  const size = (units: number): number => Buffer.byteLength(render(units, format));
  let low = 1;
  let high = 2;
  while (size(high) <= targetBytes) {
    low = high;
    high *= 2;
  }
  if (size(low) > targetBytes) return 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (size(middle) <= targetBytes) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * A template of at most `targetBytes` bytes (UTF-8) in the given format, grown by adding deployed
 * stacks (a Dev and a Prod stage each) and, every 8 stacks, another pipeline with its build project
 * and trigger. Below the size of one pipeline with one stack (17.4 KB as YAML, 27.6 KB as JSON) that
 * minimum is returned.
 */
export function generateTemplate(targetBytes: number, format: TemplateFormat): string {
  return render(unitsFor(targetBytes, format), format);
}

/** The same data as YAML and as JSON, sized so that the `sizedBy` text fits in `targetBytes`. */
export function generateTemplatePair(
  targetBytes: number,
  sizedBy: TemplateFormat = 'yaml',
): { yaml: string; json: string; stacks: number; pipelines: number } {
  const units = unitsFor(targetBytes, sizedBy);
  const template = buildTemplate(units);
  return { yaml: toYaml(template), json: toJson(template), stacks: units, pipelines: Math.ceil(units / STACKS_PER_PIPELINE) };
}

// ---------------------------------------------------------------------------------------
// Self-check

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The account a role ARN expression points at: a parameter name (`ProdAccountId`) or a literal id. */
function roleAccount(expression: unknown): string | undefined {
  const match = (text: string): string | undefined => /:iam::(\$\{[A-Za-z0-9:]+\}|\d{12}):role\//.exec(text)?.[1];
  if (typeof expression === 'string') return match(expression);
  if (!isRecord(expression)) return undefined;
  const subArg = expression['Fn::Sub'];
  if (typeof subArg === 'string') return match(subArg)?.replace(/^\$\{(.*)\}$/, '$1');
  if (Array.isArray(subArg) && typeof subArg[0] === 'string') {
    const found = match(subArg[0]);
    const variable = found?.replace(/^\$\{(.*)\}$/, '$1');
    const vars: unknown = subArg[1];
    if (variable !== undefined && isRecord(vars) && variable in vars) {
      const bound = vars[variable];
      if (typeof bound === 'string') return bound;
      if (isRecord(bound) && typeof bound.Ref === 'string') return bound.Ref;
      return undefined;
    }
    return variable;
  }
  const joinArg = expression['Fn::Join'];
  if (Array.isArray(joinArg) && typeof joinArg[0] === 'string' && Array.isArray(joinArg[1])) {
    const parts = joinArg[1].map((part: unknown) =>
      typeof part === 'string' ? part : isRecord(part) && typeof part.Ref === 'string' ? `\${${part.Ref}}` : '?');
    return match(parts.join(joinArg[0]))?.replace(/^\$\{(.*)\}$/, '$1');
  }
  return undefined;
}

/**
 * Problems a cross-account linter would report in a generated template (expected: none): every
 * CloudFormation action has an action RoleArn, and its Configuration.RoleArn (when present) is in
 * the same account.
 */
export function crossAccountProblems(json: string): string[] {
  const problems: string[] = [];
  const template: unknown = JSON.parse(json);
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || resource.Type !== 'AWS::CodePipeline::Pipeline' || !isRecord(resource.Properties)) continue;
    const stages = resource.Properties.Stages;
    for (const stage of Array.isArray(stages) ? stages : []) {
      const actions = isRecord(stage) && Array.isArray(stage.Actions) ? stage.Actions : [];
      for (const action of actions) {
        if (!isRecord(action) || !isRecord(action.ActionTypeId) || action.ActionTypeId.Provider !== 'CloudFormation') continue;
        const where = `${logicalId}/${String(isRecord(stage) ? stage.Name : '?')}/${String(action.Name)}`;
        const actionAccount = roleAccount(action.RoleArn);
        if (actionAccount === undefined) problems.push(`${where}: no cross-account action RoleArn`);
        const configuration = isRecord(action.Configuration) ? action.Configuration : {};
        if (configuration.RoleArn !== undefined && roleAccount(configuration.RoleArn) !== actionAccount) {
          problems.push(`${where}: Configuration.RoleArn account ${String(roleAccount(configuration.RoleArn))} differs from action account ${String(actionAccount)}`);
        }
      }
    }
  }
  return problems;
}
