import { Camunda8 } from '@camunda8/sdk';
import type { Config } from './config.js';

/**
 * The only place that builds an SDK client. Job workers, deployments, process
 * instances and messages use the gRPC client (job streaming, stable since 8.0);
 * user-task commands use the REST client that matches the engine's /v2 API.
 */
export function createCamunda(config: Config): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.engineGrpcAddress,
    ZEEBE_REST_ADDRESS: config.engineRestUrl,
    CAMUNDA_AUTH_STRATEGY: config.CAMUNDA_AUTH_STRATEGY,
    CAMUNDA_BASIC_AUTH_USERNAME: config.CAMUNDA_BASIC_AUTH_USERNAME,
    CAMUNDA_BASIC_AUTH_PASSWORD: config.CAMUNDA_BASIC_AUTH_PASSWORD,
    ZEEBE_CLIENT_ID: config.ZEEBE_CLIENT_ID,
    ZEEBE_CLIENT_SECRET: config.ZEEBE_CLIENT_SECRET,
    CAMUNDA_OAUTH_URL: config.CAMUNDA_OAUTH_URL,
    ZEEBE_TOKEN_AUDIENCE: config.ZEEBE_TOKEN_AUDIENCE,
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  } as ConstructorParameters<typeof Camunda8>[0]);
}
