// Rules on Episodes: codes, dates, the chain of episodes, and what each legal status and placement allows.
import type { Row } from '../model.ts';
import {
  addYears, ADOPTED, age, asDate, blank, daysBetween, dated, endOr, filled, isDate, LS_CODES, NEED_CODES, NO_PROVIDER, PLACE_CHANGE_CODES, PLACEMENTS_2026,
  PROVIDERS, REC_CODES, RNE_CODES, SGO, SHORT_BREAKS, TEMPORARY,
} from './helpers.ts';
import { childRule, rowRule, type ChildView, type Indexed, type Ssda903Rule } from './rule.ts';

type Ep = Indexed<'episodes'>;

/** Each pair of consecutive episodes of a child (in date order). */
function pairs(c: ChildView, fn: (prev: Ep, next: Ep) => void): void {
  const eps = dated(c);
  for (let k = 1; k < eps.length; k++) fn(eps[k - 1]!, eps[k]!);
}

/** Episodes running on from the one before (same day, REC X1): the periods of care. */
function periods(c: ChildView): Ep[][] {
  const out: Ep[][] = [];
  for (const e of dated(c)) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && prev.r.REC === 'X1' && prev.r.DEC === e.r.DECOM) last!.push(e);
    else out.push([e]);
  }
  return out;
}

/** An episode whose field has this value lasted more than `days` days (open episodes run to the year end). */
const tooLong = (code: string, message: string, field: 'LS' | 'PLACE', values: readonly string[], days: number, strict = true): Ssda903Rule =>
  childRule({
    code, message, tables: ['episodes'], fields: ['DEC'],
    child(c, ctx, emit) {
      for (const e of dated(c)) {
        if (!values.includes(e.r[field] ?? '')) continue;
        const n = daysBetween(e.r.DECOM!, endOr(e.r, ctx.p.end));
        if (strict ? n > days : n >= days) emit('episodes', e, 'DEC');
      }
    },
  });

/** A placement type needs the child to be at least `years` old when it starts. */
const minAge = (code: string, message: string, places: readonly string[], years: number): Ssda903Rule =>
  childRule({
    code, message, tables: ['episodes', 'header'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (places.includes(e.r.PLACE ?? '') && (age(c, e.r.DECOM) ?? 99) < years) emit('episodes', e, 'PLACE');
    },
  });

/** A reason for ceasing needs the child to be at least (or under) an age on the day. */
const recAge = (code: string, message: string, recs: readonly string[], bad: (age: number) => boolean): Ssda903Rule =>
  childRule({
    code, message, tables: ['episodes', 'header'], fields: ['REC'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) {
        const a = age(c, e.r.DEC);
        if (recs.includes(e.r.REC ?? '') && a !== null && bad(a)) emit('episodes', e, 'REC');
      }
    },
  });

const provider = (code: string, pr: string, places: readonly string[], message: string): Ssda903Rule =>
  rowRule({ code, table: 'episodes', fields: ['PLACE_PROVIDER'], message, bad: (r) => r.PLACE_PROVIDER === pr && places.includes(r.PLACE ?? '') });

const changed = (a: Row<'episodes'>, b: Row<'episodes'>) => ({
  place: a.PLACE !== b.PLACE || a.PLACE_PROVIDER !== b.PLACE_PROVIDER || a.URN !== b.URN || a.PL_POST !== b.PL_POST,
  ls: a.LS !== b.LS,
});

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

export const episodeRules: Ssda903Rule[] = [
  rowRule({ code: '141', table: 'episodes', fields: ['DECOM'], message: 'Date episode began is not a valid date.', bad: (r) => !isDate(r.DECOM) }),
  childRule({
    code: '142', message: 'A new episode has started, but the previous episode has not ended.', tables: ['episodes'], fields: ['DEC', 'REC'],
    child(c, _ctx, emit) {
      pairs(c, (prev) => {
        if (blank(prev.r.DEC) || blank(prev.r.REC)) emit('episodes', prev, blank(prev.r.DEC) ? 'DEC' : 'REC');
      });
    },
  }),
  rowRule({ code: '143', table: 'episodes', fields: ['RNE'], message: 'The reason for new episode code is not a valid code.', bad: (r) => !RNE_CODES.has(r.RNE ?? '') }),
  rowRule({ code: '144', table: 'episodes', fields: ['LS'], message: 'The legal status code is not a valid code.', bad: (r) => !LS_CODES.has(r.LS ?? '') }),
  rowRule({ code: '145', table: 'episodes', fields: ['CIN'], message: 'Category of need code is not a valid code.', bad: (r) => !NEED_CODES.has(r.CIN ?? '') }),
  rowRule({ code: '146', table: 'episodes', fields: ['PLACE'], message: 'Placement type code is not a valid code.', bad: (r) => !PLACEMENTS_2026.has(r.PLACE ?? '') }),
  rowRule({ code: '147', table: 'episodes', fields: ['DEC'], message: 'Date episode ceased is not a valid date.', bad: (r) => filled(r.DEC) && !isDate(r.DEC) }),
  rowRule({ code: '148', table: 'episodes', fields: ['DEC', 'REC'], message: 'Date episode ceased and reason episode ceased must both be coded, or both left blank.', bad: (r) => filled(r.DEC) !== filled(r.REC) && (filled(r.DEC) ? 'REC' : 'DEC') }),
  rowRule({ code: '149', table: 'episodes', fields: ['REC'], message: 'Reason episode ceased code is not valid.', bad: (r) => filled(r.REC) && !REC_CODES.has(r.REC) }),
  rowRule({
    code: '178', table: 'episodes', fields: ['PLACE_PROVIDER'], message: 'Placement provider code is not a valid code.',
    bad: (r) => filled(r.PLACE_PROVIDER) && !NO_PROVIDER.has(r.PLACE ?? '') && !PROVIDERS.has(r.PLACE_PROVIDER),
  }),
  rowRule({ code: '213', table: 'episodes', fields: ['PLACE_PROVIDER'], message: 'Placement provider information not required.', bad: (r) => filled(r.PLACE_PROVIDER) && (NO_PROVIDER.has(r.PLACE ?? '') || r.PLACE === 'T4') }),
  rowRule({ code: '217', table: 'episodes', fields: ['RNE'], message: 'Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.', bad: (r) => (r.PLACE === 'A3' || r.PLACE === 'A5') && !['S', 'T', 'U'].includes(r.RNE ?? '') && isDate(r.DECOM) && r.DECOM >= '2015-04-01' }),
  rowRule({ code: '218', table: 'episodes', fields: ['URN'], message: 'Ofsted Unique reference number (URN) is required.', bad: (r) => ['K1', 'K2', 'K3', 'R1', 'S1'].includes(r.PLACE ?? '') && r.PLACE_PROVIDER !== 'PR2' && blank(r.URN) }),
  rowRule({
    code: '222', table: 'episodes', fields: ['URN'], message: 'Ofsted Unique reference number (URN) should not be recorded for this placement type.',
    bad: (r) => filled(r.URN) && r.URN !== 'XXXXXXX' && ['P1', 'P3', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'].includes(r.PLACE ?? ''),
  }),
  childRule({
    code: '225', message: 'Reason for placement change must be recorded.', tables: ['episodes'], fields: ['REASON_PLACE_CHANGE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (prev.r.REC === 'X1' && ['P', 'U', 'T', 'B'].includes(next.r.RNE ?? '') && !TEMPORARY.has(prev.r.PLACE ?? '') && !TEMPORARY.has(next.r.PLACE ?? '') && blank(prev.r.REASON_PLACE_CHANGE)) {
          emit('episodes', prev, 'REASON_PLACE_CHANGE');
        }
      });
    },
  }),
  rowRule({ code: '226', table: 'episodes', fields: ['REASON_PLACE_CHANGE'], message: 'Reason for placement change is not required for temporary placements.', bad: (r) => TEMPORARY.has(r.PLACE ?? '') && filled(r.REASON_PLACE_CHANGE) }),
  rowRule({ code: '233', table: 'episodes', fields: ['REASON_PLACE_CHANGE'], message: 'Reason for placement change is not required when the episode has not ceased.', bad: (r) => blank(r.DEC) && filled(r.REASON_PLACE_CHANGE) }),
  childRule({
    code: '234', message: 'A child aged under 10 can not change placement due to being admitted to custody', tables: ['episodes', 'header'], fields: ['REASON_PLACE_CHANGE'],
    child(c, _ctx, emit) {
      for (const e of c.episodes) if (e.r.REASON_PLACE_CHANGE === 'CUSTOD' && (age(c, e.r.DEC) ?? 99) < 10) emit('episodes', e, 'REASON_PLACE_CHANGE');
    },
  }),
  childRule({
    code: '302', message: 'First episode starts before child was born.', tables: ['header', 'episodes'], fields: ['DECOM'],
    child(c, _ctx, emit) {
      const dob = asDate(c.header[0]?.r.DOB ?? null);
      const first = dated(c)[0];
      if (dob && first && first.r.DECOM! < dob) emit('episodes', first, 'DECOM');
    },
  }),
  childRule({
    code: '352', message: 'Child who started to be looked after was aged 18 or over.', tables: ['header', 'episodes'], fields: ['DECOM'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (e.r.RNE === 'S' && (age(c, e.r.DECOM) ?? 0) >= 18) emit('episodes', e, 'DECOM');
    },
  }),
  rowRule({ code: '353', table: 'episodes', fields: ['DECOM'], message: 'No episode submitted can start before 14 October 1991.', bad: (r) => isDate(r.DECOM) && r.DECOM < '1991-10-14' }),
  rowRule({ code: '354', table: 'episodes', fields: ['DEC'], message: 'Date episode ceased must be on or before the end of the current collection year.', bad: (r, ctx) => isDate(r.DEC) && r.DEC > ctx.p.end }),
  rowRule({ code: '385', table: 'episodes', fields: ['DEC'], message: 'Date episode ceased must be on or before the end of the current collection year.', bad: (r, ctx) => isDate(r.DEC) && r.DEC > ctx.p.end }),
  rowRule({ code: '355', table: 'episodes', fields: ['DEC'], message: 'Episode appears to have lasted for less than 24 hours', bad: (r) => isDate(r.DEC) && r.DEC === r.DECOM && r.REC !== 'X1' }),
  rowRule({ code: '356', table: 'episodes', fields: ['DEC'], message: 'The date the episode ceased is before the date the same episode started.', bad: (r) => isDate(r.DEC) && isDate(r.DECOM) && r.DEC < r.DECOM }),
  childRule({
    code: '357', message: 'If this is the first episode ever for this child, reason for new episode must be S. Check whether there is an episode immediately preceding this one, which has been left out. If not the reason for new episode code must be amended to S.', tables: ['episodes'], fields: ['RNE'],
    child(c, ctx, emit) {
      const first = dated(c)[0];
      // A first episode that began before the year may continue one in last year's return.
      if (first && first.r.DECOM! >= ctx.p.start && first.r.RNE !== 'S') emit('episodes', first, 'RNE');
    },
  }),
  childRule({
    code: '358', message: 'Child with this legal status should not be under 10.', tables: ['header', 'episodes'], fields: ['LS'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (['J1', 'J2', 'J3'].includes(e.r.LS ?? '') && (age(c, e.r.DECOM) ?? 99) < 10) emit('episodes', e, 'LS');
    },
  }),
  childRule({
    code: '359', message: 'Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.', tables: ['episodes', 'header'], fields: ['LS', 'PLACE'],
    // Still looked after at 31 March (no end date) with the 18th birthday before it: only V2 in a children's home (K2) will do.
    child(c, ctx, emit) {
      const dob = asDate(c.header[0]?.r.DOB ?? null);
      if (!dob || addYears(dob, 18) >= ctx.p.end) return;
      for (const e of c.episodes) if (blank(e.r.DEC) && !(e.r.LS === 'V2' && e.r.PLACE === 'K2')) emit('episodes', e, e.r.LS !== 'V2' ? 'LS' : 'PLACE');
    },
  }),
  tooLong('361', 'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.', 'LS', ['L1'], 3),
  tooLong('362', 'Emergency protection order (EPO) lasted longer than 21 days', 'LS', ['L2'], 21),
  tooLong('363', 'Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.', 'LS', ['L3'], 7),
  tooLong('364', 'Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.', 'LS', ['J2'], 1),
  tooLong('365', 'Any individual short- term respite placement must not exceed 17 days.', 'LS', ['V3'], 17),
  childRule({
    code: '366', message: 'A child cannot change placement during the course of an individual short-term respite break.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (prev.r.LS === 'V3' && next.r.LS === 'V3' && prev.r.DEC === next.r.DECOM && next.r.RNE !== 'S') emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '367', message: 'The maximum amount of respite care allowable is 75 days in any 12-month period.', tables: ['episodes'], fields: ['DECOM'],
    child(c, ctx, emit) {
      const breaks = dated(c).filter((e) => e.r.LS === 'V3');
      const days = breaks.reduce((n, e) => {
        const from = e.r.DECOM! < ctx.p.start ? ctx.p.start : e.r.DECOM!;
        return n + Math.max(0, daysBetween(from, endOr(e.r, ctx.p.end)));
      }, 0);
      if (days > 75) for (const e of breaks) emit('episodes', e, 'DECOM');
    },
  }),
  minAge('371', 'Child in supported accomodation not subject to children’s homes regulations should be at least 16.', ['K3'], 16),
  minAge('372', 'Child in youth custody or prison should be at least 10.', ['R5'], 10),
  minAge('373', 'Child placed in a school should be at least 4 years old.', ['S1'], 4),
  minAge('374', 'Child in residential employment should be at least 14 years old.', ['P3'], 14),
  tooLong('375', 'Hospitalisation coded as a temporary placement exceeds six weeks.', 'PLACE', ['T1'], 42),
  tooLong('376', 'Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.', 'PLACE', ['T3'], 21),
  childRule({
    code: '377', message: 'Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.', tables: ['episodes'], fields: ['PLACE'],
    child(c, ctx, emit) {
      const holidays = dated(c).filter((e) => e.r.PLACE === 'T3' && endOr(e.r, ctx.p.end) >= ctx.p.start);
      if (holidays.length > 2) for (const e of holidays) emit('episodes', e, 'PLACE');
    },
  }),
  rowRule({ code: '378', table: 'episodes', fields: ['LS'], message: 'A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.', bad: (r) => r.PLACE === 'P1' && r.LS === 'V2' }),
  tooLong('379', 'Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.', 'PLACE', ['T4'], 7),
  childRule({
    code: '380', message: 'A period of care cannot start with a temporary placement.', tables: ['episodes'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (['S', 'L', 'B', 'U'].includes(e.r.RNE ?? '') && e.r.RNE === 'S' && TEMPORARY.has(e.r.PLACE ?? '')) emit('episodes', e, 'PLACE');
    },
  }),
  childRule({
    code: '381', message: 'A period of care cannot end with a temporary placement.', tables: ['episodes'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (TEMPORARY.has(e.r.PLACE ?? '') && filled(e.r.REC) && e.r.REC !== 'X1') emit('episodes', e, 'PLACE');
    },
  }),
  rowRule({ code: '382', table: 'episodes', fields: ['PLACE'], message: 'A child receiving respite care cannot be in a temporary placement.', bad: (r) => SHORT_BREAKS.has(r.LS ?? '') && TEMPORARY.has(r.PLACE ?? '') }),
  childRule({
    code: '383', message: 'A child in a temporary placement must subsequently return to his/her normal placement.', tables: ['episodes'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      const eps = dated(c);
      for (let k = 1; k + 1 < eps.length; k++) {
        const [before, temp, afterwards] = [eps[k - 1]!.r, eps[k]!, eps[k + 1]!.r];
        if (!TEMPORARY.has(temp.r.PLACE ?? '') || temp.r.REC !== 'X1' || TEMPORARY.has(before.PLACE ?? '')) continue;
        if (afterwards.PLACE !== before.PLACE || afterwards.PL_POST !== before.PL_POST || afterwards.URN !== before.URN) emit('episodes', temp, 'PLACE');
      }
    },
  }),
  rowRule({ code: '384', table: 'episodes', fields: ['PLACE'], message: 'A child receiving respite care cannot be in a long-term foster placement', bad: (r) => SHORT_BREAKS.has(r.LS ?? '') && (r.PLACE === 'U1' || r.PLACE === 'U4') }),
  recAge('386', 'Reason episode ceased is adopted but child has reached age 18.', ['E11', 'E12'], (a) => a >= 18),
  recAge('387', 'Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.', ['E5', 'E6'], (a) => a < 14),
  childRule({
    code: '388', message: 'Reason episode ceased is coded new episode begins, but there is no continuation episode.', tables: ['episodes'], fields: ['REC'],
    child(c, _ctx, emit) {
      const eps = dated(c);
      eps.forEach((e, k) => {
        if (e.r.REC === 'X1' && eps[k + 1]?.r.DECOM !== e.r.DEC) emit('episodes', e, 'REC');
      });
    },
  }),
  recAge('389', 'Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.', ['E7'], (a) => a < 16),
  childRule({
    code: '390', message: 'Reason episode ceased is adopted but child has not been previously placed for adoption.', tables: ['episodes'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (ADOPTED.has(e.r.REC ?? '') && !['A3', 'A4', 'A5', 'A6'].includes(e.r.PLACE ?? '')) emit('episodes', e, 'PLACE');
    },
  }),
  childRule({
    code: '392b', message: 'Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]', tables: ['episodes'], fields: ['HOME_POST', 'PL_POST'],
    child(c, _ctx, emit) {
      if (c.uasc.length > 0) return;
      for (const e of c.episodes) {
        if (SHORT_BREAKS.has(e.r.LS ?? '')) continue;
        if (blank(e.r.HOME_POST)) emit('episodes', e, 'HOME_POST');
        if (blank(e.r.PL_POST) && !['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'].includes(e.r.PLACE ?? '')) emit('episodes', e, 'PL_POST');
      }
    },
  }),
  childRule({
    code: '392c', message: 'Postcode(s) provided are invalid.', tables: ['episodes'], fields: ['HOME_POST', 'PL_POST'],
    child(c, _ctx, emit) {
      for (const e of c.episodes) {
        if (filled(e.r.HOME_POST) && !POSTCODE.test(e.r.HOME_POST) && !/^[A-Z]{1,2}\d[A-Z\d]?$/.test(e.r.HOME_POST)) emit('episodes', e, 'HOME_POST');
        if (filled(e.r.PL_POST) && !POSTCODE.test(e.r.PL_POST) && !/^[A-Z]{1,2}\d[A-Z\d]?$/.test(e.r.PL_POST)) emit('episodes', e, 'PL_POST');
      }
    },
  }),
  rowRule({ code: '392d', table: 'episodes', fields: ['PL_POST'], message: 'Home and placement postcodes should not be same unless the placement type is P1.', bad: (r) => filled(r.HOME_POST) && r.HOME_POST.replace(/ /g, '') === (r.PL_POST ?? '').replace(/ /g, '') && r.PLACE !== 'P1' }),
  recAge('407', 'Reason episode ceased is Special Guardianship Order, but child has reached age 18.', [...SGO], (a) => a >= 18),
  rowRule({ code: '408', table: 'episodes', fields: ['LS'], message: 'Child is placed for adoption with a placement order, but no placement order has been recorded.', bad: (r) => (r.PLACE === 'A5' || r.PLACE === 'A6') && r.LS !== 'E1' && r.LS !== 'D1' }),
  childRule({
    code: '426', message: 'A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.', tables: ['episodes'], fields: ['LS'],
    child(c, _ctx, emit) {
      const ls = new Set(c.episodes.map((e) => e.r.LS));
      if (ls.has('V3') && ls.has('V4')) for (const e of c.episodes) if (SHORT_BREAKS.has(e.r.LS ?? '')) emit('episodes', e, 'LS');
    },
  }),
  childRule({
    code: '431', message: 'The reason for new episode is started to be looked after, but the previous episode ended on the same day.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (next.r.RNE === 'S' && prev.r.DEC === next.r.DECOM) emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '432', message: 'The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (filled(prev.r.REC) && prev.r.REC !== 'X1' && filled(next.r.RNE) && next.r.RNE !== 'S') emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '433', message: 'The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.', tables: ['episodes'], fields: ['DECOM'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (['P', 'B', 'T', 'U', 'L'].includes(next.r.RNE ?? '') && isDate(prev.r.DEC) && prev.r.DEC !== next.r.DECOM) emit('episodes', next, 'DECOM');
      });
    },
  }),
  childRule({
    code: '434', message: 'Reason for new episode is that child\'s legal status has changed but not the placement, but this is not reflected in the episode data.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        const d = changed(prev.r, next.r);
        if (next.r.RNE === 'L' && prev.r.DEC === next.r.DECOM && (!d.ls || d.place)) emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '435', message: 'Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        const d = changed(prev.r, next.r);
        if ((next.r.RNE === 'P' || next.r.RNE === 'T') && prev.r.DEC === next.r.DECOM && (d.ls || !d.place)) emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '436', message: 'Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.', tables: ['episodes'], fields: ['RNE'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        const d = changed(prev.r, next.r);
        if ((next.r.RNE === 'U' || next.r.RNE === 'B') && prev.r.DEC === next.r.DECOM && (!d.ls || !d.place)) emit('episodes', next, 'RNE');
      });
    },
  }),
  childRule({
    code: '437', message: 'Reason episode ceased is child has died or is aged 18 or over but there are further episodes.', tables: ['episodes'], fields: ['REC'],
    child(c, _ctx, emit) {
      pairs(c, (prev) => {
        if (prev.r.REC === 'E2' || prev.r.REC === 'E15') emit('episodes', prev, 'REC');
      });
    },
  }),
  rowRule({ code: '446', table: 'episodes', fields: ['LS'], message: 'E1 is not a valid code for episodes starting before December 2005.', bad: (r) => r.LS === 'E1' && isDate(r.DECOM) && r.DECOM < '2005-12-01' }),
  recAge('460', 'Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.', ['E17'], (a) => a < 18),
  childRule({
    code: '501', message: 'A new episode has started before the end date of the previous episode.', tables: ['episodes'], fields: ['DECOM'],
    child(c, _ctx, emit) {
      pairs(c, (prev, next) => {
        if (isDate(prev.r.DEC) && next.r.DECOM! < prev.r.DEC) emit('episodes', next, 'DECOM');
      });
    },
  }),
  childRule({
    code: '504', message: 'The category of need code differs from that reported at start of current period of being looked after', tables: ['episodes'], fields: ['CIN'],
    child(c, _ctx, emit) {
      for (const period of periods(c)) for (const e of period.slice(1)) if (e.r.CIN !== period[0]!.r.CIN) emit('episodes', e, 'CIN');
    },
  }),
  rowRule({ code: '516', table: 'episodes', fields: ['PLACE'], message: 'The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.', bad: (r) => (r.REC === 'E45' || r.REC === 'E46') && !['U1', 'U2', 'U3', 'U4', 'U5', 'U6'].includes(r.PLACE ?? '') }),
  rowRule({ code: '526', table: 'episodes', fields: ['PLACE_PROVIDER'], message: 'Child is missing a placement provider code for at least one episode.', bad: (r) => blank(r.PLACE_PROVIDER) && !NO_PROVIDER.has(r.PLACE ?? '') && r.PLACE !== 'T4' }),
  provider('527', 'PR1', ['P1', 'R2', 'R5'], 'A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.'),
  provider('528', 'PR2', ['P1', 'R2', 'R5'], 'A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.'),
  provider('529', 'PR3', ['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'], 'Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.'),
  provider('530', 'PR4', ['P1'], 'A placement provider code of PR4 cannot be associated with placement P1.'),
  provider('531', 'PR5', ['P1'], 'A placement provider code of PR5 cannot be associated with placements P1.'),
  rowRule({ code: '550', table: 'episodes', fields: ['PLACE_PROVIDER'], message: 'A placement provider code of PR0 can only be associated with placement P1.', bad: (r) => r.PLACE_PROVIDER === 'PR0' && r.PLACE !== 'P1' }),
  rowRule({ code: '1009', table: 'episodes', fields: ['REASON_PLACE_CHANGE'], message: 'Reason for placement change is not a valid code.', bad: (r) => filled(r.REASON_PLACE_CHANGE) && !PLACE_CHANGE_CODES.has(r.REASON_PLACE_CHANGE) }),
  childRule({
    code: '199', message: 'Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]', tables: ['episodes'], fields: ['REC'],
    child(c, _ctx, emit) {
      pairs(c, (prev) => {
        if (ADOPTED.has(prev.r.REC ?? '')) emit('episodes', prev, 'REC');
      });
    },
  }),
];

