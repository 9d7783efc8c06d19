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
    .describe('Folder where the engine distribution is unpacked and the exporter is compiled (git-ignored).'),

  DATABASE_URL: optionalUrl.describe(
    'PostgreSQL server for the application data. Unset: an embedded PostgreSQL is started in DOORZET_DATA_DIR.',
  ),
  ENGINE_DATABASE_URL: optionalUrl.describe(
    "Database the engine's PostgreSQL exporter writes to (secondary storage). Default: the application server, database `<name>_engine`.",
  ),
  PG_PORT: port.default(54329).describe('Port of the embedded PostgreSQL.'),

  ENGINE_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .default('8.6.0')
    .describe('Pinned patch version of io.camunda:camunda-zeebe fetched with Maven (see README for why 8.6).'),
  MAVEN_CMD: z.string().default('mvn').describe('Maven executable used to fetch the engine distribution.'),
  MAVEN_REPO_LOCAL: z
    .string()
    .optional()
    .describe('Local Maven repository to use (default: Maven’s own, ~/.m2/repository).'),
  JAVA_HOME: z.string().optional().describe('JDK to run the engine with; must be Java 21 or newer.'),
  JVM_SEARCH_DIRS: z
    .string()
    .default('/usr/lib/jvm')
    .describe('Colon-separated folders searched for a Java 21+ JDK when JAVA_HOME is unset or too old.'),
  ENGINE_HEAP: z.string().regex(/^\d+[mg]$/).default('768m').describe('Maximum Java heap of the engine (-Xmx).'),
  ENGINE_GRPC_PORT: port.default(26500).describe('Local engine: gRPC gateway port.'),
  ENGINE_REST_PORT: port.default(8080).describe('Local engine: REST API port (/v2).'),
  ENGINE_MANAGEMENT_PORT: port.default(9600).describe('Local engine: management/health port.'),
  ENGINE_COMMAND_PORT: port.default(26501).describe('Local engine: broker command API port.'),
  ENGINE_INTERNAL_PORT: port.default(26502).describe('Local engine: broker internal (cluster) port.'),
  ENGINE_READY_TIMEOUT_S: z.coerce.number().int().positive().default(240).describe('Seconds to wait for the engine to report ready.'),

  CAMUNDA_REST_ADDRESS: optionalUrl.describe(
    'Remote cluster: REST address (e.g. https://camunda.example.org). When set, no local engine is started.',
  ),
  ZEEBE_GRPC_ADDRESS: z
    .string()
    .optional()
    .describe('Remote cluster: gRPC address (grpc://host:26500 or grpcs://...). Required with CAMUNDA_REST_ADDRESS.'),
  CAMUNDA_AUTH_STRATEGY: z.enum(['NONE', 'BASIC', 'OAUTH']).default('NONE').describe('Remote cluster: how to authenticate.'),
  CAMUNDA_BASIC_AUTH_USERNAME: z.string().optional().describe('Remote cluster, BASIC: user name.'),
  CAMUNDA_BASIC_AUTH_PASSWORD: z.string().optional().describe('Remote cluster, BASIC: password (secret).'),
  ZEEBE_CLIENT_ID: z.string().optional().describe('Remote cluster, OAUTH: client id.'),
  ZEEBE_CLIENT_SECRET: z.string().optional().describe('Remote cluster, OAUTH: client secret (secret).'),
  CAMUNDA_OAUTH_URL: optionalUrl.describe('Remote cluster, OAUTH: token endpoint.'),
  ZEEBE_TOKEN_AUDIENCE: z.string().optional().describe('Remote cluster, OAUTH: token audience.'),

  PORT: port.default(3000).describe('Port of the Doorzet HTTP API and web app.'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000').describe('Base URL used in links in e-mails.'),
  SMTP_URL: optionalUrl.describe('Outgoing mail server (smtp:// or smtps://). Unset: an embedded SMTP server stores mail locally.'),
  SMTP_PORT: port.default(2525).describe('Port of the embedded SMTP server.'),
  MAIL_FROM: z.string().email().default('doorzet@example.org').describe('Sender address of Doorzet e-mails.'),

  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480).describe('How long a sign-in session lasts (minutes) before the user must sign in again.'),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(5).describe('Failed sign-ins allowed per username and address per minute; more get HTTP 429.'),
  MELDINGEN_PER_MINUTE: z.coerce.number().int().positive().default(20).describe('Meldingen one user may make per minute; more get HTTP 429.'),
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
    .describe('Seconds the engine waits for a worker to finish a job it took before it hands the job to another worker.'),

  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Log verbosity.'),
});

export type RawConfig = z.infer<typeof configSchema>;

export type Config = RawConfig & {
  dataDir: string;
  cacheDir: string;
  /** True when Doorzet starts its own engine (no CAMUNDA_REST_ADDRESS). */
  localEngine: boolean;
  engineRestUrl: string;
  engineGrpcAddress: string;
  engineManagementUrl: string;
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
  const localEngine = raw.CAMUNDA_REST_ADDRESS === undefined;
  if (!localEngine && !raw.ZEEBE_GRPC_ADDRESS) {
    throw new ConfigError('Invalid configuration:\n  ZEEBE_GRPC_ADDRESS: required when CAMUNDA_REST_ADDRESS is set');
  }
  return {
    ...raw,
    dataDir: path.resolve(cwd, raw.DOORZET_DATA_DIR),
    cacheDir: path.resolve(cwd, raw.DOORZET_CACHE_DIR),
    localEngine,
    engineRestUrl: raw.CAMUNDA_REST_ADDRESS ?? `http://127.0.0.1:${raw.ENGINE_REST_PORT}`,
    engineGrpcAddress: raw.ZEEBE_GRPC_ADDRESS ?? `grpc://127.0.0.1:${raw.ENGINE_GRPC_PORT}`,
    engineManagementUrl: `http://127.0.0.1:${raw.ENGINE_MANAGEMENT_PORT}`,
  };
}
