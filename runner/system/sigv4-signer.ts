/**
 * SigV4 signing of load requests to IAM-authenticated front doors (service `lambda` for
 * Function URLs, `execute-api` for the HTTP API; target/aws/sigv4.ts picks it). A signature
 * covers method, path, query, host, x-amz-date and the body hash, and AWS accepts it for 5
 * minutes. Stage-free: the runner's AWS target and the load workers (which sign with their own
 * role) both sign with it.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@smithy/types';

/** Gives the headers to send with one request (the caller's plus the signature's). */
export type SignRequest = (request: { method: string; url: string; headers: Record<string, string>; body: string }) => Promise<Record<string, string>>;

/** SHA-256 (HMAC-SHA-256 when given a key) over node:crypto, in the shape the signer expects. */
class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret: string | Uint8Array | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBytes(secret);
    this.hash = this.fresh();
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export interface SignerOptions {
  region: string;
  service: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Fixed signing time (test vectors); the current time otherwise. */
  now?: () => Date;
  /**
   * Send and sign x-amz-content-sha256 (default true): the body hash then travels with the
   * request, which IAM-authenticated Function URLs accept and some front doors require.
   */
  applyChecksum?: boolean;
}

/**
 * Returns a function giving the headers to send with a request: the caller's headers plus
 * host, x-amz-date, x-amz-content-sha256, x-amz-security-token (temporary credentials) and
 * authorization.
 */
export function createRequestSigner(options: SignerOptions): SignRequest {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
    // Lambda and API Gateway are not S3: the canonical path is URI-encoded once more.
    uriEscapePath: true,
    applyChecksum: options.applyChecksum ?? true,
  });
  return async (request) => {
    const url = new URL(request.url);
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of url.searchParams) {
      const existing = query[key];
      query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const signed = await signer.sign(
      {
        method: request.method.toUpperCase(),
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query,
        headers: { ...request.headers, host: url.host },
        body: request.body,
      },
      options.now ? { signingDate: options.now() } : {},
    );
    return { ...(signed.headers as Record<string, string>) };
  };
}
