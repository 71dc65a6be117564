// Rules on ChildProtectionPlans and their Reviews.
import { CP_CATEGORIES } from '../../../platform/codes.ts';
import { isYes, type CensusChild, type ChildProtectionPlan } from '../model.ts';
import { at, inPeriod, rule, startsWithin, type CinRule, type Emit } from './rule.ts';

function eachCpp(child: CensusChild, fn: (c: ChildProtectionPlan, cin: number, where: string) => void): void {
  child.CINdetails.forEach((cin, i) => cin.ChildProtectionPlans.forEach((c, j) => fn(c, i, `ChildProtectionPlans ${j + 1}`)));
}

function category(field: 'InitialCategoryOfAbuse' | 'LatestCategoryOfAbuse') {
  return (child: CensusChild, _ctx: unknown, emit: Emit) =>
    eachCpp(child, (c, i, where) => {
      const value = c[field];
      if (value === null || !Object.hasOwn(CP_CATEGORIES, value)) emit(field, at(i, where, value));
    });
}

export const cpPlanRules: CinRule[] = [
  rule({
    code: '1105', type: 'Error', module: 'ChildProtectionPlans', message: 'The child protection plan start date cannot be before the referral date', reads: ['CPPstartDate', 'CINreferralDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref === null) return;
        cin.ChildProtectionPlans.forEach((c, j) => {
          if (c.CPPstartDate !== null && c.CPPstartDate < ref) emit('CPPstartDate', at(i, `ChildProtectionPlans ${j + 1}`, c.CPPstartDate));
        });
      });
    },
  }),
  rule({
    code: '2883', type: 'Error', module: 'ChildProtectionPlans', message: 'There are more child protection plans starting than initial conferences taking place',
    reads: ['CPPstartDate', 'DateOfInitialCPC'],
    census(ctx, emit) {
      let plans = 0;
      let conferences = 0;
      for (const child of ctx.census.children) {
        for (const cin of child.CINdetails) {
          if (inPeriod(ctx, cin.DateOfInitialCPC)) conferences += 1;
          for (const s of cin.Section47) if (inPeriod(ctx, s.DateOfInitialCPC)) conferences += 1;
          for (const c of cin.ChildProtectionPlans) if (inPeriod(ctx, c.CPPstartDate)) plans += 1;
        }
      }
      if (plans > conferences) emit(null, 'CPPstartDate', { value: `${plans} plans, ${conferences} conferences` });
    },
  }),
  rule({
    code: '2885', type: 'Error', module: 'ChildProtectionPlans', message: 'Child protection plan shown as starting a different day to the initial child protection conference.',
    reads: ['CPPstartDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, ctx, emit) {
      // A plan starting in the year starts on the day of a conference: one of the episode's section 47
      // conferences, or the episode's own conference date when no enquiry in it called one.
      child.CINdetails.forEach((cin, i) => {
        const enquiries = cin.Section47.filter((s) => !isYes(s.ICPCnotRequired));
        cin.ChildProtectionPlans.forEach((c, j) => {
          const start = c.CPPstartDate;
          if (start === null || !inPeriod(ctx, start)) return;
          const ok = enquiries.length > 0 ? enquiries.some((s) => s.DateOfInitialCPC === start) : cin.DateOfInitialCPC === start;
          if (!ok) emit('CPPstartDate', at(i, `ChildProtectionPlans ${j + 1}`, start));
        });
      });
    },
  }),
  rule({
    code: '8565', type: 'Error', module: 'ChildProtectionPlans', message: 'Activity shown after a case has been closed',
    reads: ['CINclosureDate', 'AssessmentActualStartDate', 'AssessmentAuthorisationDate', 'S47ActualStartDate', 'DateOfInitialCPC', 'CPPendDate', 'CINPlanStartDate', 'CINPlanEndDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const closed = cin.CINclosureDate;
        if (closed === null) return;
        const after = (date: string | null, field: string, where?: string) => {
          if (date !== null && date > closed) emit(field, at(i, where, date));
        };
        after(cin.DateOfInitialCPC, 'DateOfInitialCPC');
        cin.Assessments.forEach((a, j) => {
          after(a.AssessmentActualStartDate, 'AssessmentActualStartDate', `Assessments ${j + 1}`);
          after(a.AssessmentAuthorisationDate, 'AssessmentAuthorisationDate', `Assessments ${j + 1}`);
        });
        cin.Section47.forEach((s, j) => {
          after(s.S47ActualStartDate, 'S47ActualStartDate', `Section47 ${j + 1}`);
          after(s.DateOfInitialCPC, 'DateOfInitialCPC', `Section47 ${j + 1}`);
        });
        cin.ChildProtectionPlans.forEach((c, j) => after(c.CPPendDate, 'CPPendDate', `ChildProtectionPlans ${j + 1}`));
        cin.CINPlanDates.forEach((p, j) => {
          after(p.CINPlanStartDate, 'CINPlanStartDate', `CINPlanDates ${j + 1}`);
          after(p.CINPlanEndDate, 'CINPlanEndDate', `CINPlanDates ${j + 1}`);
        });
      });
    },
  }),
  rule({
    code: '8720', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan Start Date missing or out of data collection period', reads: ['CPPstartDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachCpp(child, (c, i, where) => {
        if (c.CPPstartDate === null || c.CPPstartDate > ctx.referenceDate) emit('CPPstartDate', at(i, where, c.CPPstartDate));
      });
    },
  }),
  rule({
    code: '8730', type: 'Error', module: 'ChildProtectionPlans', message: 'Total Number of previous Child Protection Plans missing', reads: ['NumberOfPreviousCPP'],
    child(child, _ctx, emit) {
      eachCpp(child, (c, i, where) => {
        if (c.NumberOfPreviousCPP === null || !/^\+?\d+$/.test(c.NumberOfPreviousCPP.trim())) emit('NumberOfPreviousCPP', at(i, where, c.NumberOfPreviousCPP));
      });
    },
  }),
  rule({
    code: '8832', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection details provided for a referral with no further action.', reads: ['ReferralNFA', 'ChildProtectionPlans'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (isYes(cin.ReferralNFA) && cin.ChildProtectionPlans.length > 0) emit('ReferralNFA', at(i, undefined, cin.ReferralNFA));
      });
    },
  }),
  rule({
    code: '8840', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan cannot start and end on the same day', reads: ['CPPstartDate', 'CPPendDate'],
    child(child, _ctx, emit) {
      eachCpp(child, (c, i, where) => {
        if (c.CPPstartDate !== null && c.CPPstartDate === c.CPPendDate) emit('CPPendDate', at(i, where, c.CPPendDate));
      });
    },
  }),
  rule({
    code: '8841', type: 'Error', module: 'ChildProtectionPlans', message: 'The review date cannot be on the same day or before the Child protection Plan start date.',
    reads: ['CPPstartDate', 'CPPreviewDate'],
    child(child, _ctx, emit) {
      eachCpp(child, (c, i, where) => {
        const start = c.CPPstartDate;
        if (start === null) return;
        c.Reviews.forEach((r, k) => {
          if (r !== null && r <= start) emit('CPPreviewDate', at(i, `${where}, review ${k + 1}`, r));
        });
      });
    },
  }),
  rule({
    code: '8842Q', type: 'Query', module: 'Reviews', message: 'Please check and either amend or provide a reason: Review Record has a missing date', reads: ['CPPreviewDate'],
    child(child, _ctx, emit) {
      eachCpp(child, (c, i, where) => {
        c.Reviews.forEach((r, k) => {
          if (r === null) emit('CPPreviewDate', at(i, `${where}, review ${k + 1}`));
        });
      });
    },
  }),
  rule({
    code: '8905', type: 'Error', module: 'ChildProtectionPlans', message: 'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
    reads: ['InitialCategoryOfAbuse'],
    child: category('InitialCategoryOfAbuse'),
  }),
  rule({
    code: '8910', type: 'Error', module: 'ChildProtectionPlans', message: 'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
    reads: ['LatestCategoryOfAbuse'],
    child: category('LatestCategoryOfAbuse'),
  }),
  rule({
    code: '8915', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan shown as starting after the child’s Date of Death', reads: ['CPPstartDate', 'PersonDeathDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death === null) return;
      eachCpp(child, (c, i, where) => {
        if (c.CPPstartDate !== null && c.CPPstartDate > death) emit('CPPstartDate', at(i, where, c.CPPstartDate));
      });
    },
  }),
  rule({
    code: '8920', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan cannot end after the child’s Date of Death', reads: ['CPPendDate', 'PersonDeathDate'],
    child(child, _ctx, emit) {
      const death = child.PersonDeathDate;
      if (death === null) return;
      eachCpp(child, (c, i, where) => {
        if (c.CPPendDate !== null && c.CPPendDate > death) emit('CPPendDate', at(i, where, c.CPPendDate));
      });
    },
  }),
  rule({
    code: '8925', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan End Date earlier than Start Date', reads: ['CPPstartDate', 'CPPendDate'],
    child(child, _ctx, emit) {
      eachCpp(child, (c, i, where) => {
        if (c.CPPstartDate !== null && c.CPPendDate !== null && c.CPPendDate < c.CPPstartDate) emit('CPPendDate', at(i, where, c.CPPendDate));
      });
    },
  }),
  rule({
    code: '8930', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan End Date must fall within the census year', reads: ['CPPendDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachCpp(child, (c, i, where) => {
        if (c.CPPendDate !== null && !inPeriod(ctx, c.CPPendDate)) emit('CPPendDate', at(i, where, c.CPPendDate));
      });
    },
  }),
  rule({
    code: '8935', type: 'Error', module: 'ChildProtectionPlans', message: 'This child is showing more than one open Child Protection plan, i.e. with no End Date', reads: ['CPPendDate'],
    child(child, _ctx, emit) {
      const open: Array<[number, string]> = [];
      eachCpp(child, (c, i, where) => {
        if (c.CPPendDate === null) open.push([i, where]);
      });
      if (open.length > 1) for (const [i, where] of open) emit('CPPendDate', at(i, where));
    },
  }),
  rule({
    code: '8940', type: 'Error', module: 'ChildProtectionPlans', message: 'Child Protection Plan data contains overlapping dates', reads: ['CPPstartDate', 'CPPendDate'],
    child(child, ctx, emit) {
      const plans: Array<{ c: ChildProtectionPlan; cin: number; where: string }> = [];
      eachCpp(child, (c, cin, where) => plans.push({ c, cin, where }));
      if (plans.length < 2) return;
      plans.forEach((a, k) => {
        const start = a.c.CPPstartDate;
        if (start === null) return;
        const clash = plans.some((b, j) => j !== k && b.c.CPPstartDate !== null && startsWithin(start, b.c.CPPstartDate, b.c.CPPendDate, ctx, true));
        if (clash) emit('CPPstartDate', at(a.cin, a.where, start));
      });
    },
  }),
];
