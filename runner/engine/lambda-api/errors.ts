/**
 * Lambda API errors as the REST-JSON protocol carries them: the error name in the
 * `x-amzn-errortype` header (and `__type` in the body), the text in `message`, and the HTTP
 * status the service uses for that error, so @aws-sdk/client-lambda raises the same exception
 * class (e.g. ResourceNotFoundException) it would against AWS.
 */
import { errorMessage } from '../../system/error-message.ts';

export type LambdaErrorType = 'ResourceNotFoundException' | 'InvalidParameterValueException' | 'ServiceException';

const statusOf: Record<LambdaErrorType, number> = {
  ResourceNotFoundException: 404,
  InvalidParameterValueException: 400,
  ServiceException: 500,
};

export class LambdaApiError extends Error {
  override readonly name = 'LambdaApiError';
  constructor(
    readonly type: LambdaErrorType,
    message: string,
  ) {
    super(message);
  }
}

export interface LambdaApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const jsonContentType = 'application/json';

export function errorResponse(error: LambdaApiError): LambdaApiResponse {
  const type = error.type === 'ServiceException' ? 'Service' : 'User';
  return {
    status: statusOf[error.type],
    headers: { 'content-type': jsonContentType, 'x-amzn-errortype': error.type },
    body: JSON.stringify({ __type: error.type, Type: type, message: error.message }),
  };
}

/** A fault in the engine itself, not the caller's request: a 500 ServiceException (the SDK retries it). */
export function internalFault(error: unknown): LambdaApiResponse {
  const message = errorMessage(error);
  return errorResponse(new LambdaApiError('ServiceException', `local engine fault: ${message.split('\n')[0] ?? message}`));
}
