import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databasePath).toBe(path.resolve('/srv/app/data/21.sqlite'));
    expect(config.dataDir).toBe(path.resolve('/srv/app/data'));
    expect(config.baseUrl).toBe('http://127.0.0.1:3000');
    expect(config.smtpUrl).toBeNull();
    expect(config.production).toBe(false);
    expect(config.seedOnStart).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_PATH: '/var/lib/21/db.sqlite',
        BASE_URL: 'https://reservations.21.example.org/',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SMTP_URL: 'smtp://mail.example.org:587',
        MAIL_FROM: 'Réservations 21 <resa@example.org>',
        DEMO_PASSWORD: 'long-enough',
        SEED_ON_START: 'false',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/var/lib/21/db.sqlite',
      dataDir: '/var/lib/21',
      baseUrl: 'https://reservations.21.example.org',
      production: true,
      logLevel: 'warn',
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Réservations 21 <resa@example.org>',
      demoPassword: 'long-enough',
      seedOnStart: false,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['BASE_URL', 'not a url'],
    ['BASE_URL', 'ftp://example.org'],
    ['LOG_LEVEL', 'loud'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['MAIL_FROM', 'nobody'],
    ['MAIL_FROM', 'a@b.org\r\nBcc: x@y.org'],
    ['DEMO_PASSWORD', 'short'],
    ['SEED_ON_START', 'maybe'],
  ])('refuses %s=%j with a message naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message.startsWith(`${name}: `)).toBe(true);
    expect((error as ConfigError).message).not.toContain('\n');
  });
});
