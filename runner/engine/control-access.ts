/**
 * Who may use the engine's control port. The control API deploys code that then runs as the
 * engine's user, so it needs the engine's token: random per engine, known only to the process
 * that started it (through the ready line on a pipe) or to the user at the terminal. Every
 * request on the port, token or not, must name the engine by its loopback address (a foreign
 * Host is a DNS-rebinding page) and carry no Origin (only browsers send one: a page must never
 * reach the engine, whatever it guesses). Function front doors are not behind any of this:
 * they are open on 127.0.0.1 as Function URLs with auth type NONE are open on the internet.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** 256 random bits, URL- and header-safe. */
export function createControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The header value the runner's client sends. */
export function authorizationFor(token: string): string {
  return `Bearer ${token}`;
}

export type AccessDecision = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

const allowed: AccessDecision = { allowed: true };

/**
 * Host and Origin: applies to every request on the control port, including the CloudWatch
 * and Lambda APIs (which the AWS SDK reaches with SigV4, not the token; see
 * docs/architecture.md).
 */
export function checkLoopbackRequest(headers: IncomingHttpHeaders, port: number): AccessDecision {
  if (headers.origin !== undefined) {
    return { allowed: false, status: 403, message: 'requests from a browser (with an Origin header) are refused' };
  }
  const host = headers.host?.toLowerCase();
  const names = ['127.0.0.1', 'localhost'];
  const accepted = names.map((name) => `${name}:${port}`);
  // A client leaves out the port only when it is the scheme's default.
  if (port === 80) accepted.push(...names);
  if (host === undefined || !accepted.includes(host)) {
    return { allowed: false, status: 403, message: `the Host header must be 127.0.0.1:${port} or localhost:${port}` };
  }
  return allowed;
}

/** The control API proper (/_engine/...): the engine's token as a bearer token. */
export function checkToken(headers: IncomingHttpHeaders, token: string): AccessDecision {
  const given = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
  if (given === undefined || !sameSecret(given, token)) {
    return { allowed: false, status: 401, message: "the control API needs the engine's token (authorization: Bearer TOKEN; `lmi-bench engine` prints it in its ready line)" };
  }
  return allowed;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // The length of a fixed-size token is no secret; the content is compared in constant time.
  return a.length === b.length && timingSafeEqual(a, b);
}
