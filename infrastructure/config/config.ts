import { WebhookEnvironmentSchema, webhookSettingsFrom, type WebhookSettings } from './webhook-settings.js';
import { z } from 'zod';
import { ProviderEnvironmentSchema, providerSettingsFrom, type ProviderSettings } from './provider-settings.js';
import { CREDENTIAL_KEY_BYTES, CREDENTIAL_KEY_ID_PATTERN, type CredentialKey } from '../../adapters/security/aes-gcm-credential-cipher.js';

/** Development conveniences (a fixed JWT secret) are refused when NODE_ENV=production. */
const INSECURE_DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-never-use-in-production';

/**
 * Lets a fresh checkout store provider credentials without setup. Its bytes are in this file, so
 * whatever it seals is as good as plaintext: production refuses to start without CREDENTIAL_KEYS.
 */
const INSECURE_DEV_CREDENTIAL_KEY: CredentialKey = { id: 'dev-insecure', key: Buffer.from('dev-only-insecure-credential-key', 'utf8') };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * One `keyId:base64` entry of CREDENTIAL_KEYS. Problems name the key id at most, never the key
 * material: configuration errors are printed.
 */
const credentialKeyEntry = z.string().transform((entry, context): CredentialKey => {
  const separator = entry.indexOf(':');
  const id = separator < 0 ? '' : entry.slice(0, separator);
  const material = entry.slice(separator + 1);
  if (!CREDENTIAL_KEY_ID_PATTERN.test(id)) {
    context.addIssue({ code: 'custom', message: 'each entry must be keyId:base64Key, the id made of letters, digits, ".", "_" or "-"' });
    return z.NEVER;
  }
  const key = Buffer.from(material, 'base64');
  if (!BASE64.test(material) || key.length !== CREDENTIAL_KEY_BYTES) {
    context.addIssue({ code: 'custom', message: `key '${id}' must be the base64 of exactly ${CREDENTIAL_KEY_BYTES} bytes (openssl rand -base64 32)` });
    return z.NEVER;
  }
  return { id, key };
});

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce.number().int().min(1).max(65535);
/** 0 lets the OS pick a free port (tests, benchmarks); the chosen one is logged. */
const listenPort = z.coerce.number().int().min(0).max(65535);

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const EnvironmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: listenPort.default(8000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .url()
      .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_PORT: port.default(15432),
    EMBEDDED_PG_DATA_DIR: z.string().min(1).default('./.data/postgres'),
    MIGRATE_ON_START: booleanFlag.default(true),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('outbound-engine-x'),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
    CORS_ORIGINS: commaList.pipe(z.array(z.url())).default([]),
    // Sized for the largest lead import: 10,000 leads with names, company, title and custom fields.
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb').default('8mb'),
    TRUST_PROXY: booleanFlag.default(false),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
    API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
    API_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    WEBHOOK_REFUSALS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(60),
    WEBHOOK_REFUSAL_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    SUPER_ADMIN_EMAIL: z.email().optional(),
    SUPER_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    CREDENTIAL_KEYS: commaList
      .pipe(z.array(credentialKeyEntry).min(1, 'must hold at least one keyId:base64Key entry'))
      .refine((keys) => new Set(keys.map((key) => key.id)).size === keys.length, 'key ids must be unique')
      .optional(),
    CREDENTIAL_ACTIVE_KEY_ID: z.string().regex(CREDENTIAL_KEY_ID_PATTERN, 'must be a key id of CREDENTIAL_KEYS').optional(),
    JOBS_ENABLED: booleanFlag.default(true),
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
    // pg-boss refuses to poll more often than every half second.
    JOBS_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(300).default(2),
    JOBS_POOL_MAX: z.coerce.number().int().min(1).max(100).default(4),
    LEAD_IMPORT_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
    LEAD_IMPORT_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    WEBHOOK_PROJECTION_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(8),
    WEBHOOK_PROJECTION_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    // pg-boss's floor: an idle projection worker asks for new events twice a second (one indexed query).
    WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(300).default(0.5),
    ...ProviderEnvironmentSchema.shape,
    ...WebhookEnvironmentSchema.shape,
  });

/**
 * Rules that span variables, checked on the raw values so they are reported together with any
 * per-variable problem (a zod refinement would be skipped as soon as one field fails).
 */
function crossVariableProblems(environment: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  if (environment['NODE_ENV'] === 'production' && !environment['JWT_SECRET']) {
    problems.push('JWT_SECRET: is required when NODE_ENV=production');
  }
  if (environment['NODE_ENV'] === 'production' && !environment['CREDENTIAL_KEYS']) {
    problems.push('CREDENTIAL_KEYS: is required when NODE_ENV=production');
  }
  const activeKeyId = environment['CREDENTIAL_ACTIVE_KEY_ID'];
  if (activeKeyId) {
    const keyIds = (environment['CREDENTIAL_KEYS'] ?? '').split(',').map((entry) => entry.split(':', 1)[0]?.trim());
    if (!keyIds.includes(activeKeyId)) problems.push('CREDENTIAL_ACTIVE_KEY_ID: names no key of CREDENTIAL_KEYS');
  }
  if (Boolean(environment['SUPER_ADMIN_EMAIL']) !== Boolean(environment['SUPER_ADMIN_PASSWORD'])) {
    const missing = environment['SUPER_ADMIN_EMAIL'] ? 'SUPER_ADMIN_PASSWORD' : 'SUPER_ADMIN_EMAIL';
    problems.push(`${missing}: SUPER_ADMIN_EMAIL and SUPER_ADMIN_PASSWORD go together`);
  }
  return problems;
}

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly corsOrigins: readonly string[];
    readonly bodyLimit: string;
    readonly trustProxy: boolean;
    readonly shutdownTimeoutMs: number;
  };
  readonly logLevel: string;
  readonly database: {
    /** Absent: start the embedded PostgreSQL instead. */
    readonly url: string | undefined;
    readonly poolMax: number;
    readonly migrateOnStart: boolean;
    readonly embedded: { readonly port: number; readonly dataDir: string };
  };
  readonly auth: {
    readonly jwtSecret: string;
    readonly jwtSecretIsDevDefault: boolean;
    readonly jwtIssuer: string;
    readonly sessionTtlSeconds: number;
  };
  readonly rateLimits: {
    /** Login attempts per account (email) and per client address, in one window. */
    readonly loginPerAccount: RateLimitSetting;
    readonly loginPerAddress: RateLimitSetting;
    /** Authenticated requests per principal (session user, API token or super-admin). */
    readonly api: RateLimitSetting;
    /** Refused (unauthenticated) webhook deliveries per client address: each one is audited. */
    readonly webhookRefusalsPerAddress: RateLimitSetting;
  };
  readonly seedSuperAdmin: { readonly email: string; readonly password: string } | undefined;
  /** The key ring sealing provider credentials at rest. */
  readonly credentialKeys: {
    readonly keys: readonly CredentialKey[];
    /** New seals use it; the others only open rows sealed before a rotation. */
    readonly activeKeyId: string;
    readonly isDevDefault: boolean;
  };
  /** Provider base URLs, call patience and pacing. */
  readonly providers: ProviderSettings;
  /** Secrets of the providers' shared webhook URLs. */
  readonly webhooks: WebhookSettings;
  /** Background jobs (pg-boss, in the application database). */
  readonly jobs: {
    /** Run job handlers in this process; false serves HTTP and still enqueues. */
    readonly workersEnabled: boolean;
    /** Handlers per queue running at once in this process. */
    readonly concurrency: number;
    readonly pollIntervalSeconds: number;
    /** pg-boss's own connection pool, on top of DATABASE_POOL_MAX. */
    readonly poolMax: number;
    /** Retries of a lead import that met a provider outage, and the first delay (doubling after). */
    readonly leadImportRetryLimit: number;
    readonly leadImportRetryDelaySeconds: number;
    /** Retries of a webhook event's projection before it is dead-lettered, and the first delay. */
    readonly webhookProjectionRetryLimit: number;
    readonly webhookProjectionRetryDelaySeconds: number;
    /** How soon an idle projection worker sees a stored event: most of the acknowledgement → projection time. */
    readonly webhookProjectionPollIntervalSeconds: number;
  };
}

export interface RateLimitSetting {
  readonly limit: number;
  readonly windowSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; every bad variable is named in one error. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": .env files and CI templates often leave them that way.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvironmentSchema.safeParse(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`)),
    ...crossVariableProblems(present as Record<string, string>),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimit: env.BODY_LIMIT,
      trustProxy: env.TRUST_PROXY,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL,
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      migrateOnStart: env.MIGRATE_ON_START,
      embedded: { port: env.EMBEDDED_PG_PORT, dataDir: env.EMBEDDED_PG_DATA_DIR },
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? INSECURE_DEV_JWT_SECRET,
      jwtSecretIsDevDefault: env.JWT_SECRET === undefined,
      jwtIssuer: env.JWT_ISSUER,
      sessionTtlSeconds: env.SESSION_TTL_SECONDS,
    },
    rateLimits: {
      loginPerAccount: { limit: env.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT, windowSeconds: env.LOGIN_WINDOW_SECONDS },
      loginPerAddress: { limit: env.LOGIN_MAX_ATTEMPTS_PER_ADDRESS, windowSeconds: env.LOGIN_WINDOW_SECONDS },
      api: { limit: env.API_RATE_LIMIT, windowSeconds: env.API_RATE_WINDOW_SECONDS },
      webhookRefusalsPerAddress: { limit: env.WEBHOOK_REFUSALS_PER_ADDRESS, windowSeconds: env.WEBHOOK_REFUSAL_WINDOW_SECONDS },
    },
    seedSuperAdmin:
      env.SUPER_ADMIN_EMAIL && env.SUPER_ADMIN_PASSWORD
        ? { email: env.SUPER_ADMIN_EMAIL, password: env.SUPER_ADMIN_PASSWORD }
        : undefined,
    credentialKeys: credentialKeyRing(env.CREDENTIAL_KEYS, env.CREDENTIAL_ACTIVE_KEY_ID),
    providers: providerSettingsFrom(env),
    webhooks: webhookSettingsFrom(env),
    jobs: {
      workersEnabled: env.JOBS_ENABLED,
      concurrency: env.JOBS_CONCURRENCY,
      pollIntervalSeconds: env.JOBS_POLL_INTERVAL_SECONDS,
      poolMax: env.JOBS_POOL_MAX,
      leadImportRetryLimit: env.LEAD_IMPORT_RETRY_LIMIT,
      leadImportRetryDelaySeconds: env.LEAD_IMPORT_RETRY_DELAY_SECONDS,
      webhookProjectionRetryLimit: env.WEBHOOK_PROJECTION_RETRY_LIMIT,
      webhookProjectionRetryDelaySeconds: env.WEBHOOK_PROJECTION_RETRY_DELAY_SECONDS,
      webhookProjectionPollIntervalSeconds: env.WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS,
    },
  };
}

/** The configured ring, its first key active unless named; outside production, the dev key when unset. */
function credentialKeyRing(keys: CredentialKey[] | undefined, activeKeyId: string | undefined): Config['credentialKeys'] {
  const [first] = keys ?? [];
  if (!keys || !first) return { keys: [INSECURE_DEV_CREDENTIAL_KEY], activeKeyId: INSECURE_DEV_CREDENTIAL_KEY.id, isDevDefault: true };
  return { keys, activeKeyId: activeKeyId ?? first.id, isDevDefault: false };
}
