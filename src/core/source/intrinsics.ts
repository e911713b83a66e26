/** CloudFormation short-form tags and the long-form keys they stand for. */
export const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...[
    'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64',
    'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
    'ForEach', 'GetStackOutput',
  ].map((name): [string, string] => [`!${name}`, `Fn::${name}`]),
]);
