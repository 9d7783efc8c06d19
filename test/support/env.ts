/**
 * Test runs get their own data folder and API port, so a developer's `npm start`
 * data is never touched by the suite.
 */
export const TEST_ENV_DEFAULTS: Record<string, string> = {
  DOORZET_DATA_DIR: '.data/test',
  PORT: '3100',
  SMTP_PORT: '2625',
  LOG_LEVEL: 'warn',
  // Test files start and stop workers many times; a stop waits for the workers' polls to end.
  ENGINE_POLL_TIMEOUT_S: '1',
  // Tests read the figures right after the step that changes them; the bench measures the default.
  FIGURES_MAX_AGE_S: '0',
};
