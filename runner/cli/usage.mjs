// The command list and the usage text, in plain JavaScript: bin/lmi-bench.mjs prints them for a
// bare `lmi-bench` without starting the TypeScript loader (which alone takes most of a second on
// a busy machine). Each command's code is runner/cli/commands/<name>.ts; adding a command is one
// entry here and that module (docs/architecture.md, "Adding a command").

/** @type {ReadonlyArray<{ name: string; summary: string; example: string }>} */
export const commandList = [
  { name: 'bench', summary: 'measure a workload on standard Lambda and LMI (default command)', example: 'lmi-bench bench --workload io-bound --concurrency 1,8,32' },
  { name: 'report', summary: 'render report.html and summary.md for a finished run', example: 'lmi-bench report results/<run-id>' },
  { name: 'check', summary: 'compare a candidate run against a baseline (CI regression gate)', example: 'lmi-bench check --baseline baselines/io-bound-node.json --candidate results/<run-id>' },
  { name: 'safety', summary: 'find what breaks when invocations share an LMI environment', example: 'lmi-bench safety --workload ./my-fn --concurrency 16 --junit safety.xml' },
  { name: 'baseline', summary: 'save a run as the regression baseline', example: 'lmi-bench baseline save --run results/<run-id>' },
  { name: 'advise', summary: 'should a function move to LMI: a month on each compute type, no bench needed', example: 'lmi-bench advise --function my-fn --region us-east-1' },
  { name: 'cost', summary: 'price a workload: lambda | lmi | crossover', example: 'lmi-bench cost lmi --instance-type m7g.xlarge --instances 1 --hours 730 --requests 100000000' },
  { name: 'deploy', summary: 'deploy the bench stack to AWS', example: 'lmi-bench deploy --workload io-bound --region us-east-1' },
  { name: 'destroy', summary: 'remove the bench stack from AWS', example: 'lmi-bench destroy --run-id <run-id> --region us-east-1 --yes' },
  { name: 'engine', summary: 'run the embedded local engine in the foreground', example: 'lmi-bench engine --workload io-bound' },
  { name: 'bench-engine', summary: "the local engine's own overhead benchmark", example: 'lmi-bench bench-engine --duration 10' },
  { name: 'prices-refresh', summary: 'rebuild the offline price snapshot from the Price List API', example: 'lmi-bench prices-refresh --region us-east-1' },
];

/** The usage of `lmi-bench` itself: every command with what it does and one example. */
export function usage(list = commandList) {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.flatMap((c) => [`  ${c.name.padEnd(width)}  ${c.summary}`, `  ${''.padEnd(width)}    e.g. ${c.example}`]);
  return [
    'usage: lmi-bench <command> [options]   (lmi-bench <command> --help for its options)',
    '',
    'commands:',
    ...lines,
    '',
    'Try it: npm run bench --workload io-bound (about 2 minutes, no AWS account needed).',
    'Exit codes: 0 done, 1 regression or safety error found, 2 bad input or unusable environment, 70 internal error, 130 interrupted.',
  ].join('\n');
}
