// A real SMTP server in its own process, for the report e-mail tests: plain
// SMTP (no TLS), authentication optional. Prints {"port": n} once listening,
// then one JSON line per accepted message: {from, to, raw} (raw = the RFC 822
// text). argv[2]: "accept" (default), "reject" (550 for every message) or
// "tempfail" (451). Recipients bounce@… are refused for good (550), later@…
// for now (451), whatever the mode.
import { SMTPServer } from 'smtp-server';

const mode = process.argv[2] ?? 'accept';
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, done) {
    const local = address.address.split('@')[0];
    if (local === 'bounce') return done(Object.assign(new Error('no such user'), { responseCode: 550 }));
    if (local === 'later') return done(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
    done();
  },
  onData(stream, session, done) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      if (mode === 'reject') return done(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      if (mode === 'tempfail') return done(Object.assign(new Error('try again later'), { responseCode: 451 }));
      const raw = Buffer.concat(chunks).toString('utf8');
      process.stdout.write(`${JSON.stringify({ from: session.envelope.mailFrom?.address, to: session.envelope.rcptTo.map((r) => r.address), raw })}\n`);
      done();
    });
  },
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
