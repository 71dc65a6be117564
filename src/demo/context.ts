// What every part of the generator shares: the options, the seeded randomness, the calendar, the id
// counters and the rows produced so far.
import { Faker, en, en_GB, generateMersenne53Randomizer } from '@faker-js/faker';
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { DemoCalendar } from './dates.ts';
import { Ids } from './ids.ts';
import type { DemoOptions } from './load-demo.ts';
import { NamePool } from './names.ts';
import { emptyTables, type Tables } from './model.ts';
import { Rng } from './random.ts';

export interface Gen {
  readonly options: DemoOptions;
  readonly scale: number;
  readonly rng: Rng;
  readonly names: NamePool;
  readonly cal: DemoCalendar;
  readonly ids: Ids;
  readonly tables: Tables;
  /** The last day of history. */
  readonly asOf: IsoDate;
  /** First day of the `years` asked for. */
  readonly windowStart: IsoDate;
  /**
   * Where the referral stream starts. Eighteen months before the window, so that by the window the
   * council is in its steady state: children known before, re-referrals, plans running for a year or more.
   */
  readonly streamStart: IsoDate;
  /**
   * Recurring records (visits, CLA and CIN plan reviews, core groups, health checks, PEPs, supervision,
   * PA contacts, case notes) are kept from here on: six months before the window, enough for every
   * clock in the window to see the event before it. Structural records (episodes, plans, periods of
   * care, placements, CP reviews, pathway plans) are kept from their start, however long ago.
   */
  readonly recurringFrom: IsoDate;
  /** Children who entered care (or left it as care leavers) before the stream start enter from here. */
  readonly historyStart: IsoDate;
  /** The first day anyone in the workforce can be in post. */
  readonly rosterStart: IsoDate;
}

export function createGen(options: DemoOptions): Gen {
  const asOf = options.asOf;
  // The calendar covers the births of the oldest children (care leavers who entered care long before
  // the window) to the 25th birthday of a child born on asOf. Adults' birth dates use the platform
  // calendar directly.
  const cal = new DemoCalendar(shiftYears(asOf, -(options.years + 45)), shiftYears(asOf, 27));
  const windowStart = cal.addDays(cal.addYears(asOf, -options.years), 1);
  const streamStart = cal.addMonths(windowStart, -18);
  const rng = new Rng(options.seed);
  // Given its own seeded randomizer, faker never reaches for Math.random (its `seed` option would).
  const faker = new Faker({ locale: [en_GB, en], randomizer: generateMersenne53Randomizer(options.seed) });
  return {
    options,
    scale: options.scale,
    rng,
    names: new NamePool(faker, rng),
    cal,
    ids: new Ids(),
    tables: emptyTables(),
    asOf: cal.date(asOf),
    windowStart,
    streamStart,
    recurringFrom: cal.addMonths(windowStart, -6),
    historyStart: cal.addYears(streamStart, -19),
    rosterStart: cal.addYears(streamStart, -20),
  };
}

function shiftYears(date: IsoDate, years: number): IsoDate {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}-${date.slice(5, 7)}-01`;
}

/** A whole number from a table of [min, max, share] bands. */
export function fromBands(rng: Rng, bands: readonly (readonly [number, number, number])[]): number {
  let total = 0;
  for (const b of bands) total += b[2];
  let r = rng.float() * total;
  for (const [min, max, share] of bands) {
    r -= share;
    if (r < 0) return rng.int(min, max);
  }
  const last = bands[bands.length - 1]!;
  return rng.int(last[0], last[1]);
}
