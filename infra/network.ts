/**
 * Where the capacity provider launches instances: an existing network passed as context, or
 * a new VPC with private subnets in 3 availability zones (LMI spreads its minimum 3 instances
 * over AZs for resiliency). Instances need outbound access for CloudWatch Logs, hence NAT.
 */
import { Fn, Token, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { BenchStackConfig } from './config.ts';

export interface BenchNetwork {
  subnets: ec2.ISubnet[];
  securityGroups: ec2.ISecurityGroup[];
}

const azCount = 3;

export function benchNetwork(stack: Stack, config: BenchStackConfig): BenchNetwork {
  if (config.network) {
    return {
      subnets: config.network.subnetIds.map((id, i) => ec2.Subnet.fromSubnetId(stack, `Subnet${i}`, id)),
      securityGroups: config.network.securityGroupIds.map((id, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `SecurityGroup${i}`, id)),
    };
  }
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: availabilityZones(stack),
    natGateways: config.natGateways,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      {
        name: 'instances',
        subnetType: config.natGateways > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
        cidrMask: 20,
      },
    ],
  });
  const securityGroup = new ec2.SecurityGroup(stack, 'InstancesSecurityGroup', {
    vpc,
    description: 'lmi-bench capacity provider instances: outbound only',
    allowAllOutbound: true,
  });
  return { subnets: vpc.selectSubnets({ subnetGroupName: 'instances' }).subnets, securityGroups: [securityGroup] };
}

/**
 * An environment-agnostic stack only knows AZs as tokens and CDK gives it two; pick the first
 * three of the region with Fn::GetAZs instead. An environment-specific stack uses the AZs
 * CDK looked up (or that the `availability-zones:…` context supplies).
 */
function availabilityZones(stack: Stack): string[] {
  if (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
    return Array.from({ length: azCount }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
  const zones = stack.availabilityZones;
  if (zones.length < azCount) {
    throw new Error(`region ${stack.region} offers ${zones.length} availability zones; the bench needs ${azCount} (or pass subnetIds/securityGroupIds)`);
  }
  return zones.slice(0, azCount);
}
