import path from 'node:path';
import { z } from 'zod';

/**
 * The one place where Doorzet reads its environment. Every key is documented here
 * (the README table is generated from these descriptions by `npm run docs:config`)
 * and validated at start-up, so a typo fails fast instead of surfacing as a
 * half-working stack.
 */

const port = z.coerce.number().int().min(1).max(65535);
// An empty variable counts as unset, as shells and .env files tend to leave them.
const optionalUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().url().optional(),
);

export const configSchema = z.object({
  DOORZET_DATA_DIR: z
    .string()
    .default('.data')
    .describe('Folder for the embedded PostgreSQL data, the engine state, logs and received mail (git-ignored).'),
  DOORZET_CACHE_DIR: z
    .string()
    .default('.cache')
    .describe('Folder where the built engine application is kept, one jar per version of its sources (git-ignored).'),

  DATABASE_URL: optionalUrl.describe(
    'PostgreSQL server for the application data. Unset: an embedded PostgreSQL is started in DOORZET_DATA_DIR.',
  ),
  ENGINE_DATABASE_URL: optionalUrl.describe(
    "Database of the engine (its runtime and history tables). Default: the application server, database `<name>_engine`.",
  ),
  PG_PORT: port.default(54329).describe('Port of the embedded PostgreSQL.'),

  MAVEN_CMD: z.string().default('mvn').describe('Maven executable that builds the engine application in engine/ (first start, and after its sources change).'),
  MAVEN_REPO_LOCAL: z
    .string()
    .optional()
    .describe('Local Maven repository to use (default: Maven’s own, ~/.m2/repository).'),
  JAVA_HOME: z.string().optional().describe('JDK to build and run the engine with; must be Java 17 or newer.'),
  JVM_SEARCH_DIRS: z
    .string()
    .default('/usr/lib/jvm')
    .describe('Colon-separated folders searched for a Java 17+ JDK when JAVA_HOME is unset or too old.'),
  ENGINE_HEAP: z.string().regex(/^\d+[mg]$/).default('512m').describe('Maximum Java heap of each engine node (-Xmx).'),
  ENGINE_PORT: port.default(8080).describe('Local engine: HTTP port of the first node (REST API at /engine-rest, Cockpit at /operaton); node N listens on ENGINE_PORT + N - 1.'),
  ENGINE_NODES: z.coerce.number().int().min(1).max(8).default(1).describe('Local engine: how many engine nodes `npm start` runs on the same database (a cluster).'),
  ENGINE_READY_TIMEOUT_S: z.coerce.number().int().positive().default(240).describe('Seconds to wait for an engine node to answer.'),
  ENGINE_REST_URL: z
    .string()
    .optional()
    .describe(
      'Engine(s) that Doorzet did not start: comma-separated REST base URLs, e.g. https://engine-1.example.org/engine-rest. When set, no local engine is started.',
    ),
  ENGINE_USER: z.string().min(1).default('doorzet').describe('Engine user that Doorzet signs in with (HTTP Basic); the local engine creates it as its admin user, also for Cockpit.'),
  ENGINE_PASSWORD: z
    .string()
    .optional()
    .describe('Password of ENGINE_USER (secret). Unset with a local engine: generated once and kept in DOORZET_DATA_DIR/engine-password.'),
  ENGINE_POLL_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(60)
    .default(5)
    .describe('Seconds a worker’s long poll (fetchAndLock) waits on one engine node for new external tasks; a stopping worker waits for its polls to end, so this bounds its stop.'),

  PORT: port.default(3000).describe('Port of the Doorzet HTTP API and web app.'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000').describe('Base URL used in links in e-mails.'),
  SMTP_URL: optionalUrl.describe('Outgoing mail server (smtp:// or smtps://). Unset: an embedded SMTP server stores mail locally.'),
  SMTP_PORT: port.default(2525).describe('Port of the embedded SMTP server.'),
  MAIL_FROM: z.string().email().default('doorzet@example.org').describe('Sender address of Doorzet e-mails.'),

  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480).describe('How long a sign-in session lasts (minutes) before the user must sign in again.'),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(5).describe('Failed sign-ins allowed per username and address per minute; more get HTTP 429.'),
  MELDINGEN_PER_MINUTE: z.coerce.number().int().positive().default(20).describe('Meldingen one user may make per minute; more get HTTP 429.'),
  BREAK_GLASS_HOURS: z.coerce.number().int().min(1).max(24).default(8).describe('How long a "break the glass" access to one case\'s personal data lasts (hours) for a region role without a task or decision in it; each one needs a reason and is shown to the case\'s roles.'),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7305)
    .describe('Days a closed case is kept before the retention job removes it from Doorzet and the engine, unless the region sets its own `retentionDays`. Default 20 years: Jeugdwet art. 7.3.8 (docs/privacy.md).'),
  RETENTION_WINDOW: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('01:00-05:00')
    .describe('Local time window (HH:MM-HH:MM) in which the daily retention job runs; the engine\'s own history cleanup keeps its window in engine/src/main/resources/application.yaml (01:00-05:00).'),
  PUBLIC_MELDINGEN_PER_HOUR: z.coerce.number().int().positive().default(3).describe('Meldingen through the public resident form per source address per hour; more get HTTP 429 (all resident meldingen together also count against MELDINGEN_PER_MINUTE).'),
  DEMO_USERS: z.enum(['on', 'off']).default('on').describe('Seed the demo accounts `<role>.<region>` (password doorzet-demo) for every role of every region. Set to off in production.'),
  OIDC_ISSUER: optionalUrl.describe('OpenID Connect provider (issuer URL; its /.well-known/openid-configuration is used). Unset: local accounts only.'),
  OIDC_CLIENT_ID: z.string().optional().describe('OpenID Connect client id registered for Doorzet.'),
  OIDC_CLIENT_SECRET: z.string().optional().describe('OpenID Connect client secret (secret).'),
  OIDC_REDIRECT_URL: optionalUrl.describe('Redirect URL registered at the provider, e.g. https://doorzet.example.org/api/session/oidc/callback.'),
  OIDC_ROLES_CLAIM: z.string().default('doorzet_roles').describe('ID-token claim with the user\'s memberships as "<region>:<role>" strings.'),

  WORKERS: z
    .enum(['in-process', 'separate'])
    .default('in-process')
    .describe('in-process: `npm start` runs the job workers. separate: it does not; run them with `npm run workers` (one or more processes).'),
  JOB_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Seconds an external task stays locked to the worker that took it (extended while its handler runs); a worker that dies gives its tasks back after this time.'),
  TIER_TRACKER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(1000)
    .describe('Milliseconds between two reads of the engine\'s activity history by the workers\' tier tracker, which moves a case\'s tier when its newest task lies in another tier\'s lane (and writes it on the timeline).'),

  FIGURES_MAX_AGE_S: z.coerce
    .number()
    .int()
    .min(0)
    .default(60)
    .describe('Seconds the dashboard may show figures over finished cases before they are recomputed (in the background); 0 recomputes on every request. Open cases per tier are always counted live.'),

  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Log verbosity.'),
});

export type RawConfig = z.infer<typeof configSchema>;

export type Config = RawConfig & {
  dataDir: string;
  cacheDir: string;
  /** True when Doorzet starts its own engine (no ENGINE_REST_URL). */
  localEngine: boolean;
  /** REST base URL of every engine node, ending in /engine-rest. */
  engineRestUrls: string[];
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Pure: the same environment always gives the same config, so tests can build one freely. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const localEngine = raw.ENGINE_REST_URL === undefined || raw.ENGINE_REST_URL.trim() === '';
  let engineRestUrls: string[];
  if (localEngine) {
    engineRestUrls = Array.from({ length: raw.ENGINE_NODES }, (_, i) => `http://127.0.0.1:${raw.ENGINE_PORT + i}/engine-rest`);
  } else {
    engineRestUrls = (raw.ENGINE_REST_URL as string).split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
    const bad = engineRestUrls.filter((u) => !z.string().url().safeParse(u).success);
    if (bad.length > 0) throw new ConfigError(`Invalid configuration:\n  ENGINE_REST_URL: not a URL: ${bad.join(', ')}`);
    if (!raw.ENGINE_PASSWORD) throw new ConfigError('Invalid configuration:\n  ENGINE_PASSWORD: required when ENGINE_REST_URL is set');
  }
  return {
    ...raw,
    dataDir: path.resolve(cwd, raw.DOORZET_DATA_DIR),
    cacheDir: path.resolve(cwd, raw.DOORZET_CACHE_DIR),
    localEngine,
    engineRestUrls,
  };
}
