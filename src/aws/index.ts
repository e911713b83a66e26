// The AWS side, bundled apart as dist/aws.js with the SDK inside, and loaded (`require('../aws')`)
// only when a person asks for a deployed pipeline: linting files never pays for it.
export { AwsProblem, PERMISSIONS, type ProblemKind } from './errors';
export { PipelineSource, type DeployedPipeline, type PipelineEntry, type Target } from './pipelines';
export { defaultRegion, findProfile, listProfiles, type AwsProfile } from './profiles';
