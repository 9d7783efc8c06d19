import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { parseJavaMajor } from '../../platform/engine/java.js';
import { configTable } from '../../scripts/config-docs.js';

describe('config', () => {
  test('defaults give a local engine and an embedded PostgreSQL', () => {
    const config = loadConfig({}, '/srv/doorzet');
    expect(config.localEngine).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir).toBe('/srv/doorzet/.data');
    expect(config.engineRestUrls).toEqual(['http://127.0.0.1:8080/engine-rest']);
  });

  test('ENGINE_NODES gives one REST URL per local node, on consecutive ports', () => {
    expect(loadConfig({ ENGINE_NODES: '3', ENGINE_PORT: '8180' }).engineRestUrls).toEqual([
      'http://127.0.0.1:8180/engine-rest',
      'http://127.0.0.1:8181/engine-rest',
      'http://127.0.0.1:8182/engine-rest',
    ]);
    expect(() => loadConfig({ ENGINE_NODES: '0' })).toThrow(/ENGINE_NODES/);
  });

  test('empty variables count as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SMTP_URL: ' ' }).DATABASE_URL).toBeUndefined();
  });

  test('engines Doorzet did not start: every node URL, and a password', () => {
    expect(() => loadConfig({ ENGINE_REST_URL: 'https://engine.example.org/engine-rest' })).toThrow(/ENGINE_PASSWORD/);
    expect(() => loadConfig({ ENGINE_REST_URL: 'not a url', ENGINE_PASSWORD: 'x' })).toThrow(/ENGINE_REST_URL/);
    const remote = loadConfig({
      ENGINE_REST_URL: 'https://engine-1.example.org/engine-rest/, https://engine-2.example.org/engine-rest',
      ENGINE_PASSWORD: 'x',
    });
    expect(remote.localEngine).toBe(false);
    expect(remote.engineRestUrls).toEqual(['https://engine-1.example.org/engine-rest', 'https://engine-2.example.org/engine-rest']);
  });

  test('invalid values name the variable', () => {
    expect(() => loadConfig({ PG_PORT: '70000', ENGINE_HEAP: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ PG_PORT: '70000' })).toThrow(/PG_PORT/);
  });

  test('the README lists every variable exactly as the schema documents it', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(configTable());
  });
});

describe('JDK detection', () => {
  test.each([
    ['openjdk version "25.0.3" 2026-04-21 LTS', 25],
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
  ])('%s → %i', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  test('unparseable output gives no version', () => {
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});
