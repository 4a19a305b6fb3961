/**
 * The bench stack: one network, one capacity provider, and for each workload a standard
 * function and one LMI function per settings variant, all built from the same code asset
 * (the workload folder), each behind a published version, the `live` alias and an
 * IAM-authenticated HTTPS front door. Everything is removed with the stack.
 */
import { CfnOutput, RemovalPolicy, Stack, Tags, Duration, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Workload } from '../runner/workload/manifest.ts';
import { runtimeRegistry } from '../runner/runtimes/registry.ts';
import { functionCode } from './function-code.ts';
import type { BenchStackConfig } from './config.ts';
import { addFrontDoor } from './front-door.ts';
import { addLoadWorker } from './load-worker.ts';
import { benchNetwork } from './network.ts';
import { aliasName, pascalId, runIdTagKey, stackOutputKeys, variantOutputKey, type VariantOutputField } from './naming.ts';
import type { Variant } from '../runner/domain.ts';

export class BenchStack extends Stack {
  /**
   * One capacity provider per scaling target among the LMI variants (the target is a capacity
   * provider setting): `auto`, or `cpu70` for a manual target tracking policy at 70% average CPU.
   */
  readonly capacityProviders = new Map<string, lambda.CapacityProvider>();
  readonly #network: ReturnType<typeof benchNetwork>;
  readonly #config: BenchStackConfig;
  /** The load worker function, when the plan asked for load workers. */
  readonly loadWorker: lambda.Function | undefined;

  constructor(scope: Construct, id: string, config: BenchStackConfig, props: StackProps = {}) {
    super(scope, id, props);
    Tags.of(this).add(runIdTagKey, config.runId);
    Tags.of(this).add('lmi-bench', 'bench-stack');

    this.#network = benchNetwork(this, config);
    this.#config = config;

    // Before the variants: each variant's front door grants it invoke rights, and only those.
    this.loadWorker = config.loadWorkers >= 2 ? addLoadWorker(this, config.runId) : undefined;
    if (this.loadWorker) {
      new CfnOutput(this, stackOutputKeys.loadWorkerFunctionName, { key: stackOutputKeys.loadWorkerFunctionName, value: this.loadWorker.functionName });
    }

    for (const workload of config.workloads) {
      // One asset per workload: the standard and LMI functions run byte-identical code.
      const code = functionCode(workload, config.runtime);
      for (const variant of config.variants) this.addVariant(config, workload, variant, code);
    }

    const first = this.capacityProviders.values().next().value;
    if (first) new CfnOutput(this, stackOutputKeys.capacityProviderName, { key: stackOutputKeys.capacityProviderName, value: first.capacityProviderName });
    new CfnOutput(this, stackOutputKeys.instanceType, { key: stackOutputKeys.instanceType, value: config.instance.instanceType });
    new CfnOutput(this, stackOutputKeys.frontDoor, { key: stackOutputKeys.frontDoor, value: config.frontDoor });
    new CfnOutput(this, stackOutputKeys.runId, { key: stackOutputKeys.runId, value: config.runId });
  }

  /**
   * The capacity provider of a scaling target, made on first use: the architecture and allowed
   * instance types are the sizing model's candidate set (or the pinned type); Auto scaling, or a
   * manual target tracking policy on average CPU at the variant's --lmi-target-cpu.
   */
  private capacityProviderFor(targetCpuPercent: number | undefined): lambda.CapacityProvider {
    const key = targetCpuPercent === undefined ? 'auto' : `cpu${targetCpuPercent}`;
    const existing = this.capacityProviders.get(key);
    if (existing) return existing;
    const config = this.#config;
    const architecture = config.instance.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64;
    // The default operator role the L2 construct makes carries AWSLambdaManagedEC2ResourceOperator.
    // The Auto provider keeps the id it always had, so an existing stack is not replaced.
    const provider = new lambda.CapacityProvider(this, key === 'auto' ? 'CapacityProvider' : `CapacityProvider${pascalId(key)}`, {
      subnets: this.#network.subnets,
      securityGroups: this.#network.securityGroups,
      architectures: [architecture],
      instanceTypeFilter: lambda.InstanceTypeFilter.allow(config.instanceTypes.map((name) => new ec2.InstanceType(name))),
      maxVCpuCount: config.maxVcpus,
      scalingOptions:
        targetCpuPercent === undefined
          ? lambda.ScalingOptions.auto()
          : lambda.ScalingOptions.manual([lambda.TargetTrackingScalingPolicy.cpuUtilization(targetCpuPercent)]),
    });
    provider.applyRemovalPolicy(RemovalPolicy.DESTROY);
    this.capacityProviders.set(key, provider);
    return provider;
  }

  private addVariant(config: BenchStackConfig, workload: Workload, variant: Variant, code: lambda.Code): void {
    const id = `${pascalId(workload.manifest.name)}${pascalId(variant.id)}`;
    const handler = workload.manifest.runtimes[config.runtime]?.handler;
    if (handler === undefined) throw new Error(`workload '${workload.manifest.name}' has no ${config.runtime} handler`);
    const isLmi = variant.mode === 'lmi';
    const architecture = isLmi ? config.instance.architecture : config.lambdaArchitecture;

    // An explicit log group so that destroying the stack removes the logs too.
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY });
    const fn = new lambda.Function(this, `${id}Function`, {
      code,
      handler,
      // LMI's minimum of the language (Node.js 22, Python 3.13, Java 21, .NET 8, provided.al2023); standard Lambda gets the same runtime for a fair comparison.
      runtime: lambda.Runtime[runtimeRegistry[config.runtime].cdkRuntime],
      architecture: architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memorySize: variant.settings.memoryMb,
      timeout: Duration.seconds(config.timeoutSec),
      // LMI writes JSON logs only; both variants use it so their logs read alike.
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      description: `lmi-bench ${config.runId} ${workload.manifest.name} ${variant.id}`,
      currentVersionOptions: { removalPolicy: RemovalPolicy.DESTROY },
    });
    const capacityProvider = isLmi ? this.capacityProviderFor(variant.settings.targetCpuPercent) : undefined;
    if (capacityProvider) {
      capacityProvider.addFunction(fn, {
        perExecutionEnvironmentMaxConcurrency: variant.settings.maxConcurrency,
        executionEnvironmentMemoryGiBPerVCpu: variant.settings.gibPerVcpu,
        // Only the explicit version behind `live` should be provisioned: an auto-published
        // $LATEST.PUBLISHED version would hold a second set of minimum environments.
        publishToLatestPublished: false,
      });
    }
    const version = fn.currentVersion;
    if (isLmi) {
      (version.node.defaultChild as lambda.CfnVersion).functionScalingConfig = { minExecutionEnvironments: config.minEnvironments };
    }
    const alias = new lambda.Alias(this, `${id}Alias`, { aliasName, version });
    const frontDoor = addFrontDoor(this, id, alias, config.frontDoor);
    if (this.loadWorker) frontDoor.grantInvoke(this.loadWorker);

    const output = (field: VariantOutputField, value: string): void => {
      const key = variantOutputKey(workload.manifest.name, variant.id, field);
      new CfnOutput(this, key, { key, value });
    };
    output('FunctionName', fn.functionName);
    output('AliasArn', alias.functionArn);
    output('Version', version.version);
    output('Url', frontDoor.url);
    if (capacityProvider) output('CapacityProviderName', capacityProvider.capacityProviderName);
  }
}
