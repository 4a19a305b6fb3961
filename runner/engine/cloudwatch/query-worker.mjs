// Entry of the CloudWatch query thread (query-thread.ts). The engine's code is TypeScript run
// through tsx, and a worker thread does not inherit the loader its parent registered in code.
import { register } from 'tsx/esm/api';

register();
await import('./query-worker.ts');
