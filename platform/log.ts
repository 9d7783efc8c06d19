/** Progress lines for people watching `npm start`; machine logs go to files under the data folder. */
export function step(message: string): void {
  process.stdout.write(`[doorzet] ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`[doorzet] waarschuwing: ${message}\n`);
}
