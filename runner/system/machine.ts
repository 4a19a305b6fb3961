/** What the run was measured on: local timings are this machine's, so run.json records it. */
import { cpus, hostname, totalmem } from 'node:os';
import { askPython } from './python-interpreter.ts';

/** What run.json `machine` records. */
export interface MachineInfo {
  hostname: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  python: string | null;
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpuList = cpus();
  return {
    hostname: hostname(),
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpus: cpuList.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.versions.node,
    python: await pythonVersion(),
  };
}

/** `python3`'s version (3.11.7), or null when there is no python3 on PATH. */
async function pythonVersion(): Promise<string | null> {
  const interpreter = await askPython('python3', 5000);
  return interpreter?.versionOutput.replace(/^Python /, '') ?? null;
}
