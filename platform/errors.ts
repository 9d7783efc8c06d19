/**
 * Failures that stop `npm start` (and the test setup) before anything useful runs.
 * Each carries a stable code, so tests and scripts can tell them apart, and a
 * message that says what to do next.
 */
export type StartupErrorCode =
  | 'CONFIG_INVALID'
  | 'JAVA_NOT_FOUND'
  | 'MAVEN_NOT_FOUND'
  | 'ENGINE_BUILD_FAILED'
  | 'PORT_IN_USE'
  | 'POSTGRES_FAILED'
  | 'ENGINE_FAILED'
  | 'ENGINE_TIMEOUT'
  | 'DEPLOY_FAILED';

export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(
    readonly code: StartupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
