import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/services/config.js';

describe('configuration', () => {
  it('the README documents every environment variable, and no others', () => {
    const readme = readFileSync('README.md', 'utf8');
    const documented = new Set(readme.match(/`GONGKAI_[A-Z_]+`/g)?.map((v) => v.slice(1, -1)));
    for (const name of CONFIG_VARIABLES) expect(documented, name).toContain(name);
  });

  it('defaults to the embedded SQLite store under ./data and port 8080', () => {
    const config = loadConfig({}, '/srv/gongkai');
    expect(config.databaseUrl).toBe('sqlite:/srv/gongkai/data/gongkai.db');
    expect(config.port).toBe(8080);
    expect(config.demo).toBe(true);
    expect(loadConfig({ GONGKAI_DEMO: '0' }, '/x').demo).toBe(false);
  });

  it('rejects bad values with the variable named', () => {
    expect(() => loadConfig({ GONGKAI_PORT: '70000' }, '/x')).toThrow(/GONGKAI_PORT/);
    expect(() => loadConfig({ GONGKAI_DEMO: 'yes' }, '/x')).toThrow(/GONGKAI_DEMO/);
    expect(() => loadConfig({ GONGKAI_SESSION_IDLE_MINUTES: '-5' }, '/x')).toThrow(
      /GONGKAI_SESSION_IDLE_MINUTES/,
    );
  });
});
