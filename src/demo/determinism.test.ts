import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCouncil } from './generate.ts';
import { DEMO_TABLES, type GeneratedCouncil } from './model.ts';

const OPTIONS = { seed: 5, scale: 0.2, years: 1, asOf: '2025-09-30' };

function fingerprint(council: GeneratedCouncil): string {
  const hash = createHash('sha256');
  for (const table of DEMO_TABLES) hash.update(`${table}\n${JSON.stringify(council.tables[table])}\n`);
  return hash.digest('hex');
}

describe('the demo council is deterministic for a seed', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('the same seed gives identical output', () => {
    expect(fingerprint(generateCouncil(OPTIONS))).toBe(fingerprint(generateCouncil(OPTIONS)));
  });

  it('a different seed gives different output', () => {
    const a = generateCouncil(OPTIONS);
    const b = generateCouncil({ ...OPTIONS, seed: 6 });
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(a.tables.person[0]!.forename === b.tables.person[0]!.forename && a.tables.person[0]!.dob === b.tables.person[0]!.dob).toBe(false);
  });

  it('uses neither Math.random nor the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    expect(() => generateCouncil({ ...OPTIONS, scale: 0.1 })).not.toThrow();
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateCouncil({ ...OPTIONS, scale: 0 })).toThrow(/scale/);
    expect(() => generateCouncil({ ...OPTIONS, years: 0 })).toThrow(/years/);
    expect(() => generateCouncil({ ...OPTIONS, asOf: '2025-02-30' })).toThrow(/asOf/);
  });
});
