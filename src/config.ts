// Every setting comes from the environment, is validated once at start and is typed here.
// A bad value stops the start with one line that names the variable: a half-working
// server is worse than none.
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_REMINDERS, parseReminders, type ReminderSpec } from './domain/reminders.js';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** Folder for files the app writes (database by default, .eml outbox files). */
  dataDir: string;
  baseUrl: string;
  production: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  smtpUrl: string | null;
  mailFrom: string;
  demoPassword: string | null;
  /** Seed the default inventory (and, outside production, demo accounts) on an empty database. */
  seedOnStart: boolean;
  /** Reminder mails before each confirmed booking (REMINDERS); empty when "off". */
  reminders: ReminderSpec[];
  /**
   * Which proxies' X-Forwarded-For to believe (TRUST_PROXY): none (false, the default), a hop
   * count, or a list of addresses and networks. Believing anyone would let a client choose the
   * address that sign-in limits and the audit log see.
   */
  trustProxy: false | number | string[];
  /** Seed a demo day of bookings, check-ins and visitors with the demo accounts (never in production). */
  demoDay: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(name, `must be a whole number between 0 and 65535, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value > 65535)
    throw new ConfigError(name, `must be a whole number between 0 and 65535, got ${JSON.stringify(raw)}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(raw)}`);
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = text(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL (${protocols.join(', ')}), got ${JSON.stringify(raw)}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${JSON.stringify(parsed.protocol)}`);
  }
  return raw;
}

function emailAddress(env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback;
  // Header injection guard: an address with CR/LF could add headers to every message.
  if (/[\r\n]/.test(raw) || !/^[^@\s<>]+@[^@\s<>]+$|^[^<>\r\n]*<[^@\s<>]+@[^@\s<>]+>$/.test(raw)) {
    throw new ConfigError(
      name,
      `must be an e-mail address such as "21 <reservations@example.org>", got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

function reminders(env: Env, name: string): ReminderSpec[] {
  const parsed = parseReminders(text(env, name) ?? DEFAULT_REMINDERS);
  if (!parsed.ok) throw new ConfigError(name, `${parsed.problem} (for example "${DEFAULT_REMINDERS}", or "off")`);
  return parsed.reminders;
}

/** proxy-addr's names for the usual private ranges, accepted beside addresses and CIDR networks. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(item: string): boolean {
  if (PROXY_RANGES.includes(item)) return true;
  const [address, bits, extra] = item.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function trustProxy(env: Env, name: string): Config['trustProxy'] {
  const raw = text(env, name);
  if (raw === undefined || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const items = raw.split(',').map((item) => item.trim());
  const wrong = items.find((item) => !isProxyAddress(item));
  if (wrong !== undefined)
    throw new ConfigError(
      name,
      `must be off, a hop count, or addresses and networks separated by commas (e.g. "127.0.0.1,10.0.0.0/8"); ` +
        `${JSON.stringify(wrong)} is none of these`,
    );
  return items;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';
  const portValue = port(env, 'PORT', 3000);
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const databasePath = path.resolve(cwd, text(env, 'DATABASE_PATH') ?? 'data/21.sqlite');
  const dataDir = path.resolve(cwd, text(env, 'DATA_DIR') ?? path.dirname(databasePath));
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const baseUrl = url(env, 'BASE_URL', `http://${shownHost}:${portValue}`, ['http:', 'https:']).replace(/\/+$/, '');
  const logLevel = text(env, 'LOG_LEVEL') ?? (production ? 'info' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  const smtpRaw = text(env, 'SMTP_URL');
  const smtpUrl = smtpRaw === undefined ? null : url(env, 'SMTP_URL', smtpRaw, ['smtp:', 'smtps:']);
  const demoPassword = text(env, 'DEMO_PASSWORD') ?? null;
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters long');
  }
  const demoDay = bool(env, 'DEMO_DAY', !production);
  // Demo data holds made-up people: a production database must never get them.
  if (demoDay && production) throw new ConfigError('DEMO_DAY', 'must be off in production (NODE_ENV=production)');
  return {
    port: portValue,
    host,
    databasePath,
    dataDir,
    baseUrl,
    production,
    logLevel: logLevel as Config['logLevel'],
    smtpUrl,
    mailFrom: emailAddress(env, 'MAIL_FROM', '21 – Croix-Rouge <reservations@21.example.org>'),
    demoPassword,
    seedOnStart: bool(env, 'SEED_ON_START', true),
    reminders: reminders(env, 'REMINDERS'),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    demoDay,
  };
}
