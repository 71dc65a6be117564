// Rules that read across tables: adoption dates against episodes, SDQ ages, missing periods around the
// end of care, motherhood on leaving care, social worker cover.
import { addDays, addYears, ADOPTED, age, ageOn, asDate, blank, dated, dobOf, filled, isDate, lookedAfterAllYear, SHORT_BREAKS } from './helpers.ts';
import { childRule, type ChildView, type Ssda903Rule } from './rule.ts';

const PLACED = ['A3', 'A4', 'A5', 'A6'];
const cla = (c: ChildView, p: { start: string; end: string }) => lookedAfterAllYear(c, p);
/** The child's last episode when it is still open at 31 March. */
const openAtEnd = (c: ChildView) => {
  const last = dated(c).pop();
  return last && blank(last.r.DEC) ? last : null;
};
/** The first episode of the period of care that holds `last` (episodes running on day to day, REC X1). */
function periodStart(c: ChildView, lastIndex: number): string {
  const eps = dated(c);
  let k = eps.findIndex((e) => e.i === lastIndex);
  while (k > 0 && eps[k - 1]!.r.REC === 'X1' && eps[k - 1]!.r.DEC === eps[k]!.r.DECOM) k -= 1;
  return eps[k]!.r.DECOM!;
}

export const moreRules: Ssda903Rule[] = [
  childRule({
    code: '118', message: 'Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED_CEASED'],
    child(c, ctx, emit) {
      const first = dated(c).find((e) => !SHORT_BREAKS.has(e.r.LS ?? ''));
      for (const x of c.placed_for_adoption) {
        const d = asDate(x.r.DATE_PLACED_CEASED);
        if (d && (d < ctx.p.start || (first && d < first.r.DECOM!))) emit('placed_for_adoption', x, 'DATE_PLACED_CEASED');
      }
    },
  }),
  childRule({
    code: '157', message: 'Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.', tables: ['oc2', 'episodes'], fields: ['SDQ_REASON'],
    // SDQ1 means the child was too young or too old for the questionnaire.
    child(c, ctx, emit) {
      const dob = dobOf(c);
      if (!dob || addYears(dob, 4) > ctx.p.start || addYears(dob, 16) < ctx.p.end || !cla(c, ctx.p)) return;
      for (const o of c.oc2) if (blank(o.r.SDQ_SCORE) && o.r.SDQ_REASON === 'SDQ1') emit('oc2', o, 'SDQ_REASON');
    },
  }),
  childRule({
    code: '187', message: 'Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.', tables: ['oc3', 'ad1', 'episodes'], fields: ['IN_TOUCH', 'DATE_INT'],
    child(c, ctx, emit) {
      if (!cla(c, ctx.p)) return;
      for (const o of c.oc3) if (filled(o.r.IN_TOUCH) || filled(o.r.ACTIV) || filled(o.r.ACCOM)) emit('oc3', o, 'IN_TOUCH');
      for (const a of c.ad1) if (filled(a.r.DATE_INT) || filled(a.r.DATE_MATCH)) emit('ad1', a, 'DATE_INT');
    },
  }),
  childRule({
    code: '197B', message: 'SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.', tables: ['oc2', 'episodes'], fields: ['SDQ_SCORE'],
    child(c, ctx, emit) {
      const dob = dobOf(c);
      if (!dob || !cla(c, ctx.p)) return;
      const birthdayInYear = (n: number) => addYears(dob, n) >= ctx.p.start && addYears(dob, n) <= ctx.p.end;
      if (!birthdayInYear(4) && !birthdayInYear(17)) return;
      for (const o of c.oc2) if (blank(o.r.SDQ_SCORE) && blank(o.r.SDQ_REASON)) emit('oc2', o, 'SDQ_SCORE');
    },
  }),
  childRule({
    code: '210', message: 'Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.', tables: ['header', 'episodes'], fields: ['UPN'],
    child(c, ctx, emit) {
      const h = c.header[0];
      const last = openAtEnd(c);
      if (h?.r.UPN === 'UN4' && last && periodStart(c, last.i) < addDays(ctx.p.end, -7)) emit('header', h, 'UPN');
    },
  }),
  childRule({
    code: '231', message: 'We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.', tables: ['header', 'uasc'], fields: ['DOB'],
    child(c, ctx, emit) {
      const h = c.header[0];
      const dob = dobOf(c);
      if (h && dob && c.uasc.length > 0 && ageOn(dob, ctx.p.end) < 11) emit('header', h, 'DOB');
    },
  }),
  childRule({
    code: '331', message: 'Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.', tables: ['ad1', 'episodes'], fields: ['DATE_MATCH'],
    child(c, _ctx, emit) {
      const adopted = dated(c).find((e) => ADOPTED.has(e.r.REC ?? ''));
      if (adopted) for (const a of c.ad1) if (isDate(a.r.DATE_MATCH) && a.r.DATE_MATCH > adopted.r.DECOM!) emit('ad1', a, 'DATE_MATCH');
    },
  }),
  childRule({
    code: '334', message: 'Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.', tables: ['episodes', 'ad1'], fields: ['DATE_INT'],
    child(c, _ctx, emit) {
      const started = dated(c).filter((e) => e.r.RNE === 'S').pop();
      if (started) for (const a of c.ad1) if (isDate(a.r.DATE_INT) && a.r.DATE_INT < started.r.DECOM!) emit('ad1', a, 'DATE_INT');
    },
  }),
  childRule({
    code: '335', message: 'The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.', tables: ['episodes', 'ad1'], fields: ['FOSTER_CARE'],
    child(c, _ctx, emit) {
      const adopted = dated(c).find((e) => ADOPTED.has(e.r.REC ?? ''));
      if (!adopted) return;
      const withCarer = adopted.r.PLACE === 'A3' || adopted.r.PLACE === 'A5';
      const notWithCarer = adopted.r.PLACE === 'A4' || adopted.r.PLACE === 'A6';
      for (const a of c.ad1) if ((withCarer && a.r.FOSTER_CARE === '0') || (notWithCarer && a.r.FOSTER_CARE === '1')) emit('ad1', a, 'FOSTER_CARE');
    },
  }),
  childRule({
    code: '336', message: 'Child does not have a foster placement immediately prior to being placed for adoption.', tables: ['episodes'], fields: ['PLACE'],
    child(c, _ctx, emit) {
      const eps = dated(c);
      for (let k = 1; k < eps.length; k++) {
        if ((eps[k]!.r.PLACE === 'A3' || eps[k]!.r.PLACE === 'A4') && !['A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'].includes(eps[k - 1]!.r.PLACE ?? '')) emit('episodes', eps[k]!, 'PLACE');
      }
    },
  }),
  childRule({
    code: '521', message: 'Date of local authority\'s decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.', tables: ['episodes', 'ad1'], fields: ['DATE_INT'],
    child(c, _ctx, emit) {
      const placed = dated(c).find((e) => PLACED.includes(e.r.PLACE ?? ''));
      if (placed) for (const a of c.ad1) if (isDate(a.r.DATE_INT) && a.r.DATE_INT > placed.r.DECOM!) emit('ad1', a, 'DATE_INT');
    },
  }),
  childRule({
    code: '523', message: 'Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).', tables: ['placed_for_adoption', 'ad1'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const ints = new Set(c.ad1.map((a) => a.r.DATE_INT).filter(filled));
      if (ints.size === 0) return;
      const latest = c.placed_for_adoption.filter((x) => filled(x.r.DATE_PLACED)).sort((a, b) => a.r.DATE_PLACED!.localeCompare(b.r.DATE_PLACED!)).pop();
      if (latest && !ints.has(latest.r.DATE_PLACED!)) emit('placed_for_adoption', latest, 'DATE_PLACED');
    },
  }),
  childRule({
    code: '552', message: 'Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const placed = dated(c).find((e) => PLACED.includes(e.r.PLACE ?? ''));
      if (!placed) return;
      const first = c.placed_for_adoption.filter((x) => isDate(x.r.DATE_PLACED)).sort((a, b) => a.r.DATE_PLACED!.localeCompare(b.r.DATE_PLACED!))[0];
      if (first && first.r.DATE_PLACED! > placed.r.DECOM!) emit('placed_for_adoption', first, 'DATE_PLACED');
    },
  }),
  childRule({
    code: '554', message: 'Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const order = dated(c).find((e) => e.r.LS === 'E1');
      if (!order) return;
      const first = c.placed_for_adoption.filter((x) => isDate(x.r.DATE_PLACED)).sort((a, b) => a.r.DATE_PLACED!.localeCompare(b.r.DATE_PLACED!))[0];
      if (first && first.r.DATE_PLACED! > order.r.DECOM!) emit('placed_for_adoption', first, 'DATE_PLACED');
    },
  }),
  childRule({
    code: '557', message: 'Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED_CEASED'],
    child(c, _ctx, emit) {
      const last = dated(c).pop();
      if (!last || blank(last.r.REC) || last.r.REC === 'X1' || ADOPTED.has(last.r.REC!)) return;
      for (const x of c.placed_for_adoption) if (filled(x.r.DATE_PLACED) && (blank(x.r.DATE_PLACED_CEASED) || blank(x.r.REASON_PLACED_CEASED))) emit('placed_for_adoption', x, blank(x.r.DATE_PLACED_CEASED) ? 'DATE_PLACED_CEASED' : 'REASON_PLACED_CEASED');
    },
  }),
  childRule({
    code: '575', message: 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.', tables: ['episodes', 'missing'], fields: ['MIS_END'],
    child(c, _ctx, emit) {
      for (const m of c.missing) {
        if (!isDate(m.r.MIS_START) || filled(m.r.MIS_END)) continue;
        if (dated(c).some((e) => isDate(e.r.DEC) && m.r.MIS_START! >= e.r.DECOM! && m.r.MIS_START! <= e.r.DEC)) emit('missing', m, 'MIS_END');
      }
    },
  }),
  childRule({
    code: '580', message: 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.', tables: ['episodes', 'missing'], fields: ['REC'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) {
        if (!isDate(e.r.DEC) || blank(e.r.REC) || e.r.REC === 'X1' || e.r.REC === 'E8') continue;
        const dec = e.r.DEC;
        if (c.missing.some((m) => isDate(m.r.MIS_START) && m.r.MIS_START <= dec && (blank(m.r.MIS_END) || (isDate(m.r.MIS_END) && m.r.MIS_END > dec)))) emit('episodes', e, 'REC');
      }
    },
  }),
  childRule({
    code: '582', message: 'Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.', tables: ['episodes', 'ad1'], fields: ['DEC'],
    child(c, _ctx, emit) {
      for (const e of dated(c)) if (ADOPTED.has(e.r.REC ?? '') && c.ad1.some((a) => a.r.DATE_MATCH === e.r.DEC)) emit('episodes', e, 'DEC');
    },
  }),
  childRule({
    code: '583', message: 'More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.', tables: ['placed_for_adoption'], fields: ['DATE_PLACED_CEASED'],
    child(c, _ctx, emit) {
      const xs = c.placed_for_adoption.filter((x) => isDate(x.r.DATE_PLACED)).sort((a, b) => a.r.DATE_PLACED!.localeCompare(b.r.DATE_PLACED!));
      for (const x of xs.slice(0, -1)) if (blank(x.r.DATE_PLACED_CEASED)) emit('placed_for_adoption', x, 'DATE_PLACED_CEASED');
    },
  }),
  childRule({
    code: '607', message: 'Child ceased to be looked after in the year, but mother field has not been completed.', tables: ['episodes', 'header'], fields: ['MOTHER'],
    child(c, ctx, emit) {
      const h = c.header[0];
      if (!h || h.r.SEX !== 'F' || filled(h.r.MOTHER)) return;
      if (dated(c).some((e) => isDate(e.r.DEC) && e.r.DEC >= ctx.p.start && e.r.DEC <= ctx.p.end && filled(e.r.REC) && e.r.REC !== 'X1' && !SHORT_BREAKS.has(e.r.LS ?? ''))) emit('header', h, 'MOTHER');
    },
  }),
  childRule({
    code: '1016', message: 'Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.', tables: ['episodes', 'oc3'], fields: ['IN_TOUCH'],
    // Leaving care on the birthday itself counts as after it.
    child(c, ctx, emit) {
      const dob = dobOf(c);
      const a = age(c, ctx.p.end);
      if (!dob || a === null || (a !== 17 && a !== 18)) return;
      const birthday = addYears(dob, a);
      if (!c.episodes.some((e) => isDate(e.r.DEC) && e.r.DEC >= birthday)) return;
      for (const o of c.oc3) if (filled(o.r.IN_TOUCH) || filled(o.r.ACTIV) || filled(o.r.ACCOM)) emit('oc3', o, 'IN_TOUCH');
    },
  }),
  childRule({
    code: 'SW11bSTG2', message: 'Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.', tables: ['sw_episodes'], fields: ['SW_DEC'],
    // As the DfE's tool reads it, an episode ending in the last five days of the year with none after it;
    // and only for a child still looked after then (a case closed after care ended needs no new worker).
    child(c, ctx, emit) {
      if (!openAtEnd(c)) return;
      const xs = c.sw_episodes.filter((x) => isDate(x.r.SW_DECOM)).sort((a, b) => a.r.SW_DECOM!.localeCompare(b.r.SW_DECOM!));
      const last = xs[xs.length - 1];
      if (last && isDate(last.r.SW_DEC) && last.r.SW_DEC >= addDays(ctx.p.end, -5) && last.r.SW_DEC < ctx.p.end) emit('sw_episodes', last, 'SW_DEC');
    },
  }),
  childRule({
    code: 'SW12STG2', message: 'If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after', tables: ['sw_episodes', 'episodes'], fields: ['SW_DECOM'],
    // The earliest social worker episode must begin by 1 April, or by the start of the current period of care if later.
    child(c, ctx, emit) {
      const last = openAtEnd(c);
      if (!last || SHORT_BREAKS.has(last.r.LS ?? '')) return;
      const start = periodStart(c, last.i);
      const from = start > ctx.p.start ? start : ctx.p.start;
      const first = c.sw_episodes.filter((x) => isDate(x.r.SW_DECOM)).sort((a, b) => a.r.SW_DECOM!.localeCompare(b.r.SW_DECOM!))[0];
      if (first && first.r.SW_DECOM! > from) emit('sw_episodes', first, 'SW_DECOM');
    },
  }),
];
