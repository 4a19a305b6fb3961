import { benchDefaults } from '../../plan/defaults.ts';

/** The spend cap when the plan carries none (`--max-spend`). */
export const defaultBenchMaxSpendUsd: number = benchDefaults.aws.maxSpendUsd;
