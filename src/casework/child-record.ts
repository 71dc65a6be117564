import type { Db } from '../platform/db/connect.ts';
import { childSummary } from '../record/child-summary.ts';
import { chronology } from '../record/chronology.ts';
import { caseNotes } from '../record/case-notes.ts';
import { computeClocks } from '../clocks/compute-clocks.ts';
import { computeFlags } from '../flags/compute-flags.ts';
import { careLeaverEligibility } from '../care/eligibility.ts';
import { careSummary } from '../care/care-summary.ts';
import { careSpellsOf } from '../care/care-leavers.ts';

/** Everything the child's record page shows, gathered once; the page and the API share it. */
export async function childRecord(db: Db, childId: string, asOf: string) {
  const [summary, events, notes, clocks, flags] = await Promise.all([
    childSummary(db, childId, asOf),
    chronology(db, childId),
    caseNotes(db, childId),
    computeClocks(db, asOf, { childIds: [childId] }),
    computeFlags(db, asOf, { childIds: [childId] }),
  ]);
  const episodeId = summary.episode?.id;
  const [assessments, s47s, contacts] = await Promise.all([
    episodeId
      ? db.selectFrom('assessment').select(['id', 'start_date', 'completed_date', 'authorised_date', 'child_seen', 'factors', 'version']).where('cin_episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('start_date', 'desc').execute()
      : [],
    episodeId
      ? db
          .selectFrom('s47_enquiry')
          .leftJoin('icpc', 'icpc.s47_enquiry_id', 's47_enquiry.id')
          .select(['s47_enquiry.id', 's47_enquiry.start_date', 's47_enquiry.end_date', 's47_enquiry.icpc_required', 'icpc.conference_date'])
          .where('s47_enquiry.cin_episode_id', '=', episodeId)
          .where('s47_enquiry.deleted_at', 'is', null)
          .orderBy('s47_enquiry.start_date', 'desc')
          .execute()
      : [],
    db.selectFrom('contact').select(['id', 'contact_date', 'outcome', 'proposed_outcome']).where('person_id', '=', childId).where('deleted_at', 'is', null).orderBy('contact_date', 'desc').limit(20).execute(),
  ]);
  const eligibility = summary.child.dob && summary.age !== null && summary.age >= 16 ? careLeaverEligibility(summary.child.dob, await careSpellsOf(db, childId), asOf) : null;
  const care = await careSummary(db, childId, asOf);
  const openClocks = clocks.filter((c) => c.status === 'due' || c.status === 'overdue').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return { ...summary, asOf, chronology: events, notes, clocks, openClocks, flags, assessments, s47s, contacts, eligibility, care };
}
