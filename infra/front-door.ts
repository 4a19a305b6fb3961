/**
 * The HTTPS front door of one function alias, IAM-authenticated either way: a Function URL
 * (default; Function URLs with LMI are unverified) or an API Gateway HTTP API (confirmed for
 * LMI). The runner signs requests with SigV4 for the matching service.
 */
import type { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { FrontDoorKind } from './naming.ts';

export interface FrontDoor {
  url: string;
  /** Lets `grantee` send requests through this front door, and nothing else. */
  grantInvoke(grantee: iam.IGrantable): void;
}

export function addFrontDoor(stack: Stack, id: string, alias: lambda.Alias, kind: FrontDoorKind): FrontDoor {
  if (kind === 'function-url') {
    const url = alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    // lambda:InvokeFunctionUrl (AWS_IAM URLs only) and, as function URLs created since October
    // 2025 also require, lambda:InvokeFunction only when invoked through the URL: on this alias.
    return { url: url.url, grantInvoke: (grantee) => void url.grantInvokeUrl(grantee) };
  }
  const api = new apigw.HttpApi(stack, `${id}HttpApi`, {
    description: `lmi-bench front door of ${id}`,
    createDefaultStage: true,
    defaultAuthorizer: new HttpIamAuthorizer(),
    // Payload format 2.0: the same event shape a Function URL delivers, so handlers see no difference.
    defaultIntegration: new HttpLambdaIntegration(`${id}Integration`, alias, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 }),
  });
  return {
    url: `${api.apiEndpoint}/`,
    grantInvoke: (grantee) =>
      void iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [api.arnForExecuteApi()] }),
  };
}
