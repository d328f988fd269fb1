// Where outbox messages go: an SMTP server (pooled connections) when SMTP_URL is set, or
// .eml files under <dataDir>/outbox/ by default. Either way `deliver` resolves only once the
// message is safe: accepted by the server, or renamed into place on disk.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { Config } from '../config.js';

export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  /** `name` is a stable file-safe name of the message (the .eml transport uses it). */
  deliver(message: Mail.Options, name: string): Promise<void>;
  close(): void;
  /** Strings that must never appear in a stored error (the SMTP password). */
  readonly secrets: string[];
}

export interface SmtpOptions {
  /** Milliseconds to wait for a connection, the greeting and socket inactivity. */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
  maxConnections?: number;
}

export function smtpTransport(url: string, options: SmtpOptions = {}): MailTransport {
  // One pooled transporter for the life of the worker: a new connection per message costs
  // about 110 ms against 5 ms on a pooled one.
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
  });
  const parsed = new URL(url);
  const secrets = [parsed.password, decodeURIComponent(parsed.password)].filter((s) => s.length > 0);
  return {
    kind: 'smtp',
    secrets,
    async deliver(message) {
      const info = await transporter.sendMail(message);
      // sendMail resolves when the server answered DATA with 250; a recipient refused on
      // RCPT TO while others were accepted would show here (we send to one address).
      if (info.rejected.length > 0)
        throw Object.assign(new Error(`recipient refused: ${info.response}`), {
          responseCode: 550,
          command: 'RCPT TO',
        });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The RFC 822 bytes of a message, CRLF line breaks: nodemailer's own MIME composer, without
 * the transport around it (plugins, envelope, a second stream to rewrite line breaks), which
 * gives the same bytes as a buffered stream transport with `newline: 'windows'` for less.
 */
export function buildMessage(message: Mail.Options): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // One random boundary base for the message; left out, each of its MIME parts draws its own.
    new MailComposer({ ...message, newline: 'windows', baseBoundary: randomUUID() } as Mail.Options)
      .compile()
      .build((err, bytes) => (err ? reject(err) : resolve(bytes)));
  });
}

export function emlTransport(dir: string): MailTransport {
  // The directory is made once, not once per message; made again if it went away.
  let made: Promise<unknown> | null = null;
  const write = async (partial: string, message: Buffer) => {
    made ??= fs.promises.mkdir(dir, { recursive: true }).catch((err: unknown) => {
      made = null;
      throw err;
    });
    await made;
    try {
      await fs.promises.writeFile(partial, message);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      made = null;
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.writeFile(partial, message);
    }
  };
  return {
    kind: 'eml',
    secrets: [],
    async deliver(message, name) {
      const bytes = await buildMessage(message);
      const file = path.join(dir, `${name}.eml`);
      const partial = `${file}.partial`;
      // Written then renamed: a crash leaves no half file under the final name, and a
      // retry of the same message overwrites it rather than adding a second one.
      await write(partial, bytes);
      await fs.promises.rename(partial, file);
    },
    close() {},
  };
}

export function emlDirectory(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'outbox');
}

export function transportFromConfig(config: Pick<Config, 'smtpUrl' | 'dataDir'>): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : emlTransport(emlDirectory(config));
}
