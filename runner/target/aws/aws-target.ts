/**
 * The `aws` target: the bench stack (infra/) deployed with the pinned CDK CLI, functions
 * reached through their IAM-authenticated front doors with SigV4, metrics read from
 * CloudWatch. start() checks credentials, applies the spend guard, deploys, reads the stack
 * outputs and waits until every version is active; stop() destroys the stack unless `keep`.
 * A Ctrl-C during start() aborts the deploy and tears down what was created.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LambdaClient, PutFunctionScalingConfigCommand } from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { InterruptedError, UsageError } from '../../errors.ts';
import type { BenchPlan } from '../../plan/plan.ts';
import { planVariants } from '../../plan/variants.ts';
import { awsCredentialSources, findAwsCredentials } from '../../system/aws-credentials.ts';
import type { WindowStats } from '../../engine/protocol.ts';
import type { DeployedVariant, Target } from '../target.ts';
import { aliasName, stackNameForRun, type FrontDoorKind } from '../../../infra/naming.ts';
import { runCdkWithPrivateAssembly, type CdkRunOptions } from './cdk-cli.ts';
import { contextArgs, stackContext, type StackNetwork } from './stack-context.ts';
import { readStackOutputs, type StackOutputs } from './stack-outputs.ts';
import { createRequestSigner, signingServiceFor } from './sigv4.ts';
import { defaultWaitOptions, waitUntilActive, type WaitOptions } from './wait-active.ts';
import { lambdaMetricPeriodSec, lmiMetricPeriodSec } from './plan-check.ts';
import { guardAwsSpend } from './guard.ts';
import { awsLoadWorkers, workerInvokeClient } from './aws-load-workers.ts';
import type { LoadWorkerPool } from '../../load/load-task.ts';
import type { Variant } from '../../domain.ts';
import { awsClientLimits } from '../../system/aws-client-limits.ts';

export interface AwsTargetOptions {
  env?: NodeJS.ProcessEnv;
  frontDoor?: FrontDoorKind;
  network?: StackNetwork;
  /** The CDK CLI command (default: the aws-cdk package's CLI, or LMI_BENCH_CDK). */
  cdkCommand?: string[];
  /** Injected for tests; built from the credentials otherwise. */
  lambdaClient?: LambdaClient;
  /** The client that invokes load workers (one attempt, long timeout); injected for tests. */
  workerClient?: LambdaClient;
  wait?: Partial<Pick<WaitOptions, 'timeoutMs' | 'pollMs' | 'sleep'>>;
  /** Progress lines (the CDK CLI's output among them). */
  log?: (line: string) => void;
  variants?: Variant[];
  /** Checked before deploying; a UsageError refuses the run. Default: the spend guard (guard.ts). */
  beforeDeploy?: (credentials: AwsCredentialIdentity) => Promise<void>;
  /** Tear down on SIGINT during start() (default true). */
  handleSigint?: boolean;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'deploying' }
  | { kind: 'ready'; outputs: StackOutputs }
  | { kind: 'stopped' };

export class AwsTarget implements Target {
  readonly kind = 'aws' as const;
  readonly stackName: string;
  readonly #plan: BenchPlan;
  readonly #options: AwsTargetOptions;
  readonly #variants: Variant[];
  readonly #env: NodeJS.ProcessEnv;
  #phase: Phase = { kind: 'idle' };
  #credentials: AwsCredentialIdentity | null = null;
  #stopping: Promise<void> | undefined;
  #lambdaClient: LambdaClient | undefined;
  readonly #abort = new AbortController();

  constructor(plan: BenchPlan, options: AwsTargetOptions = {}) {
    this.#plan = plan;
    this.#options = options;
    this.#env = options.env ?? process.env;
    this.#variants = options.variants ?? planVariants(plan);
    this.stackName = stackNameForRun(plan.runId);
  }

  get outputsPath(): string {
    return join(this.#plan.outDir, 'aws-stack-outputs.json');
  }

  /**
   * The `-c` arguments of this run's stack (deploy and destroy synthesize the same app). Each
   * CDK call gets a private cloud assembly folder of its own (runCdkWithPrivateAssembly), so
   * two runs never share cdk.out and no other user can read or plant one.
   */
  cdkContextArgs(): string[] {
    return contextArgs(stackContext(this.#plan, this.#variants, { ...(this.#options.frontDoor ? { frontDoor: this.#options.frontDoor } : {}), ...(this.#options.network ? { network: this.#options.network } : {}) }));
  }

  async start(): Promise<void> {
    if (this.#phase.kind !== 'idle') throw new Error(`the aws target cannot start when ${this.#phase.kind}`);
    this.#credentials = await findAwsCredentials(this.#env);
    if (!this.#credentials) throw new UsageError(`--target aws needs AWS credentials; none found (looked in ${awsCredentialSources(this.#env)})`);
    const credentials = this.#credentials;
    await (this.#options.beforeDeploy ?? ((c) => guardAwsSpend(this.#plan, { credentials: c, variants: this.#variants, log: (l) => this.#log(l) }).then(() => undefined)))(credentials);

    const onSigint = (): void => {
      this.#log('lmi-bench: interrupted: stopping the deploy and removing the stack');
      this.#abort.abort(new InterruptedError('deploy interrupted'));
    };
    const handleSigint = this.#options.handleSigint ?? true;
    if (handleSigint) process.once('SIGINT', onSigint);
    try {
      this.#phase = { kind: 'deploying' };
      mkdirSync(this.#plan.outDir, { recursive: true });
      this.#log(`lmi-bench: deploying stack ${this.stackName} to ${this.#plan.region} (LMI versions take 3–5 minutes each to provision)`);
      const result = await runCdkWithPrivateAssembly(
        ['deploy', this.stackName, '--require-approval', 'never', '--outputs-file', this.outputsPath, '--no-notices', ...this.cdkContextArgs()],
        this.stackName,
        this.#cdkRunOptions(),
      );
      this.#abort.signal.throwIfAborted();
      if (result.exitCode !== 0) throw new UsageError(`cdk deploy failed (exit ${result.exitCode}): ${result.tail.slice(-3).join(' | ')}`);
      const outputs = readStackOutputs(this.outputsPath, this.stackName, this.#plan.workload.manifest.name, this.#variants);
      await this.#waitForVersions(outputs);
      this.#phase = { kind: 'ready', outputs };
    } catch (error) {
      // Whatever part of the stack exists costs money: take it down before reporting, --keep or not.
      this.#stopping ??= this.#teardown({ force: true });
      await this.#stopping.catch((stopError: unknown) => this.#log(`lmi-bench: teardown after the failed start also failed: ${(stopError as Error).message}`));
      if (this.#abort.signal.aborted) throw this.#abort.signal.reason instanceof Error ? this.#abort.signal.reason : new InterruptedError('deploy interrupted');
      throw error;
    } finally {
      if (handleSigint) process.off('SIGINT', onSigint);
    }
  }

  async deploy(variant: Variant): Promise<DeployedVariant> {
    if (this.#phase.kind !== 'ready') throw new Error('the aws target was not started');
    const outputs = this.#phase.outputs;
    const out = outputs.variants.get(variant.id);
    if (!out) throw new Error(`variant ${variant.id} is not in stack ${this.stackName}`);
    const isLmi = variant.mode === 'lmi';
    const credentials = this.#credentials;
    return {
      variant,
      functionName: out.functionName,
      url: out.url,
      ...(credentials
        ? { signRequest: createRequestSigner({ region: this.#plan.region, service: signingServiceFor(outputs.frontDoor), credentials: () => this.#freshCredentials() }) }
        : {}),
      cloudwatch: {
        region: this.#plan.region,
        // LMI publishes per version (Resource = name:version); standard Lambda per alias.
        functionDimensions: { FunctionName: out.functionName, Resource: `${out.functionName}:${isLmi ? out.version : aliasName}` },
        ...(isLmi ? { capacityProviderDimensions: { CapacityProviderName: out.capacityProviderName ?? outputs.capacityProviderName, InstanceType: outputs.instanceType } } : {}),
        periodSec: isLmi ? lmiMetricPeriodSec : lambdaMetricPeriodSec,
      },
    };
  }

  /** The stack's load worker function (deployed when the plan has --load-workers ≥ 2). */
  async loadWorkers(): Promise<LoadWorkerPool> {
    if (this.#phase.kind !== 'ready') throw new Error('the aws target was not started');
    const { outputs } = this.#phase;
    if (!outputs.loadWorkerFunctionName) throw new Error(`stack ${this.stackName} has no load worker function (it was deployed without --load-workers)`);
    return awsLoadWorkers({
      functionName: outputs.loadWorkerFunctionName,
      region: this.#plan.region,
      signingService: signingServiceFor(outputs.frontDoor),
      client: this.#options.workerClient ?? workerInvokeClient(this.#plan.region, () => this.#freshCredentials()),
    });
  }

  /** AWS tells what happened through CloudWatch only. */
  async windowStats(_deployed: DeployedVariant, _window: { startMs: number; endMs: number }): Promise<WindowStats | null> {
    return null;
  }

  /**
   * An LMI version keeps its minimum instances (and their bill) until told otherwise: once a
   * variant is measured, scale it to zero environments. Standard Lambda has nothing to release.
   */
  async remove(deployed: DeployedVariant): Promise<void> {
    if (deployed.variant.mode !== 'lmi' || this.#phase.kind !== 'ready') return;
    const out = this.#phase.outputs.variants.get(deployed.variant.id);
    if (!out) return;
    try {
      await this.#lambda().send(
        new PutFunctionScalingConfigCommand({ FunctionName: out.functionName, Qualifier: out.version, FunctionScalingConfig: { MinExecutionEnvironments: 0, MaxExecutionEnvironments: 0 } }),
      );
    } catch (error) {
      this.#log(`lmi-bench: could not scale ${out.functionName}:${out.version} to zero (it keeps running until the stack is destroyed): ${(error as Error).message}`);
    }
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#teardown({ force: false });
    return this.#stopping;
  }

  /**
   * Second Ctrl-C: the process exits now, and the CDK CLI (same terminal process group) stops
   * with it. Nothing can be removed in time; say what may be left and how to remove it.
   */
  kill(): void {
    if (this.#phase.kind === 'idle') return;
    this.#log(`lmi-bench: stack ${this.stackName} may still exist and cost money: lmi-bench destroy --run-id ${this.#plan.runId} --region ${this.#plan.region} --yes`);
  }

  async #teardown(options: { force: boolean }): Promise<void> {
    const phase = this.#phase;
    this.#phase = { kind: 'stopped' };
    if (phase.kind === 'idle' || phase.kind === 'stopped') return;
    if (this.#plan.aws?.keep && !options.force) {
      this.#log(`lmi-bench: keeping stack ${this.stackName} (--keep); remove it with: lmi-bench destroy --run-id ${this.#plan.runId} --yes`);
      return;
    }
    this.#log(`lmi-bench: destroying stack ${this.stackName}`);
    // Not abortable: a half-destroyed stack is worse than a slow exit.
    const result = await runCdkWithPrivateAssembly(['destroy', this.stackName, '--force', '--no-notices', ...this.cdkContextArgs()], this.stackName, { ...this.#cdkRunOptions(), signal: undefined });
    if (result.exitCode !== 0) {
      throw new UsageError(`cdk destroy of ${this.stackName} failed (exit ${result.exitCode}): ${result.tail.slice(-3).join(' | ')}; see docs/aws.md "Cleaning up by hand"`);
    }
  }

  async #waitForVersions(outputs: StackOutputs): Promise<void> {
    const client = this.#lambda();
    await Promise.all(
      [...outputs.variants.entries()].map(([variantId, out]) =>
        waitUntilActive(client, out.functionName, aliasName, {
          timeoutMs: this.#options.wait?.timeoutMs ?? defaultWaitOptions.timeoutMs,
          pollMs: this.#options.wait?.pollMs ?? defaultWaitOptions.pollMs,
          ...(this.#options.wait?.sleep ? { sleep: this.#options.wait.sleep } : {}),
          signal: this.#abort.signal,
          onWaiting: (s) => this.#log(`lmi-bench: ${variantId}: version ${out.version} is ${s.state}/${s.lastUpdateStatus} after ${Math.round(s.elapsedMs / 1000)} s`),
        }),
      ),
    );
  }

  #lambda(): LambdaClient {
    this.#lambdaClient ??= this.#options.lambdaClient ?? new LambdaClient({ ...awsClientLimits(), region: this.#plan.region, credentials: () => this.#freshCredentials() });
    return this.#lambdaClient;
  }

  /** Temporary credentials (SSO, roles) expire during long runs: look again when near expiry. */
  async #freshCredentials(): Promise<AwsCredentialIdentity> {
    const current = this.#credentials;
    const expiresSoon = current?.expiration !== undefined && current.expiration.getTime() - Date.now() < 5 * 60_000;
    if (!current || expiresSoon) {
      const found = await findAwsCredentials(this.#env);
      if (!found) throw new UsageError('AWS credentials are no longer available');
      this.#credentials = found;
      return found;
    }
    return current;
  }

  #cdkRunOptions(): CdkRunOptions {
    return {
      ...(this.#options.cdkCommand ? { command: this.#options.cdkCommand } : {}),
      env: { ...this.#env, AWS_REGION: this.#plan.region, CDK_DEFAULT_REGION: this.#plan.region },
      onLine: (line) => this.#log(`  cdk: ${line}`),
      signal: this.#abort.signal,
    };
  }

  #log(line: string): void {
    (this.#options.log ?? ((l: string) => process.stderr.write(l + '\n')))(line);
  }
}
