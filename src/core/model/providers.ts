/**
 * What CodePipeline accepts for each action type (reference §3.2, §3.3): the categories a
 * provider belongs to, its artifact counts and its configuration keys. Only what the
 * action references state is listed; a provider or count left out is not checked.
 */

export const CATEGORIES: ReadonlySet<string> = new Set(['Source', 'Build', 'Test', 'Deploy', 'Invoke', 'Approval', 'Compute']);
export const OWNERS: ReadonlySet<string> = new Set(['AWS', 'ThirdParty', 'Custom']);

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface ProviderSpec {
  readonly inputs?: Range;
  readonly outputs?: Range;
  /** Every configuration key the provider reads; absent when the list is not known for certain. */
  readonly keys?: ReadonlySet<string>;
}

const range = (min: number, max = min): Range => ({ min, max });
const keys = (...names: string[]): ReadonlySet<string> => new Set(names);

const CLOUDFORMATION_KEYS = keys(
  'ActionMode', 'StackName', 'ChangeSetName', 'TemplatePath', 'RoleArn', 'Capabilities', 'ParameterOverrides',
  'TemplateConfiguration', 'OutputFileName',
);
const CODEBUILD: ProviderSpec = {
  inputs: range(1, 5), outputs: range(0, 5), keys: keys('ProjectName', 'PrimarySource', 'BatchEnabled', 'CombineArtifacts', 'EnvironmentVariables'),
};
const LAMBDA_INVOKE: ProviderSpec = { inputs: range(0, 5), outputs: range(0, 5), keys: keys('FunctionName', 'UserParameters') };
const JENKINS: ProviderSpec = { inputs: range(0, 5), outputs: range(0, 5) };

/** Keyed by `Owner/Category/Provider`. */
const SPECS: ReadonlyMap<string, ProviderSpec> = new Map<string, ProviderSpec>([
  ['AWS/Source/S3', { inputs: range(0), outputs: range(1), keys: keys('S3Bucket', 'S3ObjectKey', 'PollForSourceChanges', 'AllowOverrideForS3ObjectKey') }],
  ['AWS/Source/CodeCommit', { inputs: range(0), outputs: range(1), keys: keys('RepositoryName', 'BranchName', 'PollForSourceChanges', 'OutputArtifactFormat') }],
  ['AWS/Source/ECR', { inputs: range(0), outputs: range(1), keys: keys('RepositoryName', 'ImageTag') }],
  ['AWS/Source/CodeStarSourceConnection', { inputs: range(0), outputs: range(1) }],
  ['ThirdParty/Source/GitHub', { inputs: range(0), outputs: range(1), keys: keys('Owner', 'Repo', 'Branch', 'OAuthToken', 'PollForSourceChanges') }],
  ['AWS/Build/CodeBuild', CODEBUILD],
  ['AWS/Test/CodeBuild', CODEBUILD],
  ['AWS/Build/ECRBuildAndPublish', {}],
  ['AWS/Test/DeviceFarm', { inputs: range(1), outputs: range(0) }],
  ['AWS/Approval/Manual', { inputs: range(0), outputs: range(0), keys: keys('NotificationArn', 'ExternalEntityLink', 'CustomData') }],
  ['AWS/Deploy/S3', { inputs: range(1), outputs: range(0), keys: keys('BucketName', 'Extract', 'ObjectKey', 'KMSEncryptionKeyARN', 'CannedACL', 'CacheControl') }],
  ['AWS/Deploy/CloudFormation', { inputs: range(0, 10), outputs: range(0, 1), keys: CLOUDFORMATION_KEYS }],
  ['AWS/Deploy/CloudFormationStackSet', { inputs: range(1, 3), outputs: range(0) }],
  ['AWS/Deploy/CloudFormationStackInstances', { inputs: range(0, 2), outputs: range(0) }],
  ['AWS/Deploy/CodeDeploy', { inputs: range(1), outputs: range(0), keys: keys('ApplicationName', 'DeploymentGroupName') }],
  ['AWS/Deploy/CodeDeployToECS', { inputs: range(1, 5), outputs: range(0) }],
  ['AWS/Deploy/ECS', { inputs: range(1), outputs: range(0), keys: keys('ClusterName', 'ServiceName', 'FileName', 'DeploymentTimeout') }],
  ['AWS/Deploy/ElasticBeanstalk', { inputs: range(1), outputs: range(0) }],
  ['AWS/Deploy/OpsWorks', { inputs: range(1), outputs: range(0, 1) }],
  ['AWS/Deploy/ServiceCatalog', { inputs: range(1), outputs: range(0) }],
  ['AWS/Deploy/AppConfig', { inputs: range(1), outputs: range(0) }],
  ['AWS/Deploy/EC2', {}],
  ['AWS/Deploy/EKS', {}],
  ['AWS/Deploy/Lambda', {}],
  ['ThirdParty/Deploy/AlexaSkillsKit', { inputs: range(1, 2), outputs: range(0) }],
  ['AWS/Invoke/Lambda', LAMBDA_INVOKE],
  ['AWS/Invoke/StepFunctions', { inputs: range(0, 1), outputs: range(0, 1) }],
  ['AWS/Invoke/InspectorScan', {}],
  ['AWS/Invoke/PipelineInvoke', {}],
  ['AWS/Compute/Commands', {}],
  ['Custom/Build/Jenkins', JENKINS],
  ['Custom/Test/Jenkins', JENKINS],
]);

/** The categories each AWS-owned provider is offered in. */
const AWS_PROVIDER_CATEGORIES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const byProvider = new Map<string, Set<string>>();
  for (const key of SPECS.keys()) {
    const [owner, category, provider] = key.split('/');
    if (owner !== 'AWS') continue;
    const categories = byProvider.get(provider) ?? new Set<string>();
    categories.add(category);
    byProvider.set(provider, categories);
  }
  return byProvider;
})();

export function providerSpec(owner: string | undefined, category: string | undefined, provider: string | undefined): ProviderSpec | undefined {
  return SPECS.get(`${owner}/${category}/${provider}`);
}

/** The categories an AWS provider exists in; undefined for a provider not in the catalogue. */
export function awsProviderCategories(provider: string): ReadonlySet<string> | undefined {
  return AWS_PROVIDER_CATEGORIES.get(provider);
}

