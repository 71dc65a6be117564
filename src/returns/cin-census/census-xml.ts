// The CIN census as XML, both ways. Writing follows the DfE schema's element order exactly (the XSD is
// a sequence, so order matters); reading accepts any order and keeps every value as text, so that the
// rules, not the reader, say what is missing or invalid. Only a file that is not XML, has no
// <Message><Children>, or holds a date that is not a date is refused outright.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { isIsoDate } from '../../platform/calendar/calendar.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import type { Assessment, CensusChild, CensusHeader, ChildProtectionPlan, CinCensus, CinDetails, CinPlanDates, Section47 } from './model.ts';

// ---------------------------------------------------------------- writing

type Node = { [element: string]: string | Node | Array<string | Node> };

/** Adds `value` under `name` unless it is null or an empty list: absent elements are left out. */
function put(node: Node, name: string, value: string | null | Node | Array<string | Node>): void {
  if (value === null) return;
  if (Array.isArray(value) && value.length === 0) return;
  node[name] = value;
}

function headerNode(h: CensusHeader): Node {
  const details: Node = {};
  put(details, 'Collection', h.Collection);
  put(details, 'Year', h.Year);
  put(details, 'ReferenceDate', h.ReferenceDate);
  const source: Node = {};
  put(source, 'SourceLevel', h.SourceLevel);
  put(source, 'LEA', h.LEA ?? '');
  put(source, 'SoftwareCode', h.SoftwareCode);
  put(source, 'Release', h.Release);
  put(source, 'SerialNo', h.SerialNo);
  put(source, 'DateTime', h.DateTime);
  return { CollectionDetails: details, Source: source };
}

function assessmentNode(a: Assessment): Node {
  const n: Node = {};
  put(n, 'AssessmentActualStartDate', a.AssessmentActualStartDate);
  put(n, 'AssessmentInternalReviewDate', a.AssessmentInternalReviewDate);
  put(n, 'AssessmentAuthorisationDate', a.AssessmentAuthorisationDate);
  if (a.AssessmentFactors.length > 0) n.FactorsIdentifiedAtAssessment = { AssessmentFactors: [...a.AssessmentFactors] };
  return n;
}

function planNode(p: CinPlanDates): Node {
  const n: Node = {};
  put(n, 'CINPlanStartDate', p.CINPlanStartDate);
  put(n, 'CINPlanEndDate', p.CINPlanEndDate);
  return n;
}

function s47Node(s: Section47): Node {
  const n: Node = {};
  put(n, 'S47ActualStartDate', s.S47ActualStartDate);
  put(n, 'InitialCPCtarget', s.InitialCPCtarget);
  put(n, 'DateOfInitialCPC', s.DateOfInitialCPC);
  put(n, 'ICPCnotRequired', s.ICPCnotRequired);
  return n;
}

function cppNode(c: ChildProtectionPlan): Node {
  const n: Node = {};
  put(n, 'CPPstartDate', c.CPPstartDate);
  put(n, 'CPPendDate', c.CPPendDate);
  put(n, 'InitialCategoryOfAbuse', c.InitialCategoryOfAbuse);
  put(n, 'LatestCategoryOfAbuse', c.LatestCategoryOfAbuse);
  put(n, 'NumberOfPreviousCPP', c.NumberOfPreviousCPP);
  if (c.Reviews.length > 0) n.Reviews = { CPPreviewDate: c.Reviews.map((r) => r ?? '') };
  return n;
}

function cinNode(c: CinDetails): Node {
  const n: Node = {};
  put(n, 'CINreferralDate', c.CINreferralDate);
  put(n, 'ReferralSource', c.ReferralSource);
  put(n, 'PrimaryNeedCode', c.PrimaryNeedCode);
  put(n, 'CINclosureDate', c.CINclosureDate);
  put(n, 'ReasonForClosure', c.ReasonForClosure);
  put(n, 'DateOfInitialCPC', c.DateOfInitialCPC);
  put(n, 'Assessments', c.Assessments.map(assessmentNode));
  put(n, 'CINPlanDates', c.CINPlanDates.map(planNode));
  put(n, 'Section47', c.Section47.map(s47Node));
  put(n, 'ReferralNFA', c.ReferralNFA);
  put(n, 'ChildProtectionPlans', c.ChildProtectionPlans.map(cppNode));
  return n;
}

function childNode(c: CensusChild): Node {
  const ids: Node = {};
  put(ids, 'LAchildID', c.LAchildID);
  put(ids, 'UPN', c.UPN);
  put(ids, 'FormerUPN', c.FormerUPN);
  put(ids, 'UPNunknown', c.UPNunknown);
  put(ids, 'PersonBirthDate', c.PersonBirthDate);
  put(ids, 'ExpectedPersonBirthDate', c.ExpectedPersonBirthDate);
  put(ids, 'Sex', c.Sex);
  put(ids, 'PersonDeathDate', c.PersonDeathDate);
  const characteristics: Node = {};
  put(characteristics, 'Ethnicity', c.Ethnicity);
  if (c.Disabilities.length > 0) characteristics.Disabilities = { Disability: [...c.Disabilities] };
  const n: Node = { ChildIdentifiers: ids, ChildCharacteristics: characteristics };
  put(n, 'CINdetails', c.CINdetails.map(cinNode));
  return n;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** The census as the DfE's XML, elements in schema order, UTF-8 with a declaration. */
export function censusToXml(census: CinCensus): string {
  const message: Node = { Header: headerNode(census.header), Children: { Child: census.children.map(childNode) } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Message: message })}`;
}

// ---------------------------------------------------------------- reading

const REPEATED = new Set([
  'Source', 'Child', 'CINdetails', 'Assessments', 'CINPlanDates', 'Section47', 'ChildProtectionPlans',
  'Disability', 'AssessmentFactors', 'Reviews', 'CPPreviewDate',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => REPEATED.has(name),
});

type Parsed = Record<string, unknown>;

function asObject(v: unknown): Parsed {
  if (Array.isArray(v)) return asObject(v[0]);
  return v !== null && typeof v === 'object' ? (v as Parsed) : {};
}

function asList(v: unknown): Parsed[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(asObject);
}

function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function textsOf(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(textOf).filter((t): t is string => t !== null);
}

class Reader {
  readonly problems: FieldError[] = [];
  child = '(header)';

  text(node: Parsed, name: string): string | null {
    return textOf(node[name]);
  }

  /** A date element: YYYY-MM-DD (a time zone suffix, which xs:date allows, is dropped). */
  date(node: Parsed, name: string): string | null {
    const raw = textOf(node[name]);
    return raw === null ? null : this.dateValue(raw, name);
  }

  dateValue(raw: string, name: string): string | null {
    const value = raw.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
    if (isIsoDate(value)) return value;
    this.problems.push({ field: `${this.child} ${name}`, message: `"${raw}" is not a date (YYYY-MM-DD)` });
    return null;
  }
}

function readHeader(node: Parsed, r: Reader): CensusHeader {
  const details = asObject(node.CollectionDetails);
  const source = asObject(node.Source);
  return {
    Collection: r.text(details, 'Collection'),
    Year: r.text(details, 'Year'),
    ReferenceDate: r.date(details, 'ReferenceDate'),
    SourceLevel: r.text(source, 'SourceLevel'),
    LEA: r.text(source, 'LEA'),
    SoftwareCode: r.text(source, 'SoftwareCode'),
    Release: r.text(source, 'Release'),
    SerialNo: r.text(source, 'SerialNo'),
    DateTime: r.text(source, 'DateTime'),
  };
}

function readCin(node: Parsed, r: Reader): CinDetails {
  return {
    CINreferralDate: r.date(node, 'CINreferralDate'),
    ReferralSource: r.text(node, 'ReferralSource'),
    PrimaryNeedCode: r.text(node, 'PrimaryNeedCode'),
    CINclosureDate: r.date(node, 'CINclosureDate'),
    ReasonForClosure: r.text(node, 'ReasonForClosure'),
    DateOfInitialCPC: r.date(node, 'DateOfInitialCPC'),
    Assessments: asList(node.Assessments).map((a) => ({
      AssessmentActualStartDate: r.date(a, 'AssessmentActualStartDate'),
      AssessmentInternalReviewDate: r.date(a, 'AssessmentInternalReviewDate'),
      AssessmentAuthorisationDate: r.date(a, 'AssessmentAuthorisationDate'),
      AssessmentFactors: textsOf(asObject(a.FactorsIdentifiedAtAssessment).AssessmentFactors),
    })),
    CINPlanDates: asList(node.CINPlanDates).map((p) => ({ CINPlanStartDate: r.date(p, 'CINPlanStartDate'), CINPlanEndDate: r.date(p, 'CINPlanEndDate') })),
    Section47: asList(node.Section47).map((s) => ({
      S47ActualStartDate: r.date(s, 'S47ActualStartDate'),
      InitialCPCtarget: r.date(s, 'InitialCPCtarget'),
      DateOfInitialCPC: r.date(s, 'DateOfInitialCPC'),
      ICPCnotRequired: r.text(s, 'ICPCnotRequired'),
    })),
    ReferralNFA: r.text(node, 'ReferralNFA'),
    ChildProtectionPlans: asList(node.ChildProtectionPlans).map((c) => ({
      CPPstartDate: r.date(c, 'CPPstartDate'),
      CPPendDate: r.date(c, 'CPPendDate'),
      InitialCategoryOfAbuse: r.text(c, 'InitialCategoryOfAbuse'),
      LatestCategoryOfAbuse: r.text(c, 'LatestCategoryOfAbuse'),
      NumberOfPreviousCPP: r.text(c, 'NumberOfPreviousCPP'),
      // Every CPPreviewDate in every Reviews element; an empty one is a review with no date.
      Reviews: asList(c.Reviews).flatMap((rv) => {
        const dates = rv.CPPreviewDate;
        if (dates === undefined) return [];
        return (Array.isArray(dates) ? dates : [dates]).map((d) => {
          const t = textOf(d);
          return t === null ? null : r.dateValue(t, 'CPPreviewDate');
        });
      }),
    })),
  };
}

function readChild(node: Parsed, index: number, r: Reader): CensusChild {
  const ids = asObject(node.ChildIdentifiers);
  const characteristics = asObject(node.ChildCharacteristics);
  const LAchildID = r.text(ids, 'LAchildID');
  r.child = LAchildID ?? `child ${index + 1}`;
  return {
    LAchildID,
    UPN: r.text(ids, 'UPN'),
    FormerUPN: r.text(ids, 'FormerUPN'),
    UPNunknown: r.text(ids, 'UPNunknown'),
    PersonBirthDate: r.date(ids, 'PersonBirthDate'),
    ExpectedPersonBirthDate: r.date(ids, 'ExpectedPersonBirthDate'),
    Sex: r.text(ids, 'Sex'),
    PersonDeathDate: r.date(ids, 'PersonDeathDate'),
    Ethnicity: r.text(characteristics, 'Ethnicity'),
    Disabilities: textsOf(asObject(characteristics.Disabilities).Disability),
    CINdetails: asList(node.CINdetails).map((c) => readCin(c, r)),
  };
}

/** Reads a CIN census XML file. Throws BAD_INPUT (exit 2) when it is not one. */
export function censusFromXml(xml: string): CinCensus {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    throw new AppError('BAD_INPUT', `the file is not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line})`);
  }
  const root = parser.parse(xml) as Parsed;
  if (!('Message' in root)) throw new AppError('BAD_INPUT', 'the file is not a CIN census: its root element is not <Message>');
  const message = asObject(root.Message);
  if (!('Children' in message)) throw new AppError('BAD_INPUT', 'the file is not a CIN census: <Message> has no <Children>');
  const r = new Reader();
  const header = readHeader(asObject(message.Header), r);
  const children = asList(asObject(message.Children).Child).map((c, i) => readChild(c, i, r));
  if (r.problems.length > 0) {
    throw new AppError('BAD_INPUT', `the file has ${r.problems.length} value(s) that are not dates; the DfE schema refuses it as it stands`, { fieldErrors: r.problems });
  }
  return { header, children };
}
