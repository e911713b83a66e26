import type { Rule } from '../engine/types';
import { reportCrossAccount } from './cross-account';

export const rule: Rule = {
  meta: {
    id: 'CPX-P03',
    title: 'Cross-account ECS deploy: image and role access',
    severity: 'info',
    description: 'A cross-account ECS deploy action needs the target account to pull the image and the action role to pass the task roles.',
    messages: {
      ecs: "ECS action '{action}' deploys in account {account}: if the image is in an ECR repository of the pipeline account, its repository policy must allow the task execution role of account {account}; the action role needs iam:PassRole on the task and execution roles.",
    },
    fixable: false,
  },
  check(context) {
    reportCrossAccount(context, 'Deploy', 'ECS', 'ecs');
  },
};
