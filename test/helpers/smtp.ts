// A real SMTP server inside the test (smtp-server), on 127.0.0.1 and a port of its own,
// keeping every message it accepted. It can be stopped and started again on the same port
// to play an outage.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Resolves when `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SmtpHooks {
  /** Answer RCPT TO with an error for this address (e.g. a 550). */
  refuse?(address: string): Error | null;
  /** Called once the DATA of a message has been read, before the server answers 250. */
  beforeAccept?(mail: ReceivedMail): Promise<void> | void;
}

export async function startSmtp(hooks: SmtpHooks = {}, port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let server: SMTPServer | null = null;
  let boundPort = port;

  const options: SMTPServerOptions = {
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(hooks.refuse?.(address.address) ?? null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        Promise.resolve(hooks.beforeAccept?.(mail)).then(
          () => {
            received.push(mail);
            for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  };

  const smtp: TestSmtp = {
    get port() {
      return boundPort;
    },
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    received,
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} mails, got ${received.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(received)) });
      });
    },
    async start() {
      server = new SMTPServer(options);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(boundPort, '127.0.0.1', () => resolve());
      });
      // A client that dies mid-session (the crash tests SIGKILL the app) resets its connection:
      // expected there; any other server error still fails the run loudly.
      server.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
      });
      boundPort = (server.server.address() as AddressInfo).port;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await smtp.start();
  return smtp;
}
