// Every one of the 109 CIN rules with a failing and a passing example. Each example starts from a
// census that breaks no rule and changes one thing; the failing one must draw at least one finding
// under that rule, the passing one (usually the nearest case on the right side of the line) none.
import { describe, expect, it } from 'vitest';
import { cleanCensus, upn } from '../../../test/fixtures/cin/clean-census.ts';
import type { CensusChild, CinCensus, CinDetails } from './model.ts';
import { emptyCinDetails } from './model.ts';
import { CIN_RULES, CIN_RULES_BY_CODE } from './rules/index.ts';
import { workingDaysBefore } from './rules/rule.ts';
import { validateCensus } from './validate-census.ts';

type Change = (c: CinCensus) => void;
interface Case {
  fail: Change;
  pass: Change;
}

const A = (c: CinCensus) => c.children[0]!;
const B = (c: CinCensus) => c.children[1]!;
const C = (c: CinCensus) => c.children[2]!;
const D = (c: CinCensus) => c.children[3]!;
const cin0 = (child: CensusChild) => child.CINdetails[0]!;
const ass0 = (child: CensusChild) => cin0(child).Assessments[0]!;
const s47 = (child: CensusChild) => cin0(child).Section47[0]!;
const cpp = (child: CensusChild) => cin0(child).ChildProtectionPlans[0]!;
const plan = (child: CensusChild) => cin0(child).CINPlanDates[0]!;
const openCpp = (start: string, end: string | null = null, reviews: Array<string | null> = []) => ({
  CPPstartDate: start,
  CPPendDate: end,
  InitialCategoryOfAbuse: 'EMO',
  LatestCategoryOfAbuse: 'EMO',
  NumberOfPreviousCPP: '0',
  Reviews: reviews,
});
const extraCin = (fields: Partial<CinDetails>): CinDetails => ({ ...emptyCinDetails(), ReferralSource: '8', PrimaryNeedCode: 'N4', ReferralNFA: 'false', ...fields });
const REF = '2026-03-31';

const CASES: Record<string, Case> = {
  '100': { fail: (c) => void (c.header.ReferenceDate = '2026-03-30'), pass: (c) => void ((c.header.Year = '2026'), (c.header.ReferenceDate = REF)) },
  '1103': { fail: (c) => void (ass0(A(c)).AssessmentActualStartDate = '2025-04-30'), pass: (c) => void (ass0(A(c)).AssessmentActualStartDate = '2025-05-01') },
  '1104': { fail: (c) => void (s47(A(c)).DateOfInitialCPC = '2025-04-30'), pass: (c) => void (s47(A(c)).DateOfInitialCPC = '2025-05-01') },
  '1105': { fail: (c) => void (cpp(A(c)).CPPstartDate = '2025-04-30'), pass: (c) => void (cpp(A(c)).CPPstartDate = '2025-05-01') },
  '1510': { fail: (c) => void (A(c).UPN = 'Z201400115001'), pass: (c) => void (A(c).UPN = upn('20140011500A')) },
  '1520': { fail: (c) => void (D(c).UPN = A(c).UPN), pass: (c) => void (D(c).UPN = upn('201400116003')) },
  '1530': { fail: (c) => void (A(c).UPN = upn('899400115001')), pass: (c) => void (A(c).UPN = upn('001400115001')) },
  '1540': { fail: (c) => void (A(c).UPN = 'A2014001X5001'), pass: (c) => void (A(c).UPN = upn('201400115009')) },
  '1550': { fail: (c) => void (A(c).UPN = 'A20140011500I'), pass: (c) => void (A(c).UPN = upn('20140011500Z')) },
  '1560Q': { fail: (c) => void (A(c).FormerUPN = 'A12345'), pass: (c) => void (A(c).FormerUPN = upn('20140011500T')) },
  '1570': { fail: (c) => void (A(c).LAchildID = 'A'.repeat(21)), pass: (c) => void (A(c).LAchildID = 'A'.repeat(20)) },
  '1580': { fail: (c) => void (A(c).LAchildID = 'A-1'), pass: (c) => void (A(c).LAchildID = 'A1b2C3') },
  '2883': { fail: (c) => void (s47(A(c)).DateOfInitialCPC = null), pass: () => {} },
  '2884': { fail: (c) => void (cin0(A(c)).DateOfInitialCPC = '2025-05-21'), pass: (c) => void (cin0(A(c)).DateOfInitialCPC = '2025-05-22') },
  '2885': {
    fail: (c) => void (cpp(A(c)).CPPstartDate = '2025-05-22'),
    // No enquiry called this conference: the plan matches the one recorded on the episode (a transfer-in).
    pass: (c) => {
      cin0(A(c)).Section47 = [];
      cin0(A(c)).DateOfInitialCPC = '2025-05-21';
    },
  },
  '2886Q': { fail: (c) => [A(c), B(c), D(c)].forEach((x) => void (x.Sex = 'U')), pass: (c) => void (C(c).Sex = 'U') },
  '2887Q': {
    fail: (c) => {
      A(c).Disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD'];
      D(c).Disabilities = ['MOB'];
    },
    pass: (c) => {
      A(c).Disabilities = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD'];
      D(c).Disabilities = ['MOB', 'AUT', 'BEH'];
    },
  },
  '2888Q': {
    fail: (c) => {
      A(c).Disabilities = ['MOB'];
      D(c).Disabilities = ['AUT'];
    },
    pass: (c) => {
      A(c).Disabilities = ['MOB'];
      D(c).Disabilities = ['AUT', 'BEH'];
    },
  },
  '2889': { fail: (c) => void (s47(A(c)).S47ActualStartDate = '2025-04-30'), pass: (c) => void (s47(A(c)).S47ActualStartDate = '2025-05-01') },
  '2990': { fail: (c) => void (cin0(D(c)).ReasonForClosure = 'RC8'), pass: (c) => void (B(c).CINdetails[1]!.ReasonForClosure = 'RC9') },
  '2991Q': { fail: (c) => void (cin0(A(c)).Assessments = []), pass: (c) => void (cin0(D(c)).Section47 = []) },
  '4000': {
    fail: (c) => void (B(c).CINdetails[1]!.CINPlanDates = [{ CINPlanStartDate: '2025-09-01', CINPlanEndDate: '2025-09-01' }]),
    pass: (c) => void (B(c).CINdetails[1]!.ReferralNFA = '0'),
  },
  '4001': {
    fail: (c) => void cin0(A(c)).CINPlanDates.push({ CINPlanStartDate: '2025-06-01', CINPlanEndDate: null }),
    pass: (c) => void cin0(A(c)).CINPlanDates.push({ CINPlanStartDate: '2025-05-02', CINPlanEndDate: '2025-05-20' }),
  },
  '4003': {
    fail: (c) => void cin0(D(c)).ChildProtectionPlans.push(openCpp('2025-06-01', '2025-07-01', ['2025-06-15'])),
    // The review that ended the plan may fall inside the CIN plan.
    pass: (c) => void cin0(D(c)).ChildProtectionPlans.push(openCpp('2025-06-01', '2025-07-01', ['2025-07-01'])),
  },
  '4004': {
    fail: (c) => {
      plan(D(c)).CINPlanEndDate = null;
      cin0(D(c)).CINPlanDates.push({ CINPlanStartDate: '2025-12-01', CINPlanEndDate: null });
    },
    pass: (c) => void cin0(D(c)).CINPlanDates.push({ CINPlanStartDate: '2025-12-01', CINPlanEndDate: null }),
  },
  '4008': { fail: (c) => void (D(c).PersonDeathDate = '2025-05-20'), pass: (c) => void (D(c).PersonDeathDate = '2025-05-21') },
  '4009Q': { fail: (c) => void (D(c).PersonDeathDate = '2026-02-26'), pass: (c) => void (D(c).PersonDeathDate = '2026-02-27') },
  '4010': { fail: (c) => void (plan(D(c)).CINPlanStartDate = '2026-04-01'), pass: (c) => void (plan(D(c)).CINPlanStartDate = REF) },
  '4011': { fail: (c) => void (plan(D(c)).CINPlanEndDate = '2025-05-20'), pass: (c) => void (plan(D(c)).CINPlanEndDate = '2025-05-21') },
  '4012Q': { fail: (c) => void (plan(D(c)).CINPlanEndDate = '2025-05-21'), pass: (c) => void (plan(D(c)).CINPlanEndDate = '2025-05-22') },
  '4013': { fail: (c) => void (plan(D(c)).CINPlanEndDate = '2026-04-01'), pass: (c) => void (plan(D(c)).CINPlanEndDate = REF) },
  '4014': {
    fail: (c) => void cin0(D(c)).CINPlanDates.push({ CINPlanStartDate: '2026-02-27', CINPlanEndDate: '2026-03-10' }),
    pass: (c) => void cin0(D(c)).CINPlanDates.push({ CINPlanStartDate: '2026-02-28', CINPlanEndDate: '2026-03-10' }),
  },
  '4015': { fail: (c) => void (plan(D(c)).CINPlanStartDate = '2025-04-06'), pass: (c) => void (plan(D(c)).CINPlanStartDate = '2025-04-07') },
  '4016': {
    fail: (c) => void cin0(A(c)).CINPlanDates.push({ CINPlanStartDate: '2025-06-01', CINPlanEndDate: '2025-07-01' }),
    pass: (c) => {
      cpp(A(c)).CPPendDate = '2025-09-01';
      cin0(A(c)).CINPlanDates.push({ CINPlanStartDate: '2025-09-01', CINPlanEndDate: null });
    },
  },
  '4017': {
    fail: (c) => void cin0(D(c)).ChildProtectionPlans.push(openCpp('2025-06-02')),
    pass: (c) => void cin0(D(c)).ChildProtectionPlans.push(openCpp('2026-02-27')),
  },
  '4180': { fail: (c) => void (A(c).Sex = '1'), pass: (c) => void (A(c).Sex = 'U') },
  '4220': { fail: (c) => void (A(c).Ethnicity = null), pass: (c) => void (A(c).Ethnicity = 'REFU') },
  '8500': { fail: (c) => void (A(c).LAchildID = null), pass: (c) => void (A(c).LAchildID = 'A9') },
  '8510': { fail: (c) => void (D(c).LAchildID = 'A1'), pass: (c) => void (D(c).LAchildID = 'A2') },
  '8520': { fail: (c) => void (A(c).PersonBirthDate = '2026-04-01'), pass: (c) => void (A(c).PersonBirthDate = REF) },
  '8525Q': { fail: (c) => void (A(c).ExpectedPersonBirthDate = '2015-06-01'), pass: (c) => void (C(c).ExpectedPersonBirthDate = '2026-06-01') },
  '8530Q': { fail: (c) => void (C(c).ExpectedPersonBirthDate = '2026-03-01'), pass: (c) => void (C(c).ExpectedPersonBirthDate = '2026-03-02') },
  '8535Q': { fail: (c) => void (A(c).PersonDeathDate = '2015-06-09'), pass: (c) => void (A(c).PersonDeathDate = '2015-06-10') },
  '8540': { fail: (c) => void (A(c).Disabilities = []), pass: (c) => void (B(c).Disabilities = ['NONE']) },
  '8545Q': { fail: (c) => void (A(c).PersonDeathDate = '2025-03-31'), pass: (c) => void (A(c).PersonDeathDate = '2025-04-01') },
  '8555Q': { fail: (c) => void (B(c).PersonDeathDate = '2025-08-31'), pass: (c) => void (B(c).PersonDeathDate = '2025-09-01') },
  '8565': { fail: (c) => void (cin0(D(c)).CINclosureDate = '2026-02-26'), pass: (c) => void (cin0(D(c)).CINclosureDate = '2026-02-27') },
  '8568': { fail: (c) => void (cin0(A(c)).ReferralNFA = 'no'), pass: (c) => void (cin0(A(c)).ReferralNFA = 'FALSE') },
  '8569Q': {
    fail: (c) => void (cin0(B(c)).ReferralNFA = 'true'),
    // Referred on the last working day before the year (Monday 31 March 2025): allowed.
    pass: (c) => {
      cin0(B(c)).ReferralNFA = 'true';
      cin0(B(c)).CINreferralDate = '2025-03-31';
    },
  },
  '8585Q': {
    fail: (c) => void (cin0(B(c)).ReasonForClosure = 'RC2'),
    pass: (c) => {
      cin0(B(c)).ReasonForClosure = 'RC2';
      B(c).PersonDeathDate = '2025-06-30';
    },
  },
  '8590': { fail: (c) => void (D(c).CINdetails = []), pass: () => {} },
  '8600': { fail: (c) => void (cin0(A(c)).CINreferralDate = '2026-04-01'), pass: (c) => void (cin0(A(c)).CINreferralDate = REF) },
  '8606': { fail: (c) => void (cin0(C(c)).CINreferralDate = '2025-08-02'), pass: (c) => void (cin0(C(c)).CINreferralDate = '2025-08-03') },
  '8608': { fail: (c) => void (ass0(A(c)).AssessmentAuthorisationDate = '2025-05-01'), pass: (c) => void (ass0(A(c)).AssessmentAuthorisationDate = '2025-05-02') },
  '8610': { fail: (c) => void (cin0(A(c)).PrimaryNeedCode = null), pass: (c) => void (B(c).CINdetails[1]!.PrimaryNeedCode = null) },
  '8614': { fail: (c) => void (ass0(C(c)).AssessmentFactors = ['3A']), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['3A']) },
  '8615': { fail: (c) => void (s47(A(c)).S47ActualStartDate = '2025-05-22'), pass: (c) => void (s47(A(c)).S47ActualStartDate = '2025-05-21') },
  '8620': { fail: (c) => void (cin0(D(c)).CINclosureDate = '2026-04-01'), pass: (c) => void (cin0(D(c)).CINclosureDate = REF) },
  '8630': { fail: (c) => void (cin0(D(c)).CINclosureDate = '2025-04-06'), pass: (c) => void (cin0(D(c)).CINclosureDate = '2025-04-07') },
  '8640': { fail: (c) => void (cin0(D(c)).ReasonForClosure = 'RC10'), pass: (c) => void (cin0(D(c)).ReasonForClosure = 'RC6') },
  '8650': { fail: (c) => void (cin0(A(c)).PrimaryNeedCode = 'N10'), pass: (c) => void (cin0(A(c)).PrimaryNeedCode = 'N0') },
  '8670Q': {
    fail: (c) => void (ass0(C(c)).AssessmentActualStartDate = '2026-01-13'),
    pass: (c) => void (ass0(C(c)).AssessmentActualStartDate = workingDaysBefore(REF, 45)),
  },
  '8675Q': {
    fail: (c) => void (s47(A(c)).DateOfInitialCPC = null),
    pass: (c) => {
      s47(A(c)).DateOfInitialCPC = null;
      s47(A(c)).S47ActualStartDate = workingDaysBefore(REF, 15);
    },
  },
  '8696': { fail: (c) => void (ass0(A(c)).AssessmentAuthorisationDate = '2026-04-01'), pass: (c) => void (ass0(A(c)).AssessmentAuthorisationDate = REF) },
  '8715': { fail: (c) => void (s47(A(c)).DateOfInitialCPC = '2026-04-01'), pass: (c) => void (s47(A(c)).DateOfInitialCPC = REF) },
  '8720': { fail: (c) => void (cpp(A(c)).CPPstartDate = null), pass: (c) => void (cpp(A(c)).CPPstartDate = REF) },
  '8730': { fail: (c) => void (cpp(A(c)).NumberOfPreviousCPP = '-1'), pass: (c) => void (cpp(A(c)).NumberOfPreviousCPP = '12') },
  '8736': { fail: (c) => void (ass0(C(c)).AssessmentActualStartDate = '2025-03-31'), pass: (c) => void (ass0(C(c)).AssessmentActualStartDate = '2025-04-01') },
  '8740': {
    fail: (c) => {
      s47(A(c)).DateOfInitialCPC = null;
      s47(A(c)).S47ActualStartDate = '2025-03-31';
    },
    pass: (c) => {
      s47(A(c)).DateOfInitialCPC = null;
      s47(A(c)).S47ActualStartDate = '2025-04-01';
    },
  },
  '8750': { fail: (c) => void (C(c).Sex = 'F'), pass: (c) => void (A(c).Sex = 'F') },
  '8770Q': {
    fail: (c) => {
      D(c).UPN = null;
      D(c).UPNunknown = 'UN1';
    },
    pass: (c) => {
      D(c).UPN = null;
      D(c).UPNunknown = 'UN5';
    },
  },
  '8772': {
    fail: (c) => void (A(c).UPNunknown = 'UN7'),
    pass: (c) => {
      B(c).UPNunknown = 'UN7';
      cin0(B(c)).ReferralNFA = '1';
    },
  },
  '8775Q': { fail: (c) => void (A(c).PersonBirthDate = '2000-01-01'), pass: (c) => void (A(c).PersonBirthDate = '2001-03-31') },
  '8790': { fail: (c) => void (B(c).Disabilities = ['NONE', 'MOB']), pass: (c) => void (B(c).Disabilities = ['NONE']) },
  '8794': { fail: (c) => void (D(c).Disabilities = ['AUT', 'AUT']), pass: (c) => void (D(c).Disabilities = ['AUT', 'MOB']) },
  '8805': { fail: (c) => void (cin0(D(c)).ReasonForClosure = null), pass: () => {} },
  '8810': { fail: (c) => void (cin0(A(c)).ReasonForClosure = 'RC7'), pass: () => {} },
  '8815': {
    fail: (c) => void A(c).CINdetails.push(extraCin({ CINreferralDate: '2026-01-05' })),
    // Open referrals with no further action may be many.
    pass: (c) => void A(c).CINdetails.push(extraCin({ CINreferralDate: '2026-01-05', ReferralNFA: 'true', PrimaryNeedCode: null })),
  },
  '8816': {
    fail: (c) => void A(c).CINdetails.push(extraCin({ CINreferralDate: '2025-12-01', CINclosureDate: '2025-12-05', ReasonForClosure: 'RC7' })),
    pass: (c) => void A(c).CINdetails.unshift(extraCin({ CINreferralDate: '2025-04-01', CINclosureDate: '2025-04-10', ReasonForClosure: 'RC7' })),
  },
  '8820': { fail: (c) => void (B(c).CINdetails[1]!.CINreferralDate = '2025-06-29'), pass: (c) => void (B(c).CINdetails[1]!.CINreferralDate = '2025-06-30') },
  '8825Q': { fail: (c) => void (cin0(B(c)).ReasonForClosure = 'RC8'), pass: (c) => void (cin0(D(c)).ReasonForClosure = 'RC9') },
  '8831': {
    fail: (c) => void B(c).CINdetails[1]!.Assessments.push({ AssessmentActualStartDate: '2025-09-01', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] }),
    pass: (c) => {
      B(c).CINdetails[1]!.ReferralNFA = 'false';
      B(c).CINdetails[1]!.Assessments.push({ AssessmentActualStartDate: '2025-09-01', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] });
    },
  },
  '8832': { fail: (c) => void B(c).CINdetails[1]!.ChildProtectionPlans.push(openCpp('2025-09-01')), pass: (c) => void cin0(B(c)).ChildProtectionPlans.push(openCpp('2025-06-30', '2025-06-30')) },
  '8839': {
    fail: (c) => void cin0(A(c)).Section47.push(
      { S47ActualStartDate: '2025-06-01', InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: 'false' },
      { S47ActualStartDate: '2025-07-01', InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: 'false' },
    ),
    pass: (c) => void cin0(A(c)).Section47.push(
      { S47ActualStartDate: '2025-06-01', InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: 'true' },
      { S47ActualStartDate: '2025-07-01', InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: 'false' },
    ),
  },
  '8840': { fail: (c) => void (cpp(A(c)).CPPendDate = '2025-05-21'), pass: (c) => void (cpp(A(c)).CPPendDate = '2025-05-22') },
  '8841': { fail: (c) => void (cpp(A(c)).Reviews = ['2025-05-21']), pass: (c) => void (cpp(A(c)).Reviews = ['2025-05-22']) },
  '8842Q': { fail: (c) => void (cpp(A(c)).Reviews = ['2025-08-20', null]), pass: (c) => void (cpp(A(c)).Reviews = []) },
  '8863Q': {
    fail: (c) => void cin0(A(c)).Assessments.push({ AssessmentActualStartDate: '2025-06-10', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: '2025-07-01', AssessmentFactors: ['3A'] }),
    pass: (c) => void cin0(A(c)).Assessments.push({ AssessmentActualStartDate: '2025-06-11', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: '2025-07-01', AssessmentFactors: ['3A'] }),
  },
  '8866': { fail: (c) => void (cin0(A(c)).ReferralSource = '11'), pass: (c) => void (cin0(A(c)).ReferralSource = '10') },
  '8867': { fail: (c) => void (ass0(D(c)).AssessmentAuthorisationDate = null), pass: (c) => void (ass0(A(c)).AssessmentAuthorisationDate = null) },
  '8868': {
    fail: (c) => void (s47(D(c)).ICPCnotRequired = 'false'),
    pass: (c) => {
      s47(D(c)).ICPCnotRequired = 'false';
      s47(D(c)).DateOfInitialCPC = '2025-04-23';
    },
  },
  '8869': { fail: (c) => void (ass0(A(c)).AssessmentFactors = ['21', '3A']), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['21']) },
  '8870Q': { fail: (c) => void (s47(A(c)).InitialCPCtarget = '2025-05-24'), pass: (c) => void (s47(A(c)).InitialCPCtarget = '2025-05-23') },
  '8873Q': {
    fail: (c) => void (ass0(D(c)).AssessmentFactors = ['21']),
    pass: (c) => {
      ass0(D(c)).AssessmentFactors = ['21'];
      cin0(D(c)).ReasonForClosure = 'RC8';
    },
  },
  '8875': { fail: (c) => void (s47(A(c)).DateOfInitialCPC = '2025-05-24'), pass: (c) => void (s47(A(c)).DateOfInitialCPC = '2025-05-23') },
  '8890': {
    fail: (c) => void cin0(A(c)).Section47.push({ S47ActualStartDate: '2025-05-21', InitialCPCtarget: null, DateOfInitialCPC: '2025-06-10', ICPCnotRequired: 'false' }),
    pass: (c) => void cin0(A(c)).Section47.push({ S47ActualStartDate: '2025-05-22', InitialCPCtarget: null, DateOfInitialCPC: '2025-06-10', ICPCnotRequired: 'false' }),
  },
  '8896': {
    fail: (c) => void cin0(C(c)).Assessments.push({ AssessmentActualStartDate: '2026-03-03', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] }),
    pass: (c) => void cin0(C(c)).Assessments.push({ AssessmentActualStartDate: '2026-03-03', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: '2026-03-20', AssessmentFactors: ['1B'] }),
  },
  '8897Q': { fail: (c) => void (ass0(A(c)).AssessmentFactors = []), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['18A']) },
  '8898': { fail: (c) => void (ass0(A(c)).AssessmentFactors = ['3A', '3A']), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['3A', '3B']) },
  '8905': { fail: (c) => void (cpp(A(c)).InitialCategoryOfAbuse = 'ABC'), pass: (c) => void (cpp(A(c)).InitialCategoryOfAbuse = 'MUL') },
  '8910': { fail: (c) => void (cpp(A(c)).LatestCategoryOfAbuse = null), pass: (c) => void (cpp(A(c)).LatestCategoryOfAbuse = 'SAB') },
  '8915': { fail: (c) => void (A(c).PersonDeathDate = '2025-05-20'), pass: (c) => void (A(c).PersonDeathDate = '2025-05-21') },
  '8920': {
    fail: (c) => {
      cpp(A(c)).CPPendDate = '2025-09-01';
      A(c).PersonDeathDate = '2025-08-31';
    },
    pass: (c) => {
      cpp(A(c)).CPPendDate = '2025-09-01';
      A(c).PersonDeathDate = '2025-09-01';
    },
  },
  '8925': { fail: (c) => void (cpp(A(c)).CPPendDate = '2025-05-20'), pass: (c) => void (cpp(A(c)).CPPendDate = '2025-05-22') },
  '8930': { fail: (c) => void (cpp(A(c)).CPPendDate = '2026-04-01'), pass: (c) => void (cpp(A(c)).CPPendDate = REF) },
  '8935': {
    fail: (c) => void cin0(A(c)).ChildProtectionPlans.push(openCpp('2025-10-01')),
    pass: (c) => void cin0(A(c)).ChildProtectionPlans.push(openCpp('2025-04-02', '2025-04-20')),
  },
  '8940': {
    fail: (c) => void cin0(A(c)).ChildProtectionPlans.push(openCpp('2025-04-02', '2025-05-21')),
    pass: (c) => void cin0(A(c)).ChildProtectionPlans.push(openCpp('2025-04-02', '2025-05-20')),
  },
  '8945Q': { fail: (c) => void (ass0(A(c)).AssessmentFactors = ['18A']), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['18B', '18C']) },
  '8950Q': { fail: (c) => void (ass0(A(c)).AssessmentFactors = ['19A']), pass: (c) => void (ass0(A(c)).AssessmentFactors = ['19B', '19C']) },
};

/** The cin2025_26 rule codes (statutory-returns.md, Appendix A). */
const DFE_CODES =
  '100 1103 1104 1105 1510 1520 1530 1540 1550 1560Q 1570 1580 2883 2884 2885 2886Q 2887Q 2888Q 2889 2990 2991Q 4000 4001 4003 4004 4008 4009Q 4010 4011 ' +
  '4012Q 4013 4014 4015 4016 4017 4180 4220 8500 8510 8520 8525Q 8530Q 8535Q 8540 8545Q 8555Q 8565 8568 8569Q 8585Q 8590 8600 8606 8608 8610 8614 8615 ' +
  '8620 8630 8640 8650 8670Q 8675Q 8696 8715 8720 8730 8736 8740 8750 8770Q 8772 8775Q 8790 8794 8805 8810 8815 8816 8820 8825Q 8831 8832 8839 8840 8841 ' +
  '8842Q 8863Q 8866 8867 8868 8869 8870Q 8873Q 8875 8890 8896 8897Q 8898 8905 8910 8915 8920 8925 8930 8935 8940 8945Q 8950Q';

const findingsOf = (code: string, change: Change) => {
  const census = cleanCensus();
  change(census);
  return validateCensus(census, [CIN_RULES_BY_CODE.get(code)!]);
};

describe('the CIN rules for 2025/26', () => {
  it('are the DfE’s 109: 83 errors and 26 queries, a query’s code ending in Q', () => {
    expect(CIN_RULES.map((r) => r.code).sort()).toEqual(DFE_CODES.split(' ').sort());
    expect(CIN_RULES.filter((r) => r.type === 'Error')).toHaveLength(83);
    for (const r of CIN_RULES) expect(r.type === 'Query').toBe(r.code.endsWith('Q'));
  });

  it('find nothing wrong with the clean census the examples start from', () => {
    expect(validateCensus(cleanCensus())).toEqual([]);
  });

  it('each have a failing and a passing example here', () => {
    expect(Object.keys(CASES).sort()).toEqual(CIN_RULES.map((r) => r.code).sort());
  });

  for (const rule of CIN_RULES) {
    describe(`${rule.code} (${rule.type})`, () => {
      const examples = CASES[rule.code]!;
      it('fails its failing example', () => {
        const found = findingsOf(rule.code, examples.fail);
        expect(found.length).toBeGreaterThan(0);
        for (const f of found) expect(f).toMatchObject({ rule: rule.code, type: rule.type, message: rule.message, module: rule.module });
      });
      it('passes its passing example', () => {
        expect(findingsOf(rule.code, examples.pass)).toEqual([]);
      });
    });
  }
});

describe('findings', () => {
  it('name the child, the field and the CINdetails', () => {
    const census = cleanCensus();
    census.children[3]!.CINdetails[0]!.CINPlanDates[0]!.CINPlanEndDate = '2025-05-20';
    const [f] = validateCensus(census, [CIN_RULES_BY_CODE.get('4011')!]);
    expect(f).toEqual({
      rule: '4011', type: 'Error', module: 'CINplanDates', childId: 'D4', field: 'CINPlanEndDate',
      message: 'CIN Plan End Date earlier than Start Date', cinDetailsIndex: 1, location: 'CINPlanDates 1', value: '2025-05-20',
    });
  });

  it('are for the whole return (no child) when the rule is at LA level', () => {
    const census = cleanCensus();
    for (const c of census.children) c.Disabilities = ['NONE'];
    const found = validateCensus(census, [CIN_RULES_BY_CODE.get('2887Q')!]);
    expect(found).toEqual([expect.objectContaining({ rule: '2887Q', childId: null, field: 'Disability' })]);
  });

  it('check activity after closure against a CP plan’s end too', () => {
    const census = cleanCensus();
    census.children[3]!.CINdetails[0]!.ChildProtectionPlans.push(openCpp('2025-04-09', '2026-03-01'));
    const found = validateCensus(census, [CIN_RULES_BY_CODE.get('8565')!]);
    expect(found).toEqual([expect.objectContaining({ field: 'CPPendDate', childId: 'D4', value: '2026-03-01' })]);
  });
});
