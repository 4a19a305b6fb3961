// A node:test reporter for scripts/run-tests.mjs: one JSON line per test file with its wall time
// (from the file's dequeue to its completion, so the runtime's start-up is counted), and one
// with the run's summary counts, which the runner adds up over its lanes.
export default async function* fileTimes(source) {
  const startedAt = new Map();
  const summary = {};
  for await (const event of source) {
    const { data } = event;
    const isFile = data?.file !== undefined && data.name === data.file && data.nesting === 0;
    if (event.type === 'test:dequeue' && isFile) startedAt.set(data.file, performance.now());
    else if (event.type === 'test:complete' && isFile) {
      const since = startedAt.get(data.file);
      const durationMs = since === undefined ? (data.details?.duration_ms ?? 0) : performance.now() - since;
      yield JSON.stringify({ file: data.file, durationMs, passed: data.details?.passed !== false }) + '\n';
    } else if (event.type === 'test:diagnostic' && data.nesting === 0) {
      const match = /^(tests|suites|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(data.message);
      if (match) summary[match[1]] = Number(match[2]);
    }
  }
  yield JSON.stringify({ summary }) + '\n';
}
