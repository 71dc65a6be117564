// Rules on Assessments: dates, overlaps and the factors identified.
import { ASSESSMENT_FACTORS } from '../../../platform/codes.ts';
import type { Assessment, CensusChild } from '../model.ts';
import { at, inPeriod, rule, workingDaysBefore, type CinRule, type Emit } from './rule.ts';

/** Factor codes the census accepts: today's list plus 18A and 19A, which are valid but queried (8945Q, 8950Q). */
const VALID_FACTORS: ReadonlySet<string> = new Set([...Object.keys(ASSESSMENT_FACTORS), '18A', '19A']);

function eachAssessment(child: CensusChild, fn: (a: Assessment, cin: number, where: string) => void): void {
  child.CINdetails.forEach((cin, i) => cin.Assessments.forEach((a, j) => fn(a, i, `Assessments ${j + 1}`)));
}

function retiredFactor(code: string) {
  return (child: CensusChild, _ctx: unknown, emit: Emit) =>
    eachAssessment(child, (a, i, where) => {
      if (a.AssessmentFactors.some((f) => f.toUpperCase() === code)) emit('AssessmentFactors', at(i, where, code));
    });
}

export const assessmentRules: CinRule[] = [
  rule({
    code: '1103', type: 'Error', module: 'Assessments', message: 'The assessment start date cannot be before the referral date', reads: ['AssessmentActualStartDate', 'CINreferralDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const ref = cin.CINreferralDate;
        if (ref === null) return;
        cin.Assessments.forEach((a, j) => {
          if (a.AssessmentActualStartDate !== null && a.AssessmentActualStartDate < ref) emit('AssessmentActualStartDate', at(i, `Assessments ${j + 1}`, a.AssessmentActualStartDate));
        });
      });
    },
  }),
  rule({
    code: '8608', type: 'Error', module: 'Assessments', message: 'Assessment Start Date cannot be later than its End Date', reads: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    child(child, _ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentActualStartDate !== null && a.AssessmentAuthorisationDate !== null && a.AssessmentActualStartDate > a.AssessmentAuthorisationDate) {
          emit('AssessmentAuthorisationDate', at(i, where, a.AssessmentAuthorisationDate));
        }
      });
    },
  }),
  rule({
    code: '8614', type: 'Error', module: 'Assessments', message: 'Parental or child factors at assessment should only be present for a completed assessment.',
    reads: ['AssessmentAuthorisationDate', 'AssessmentFactors'],
    child(child, _ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentAuthorisationDate === null && a.AssessmentFactors.length > 0) emit('AssessmentFactors', at(i, where, a.AssessmentFactors.join(' ')));
      });
    },
  }),
  rule({
    code: '8670Q', type: 'Query', module: 'Assessments',
    message: 'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
    reads: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    child(child, ctx, emit) {
      const limit = workingDaysBefore(ctx.referenceDate, 45);
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentAuthorisationDate === null && a.AssessmentActualStartDate !== null && a.AssessmentActualStartDate < limit) {
          emit('AssessmentActualStartDate', at(i, where, a.AssessmentActualStartDate));
        }
      });
    },
  }),
  rule({
    code: '8696', type: 'Error', module: 'Assessments', message: 'Assessment end date must fall within the census year', reads: ['AssessmentAuthorisationDate', 'ReferenceDate'],
    child(child, ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentAuthorisationDate !== null && !inPeriod(ctx, a.AssessmentAuthorisationDate)) emit('AssessmentAuthorisationDate', at(i, where, a.AssessmentAuthorisationDate));
      });
    },
  }),
  rule({
    code: '8736', type: 'Error', module: 'Assessments', message: 'For an Assessment that has not been completed, the start date must fall within the census year',
    reads: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    child(child, ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentAuthorisationDate === null && !inPeriod(ctx, a.AssessmentActualStartDate)) emit('AssessmentActualStartDate', at(i, where, a.AssessmentActualStartDate));
      });
    },
  }),
  rule({
    code: '8863Q', type: 'Query', module: 'Assessments', message: 'An Assessment is shown as starting when there is another Assessment ongoing.',
    reads: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    child(child, ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const list = cin.Assessments;
        list.forEach((a, k) => {
          const start = a.AssessmentActualStartDate;
          if (start === null) return;
          const clash = list.some((b, j) => {
            if (j === k || b.AssessmentActualStartDate === null || start < b.AssessmentActualStartDate) return false;
            if (b.AssessmentActualStartDate === start && b.AssessmentAuthorisationDate === a.AssessmentAuthorisationDate) return false; // the same assessment twice
            return b.AssessmentAuthorisationDate !== null ? start <= b.AssessmentAuthorisationDate : start <= ctx.referenceDate;
          });
          if (clash) emit('AssessmentActualStartDate', at(i, `Assessments ${k + 1}`, start));
        });
      });
    },
  }),
  rule({
    code: '8869', type: 'Error', module: 'Assessments', message: 'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.', reads: ['AssessmentFactors'],
    child(child, _ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentFactors.includes('21') && a.AssessmentFactors.some((f) => f !== '21')) emit('AssessmentFactors', at(i, where, a.AssessmentFactors.join(' ')));
      });
    },
  }),
  rule({
    code: '8873Q', type: 'Query', module: 'Assessments',
    message:
      "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
    reads: ['AssessmentFactors', 'ReasonForClosure'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const only = cin.Assessments.length === 1 ? cin.Assessments[0]! : null;
        if (only && only.AssessmentFactors.includes('21') && cin.ReasonForClosure !== 'RC8' && cin.ReasonForClosure !== 'RC9') {
          emit('ReasonForClosure', at(i, 'Assessments 1', cin.ReasonForClosure));
        }
      });
    },
  }),
  rule({
    code: '8896', type: 'Error', module: 'Assessments', message: 'Within one CINDetails group there are 2 or more open Assessments groups', reads: ['AssessmentAuthorisationDate'],
    child(child, _ctx, emit) {
      child.CINdetails.forEach((cin, i) => {
        const open = cin.Assessments.flatMap((a, j) => (a.AssessmentAuthorisationDate === null ? [j] : []));
        if (open.length > 1) for (const j of open) emit('AssessmentAuthorisationDate', at(i, `Assessments ${j + 1}`));
      });
    },
  }),
  rule({
    code: '8897Q', type: 'Query', module: 'Assessments', message: 'Parental or child factors at assessment information is missing from a completed assessment',
    reads: ['AssessmentAuthorisationDate', 'AssessmentFactors'],
    child(child, ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (a.AssessmentAuthorisationDate === null || a.AssessmentAuthorisationDate < ctx.periodStart) return;
        if (a.AssessmentFactors.length === 0 || a.AssessmentFactors.some((f) => !VALID_FACTORS.has(f))) emit('AssessmentFactors', at(i, where, a.AssessmentFactors.join(' ')));
      });
    },
  }),
  rule({
    code: '8898', type: 'Error', module: 'Assessments', message: 'The assessment has more than one parental or child factors with the same code', reads: ['AssessmentFactors'],
    child(child, _ctx, emit) {
      eachAssessment(child, (a, i, where) => {
        if (new Set(a.AssessmentFactors).size !== a.AssessmentFactors.length) emit('AssessmentFactors', at(i, where, a.AssessmentFactors.join(' ')));
      });
    },
  }),
  rule({
    code: '8945Q', type: 'Query', module: 'Assessments',
    message: "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
    reads: ['AssessmentFactors'],
    child: retiredFactor('18A'),
  }),
  rule({
    code: '8950Q', type: 'Query', module: 'Assessments',
    message: "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
    reads: ['AssessmentFactors'],
    child: retiredFactor('19A'),
  }),
];
