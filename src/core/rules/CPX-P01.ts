import type { Rule } from '../engine/types';
import { reportCrossAccount } from './cross-account';

export const rule: Rule = {
  meta: {
    id: 'CPX-P01',
    title: 'Cross-account CodeDeploy: the instances need artifact access',
    severity: 'info',
    description: 'In a cross-account CodeDeploy action, the EC2 instances of the deployment group download the revision from the pipeline account’s artifact bucket.',
    messages: {
      instances: "CodeDeploy action '{action}' deploys in account {account}: the instance role of its deployment group there needs s3:Get* and s3:ListBucket on the pipeline's artifact bucket and kms:Decrypt and kms:DescribeKey on its key, and the bucket and key policies must allow that role. The action role needs codedeploy:CreateDeployment, GetDeployment, GetDeploymentConfig, GetApplicationRevision and RegisterApplicationRevision.",
    },
    fixable: false,
  },
  check(context) {
    reportCrossAccount(context, 'Deploy', 'CodeDeploy', 'instances');
  },
};
