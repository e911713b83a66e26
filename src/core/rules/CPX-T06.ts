import type { Rule } from '../engine/types';
import { scalarText } from '../source';
import type { Field } from '../model/types';
import { structureField } from './structure';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T06',
    title: 'V2-only feature in a V1 pipeline',
    severity: 'warning',
    description: 'Triggers, variables, the QUEUED and PARALLEL execution modes, stage conditions and Compute actions need PipelineType V2.',
    messages: {
      v2Only: '{feature} can only be used with PipelineType V2; this pipeline is {type}.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    if (model.kind !== 'template' && model.kind !== 'pipeline-output' && model.kind !== 'pipeline-input') return;
    for (const pipeline of model.pipelines) {
      const typeField = structureField(model, pipeline, 'PipelineType');
      const type = scalarText(typeField?.node);
      // The API turns a pipeline with V2 features into a V2 one; CloudFormation defaults to V1.
      const isV1 = type === 'V1' || (type === undefined && !typeField && model.dialect === 'cfn');
      if (!isV1) continue;
      const typeText = type === undefined ? 'V1 (PipelineType not set)' : type;
      const report = (feature: string, field: Field): void =>
        context.report({ messageId: 'v2Only', data: { feature, type: typeText }, target: { field, part: 'key' } });
      for (const key of ['Triggers', 'Variables']) {
        const field = structureField(model, pipeline, key);
        if (field) report(key, field);
      }
      const mode = structureField(model, pipeline, 'ExecutionMode');
      const modeText = scalarText(mode?.node);
      if (mode && (modeText === 'QUEUED' || modeText === 'PARALLEL')) report(`ExecutionMode ${modeText}`, mode);
      for (const stage of pipeline.stages) {
        for (const key of ['BeforeEntry', 'OnSuccess', 'OnFailure']) {
          const field = structureField(model, stage, key);
          if (field) report(`Stage ${key}`, field);
        }
      }
      for (const [action] of actions(model)) {
        const commands = structureField(model, action, 'Commands');
        if (action.category === 'Compute' || commands) report('A Compute action', commands ?? structureField(model, action, 'ActionTypeId') ?? action);
      }
    }
  },
};
