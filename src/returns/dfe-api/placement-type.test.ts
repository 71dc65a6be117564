// The DfE API sends the 903 placement type: H5 (an older record) as K3, as the 903 does; K3 and the
// three-character Z11 to Z14 as they are.
import { describe, expect, it } from 'vitest';
import { buildPayload, type ApiRecords } from './payload.ts';

const records: ApiRecords = {
  people: [{ id: 'C1', legacy_id: null, forename: null, surname: null, upn: null, former_upn: null, upn_unknown: null, sex: 'F', ethnicity: 'WBRI', dob: '2008-05-05', expected_dob: null, postcode: null, uasc: false, uasc_end_date: null, disabilities: [] }],
  episodes: [{ id: 'E1', person_id: 'C1', referral_date: '2024-05-01', source_code: '6', referral_nfa: false, close_date: null, close_reason: null }],
  workers: [], assessments: [], cinPlans: [], s47s: [], cpPlans: [],
  periods: [{ id: 'PC1', person_id: 'C1', cin_episode_id: 'E1', start_date: '2024-06-01', end_date: null, end_reason: null }],
  placements: [
    { id: 'PL1', period_of_care_id: 'PC1', start_date: '2024-06-01', end_date: '2025-01-10', placement_type: 'H5', provider: 'PR4', postcode: null, urn: null, carer_id: null, change_reason: 'CARPL' },
    { id: 'PL2', period_of_care_id: 'PC1', start_date: '2025-01-10', end_date: '2025-09-01', placement_type: 'K3', provider: 'PR4', postcode: null, urn: null, carer_id: null, change_reason: 'CARPL' },
    { id: 'PL3', period_of_care_id: 'PC1', start_date: '2025-09-01', end_date: null, placement_type: 'Z12', provider: null, postcode: null, urn: null, carer_id: null, change_reason: null },
  ],
  legalStatuses: [{ person_id: 'C1', period_of_care_id: 'PC1', code: 'C2', start_date: '2024-06-01', end_date: null }],
  adoptions: [], careLeavers: [], sdqs: [],
};

describe('placement type in the DfE API payload', () => {
  it('H5 goes as K3; K3 and Z12 as they are', () => {
    const [child] = buildPayload(records, '2026-03-31');
    expect(child!.social_care_episodes[0]!.child_looked_after_placements.map((p) => [p.child_looked_after_placement_id, p.placement_type])).toEqual([
      ['PL1', 'K3'], ['PL2', 'K3'], ['PL3', 'Z12'],
    ]);
  });
});
