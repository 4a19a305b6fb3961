/**
 * The vocabulary every stage shares: compute modes, targets, architectures, the settings of a
 * deployable variant, where prices came from, and a traffic profile. It imports nothing, so any
 * folder may import it without tying itself to another stage (plan, pricing, cost, run, reports
 * and infra all speak these types).
 */

/** The two compute types a run compares: standard Lambda and Lambda Managed Instances. */
export type Mode = 'lambda' | 'lmi';
export const modes: readonly Mode[] = ['lambda', 'lmi'];

/** Where the functions run: the embedded local engine, or the CDK stack in an AWS account. */
export type TargetKind = 'local' | 'aws';
export const targetKinds: readonly TargetKind[] = ['local', 'aws'];

/** Lambda's architecture names (the EC2 instance types' are the same two). */
export type Architecture = 'x86_64' | 'arm64';
export const architectures: readonly Architecture[] = ['x86_64', 'arm64'];

/**
 * Lambda's synchronous request payload limit: "Request must be smaller than 6291456 bytes for
 * the InvokeFunction operation". The engine's front door enforces it; plans refuse an event over it.
 */
export const lambdaMaxRequestBytes = 6 * 1024 * 1024;

/** The settings a level was measured with (run.json `levels[].settings`). */
export interface VariantSettings {
  memoryMb: number;
  maxConcurrency?: number;
  gibPerVcpu?: number;
  /** LMI Manual scaling: target tracking on average CPU, percent (--lmi-target-cpu); absent = Auto. */
  targetCpuPercent?: number;
}

/** One deployable function configuration: standard Lambda, or one LMI settings combination. */
export interface Variant {
  /** Stable id, e.g. `lambda-m1024` or `lmi-c16-g2`; also the function name suffix. */
  id: string;
  mode: Mode;
  settings: VariantSettings;
}

/** Where a price book's numbers came from, printed in every report and kept in run.json. */
export interface PriceProvenance {
  source: 'price-list-api' | 'snapshot' | 'cache';
  /** Date the prices were captured (YYYY-MM-DD). */
  asOf: string;
  region: string;
  /** What a reader of the report must know about these prices (derived figures, fallbacks). */
  notes?: string[];
}

/** How an LMI candidate set came about: one --instance-type, a --instance-types list, or the architecture's whole set. */
export type InstanceChoiceKind = 'pinned' | 'narrowed' | 'architecture-set';

/** The architecture and instance types a price was computed over (runner/cost/instance-choice.ts builds it). */
export interface InstanceChoice {
  architecture: Architecture;
  kind: InstanceChoiceKind;
  /** The priced types the model chose among (the pinned one alone when pinned). */
  instanceTypes: string[];
  /** One line: the architecture, the types considered, and the flags that change them. */
  summary: string;
}

/** Request counts per minute over some span; the monthly projection repeats the span. */
export interface TrafficProfile {
  /** How the profile was specified, e.g. `diurnal:200:20`. */
  name: string;
  /** Requests in each consecutive minute; the month repeats this span. */
  minuteRequests: number[];
  /**
   * Set when the profile is a deployed function's history: the minutes CloudWatch had data for
   * (from the first datapoint to the end) against the minutes of the window asked for, so a
   * month projected from a short history can say so.
   */
  history?: { minutesSeen: number; minutesAsked: number };
}
