// Rules on CINdetails: the referral (episode), its closure, and activity recorded against it.
import { addDays } from '../../../platform/calendar/calendar.ts';
import { CLOSURE_REASONS, PRIMARY_NEED, REFERRAL_SOURCES } from '../../../platform/codes.ts';
import { isNo, isYes, type CinDetails } from '../model.ts';
import { at, inPeriod, rule, workingDaysBefore, type CinRule } from './rule.ts';

const isOpenFurtherAction = (c: CinDetails) => c.CINclosureDate === null && isNo(c.ReferralNFA);

export const cinDetailsRules: CinRule[] = [
  rule({
    code: '2990', type: 'Error', module: 'CINdetails',
    message: "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
    reads: ['ReasonForClosure', 'Section47', 'ChildProtectionPlans', 'DateOfInitialCPC', 'CINPlanDates'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.ReasonForClosure !== 'RC8' && cin.ReasonForClosure !== 'RC9') return;
        const activity = [
          cin.Section47.length > 0 && 'Section47',
          cin.ChildProtectionPlans.length > 0 && 'ChildProtectionPlans',
          cin.DateOfInitialCPC !== null && 'DateOfInitialCPC',
          cin.CINPlanDates.length > 0 && 'CINPlanDates',
        ].filter((x): x is string => typeof x === 'string');
        if (activity.length > 0) emit('ReasonForClosure', at(i, activity.join(', '), cin.ReasonForClosure));
      });
    },
  }),
  rule({
    code: '2991Q', type: 'Query', module: 'CINdetails',
    message: 'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode', reads: ['Section47', 'Assessments'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.Section47.length > 0 && cin.Assessments.length === 0) emit('Assessments', at(i));
      });
    },
  }),
  rule({
    code: '8555Q', type: 'Query', module: 'CINdetails', message: 'Child cannot be referred after its recorded date of death', reads: ['PersonDeathDate', 'CINreferralDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death === null) return;
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINreferralDate !== null && cin.CINreferralDate > death) emit('CINreferralDate', at(i, undefined, cin.CINreferralDate));
      });
    },
  }),
  rule({
    code: '8568', type: 'Error', module: 'CINdetails', message: 'RNFA flag is missing or invalid', reads: ['ReferralNFA'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (!isYes(cin.ReferralNFA) && !isNo(cin.ReferralNFA)) emit('ReferralNFA', at(i, undefined, cin.ReferralNFA));
      });
    },
  }),
  rule({
    code: '8569Q', type: 'Query', module: 'CINdetails',
    message: 'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case', reads: ['CINreferralDate', 'ReferralNFA'],
    child(child, ctx, emit) {
      const dayBefore = workingDaysBefore(ctx.periodStart, 1);
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINreferralDate !== null && cin.CINreferralDate < dayBefore && !isNo(cin.ReferralNFA)) emit('ReferralNFA', at(i, undefined, cin.CINreferralDate));
      });
    },
  }),
  rule({
    code: '8585Q', type: 'Query', module: 'CINdetails',
    message: 'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
    reads: ['ReasonForClosure', 'PersonDeathDate'],
    child(child, _ctx, emit) {
      if (child.PersonDeathDate !== null) return;
      child.CINdetails.forEach((cin, i) => {
        if (cin.ReasonForClosure === 'RC2') emit('ReasonForClosure', at(i, undefined, 'RC2'));
      });
    },
  }),
  rule({
    code: '8600', type: 'Error', module: 'CINdetails', message: 'Child referral date missing or after data collection period', reads: ['CINreferralDate'],
    child(child, ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINreferralDate === null || cin.CINreferralDate > ctx.referenceDate) emit('CINreferralDate', at(i, undefined, cin.CINreferralDate));
      });
    },
  }),
  rule({
    code: '8606', type: 'Error', module: 'CINdetails', message: 'Child referral date is more than 40 weeks before DOB or expected DOB',
    reads: ['CINreferralDate', 'PersonBirthDate', 'ExpectedPersonBirthDate'],
    child(child, _ctx, emit) {
      const limits = [child.PersonBirthDate, child.ExpectedPersonBirthDate].filter((d): d is string => d !== null).map((d) => addDays(d, -280));
      if (limits.length === 0) return;
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref !== null && limits.some((limit) => ref < limit)) emit('CINreferralDate', at(i, undefined, ref));
      });
    },
  }),
  rule({
    code: '8610', type: 'Error', module: 'CINdetails', message: 'Primary Need code is missing for a referral which led to further action.', reads: ['ReferralNFA', 'PrimaryNeedCode'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (isNo(cin.ReferralNFA) && cin.PrimaryNeedCode === null) emit('PrimaryNeedCode', at(i));
      });
    },
  }),
  rule({
    code: '8620', type: 'Error', module: 'CINdetails', message: 'CIN Closure Date present and does not fall within the Census year', reads: ['CINclosureDate'],
    child(child, ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate !== null && !inPeriod(ctx, cin.CINclosureDate)) emit('CINclosureDate', at(i, undefined, cin.CINclosureDate));
      });
    },
  }),
  rule({
    code: '8630', type: 'Error', module: 'CINdetails', message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode', reads: ['CINreferralDate', 'CINclosureDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate !== null && cin.CINreferralDate !== null && cin.CINclosureDate < cin.CINreferralDate) emit('CINclosureDate', at(i, undefined, cin.CINclosureDate));
      });
    },
  }),
  rule({
    code: '8640', type: 'Error', module: 'CINdetails', message: 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)', reads: ['ReasonForClosure'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.ReasonForClosure !== null && !Object.hasOwn(CLOSURE_REASONS, cin.ReasonForClosure)) emit('ReasonForClosure', at(i, undefined, cin.ReasonForClosure));
      });
    },
  }),
  rule({
    code: '8650', type: 'Error', module: 'CINdetails', message: 'Primary Need Code invalid (see Primary Need table in CIN census code set)', reads: ['PrimaryNeedCode'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.PrimaryNeedCode !== null && !Object.hasOwn(PRIMARY_NEED, cin.PrimaryNeedCode)) emit('PrimaryNeedCode', at(i, undefined, cin.PrimaryNeedCode));
      });
    },
  }),
  rule({
    code: '8805', type: 'Error', module: 'CINdetails', message: 'A CIN case cannot have a CIN closure date without a Reason for Closure', reads: ['CINclosureDate', 'ReasonForClosure'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate !== null && cin.ReasonForClosure === null) emit('ReasonForClosure', at(i));
      });
    },
  }),
  rule({
    code: '8810', type: 'Error', module: 'CINdetails', message: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date', reads: ['ReasonForClosure', 'CINclosureDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.ReasonForClosure !== null && cin.CINclosureDate === null) emit('CINclosureDate', at(i, undefined, cin.ReasonForClosure));
      });
    },
  }),
  rule({
    code: '8815', type: 'Error', module: 'CINdetails',
    message: 'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
    reads: ['CINclosureDate', 'ReferralNFA'],
    child(child, _ctx, emit) {
      const open = child.CINdetails.flatMap((cin, i) => (isOpenFurtherAction(cin) ? [i] : []));
      if (open.length > 1) for (const i of open) emit('CINclosureDate', at(i));
    },
  }),
  rule({
    code: '8816', type: 'Error', module: 'CINdetails', message: 'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
    reads: ['CINreferralDate', 'CINclosureDate', 'ReferralNFA'],
    child(child, _ctx, emit) {
      let latest: string | null = null;
      for (const cin of child.CINdetails) if (cin.CINreferralDate !== null && (latest === null || cin.CINreferralDate > latest)) latest = cin.CINreferralDate;
      child.CINdetails.forEach((cin, i) => {
        if (isOpenFurtherAction(cin) && cin.CINreferralDate !== null && latest !== null && cin.CINreferralDate < latest) emit('CINreferralDate', at(i, undefined, cin.CINreferralDate));
      });
    },
  }),
  rule({
    code: '8820', type: 'Error', module: 'CINdetails', message: 'The dates on the CIN episodes for this child overlap', reads: ['CINreferralDate', 'CINclosureDate', 'ReferralNFA'],
    child(child, ctx, emit) {
      // A referral may start on the day the previous one closed, not before.
      const list = child.CINdetails;
      list.forEach((a, i) => {
        const start = a.CINreferralDate;
        if (start === null) return;
        const clash = list.some((b, j) => {
          if (j === i || b.CINreferralDate === null || start < b.CINreferralDate) return false;
          if (b.CINclosureDate !== null) return start < b.CINclosureDate;
          return isNo(b.ReferralNFA) && start < ctx.referenceDate;
        });
        if (clash) emit('CINreferralDate', at(i, undefined, start));
      });
    },
  }),
  rule({
    code: '8825Q', type: 'Query', module: 'CINdetails',
    message:
      "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.",
    reads: ['ReasonForClosure', 'Assessments'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if ((cin.ReasonForClosure === 'RC8' || cin.ReasonForClosure === 'RC9') && cin.Assessments.length === 0) emit('ReasonForClosure', at(i, undefined, cin.ReasonForClosure));
      });
    },
  }),
  rule({
    code: '8831', type: 'Error', module: 'CINdetails', message: 'Activity is recorded against a case marked as a referral with no further action',
    reads: ['ReferralNFA', 'AssessmentActualStartDate', 'AssessmentAuthorisationDate', 'S47ActualStartDate', 'DateOfInitialCPC'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (!isYes(cin.ReferralNFA)) return;
        if (cin.DateOfInitialCPC !== null) emit('DateOfInitialCPC', at(i, undefined, cin.DateOfInitialCPC));
        cin.Assessments.forEach((a, j) => {
          if (a.AssessmentActualStartDate !== null || a.AssessmentAuthorisationDate !== null) emit('AssessmentActualStartDate', at(i, `Assessments ${j + 1}`, a.AssessmentActualStartDate));
        });
        cin.Section47.forEach((s, j) => {
          if (s.S47ActualStartDate !== null || s.DateOfInitialCPC !== null) emit('S47ActualStartDate', at(i, `Section47 ${j + 1}`, s.S47ActualStartDate));
        });
      });
    },
  }),
  rule({
    code: '8866', type: 'Error', module: 'CINdetails', message: 'Source of Referral is missing or an invalid code', reads: ['CINreferralDate', 'ReferralSource'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINreferralDate === null || cin.CINreferralDate < '2013-04-01') return;
        if (cin.ReferralSource === null || !Object.hasOwn(REFERRAL_SOURCES, cin.ReferralSource)) emit('ReferralSource', at(i, undefined, cin.ReferralSource));
      });
    },
  }),
  rule({
    code: '8867', type: 'Error', module: 'CINdetails', message: 'CIN episode is shown as closed, however Assessment is not shown as completed', reads: ['CINclosureDate', 'AssessmentAuthorisationDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate === null) return;
        cin.Assessments.forEach((a, j) => {
          if (a.AssessmentAuthorisationDate === null) emit('AssessmentAuthorisationDate', at(i, `Assessments ${j + 1}`));
        });
      });
    },
  }),
  rule({
    code: '8868', type: 'Error', module: 'CINdetails',
    message: 'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
    reads: ['CINclosureDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (cin.CINclosureDate === null) return;
        cin.Section47.forEach((s, j) => {
          // Exactly one of the two: a conference date, or the flag saying none was needed.
          if ((s.DateOfInitialCPC !== null) === isYes(s.ICPCnotRequired)) emit('ICPCnotRequired', at(i, `Section47 ${j + 1}`, s.ICPCnotRequired));
        });
      });
    },
  }),
  rule({
    code: '8890', type: 'Error', module: 'CINdetails', message: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing', reads: ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const list = cin.Section47;
        list.forEach((a, k) => {
          const start = a.S47ActualStartDate;
          if (start === null) return;
          const clash = list.some((b, j) => {
            if (j === k || b.S47ActualStartDate === null || start < b.S47ActualStartDate) return false;
            // The same enquiry recorded twice is not two enquiries.
            if (b.S47ActualStartDate === start && b.DateOfInitialCPC === a.DateOfInitialCPC) return false;
            if (b.DateOfInitialCPC !== null) return start <= b.DateOfInitialCPC;
            return !isYes(b.ICPCnotRequired) && start <= ctx.referenceDate;
          });
          if (clash) emit('S47ActualStartDate', at(i, `Section47 ${k + 1}`, start));
        });
      });
    },
  }),
];
