// Ofsted Annex A List 11 (Adopters) from the adopter records (pure): one row per individual prospective
// adopter of the council's own adoption agency who was in contact with it in the twelve months to the
// as-of date. Who is in it and the coded forms are explained in docs/adopters.md.
import type { IsoDate } from '../platform/calendar/calendar.ts';
import { householdOutcome, type Linked } from './households.ts';

export interface AdopterHouseholdRecord {
  id: string;
  family_identifier: string;
  agency: string;
  fostering_for_adoption: boolean;
  enquiry_date: IsoDate | null;
  stage1_start_date: IsoDate | null;
  stage1_end_date: IsoDate | null;
  stage2_start_date: IsoDate | null;
  stage2_end_date: IsoDate | null;
  application_date: IsoDate | null;
  approval_date: IsoDate | null;
  matched_date: IsoDate | null;
  placed_date: IsoDate | null;
  children_placed: number | null;
  adoption_order_date: IsoDate | null;
  left_date: IsoDate | null;
  left_reason: string | null;
}

export interface AdopterRecord {
  id: string;
  household_id: string;
  sex: string;
  ethnicity: string | null;
  disabled: boolean;
}

export interface AdopterLinkRecord extends Linked {
  household_id: string;
}

export interface AdopterRecords {
  adopterHouseholds: AdopterHouseholdRecord[];
  adopters: AdopterRecord[];
  adopterLinks: AdopterLinkRecord[];
}

/** The template's gender: a) Male, b) Female, c) Not stated/recorded, d) Neither. */
export function adopterGender(sex: string | null): string {
  if (sex === 'M') return 'a) Male';
  if (sex === 'F') return 'b) Female';
  if (sex === 'N') return 'd) Neither';
  return 'c) Not stated/recorded';
}

const LEFT: Record<string, string> = { withdrew: '1) Adopter withdrew', on_hold: '2) On hold', refused: '3) Application refused' };
export function leavingReason(reason: string | null): string | null {
  return reason === null ? null : (LEFT[reason] ?? reason);
}

/**
 * In contact in the twelve months `from`..`asOf`: an in-house household whose enquiry came by the as-of
 * date and which had not left the process, nor had its (first) adoption order, before the twelve months
 * began. That covers an enquiry or any stage dated in the window and a household still in the process
 * through it (approved and waiting, say) with nothing dated there.
 */
export function adopterHouseholdsInContact(records: AdopterRecords, from: IsoDate, asOf: IsoDate) {
  const links = new Map<string, AdopterLinkRecord[]>();
  for (const l of records.adopterLinks) links.set(l.household_id, [...(links.get(l.household_id) ?? []), l]);
  const out: Array<{ household: AdopterHouseholdRecord; outcome: ReturnType<typeof householdOutcome> }> = [];
  for (const h of records.adopterHouseholds) {
    if (h.agency !== 'in_house' || !h.enquiry_date || h.enquiry_date > asOf) continue;
    const outcome = householdOutcome(h, links.get(h.id) ?? [], asOf);
    const left = h.left_date && h.left_date <= asOf ? h.left_date : null;
    if (left && left < from) continue;
    if (outcome.adoptionOrderDate && outcome.adoptionOrderDate < from) continue;
    out.push({ household: h, outcome });
  }
  return out;
}

/** List 11's rows in the template's column order, sorted by family identifier then adopter. */
export function list11Rows(records: AdopterRecords, from: IsoDate, asOf: IsoDate, codes: { ethnicity: (c: string | null) => string; yes: string; no: string }): Array<Array<string | number | null>> {
  const upTo = (d: IsoDate | null) => (d && d <= asOf ? d : null);
  const byHousehold = new Map<string, AdopterRecord[]>();
  for (const a of records.adopters) byHousehold.set(a.household_id, [...(byHousehold.get(a.household_id) ?? []), a]);
  const rows: Array<{ key: string; cells: Array<string | number | null> }> = [];
  for (const { household: h, outcome } of adopterHouseholdsInContact(records, from, asOf)) {
    const left = upTo(h.left_date);
    for (const a of byHousehold.get(h.id) ?? []) {
      rows.push({
        key: `${h.family_identifier}\u0000${a.id}`,
        cells: [
          a.id, h.family_identifier, adopterGender(a.sex), codes.ethnicity(a.ethnicity), a.disabled ? codes.yes : codes.no, h.fostering_for_adoption ? codes.yes : codes.no,
          h.enquiry_date, upTo(h.stage1_start_date), upTo(h.stage1_end_date), upTo(h.stage2_start_date), upTo(h.stage2_end_date), upTo(h.application_date),
          upTo(h.approval_date), outcome.matchedDate, outcome.placedDate, outcome.placedDate ? outcome.childrenPlaced : null, outcome.adoptionOrderDate,
          left, left ? leavingReason(h.left_reason) : null,
        ],
      });
    }
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.cells);
}
