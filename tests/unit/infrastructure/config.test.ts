import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../infrastructure/config/config.js';

const STRONG_SECRET = 's'.repeat(32);
/** 32 bytes each, base64: what `openssl rand -base64 32` prints. */
const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');

function configErrorFrom(environment: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

/** The variables the problem lines name, once each: `CORS_ORIGINS.0: Invalid URL` names CORS_ORIGINS. */
function namedVariables(error: ConfigError): string[] {
  return [...new Set(error.problems.map((problem) => problem.split(/[.:]/, 1)[0] ?? ''))].sort();
}

describe('loadConfig', () => {
  it('reads provider base URLs without a trailing slash and refuses malformed pacing', () => {
    const config = loadConfig({ SMARTLEAD_BASE_URL: 'http://127.0.0.1:9000/api/v1/', HEYREACH_RATE_LIMIT: '120', HEYREACH_RATE_BURST: '3' });
    expect(config.providers.smartlead.baseUrl).toBe('http://127.0.0.1:9000/api/v1');
    expect(config.providers.heyreach.rate).toEqual({ limit: 120, windowMs: 60_000, burst: 3 });
    expect(namedVariables(configErrorFrom({ INSTANTLY_BASE_URL: 'not a url', SMARTLEAD_RATE_LIMIT: '0', PROVIDER_MAX_ATTEMPTS: 'many' }))).toEqual([
      'INSTANTLY_BASE_URL',
      'PROVIDER_MAX_ATTEMPTS',
      'SMARTLEAD_RATE_LIMIT',
    ]);
  });


  it('gives development defaults for an empty environment', () => {
    const config = loadConfig({});

    expect(config).toEqual({
      env: 'development',
      http: {
        host: '127.0.0.1',
        port: 8000,
        corsOrigins: [],
        bodyLimit: '8mb',
        trustProxy: false,
        shutdownTimeoutMs: 10_000,
      },
      logLevel: 'info',
      database: {
        url: undefined,
        poolMax: 10,
        migrateOnStart: true,
        embedded: { port: 15432, dataDir: './.data/postgres' },
      },
      auth: {
        jwtSecret: expect.any(String),
        jwtSecretIsDevDefault: true,
        jwtIssuer: 'outbound-engine-x',
        sessionTtlSeconds: 8 * 3600,
      },
      rateLimits: {
        loginPerAccount: { limit: 5, windowSeconds: 60 },
        loginPerAddress: { limit: 30, windowSeconds: 60 },
        api: { limit: 600, windowSeconds: 60 },
        webhookRefusalsPerAddress: { limit: 60, windowSeconds: 60 },
      },
      seedSuperAdmin: undefined,
      credentialKeys: { keys: [{ id: 'dev-insecure', key: expect.any(Uint8Array) }], activeKeyId: 'dev-insecure', isDevDefault: true },
      providers: {
        timeoutMs: 15_000,
        maxAttempts: 4,
        backoff: { baseMs: 500, maxMs: 8_000 },
        maxRetryAfterMs: 60_000,
        arrivalJitterMs: 250,
        smartlead: { baseUrl: 'https://server.smartlead.ai/api/v1', rate: { limit: 50, windowMs: 60_000, burst: 5 } },
        instantly: {
          baseUrl: 'https://api.instantly.ai',
          rate: { limit: 100, windowMs: 1_000, burst: 10 },
          emailsRate: { limit: 20, windowMs: 60_000, burst: 5 },
        },
        heyreach: { baseUrl: 'https://api.heyreach.io/api/public', rate: { limit: 300, windowMs: 60_000, burst: 10 } },
      },
      jobs: { workersEnabled: true, concurrency: 2, pollIntervalSeconds: 2, poolMax: 4, leadImportRetryLimit: 5, leadImportRetryDelaySeconds: 10, webhookProjectionRetryLimit: 8, webhookProjectionRetryDelaySeconds: 5, webhookProjectionPollIntervalSeconds: 0.5 },
      webhooks: {
        smartlead: { signingSecret: null, sharedSecret: null },
        instantly: { signingSecret: null, sharedSecret: null },
        heyreach: { signingSecret: null, sharedSecret: null },
      },
    });
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.credentialKeys.keys[0]?.key).toHaveLength(32);
  });

  it('does not read process.env when given an environment', () => {
    const previous = process.env['PORT'];
    process.env['PORT'] = 'not-a-port';
    try {
      expect(loadConfig({}).http.port).toBe(8000);
    } finally {
      if (previous === undefined) delete process.env['PORT'];
      else process.env['PORT'] = previous;
    }
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '9000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgresql://app:pw@db:5432/oex',
      DATABASE_POOL_MAX: '25',
      MIGRATE_ON_START: '0',
      JWT_SECRET: STRONG_SECRET,
      JWT_ISSUER: 'oex-prod',
      SESSION_TTL_SECONDS: '600',
      CORS_ORIGINS: ' https://app.example.com , https://admin.example.com ,',
      BODY_LIMIT: '512kb',
      TRUST_PROXY: 'true',
      SHUTDOWN_TIMEOUT_MS: '5000',
      SUPER_ADMIN_EMAIL: 'ops@example.com',
      SUPER_ADMIN_PASSWORD: 'a-long-enough-password',
      CREDENTIAL_KEYS: `k1:${KEY_A}`,
    });

    expect(config).toMatchObject({
      env: 'production',
      http: {
        host: '0.0.0.0',
        port: 9000,
        corsOrigins: ['https://app.example.com', 'https://admin.example.com'],
        bodyLimit: '512kb',
        trustProxy: true,
        shutdownTimeoutMs: 5000,
      },
      logLevel: 'warn',
      database: { url: 'postgresql://app:pw@db:5432/oex', poolMax: 25, migrateOnStart: false },
      auth: { jwtSecret: STRONG_SECRET, jwtSecretIsDevDefault: false, jwtIssuer: 'oex-prod', sessionTtlSeconds: 600 },
      seedSuperAdmin: { email: 'ops@example.com', password: 'a-long-enough-password' },
    });
  });

  it('reads the rate limits', () => {
    const config = loadConfig({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '3',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '50',
      LOGIN_WINDOW_SECONDS: '300',
      API_RATE_LIMIT: '100',
      API_RATE_WINDOW_SECONDS: '10',
      WEBHOOK_REFUSALS_PER_ADDRESS: '7',
      WEBHOOK_REFUSAL_WINDOW_SECONDS: '30',
    });
    expect(config.rateLimits).toEqual({
      loginPerAccount: { limit: 3, windowSeconds: 300 },
      loginPerAddress: { limit: 50, windowSeconds: 300 },
      api: { limit: 100, windowSeconds: 10 },
      webhookRefusalsPerAddress: { limit: 7, windowSeconds: 30 },
    });
  });

  it('reads the background-job settings', () => {
    const config = loadConfig({
      JOBS_ENABLED: 'false',
      JOBS_CONCURRENCY: '5',
      JOBS_POLL_INTERVAL_SECONDS: '0.5',
      JOBS_POOL_MAX: '8',
      LEAD_IMPORT_RETRY_LIMIT: '0',
      LEAD_IMPORT_RETRY_DELAY_SECONDS: '30',
      WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS: '1.5',
    });
    expect(config.jobs).toEqual({
      workersEnabled: false,
      concurrency: 5,
      pollIntervalSeconds: 0.5,
      poolMax: 8,
      leadImportRetryLimit: 0,
      leadImportRetryDelaySeconds: 30,
      webhookProjectionRetryLimit: 8,
      webhookProjectionRetryDelaySeconds: 5,
      webhookProjectionPollIntervalSeconds: 1.5,
    });
  });

  it('lets PORT=0 ask the OS for a free port', () => {
    expect(loadConfig({ PORT: '0' }).http.port).toBe(0);
  });

  it('uses the embedded database exactly when DATABASE_URL is absent', () => {
    expect(loadConfig({}).database.url).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/oex' }).database.url).toBe('postgres://localhost/oex');
  });

  it('names each bad variable in one ConfigError', () => {
    const error = configErrorFrom({ PORT: 'abc', DATABASE_URL: 'mysql://x', CORS_ORIGINS: 'https://ok.example.com,not-a-url' });

    expect(namedVariables(error)).toEqual(['CORS_ORIGINS', 'DATABASE_URL', 'PORT']);
    for (const variable of ['PORT', 'DATABASE_URL', 'CORS_ORIGINS']) expect(error.message).toContain(variable);
    expect(error.message).toContain('must be a postgres:// or postgresql:// URL');
    expect(error.name).toBe('ConfigError');
  });

  it.each([
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'not a url'],
    ['EMBEDDED_PG_PORT', '0'],
    ['DATABASE_POOL_MAX', '0'],
    ['MIGRATE_ON_START', 'yes'],
    ['TRUST_PROXY', 'TRUE'],
    ['JWT_SECRET', 'too-short'],
    ['SESSION_TTL_SECONDS', '59'],
    ['BODY_LIMIT', '1gb'],
    ['SHUTDOWN_TIMEOUT_MS', '99'],
    ['LOGIN_MAX_ATTEMPTS_PER_ACCOUNT', '0'],
    ['LOGIN_MAX_ATTEMPTS_PER_ADDRESS', 'many'],
    ['LOGIN_WINDOW_SECONDS', '86401'],
    ['API_RATE_LIMIT', '0'],
    ['API_RATE_WINDOW_SECONDS', '3601'],
    ['JOBS_ENABLED', 'no'],
    ['JOBS_CONCURRENCY', '0'],
    ['JOBS_POLL_INTERVAL_SECONDS', '0.1'],
    ['JOBS_POOL_MAX', '0'],
  ])('refuses %s=%s, naming it', (variable, value) => {
    expect(namedVariables(configErrorFrom({ [variable]: value }))).toEqual([variable]);
  });

  it('requires JWT_SECRET and CREDENTIAL_KEYS in production, naming them', () => {
    const error = configErrorFrom({ NODE_ENV: 'production' });

    expect(error.problems).toEqual(['JWT_SECRET: is required when NODE_ENV=production', 'CREDENTIAL_KEYS: is required when NODE_ENV=production']);
  });

  it('names cross-variable problems together with per-variable ones', () => {
    const error = configErrorFrom({ NODE_ENV: 'production', PORT: 'abc', SUPER_ADMIN_EMAIL: 'ops@example.com' });

    expect(namedVariables(error).sort()).toEqual(['CREDENTIAL_KEYS', 'JWT_SECRET', 'PORT', 'SUPER_ADMIN_PASSWORD']);
  });

  it('accepts production with a strong JWT_SECRET and a key ring, and reports neither is the dev default', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, CREDENTIAL_KEYS: `k1:${KEY_A}` });

    expect(config.auth).toMatchObject({ jwtSecret: STRONG_SECRET, jwtSecretIsDevDefault: false });
    expect(config.credentialKeys).toMatchObject({ activeKeyId: 'k1', isDevDefault: false });
  });

  it('reads a key ring whose first key is active unless CREDENTIAL_ACTIVE_KEY_ID names another', () => {
    const ring = loadConfig({ CREDENTIAL_KEYS: ` k2025:${KEY_A} , k2026:${KEY_B} ` }).credentialKeys;
    expect(ring).toEqual({
      keys: [
        { id: 'k2025', key: Buffer.alloc(32, 1) },
        { id: 'k2026', key: Buffer.alloc(32, 2) },
      ],
      activeKeyId: 'k2025',
      isDevDefault: false,
    });

    expect(loadConfig({ CREDENTIAL_KEYS: `k2025:${KEY_A},k2026:${KEY_B}`, CREDENTIAL_ACTIVE_KEY_ID: 'k2026' }).credentialKeys.activeKeyId).toBe('k2026');
  });

  it.each([
    ['an entry without an id', KEY_A],
    ['a key of 16 bytes', `k1:${Buffer.alloc(16, 1).toString('base64')}`],
    ['a key that is not base64', `k1:${'*'.repeat(44)}`],
    ['an id with a space', `my key:${KEY_A}`],
    ['a repeated id', `k1:${KEY_A},k1:${KEY_B}`],
  ])('refuses CREDENTIAL_KEYS with %s, naming it without echoing key material', (_label, value) => {
    const error = configErrorFrom({ CREDENTIAL_KEYS: value });

    expect(namedVariables(error)).toEqual(['CREDENTIAL_KEYS']);
    expect(error.message).not.toContain(KEY_A);
    expect(error.message).not.toContain(KEY_B);
  });

  it('refuses a CREDENTIAL_ACTIVE_KEY_ID that names no key of the ring', () => {
    expect(configErrorFrom({ CREDENTIAL_KEYS: `k1:${KEY_A}`, CREDENTIAL_ACTIVE_KEY_ID: 'k9' }).problems).toEqual([
      'CREDENTIAL_ACTIVE_KEY_ID: names no key of CREDENTIAL_KEYS',
    ]);
    expect(namedVariables(configErrorFrom({ CREDENTIAL_ACTIVE_KEY_ID: 'k1' }))).toEqual(['CREDENTIAL_ACTIVE_KEY_ID']);
  });

  it('refuses SUPER_ADMIN_EMAIL without SUPER_ADMIN_PASSWORD, naming the missing one', () => {
    expect(namedVariables(configErrorFrom({ SUPER_ADMIN_EMAIL: 'ops@example.com' }))).toEqual(['SUPER_ADMIN_PASSWORD']);
  });

  it('refuses SUPER_ADMIN_PASSWORD without SUPER_ADMIN_EMAIL, naming the missing one', () => {
    expect(namedVariables(configErrorFrom({ SUPER_ADMIN_PASSWORD: 'a-long-enough-password' }))).toEqual(['SUPER_ADMIN_EMAIL']);
  });

  it('refuses a short seed password', () => {
    expect(
      namedVariables(configErrorFrom({ SUPER_ADMIN_EMAIL: 'ops@example.com', SUPER_ADMIN_PASSWORD: 'short' })),
    ).toEqual(['SUPER_ADMIN_PASSWORD']);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      PORT: '',
      DATABASE_URL: '',
      JWT_SECRET: '',
      CORS_ORIGINS: '',
      MIGRATE_ON_START: '',
      SUPER_ADMIN_EMAIL: '',
      SUPER_ADMIN_PASSWORD: '',
    });

    expect(config.http.port).toBe(8000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.migrateOnStart).toBe(true);
    expect(config.auth.jwtSecretIsDevDefault).toBe(true);
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.seedSuperAdmin).toBeUndefined();
  });

  it('treats an empty JWT_SECRET in production as missing', () => {
    expect(configErrorFrom({ NODE_ENV: 'production', JWT_SECRET: '', CREDENTIAL_KEYS: `k1:${KEY_A}` }).problems).toEqual([
      'JWT_SECRET: is required when NODE_ENV=production',
    ]);
  });

  it('treats an empty SUPER_ADMIN_PASSWORD beside an email as missing', () => {
    expect(
      namedVariables(configErrorFrom({ SUPER_ADMIN_EMAIL: 'ops@example.com', SUPER_ADMIN_PASSWORD: '' })),
    ).toEqual(['SUPER_ADMIN_PASSWORD']);
  });

  it.each([['1', true], ['true', true], ['0', false], ['false', false]])('reads the flag %s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value, MIGRATE_ON_START: value })).toMatchObject({
      http: { trustProxy: expected },
      database: { migrateOnStart: expected },
    });
  });
});
