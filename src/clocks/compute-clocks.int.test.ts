import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.ts';
import type { Database } from '../platform/db/connect.ts';
import { computeFlags } from '../flags/compute-flags.ts';
import { computeClocks } from './compute-clocks.ts';
import { loadClockSettings } from './clock-settings.ts';
import { SAMPLE_AS_OF, SAMPLE_CLOCKS, SAMPLE_FLAGS, seedSampleCouncil } from './sample-council.fixture.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await seedSampleCouncil(database.db);
});
afterAll(async () => {
  await database?.close();
});

describe(`clocks and flags from the database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('computes every clock of a small council as worked by hand', async () => {
    expect(await computeClocks(database.db, SAMPLE_AS_OF)).toEqual(SAMPLE_CLOCKS);
  });

  it('computes the clocks of some children only, without supervision', async () => {
    expect(await computeClocks(database.db, SAMPLE_AS_OF, { childIds: ['C2'] })).toEqual(SAMPLE_CLOCKS.filter((c) => c.childId === 'C2'));
    expect(await computeClocks(database.db, SAMPLE_AS_OF, { childIds: [] })).toEqual([]);
  });

  it('computes the practice flags', async () => {
    expect(await computeFlags(database.db, SAMPLE_AS_OF)).toEqual(SAMPLE_FLAGS);
    expect(await computeFlags(database.db, SAMPLE_AS_OF, { childIds: ['C4'] })).toEqual(SAMPLE_FLAGS.filter((f) => f.childId === 'C4'));
  });

  it('runs inside a transaction on its executor', async () => {
    const clocks = await database.db.transaction().execute((trx) => computeClocks(trx, SAMPLE_AS_OF));
    expect(clocks).toHaveLength(SAMPLE_CLOCKS.length);
  });

  it('reads council settings and refuses a malformed one', async () => {
    expect(await loadClockSettings(database.db)).toEqual({ cp_visit_interval: { unit: 'working_days', n: 5 } });
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('council_setting').values({ id: 'supervision_interval', value: JSON.stringify({ unit: 'fortnights', n: 2 }) }).execute();
      await expect(loadClockSettings(trx)).rejects.toThrow(/supervision_interval/);
      await trx.updateTable('council_setting').set({ value: JSON.stringify(2) }).where('id', '=', 'supervision_interval').execute();
      expect((await loadClockSettings(trx)).supervision_interval).toEqual({ unit: 'calendar_months', n: 2 });
      await trx.deleteFrom('council_setting').where('id', '=', 'supervision_interval').execute();
    });
  });
});
