import net from 'node:net';
import { StartupError } from './errors.js';

/** Resolves true when nothing listens on the port (on any address). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with one message naming every busy port, so a user fixes them in one go. */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  for (const [what, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) busy.push(`${port} (${what})`);
  }
  if (busy.length > 0) {
    throw new StartupError(
      'PORT_IN_USE',
      `Port already in use: ${busy.join(', ')}. Stop the program that holds it ` +
        `(e.g. \`ss -ltnp | grep :${busy[0]?.split(' ')[0]}\`) or choose another port with the matching environment variable (see README).`,
    );
  }
}
