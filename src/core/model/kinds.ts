import { get, isMap, isSeq, type Node } from '../source';

export type DocumentKind =
  | 'template'
  | 'pipeline-output' // `aws codepipeline get-pipeline`: { pipeline, metadata }
  | 'pipeline-input' // create/update-pipeline input: { pipeline }
  | 'action-fragment' // one action declaration pasted on its own
  | 'stage-fragment'
  | 'none';

/**
 * A cheap look at the raw text: files that cannot be ours are never parsed.
 * It errs on the side of parsing; `detectKind` decides on the tree.
 */
export function mightBeOurs(text: string): boolean {
  return /AWSTemplateFormatVersion|Resources|[Aa]ctionTypeId|["']?pipeline["']?\s*:|[Ss]tages/.test(text);
}

/** Strong signs, used to decide whether an unparseable file deserves a syntax finding. */
export function looksLikeOurs(text: string): boolean {
  return /AWSTemplateFormatVersion|^\s*["']?Resources["']?\s*:|"Resources"\s*:|AWS::CodePipeline::Pipeline|["']?[Aa]ctionTypeId["']?\s*:|"pipeline"\s*:/m.test(text);
}

export function detectKind(root: Node | undefined): DocumentKind {
  if (!isMap(root)) return 'none';
  if (get(root, 'AWSTemplateFormatVersion') !== undefined || isMap(get(root, 'Resources'))) return 'template';
  if (isMap(get(root, 'pipeline'))) return get(root, 'metadata') !== undefined ? 'pipeline-output' : 'pipeline-input';
  if (isMap(get(root, 'actionTypeId')) || isMap(get(root, 'ActionTypeId'))) return 'action-fragment';
  if (isSeq(get(root, 'actions')) || isSeq(get(root, 'Actions'))) return 'stage-fragment';
  return 'none';
}
