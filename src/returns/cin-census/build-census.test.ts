// The census population and the picture as at 31 March, from hand-made records (no database).
import { describe, expect, it } from 'vitest';
import { buildCensus, type CensusRecords, type CpPlanRecord, type EpisodeRecord, type PersonRecord } from './build-census.ts';
import { validateCensus } from './validate-census.ts';

const OPTIONS = { year: 2026, laCode: '201', generatedAt: '2026-04-02T10:00:00' };

function person(id: string, fields: Partial<PersonRecord> = {}): PersonRecord {
  return { id, upn: null, former_upn: null, upn_unknown: 'UN4', sex: 'F', ethnicity: 'WBRI', dob: '2012-02-02', expected_dob: null, death_date: null, ...fields };
}

function episode(id: string, personId: string, referral: string, fields: Partial<EpisodeRecord> = {}): EpisodeRecord {
  return { id, person_id: personId, referral_date: referral, source_code: '2A', primary_need_code: 'N1', referral_nfa: false, close_date: null, close_reason: null, ...fields };
}

function cpPlan(id: string, episodeId: string, personId: string, start: string, fields: Partial<CpPlanRecord> = {}): CpPlanRecord {
  return { id, cin_episode_id: episodeId, person_id: personId, start_date: start, end_date: null, other_la: false, initial_category: 'NEG', latest_category: 'NEG', ...fields };
}

function records(fields: Partial<CensusRecords>): CensusRecords {
  return { people: [], disabilities: [], episodes: [], assessments: [], cinPlans: [], s47s: [], icpcs: [], cpPlans: [], cpReviews: [], ...fields };
}

const build = (r: CensusRecords) => buildCensus(r, OPTIONS);

describe('the CIN census population', () => {
  it('is every child with a referral open at some point in the year, one CINdetails per such referral', () => {
    const census = build(
      records({
        people: [person('P1'), person('P2'), person('P3'), person('P4')],
        episodes: [
          episode('E1', 'P1', '2024-06-01', { close_date: '2025-03-31', close_reason: 'RC7' }), // closed the day before the year: out
          episode('E2', 'P1', '2025-10-01'), // P1's referral in the year
          episode('E3', 'P2', '2025-01-10', { close_date: '2025-04-01', close_reason: 'RC7' }), // closed on the year's first day: in
          episode('E4', 'P3', '2026-04-01'), // referred after the year: out
          episode('E5', 'P4', '2019-02-01'), // open for years: in
        ],
      }),
    );
    expect(census.children.map((c) => [c.LAchildID, c.CINdetails.map((d) => d.CINreferralDate)])).toEqual([
      ['P1', ['2025-10-01']],
      ['P2', ['2025-01-10']],
      ['P4', ['2019-02-01']],
    ]);
    expect(census.children[1]!.CINdetails[0]).toMatchObject({ CINclosureDate: '2025-04-01', ReasonForClosure: 'RC7', ReferralNFA: 'false' });
  });

  it('includes a CIN episode closed before the year is out, with its closure', () => {
    const census = build(records({ people: [person('P1')], episodes: [episode('E1', 'P1', '2025-05-01', { close_date: '2025-11-30', close_reason: 'RC4' })] }));
    expect(census.children[0]!.CINdetails[0]).toMatchObject({ CINclosureDate: '2025-11-30', ReasonForClosure: 'RC4' });
  });

  it('shows the picture as at 31 March: what happened later had not happened yet', () => {
    const census = build(
      records({
        people: [person('P1', { dob: '2026-04-20', expected_dob: '2026-05-01', sex: 'M' })],
        episodes: [episode('E1', 'P1', '2026-02-02', { close_date: '2026-04-10', close_reason: 'RC7' })],
        assessments: [{ id: 'A1', cin_episode_id: 'E1', start_date: '2026-02-03', authorised_date: '2026-04-02', factors: ['1B'] }],
        s47s: [{ id: 'S1', cin_episode_id: 'E1', start_date: '2026-03-20', end_date: '2026-04-01', icpc_required: true }],
        icpcs: [{ id: 'I1', cin_episode_id: 'E1', s47_enquiry_id: 'S1', transfer_in: false, target_date: '2026-04-13', conference_date: '2026-04-13' }],
      }),
    );
    const child = census.children[0]!;
    // Born after the reference date: unborn then, so an expected date of birth and sex U.
    expect(child).toMatchObject({ PersonBirthDate: null, ExpectedPersonBirthDate: '2026-05-01', Sex: 'U' });
    const cin = child.CINdetails[0]!;
    expect(cin).toMatchObject({ CINclosureDate: null, ReasonForClosure: null });
    expect(cin.Assessments).toEqual([{ AssessmentActualStartDate: '2026-02-03', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] }]);
    expect(cin.Section47).toEqual([{ S47ActualStartDate: '2026-03-20', InitialCPCtarget: '2026-04-13', DateOfInitialCPC: null, ICPCnotRequired: 'false' }]);
  });

  it('keeps assessments completed in the year or still open, and CIN plans open in the year', () => {
    const census = build(
      records({
        people: [person('P1')],
        episodes: [episode('E1', 'P1', '2024-09-01')],
        assessments: [
          { id: 'A1', cin_episode_id: 'E1', start_date: '2024-09-02', authorised_date: '2024-10-20', factors: ['3A'] }, // last year: out
          { id: 'A2', cin_episode_id: 'E1', start_date: '2025-09-01', authorised_date: '2025-10-01', factors: ['4B'] },
          { id: 'A3', cin_episode_id: 'E1', start_date: '2026-03-20', authorised_date: null, factors: [] },
        ],
        cinPlans: [
          { id: 'C1', cin_episode_id: 'E1', start_date: '2024-10-21', end_date: '2025-03-31' }, // ended before the year: out
          { id: 'C2', cin_episode_id: 'E1', start_date: '2025-04-01', end_date: null },
        ],
      }),
    );
    const cin = census.children[0]!.CINdetails[0]!;
    expect(cin.Assessments.map((a) => a.AssessmentActualStartDate)).toEqual(['2025-09-01', '2026-03-20']);
    expect(cin.CINPlanDates).toEqual([{ CINPlanStartDate: '2025-04-01', CINPlanEndDate: null }]);
  });

  it('counts every earlier CP plan for NumberOfPreviousCPP, six years back or another authority’s', () => {
    const census = build(
      records({
        people: [person('P1')],
        episodes: [episode('E0', 'P1', '2019-03-01', { close_date: '2020-06-01', close_reason: 'RC7' }), episode('E1', 'P1', '2025-06-02')],
        cpPlans: [
          cpPlan('OLA', 'E0', 'P1', '2018-11-05', { end_date: '2019-03-01', other_la: true }), // another council's, recorded here
          cpPlan('OLD', 'E0', 'P1', '2019-04-01', { end_date: '2020-05-29' }), // six years back
          cpPlan('NOW', 'E1', 'P1', '2025-06-20'),
        ],
        s47s: [{ id: 'S1', cin_episode_id: 'E1', start_date: '2025-06-03', end_date: '2025-06-10', icpc_required: true }],
        icpcs: [{ id: 'I1', cin_episode_id: 'E1', s47_enquiry_id: 'S1', transfer_in: false, target_date: '2025-06-24', conference_date: '2025-06-20' }],
        cpReviews: [
          { cp_plan_id: 'NOW', review_date: '2025-09-18' },
          { cp_plan_id: 'NOW', review_date: '2026-04-15' }, // after the year: not yet held
        ],
      }),
    );
    const [cin] = census.children[0]!.CINdetails;
    expect(cin!.ChildProtectionPlans).toEqual([
      { CPPstartDate: '2025-06-20', CPPendDate: null, InitialCategoryOfAbuse: 'NEG', LatestCategoryOfAbuse: 'NEG', NumberOfPreviousCPP: '2', Reviews: ['2025-09-18'] },
    ]);
    expect(cin!.Section47[0]).toMatchObject({ DateOfInitialCPC: '2025-06-20', ICPCnotRequired: 'false', InitialCPCtarget: '2025-06-24' });
  });

  it('never returns another authority’s plan as this council’s', () => {
    const census = build(
      records({
        people: [person('P1')],
        episodes: [episode('E1', 'P1', '2025-06-02')],
        cpPlans: [cpPlan('OLA', 'E1', 'P1', '2025-05-01', { other_la: true })],
      }),
    );
    expect(census.children[0]!.CINdetails[0]!.ChildProtectionPlans).toEqual([]);
  });

  it('records enquiries that needed no conference, and a conference with no enquiry on the episode', () => {
    const census = build(
      records({
        people: [person('P1')],
        episodes: [episode('E1', 'P1', '2025-02-03')],
        s47s: [
          { id: 'S0', cin_episode_id: 'E1', start_date: '2025-02-04', end_date: '2025-02-20', icpc_required: false }, // over before the year
          { id: 'S1', cin_episode_id: 'E1', start_date: '2025-03-25', end_date: '2025-04-08', icpc_required: false },
        ],
        icpcs: [{ id: 'T1', cin_episode_id: 'E1', s47_enquiry_id: null, transfer_in: true, target_date: null, conference_date: '2025-07-09' }],
        cpPlans: [cpPlan('P', 'E1', 'P1', '2025-07-09')],
      }),
    );
    const cin = census.children[0]!.CINdetails[0]!;
    expect(cin.Section47).toEqual([{ S47ActualStartDate: '2025-03-25', InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: 'true' }]);
    expect(cin.DateOfInitialCPC).toBe('2025-07-09');
  });

  it('says NONE for a child with no disability recorded, NOBT for no ethnicity, U for no sex', () => {
    const census = build(
      records({
        people: [person('P1', { ethnicity: null, sex: null }), person('P2')],
        disabilities: [{ person_id: 'P2', code: 'AUT' }, { person_id: 'P2', code: 'LD' }, { person_id: 'PX', code: 'VIS' }],
        episodes: [episode('E1', 'P1', '2025-05-05'), episode('E2', 'P2', '2025-05-05')],
      }),
    );
    expect(census.children.map((c) => [c.Ethnicity, c.Sex, c.Disabilities])).toEqual([
      ['NOBT', 'U', ['NONE']],
      ['WBRI', 'F', ['AUT', 'LD']],
    ]);
  });

  it('writes the header for the collection year', () => {
    expect(build(records({})).header).toEqual({
      Collection: 'CIN', Year: '2026', ReferenceDate: '2026-03-31', SourceLevel: 'L', LEA: '201',
      SoftwareCode: 'Tiller', Release: null, SerialNo: '001', DateTime: '2026-04-02T10:00:00',
    });
  });

  it('turns tidy records into a census the rules pass', () => {
    const census = build(
      records({
        people: [person('P1'), person('P2', { dob: '2018-05-05', upn_unknown: 'UN3' })],
        disabilities: [],
        episodes: [episode('E1', 'P1', '2025-06-02'), episode('E2', 'P2', '2025-09-01', { referral_nfa: true, primary_need_code: null, close_date: '2025-09-01', close_reason: 'RC7' })],
        assessments: [{ id: 'A1', cin_episode_id: 'E1', start_date: '2025-06-03', authorised_date: '2025-07-15', factors: ['2B'] }],
        cinPlans: [{ id: 'C1', cin_episode_id: 'E1', start_date: '2025-07-16', end_date: null }],
      }),
    );
    const codes = validateCensus(census).map((f) => f.rule);
    // LA-level queries about disability coding are expected for a two-child return.
    expect(codes.filter((c) => !['2887Q'].includes(c))).toEqual([]);
  });
});
