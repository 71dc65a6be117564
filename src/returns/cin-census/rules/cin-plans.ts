// Rules on CINplanDates, and on CIN plans running alongside child protection plans.
import { isYes, type CensusChild, type CinPlanDates, type ChildProtectionPlan } from '../model.ts';
import { at, inPeriod, rule, startsWithin, type CinRule } from './rule.ts';

function eachPlan(child: CensusChild, fn: (p: CinPlanDates, cin: number, where: string) => void): void {
  child.CINdetails.forEach((cin, i) => cin.CINPlanDates.forEach((p, j) => fn(p, i, `CINPlanDates ${j + 1}`)));
}

function allCpps(child: CensusChild): ChildProtectionPlan[] {
  return child.CINdetails.flatMap((c) => c.ChildProtectionPlans);
}

function allPlans(child: CensusChild): Array<{ plan: CinPlanDates; cin: number; where: string }> {
  const out: Array<{ plan: CinPlanDates; cin: number; where: string }> = [];
  eachPlan(child, (plan, cin, where) => out.push({ plan, cin, where }));
  return out;
}

export const cinPlanRules: CinRule[] = [
  rule({
    code: '4000', type: 'Error', module: 'CINplanDates', message: 'CIN Plan details provided for a referral with no further action', reads: ['ReferralNFA', 'CINPlanDates'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (isYes(cin.ReferralNFA) && cin.CINPlanDates.length > 0) emit('ReferralNFA', at(i, undefined, cin.ReferralNFA));
      });
    },
  }),
  rule({
    code: '4001', type: 'Error', module: 'CINplanDates', message: 'A CIN Plan cannot run concurrently with a Child Protection Plan', reads: ['CINPlanEndDate', 'CPPendDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        if (!cin.ChildProtectionPlans.some((c) => c.CPPendDate === null)) return;
        cin.CINPlanDates.forEach((p, j) => {
          if (p.CINPlanStartDate !== null && p.CINPlanEndDate === null) emit('CINPlanEndDate', at(i, `CINPlanDates ${j + 1}`));
        });
      });
    },
  }),
  rule({
    code: '4003', type: 'Error', module: 'Reviews', message: 'A CPP review date is shown as being held at the same time as an open CIN Plan.',
    reads: ['CPPreviewDate', 'CINPlanStartDate', 'CINPlanEndDate', 'CPPendDate'],
    child(child, ctx, emit) {
      // Within a CINdetails: a review may fall inside a CIN plan only when it is the review that ended the CP plan.
      child.CINdetails.forEach((cin, i) => {
        cin.ChildProtectionPlans.forEach((cpp, k) =>
          cpp.Reviews.forEach((review, r) => {
            if (review === null || review === cpp.CPPendDate) return;
            const clash = cin.CINPlanDates.some((p) => p.CINPlanStartDate !== null && startsWithin(review, p.CINPlanStartDate, p.CINPlanEndDate, ctx, false));
            if (clash) emit('CPPreviewDate', at(i, `ChildProtectionPlans ${k + 1}, review ${r + 1}`, review));
          }),
        );
      });
    },
  }),
  rule({
    code: '4004', type: 'Error', module: 'CINplanDates', message: 'This child is showing more than one open CIN Plan, i.e. with no End Date', reads: ['CINPlanEndDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const open = cin.CINPlanDates.flatMap((p, j) => (p.CINPlanEndDate === null ? [j] : []));
        if (open.length > 1) for (const j of open) emit('CINPlanEndDate', at(i, `CINPlanDates ${j + 1}`));
      });
    },
  }),
  rule({
    code: '4010', type: 'Error', module: 'CINplanDates', message: 'CIN Plan start date is missing or out of data collection period', reads: ['CINPlanStartDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachPlan(child, (p, i, where) => {
        if (p.CINPlanStartDate === null || p.CINPlanStartDate > ctx.referenceDate) emit('CINPlanStartDate', at(i, where, p.CINPlanStartDate));
      });
    },
  }),
  rule({
    code: '4011', type: 'Error', module: 'CINplanDates', message: 'CIN Plan End Date earlier than Start Date', reads: ['CINPlanStartDate', 'CINPlanEndDate'],
    child(child, _ctx, emit) {
      eachPlan(child, (p, i, where) => {
        if (p.CINPlanEndDate !== null && p.CINPlanStartDate !== null && p.CINPlanEndDate < p.CINPlanStartDate) emit('CINPlanEndDate', at(i, where, p.CINPlanEndDate));
      });
    },
  }),
  rule({
    code: '4012Q', type: 'Query', module: 'CINplanDates', message: 'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
    reads: ['CINPlanStartDate', 'CINPlanEndDate'],
    child(child, _ctx, emit) {
      eachPlan(child, (p, i, where) => {
        if (p.CINPlanStartDate !== null && p.CINPlanStartDate === p.CINPlanEndDate) emit('CINPlanEndDate', at(i, where, p.CINPlanEndDate));
      });
    },
  }),
  rule({
    code: '4013', type: 'Error', module: 'CINplanDates', message: 'CIN Plan end date must fall within the census year', reads: ['CINPlanEndDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachPlan(child, (p, i, where) => {
        if (p.CINPlanEndDate !== null && !inPeriod(ctx, p.CINPlanEndDate)) emit('CINPlanEndDate', at(i, where, p.CINPlanEndDate));
      });
    },
  }),
  rule({
    code: '4014', type: 'Error', module: 'CINplanDates', message: 'CIN Plan data contains overlapping dates', reads: ['CINPlanStartDate', 'CINPlanEndDate'],
    child(child, ctx, emit) {
      // Across all the child's CIN plans: no plan may start on or between another's start and end.
      const plans = allPlans(child);
      plans.forEach((a, k) => {
        const start = a.plan.CINPlanStartDate;
        if (start === null) return;
        const clash = plans.some((b, j) => j !== k && b.plan.CINPlanStartDate !== null && startsWithin(start, b.plan.CINPlanStartDate, b.plan.CINPlanEndDate, ctx, true));
        if (clash) emit('CINPlanStartDate', at(a.cin, a.where, start));
      });
    },
  }),
  rule({
    code: '4015', type: 'Error', module: 'CINplanDates', message: 'The CIN Plan start date cannot be before the referral date', reads: ['CINPlanStartDate', 'CINreferralDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref === null) return;
        cin.CINPlanDates.forEach((p, j) => {
          if (p.CINPlanStartDate !== null && p.CINPlanStartDate < ref) emit('CINPlanStartDate', at(i, `CINPlanDates ${j + 1}`, p.CINPlanStartDate));
        });
      });
    },
  }),
  rule({
    code: '4016', type: 'Error', module: 'CINplanDates', message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
    reads: ['CINPlanStartDate', 'CPPstartDate', 'CPPendDate'],
    child(child, ctx, emit) {
      // A CIN plan may start on the day a CP plan ends, not while one is running.
      const cpps = allCpps(child);
      if (cpps.length === 0) return;
      eachPlan(child, (p, i, where) => {
        const start = p.CINPlanStartDate;
        if (start !== null && cpps.some((c) => c.CPPstartDate !== null && startsWithin(start, c.CPPstartDate, c.CPPendDate, ctx, false))) emit('CINPlanStartDate', at(i, where, start));
      });
    },
  }),
  rule({
    code: '4017', type: 'Error', module: 'CINplanDates', message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
    reads: ['CPPstartDate', 'CINPlanStartDate', 'CINPlanEndDate'],
    child(child, ctx, emit) {
      // A CP plan may start on the day a CIN plan ends, not while one is running.
      const plans = allPlans(child);
      if (plans.length === 0) return;
      child.CINdetails.forEach((cin, i) =>
        cin.ChildProtectionPlans.forEach((c, k) => {
          const start = c.CPPstartDate;
          if (start !== null && plans.some(({ plan }) => plan.CINPlanStartDate !== null && startsWithin(start, plan.CINPlanStartDate, plan.CINPlanEndDate, ctx, false))) {
            emit('CPPstartDate', at(i, `ChildProtectionPlans ${k + 1}`, start));
          }
        }),
      );
    },
  }),
];
