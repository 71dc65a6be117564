// Records → the SSDA903 tables (pure). The return is the picture as at 31 March: anything dated later had
// not happened yet. Who is in each table (the DfE's population rules, as docs/ssda903.md explains):
//
// - Header: every child looked after at some point in the year, and every care leaver in the OC3 cohort.
// - Episodes: each child's episodes open at some point in the year; an end after 31 March is left blank.
// - Reviews: reviews held in the year, for children not looked after only under short breaks (V3/V4).
// - UASC: looked-after children who are or were unaccompanied asylum seekers.
// - OC2: children looked after continuously for the 12 months to 31 March.
// - OC3: young people whose 17th to 21st birthday falls in the year, who left care before it (not by
//   adoption, death or transfer), with a care-leaver record.
// - AD1: children adopted from care in the year. PlacedAdoption: decisions to place for adoption in force
//   in the year. PrevPerm: children who started to be looked after in the year. Missing: missing or away
//   periods in the year while looked after. SWEpisodes: allocated social workers in the year.
import { addMonths, addYears, type IsoDate } from '../../platform/calendar/calendar.ts';
import { ageOn, collectionPeriod, continuouslyLookedAfter, type CollectionPeriod } from './cohort.ts';
import type { Ssda903Records } from './load-903-records.ts';
import { emptyTables, row, type Row, type Ssda903 } from './model.ts';
import { RENAMED_PLACEMENT_TYPES } from '../../platform/codes.ts';

const ADOPTED = new Set(['E11', 'E12']);
/** Ways of leaving care after which the DfE wants no care-leaver information. */
const NO_OC3 = new Set(['E11', 'E12', 'E2', 'E3']);
const ACCOMMODATION_SUITABLE = new Set(['1', 'suitable']);
const ACCOMMODATION_UNSUITABLE = new Set(['2', 'unsuitable']);

const flag = (b: boolean) => (b ? '1' : '0');

function groupBy<T extends { person_id: string }>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.person_id);
    if (list) list.push(i);
    else m.set(i.person_id, [i]);
  }
  return m;
}

const after = (date: string | null, p: CollectionPeriod) => (date !== null && date <= p.end ? date : null);

export function build903(records: Ssda903Records, year: number): Ssda903 {
  const p = collectionPeriod(year);
  const tables = emptyTables();
  const people = new Map(records.people.map((x) => [x.id, x]));
  const episodesBy = groupBy(records.episodes);
  const by = {
    reviews: groupBy(records.reviews), uasc: groupBy(records.uasc), sdq: groupBy(records.sdq), imm: groupBy(records.immunisations),
    health: groupBy(records.healthChecks), sm: groupBy(records.substanceMisuse), conv: groupBy(records.convictions), leavers: groupBy(records.careLeavers),
    leaverPeriods: groupBy(records.leaverPeriods), adoptions: groupBy(records.adoptions), prev: groupBy(records.previousPermanence),
    missing: groupBy(records.missing), sw: groupBy(records.socialWorkers),
  };

  const headerFor = (id: string, lookedAfter: boolean, shortBreaksOnly: boolean): void => {
    const x = people.get(id)!;
    const upn = x.upn ?? (x.upn_unknown && /^UN[1-5]$/.test(x.upn_unknown) ? x.upn_unknown : null);
    const female = x.sex === 'F';
    const mother = x.is_mother ?? x.first_child_dob !== null;
    tables.header.push(
      row('header', {
        CHILD: id, SEX: x.sex ?? 'U', DOB: x.dob, ETHNIC: x.ethnicity ?? 'NOBT', UPN: upn,
        // Motherhood is asked of looked-after girls, not of care leavers or short breaks (rules 628, 399).
        MOTHER: lookedAfter && female && !shortBreaksOnly ? flag(mother) : null,
        MC_DOB: lookedAfter && female && !shortBreaksOnly && mother ? after(x.first_child_dob, p) : null,
      }),
    );
  };

  const lookedAfter = [...episodesBy.keys()].filter((id) => people.has(id)).sort();
  const inHeader = new Set<string>();
  for (const id of lookedAfter) {
    const x = people.get(id)!;
    const dob = x.dob;
    const eps = episodesBy.get(id)!.filter((e) => e.start_date <= p.end).sort((a, b) => a.start_date.localeCompare(b.start_date));
    const rows = eps.map((e) => {
      const ended = e.end_date !== null && e.end_date <= p.end;
      return row('episodes', {
        CHILD: id, DECOM: e.start_date, RNE: e.start_reason, LS: e.legal_status, CIN: e.primary_need_code,
        // Renamed from 2025/26: semi-independent accommodation (H5) is now supported accommodation (K3). P2 and Z1
        // are written as they are: Z1 was split into Z11 to Z14 and P2 has no successor, so which code the
        // placement now has needs a person, and rule 146 reports the row for the performance officer to
        // recode the placement (docs/ssda903.md).
        PLACE: e.placement_type === null ? null : (RENAMED_PLACEMENT_TYPES[e.placement_type] ?? e.placement_type),
        PLACE_PROVIDER: e.provider, DEC: ended ? e.end_date : null, REC: ended ? e.end_reason : null,
        REASON_PLACE_CHANGE: ended ? e.reason_place_change : null, HOME_POST: e.home_postcode, PL_POST: e.placement_postcode, URN: e.urn,
      });
    });
    const shortBreaksOnly = rows.every((r) => r.LS === 'V3' || r.LS === 'V4');
    headerFor(id, true, shortBreaksOnly);
    inHeader.add(id);
    tables.episodes.push(...rows);
    const dobCol = { CHILD: id, DOB: dob };

    if (!shortBreaksOnly) {
      for (const r of (by.reviews.get(id) ?? []).sort((a, b) => a.review_date.localeCompare(b.review_date))) {
        tables.reviews.push(row('reviews', { ...dobCol, REVIEW: r.review_date, REVIEW_CODE: r.participation }));
      }
    }
    const uasc = by.uasc.get(id);
    if (uasc?.length) {
      const ceased = uasc.map((u) => u.end_date).filter((d): d is string => d !== null).sort().pop() ?? null;
      tables.uasc.push(row('uasc', { CHILD: id, SEX: x.sex ?? 'U', DOB: dob, DUC: after(ceased, p) }));
    }

    if (dob !== null && continuouslyLookedAfter(rows, p)) tables.oc2.push(oc2Row(id, dob, p, by));

    const adoptedEp = rows.find((r) => r.REC !== null && ADOPTED.has(r.REC) && r.DEC !== null && r.DEC >= p.start);
    const adoptions = (by.adoptions.get(id) ?? []).filter((a) => a.adm_decision_date !== null && a.adm_decision_date <= p.end).sort((a, b) => a.adm_decision_date!.localeCompare(b.adm_decision_date!));
    if (adoptedEp) {
      const a = adoptions.filter((x) => x.decision_reversed_date === null).pop();
      tables.ad1.push(
        row('ad1', {
          ...dobCol, DATE_INT: a?.adm_decision_date ?? null, DATE_MATCH: after(a?.matched_date ?? null, p),
          FOSTER_CARE: a?.adopted_by_carer === null || a?.adopted_by_carer === undefined ? null : flag(a.adopted_by_carer),
          NB_ADOPTR: a?.number_of_adopters ? String(a.number_of_adopters) : null, SEX_ADOPTR: a?.adopter_sex ?? null, LS_ADOPTR: a?.adopter_legal_status ?? null,
        }),
      );
    }
    for (const a of adoptions) {
      const reversed = after(a.decision_reversed_date, p);
      if (reversed !== null && reversed < p.start) continue;
      tables.placed_for_adoption.push(
        row('placed_for_adoption', { ...dobCol, DATE_PLACED: a.adm_decision_date, DATE_PLACED_CEASED: reversed, REASON_PLACED_CEASED: reversed ? a.decision_reversed_reason : null }),
      );
    }

    if (rows.some((r) => r.RNE === 'S' && r.DECOM! >= p.start)) {
      const prev = by.prev.get(id)?.[0];
      const code = prev?.option_code ?? 'Z1';
      tables.previous_permanence.push(
        row('previous_permanence', { ...dobCol, PREV_PERM: code, LA_PERM: code === 'Z1' ? null : (prev?.la ?? null), DATE_PERM: code === 'Z1' ? null : (prev?.order_date ?? null) }),
      );
    }

    // Missing while looked after: the period started inside one of the year's episodes.
    const lookedAfterOn = (d: IsoDate) => eps.some((e) => e.start_date <= d && (e.end_date === null || e.end_date >= d));
    for (const m of (by.missing.get(id) ?? []).sort((a, b) => a.start_date.localeCompare(b.start_date))) {
      if (m.start_date > p.end || !lookedAfterOn(m.start_date)) continue;
      tables.missing.push(row('missing', { ...dobCol, MISSING: m.episode_type === 'AWAY' ? 'A' : 'M', MIS_START: m.start_date, MIS_END: after(m.end_date, p) }));
    }

    for (const s of by.sw.get(id) ?? []) {
      tables.sw_episodes.push(
        row('sw_episodes', { ...dobCol, SW_ID: s.swe_registration_no ?? `XX${s.professional_id}`.slice(0, 10), SW_DECOM: s.start_date, SW_DEC: after(s.end_date, p), SW_REASON: s.change_reason }),
      );
    }
  }

  // OC3: care leavers around their 17th to 21st birthday.
  for (const [id, leaverRecords] of [...by.leavers].sort((a, b) => a[0].localeCompare(b[0]))) {
    const x = people.get(id);
    if (!x?.dob) continue;
    const birthday = [17, 18, 19, 20, 21].map((n) => addYears(x.dob!, n)).find((d) => d >= p.start && d <= p.end);
    if (!birthday) continue;
    const periods = by.leaverPeriods.get(id) ?? [];
    const last = periods.filter((c) => c.start_date <= birthday).sort((a, b) => a.start_date.localeCompare(b.start_date)).pop();
    // Looked after on the birthday (still in care, or leaving that day or later): no OC3 (rules 1007, 1016).
    if (!last || last.end_date === null || last.end_date >= birthday) continue;
    if (last.end_reason !== null && NO_OC3.has(last.end_reason)) continue;
    if (periods.some((c) => c.start_date > birthday && c.start_date <= p.end)) continue;
    // The record nearest the birthday: the latest within three months after it, or before it.
    const near = leaverRecords.filter((c) => c.record_date === null || c.record_date <= addMonths(birthday, 3)).pop();
    if (!near) continue;
    if (!inHeader.has(id)) {
      headerFor(id, false, false);
      inHeader.add(id);
    }
    tables.oc3.push(oc3Row(id, x.dob, near));
  }
  tables.header.sort((a, b) => a.CHILD!.localeCompare(b.CHILD!));
  tables.oc3.sort((a, b) => a.CHILD!.localeCompare(b.CHILD!));
  return { year, tables };
}

function oc3Row(id: string, dob: IsoDate, c: Ssda903Records['careLeavers'][number]): Row<'oc3'> {
  const inTouch = c.in_touch?.trim().toUpperCase() ?? null;
  let activ: string | null = c.activity;
  let accom: string | null = null;
  if (c.accommodation) {
    const s = c.accommodation_suitable?.trim().toLowerCase() ?? '';
    accom = c.accommodation + (ACCOMMODATION_SUITABLE.has(s) ? '1' : ACCOMMODATION_UNSUITABLE.has(s) ? '2' : '');
  }
  // Not in touch, refused or no longer needing contact: activity and accommodation unknown (0); died or
  // returned home for six months: none asked (rule 344).
  if (inTouch === 'NO' || inTouch === 'REFU' || inTouch === 'NREQ') activ = accom = '0';
  if (inTouch === 'DIED' || inTouch === 'RHOM') activ = accom = null;
  return row('oc3', { CHILD: id, DOB: dob, IN_TOUCH: inTouch, ACTIV: activ, ACCOM: accom });
}

type Grouped = { [K in 'sdq' | 'imm' | 'health' | 'sm' | 'conv']: Map<string, Array<Record<string, unknown>>> };

function oc2Row(id: string, dob: IsoDate, p: CollectionPeriod, by: Grouped): Row<'oc2'> {
  const ageAtEnd = ageOn(dob, p.end);
  const ageAtStart = ageOn(dob, p.start);
  const sdq = ((by.sdq.get(id) ?? []) as Ssda903Records['sdq']).sort((a, b) => (a.completed_date ?? '').localeCompare(b.completed_date ?? ''));
  const scored = sdq.filter((s) => s.score !== null).pop();
  const reason = sdq.filter((s) => s.reason !== null).pop();
  const checks = (by.health.get(id) ?? []) as Ssda903Records['healthChecks'];
  const assessed = checks.some((h) => (h.check_type === 'initial_health_assessment' || h.check_type === 'review_health_assessment') && h.status !== 'Refused');
  const teeth = checks.some((h) => h.check_type === 'dental' && h.status !== 'Refused');
  const imm = ((by.imm.get(id) ?? []) as Ssda903Records['immunisations']).sort((a, b) => (a.status_date ?? '').localeCompare(b.status_date ?? '')).pop();
  const sm = ((by.sm.get(id) ?? []) as Ssda903Records['substanceMisuse']).pop();
  const sdqAge = ageAtStart >= 4 && ageAtEnd <= 16;
  // Turning 4 or 17 in the year: a score if one was done, else a reason; SDQ1 (too young or too old at
  // the time) when none is recorded (rules 197B and 157).
  const birthdayIn = (n: number) => addYears(dob, n) >= p.start && addYears(dob, n) <= p.end;
  const edge = !sdqAge && ageAtStart < 17 && ageAtEnd >= 4 && (birthdayIn(4) || birthdayIn(17));
  return row('oc2', {
    CHILD: id, DOB: dob,
    SDQ_SCORE: (sdqAge || edge) && scored ? String(scored.score) : null,
    SDQ_REASON: (sdqAge || edge) && !scored ? (reason?.reason ?? (edge ? 'SDQ1' : null)) : null,
    CONVICTED: ageAtEnd >= 10 ? flag((by.conv.get(id) ?? []).length > 0) : null,
    HEALTH_CHECK: ageAtEnd < 5 ? flag(assessed) : null,
    IMMUNISATIONS: flag(imm?.up_to_date === true),
    TEETH_CHECK: flag(teeth),
    HEALTH_ASSESSMENT: flag(assessed),
    SUBSTANCE_MISUSE: flag(sm !== undefined),
    INTERVENTION_RECEIVED: sm && sm.intervention_received !== null ? flag(sm.intervention_received) : null,
    // Tiller records whether an intervention was received, not whether one was offered (rule 159).
    INTERVENTION_OFFERED: null,
  });
}
