/** What the run was measured on: local timings are this machine's, so run.json records it. */
import { execFile } from 'node:child_process';
import { cpus, hostname, totalmem } from 'node:os';

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

/** `python3 --version`, or null when there is no python3 on PATH. */
function pythonVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('python3', ['--version'], { timeout: 5000 }, (error, stdout, stderr) => {
      if (error) return resolve(null);
      const match = /Python\s+(\S+)/.exec(`${stdout}${stderr}`);
      resolve(match?.[1] ?? null);
    });
  });
}
