// Rules on Section47: enquiries and the initial child protection conferences that follow them.
import { isWeekend } from '../../../platform/calendar/calendar.ts';
import { isNo, isYes, type CensusChild, type Section47 } from '../model.ts';
import { at, inPeriod, rule, workingDaysBefore, type CinRule } from './rule.ts';

function eachS47(child: CensusChild, fn: (s: Section47, cin: number, where: string) => void): void {
  child.CINdetails.forEach((cin, i) => cin.Section47.forEach((s, j) => fn(s, i, `Section47 ${j + 1}`)));
}

export const section47Rules: CinRule[] = [
  rule({
    code: '1104', type: 'Error', module: 'Section47', message: 'The date of the initial child protection conference cannot be before the referral date', reads: ['DateOfInitialCPC', 'CINreferralDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref === null) return;
        cin.Section47.forEach((s, j) => {
          if (s.DateOfInitialCPC !== null && s.DateOfInitialCPC < ref) emit('DateOfInitialCPC', at(i, `Section47 ${j + 1}`, s.DateOfInitialCPC));
        });
      });
    },
  }),
  rule({
    code: '2884', type: 'Error', module: 'Section47',
    message: 'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one', reads: ['DateOfInitialCPC'],
    child(child, _ctx, emit) {
      // The same conference date on a CINdetails and on any of the child's section 47 enquiries.
      const s47Dates = new Set<string>();
      eachS47(child, (s) => {
        if (s.DateOfInitialCPC !== null) s47Dates.add(s.DateOfInitialCPC);
      });
      child.CINdetails.forEach((cin, i) => {
        if (cin.DateOfInitialCPC !== null && s47Dates.has(cin.DateOfInitialCPC)) emit('DateOfInitialCPC', at(i, undefined, cin.DateOfInitialCPC));
      });
    },
  }),
  rule({
    code: '2889', type: 'Error', module: 'Section47', message: 'The S47 start date cannot be before the referral date.', reads: ['S47ActualStartDate', 'CINreferralDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref === null) return;
        cin.Section47.forEach((s, j) => {
          if (s.S47ActualStartDate !== null && s.S47ActualStartDate < ref) emit('S47ActualStartDate', at(i, `Section47 ${j + 1}`, s.S47ActualStartDate));
        });
      });
    },
  }),
  rule({
    code: '8615', type: 'Error', module: 'Section47',
    message: 'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference', reads: ['S47ActualStartDate', 'DateOfInitialCPC'],
    child(child, _ctx, emit) {
      eachS47(child, (s, i, where) => {
        if (s.DateOfInitialCPC !== null && (s.S47ActualStartDate === null || s.S47ActualStartDate > s.DateOfInitialCPC)) emit('S47ActualStartDate', at(i, where, s.S47ActualStartDate));
      });
    },
  }),
  rule({
    code: '8675Q', type: 'Query', module: 'Section47',
    message:
      'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
    reads: ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, ctx, emit) {
      const limit = workingDaysBefore(ctx.referenceDate, 15);
      eachS47(child, (s, i, where) => {
        if (s.DateOfInitialCPC === null && isNo(s.ICPCnotRequired) && s.S47ActualStartDate !== null && s.S47ActualStartDate < limit) {
          emit('DateOfInitialCPC', at(i, where, s.S47ActualStartDate));
        }
      });
    },
  }),
  rule({
    code: '8715', type: 'Error', module: 'Section47', message: 'Date of Initial Child Protection Conference must fall within the census year', reads: ['DateOfInitialCPC', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachS47(child, (s, i, where) => {
        if (s.DateOfInitialCPC !== null && !inPeriod(ctx, s.DateOfInitialCPC)) emit('DateOfInitialCPC', at(i, where, s.DateOfInitialCPC));
      });
    },
  }),
  rule({
    code: '8740', type: 'Error', module: 'Section47',
    message: 'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
    reads: ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, ctx, emit) {
      eachS47(child, (s, i, where) => {
        if (s.DateOfInitialCPC === null && isNo(s.ICPCnotRequired) && s.S47ActualStartDate !== null && !inPeriod(ctx, s.S47ActualStartDate)) {
          emit('S47ActualStartDate', at(i, where, s.S47ActualStartDate));
        }
      });
    },
  }),
  rule({
    code: '8839', type: 'Error', module: 'Section47', message: 'Within one CINDetails group there are 2 or more open S47 Assessments', reads: ['DateOfInitialCPC', 'ICPCnotRequired'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const open = cin.Section47.flatMap((s, j) => (s.DateOfInitialCPC === null && !isYes(s.ICPCnotRequired) ? [j] : []));
        if (open.length > 1) for (const j of open) emit('DateOfInitialCPC', at(i, `Section47 ${j + 1}`));
      });
    },
  }),
  rule({
    code: '8870Q', type: 'Query', module: 'Section47',
    message: 'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend', reads: ['InitialCPCtarget'],
    child(child, _ctx, emit) {
      eachS47(child, (s, i, where) => {
        if (s.InitialCPCtarget !== null && isWeekend(s.InitialCPCtarget)) emit('InitialCPCtarget', at(i, where, s.InitialCPCtarget));
      });
    },
  }),
  rule({
    code: '8875', type: 'Error', module: 'Section47', message: 'The Date of Initial Child Protection Conference cannot be a weekend', reads: ['DateOfInitialCPC'],
    child(child, _ctx, emit) {
      eachS47(child, (s, i, where) => {
        if (s.DateOfInitialCPC !== null && isWeekend(s.DateOfInitialCPC)) emit('DateOfInitialCPC', at(i, where, s.DateOfInitialCPC));
      });
    },
  }),
];
