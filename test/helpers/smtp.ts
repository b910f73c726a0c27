import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SmtpMessage {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpRig {
  url: string;
  port: number;
  messages: SmtpMessage[];
  /** Resolves once `n` messages have arrived (or rejects after the timeout). */
  waitFor(n: number, timeoutMs?: number): Promise<SmtpMessage[]>;
  close(): Promise<void>;
}

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtpServerProcess.mjs');

/** Starts the SMTP server process (test/helpers/smtpServerProcess.mjs) on a free port. */
export async function startSmtp(mode: 'accept' | 'reject' | 'tempfail' = 'accept'): Promise<SmtpRig> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const messages: SmtpMessage[] = [];
  const waiters: (() => void)[] = [];
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP server process exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { port?: number } & SmtpMessage;
      if (msg.port) resolve(msg.port);
      else {
        messages.push(msg);
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${n} messages arrived`)), timeoutMs);
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer);
            resolve(messages);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
