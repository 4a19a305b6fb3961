// Child process of internal-error-exits-70.test.ts: runs the real entry point (main) with a
// command set whose `explode` command throws what its first argument names, and exits with
// main's code, exactly as bin/lmi-bench.mjs does.
import { main, type CommandEntry } from '../../runner/cli/main.ts';
import { UsageError } from '../../runner/errors.ts';

const explode: CommandEntry = {
  name: 'explode',
  summary: 'throws',
  example: 'lmi-bench explode type-error',
  load: async () => ({
    run: async (argv: string[]): Promise<number> => {
      if (argv[0] === 'usage') throw new UsageError('--thing must be a number, got x');
      if (argv[0] === 'aws') throw Object.assign(new Error('User is not authorized to perform: cloudformation:DescribeStacks'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      const value = JSON.parse('{}') as { levels?: Array<{ mode: string }> };
      // A bug: reading a field of something that is not there.
      return (value.levels as Array<{ mode: string }>)[0]?.mode === 'lmi' ? 0 : 1;
    },
  }),
};

process.exit(await main(process.argv.slice(2), [explode]));
