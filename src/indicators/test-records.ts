// Hand-built records for the indicator tests: short helpers that fill in the columns a test does not
// care about, so each test shows only the dates and flags its working depends on. Synthetic data only.
import type { Insertable } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import type { DB } from '../platform/db/schema.ts';
import { computeIndicators, indicatorSeries, type IndicatorsReport } from './engine.ts';

type Row<T extends keyof DB> = Insertable<DB[T]>;

export function testRecords(db: Db) {
  const insert = async <T extends keyof DB>(table: T, rows: Row<T>[]) => {
    if (rows.length) await db.insertInto(table).values(rows as never).execute();
  };
  const deleted = new Date('2026-01-01T00:00:00Z');
  return {
    insert,
    async people(...rows: Array<[id: string, dob?: string | null, options?: { deleted?: boolean; type?: 'child' | 'adult' }]>) {
      await insert(
        'person',
        rows.map(([id, dob, o]) => ({ id, dob: dob ?? null, person_type: o?.type ?? 'child', deleted_at: o?.deleted ? deleted : null })),
      );
    },
    async teams(...ids: string[]) {
      await insert('team', ids.map((id) => ({ id, name: `Team ${id}` })));
    },
    async professionals(...rows: Array<Partial<Row<'professional'>> & { id: string }>) {
      await insert('professional', rows.map((r) => ({ name: `Worker ${r.id}`, ...r })));
    },
    /** A referral: [id, child, referral date, options]. */
    async referrals(...rows: Array<[id: string, childId: string, date: string, o?: { nfa?: boolean; close?: string; team?: string; worker?: string; deleted?: boolean }]>) {
      await insert(
        'cin_episode',
        rows.map(([id, childId, date, o]) => ({
          id,
          person_id: childId,
          referral_date: date,
          referral_nfa: o?.nfa ?? false,
          close_date: o?.close ?? null,
          close_reason: o?.close ? 'RC7' : null,
          team_id: o?.team ?? null,
          worker_id: o?.worker ?? null,
          deleted_at: o?.deleted ? deleted : null,
        })),
      );
    },
    async assessments(
      ...rows: Array<[id: string, episodeId: string, childId: string, start: string | null, authorised: string | null, o?: { team?: string; worker?: string; deleted?: boolean }]>
    ) {
      await insert(
        'assessment',
        rows.map(([id, episodeId, childId, start, authorised, o]) => ({
          id,
          cin_episode_id: episodeId,
          person_id: childId,
          start_date: start,
          authorised_date: authorised,
          team_id: o?.team ?? null,
          worker_id: o?.worker ?? null,
          deleted_at: o?.deleted ? deleted : null,
        })),
      );
    },
    async s47s(...rows: Array<[id: string, episodeId: string, childId: string, start: string | null, o?: { deleted?: boolean }]>) {
      await insert(
        's47_enquiry',
        rows.map(([id, episodeId, childId, start, o]) => ({ id, cin_episode_id: episodeId, person_id: childId, start_date: start, deleted_at: o?.deleted ? deleted : null })),
      );
    },
    async icpcs(...rows: Array<[id: string, episodeId: string, childId: string, s47Id: string | null, date: string, o?: { transferIn?: boolean }]>) {
      await insert(
        'icpc',
        rows.map(([id, episodeId, childId, s47Id, date, o]) => ({
          id,
          cin_episode_id: episodeId,
          person_id: childId,
          s47_enquiry_id: s47Id,
          conference_date: date,
          transfer_in: o?.transferIn ?? false,
        })),
      );
    },
    async cpPlans(...rows: Array<[id: string, episodeId: string, childId: string, start: string, end: string | null, o?: { otherLa?: boolean; deleted?: boolean }]>) {
      await insert(
        'cp_plan',
        rows.map(([id, episodeId, childId, start, end, o]) => ({
          id,
          cin_episode_id: episodeId,
          person_id: childId,
          start_date: start,
          end_date: end,
          other_la: o?.otherLa ?? false,
          deleted_at: o?.deleted ? deleted : null,
        })),
      );
    },
    async periodsOfCare(...rows: Array<[id: string, childId: string, start: string, end: string | null]>) {
      await insert('period_of_care', rows.map(([id, childId, start, end]) => ({ id, person_id: childId, start_date: start, end_date: end })));
    },
    async legalStatuses(...rows: Array<[id: string, childId: string, code: string, start: string, end: string | null]>) {
      await insert('legal_status', rows.map(([id, childId, code, start, end]) => ({ id, person_id: childId, code, start_date: start, end_date: end })));
    },
    async placements(...rows: Array<[id: string, periodId: string, childId: string, start: string, end: string | null, o?: { type?: string; carer?: string }]>) {
      await insert(
        'placement',
        rows.map(([id, periodId, childId, start, end, o]) => ({
          id,
          period_of_care_id: periodId,
          person_id: childId,
          start_date: start,
          end_date: end,
          placement_type: o?.type ?? 'U6',
          carer_id: o?.carer ?? null,
        })),
      );
    },
    async careLeavers(
      ...rows: Array<[id: string, childId: string, recordDate: string | null, eligibility: string | null, suitable: string | null, activity?: string | null, o?: { deleted?: boolean }]>
    ) {
      await insert(
        'care_leaver',
        rows.map(([id, childId, recordDate, eligibility, suitable, activity, o]) => ({
          id,
          person_id: childId,
          record_date: recordDate,
          eligibility,
          accommodation_suitable: suitable,
          activity: activity ?? null,
          deleted_at: o?.deleted ? deleted : null,
        })),
      );
    },
    async involvements(...rows: Array<[id: string, workerId: string, childId: string, role: string, start: string, end: string | null, o?: { team?: string }]>) {
      await insert(
        'involvement',
        rows.map(([id, workerId, childId, role, start, end, o]) => ({
          id,
          professional_id: workerId,
          person_id: childId,
          role,
          start_date: start,
          end_date: end,
          team_id: o?.team ?? null,
        })),
      );
    },
    /** A contact: [id, child, date, outcome (decided the same day), options]. */
    async contacts(
      ...rows: Array<[id: string, childId: string, date: string, outcome: 'nfa' | 'advice' | 'early_help' | 'referral' | 'strategy_discussion' | null, o?: { json?: unknown; decided?: string }]>
    ) {
      await insert(
        'contact',
        rows.map(([id, childId, date, outcome, o]) => ({
          id,
          person_id: childId,
          contact_date: date,
          outcome,
          decision_date: outcome ? (o?.decided ?? date) : null,
          outcome_json: o?.json === undefined ? null : JSON.stringify(o.json),
        })),
      );
    },
    async setting(id: string, value: unknown) {
      await insert('council_setting', [{ id, value: JSON.stringify(value) }]);
    },
  };
}

/** An indicator's three figures from a report, for compact assertions. */
export function figures(report: IndicatorsReport, id: string): { numerator: number | null; denominator: number | null; value: number | null } {
  const r = report.indicators.find((i) => i.id === id);
  if (!r) throw new Error(`no indicator ${id} in the report`);
  return { numerator: r.numerator, denominator: r.denominator, value: r.value };
}

/** The child ids behind a figure, sorted, for exception-list assertions. */
export function childIds(report: IndicatorsReport, id: string, side: 'numerator' | 'denominator'): string[] {
  const r = report.indicators.find((i) => i.id === id);
  return [...new Set((r?.members?.[side] ?? []).map((m) => m.childId ?? ''))].sort();
}

/**
 * A monthly series reads the records once for all its months, with wider windows than one date needs;
 * this checks every month agrees with computing that month end alone. Returns the months compared.
 */
export async function seriesDisagreements(db: Db, from: string, to: string): Promise<{ months: number; disagreements: string[] }> {
  const series = await indicatorSeries(db, { from, to });
  const disagreements: string[] = [];
  for (const month of series) {
    const single = await computeIndicators(db, month.asOf, { withMembers: false });
    month.indicators.forEach((m, i) => {
      const s = single.indicators[i]!;
      if (m.value !== s.value || m.numerator !== s.numerator || m.denominator !== s.denominator) disagreements.push(`${month.asOf} ${m.id}`);
    });
  }
  return { months: series.length, disagreements };
}
