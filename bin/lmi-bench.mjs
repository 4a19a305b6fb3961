#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so a user needs no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../runner/cli/main.ts');
const exitCode = await main(process.argv.slice(2));
// Exit explicitly: a finished command must not be held open by a lingering keep-alive socket.
process.exit(exitCode);
