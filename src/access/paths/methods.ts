/**
 * Known privilege-escalation methods (after Rhino Security Labs' catalogue and later
 * research): what a principal needs and what it gains. `target` names whose resources the
 * actions are checked against; `service` is the service principal a passed role must trust.
 */

export type Target = 'self' | 'user' | 'group-of-self' | 'any-group' | 'role' | 'assumable-role' | 'policy-of-self' | 'passable-role' | 'function';

export interface Method {
  id: string;
  title: string;
  actions: string[];
  target: Target;
  /** For PassRole methods: the service the role is passed to. */
  service?: string;
  /** What doing it gives: the target's permissions, or administrator. */
  gains: 'target' | 'admin';
}

const passRole = (id: string, title: string, service: string, actions: string[]): Method => ({ id, title, actions: ['iam:PassRole', ...actions], target: 'passable-role', service, gains: 'target' });

export const METHODS: Method[] = [
  { id: 'CreateAccessKey', title: 'create an access key for another user', actions: ['iam:CreateAccessKey'], target: 'user', gains: 'target' },
  { id: 'CreateLoginProfile', title: 'set a console password for a user who has none', actions: ['iam:CreateLoginProfile'], target: 'user', gains: 'target' },
  { id: 'UpdateLoginProfile', title: "change another user's console password", actions: ['iam:UpdateLoginProfile'], target: 'user', gains: 'target' },
  { id: 'AttachUserPolicy', title: 'attach AdministratorAccess to itself', actions: ['iam:AttachUserPolicy'], target: 'self', gains: 'admin' },
  { id: 'PutUserPolicy', title: 'write an inline admin policy on itself', actions: ['iam:PutUserPolicy'], target: 'self', gains: 'admin' },
  { id: 'AttachGroupPolicy', title: 'attach AdministratorAccess to its own group', actions: ['iam:AttachGroupPolicy'], target: 'group-of-self', gains: 'admin' },
  { id: 'PutGroupPolicy', title: 'write an inline admin policy on its own group', actions: ['iam:PutGroupPolicy'], target: 'group-of-self', gains: 'admin' },
  { id: 'AddUserToGroup', title: 'add itself to a more privileged group', actions: ['iam:AddUserToGroup'], target: 'any-group', gains: 'target' },
  { id: 'CreatePolicyVersion', title: 'create a new default version of a managed policy attached to it', actions: ['iam:CreatePolicyVersion'], target: 'policy-of-self', gains: 'admin' },
  { id: 'SetDefaultPolicyVersion', title: 'switch a managed policy attached to it to another version', actions: ['iam:SetDefaultPolicyVersion'], target: 'policy-of-self', gains: 'admin' },
  { id: 'AttachRolePolicy', title: 'attach AdministratorAccess to a role it can assume', actions: ['iam:AttachRolePolicy'], target: 'assumable-role', gains: 'admin' },
  { id: 'PutRolePolicy', title: 'write an inline admin policy on a role it can assume', actions: ['iam:PutRolePolicy'], target: 'assumable-role', gains: 'admin' },
  { id: 'AttachRolePolicyOnSelf', title: 'attach AdministratorAccess to its own role', actions: ['iam:AttachRolePolicy'], target: 'self', gains: 'admin' },
  { id: 'PutRolePolicyOnSelf', title: 'write an inline admin policy on its own role', actions: ['iam:PutRolePolicy'], target: 'self', gains: 'admin' },
  { id: 'DeleteUserPermissionsBoundary', title: 'remove its own permissions boundary', actions: ['iam:DeleteUserPermissionsBoundary'], target: 'self', gains: 'target' },
  { id: 'DeleteRolePermissionsBoundary', title: 'remove its own permissions boundary', actions: ['iam:DeleteRolePermissionsBoundary'], target: 'self', gains: 'target' },
  { id: 'UpdateAssumeRolePolicy', title: "rewrite a role's trust policy to name itself (same account: no identity permission needed), then assume it", actions: ['iam:UpdateAssumeRolePolicy'], target: 'role', gains: 'target' },
  { id: 'AssumeRole', title: 'assume a role that trusts it', actions: ['sts:AssumeRole'], target: 'assumable-role', gains: 'target' },
  passRole('PassRole+ec2:RunInstances', 'launch an EC2 instance with the role and read its credentials', 'ec2.amazonaws.com', ['ec2:RunInstances']),
  passRole('PassRole+ec2:RequestSpotInstances', 'request a spot instance with the role', 'ec2.amazonaws.com', ['ec2:RequestSpotInstances']),
  passRole('PassRole+autoscaling', 'create a launch configuration and Auto Scaling group with the role', 'ec2.amazonaws.com', ['autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup']),
  passRole('PassRole+lambda:CreateFunction+InvokeFunction', 'create and invoke a Lambda function running as the role', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:InvokeFunction']),
  passRole('PassRole+lambda:CreateFunction+CreateEventSourceMapping', 'create a Lambda function triggered by an event source', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping']),
  passRole('PassRole+lambda:CreateFunction+AddPermission', 'create a Lambda function and let itself invoke it', 'lambda.amazonaws.com', ['lambda:CreateFunction', 'lambda:AddPermission']),
  passRole('PassRole+glue:CreateDevEndpoint', 'create a Glue development endpoint with the role', 'glue.amazonaws.com', ['glue:CreateDevEndpoint']),
  passRole('PassRole+glue:CreateJob', 'create and run a Glue job with the role', 'glue.amazonaws.com', ['glue:CreateJob', 'glue:StartJobRun']),
  passRole('PassRole+cloudformation:CreateStack', 'create a CloudFormation stack that acts as the role', 'cloudformation.amazonaws.com', ['cloudformation:CreateStack']),
  passRole('PassRole+datapipeline', 'create a Data Pipeline that runs as the role', 'datapipeline.amazonaws.com', ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition']),
  passRole('PassRole+codebuild', 'create and start a CodeBuild project running as the role', 'codebuild.amazonaws.com', ['codebuild:CreateProject', 'codebuild:StartBuild']),
  passRole('PassRole+sagemaker:CreateNotebookInstance', 'create a SageMaker notebook with the role and open it', 'sagemaker.amazonaws.com', ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl']),
  passRole('PassRole+sagemaker:CreateTrainingJob', 'run a SageMaker training job as the role', 'sagemaker.amazonaws.com', ['sagemaker:CreateTrainingJob']),
  passRole('PassRole+sagemaker:CreateProcessingJob', 'run a SageMaker processing job as the role', 'sagemaker.amazonaws.com', ['sagemaker:CreateProcessingJob']),
  passRole('PassRole+ecs:RunTask', 'register and run an ECS task with the role', 'ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:RunTask']),
  passRole('PassRole+ecs:CreateService', 'register an ECS task and create a service with the role', 'ecs-tasks.amazonaws.com', ['ecs:RegisterTaskDefinition', 'ecs:CreateService']),
  passRole('PassRole+apprunner', 'create an App Runner service with the role', 'tasks.apprunner.amazonaws.com', ['apprunner:CreateService']),
  passRole('PassRole+states', 'create and start a Step Functions state machine with the role', 'states.amazonaws.com', ['states:CreateStateMachine', 'states:StartExecution']),
  passRole('PassRole+bedrock-agentcore', 'create a Bedrock AgentCore code interpreter with the role', 'bedrock-agentcore.amazonaws.com', ['bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:InvokeCodeInterpreter']),
  { id: 'lambda:UpdateFunctionCode', title: 'replace the code of a function running as the role', actions: ['lambda:UpdateFunctionCode'], target: 'function', gains: 'target' },
];
