/**
 * The host's variables an environment's processes start from (the engine adds the function's own
 * on top). Handlers see the host's variables (PATH, HOME, a proxy) so that a handler that runs on
 * the user's machine runs here too; what the host sets only for its own tools and that Lambda
 * never sets is left out. Pure: it reads only the variables it is given.
 */

/**
 * Left out of every environment's variables:
 * - NODE_EXTRA_CA_CERTS: Lambda's Node.js 20 and later runtimes load no extra CA certificates
 *   unless the function sets this variable (docs/lmi-facts.md). A Node.js process started with it
 *   parses the whole bundle before it runs any code: with the Debian bundle, `node -e 0` took
 *   78 ms of CPU against 29 ms without it on the 2-core test machine. Every cold start here would
 *   carry a cost that AWS's does not, and every environment start would take the CPU from the
 *   measured ones.
 */
const notTheFunctions = ['NODE_EXTRA_CA_CERTS'] as const;

/**
 * What the user sets for the functions, as the function's own configuration would on AWS: a
 * handler that calls a real HTTPS service through a proxy with its own CA gets the bundle back.
 */
export const functionCaCertsVariable = 'LMI_BENCH_FUNCTION_NODE_EXTRA_CA_CERTS';

export function hostVariables(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = { ...env };
  for (const name of notTheFunctions) delete kept[name];
  const forFunctions = env[functionCaCertsVariable];
  if (forFunctions) kept['NODE_EXTRA_CA_CERTS'] = forFunctions;
  return kept;
}
