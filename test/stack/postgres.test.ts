import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect, test } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { startEmbeddedPostgres } from '../../platform/postgres.js';

test('a data folder left owned by root is handed to the postgres user instead of failing', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorzet-pgroot-'));
  try {
    // What an interrupted first start as root leaves: an empty folder owned by root.
    fs.mkdirSync(path.join(dataDir, 'postgres'));
    const databases = await startEmbeddedPostgres(loadConfig({ DOORZET_DATA_DIR: dataDir, PG_PORT: '54349' }));
    try {
      const client = new pg.Client({ connectionString: databases.appUrl });
      await client.connect();
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
      await client.end();
      expect(rows[0]?.user).toBe('doorzet');
      if (os.userInfo().uid === 0) {
        const owner = fs.statSync(path.join(dataDir, 'postgres')).uid;
        expect(owner).not.toBe(0);
      }
    } finally {
      await databases.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
