import { rule } from '../../../src/core/rules/CPX-A01';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { getPipelineJson } from '../../support/templates';

/** A source action in DEV (333333333333) whose output the deploy action reads in `deployRole`'s account. */
const chain = (deployRole: string): string => artifactPipeline()
  .replace('OutputArtifacts: [{Name: Src}]', `OutputArtifacts: [{Name: Src}]\n              RoleArn: ${DEPLOYER}`)
  .replace(`              RoleArn: ${DEPLOYER}\n              Configuration:`, `              RoleArn: ${deployRole}\n              Configuration:`)
  .replace("RoleArn: !Sub 'arn:aws:iam::${DevAccountId}:role/cfn'", 'RoleArn: !Sub "arn:aws:iam::${ProdAccountId}:role/cfn"')
  .replace('Parameters:', "Parameters:\n  ProdAccountId: {Type: String, Default: '222222222222'}");
const PROD = `!Sub 'arn:aws:iam::\${ProdAccountId}:role/deployer'`;
const action = (name: string, role: string | undefined, io: Record<string, unknown>): Record<string, unknown> => ({
  name, actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, ...(role ? { roleArn: role } : {}), ...io,
});
const json = getPipelineJson([
  action('make', 'arn:aws:iam::333333333333:role/a', { outputArtifacts: [{ name: 'Out' }] }),
  action('use', 'arn:aws:iam::222222222222:role/b', { inputArtifacts: [{ name: 'Out' }] }),
]);

ruleTester(rule, {
  valid: [
    { name: 'produced and consumed in the same other account', code: chain(DEPLOYER), parameters: PIPELINE_ACCOUNT },
    { name: 'consumed in the pipeline account', code: chain('!GetAtt PipelineRole.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'produced in the pipeline account', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline account is not known', code: chain(PROD) },
  ],
  invalid: [
    {
      name: 'from DEV straight to PROD',
      code: chain(PROD), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(chain(PROD), 'InputArtifacts: [{Name: Src}]'), text: '{Name: Src}', severity: 'error' }],
      output: null,
    },
    { name: 'JSON template', code: toJson(chain(PROD)), fileName: 't.json', parameters: PIPELINE_ACCOUNT, errors: [{ line: lineOf(toJson(chain(PROD)), '"InputArtifacts"') + 1 }] },
    { name: 'get-pipeline JSON', code: json, fileName: 'p.json', errors: [{ line: lineOf(json, '"inputArtifacts"') + 1 }] },
  ],
});
