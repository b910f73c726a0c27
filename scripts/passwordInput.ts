import { ConfigError } from '../server/config.ts';

/** Everything on standard input, without the final line break (for `--password-stdin`). */
export async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdin.destroy();
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads one line from the terminal without echoing it. */
function hiddenLine(question: string): Promise<string> {
  const { stdin, stdout } = process;
  return new Promise((resolve, reject) => {
    let typed = '';
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stdout.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new ConfigError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new password: asked twice on the terminal (no echo), or read from stdin with `--password-stdin`. */
export async function newPassword(fromStdin: boolean, forWhom: string): Promise<string> {
  if (fromStdin) return passwordFromStdin();
  if (!process.stdin.isTTY) throw new ConfigError('no terminal to ask for the password: pipe it in and add --password-stdin');
  const first = await hiddenLine(`new password for ${forWhom} (at least 12 characters): `);
  const again = await hiddenLine('the same again: ');
  if (first !== again) throw new ConfigError('the two passwords differ; nothing changed');
  return first;
}
