// The eleven Annex A lists: sheet names and column headers exactly as the Ofsted template has them
// (SocialFinanceDigitalLabs/liia-tools liiatools/spec/annex_a/annex-a-merge.yml, which checks councils'
// files against the template's headers), each column's type, and each list's period.
import { addDays, addMonths, type IsoDate } from '../../platform/calendar/calendar.ts';

export type ColumnType = 'text' | 'date' | 'integer';
export type Cell = string | number | null;

export interface Column {
  header: string;
  type: ColumnType;
  width: number;
}

export interface ListDefinition {
  /** 1 to 11. */
  number: number;
  sheet: string;
  title: string;
  /** How far back the list looks: 6 or 12 months before the as-of date. */
  months: 6 | 12;
  scope: string;
  columns: Column[];
}

export interface AnnexAList extends ListDefinition {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  rows: Cell[][];
}

export interface AnnexA {
  asOf: IsoDate;
  lists: AnnexAList[];
}

const text = (header: string, width = 18): Column => ({ header, type: 'text', width });
const date = (header: string): Column => ({ header, type: 'date', width: 14 });
const int = (header: string): Column => ({ header, type: 'integer', width: 12 });

const CHILD = [text('Child Unique ID', 16), text('Gender', 22), text('Ethnicity', 12), date('Date of Birth'), int('Age of Child (Years)')];
const DISABILITY = text('Does the Child have a Disability', 12);
const ALLOCATED = [text('Allocated Team', 26), text('Allocated Worker', 24)];

export const LISTS: ListDefinition[] = [
  {
    number: 1, sheet: 'List 1', title: 'Contacts', months: 6,
    scope: 'Every contact in the six months before the as-of date, one row per child per contact.',
    columns: [...CHILD, date('Date of Contact'), text('Contact Source', 24)],
  },
  {
    number: 2, sheet: 'List 2', title: 'Early help', months: 6,
    scope: 'Early help assessments (episodes) open at some point in the six months, current ones included.',
    columns: [...CHILD, date('Assessment start date'), date('Assessment completion date'), text('Organisation completing assessment', 30)],
  },
  {
    number: 3, sheet: 'List 3', title: 'Referrals', months: 6,
    scope: 'Every referral in the six months; a child with several referrals appears once for each.',
    columns: [...CHILD, date('Date of referral'), text('Referral Source', 24), text('Referral NFA?', 10), int('Number of Referrals in Last 12 Months'), ...ALLOCATED],
  },
  {
    number: 4, sheet: 'List 4', title: 'Assessments', months: 6,
    scope: 'Child and family assessments open at some point in the six months: started by the as-of date and not authorised before the period began.',
    columns: [
      ...CHILD, DISABILITY, date('Continuous Assessment Start Date'), text('Child Seen During Continuous Assessment', 12), date('Continuous Assessment Date of Authorisation'),
      text("Was the child assessed as requiring LA children's social care support?", 14), ...ALLOCATED,
    ],
  },
  {
    number: 5, sheet: 'List 5', title: 'Section 47 enquiries and ICPCs', months: 6,
    scope: 'Section 47 enquiries going on at some point in the six months (still open ones included), one row per enquiry.',
    columns: [
      ...CHILD, DISABILITY, date('Strategy discussion initiating Section 47 Enquiry Start Date'), text('Was an Initial Child Protection Conference deemed unnecessary?', 14),
      date('Date of Initial Child Protection Conference'), text('Did the Initial Child Protection Conference Result in a Child Protection Plan', 14),
      int('Number of Section 47 Enquiries in the last 12 months'), int('Number of ICPCs in the last 12 months'), ...ALLOCATED,
    ],
  },
  {
    number: 6, sheet: 'List 6', title: 'Children in need', months: 6,
    scope: 'Children in need open at the as-of date or at some point in the six months, one row per child (their latest referral); not referrals that ended in no further action, nor care leavers on List 9.',
    columns: [
      ...CHILD, DISABILITY, date('CIN Start Date'), text('Primary Need Code', 24), date('Date Child Was Last Seen'), date('CIN Closure Date'), text('Reason for Closure', 24),
      text('Case Status', 24), ...ALLOCATED,
    ],
  },
  {
    number: 7, sheet: 'List 7', title: 'Child protection', months: 6,
    scope: 'Children on a child protection plan at the as-of date, or whose plan ended in the six months, one row per child (their latest plan); another authority’s plans are left out.',
    columns: [
      ...CHILD, DISABILITY, date('Child Protection Plan Start Date'), text('Initial Category of Abuse', 20), text('Latest Category of Abuse', 20),
      date('Date of the Last Statutory Visit'), text('Was the Child Seen Alone?', 12), date('Date of latest review conference'), date('Child Protection Plan End Date'),
      text('Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)', 16), int('Number of Previous Child Protection Plans'), ...ALLOCATED,
    ],
  },
  {
    number: 8, sheet: 'List 8', title: 'Children in care', months: 6,
    scope: 'Children looked after at the as-of date, or who ceased to be looked after in the six months, one row per child (their latest period of care); not children looked after only under short breaks (V3, V4).',
    columns: [
      ...CHILD, text('Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', 12), DISABILITY, date('Date Started to be Looked After'),
      text("Child's Category of Need", 24), text('Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)', 14),
      date('Start date of current legal status'), text("Child's Legal Status", 22), date('Date of Latest Statutory Review'), date('Date of Last Social Work Visit'),
      text('What is the permanence plan for this child?', 22), date('Date of Last IRO Visit / Contact to the Child'), date('Date of Last Health Assessment'),
      date('Date of Last Dental Check'), int('Number of Placements in the Last 12 months'), date('Date Ceased to be Looked After'), text('Reason Ceased to be Looked After', 26),
      date('Start Date of Most Recent Placement'), text('Placement Type', 28), text('Placement Provider', 24), text('Placement postcode', 12), text('URN of Placement', 12),
      text('Placement Location', 10), text('LA of Placement', 16),
      int("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"),
      int("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"),
      text('Was the child offered a Return Interview after their last missing episode (Y/N)?', 12),
      text('Did the child accept a Return Interview after their last missing episode (Y/N)?', 12), ...ALLOCATED,
    ],
  },
  {
    number: 9, sheet: 'List 9', title: 'Care leavers', months: 6,
    scope: 'Care leavers entitled at the as-of date: the latest care-leaver record is relevant, former relevant, qualifying or eligible, and the young person is 16 to 25.',
    columns: [...CHILD, DISABILITY, ...ALLOCATED, text('Eligibility Category', 22), text('LA in Touch', 10), text('Type of Accommodation', 26), text('Suitability of Accommodation', 14), text('Activity Status', 30)],
  },
  {
    number: 10, sheet: 'List 10', title: 'Adoption', months: 12,
    scope: 'Children with a decision that they should be placed for adoption that was in force at some point in the twelve months: adopted in the period, still waiting, or the decision reversed in the period.',
    columns: [
      text('Child Unique ID', 16), text('Family identifier', 14), text('Gender', 22), text('Ethnicity', 12), date('Date of Birth'), int('Age of Child (Years)'), DISABILITY,
      date('Date the Child Entered Care'), date('Date of Decision that Child Should be Placed for Adoption'), date('Date of Placement Order'),
      date('Date of Matching Child and Prospective Adopters'), date('Date Placed for Adoption'), date('Date of Adoption Order'),
      date('Date of Decision that Child Should No Longer be Placed for Adoption'), text('Reason Why Child No Longer Placed for Adoption', 26),
      date('Date the child was placed for fostering in FFA or concurrent planning placement'),
    ],
  },
  {
    number: 11, sheet: 'List 11', title: 'Adopters', months: 12,
    scope: 'Prospective adopters of the council’s own adoption agency in contact with it in the twelve months (an enquiry by the as-of date, not left the process nor adopted before the twelve months began), one row per adopter.',
    columns: [
      text('Individual adopter identifier', 16), text('Family identifier', 14), text('Gender', 22), text('Ethnicity', 12), text('Disability', 10),
      text('Is the (prospective) adopter fostering for adoption?', 12), date('Date enquiry received'), date('Date Stage 1 started'), date('Date Stage 1 ended'),
      date('Date Stage 2 started'), date('Date Stage 2 ended'), date('Date application submitted'), date('Date application approved'),
      date('Date adopter matched with child(ren)'), date('Date child/children placed with adopter(s)'), int('No. of children placed'), date('Date of Adoption Order'),
      date('Date of leaving adoption process'), text('Reason for leaving adoption process', 22),
    ],
  },
];

/**
 * The months ending on the as-of date: from the day after the same date `months` months earlier, to the
 * as-of date, both ends inclusive (as of 2026-03-31, six months are 2025-10-01 to 2026-03-31), the way
 * INTERFACES.md defines the indicators' twelve months.
 */
export function periodStart(asOf: IsoDate, months: number): IsoDate {
  return addDays(addMonths(asOf, -months), 1);
}
