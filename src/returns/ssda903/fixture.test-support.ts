// A small 2025/26 return that every implemented rule passes, for the rule tests to break one way at a time.
import { emptyTables, row, type Ssda903 } from './model.ts';

export function validReturn(): Ssda903 {
  const t = emptyTables();
  // A: a girl of 10, looked after all year in foster care, a placement move in the year.
  t.header.push(row('header', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01', ETHNIC: 'WBRI', UPN: 'A001200012345', MOTHER: '0' }));
  t.episodes.push(
    row('episodes', { CHILD: 'A', DECOM: '2023-05-01', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '2025-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', HOME_POST: 'TB1 1AA', PL_POST: 'TB2 2BB', URN: 'SC899001' }),
    row('episodes', { CHILD: 'A', DECOM: '2025-09-01', RNE: 'P', LS: 'C2', CIN: 'N1', PLACE: 'U4', PLACE_PROVIDER: 'PR4', HOME_POST: 'TB1 1AA', PL_POST: 'TB3 3CC', URN: 'SC123456' }),
  );
  t.reviews.push(row('reviews', { CHILD: 'A', DOB: '2015-06-01', REVIEW: '2025-06-10', REVIEW_CODE: 'PN1' }));
  t.oc2.push(row('oc2', { CHILD: 'A', DOB: '2015-06-01', SDQ_SCORE: '12', CONVICTED: '0', IMMUNISATIONS: '1', TEETH_CHECK: '1', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }));
  t.missing.push(row('missing', { CHILD: 'A', DOB: '2015-06-01', MISSING: 'M', MIS_START: '2025-07-01', MIS_END: '2025-07-02' }));
  t.sw_episodes.push(
    row('sw_episodes', { CHILD: 'A', DOB: '2015-06-01', SW_ID: 'SW12345', SW_DECOM: '2024-01-01', SW_DEC: '2025-06-30', SW_REASON: 'MANAGE' }),
    row('sw_episodes', { CHILD: 'A', DOB: '2015-06-01', SW_ID: 'SW22222', SW_DECOM: '2025-06-30', SW_REASON: 'LEFTRL' }),
  );
  // B: a boy of 3 who came into care this year, placed for adoption and adopted.
  t.header.push(row('header', { CHILD: 'B', SEX: 'M', DOB: '2022-02-01', ETHNIC: 'MWBA', UPN: 'UN3' }));
  t.episodes.push(
    row('episodes', { CHILD: 'B', DECOM: '2025-04-10', RNE: 'S', LS: 'C1', CIN: 'N1', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '2025-10-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', HOME_POST: 'TB4 4DD', PL_POST: 'TB5 5EE', URN: 'SC899001' }),
    row('episodes', { CHILD: 'B', DECOM: '2025-10-01', RNE: 'U', LS: 'E1', CIN: 'N1', PLACE: 'A6', PLACE_PROVIDER: 'PR1', DEC: '2026-02-01', REC: 'E11', HOME_POST: 'TB4 4DD', PL_POST: 'TB6 6FF', URN: 'SC899002' }),
  );
  t.reviews.push(row('reviews', { CHILD: 'B', DOB: '2022-02-01', REVIEW: '2025-05-05', REVIEW_CODE: 'PN0' }));
  t.ad1.push(row('ad1', { CHILD: 'B', DOB: '2022-02-01', DATE_INT: '2025-08-01', DATE_MATCH: '2025-09-15', FOSTER_CARE: '0', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11' }));
  t.placed_for_adoption.push(row('placed_for_adoption', { CHILD: 'B', DOB: '2022-02-01', DATE_PLACED: '2025-08-01' }));
  t.previous_permanence.push(row('previous_permanence', { CHILD: 'B', DOB: '2022-02-01', PREV_PERM: 'Z1' }));
  t.sw_episodes.push(row('sw_episodes', { CHILD: 'B', DOB: '2022-02-01', SW_ID: 'SW33333', SW_DECOM: '2025-04-10', SW_DEC: '2026-02-01', SW_REASON: 'TSPROC' }));
  // C: a care leaver who turned 19 in the year, left care at 18.
  t.header.push(row('header', { CHILD: 'C', SEX: 'M', DOB: '2006-11-20', ETHNIC: 'BAFR', UPN: 'UN1' }));
  t.oc3.push(row('oc3', { CHILD: 'C', DOB: '2006-11-20', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }));
  return { year: 2026, tables: t };
}
