/**
 * Parameter values from the files people already keep next to their templates:
 * CloudFormation's `[{ "ParameterKey": …, "ParameterValue": … }]` and CodePipeline's
 * template configuration `{ "Parameters": { … } }`.
 */
export function parseParameterFile(text: string): Map<string, string> {
  const data: unknown = JSON.parse(text);
  const values = new Map<string, string>();
  if (Array.isArray(data)) {
    for (const item of data) {
      if (isRecord(item) && typeof item.ParameterKey === 'string' && isPrimitive(item.ParameterValue)) {
        values.set(item.ParameterKey, String(item.ParameterValue));
      }
    }
    return values;
  }
  const parameters = isRecord(data) ? data.Parameters : undefined;
  if (!isRecord(parameters)) throw new Error('expected [{"ParameterKey", "ParameterValue"}] or {"Parameters": {...}}');
  for (const [key, value] of Object.entries(parameters)) {
    if (isPrimitive(value)) values.set(key, String(value));
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
