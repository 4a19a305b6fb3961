/**
 * What the plan is built from: every bench option, already parsed to its type by the command
 * line (runner/cli/commands/bench-flags.ts declares one flag per field, with the same name; the
 * type check ties the two together). Fields without a default are undefined when not given,
 * because their default depends on other options (the workload's memory, the instance type's
 * architecture, a time-stamped run id).
 */
import type { Architecture, Mode, TargetKind, TrafficProfile } from '../domain.ts';
import type { InstanceShape } from '../pricing/instance-types.ts';
import type { Runtime } from '../runtimes/registry.ts';
import type { Workload } from '../workload/manifest.ts';

export interface BenchOptions {
  workload: Workload;
  runtime: Runtime;
  target: TargetKind;
  modes: Mode[];
  concurrency: number[];
  rates: number[] | undefined;
  'load-workers': number;
  /** Read only when given (its default depends on --target and --load-workers). */
  'parallel-variants': boolean;
  duration: number;
  warmup: number;
  trials: number;
  memory: number | undefined;
  'lmi-memory': number | undefined;
  'lmi-max-concurrency': number[] | undefined;
  'lmi-gib-per-vcpu': number[];
  'lmi-min-environments': number;
  /** Pins LMI to one type; absent: the sizing model chooses among the candidate set. */
  'instance-type': InstanceShape | undefined;
  'instance-types': string[] | undefined;
  'lmi-target-cpu': number[] | undefined;
  'functions-per-provider': number;
  'instance-reserve-vcpu': number;
  'instance-reserve-gib': number;
  'max-vcpus': number;
  'instance-launch-delay': number;
  'concurrency-limit': number;
  'idle-timeout': number;
  timeout: number;
  arch: Architecture | undefined;
  region: string;
  offline: boolean;
  'lambda-discount': number;
  'lmi-discount': number;
  /** Refused (split into the two above); never a value. */
  discount: undefined;
  'free-tier': boolean;
  event: Record<string, unknown> | undefined;
  /** The --traffic spec as given (constant:R | diurnal:PEAK:TROUGH | csv:FILE | cloudwatch:FUNCTION); the plan reads it. */
  traffic: string | undefined;
  /** The AWS credentials profile (--profile). */
  profile: string | undefined;
  'slo-p99-ms': number | undefined;
  out: string;
  'run-id': string | undefined;
  keep: boolean;
  'max-spend': number | undefined;
  'plan-only': boolean;
  quiet: boolean;
}

/** The options with how they were given: messages name an option as the user gave it. */
export interface PlanInput {
  options: BenchOptions;
  /** Whether the user gave the option (a default does not count). */
  given(name: keyof BenchOptions): boolean;
  /** How a message names the option, e.g. `--arch` or `--arch (npm_config_arch)`. */
  label(name: keyof BenchOptions): string;
  /**
   * The --traffic spec already read into a profile (runner/traffic/read-traffic.ts) by the
   * command: planning never reads a file or CloudWatch for traffic itself.
   */
  traffic?: { spec: string; traffic: TrafficProfile } | undefined;
}
