#!/usr/bin/env node
// The CLI is TypeScript, transpiled as it loads (runner/system/typescript-hooks.mjs), so a user
// needs no build step after `npm ci`.
const argv = process.argv.slice(2);

// A bare `lmi-bench` (or its --help) only prints the command list: answer it before loading any
// TypeScript.
if (argv.length === 0 || (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]))) {
  const { usage } = await import('../runner/cli/usage.mjs');
  process.stdout.write(usage() + '\n');
  process.exit(0);
}

// The AWS SDK warns every Node 20 process about its 2027 support window; the tool supports Node 20,
// so that multi-line warning would only clutter the progress output. A user can still set it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await import('../runner/system/typescript-register.mjs');
const { main } = await import('../runner/cli/main.ts');
const exitCode = await main(argv);
// Exit explicitly: a finished command must not be held open by a lingering keep-alive socket.
process.exit(exitCode);
