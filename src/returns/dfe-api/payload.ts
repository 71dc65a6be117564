// The DfE children's social care API payload: one JSON object per child, in the shape of the DfE
// specification as documented by data-to-insight/dfe-csc-api-data-flows (docs/json_payload_structure.md,
// attribute numbers 2–55) — see docs/dfe-api.md. Built from the records (pure); empty values are left out,
// as the reference builder's FOR JSON does.
import { addMonths, addYears, type IsoDate } from '../../platform/calendar/calendar.ts';
import { deriveEpisodes } from '../../care/episodes.ts';
import { RENAMED_PLACEMENT_TYPES } from '../../platform/codes.ts';

export interface ChildDetails {
  unique_pupil_number?: string;
  former_unique_pupil_number?: string;
  unique_pupil_number_unknown_reason?: string;
  first_name?: string;
  surname?: string;
  date_of_birth?: IsoDate;
  expected_date_of_birth?: IsoDate;
  sex: 'M' | 'F' | 'U';
  ethnicity?: string;
  disabilities: string[];
  postcode?: string;
  uasc_flag: boolean;
  uasc_end_date?: IsoDate;
  purge: false;
}

export interface SocialCareEpisode {
  social_care_episode_id: string;
  referral_date: IsoDate;
  referral_source?: string;
  referral_no_further_action_flag: boolean;
  closure_date?: IsoDate;
  closure_reason?: string;
  care_worker_details: Array<{ worker_id: string; start_date: IsoDate; end_date?: IsoDate }>;
  child_and_family_assessments: Array<{ child_and_family_assessment_id: string; start_date?: IsoDate; authorisation_date?: IsoDate; factors: string[]; purge: false }>;
  child_in_need_plans: Array<{ child_in_need_plan_id: string; start_date: IsoDate; end_date?: IsoDate; purge: false }>;
  section_47_assessments: Array<{ section_47_assessment_id: string; start_date?: IsoDate; icpc_required_flag?: boolean; icpc_date?: IsoDate; end_date?: IsoDate; purge: false }>;
  child_protection_plans: Array<{ child_protection_plan_id: string; start_date: IsoDate; end_date?: IsoDate; purge: false }>;
  child_looked_after_placements: Array<{
    child_looked_after_placement_id: string; start_date: IsoDate; start_reason?: string; postcode?: string; placement_type: string; end_date?: IsoDate; end_reason?: string;
    change_reason?: string; purge: false;
  }>;
  adoption?: { initial_decision_date?: IsoDate; matched_date?: IsoDate; placed_date?: IsoDate; purge: false };
  care_leavers?: { contact_date?: IsoDate; activity?: string; accommodation?: string; purge: false };
  purge: false;
}

export interface ChildRecord {
  la_child_id: string;
  mis_child_id?: string;
  purge: false;
  child_details: ChildDetails;
  health_and_wellbeing?: { sdq_assessments: Array<{ date: IsoDate; score: number }>; purge: false };
  social_care_episodes: SocialCareEpisode[];
}

/** A child the DfE should delete: no longer in scope, or the record deleted here. */
export interface PurgeRecord {
  la_child_id: string;
  purge: true;
}

export type ApiRecord = ChildRecord | PurgeRecord;

export interface ApiRecords {
  people: Array<{
    id: string; legacy_id: string | null; forename: string | null; surname: string | null; upn: string | null; former_upn: string | null; upn_unknown: string | null;
    sex: string | null; ethnicity: string | null; dob: IsoDate | null; expected_dob: IsoDate | null; postcode: string | null;
    uasc: boolean; uasc_end_date: IsoDate | null; disabilities: string[];
  }>;
  episodes: Array<{ id: string; person_id: string; referral_date: IsoDate; source_code: string | null; referral_nfa: boolean; close_date: IsoDate | null; close_reason: string | null }>;
  workers: Array<{ person_id: string; cin_episode_id: string | null; swe: string; start_date: IsoDate; end_date: IsoDate | null }>;
  assessments: Array<{ id: string; cin_episode_id: string; start_date: IsoDate | null; authorised_date: IsoDate | null; factors: string[] | null }>;
  cinPlans: Array<{ id: string; cin_episode_id: string; start_date: IsoDate; end_date: IsoDate | null }>;
  s47s: Array<{ id: string; cin_episode_id: string; start_date: IsoDate | null; end_date: IsoDate | null; icpc_required: boolean | null; icpc_date: IsoDate | null }>;
  cpPlans: Array<{ id: string; cin_episode_id: string; start_date: IsoDate; end_date: IsoDate | null }>;
  periods: Array<{ id: string; person_id: string; cin_episode_id: string | null; start_date: IsoDate; end_date: IsoDate | null; end_reason: string | null }>;
  placements: Array<{
    id: string; period_of_care_id: string; start_date: IsoDate; end_date: IsoDate | null; placement_type: string; provider: string | null; postcode: string | null;
    urn: string | null; carer_id: string | null; change_reason: string | null;
  }>;
  legalStatuses: Array<{ person_id: string; period_of_care_id: string | null; code: string; start_date: IsoDate; end_date: IsoDate | null }>;
  adoptions: Array<{ id: string; person_id: string; period_of_care_id: string | null; adm_decision_date: IsoDate | null; matched_date: IsoDate | null; placed_date: IsoDate | null }>;
  careLeavers: Array<{ person_id: string; latest_contact: IsoDate | null; activity: string | null; accommodation: string | null }>;
  sdqs: Array<{ id: string; person_id: string; completed_date: IsoDate; score: number }>;
}

/**
 * The window the payload covers: from 1 April of the financial year that contained the date 24 months
 * before the as-of date, to the as-of date (the reference builder's window, which ends the day after the run).
 */
export function payloadWindow(asOf: IsoDate): { start: IsoDate; end: IsoDate } {
  const back = addMonths(asOf, -24);
  const year = Number(back.slice(0, 4)) - (Number(back.slice(5, 7)) < 4 ? 1 : 0);
  return { start: `${year}-04-01`, end: asOf };
}

/** Leaves out null and undefined values (the reference builder's JSON omits them). */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === null || o[k] === undefined) delete o[k];
  return o;
}

const overlaps = (start: IsoDate | null, end: IsoDate | null, from: IsoDate, to: IsoDate) => start !== null && start <= to && (end === null || end >= from);
const within = (d: IsoDate | null, from: IsoDate, to: IsoDate) => d !== null && d >= from && d <= to;
const upTo = (d: IsoDate | null, asOf: IsoDate) => (d !== null && d <= asOf ? d : null);

/** The reference builder's referral source forms: 1A–3F, 5A–5D, and single numbers 4, 6–10. */
function referralSource(code: string | null): string | null {
  if (code === null) return null;
  const c = code.trim().toUpperCase();
  return /^(10|[1-3][A-F]|5[A-D]|[4-9])$/.test(c) ? c : null;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const byStart = <T extends { start_date: IsoDate | null; id: string }>(a: T, b: T) => (a.start_date ?? '').localeCompare(b.start_date ?? '') || a.id.localeCompare(b.id);

/** Every child in scope at `asOf`, as the DfE wants them, ordered by id. */
export function buildPayload(records: ApiRecords, asOf: IsoDate): ChildRecord[] {
  const { start, end } = payloadWindow(asOf);
  const episodesByChild = groupBy(records.episodes, (e) => e.person_id);
  const workersByChild = groupBy(records.workers, (w) => w.person_id);
  const assessmentsByEpisode = groupBy(records.assessments, (a) => a.cin_episode_id);
  const cinPlansByEpisode = groupBy(records.cinPlans, (c) => c.cin_episode_id);
  const s47sByEpisode = groupBy(records.s47s, (s) => s.cin_episode_id);
  const cpPlansByEpisode = groupBy(records.cpPlans, (c) => c.cin_episode_id);
  const periodsByChild = groupBy(records.periods, (p) => p.person_id);
  const placementsByPeriod = groupBy(records.placements, (p) => p.period_of_care_id);
  const statusesByChild = groupBy(records.legalStatuses, (l) => l.person_id);
  const adoptionsByChild = groupBy(records.adoptions, (a) => a.person_id);
  const careLeavers = new Map(records.careLeavers.map((c) => [c.person_id, c]));
  const sdqsByChild = groupBy(records.sdqs, (s) => s.person_id);

  const out: ChildRecord[] = [];
  for (const p of [...records.people].sort((a, b) => a.id.localeCompare(b.id))) {
    // Up to 25 at some point in the window: born by its end and not yet 26 at its start; or unborn, due in it.
    const ageOk = p.dob !== null ? p.dob <= end && addYears(p.dob, 26) > start : p.expected_dob !== null && within(p.expected_dob, start, addYears(end, 1));
    if (!ageOk) continue;
    const episodes = (episodesByChild.get(p.id) ?? []).filter((e) => overlaps(e.referral_date, upTo(e.close_date, asOf), start, end)).sort((a, b) => a.referral_date.localeCompare(b.referral_date) || a.id.localeCompare(b.id));
    const periods = (periodsByChild.get(p.id) ?? []).filter((pc) => overlaps(pc.start_date, upTo(pc.end_date, asOf), start, end));
    const careLeaver = careLeavers.get(p.id);
    const inScope = episodes.length > 0 || periods.length > 0 || (careLeaver !== undefined && within(careLeaver.latest_contact, start, end));
    if (!inScope) continue;

    const built = new Map<string, SocialCareEpisode>();
    for (const e of episodes) {
      const closure = upTo(e.close_date, asOf);
      const episodeEnd = closure ?? asOf;
      built.set(
        e.id,
        compact({
          social_care_episode_id: e.id,
          referral_date: e.referral_date,
          referral_source: referralSource(e.source_code) ?? undefined,
          referral_no_further_action_flag: e.referral_nfa,
          closure_date: closure ?? undefined,
          closure_reason: closure ? (e.close_reason ?? undefined) : undefined,
          care_worker_details: (workersByChild.get(p.id) ?? [])
            .filter((w) => (w.cin_episode_id === null || w.cin_episode_id === e.id) && overlaps(w.start_date, upTo(w.end_date, asOf), e.referral_date, episodeEnd) && w.start_date <= asOf)
            .sort((a, b) => a.start_date.localeCompare(b.start_date) || a.swe.localeCompare(b.swe))
            .map((w) => compact({ worker_id: w.swe.slice(0, 12), start_date: w.start_date, end_date: upTo(w.end_date, asOf) ?? undefined })),
          child_and_family_assessments: (assessmentsByEpisode.get(e.id) ?? [])
            .filter((a) => within(a.start_date, start, end) || within(a.authorised_date, start, end))
            .sort(byStart)
            .map((a) =>
              compact({
                child_and_family_assessment_id: a.id,
                start_date: a.start_date ?? undefined,
                authorisation_date: upTo(a.authorised_date, asOf) ?? undefined,
                factors: [...(a.factors ?? [])],
                purge: false as const,
              }),
            ),
          child_in_need_plans: (cinPlansByEpisode.get(e.id) ?? [])
            .filter((c) => overlaps(c.start_date, upTo(c.end_date, asOf), start, end))
            .sort(byStart)
            .map((c) => compact({ child_in_need_plan_id: c.id, start_date: c.start_date, end_date: upTo(c.end_date, asOf) ?? undefined, purge: false as const })),
          section_47_assessments: (s47sByEpisode.get(e.id) ?? [])
            .filter((s) => overlaps(s.start_date, upTo(s.end_date, asOf), start, end) || within(s.icpc_date, start, end))
            .sort(byStart)
            .map((s) =>
              compact({
                section_47_assessment_id: s.id,
                start_date: s.start_date ?? undefined,
                icpc_required_flag: s.icpc_required ?? undefined,
                icpc_date: upTo(s.icpc_date, asOf) ?? undefined,
                end_date: upTo(s.end_date, asOf) ?? undefined,
                purge: false as const,
              }),
            ),
          child_protection_plans: (cpPlansByEpisode.get(e.id) ?? [])
            .filter((c) => overlaps(c.start_date, upTo(c.end_date, asOf), start, end))
            .sort(byStart)
            .map((c) => compact({ child_protection_plan_id: c.id, start_date: c.start_date, end_date: upTo(c.end_date, asOf) ?? undefined, purge: false as const })),
          child_looked_after_placements: [],
          purge: false as const,
        }),
      );
    }
    // The episode a period of care, an adoption or a care-leaver record belongs to: its own, else the
    // referral open on the day (else the latest referral before it, else the child's latest).
    const episodeFor = (linked: string | null, on: IsoDate | null): SocialCareEpisode | undefined => {
      if (linked && built.has(linked)) return built.get(linked);
      const list = [...built.values()];
      if (on !== null) {
        const before = list.filter((x) => x.referral_date <= on);
        const open = before.filter((x) => x.closure_date === undefined || x.closure_date >= on);
        return open[open.length - 1] ?? before[before.length - 1] ?? list[list.length - 1];
      }
      return list[list.length - 1];
    };

    for (const pc of periods) {
      const target = episodeFor(pc.cin_episode_id, pc.start_date);
      if (!target) continue;
      const placements = (placementsByPeriod.get(pc.id) ?? []).filter((pl) => pl.start_date <= asOf);
      const derived = deriveEpisodes(
        {
          id: pc.id, personId: p.id, startDate: pc.start_date, endDate: upTo(pc.end_date, asOf), endReason: upTo(pc.end_date, asOf) ? pc.end_reason : null,
          primaryNeedCode: null, homePostcode: null, cinEpisodeId: pc.cin_episode_id,
        },
        placements.map((pl) => ({
          id: pl.id, startDate: pl.start_date, endDate: upTo(pl.end_date, asOf), placementType: pl.placement_type, provider: pl.provider, postcode: pl.postcode, urn: pl.urn,
          carerId: pl.carer_id, changeReason: pl.change_reason,
        })),
        (statusesByChild.get(p.id) ?? []).filter((l) => l.start_date <= asOf).map((l) => ({ code: l.code, startDate: l.start_date, endDate: upTo(l.end_date, asOf) })),
      );
      for (const pl of placements.filter((x) => overlaps(x.start_date, upTo(x.end_date, asOf), start, end)).sort(byStart)) {
        const mine = derived.filter((d) => d.placementId === pl.id);
        const first = mine[0];
        const last = mine[mine.length - 1];
        const ended = upTo(pl.end_date, asOf);
        target.child_looked_after_placements.push(
          compact({
            child_looked_after_placement_id: pl.id,
            start_date: pl.start_date,
            start_reason: first?.startReason,
            postcode: pl.postcode ?? undefined,
            // The 903 PLACE code, H5 written as K3 as in the 903 (docs/dfe-api.md); Z11 to Z14 are 3 characters.
            placement_type: RENAMED_PLACEMENT_TYPES[pl.placement_type] ?? pl.placement_type,
            end_date: ended ?? undefined,
            end_reason: ended ? (last?.endReason ?? undefined) : undefined,
            change_reason: ended ? (pl.change_reason ?? undefined) : undefined,
            purge: false as const,
          }),
        );
      }
    }

    const adoption = (adoptionsByChild.get(p.id) ?? [])
      .filter((a) => [a.adm_decision_date, a.matched_date, a.placed_date].some((d) => within(d, start, end)))
      .sort((a, b) => (a.adm_decision_date ?? '').localeCompare(b.adm_decision_date ?? '') || a.id.localeCompare(b.id))
      .pop();
    if (adoption) {
      const period = records.periods.find((pc) => pc.id === adoption.period_of_care_id);
      const target = episodeFor(period?.cin_episode_id ?? null, adoption.adm_decision_date);
      if (target) {
        target.adoption = compact({
          initial_decision_date: upTo(adoption.adm_decision_date, asOf) ?? undefined,
          matched_date: upTo(adoption.matched_date, asOf) ?? undefined,
          placed_date: upTo(adoption.placed_date, asOf) ?? undefined,
          purge: false as const,
        });
      }
    }
    if (careLeaver) {
      const target = episodeFor(null, null);
      if (target) {
        target.care_leavers = compact({
          contact_date: upTo(careLeaver.latest_contact, asOf) ?? undefined,
          activity: careLeaver.activity?.trim().slice(0, 2).toUpperCase() || undefined,
          accommodation: careLeaver.accommodation?.trim().slice(0, 1).toUpperCase() || undefined,
          purge: false as const,
        });
      }
    }

    const disabilities = [...new Set(p.disabilities.map((d) => d.trim().toUpperCase().slice(0, 4)).filter((d) => d !== '' && d !== 'NONE'))].sort().slice(0, 12);
    const sdqs = (sdqsByChild.get(p.id) ?? []).filter((s) => within(s.completed_date, start, end)).sort((a, b) => a.completed_date.localeCompare(b.completed_date) || a.id.localeCompare(b.id));
    const record: ChildRecord = compact({
      la_child_id: p.id,
      mis_child_id: p.legacy_id ?? undefined,
      purge: false as const,
      child_details: compact({
        unique_pupil_number: p.upn ?? undefined,
        former_unique_pupil_number: p.former_upn ?? undefined,
        unique_pupil_number_unknown_reason: p.upn ? undefined : (p.upn_unknown ?? undefined),
        first_name: p.forename ?? undefined,
        surname: p.surname ?? undefined,
        date_of_birth: p.dob ?? undefined,
        expected_date_of_birth: p.dob ? undefined : (p.expected_dob ?? undefined),
        sex: p.sex === 'M' || p.sex === 'F' ? p.sex : 'U',
        ethnicity: p.ethnicity?.trim().slice(0, 4).toUpperCase() || undefined,
        disabilities: disabilities.length > 0 ? disabilities : ['NONE'],
        postcode: p.postcode?.trim() || undefined,
        uasc_flag: p.uasc,
        uasc_end_date: p.uasc ? (p.uasc_end_date ?? undefined) : undefined,
        purge: false as const,
      }),
      health_and_wellbeing: sdqs.length > 0 ? { sdq_assessments: sdqs.map((s) => ({ date: s.completed_date, score: s.score })), purge: false as const } : undefined,
      social_care_episodes: [...built.values()],
    });
    out.push(record);
  }
  return out;
}
