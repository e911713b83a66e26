import { readFileSync } from 'node:fs';
import { buildAccountMap, lintText, renderAccountMapSvg } from '../core';

/**
 * The account map SVG of the first pipeline in `files` (in the order they are reported), or
 * undefined when none holds one. Files are linted again: the report does not keep models.
 */
export function firstPipelineMap(files: readonly string[], parameterValues: ReadonlyMap<string, string>, maxLength: number | undefined): string | undefined {
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // The report already says the file is unreadable.
      continue;
    }
    const { model, findings } = lintText(text, { fileName: file, parameterValues, maxLength });
    const pipeline = model?.pipelines[0];
    if (model && pipeline) return renderAccountMapSvg(buildAccountMap(model, pipeline, findings));
  }
  return undefined;
}
