import { loadConfig } from './config.js';
import { step } from './log.js';
import { type Stack, startStack } from './stack.js';
import { startWorkers } from '../workers/service.js';
import { startApi } from '../api/server.js';
import { startRetentionJob } from '../api/privacy/retention.js';
import { startUnattendedJob } from '../api/tasks/unattended.js';
import { startMailDispatcher } from './mail/dispatcher.js';
import { startSmtp } from './mail/smtp-server.js';
import { ensureWebBuild } from '../web-modeler/build.js';

/**
 * `npm start`: the whole product on one machine. Exit codes: 0 after a clean
 * shutdown, 1 when start-up fails (with a message that says what to do).
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();

  // Signals are taken from the very start: Ctrl-C while PostgreSQL or the engine is still
  // starting must stop them too, not leave them running without their parent.
  let stack: Stack | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    step(`${signal}: stopping ...`);
    if (!stack) return; // still starting: stopped as soon as the start returns
    await stack.stop();
    step('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await ensureWebBuild(step);
  stack = await startStack(config, {
    // Without SMTP_URL mail stays on this machine: the embedded server stores it in the table mailbox.
    services: [
      ...(config.SMTP_URL ? [] : [startSmtp]),
      startMailDispatcher,
      ...(config.WORKERS === 'in-process' ? [startWorkers] : []),
      startApi,
      startRetentionJob,
      startUnattendedJob,
    ],
    ports: { 'Doorzet API, PORT': config.PORT, ...(config.SMTP_URL ? {} : { 'embedded SMTP server, SMTP_PORT': config.SMTP_PORT }) },
  });
  if (stopping) {
    await stack.stop();
    step('stopped');
    process.exit(0);
  }
  step(`Doorzet is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${config.PORT}  (Ctrl-C stops everything)`);
}

main().catch((error: unknown) => {
  const err = error as Error & { code?: string };
  process.stderr.write(`\n[doorzet] start failed${err.code ? ` (${err.code})` : ''}: ${err.message}\n`);
  process.exit(1);
});
