// Rules on OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing and SWEpisodes.
import { addYears, ADOPTED, age, ageOn, asDate, blank, dated, dobOf, filled, isDate, lookedAfterAllYear, SW_REASONS } from './helpers.ts';
import { childRule, rowRule, type Ssda903Rule } from './rule.ts';

const flag01 = (v: string | null) => v === '0' || v === '1';
const CLA_ITEMS = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;
const OC2_ITEMS = ['CONVICTED', 'HEALTH_CHECK', ...CLA_ITEMS, 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const;
const codes = (...c: string[]) => new Set(c);
const IN_TOUCH = codes('YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM');
const ACTIV = codes('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0');
const ACCOM = codes('B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'G1', 'G2', 'H1', 'H2', 'K1', 'K2', 'R1', 'R2', 'S2', 'T1', 'T2', 'U1', 'U2', 'V1', 'V2', 'W1', 'W2', 'X2', 'Y1', 'Y2', 'Z1', 'Z2', '0');

export const outcomeRules: Ssda903Rule[] = [
  // ---------------------------------------------------------------- OC2
  rowRule({ code: '180', table: 'oc2', fields: ['SDQ_SCORE'], message: 'Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.', bad: (r) => filled(r.SDQ_SCORE) && !(/^\d{1,2}$/.test(r.SDQ_SCORE) && Number(r.SDQ_SCORE) <= 40) }),
  rowRule({ code: '181', table: 'oc2', fields: [...OC2_ITEMS], message: 'Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.', bad: (r) => OC2_ITEMS.find((f) => filled(r[f]) && !flag01(r[f])) }),
  rowRule({ code: '182', table: 'oc2', fields: [...CLA_ITEMS], message: 'Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.', bad: (r) => (filled(r.CONVICTED) || filled(r.HEALTH_CHECK)) && CLA_ITEMS.find((f) => blank(r[f])) }),
  rowRule({ code: '158', table: 'oc2', fields: ['INTERVENTION_OFFERED'], message: 'If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.', bad: (r) => r.INTERVENTION_RECEIVED === '1' && filled(r.INTERVENTION_OFFERED) }),
  rowRule({ code: '159', table: 'oc2', fields: ['INTERVENTION_OFFERED'], message: 'If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.', bad: (r) => r.SUBSTANCE_MISUSE === '1' && r.INTERVENTION_RECEIVED === '0' && blank(r.INTERVENTION_OFFERED) }),
  rowRule({ code: '192', table: 'oc2', fields: ['INTERVENTION_RECEIVED'], message: 'Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.', bad: (r) => r.SUBSTANCE_MISUSE === '1' && blank(r.INTERVENTION_RECEIVED) }),
  rowRule({ code: '193', table: 'oc2', fields: ['INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'], message: 'Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.', bad: (r) => r.SUBSTANCE_MISUSE !== '1' && (filled(r.INTERVENTION_RECEIVED) ? 'INTERVENTION_RECEIVED' : filled(r.INTERVENTION_OFFERED) ? 'INTERVENTION_OFFERED' : false) }),
  rowRule({ code: '196', table: 'oc2', fields: ['SDQ_REASON'], message: 'Strengths and Difficulties (SDQ) reason is not a valid code.', bad: (r) => filled(r.SDQ_REASON) && !codes('SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5').has(r.SDQ_REASON) }),
  rowRule({ code: '197a', table: 'oc2', fields: ['SDQ_REASON'], message: 'Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.', bad: (r) => filled(r.SDQ_SCORE) && filled(r.SDQ_REASON) }),
  rowRule({ code: '188', table: 'oc2', fields: ['SDQ_SCORE', 'SDQ_REASON'], message: 'Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed.', bad: (r, ctx) => isDate(r.DOB) && ageOn(r.DOB, ctx.p.end) < 4 && (filled(r.SDQ_SCORE) ? 'SDQ_SCORE' : filled(r.SDQ_REASON) ? 'SDQ_REASON' : false) }),
  rowRule({ code: '189', table: 'oc2', fields: ['SDQ_SCORE', 'SDQ_REASON'], message: 'Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.', bad: (r, ctx) => isDate(r.DOB) && ageOn(r.DOB, ctx.p.start) >= 17 && (filled(r.SDQ_SCORE) ? 'SDQ_SCORE' : filled(r.SDQ_REASON) ? 'SDQ_REASON' : false) }),
  rowRule({ code: '542', table: 'oc2', fields: ['CONVICTED'], message: 'A child aged under 10 at 31 March should not have conviction information completed.', bad: (r, ctx) => isDate(r.DOB) && ageOn(r.DOB, ctx.p.end) < 10 && filled(r.CONVICTED) }),
  rowRule({ code: '544', table: 'oc2', fields: [...CLA_ITEMS], message: 'Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.', bad: (r) => filled(r.CONVICTED) && CLA_ITEMS.find((f) => blank(r[f])) }),
  rowRule({ code: '546', table: 'oc2', fields: ['HEALTH_CHECK'], message: 'Children aged 5 or over at 31 March should not have health promotion information completed.', bad: (r, ctx) => isDate(r.DOB) && ageOn(r.DOB, ctx.p.end) >= 5 && filled(r.HEALTH_CHECK) }),
  rowRule({ code: '547', table: 'oc2', fields: [...CLA_ITEMS], message: 'Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.', bad: (r) => filled(r.HEALTH_CHECK) && CLA_ITEMS.find((f) => blank(r[f])) }),
  childRule({
    code: '185', message: 'Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.', tables: ['episodes', 'oc2'], fields: ['SDQ_SCORE'],
    child(c, ctx, emit) {
      if (!lookedAfterAllYear(c, ctx.p)) for (const o of c.oc2) if (filled(o.r.SDQ_SCORE)) emit('oc2', o, 'SDQ_SCORE');
    },
  }),
  childRule({
    code: '198', message: 'Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed.', tables: ['episodes', 'oc2'], fields: ['SDQ_REASON'],
    child(c, ctx, emit) {
      if (!lookedAfterAllYear(c, ctx.p)) for (const o of c.oc2) if (filled(o.r.SDQ_REASON)) emit('oc2', o, 'SDQ_REASON');
    },
  }),
  childRule({
    code: '190', message: 'Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.', tables: ['oc2', 'episodes'], fields: [...OC2_ITEMS],
    child(c, ctx, emit) {
      if (lookedAfterAllYear(c, ctx.p)) return;
      for (const o of c.oc2) {
        const f = OC2_ITEMS.find((k) => filled(o.r[k]));
        if (f) emit('oc2', o, f);
      }
    },
  }),
  childRule({
    code: '191', message: 'Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.', tables: ['oc2', 'episodes'], fields: [...CLA_ITEMS],
    child(c, ctx, emit) {
      if (!lookedAfterAllYear(c, ctx.p)) return;
      if (c.oc2.length === 0) emit('episodes', dated(c)[0] ?? c.episodes[0]!, 'CHILD');
      for (const o of c.oc2) {
        const f = CLA_ITEMS.find((k) => blank(o.r[k]));
        if (f) emit('oc2', o, f);
      }
    },
  }),
  childRule({
    code: '186', message: 'Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.', tables: ['episodes', 'oc2'], fields: ['SDQ_SCORE'],
    child(c, ctx, emit) {
      const dob = dobOf(c);
      if (!dob || ageOn(dob, ctx.p.start) < 4 || ageOn(dob, ctx.p.end) >= 17 || !lookedAfterAllYear(c, ctx.p)) return;
      for (const o of c.oc2) if (blank(o.r.SDQ_SCORE) && blank(o.r.SDQ_REASON)) emit('oc2', o, 'SDQ_SCORE');
    },
  }),
  childRule({
    code: '543', message: 'Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.', tables: ['episodes', 'oc2'], fields: ['CONVICTED'],
    child(c, ctx, emit) {
      if ((age(c, ctx.p.end) ?? 0) < 10 || !lookedAfterAllYear(c, ctx.p)) return;
      for (const o of c.oc2) if (blank(o.r.CONVICTED)) emit('oc2', o, 'CONVICTED');
    },
  }),
  childRule({
    code: '545', message: 'Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.', tables: ['episodes', 'oc2'], fields: ['HEALTH_CHECK'],
    child(c, ctx, emit) {
      if ((age(c, ctx.p.end) ?? 99) >= 5 || !lookedAfterAllYear(c, ctx.p)) return;
      for (const o of c.oc2) if (blank(o.r.HEALTH_CHECK)) emit('oc2', o, 'HEALTH_CHECK');
    },
  }),
  childRule({
    code: '215', message: 'Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.', tables: ['oc2', 'oc3'], fields: [...OC2_ITEMS],
    child(c, _ctx, emit) {
      if (c.oc3.length === 0) return;
      for (const o of c.oc2) {
        const f = OC2_ITEMS.find((k) => filled(o.r[k]));
        if (f) emit('oc2', o, f);
      }
    },
  }),
  // ---------------------------------------------------------------- OC3
  rowRule({ code: '131', table: 'oc3', fields: ['IN_TOUCH'], message: 'Data entry for being in touch after leaving care is invalid.', bad: (r) => !IN_TOUCH.has(r.IN_TOUCH ?? '') }),
  rowRule({ code: '132', table: 'oc3', fields: ['ACTIV'], message: 'Data entry for activity after leaving care is invalid.', bad: (r) => filled(r.ACTIV) && !ACTIV.has(r.ACTIV) }),
  rowRule({ code: '133', table: 'oc3', fields: ['ACCOM'], message: 'Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid', bad: (r) => filled(r.ACCOM) && !ACCOM.has(r.ACCOM) }),
  rowRule({ code: '153', table: 'oc3', fields: ['ACTIV', 'ACCOM'], message: 'All data items relating to a child\'s activity or accommodation after leaving care must be coded or left blank.', bad: (r) => filled(r.ACTIV) !== filled(r.ACCOM) && (filled(r.ACTIV) ? 'ACCOM' : 'ACTIV') }),
  rowRule({ code: '344', table: 'oc3', fields: ['ACTIV', 'ACCOM'], message: 'The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.', bad: (r) => (r.IN_TOUCH === 'DIED' || r.IN_TOUCH === 'RHOM') && (filled(r.ACTIV) ? 'ACTIV' : filled(r.ACCOM) ? 'ACCOM' : false) }),
  rowRule({ code: '345', table: 'oc3', fields: ['ACTIV', 'ACCOM'], message: 'The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.', bad: (r) => r.IN_TOUCH === 'YES' && (r.ACTIV === '0' ? 'ACTIV' : r.ACCOM === '0' ? 'ACCOM' : false) }),
  rowRule({ code: '347', table: 'oc3', fields: ['ACCOM'], message: 'Care leavers aged under 18 years, can not be accommodated in a Foyer.', bad: (r, ctx) => isDate(r.DOB) && (r.ACCOM === 'T1' || r.ACCOM === 'T2') && addYears(r.DOB, 18) > ctx.p.end }),
  rowRule({
    code: '391', table: 'oc3', fields: ['DOB'], message: 'Young person was not 17, 18, 19, 20 or 21 during the current collection year.',
    bad: (r, ctx) => isDate(r.DOB) && ![17, 18, 19, 20, 21].some((n) => addYears(r.DOB!, n) >= ctx.p.start && addYears(r.DOB!, n) <= ctx.p.end),
  }),
  rowRule({ code: '3001', table: 'oc3', fields: ['ACCOM'], message: 'Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).', bad: (r, ctx) => isDate(r.DOB) && (r.ACCOM === 'Z1' || r.ACCOM === 'Z2') && addYears(r.DOB, 17) >= ctx.p.start && addYears(r.DOB, 17) <= ctx.p.end }),
  childRule({
    code: '1000', message: 'This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]', tables: ['episodes', 'oc3'], fields: ['IN_TOUCH'],
    child(c, _ctx, emit) {
      if (c.episodes.some((e) => e.r.REC === 'E2')) for (const o of c.oc3) emit('oc3', o, 'IN_TOUCH');
    },
  }),
  childRule({
    code: '1011', message: 'This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.', tables: ['episodes', 'oc3'], fields: ['IN_TOUCH'],
    child(c, _ctx, emit) {
      const last = dated(c).pop();
      if (last?.r.REC === 'E3') for (const o of c.oc3) emit('oc3', o, 'IN_TOUCH');
    },
  }),
  childRule({
    code: '1007', message: 'Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]', tables: ['episodes', 'oc3'], fields: ['IN_TOUCH'],
    child(c, ctx, emit) {
      const dob = dobOf(c);
      if (!dob || c.oc3.length === 0) return;
      const bd = [17, 18].map((n) => addYears(dob, n)).find((d) => d >= ctx.p.start && d <= ctx.p.end);
      if (bd && c.episodes.some((e) => isDate(e.r.DECOM) && e.r.DECOM <= bd && (blank(e.r.DEC) || e.r.DEC! >= bd))) for (const o of c.oc3) emit('oc3', o, 'IN_TOUCH');
    },
  }),
  childRule({
    code: '628', message: 'Motherhood details are not required for care leavers who have not been looked after during the year.', tables: ['episodes', 'header', 'oc3'], fields: ['MOTHER'],
    child(c, _ctx, emit) {
      if (c.oc3.length > 0 && c.episodes.length === 0) for (const h of c.header) if (filled(h.r.MOTHER)) emit('header', h, 'MOTHER');
    },
  }),
  childRule({
    code: '1012', message: 'No other data should be returned for OC3 children who had no episodes in the current year', tables: ['episodes', 'oc3'], fields: ['CHILD'],
    child(c, _ctx, emit) {
      if (c.oc3.length === 0 || c.episodes.length > 0) return;
      for (const t of ['ad1', 'missing', 'oc2', 'placed_for_adoption', 'previous_permanence', 'reviews', 'uasc'] as const) for (const x of c[t]) emit(t, x as never, 'CHILD');
    },
  }),
  // ---------------------------------------------------------------- AD1
  rowRule({ code: '112', table: 'ad1', fields: ['DATE_INT'], message: 'Date should be placed for adoption is not a valid date.', bad: (r) => filled(r.DATE_INT) && !isDate(r.DATE_INT) }),
  rowRule({ code: '113', table: 'ad1', fields: ['DATE_MATCH'], message: 'Date matching child and adopter(s) is not a valid date.', bad: (r) => filled(r.DATE_MATCH) && !isDate(r.DATE_MATCH) }),
  rowRule({ code: '114', table: 'ad1', fields: ['FOSTER_CARE'], message: 'Data entry to record the status of former carer(s) of an adopted child is invalid.', bad: (r) => filled(r.FOSTER_CARE) && !flag01(r.FOSTER_CARE) }),
  rowRule({ code: '151', table: 'ad1', fields: ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'], message: 'All data items relating to a childs adoption must be coded or left blank.', bad: (r) => { const f = (['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const); const n = f.filter((k) => filled(r[k])).length; return n > 0 && n < f.length && f.find((k) => blank(r[k])); } }),
  rowRule({ code: '175', table: 'ad1', fields: ['NB_ADOPTR'], message: 'The number of adopter(s) code is not a valid code.', bad: (r) => filled(r.NB_ADOPTR) && r.NB_ADOPTR !== '1' && r.NB_ADOPTR !== '2' }),
  rowRule({ code: '176', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'The gender of adopter(s) at the date of adoption code is not a valid code.', bad: (r) => filled(r.SEX_ADOPTR) && !codes('M1', 'F1', 'MM', 'FF', 'MF').has(r.SEX_ADOPTR) }),
  rowRule({ code: '177', table: 'ad1', fields: ['LS_ADOPTR'], message: 'The legal status of adopter(s) code is not a valid code.', bad: (r) => filled(r.LS_ADOPTR) && !codes('L0', 'L11', 'L12', 'L2', 'L3', 'L4').has(r.LS_ADOPTR) }),
  rowRule({ code: '333', table: 'ad1', fields: ['DATE_INT'], message: 'Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).', bad: (r) => isDate(r.DATE_INT) && isDate(r.DATE_MATCH) && r.DATE_INT > r.DATE_MATCH }),
  rowRule({ code: '511', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.', bad: (r) => r.NB_ADOPTR === '2' && !codes('MM', 'FF', 'MF').has(r.SEX_ADOPTR ?? '') }),
  rowRule({ code: '514', table: 'ad1', fields: ['NB_ADOPTR'], message: 'Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.', bad: (r) => r.LS_ADOPTR === 'L0' && (r.NB_ADOPTR === '2' || codes('MM', 'FF', 'MF').has(r.SEX_ADOPTR ?? '')) }),
  rowRule({ code: '517', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.', bad: (r) => r.LS_ADOPTR === 'L3' && r.SEX_ADOPTR !== 'MF' }),
  rowRule({ code: '518', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.', bad: (r) => r.LS_ADOPTR === 'L4' && r.SEX_ADOPTR !== 'MM' && r.SEX_ADOPTR !== 'FF' }),
  rowRule({ code: '519', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.', bad: (r) => r.LS_ADOPTR === 'L2' && !codes('MM', 'FF', 'MF').has(r.SEX_ADOPTR ?? '') }),
  rowRule({ code: '520', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.', bad: (r) => r.LS_ADOPTR === 'L11' && r.SEX_ADOPTR !== 'MF' }),
  rowRule({ code: '524', table: 'ad1', fields: ['SEX_ADOPTR'], message: 'If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females', bad: (r) => r.LS_ADOPTR === 'L12' && r.SEX_ADOPTR !== 'MM' && r.SEX_ADOPTR !== 'FF' }),
  childRule({
    code: '601', message: 'The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.', tables: ['episodes', 'ad1'], fields: ['DATE_INT'],
    child(c, ctx, emit) {
      const adopted = c.episodes.find((e) => ADOPTED.has(e.r.REC ?? '') && isDate(e.r.DEC) && e.r.DEC >= ctx.p.start);
      if (!adopted) return;
      if (c.ad1.length === 0) emit('episodes', adopted, 'REC');
      for (const a of c.ad1) if (blank(a.r.DATE_INT) && blank(a.r.DATE_MATCH)) emit('ad1', a, 'DATE_INT');
    },
  }),
  childRule({
    code: '602', message: 'The episode data submitted for this child does not show that he/she was adopted during the year.', tables: ['episodes', 'ad1'], fields: ['CHILD'],
    child(c, ctx, emit) {
      if (c.ad1.length > 0 && !c.episodes.some((e) => ADOPTED.has(e.r.REC ?? '') && isDate(e.r.DEC) && e.r.DEC >= ctx.p.start && e.r.DEC <= ctx.p.end)) for (const a of c.ad1) emit('ad1', a, 'CHILD');
    },
  }),
  childRule({
    code: '134', message: 'Data on adoption should not be entered for the OC3 cohort.', tables: ['oc3', 'ad1'], fields: ['DATE_INT'],
    child(c, _ctx, emit) {
      if (c.oc3.length > 0) for (const a of c.ad1) emit('ad1', a, 'DATE_INT');
    },
  }),
  // ---------------------------------------------------------------- PlacedAdoption
  rowRule({ code: '115', table: 'placed_for_adoption', fields: ['DATE_PLACED'], message: 'Date of Local Authority\'s (LA) decision that a child should be placed for adoption is not a valid date.', bad: (r) => filled(r.DATE_PLACED) && !isDate(r.DATE_PLACED) }),
  rowRule({ code: '116', table: 'placed_for_adoption', fields: ['DATE_PLACED_CEASED'], message: 'Date of Local Authority\'s (LA) decision that a child should no longer be placed for adoption is not a valid date.', bad: (r) => filled(r.DATE_PLACED_CEASED) && !isDate(r.DATE_PLACED_CEASED) }),
  rowRule({ code: '119', table: 'placed_for_adoption', fields: ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'], message: 'If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.', bad: (r) => filled(r.DATE_PLACED_CEASED) !== filled(r.REASON_PLACED_CEASED) && (filled(r.DATE_PLACED_CEASED) ? 'REASON_PLACED_CEASED' : 'DATE_PLACED_CEASED') }),
  rowRule({ code: '120', table: 'placed_for_adoption', fields: ['REASON_PLACED_CEASED'], message: 'The reason for the reversal of the decision that the child should be placed for adoption code is not valid.', bad: (r) => filled(r.REASON_PLACED_CEASED) && !codes('RD1', 'RD2', 'RD3', 'RD4').has(r.REASON_PLACED_CEASED) }),
  rowRule({ code: '184', table: 'placed_for_adoption', fields: ['DATE_PLACED'], message: 'Date of decision that a child should be placed for adoption is before the child was born.', bad: (r) => isDate(r.DATE_PLACED) && isDate(r.DOB) && r.DATE_PLACED < r.DOB }),
  rowRule({ code: '522', table: 'placed_for_adoption', fields: ['DATE_PLACED'], message: 'Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.', bad: (r) => isDate(r.DATE_PLACED) && isDate(r.DATE_PLACED_CEASED) && r.DATE_PLACED > r.DATE_PLACED_CEASED }),
  rowRule({ code: '563', table: 'placed_for_adoption', fields: ['DATE_PLACED'], message: 'The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank', bad: (r) => filled(r.DATE_PLACED_CEASED) && blank(r.DATE_PLACED) }),
  childRule({
    code: '117', message: 'Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    child(c, ctx, emit) {
      const last = dated(c).pop()?.r;
      const ceased = last && isDate(last.DEC) && last.REC !== 'X1' ? last.DEC : null;
      for (const x of c.placed_for_adoption) {
        for (const f of ['DATE_PLACED', 'DATE_PLACED_CEASED'] as const) {
          const d = asDate(x.r[f]);
          if (d && (d > ctx.p.end || (ceased && d > ceased))) emit('placed_for_adoption', x, f);
        }
      }
    },
  }),
  childRule({
    code: '1003', message: 'Date of LA\'s decision that a child should be placed for adoption is before the child started to be looked after.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const starts = dated(c).filter((e) => e.r.RNE === 'S').map((e) => e.r.DECOM!);
      const first = starts.pop();
      for (const x of c.placed_for_adoption) if (first && isDate(x.r.DATE_PLACED) && x.r.DATE_PLACED < first && dated(c)[0]!.r.RNE === 'S') emit('placed_for_adoption', x, 'DATE_PLACED');
    },
  }),
  childRule({
    code: '525', message: 'A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.', tables: ['placed_for_adoption', 'ad1'], fields: ['DATE_PLACED_CEASED'],
    child(c, _ctx, emit) {
      if (c.ad1.length > 0) for (const x of c.placed_for_adoption) if (filled(x.r.DATE_PLACED_CEASED)) emit('placed_for_adoption', x, 'DATE_PLACED_CEASED');
    },
  }),
  childRule({
    code: '558', message: 'If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED_CEASED'],
    child(c, _ctx, emit) {
      if (c.episodes.some((e) => ADOPTED.has(e.r.REC ?? ''))) for (const x of c.placed_for_adoption) if (filled(x.r.DATE_PLACED_CEASED)) emit('placed_for_adoption', x, 'DATE_PLACED_CEASED');
    },
  }),
  childRule({
    code: '551', message: 'Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.', tables: ['episodes', 'placed_for_adoption'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const placed = c.episodes.find((e) => ['A3', 'A4', 'A5', 'A6'].includes(e.r.PLACE ?? ''));
      if (placed && !c.placed_for_adoption.some((x) => filled(x.r.DATE_PLACED))) emit('episodes', placed, 'PLACE');
    },
  }),
  childRule({
    code: '553', message: 'Placement order has been granted but there is no date of decision that the child should be placed for adoption.', tables: ['episodes', 'placed_for_adoption'], fields: ['LS', 'DATE_PLACED_CEASED'],
    child(c, _ctx, emit) {
      const order = c.episodes.find((e) => e.r.LS === 'E1');
      if (order && !c.placed_for_adoption.some((x) => filled(x.r.DATE_PLACED))) emit('episodes', order, 'LS');
      // A placement order still in force: the decision cannot have been reversed.
      if (c.episodes.some((e) => e.r.LS === 'E1' && blank(e.r.DEC))) {
        for (const x of c.placed_for_adoption) if (filled(x.r.DATE_PLACED_CEASED) || filled(x.r.REASON_PLACED_CEASED)) emit('placed_for_adoption', x, 'DATE_PLACED_CEASED');
      }
    },
  }),
  childRule({
    code: '579', message: 'A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.', tables: ['placed_for_adoption'], fields: ['DATE_PLACED'],
    child(c, _ctx, emit) {
      const xs = c.placed_for_adoption.filter((x) => isDate(x.r.DATE_PLACED)).sort((a, b) => a.r.DATE_PLACED!.localeCompare(b.r.DATE_PLACED!));
      for (let k = 1; k < xs.length; k++) {
        const prevEnd = asDate(xs[k - 1]!.r.DATE_PLACED_CEASED);
        if (!prevEnd || xs[k]!.r.DATE_PLACED! < prevEnd) emit('placed_for_adoption', xs[k]!, 'DATE_PLACED');
      }
    },
  }),
  // ---------------------------------------------------------------- PrevPerm
  rowRule({ code: '631', table: 'previous_permanence', fields: ['PREV_PERM'], message: 'Previous permanence option not a valid value.', bad: (r) => filled(r.PREV_PERM) && !codes('P1', 'P2', 'P3', 'P4', 'Z1').has(r.PREV_PERM) }),
  rowRule({ code: '635', table: 'previous_permanence', fields: ['LA_PERM', 'DATE_PERM'], message: 'There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1', bad: (r) => r.PREV_PERM === 'Z1' && (filled(r.LA_PERM) ? 'LA_PERM' : filled(r.DATE_PERM) ? 'DATE_PERM' : false) }),
  rowRule({
    code: '632', table: 'previous_permanence', fields: ['DATE_PERM'], message: 'Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year',
    // A full date, or a partial one with the unknown parts as Z: ZZ/MM/YYYY or ZZ/ZZ/YYYY.
    bad: (r) => filled(r.DATE_PERM) && !isDate(r.DATE_PERM) && !/^ZZ\/(\d{2}|ZZ)\/\d{4}$/.test(r.DATE_PERM),
  }),
  childRule({
    code: '630', message: 'Information on previous permanence option should be returned.', tables: ['episodes', 'previous_permanence'], fields: ['PREV_PERM'],
    child(c, ctx, emit) {
      const started = dated(c).find((e) => e.r.RNE === 'S' && e.r.DECOM! >= ctx.p.start);
      if (started && c.previous_permanence.length === 0) emit('episodes', started, 'RNE');
    },
  }),
  childRule({
    code: '634', message: 'There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.', tables: ['episodes', 'previous_permanence'], fields: ['PREV_PERM'],
    child(c, _ctx, emit) {
      if (c.episodes.length > 0 && !c.episodes.some((e) => isDate(e.r.DECOM) && e.r.DECOM >= '2016-04-01')) for (const x of c.previous_permanence) emit('previous_permanence', x, 'PREV_PERM');
    },
  }),
  // ---------------------------------------------------------------- Missing
  rowRule({ code: '1004', table: 'missing', fields: ['MIS_START'], message: 'The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.', bad: (r) => filled(r.MIS_START) && !isDate(r.MIS_START) }),
  rowRule({ code: '1005', table: 'missing', fields: ['MIS_END'], message: 'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.', bad: (r) => filled(r.MIS_END) && !isDate(r.MIS_END) }),
  rowRule({ code: '1006', table: 'missing', fields: ['MISSING'], message: 'Missing type invalid.', bad: (r) => filled(r.MISSING) && r.MISSING !== 'M' && r.MISSING !== 'A' }),
  rowRule({ code: '564', table: 'missing', fields: ['MIS_START'], message: 'Child was missing or away from placement without authorisation and the date started is blank.', bad: (r) => filled(r.MISSING) && blank(r.MIS_START) }),
  rowRule({ code: '565', table: 'missing', fields: ['MISSING'], message: 'The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.', bad: (r) => filled(r.MIS_START) && blank(r.MISSING) }),
  rowRule({ code: '566', table: 'missing', fields: ['MISSING'], message: 'The date that the child\'s episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.', bad: (r) => filled(r.MIS_END) && blank(r.MISSING) }),
  rowRule({ code: '567', table: 'missing', fields: ['MIS_END'], message: 'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.', bad: (r) => isDate(r.MIS_START) && isDate(r.MIS_END) && r.MIS_END < r.MIS_START }),
  rowRule({ code: '570', table: 'missing', fields: ['MIS_START'], message: 'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.', bad: (r, ctx) => isDate(r.MIS_START) && r.MIS_START > ctx.p.end }),
  rowRule({ code: '571', table: 'missing', fields: ['MIS_END'], message: 'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.', bad: (r, ctx) => isDate(r.MIS_END) && (r.MIS_END < ctx.p.start || r.MIS_END > ctx.p.end) }),
  rowRule({ code: '586', table: 'missing', fields: ['MIS_START'], message: 'Dates of missing periods are before child’s date of birth.', bad: (r) => isDate(r.MIS_START) && isDate(r.DOB) && r.MIS_START < r.DOB }),
  childRule({
    code: '574', message: 'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.', tables: ['missing'], fields: ['MIS_START'],
    child(c, _ctx, emit) {
      const xs = c.missing.filter((x) => isDate(x.r.MIS_START)).sort((a, b) => a.r.MIS_START!.localeCompare(b.r.MIS_START!));
      for (let k = 1; k < xs.length; k++) {
        const prevEnd = asDate(xs[k - 1]!.r.MIS_END);
        if (!prevEnd || xs[k]!.r.MIS_START! < prevEnd) emit('missing', xs[k]!, 'MIS_START');
      }
    },
  }),
  childRule({
    code: '577', message: 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.', tables: ['episodes', 'missing'], fields: ['MIS_END'],
    child(c, _ctx, emit) {
      const last = dated(c).pop()?.r;
      if (last && isDate(last.DEC) && last.REC !== 'X1') for (const m of c.missing) if (blank(m.r.MIS_END) && last.REC !== 'E8') emit('missing', m, 'MIS_END');
    },
  }),
  childRule({
    code: '578', message: 'The date that the child started to be missing is after the child ceased to be looked after.', tables: ['episodes', 'missing'], fields: ['MIS_START'],
    child(c, _ctx, emit) {
      const last = dated(c).pop()?.r;
      if (last && isDate(last.DEC) && last.REC !== 'X1') for (const m of c.missing) if (isDate(m.r.MIS_START) && m.r.MIS_START > last.DEC) emit('missing', m, 'MIS_START');
    },
  }),
  childRule({
    code: '581', message: 'Child is missing but has not yet started to be looked after.', tables: ['episodes', 'missing'], fields: ['MIS_START'],
    child(c, _ctx, emit) {
      const first = dated(c)[0]?.r;
      if (first) for (const m of c.missing) if (isDate(m.r.MIS_START) && m.r.MIS_START < first.DECOM!) emit('missing', m, 'MIS_START');
    },
  }),
  // ---------------------------------------------------------------- SWEpisodes
  rowRule({ code: 'SW01aSTG1', table: 'sw_episodes', fields: ['SW_ID', 'SW_DECOM'], message: 'For each social worker episode, information should be complete', bad: (r) => (blank(r.SW_ID) ? 'SW_ID' : blank(r.SW_DECOM) ? 'SW_DECOM' : false) }),
  rowRule({ code: 'SW01bSTG1', table: 'sw_episodes', fields: ['SW_REASON'], message: 'For each social worker episode, information should be complete', bad: (r) => filled(r.SW_ID) && blank(r.SW_REASON) }),
  rowRule({ code: 'SW02STG1', table: 'sw_episodes', fields: ['SW_ID'], message: 'Social worker ID does not begin with the characters ‘SW’ or ‘XX’.', bad: (r) => filled(r.SW_ID) && !/^(SW|XX)/.test(r.SW_ID) }),
  rowRule({ code: 'SW04STG1', table: 'sw_episodes', fields: ['SW_DECOM'], message: 'Date social worker episode began is not a valid date..', bad: (r) => filled(r.SW_DECOM) && !isDate(r.SW_DECOM) }),
  rowRule({ code: 'SW05STG1', table: 'sw_episodes', fields: ['SW_DEC'], message: 'Date social worker episode began is not a valid date.', bad: (r) => filled(r.SW_DEC) && !isDate(r.SW_DEC) }),
  rowRule({ code: 'SW06STG2', table: 'sw_episodes', fields: ['SW_DECOM'], message: 'Social worker episode data should be within the social worker data reporting year.', bad: (r, ctx) => isDate(r.SW_DECOM) && r.SW_DECOM > ctx.p.end }),
  rowRule({ code: 'SW07STG2', table: 'sw_episodes', fields: ['SW_DEC'], message: 'Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.', bad: (r, ctx) => isDate(r.SW_DEC) && (r.SW_DEC < ctx.p.start || r.SW_DEC > ctx.p.end) }),
  rowRule({ code: 'SW09STG2', table: 'sw_episodes', fields: ['SW_DEC'], message: 'Social worker episode appears to have lasted for less than 24 hours.', bad: (r) => isDate(r.SW_DEC) && r.SW_DEC === r.SW_DECOM }),
  rowRule({ code: 'SW13STG1', table: 'sw_episodes', fields: ['SW_REASON'], message: 'The reason for social worker change is not valid.', bad: (r) => filled(r.SW_REASON) && !SW_REASONS.has(r.SW_REASON) }),
  childRule({
    code: 'SW08STG2', message: 'A new social worker episode has started, but the previous episode has not ended.', tables: ['sw_episodes'], fields: ['SW_DEC'],
    child(c, _ctx, emit) {
      const xs = c.sw_episodes.filter((x) => isDate(x.r.SW_DECOM)).sort((a, b) => a.r.SW_DECOM!.localeCompare(b.r.SW_DECOM!));
      for (let k = 0; k + 1 < xs.length; k++) if (blank(xs[k]!.r.SW_DEC)) emit('sw_episodes', xs[k]!, 'SW_DEC');
    },
  }),
  childRule({
    code: 'SW10STG2', message: 'A new social worker episode has started before the end date of the previous social worker episode.', tables: ['sw_episodes'], fields: ['SW_DECOM'],
    child(c, _ctx, emit) {
      const xs = c.sw_episodes.filter((x) => isDate(x.r.SW_DECOM)).sort((a, b) => a.r.SW_DECOM!.localeCompare(b.r.SW_DECOM!));
      for (let k = 1; k < xs.length; k++) if (isDate(xs[k - 1]!.r.SW_DEC) && xs[k]!.r.SW_DECOM! < xs[k - 1]!.r.SW_DEC!) emit('sw_episodes', xs[k]!, 'SW_DECOM');
    },
  }),
  childRule({
    code: 'SW17STG2', message: 'There is no social worker episode open at 31 March', tables: ['sw_episodes', 'episodes'], fields: ['SW_DEC'],
    child(c, ctx, emit) {
      const last = dated(c).pop();
      if (!last || filled(last.r.DEC) || c.episodes.every((e) => e.r.LS === 'V3' || e.r.LS === 'V4')) return;
      if (!c.sw_episodes.some((x) => blank(x.r.SW_DEC) || (isDate(x.r.SW_DEC) && x.r.SW_DEC >= ctx.p.end))) emit('episodes', last, 'CHILD');
    },
  }),
];
