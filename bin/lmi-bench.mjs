#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so a user needs no build step after `npm ci`.
import { register } from 'tsx/esm/api';

// The AWS SDK warns every Node 20 process about its 2027 support window; the tool supports Node 20,
// so that multi-line warning would only clutter the progress output. A user can still set it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../runner/cli/main.ts');
const exitCode = await main(process.argv.slice(2));
// Exit explicitly: a finished command must not be held open by a lingering keep-alive socket.
process.exit(exitCode);
