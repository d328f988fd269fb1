// X-Forwarded-For is believed only from the proxies TRUST_PROXY names: otherwise anyone could
// choose the address that the sign-in limits count and the audit log records.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, visitor } from '../helpers/auth.js';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['off', false],
    ['0', false],
    ['1', 1],
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8,::1,fd00::/8', ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
  ])('reads %j as %j', (raw, expected) => {
    expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }, '/srv').trustProxy).toEqual(expected);
  });

  it.each(['true', 'yes-please', '10.0.0.0/33', '300.1.1.1', '127.0.0.1/8/1', '*'])('refuses %j, naming it', (raw) => {
    expect(() => loadConfig({ TRUST_PROXY: raw }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: raw }, '/srv')).toThrow(/TRUST_PROXY/);
  });
});

describe('the client address behind a proxy', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  /** Signs in from the test's loopback socket with a forwarded address, and reads what the session recorded. */
  async function recordedAddress(env: Record<string, string>): Promise<string> {
    t = await createTestApp({ env: { BASE_URL: 'https://21.example.org', ...env } });
    const session = await visitor(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '127.0.0.1',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '203.0.113.9',
        cookie: session.cookie,
      },
      payload: form({ _csrf: session.csrf, email: DEMO_ACCOUNTS.member.email, password: 'demo-password-21' }),
    });
    expect(res.statusCode).toBe(303);
    const row = t.db.$client.prepare('SELECT ip FROM audit_log WHERE action = ? ORDER BY id DESC').get('auth.sign_in');
    return (row as { ip: string }).ip;
  }

  it('is the socket’s when TRUST_PROXY is not set, even on https', async () => {
    expect(await recordedAddress({})).toBe('127.0.0.1');
  });

  it('is the forwarded one when the socket is a trusted proxy', async () => {
    expect(await recordedAddress({ TRUST_PROXY: '127.0.0.1' })).toBe('203.0.113.9');
  });

  it('is the socket’s when the proxy named is not the one connecting', async () => {
    expect(await recordedAddress({ TRUST_PROXY: '10.0.0.1' })).toBe('127.0.0.1');
  });

  it('is the forwarded one with a hop count', async () => {
    expect(await recordedAddress({ TRUST_PROXY: '1' })).toBe('203.0.113.9');
  });
});
