import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A random secret kept in a file only its owner reads, made at the first start and reused after. */
export function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(18).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
