import { readFileSync } from 'node:fs';
import { buildAccountMap, renderAccountMapSvg, RULES, Workspace } from '../core';

/**
 * The account map SVG of the first pipeline in `files` (in the order they are reported; a
 * fragment's only when no file holds a whole pipeline), or
 * undefined when none holds one. The files form one workspace, as for the report, so the map
 * shows the same findings; they are linted again because the report does not keep models.
 */
export function firstPipelineMap(files: readonly string[], parameterValues: ReadonlyMap<string, string>, maxLength: number | undefined): string | undefined {
  const workspace = new Workspace({ rules: RULES, parameterValues, maxLength });
  const readable: string[] = [];
  for (const file of files) {
    try {
      workspace.set(file, readFileSync(file, 'utf8'));
      readable.push(file);
    } catch {
      // The report already says the file is unreadable.
    }
  }
  // A whole pipeline wins over a pasted action or stage, which only stands in for one.
  let fragment: string | undefined;
  for (const file of readable) {
    const { model, findings } = workspace.lint(file);
    const pipeline = model?.pipelines[0];
    if (!model || !pipeline) continue;
    const svg = (): string => renderAccountMapSvg(buildAccountMap(model, pipeline, findings));
    if (model.kind !== 'action-fragment' && model.kind !== 'stage-fragment') return svg();
    fragment ??= svg();
  }
  return fragment;
}
