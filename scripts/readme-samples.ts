/**
 * `npm run docs:samples`: README.md's sample outputs regenerated from real runs. Each sample is a
 * ```text block between `<!-- sample: NAME -->` and `<!-- /sample -->`; this script runs the
 * command its prose names (offline, on the local engine), and rewrites the block with what the
 * command printed, atomically. `--check` compares without writing: exit 1 and, per stale
 * sample, its first differing lines.
 *
 * What a check can compare depends on the sample. advise's what-if is a pure model of its flags:
 * the same command prints the same bytes, so it is compared exactly. A bench measures this
 * machine, so its figures (and the run id) differ on every run: its check compares the shape
 * only, the table's rows (mode and settings, one per level) and the labels of the lines after it
 * (`verdict:`, `crossover:`, `results:` …), never the numbers; writing it records today's figures.
 *
 *   npm run docs:samples                                   # rewrites README.md's samples
 *   npm run docs:samples -- --check                        # exit 1 when one is stale
 *   npm run docs:samples -- --check --only advise-what-if  # the deterministic one alone (seconds)
 *   npm run docs:samples -- --readme /tmp/README.md        # another copy of the README
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../runner/system/write-file-atomic.ts';
import { errorMessage } from '../runner/system/error-message.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'lmi-bench.mjs');

/** How a check compares a sample: byte for byte, or its shape without the figures. */
type Comparison = 'exact' | 'shape';

interface Sample {
  /** The marker's name. */
  name: string;
  /** lmi-bench's arguments. */
  argv: string[];
  /** Text the README's prose before the block must contain: the command as the reader sees it. */
  prose: string[];
  comparison: Comparison;
  /** What of stdout the README shows. */
  shown: (stdout: string) => string;
}

/** Blocks of advise's terminal output the README leaves out ("the settings' reasons and the risks"). */
function withoutBlocks(stdout: string, headings: readonly string[]): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of stdout.split('\n')) {
    if (headings.includes(line)) skipping = true;
    else if (skipping && line === '') skipping = false;
    else if (!skipping) out.push(line);
  }
  return out.join('\n');
}

export const samples: Sample[] = [
  {
    name: 'bench-real-run',
    argv: ['bench', '--traffic', 'constant:50', '--offline', '--out', 'results'],
    prose: ['`npm run bench -- --traffic constant:50`'],
    comparison: 'shape',
    shown: (stdout) => stdout,
  },
  {
    name: 'advise-what-if',
    argv: ['advise', '--requests-per-month', '50000000', '--duration-ms', '120', '--memory-mb', '1024', '--arch', 'arm64', '--cpu-ms', '10', '--instance-type', 'm7g.xlarge', '--offline'],
    prose: ['advise --requests-per-month 50000000 --duration-ms 120 --memory-mb 1024 --arch arm64', '`--cpu-ms 10 --instance-type m7g.xlarge --offline`'],
    comparison: 'exact',
    shown: (stdout) => withoutBlocks(stdout, ['LMI settings:', 'risks:']),
  },
];

const blockPattern = (name: string): RegExp => new RegExp(`(<!-- sample: ${name} -->\\n\`\`\`text\\n)([\\s\\S]*?)(\`\`\`\\n<!-- /sample -->)`);

/** The block's text and the prose before it, or a message naming what is missing. */
export function findBlock(readme: string, sample: Sample): { text: string; before: string } {
  const match = blockPattern(sample.name).exec(readme);
  if (!match) throw new Error(`README has no sample block '${sample.name}' (<!-- sample: ${sample.name} --> then a \`\`\`text block then <!-- /sample -->)`);
  const before = readme.slice(0, match.index);
  for (const text of sample.prose) if (!before.includes(text)) throw new Error(`the README's prose before sample '${sample.name}' no longer names ${text}: update the script's command with it`);
  return { text: match[2] ?? '', before };
}

export function replaceBlock(readme: string, sample: Sample, text: string): string {
  return readme.replace(blockPattern(sample.name), (_all, open: string, _old: string, close: string) => `${open}${text}${close}`);
}

/**
 * A line without its figures: numbers (and so run ids and dates) become `#`, runs of spaces one.
 * A `label: …` line keeps its label alone, since its words may follow the figures (saves or costs more).
 */
export function shapeOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const label = /^([a-z][a-z ()-]*?|NOT CHECKED|NOT SAFE FOR LMI YET)[:]/i.exec(line);
      if (label?.[1] !== undefined && !/^(lambda|lmi)\s/.test(line)) return `${label[1]}:`;
      return line.replace(/\d+(?:[.,]\d+)*/g, '#').replace(/\s+/g, ' ').trim();
    });
}

/** The first differences between the README's block and the fresh output, as lines for a summary. */
export function differences(shown: string, fresh: string, comparison: Comparison): string[] {
  const [a, b] = comparison === 'exact' ? [shown.split('\n'), fresh.split('\n')] : [shapeOf(shown), shapeOf(fresh)];
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 6; i += 1) {
    if (a[i] !== b[i]) out.push(`  line ${i + 1}: README ${JSON.stringify(a[i] ?? '(none)')}`, `  ${' '.repeat(String(i + 1).length + 5)}  now    ${JSON.stringify(b[i] ?? '(none)')}`);
  }
  return out;
}

function runSample(sample: Sample): Promise<string> {
  // A folder of its own: a bench's results go there, and the paths it prints read results/<id>.
  const cwd = mkdtempSync(join(tmpdir(), 'lmi-bench-readme-sample-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: cwd, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...sample.argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`lmi-bench ${sample.argv.join(' ')} exited ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
      // The paths as a reader's run prints them: results/<run-id>, not this temporary folder's.
      else resolve(sample.shown(stdout.replaceAll(`${cwd}/`, '')).replace(/\n*$/, '\n'));
    });
  });
}

interface Args {
  check: boolean;
  only: string[] | null;
  readmePath: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { check: false, only: null, readmePath: join(root, 'README.md') };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--check') args.check = true;
    else if (flag === '--only') args.only = value().split(',');
    else if (flag === '--readme') args.readmePath = value();
    else throw new Error(`unknown option ${flag} (--check, --only NAME[,NAME], --readme PATH)`);
  }
  const unknown = (args.only ?? []).filter((name) => !samples.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`no sample named ${unknown.join(', ')} (samples: ${samples.map((s) => s.name).join(', ')})`);
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  let readme = readFileSync(args.readmePath, 'utf8');
  const chosen = samples.filter((s) => args.only === null || args.only.includes(s.name));
  const stale: string[] = [];
  for (const sample of chosen) {
    const { text } = findBlock(readme, sample);
    process.stderr.write(`docs:samples: running ${sample.name}: lmi-bench ${sample.argv.join(' ')}\n`);
    const fresh = await runSample(sample);
    const diff = differences(text, fresh, sample.comparison);
    const how = sample.comparison === 'exact' ? 'byte for byte' : 'shape: rows and labels, figures vary by run';
    if (diff.length > 0) stale.push(sample.name);
    if (args.check) {
      process.stdout.write(diff.length === 0 ? `${sample.name}: up to date (${how})\n` : `${sample.name}: stale (${how}):\n${diff.join('\n')}\n`);
      continue;
    }
    process.stdout.write(text === fresh ? `${sample.name}: unchanged\n` : `${sample.name}: rewritten${diff.length > 0 ? `:\n${diff.join('\n')}` : " with today's figures"}\n`);
    readme = replaceBlock(readme, sample, fresh);
  }
  if (args.check) return stale.length > 0 ? 1 : 0;
  await writeFileAtomic(args.readmePath, readme);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`docs:samples: ${errorMessage(error)}\n`);
      process.exit(2);
    },
  );
}
