// From Tiller's records to the census model: a pure function, so the population rules are tested
// without a database. The census is the picture as at its reference date (31 March): anything dated
// after that day had not happened yet, so it is left out (a closure in April leaves the episode open).
//
// Who is in it: every child with a referral (CIN episode) open at some point in the year, 1 April to
// 31 March, one CINdetails per such episode. Within an episode: assessments completed in the year or
// still open at its end; CIN plans and CP plans open at some point in the year; section 47 enquiries
// still going at some point in the year (until their conference, or until they ended with none); CP
// reviews held in the year. NumberOfPreviousCPP counts every earlier CP plan the child has in the
// records, however long ago and whichever authority's.
import { addWorkingDays, type IsoDate } from '../../platform/calendar/calendar.ts';
import type { Assessment, CensusChild, ChildProtectionPlan, CinCensus, CinDetails, CinPlanDates, Section47 } from './model.ts';
import { censusYear } from './period.ts';

export interface PersonRecord {
  id: string;
  upn: string | null;
  former_upn: string | null;
  upn_unknown: string | null;
  sex: string | null;
  ethnicity: string | null;
  dob: IsoDate | null;
  expected_dob: IsoDate | null;
  death_date: IsoDate | null;
}

export interface EpisodeRecord {
  id: string;
  person_id: string;
  referral_date: IsoDate;
  source_code: string | null;
  primary_need_code: string | null;
  referral_nfa: boolean;
  close_date: IsoDate | null;
  close_reason: string | null;
}

export interface AssessmentRecord {
  id: string;
  cin_episode_id: string;
  start_date: IsoDate | null;
  authorised_date: IsoDate | null;
  factors: string[];
}

export interface CinPlanRecord {
  id: string;
  cin_episode_id: string;
  start_date: IsoDate;
  end_date: IsoDate | null;
}

export interface S47Record {
  id: string;
  cin_episode_id: string;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  icpc_required: boolean | null;
}

export interface IcpcRecord {
  id: string;
  cin_episode_id: string;
  s47_enquiry_id: string | null;
  transfer_in: boolean;
  target_date: IsoDate | null;
  conference_date: IsoDate | null;
}

export interface CpPlanRecord {
  id: string;
  cin_episode_id: string;
  person_id: string;
  start_date: IsoDate;
  end_date: IsoDate | null;
  other_la: boolean;
  initial_category: string | null;
  latest_category: string | null;
}

export interface CpReviewRecord {
  cp_plan_id: string;
  review_date: IsoDate | null;
}

/** What the census is built from. Loading more than needed is harmless: the builder does the choosing. */
export interface CensusRecords {
  people: PersonRecord[];
  disabilities: Array<{ person_id: string; code: string }>;
  episodes: EpisodeRecord[];
  assessments: AssessmentRecord[];
  cinPlans: CinPlanRecord[];
  s47s: S47Record[];
  icpcs: IcpcRecord[];
  /** All of the children's CP plans, whenever they were, for NumberOfPreviousCPP. */
  cpPlans: CpPlanRecord[];
  cpReviews: CpReviewRecord[];
}

export interface BuildOptions {
  /** The collection year: 2026 is the year ending 31 March 2026. */
  year: number;
  laCode: string;
  /** When the file was made (header DateTime), `YYYY-MM-DDTHH:MM:SS`. */
  generatedAt: string;
  softwareCode?: string;
  release?: string;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const byDate = <T>(date: (row: T) => string | null, id: (row: T) => string) => (a: T, b: T) => {
  const da = date(a) ?? '';
  const db = date(b) ?? '';
  return da < db ? -1 : da > db ? 1 : id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
};

export function buildCensus(records: CensusRecords, options: BuildOptions): CinCensus {
  const { periodStart, referenceDate } = censusYear(options.year);
  /** A date on or before the reference date; a later one had not happened yet. */
  const known = (d: IsoDate | null): IsoDate | null => (d !== null && d <= referenceDate ? d : null);
  const openInYear = (start: IsoDate | null, end: IsoDate | null) => start !== null && start <= referenceDate && (end === null || end >= periodStart);

  const episodes = records.episodes.filter((e) => openInYear(e.referral_date, e.close_date));
  const episodesByChild = groupBy(episodes, (e) => e.person_id);
  const assessments = groupBy(records.assessments, (a) => a.cin_episode_id);
  const cinPlans = groupBy(records.cinPlans, (p) => p.cin_episode_id);
  const s47s = groupBy(records.s47s, (s) => s.cin_episode_id);
  const icpcs = groupBy(records.icpcs, (i) => i.cin_episode_id);
  const icpcsByS47 = groupBy(
    records.icpcs.filter((i) => i.s47_enquiry_id !== null && !i.transfer_in),
    (i) => i.s47_enquiry_id!,
  );
  const cpPlansByEpisode = groupBy(records.cpPlans, (c) => c.cin_episode_id);
  const cpStartsByChild = new Map<string, IsoDate[]>();
  for (const c of records.cpPlans) {
    const list = cpStartsByChild.get(c.person_id);
    if (list) list.push(c.start_date);
    else cpStartsByChild.set(c.person_id, [c.start_date]);
  }
  const reviews = groupBy(records.cpReviews, (r) => r.cp_plan_id);
  const disabilities = groupBy(records.disabilities, (d) => d.person_id);

  function assessment(a: AssessmentRecord): Assessment {
    const authorised = known(a.authorised_date);
    return {
      AssessmentActualStartDate: a.start_date,
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: authorised,
      // Factors are identified when the assessment is completed.
      AssessmentFactors: authorised ? [...a.factors] : [],
    };
  }

  function section47(s: S47Record): Section47 | null {
    if (s.start_date === null || s.start_date > referenceDate) return null;
    const icpc = (icpcsByS47.get(s.id) ?? []).filter((i) => i.conference_date !== null).sort(byDate((i) => i.conference_date, (i) => i.id))[0];
    const conference = known(icpc?.conference_date ?? null);
    const decided = known(s.end_date) !== null;
    const notRequired = conference === null && decided && s.icpc_required !== true;
    // An enquiry runs until its conference, or until it ends with none needed; one still going counts.
    const over = conference ?? (notRequired ? s.end_date : null);
    if (over !== null && over < periodStart) return null;
    const target = icpc?.target_date ?? (decided && s.icpc_required === true ? addWorkingDays(s.start_date, 15) : null);
    return { S47ActualStartDate: s.start_date, InitialCPCtarget: target, DateOfInitialCPC: conference, ICPCnotRequired: notRequired ? 'true' : 'false' };
  }

  function cpPlan(c: CpPlanRecord): ChildProtectionPlan {
    const earlier = (cpStartsByChild.get(c.person_id) ?? []).filter((d) => d < c.start_date).length;
    const held = (reviews.get(c.id) ?? [])
      .map((r) => r.review_date)
      .filter((d): d is IsoDate => d !== null && d >= periodStart && d <= referenceDate)
      .sort();
    return {
      CPPstartDate: c.start_date,
      CPPendDate: known(c.end_date),
      InitialCategoryOfAbuse: c.initial_category,
      LatestCategoryOfAbuse: c.latest_category,
      NumberOfPreviousCPP: String(earlier),
      Reviews: held,
    };
  }

  function cinDetails(e: EpisodeRecord): CinDetails {
    const closed = known(e.close_date);
    // A conference that followed no enquiry here, or a transfer-in, is recorded on the episode itself.
    const ownConference = (icpcs.get(e.id) ?? [])
      .filter((i) => i.s47_enquiry_id === null || i.transfer_in)
      .map((i) => known(i.conference_date))
      .filter((d): d is IsoDate => d !== null && d >= periodStart)
      .sort()
      .pop() ?? null;
    return {
      CINreferralDate: e.referral_date,
      ReferralSource: e.source_code,
      PrimaryNeedCode: e.primary_need_code,
      CINclosureDate: closed,
      ReasonForClosure: closed ? e.close_reason : null,
      DateOfInitialCPC: ownConference,
      Assessments: (assessments.get(e.id) ?? [])
        .filter((a) => (a.start_date === null || a.start_date <= referenceDate) && (known(a.authorised_date) ?? referenceDate) >= periodStart)
        .sort(byDate((a) => a.start_date, (a) => a.id))
        .map(assessment),
      CINPlanDates: (cinPlans.get(e.id) ?? [])
        .filter((p) => openInYear(p.start_date, p.end_date))
        .sort(byDate((p) => p.start_date, (p) => p.id))
        .map((p): CinPlanDates => ({ CINPlanStartDate: p.start_date, CINPlanEndDate: known(p.end_date) })),
      Section47: (s47s.get(e.id) ?? [])
        .sort(byDate((s) => s.start_date, (s) => s.id))
        .map(section47)
        .filter((s): s is Section47 => s !== null),
      ReferralNFA: e.referral_nfa ? 'true' : 'false',
      ChildProtectionPlans: (cpPlansByEpisode.get(e.id) ?? [])
        .filter((c) => !c.other_la && openInYear(c.start_date, c.end_date))
        .sort(byDate((c) => c.start_date, (c) => c.id))
        .map(cpPlan),
    };
  }

  const children: CensusChild[] = records.people
    .filter((p) => episodesByChild.has(p.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => {
      const born = known(p.dob);
      const codes = (disabilities.get(p.id) ?? []).map((d) => d.code);
      return {
        LAchildID: p.id,
        UPN: p.upn,
        FormerUPN: p.former_upn,
        UPNunknown: p.upn_unknown,
        PersonBirthDate: born,
        ExpectedPersonBirthDate: born ? null : (p.expected_dob ?? p.dob),
        // Unknown sex is U; so is the sex of a child not yet born on the reference date.
        Sex: born || p.dob === null ? (p.sex ?? 'U') : 'U',
        PersonDeathDate: known(p.death_date),
        // Not recorded is the DfE's NOBT, "information not yet obtained".
        Ethnicity: p.ethnicity ?? 'NOBT',
        // Tiller records a child's disabilities; a child with none recorded has none (NONE).
        Disabilities: codes.length > 0 ? codes : ['NONE'],
        CINdetails: episodesByChild.get(p.id)!.sort(byDate((e) => e.referral_date, (e) => e.id)).map(cinDetails),
      };
    });

  return {
    header: {
      Collection: 'CIN',
      Year: String(options.year),
      ReferenceDate: referenceDate,
      SourceLevel: 'L',
      LEA: options.laCode,
      SoftwareCode: options.softwareCode ?? 'Tiller',
      Release: options.release ?? null,
      SerialNo: '001',
      DateTime: options.generatedAt,
    },
    children,
  };
}
