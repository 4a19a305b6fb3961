import { errorMessage } from '../../system/error-message.ts';
/**
 * CloudWatch API errors as the AWS JSON 1.0 protocol carries them. CloudWatch is
 * "awsQueryCompatible": the body names the error shape in `__type` and the
 * `x-amzn-query-error` header carries the old Query error code, which the SDK copies onto the
 * exception as `Code`. The SDK maps `__type` to its exception class (e.g.
 * InvalidParameterValueException) and uses `message` as the exception's message.
 */
export type CloudWatchErrorType =
  | 'InvalidParameterValueException'
  | 'InvalidParameterCombinationException'
  | 'MissingRequiredParameterException'
  | 'InvalidNextToken'
  | 'SerializationException'
  | 'UnknownOperationException';

/** The Query-protocol error code for each shape (the `awsQueryError` trait in the SDK's schema). */
const queryCodes: Record<CloudWatchErrorType, string> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidNextToken: 'InvalidNextToken',
  SerializationException: 'SerializationException',
  UnknownOperationException: 'UnknownOperationException',
};

export class CloudWatchApiError extends Error {
  override readonly name = 'CloudWatchApiError';
  constructor(
    readonly type: CloudWatchErrorType,
    message: string,
  ) {
    super(message);
  }
}

export interface CloudWatchResponse {
  status: number;
  contentType: string;
  body: string;
  /** Extra response headers (error responses carry the Query error code). */
  headers?: Record<string, string>;
}

export const jsonContentType = 'application/x-amz-json-1.0';

export function errorResponse(error: CloudWatchApiError): CloudWatchResponse {
  return {
    status: 400,
    contentType: jsonContentType,
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${error.type}`, message: error.message }),
    headers: { 'x-amzn-query-error': `${queryCodes[error.type]};Sender` },
  };
}

/** A fault in the engine itself (a bug, not the caller's request): 500, which the SDK retries. */
export function internalFault(error: unknown): CloudWatchResponse {
  const message = errorMessage(error);
  return {
    status: 500,
    contentType: jsonContentType,
    body: JSON.stringify({ __type: 'com.amazonaws.cloudwatch#InternalServiceFault', message: `local engine fault: ${message}` }),
    headers: { 'x-amzn-query-error': 'InternalServiceError;Receiver' },
  };
}
