import { readFileSync } from 'node:fs';
import { buildAccountMap, renderAccountMapSvg, RULES, Workspace } from '../core';

/**
 * The account map SVG of the first pipeline in `files` (in the order they are reported), or
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
  for (const file of readable) {
    const { model, findings } = workspace.lint(file);
    const pipeline = model?.pipelines[0];
    if (model && pipeline) return renderAccountMapSvg(buildAccountMap(model, pipeline, findings));
  }
  return undefined;
}
