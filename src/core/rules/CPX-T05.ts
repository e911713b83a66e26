import type { Rule, RuleContext } from '../engine/types';
import { isMap, isSeq, type MapNode, type Node, type Path } from '../source';
import { keyFor, type Dialect } from '../model/types';

/** The structure's keys, PascalCase, by level (reference §3.4); configuration keys are left alone. */
const PIPELINE_KEYS = ['Name', 'RoleArn', 'ArtifactStore', 'ArtifactStores', 'Stages', 'Version', 'PipelineType', 'ExecutionMode', 'Triggers', 'Variables'];
const STAGE_KEYS = ['Name', 'Actions', 'Blockers', 'OnFailure', 'OnSuccess', 'BeforeEntry'];
const ACTION_KEYS = [
  'Name', 'ActionTypeId', 'Configuration', 'InputArtifacts', 'OutputArtifacts', 'Region', 'RoleArn', 'RunOrder', 'Namespace',
  'TimeoutInMinutes', 'Commands', 'OutputVariables', 'EnvironmentVariables',
];
const TYPE_KEYS = ['Category', 'Owner', 'Provider', 'Version'];
const ARTIFACT_KEYS = ['Name', 'Files'];
const STORE_KEYS = ['Type', 'Location', 'EncryptionKey'];
const KEY_KEYS = ['Id', 'Type'];

export const rule: Rule = {
  meta: {
    id: 'CPX-T05',
    title: 'Key in the other dialect’s case',
    severity: 'error',
    description: 'CloudFormation templates write the pipeline structure in PascalCase (RoleArn, ActionTypeId); the CodePipeline API and get-pipeline JSON in camelCase (roleArn, actionTypeId).',
    messages: {
      camelInTemplate: "'{key}' is the CodePipeline API's spelling; CloudFormation templates write '{expected}', and ignore or reject '{key}'.",
      pascalInApi: "'{key}' is CloudFormation's spelling; the CodePipeline API and get-pipeline JSON write '{expected}'.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    if (model.kind !== 'template' && model.kind !== 'pipeline-output' && model.kind !== 'pipeline-input') return;
    const checker = new CaseChecker(context, model.dialect);
    for (const pipeline of model.pipelines) {
      checker.keys(pipeline.node, pipeline.path, PIPELINE_KEYS);
      for (const store of [pipeline.artifactStore ?? [], pipeline.artifactStores ?? []].flat()) checker.store(store.node, store.path);
      for (const stage of pipeline.stages) {
        checker.keys(stage.node, stage.path, STAGE_KEYS);
        for (const action of stage.actions) {
          checker.keys(action.node, action.path, ACTION_KEYS);
          checker.nested(action.node, action.path, 'ActionTypeId', (typeId, path) => checker.keys(typeId, path, TYPE_KEYS));
          for (const list of ['InputArtifacts', 'OutputArtifacts']) {
            const listKey = keyFor(model.dialect, list);
            const items = action.node.entries.find((entry) => entry.key === listKey)?.value;
            if (!isSeq(items)) continue;
            items.items.forEach((item, index) => {
              if (isMap(item)) checker.keys(item, [...action.path, listKey, index], ARTIFACT_KEYS);
            });
          }
        }
      }
    }
  },
};

class CaseChecker {
  private readonly other: Dialect;

  constructor(private readonly context: RuleContext, private readonly dialect: Dialect) {
    this.other = dialect === 'cfn' ? 'api' : 'cfn';
  }

  /** Reports keys written as another dialect's spelling of a key this level knows. */
  keys(map: MapNode, path: Path, known: readonly string[]): void {
    for (const entry of map.entries) {
      const expected = known.find((key) => keyFor(this.other, key) === entry.key && keyFor(this.dialect, key) !== entry.key);
      if (!expected) continue;
      this.context.report({
        messageId: this.dialect === 'cfn' ? 'camelInTemplate' : 'pascalInApi',
        data: { key: entry.key, expected: keyFor(this.dialect, expected) },
        target: { field: { node: entry.value, path: [...path, entry.key] }, part: 'key' },
      });
    }
  }

  nested(map: MapNode, path: Path, pascalCase: string, visit: (map: MapNode, path: Path) => void): void {
    const key = keyFor(this.dialect, pascalCase);
    const value: Node | undefined = map.entries.find((entry) => entry.key === key)?.value;
    if (isMap(value)) visit(value, [...path, key]);
  }

  store(store: MapNode, path: Path): void {
    this.keys(store, path, STORE_KEYS);
    this.nested(store, path, 'EncryptionKey', (key, keyPath) => this.keys(key, keyPath, KEY_KEYS));
  }
}
