import type { Rule } from '../engine/types';

export const rule: Rule = {
  meta: {
    id: 'CPX-F01',
    title: 'The file cannot be parsed',
    severity: 'error',
    description: 'A template or pipeline file with a YAML or JSON syntax error; nothing else in it can be checked until it parses.',
    messages: {
      syntax: 'This file cannot be parsed: {reason}.',
      tooDeep: 'This file nests deeper than any template does ({reason}); it was not checked.',
      tooLarge: 'This file is {size} characters long, more than the {limit} this linter reads; it was not checked.',
      unreadable: 'This file could not be read ({reason}).',
    },
    fixable: false,
  },
  check(context) {
    const { source } = context.model;
    for (const problem of source.problems) {
      if (problem.code === 'duplicate-key') continue;
      context.report({
        messageId: problem.code === 'too-deep' ? 'tooDeep' : 'syntax',
        data: { reason: problem.message },
        target: { span: problem },
      });
    }
  },
};
