import { configSchema } from '../platform/config.js';

/** Prints the README's configuration table from the config schema, the single source of the variables. */
export function configTable(): string {
  const rows = Object.entries(configSchema.shape).map(([key, schema]) => {
    const description = schema.description ?? '';
    const parsed = schema.safeParse(undefined);
    const fallback = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '–';
    return `| \`${key}\` | ${fallback} | ${description} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${configTable()}\n`);
