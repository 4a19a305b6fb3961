/**
 * The HTTPS front door of one function alias, IAM-authenticated either way: a Function URL
 * (default; Function URLs with LMI are unverified) or an API Gateway HTTP API (confirmed for
 * LMI). The runner signs requests with SigV4 for the matching service.
 */
import type { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { FrontDoorKind } from './naming.ts';

export function addFrontDoor(stack: Stack, id: string, alias: lambda.Alias, kind: FrontDoorKind): { url: string } {
  if (kind === 'function-url') {
    const url = alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    return { url: url.url };
  }
  const api = new apigw.HttpApi(stack, `${id}HttpApi`, {
    description: `lmi-bench front door of ${id}`,
    createDefaultStage: true,
    defaultAuthorizer: new HttpIamAuthorizer(),
    // Payload format 2.0: the same event shape a Function URL delivers, so handlers see no difference.
    defaultIntegration: new HttpLambdaIntegration(`${id}Integration`, alias, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 }),
  });
  return { url: `${api.apiEndpoint}/` };
}
