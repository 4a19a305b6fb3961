/**
 * The architecture and the instance types a price was computed over, named the same way in
 * every output (bench's terminal, summary.md, report.html and run.json; advise; cost): the same
 * traffic costs differently on arm64 and on x86_64, and on one type or the cheapest of many, so
 * an output that does not say which it used cannot be compared with another. Pure.
 */
import type { Architecture, InstanceChoice, InstanceChoiceKind } from '../domain.ts';
import type { CandidateChoice } from './candidates.ts';
import type { PricedPlan } from './plan-cost-options.ts';
import { candidateInstanceTypes } from '../pricing/instance-types.ts';

/** The architecture a user would switch to: both are priced, a capacity provider runs one. */
const otherArchitecture: Record<Architecture, Architecture> = { x86_64: 'arm64', arm64: 'x86_64' };

const howToChange: Record<InstanceChoiceKind, (architecture: Architecture) => string> = {
  // The architecture follows a pinned type, so naming another type is the one way to change both.
  pinned: (a) => `pinned by --instance-type TYPE, whose architecture is used; without a pin every ${a} m/c/r type is considered`,
  narrowed: (a) => `narrowed by --instance-types; drop it for every ${a} m/c/r type, --instance-type TYPE pins one, --arch ${otherArchitecture[a]} with ${otherArchitecture[a]} types`,
  'architecture-set': (a) => `the cheapest fleet at each rate; change with --arch ${otherArchitecture[a]}, --instance-types LIST or --instance-type TYPE`,
};

export function instanceChoice(choice: CandidateChoice, names: readonly string[]): InstanceChoice {
  const kind: InstanceChoiceKind = choice.instanceType !== undefined ? 'pinned' : narrows(choice.architecture, choice.instanceTypes) ? 'narrowed' : 'architecture-set';
  const count = names.length === 1 ? '1 type' : `${names.length} types`;
  const summary = `${choice.architecture}, instance types considered: ${compactTypeList(names)} (${count}, ${howToChange[kind](choice.architecture)})`;
  return { architecture: choice.architecture, kind, instanceTypes: [...names], summary };
}

/**
 * Every name, grouped so 66 types read in two lines: families (`m7i`) with the same sizes share
 * one entry, `c6a, c6i in xlarge, 2xlarge`. Groups keep the order their first type had.
 */
export function compactTypeList(names: readonly string[]): string {
  const sizesByFamily = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.indexOf('.');
    const family = dot < 0 ? name : name.slice(0, dot);
    const size = dot < 0 ? '' : name.slice(dot + 1);
    sizesByFamily.set(family, [...(sizesByFamily.get(family) ?? []), size]);
  }
  const familiesBySizes = new Map<string, string[]>();
  for (const [family, sizes] of sizesByFamily) {
    const key = sizes.join(', ');
    familiesBySizes.set(key, [...(familiesBySizes.get(key) ?? []), family]);
  }
  return [...familiesBySizes]
    .map(([sizes, families]) => (sizes === '' ? families.join(', ') : families.length === 1 && !sizes.includes(',') ? `${families[0]}.${sizes}` : `${[...families].sort().join(', ')} in ${sizes}`))
    .join('; ');
}

/**
 * The choice a run was priced over, from its saved plan: for runs priced before run.json kept
 * `instanceChoice`, and for a report of a run that has none.
 */
export function instanceChoiceOfPlan(plan: Pick<PricedPlan, 'lambda' | 'lmi'>): InstanceChoice {
  const architecture = plan.lambda.architecture;
  if (plan.lmi.instancePinned !== false) return instanceChoice({ architecture, instanceType: plan.lmi.instanceType }, [plan.lmi.instanceType]);
  const names = plan.lmi.instanceTypes ?? candidateInstanceTypes(architecture);
  return instanceChoice({ architecture, instanceTypes: names }, names);
}

/** A bench plan keeps the whole set as its list: only a list that leaves some out narrows. */
function narrows(architecture: Architecture, listed: readonly string[] | undefined): boolean {
  if (listed === undefined) return false;
  const whole = candidateInstanceTypes(architecture);
  return listed.length !== whole.length || whole.some((name) => !listed.includes(name));
}
