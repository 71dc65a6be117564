// Placement types in the 2025/26 903 (hand-made records): K3 is written as it is, H5 (renamed) as K3; P2
// and Z1 have no single successor, so they go out as they are and rule 146 reports them for the
// performance officer to recode the placement (docs/ssda903.md).
import { describe, expect, it } from 'vitest';
import { build903 } from './build-903.ts';
import type { Ssda903Records } from './load-903-records.ts';
import { validate903 } from './validate-903.ts';
import { PLACEMENTS_2026 } from './rules/helpers.ts';
import { PLACEMENT_TYPES } from '../../platform/codes.ts';

const child = (id: string) => ({ id, upn: null, upn_unknown: 'UN4', sex: 'F', ethnicity: 'WBRI', dob: '2008-05-05', is_mother: false, first_child_dob: null });
const episode = (person_id: string, placement_type: string) => ({
  person_id, period_of_care_id: `POC-${person_id}`, start_date: '2025-06-01', start_reason: 'S', legal_status: 'C2', primary_need_code: 'N1',
  placement_type, provider: 'PR4', end_date: null, end_reason: null, reason_place_change: null, home_postcode: null, placement_postcode: null, urn: null,
});
const records: Ssda903Records = {
  people: ['K', 'H', 'Z', 'P'].map(child),
  episodes: [episode('K', 'K3'), episode('H', 'H5'), episode('Z', 'Z1'), episode('P', 'P2')],
  reviews: [], uasc: [], sdq: [], immunisations: [], healthChecks: [], substanceMisuse: [], convictions: [], careLeavers: [], leaverPeriods: [],
  adoptions: [], previousPermanence: [], missing: [], socialWorkers: [],
};

describe('placement types in the 2025/26 903', () => {
  const ret = build903(records, 2026);

  it('the forms offer exactly the codes rule 146 accepts', () => {
    expect(new Set(Object.keys(PLACEMENT_TYPES))).toEqual(PLACEMENTS_2026);
  });

  // The episodes table is in child order: H, K, P, Z.
  it('writes K3 as K3 and H5 as K3; Z1 and P2 as they are', () => {
    expect(ret.tables.episodes.map((e) => [e.CHILD, e.PLACE])).toEqual([['H', 'K3'], ['K', 'K3'], ['P', 'P2'], ['Z', 'Z1']]);
  });

  it('rule 146 reports the P2 and Z1 rows (episodes rows 3 and 4) and nothing else', () => {
    const found = validate903(ret).filter((f) => f.rule === '146').map((f) => ({ childId: f.childId, row: f.row, value: f.value }));
    expect(found).toEqual([{ childId: 'P', row: 3, value: 'P2' }, { childId: 'Z', row: 4, value: 'Z1' }]);
  });
});
