// The payload for hand-made records as at 31 March 2026 (window from 1 April 2023): who is in it and
// exactly what a child's object holds.
import { describe, expect, it } from 'vitest';
import { buildPayload, payloadWindow, type ApiRecords } from './payload.ts';
import { recordHash } from './changes.ts';

const person = (id: string, over: Partial<ApiRecords['people'][number]> = {}): ApiRecords['people'][number] => ({
  id, legacy_id: null, forename: null, surname: null, upn: null, former_upn: null, upn_unknown: null, sex: null, ethnicity: null, dob: '2012-02-02',
  expected_dob: null, postcode: null, uasc: false, uasc_end_date: null, disabilities: [], ...over,
});

const records: ApiRecords = {
  people: [
    person('C1', { legacy_id: 'MOS-1', forename: 'Ada', surname: 'Lark', upn: 'A123456789012', sex: 'F', ethnicity: 'WBRI', postcode: 'TB1 1AA', uasc: true, uasc_end_date: '2030-02-02', disabilities: ['aut', 'AUT', 'NONE', 'HEAR'] }),
    person('C2', { dob: '1997-03-31' }), // 26 on 31 March 2023, the day before the window began
    person('C3', { dob: '2006-05-05', sex: 'X' }), // a care leaver in touch in the window
    person('C4', { dob: null, expected_dob: '2026-05-01', upn_unknown: 'UN6' }), // unborn
    person('C5'), // nothing in the window
  ],
  episodes: [
    { id: 'E0', person_id: 'C1', referral_date: '2022-01-01', source_code: '2A', referral_nfa: false, close_date: '2023-03-31', close_reason: 'RC7' },
    { id: 'E1', person_id: 'C1', referral_date: '2024-05-01', source_code: '3a', referral_nfa: false, close_date: '2026-04-10', close_reason: 'RC7' },
    { id: 'E2', person_id: 'C2', referral_date: '2024-05-01', source_code: '6', referral_nfa: true, close_date: '2024-05-01', close_reason: 'RC8' },
    { id: 'E4', person_id: 'C4', referral_date: '2026-02-01', source_code: 'XX', referral_nfa: false, close_date: null, close_reason: null },
    { id: 'E5', person_id: 'C5', referral_date: '2020-02-01', source_code: '6', referral_nfa: false, close_date: '2021-01-01', close_reason: 'RC7' },
  ],
  workers: [
    { person_id: 'C1', cin_episode_id: null, swe: 'SW123456789012345', start_date: '2024-05-02', end_date: null },
    { person_id: 'C1', cin_episode_id: 'E0', swe: 'SW999', start_date: '2023-01-01', end_date: null },
  ],
  assessments: [
    { id: 'A0', cin_episode_id: 'E1', start_date: '2023-01-01', authorised_date: '2023-02-01', factors: ['1A'] },
    { id: 'A1', cin_episode_id: 'E1', start_date: '2024-05-02', authorised_date: '2024-06-10', factors: ['3B'] },
  ],
  cinPlans: [{ id: 'CN1', cin_episode_id: 'E1', start_date: '2024-06-11', end_date: '2024-09-01' }],
  s47s: [{ id: 'S1', cin_episode_id: 'E1', start_date: '2024-09-02', end_date: '2024-09-10', icpc_required: true, icpc_date: '2024-09-20' }],
  cpPlans: [{ id: 'PP1', cin_episode_id: 'E1', start_date: '2024-09-20', end_date: '2025-03-01' }],
  periods: [{ id: 'PC1', person_id: 'C1', cin_episode_id: null, start_date: '2025-03-02', end_date: null, end_reason: null }],
  placements: [
    { id: 'PL1', period_of_care_id: 'PC1', start_date: '2025-03-02', end_date: '2025-06-30', placement_type: 'U6', provider: 'PR1', postcode: null, urn: null, carer_id: 'X', change_reason: 'CARPL' },
    { id: 'PL2', period_of_care_id: 'PC1', start_date: '2025-07-01', end_date: null, placement_type: 'K2', provider: 'PR4', postcode: 'AB1 2CD', urn: 'SC1', carer_id: 'Y', change_reason: null },
  ],
  legalStatuses: [{ person_id: 'C1', period_of_care_id: 'PC1', code: 'C2', start_date: '2025-03-02', end_date: null }],
  adoptions: [],
  careLeavers: [{ person_id: 'C3', latest_contact: '2025-12-01', activity: 'f2', accommodation: 'U1' }],
  sdqs: [
    { id: 'Q1', person_id: 'C1', completed_date: '2025-01-01', score: 12 },
    { id: 'Q0', person_id: 'C1', completed_date: '2023-03-31', score: 30 },
  ],
};

describe('the DfE API payload', () => {
  it('covers from 1 April of the financial year that held the date 24 months back', () => {
    expect(payloadWindow('2026-03-31')).toEqual({ start: '2023-04-01', end: '2026-03-31' });
    expect(payloadWindow('2026-04-01')).toEqual({ start: '2024-04-01', end: '2026-04-01' });
  });

  it('holds the children up to 25 with a referral, care or care-leaver contact in the window', () => {
    expect(buildPayload(records, '2026-03-31').map((c) => c.la_child_id)).toEqual(['C1', 'C3', 'C4']);
  });

  it('writes a child’s record in the DfE’s shape, leaving empty values out', () => {
    const [c1, c3, c4] = buildPayload(records, '2026-03-31');
    expect(c1).toEqual({
      la_child_id: 'C1',
      mis_child_id: 'MOS-1',
      purge: false,
      child_details: {
        unique_pupil_number: 'A123456789012', first_name: 'Ada', surname: 'Lark', date_of_birth: '2012-02-02', sex: 'F', ethnicity: 'WBRI',
        disabilities: ['AUT', 'HEAR'], postcode: 'TB1 1AA', uasc_flag: true, uasc_end_date: '2030-02-02', purge: false,
      },
      health_and_wellbeing: { sdq_assessments: [{ date: '2025-01-01', score: 12 }], purge: false },
      social_care_episodes: [
        {
          social_care_episode_id: 'E1',
          referral_date: '2024-05-01',
          referral_source: '3A',
          referral_no_further_action_flag: false,
          // Closed after the as-of date: still open then.
          care_worker_details: [{ worker_id: 'SW1234567890', start_date: '2024-05-02' }],
          child_and_family_assessments: [{ child_and_family_assessment_id: 'A1', start_date: '2024-05-02', authorisation_date: '2024-06-10', factors: ['3B'], purge: false }],
          child_in_need_plans: [{ child_in_need_plan_id: 'CN1', start_date: '2024-06-11', end_date: '2024-09-01', purge: false }],
          section_47_assessments: [{ section_47_assessment_id: 'S1', start_date: '2024-09-02', icpc_required_flag: true, icpc_date: '2024-09-20', end_date: '2024-09-10', purge: false }],
          child_protection_plans: [{ child_protection_plan_id: 'PP1', start_date: '2024-09-20', end_date: '2025-03-01', purge: false }],
          child_looked_after_placements: [
            { child_looked_after_placement_id: 'PL1', start_date: '2025-03-02', start_reason: 'S', placement_type: 'U6', end_date: '2025-06-30', end_reason: 'X1', change_reason: 'CARPL', purge: false },
            { child_looked_after_placement_id: 'PL2', start_date: '2025-07-01', start_reason: 'P', postcode: 'AB1 2CD', placement_type: 'K2', purge: false },
          ],
          purge: false,
        },
      ],
    });
    // A care leaver with no referral in the window: their details, and no episode to hang the rest on.
    expect(c3).toEqual({ la_child_id: 'C3', purge: false, child_details: { date_of_birth: '2006-05-05', sex: 'U', disabilities: ['NONE'], uasc_flag: false, purge: false }, social_care_episodes: [] });
    expect(c4!.child_details).toEqual({ unique_pupil_number_unknown_reason: 'UN6', expected_date_of_birth: '2026-05-01', sex: 'U', disabilities: ['NONE'], uasc_flag: false, purge: false });
    // A source the DfE does not know is left out rather than sent wrong.
    expect(c4!.social_care_episodes[0]!.referral_source).toBeUndefined();
  });

  it('hashes the record as sent, so any change shows', () => {
    const [a] = buildPayload(records, '2026-03-31');
    const changed = buildPayload({ ...records, people: records.people.map((p) => (p.id === 'C1' ? { ...p, postcode: 'TB2 2BB' } : p)) }, '2026-03-31')[0]!;
    expect(recordHash(a!)).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHash(a!)).toBe(recordHash(buildPayload(records, '2026-03-31')[0]!));
    expect(recordHash(changed)).not.toBe(recordHash(a!));
  });
});
