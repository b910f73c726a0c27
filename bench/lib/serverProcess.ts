// The product's server as its own process (server/index.ts) on a data directory a benchmark wrote.
import { spawn, type ChildProcess } from 'node:child_process';

const stopping = new WeakSet<ChildProcess>();

/**
 * Starts it with `env` and resolves once it listens; its log goes to stderr,
 * so the benchmark's figures stay apart. An exit the benchmark did not ask for
 * is reported with its code or signal and the server's last lines.
 */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
    process.stderr.write(b);
  });
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`the server exited unasked (code ${code}, signal ${signal}); its last lines:\n${out.slice(-4000)}`);
  });
  await new Promise<void>((resolve, reject) => {
    const listening = () => out.includes('dashboard at') && resolve();
    child.stdout!.on('data', listening);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
  return child;
}

export async function stopServerProcess(child: ChildProcess): Promise<void> {
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
