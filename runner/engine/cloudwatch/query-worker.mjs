// Entry of the CloudWatch query thread (query-thread.ts). The engine's code is TypeScript, and a
// worker thread does not inherit the module hooks its parent registered in code.
import '../../system/typescript-register.mjs';

await import('./query-worker.ts');
