/**
 * SigV4 for the bench stack's front doors: which service a front door signs for. The signer
 * itself is runner/system/sigv4-signer.ts (the load workers sign with it too).
 */
import type { FrontDoorKind } from '../../../infra/naming.ts';

export { createRequestSigner, type SignerOptions, type SignRequest } from '../../system/sigv4-signer.ts';

export function signingServiceFor(frontDoor: FrontDoorKind): string {
  return frontDoor === 'function-url' ? 'lambda' : 'execute-api';
}
