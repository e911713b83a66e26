// Responses as AWS sends them (bodies, status codes, content types), written after real ones:
// CodePipeline speaks JSON 1.1 (timestamps as epoch seconds), STS the query protocol (XML).
// Account 111111111111 is the tools account, 222222222222 production.

export interface Recording {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const JSON_1_1 = 'application/x-amz-json-1.1';
const XML = 'text/xml';

const json = (status: number, body: unknown): Recording => ({ status, contentType: JSON_1_1, body: JSON.stringify(body) });
const xml = (status: number, body: string): Recording => ({ status, contentType: XML, body });

export const REGION = 'eu-west-1';
export const ACCOUNT = '111111111111';
export const PAGE_2_TOKEN = 'AAMA-EFRSURBSGl4dmFjN0tqZDVxS0pTVnlkbVRxcmhvVmtibW9qNjZ0N1FqRkp6UT09-page2';

/** The pipeline whose deploy action names a production CloudFormation role but no action role (CPX-R01). */
export const CROSS_ACCOUNT = 'cross-account-deploy';
/** Listed, but this caller's policy does not allow GetPipeline on it. */
export const LOCKED = 'payments-release';

export const LIST_PAGE_1 = json(200, {
  nextToken: PAGE_2_TOKEN,
  pipelines: [
    { created: 1.684232431194e9, executionMode: 'SUPERSEDED', name: 'app-build', pipelineType: 'V2', updated: 1.716288112341e9, version: 7 },
    { created: 1.69811152e9, executionMode: 'QUEUED', name: CROSS_ACCOUNT, pipelineType: 'V2', updated: 1.716196812443e9, version: 3 },
    { created: 1.655376931e9, executionMode: 'SUPERSEDED', name: 'docs-site', pipelineType: 'V1', updated: 1.655376931e9, version: 1 },
  ],
});

export const LIST_PAGE_2 = json(200, {
  pipelines: [
    { created: 1.70203914e9, executionMode: 'SUPERSEDED', name: 'infra-shared', pipelineType: 'V2', updated: 1.709801221e9, version: 12 },
    { created: 1.688470214e9, executionMode: 'PARALLEL', name: LOCKED, pipelineType: 'V2', updated: 1.713999120e9, version: 5 },
  ],
});

const sourceStage = {
  actions: [{
    actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' },
    configuration: {
      BranchName: 'main',
      ConnectionArn: `arn:aws:codestar-connections:${REGION}:${ACCOUNT}:connection/6f1a3c2e-9d7b-4e0a-8c55-2b1f0e7d9a11`,
      DetectChanges: 'true',
      FullRepositoryId: 'example-org/orders-service',
      OutputArtifactFormat: 'CODE_ZIP',
    },
    inputArtifacts: [],
    name: 'Source',
    namespace: 'SourceVariables',
    outputArtifacts: [{ name: 'SourceArtifact' }],
    region: REGION,
    runOrder: 1,
  }],
  name: 'Source',
};

export const GET_CROSS_ACCOUNT = json(200, {
  metadata: {
    created: 1.69811152e9,
    pipelineArn: `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${CROSS_ACCOUNT}`,
    updated: 1.716196812443e9,
  },
  pipeline: {
    artifactStore: {
      encryptionKey: { id: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0c8a6f12-3b4d-4e5f-9a7b-1c2d3e4f5a6b`, type: 'KMS' },
      location: `codepipeline-${REGION}-${ACCOUNT}-artifacts`,
      type: 'S3',
    },
    executionMode: 'QUEUED',
    name: CROSS_ACCOUNT,
    pipelineType: 'V2',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSCodePipelineServiceRole-${REGION}-${CROSS_ACCOUNT}`,
    stages: [
      sourceStage,
      {
        actions: [{
          actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' },
          configuration: {
            ActionMode: 'CREATE_UPDATE',
            Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
            RoleArn: 'arn:aws:iam::222222222222:role/cloudformation-deployer',
            StackName: 'orders-service-prod',
            TemplatePath: 'SourceArtifact::template.yaml',
          },
          inputArtifacts: [{ name: 'SourceArtifact' }],
          name: 'DeployProduction',
          outputArtifacts: [],
          region: REGION,
          runOrder: 1,
        }],
        name: 'Production',
      },
    ],
    version: 3,
  },
});

export const GET_APP_BUILD = json(200, {
  metadata: {
    created: 1.684232431194e9,
    pipelineArn: `arn:aws:codepipeline:${REGION}:${ACCOUNT}:app-build`,
    updated: 1.716288112341e9,
  },
  pipeline: {
    artifactStore: { location: `codepipeline-${REGION}-${ACCOUNT}-artifacts`, type: 'S3' },
    executionMode: 'SUPERSEDED',
    name: 'app-build',
    pipelineType: 'V2',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSCodePipelineServiceRole-${REGION}-app-build`,
    stages: [
      sourceStage,
      {
        actions: [{
          actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
          configuration: { ProjectName: 'app-build' },
          inputArtifacts: [{ name: 'SourceArtifact' }],
          name: 'Build',
          outputArtifacts: [{ name: 'BuildArtifact' }],
          region: REGION,
          runOrder: 1,
        }],
        name: 'Build',
      },
    ],
    version: 7,
  },
});

export const CALLER_IDENTITY = xml(200, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::${ACCOUNT}:user/pipeline-reader</Arn>
    <UserId>AIDARJ6Q7EXAMPLE4QXVZ</UserId>
    <Account>${ACCOUNT}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>c2d4f1a8-7b3e-4d59-9f0a-3e8b6c1d2a77</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
`);

const stsError = (status: number, code: string, message: string): Recording => xml(status, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>${code}</Code>
    <Message>${message}</Message>
  </Error>
  <RequestId>5b0f8d3c-1e2a-4b6c-8d9e-0f1a2b3c4d5e</RequestId>
</ErrorResponse>
`);

export const denied = (operation: string, resource: string): Recording => json(400, {
  __type: 'AccessDeniedException',
  message: `User: arn:aws:iam::${ACCOUNT}:user/pipeline-reader is not authorized to perform: codepipeline:${operation} on resource: ${resource} because no identity-based policy allows the codepipeline:${operation} action`,
});

export const pipelineNotFound = (name: string): Recording => json(400, {
  __type: 'PipelineNotFoundException',
  message: `Account '${ACCOUNT}' does not have a pipeline with name '${name}'`,
});

export const INVALID_NEXT_TOKEN = json(400, { __type: 'InvalidNextTokenException', message: 'The next token provided is not valid.' });

/** Failures a test can switch on for an operation, as each service reports them. */
export const ERRORS = {
  ThrottlingException: json(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }),
  UnrecognizedClientException: json(400, { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }),
  ExpiredTokenException: json(400, { __type: 'ExpiredTokenException', message: 'The security token included in the request is expired' }),
  AccessDeniedException: denied('ListPipelines', `arn:aws:codepipeline:${REGION}:${ACCOUNT}:*`),
  ExpiredToken: stsError(403, 'ExpiredToken', 'The security token included in the request is expired'),
  InvalidClientTokenId: stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
} satisfies Record<string, Recording>;

export type RecordedError = keyof typeof ERRORS;
