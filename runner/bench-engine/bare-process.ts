/** Spawns bare-server.mjs as its own process and waits for its port. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scriptPath = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));

export interface BareServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `handler`: a Node handler module the bare server calls in-process (default: answer 'ok'). */
export function startBareServer(handler?: { file: string; exportName: string }): Promise<BareServer> {
  const args = handler ? [scriptPath, handler.file, handler.exportName] : [scriptPath];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare server exited before it listened (code ${code})`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      if (!buffered.includes('\n')) return;
      const { port } = JSON.parse(buffered.slice(0, buffered.indexOf('\n'))) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/`,
        pid: child.pid ?? 0,
        stop: async () => {
          child.stdin.end();
          const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(kill);
        },
      });
    });
  });
}
