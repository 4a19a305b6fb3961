/** Where and how a deployed variant's CloudWatch metrics are read: what a target hands the metrics pull. */
export interface CloudWatchAccess {
  /** Endpoint override (the local engine); absent for AWS. */
  endpoint?: string;
  region: string;
  /** Dimensions of the function version (FunctionName, Resource, ...). */
  functionDimensions: Record<string, string>;
  /** LMI: dimensions of the capacity provider (CapacityProviderName, InstanceType). */
  capacityProviderDimensions?: Record<string, string>;
  /** Period in seconds that metrics are published at (60 for the engine, 300 for LMI on AWS). */
  periodSec: number;
}
