import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import type { Db as Executor } from '../platform/db/connect.ts';
import { isIsoDate } from '../platform/calendar/calendar.ts';
import { nameVariants } from './nicknames.ts';

export interface PersonCandidate {
  id: string;
  forename: string | null;
  surname: string | null;
  preferred_name: string | null;
  dob: string | null;
}

export interface SearchQuery {
  name?: string;
  dob?: string;
}

export interface SearchMatch extends PersonCandidate {
  score: number;
  /** Why it matched, for the person deciding whether it is the same child. */
  reasons: string[];
}

/** Lower case, accents and punctuation removed: "O'Brien-Smith" → "obriensmith". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();
}

function sameSound(a: string, b: string): boolean {
  const [a1, a2] = doubleMetaphone(a);
  const [b1, b2] = doubleMetaphone(b);
  return a1 === b1 || a1 === b2 || (a2 !== '' && (a2 === b1 || a2 === b2));
}

/** How well one typed name matches a recorded one: 1 exact, less for nicknames, sound-alikes and typos. */
function nameScore(typed: string, recorded: string | null): { score: number; reason?: string } {
  if (!recorded) return { score: 0 };
  const r = normaliseName(recorded);
  if (!typed || !r) return { score: 0 };
  if (typed === r) return { score: 1 };
  if (nameVariants(typed).has(r) || nameVariants(r).has(typed)) return { score: 0.85, reason: `“${typed}” may be short for “${r}”` };
  const d = distance(typed, r);
  if (d === 1 || (d === 2 && Math.min(typed.length, r.length) >= 6)) return { score: 0.8 - 0.1 * (d - 1), reason: `spelling close to “${r}”` };
  if (sameSound(typed, r)) return { score: 0.7, reason: `sounds like “${r}”` };
  if (r.startsWith(typed) && typed.length >= 3) return { score: 0.6, reason: `starts with “${typed}”` };
  return { score: 0 };
}

/** Dates of birth that are easily mis-keyed: day and month swapped, one digit wrong, the year off by one. */
export function dobScore(typed: string, recorded: string | null): { score: number; reason?: string } {
  if (!recorded || !typed) return { score: 0 };
  if (typed === recorded) return { score: 1 };
  const [ty, tm, td] = typed.split('-');
  const [ry, rm, rd] = recorded.split('-');
  if (ty === ry && tm === rd && td === rm) return { score: 0.8, reason: 'date of birth with day and month swapped' };
  if (tm === rm && td === rd && Math.abs(Number(ty) - Number(ry)) === 1) return { score: 0.7, reason: 'date of birth a year apart' };
  let diff = 0;
  for (let i = 0; i < 10; i++) if (typed[i] !== recorded[i]) diff += 1;
  if (diff === 1) return { score: 0.7, reason: 'date of birth one digit different' };
  return { score: 0 };
}

/**
 * Scores every candidate against a forgiving query (typos, nicknames, sound-alikes, date-of-birth slips)
 * and returns the likely matches, best first. Pure: the caller chooses the candidates it may see.
 */
export function rankMatches(candidates: PersonCandidate[], query: SearchQuery, limit = 25): SearchMatch[] {
  const words = normaliseName(query.name ?? '').split(/\s+/).filter(Boolean);
  const dob = query.dob && isIsoDate(query.dob) ? query.dob : undefined;
  const out: SearchMatch[] = [];
  for (const c of candidates) {
    const reasons: string[] = [];
    let nameTotal = 0;
    if (words.length) {
      // Each typed word matches the best of forename, preferred name and surname.
      for (const w of words) {
        const best = [nameScore(w, c.forename), nameScore(w, c.preferred_name), nameScore(w, c.surname)].sort((a, b) => b.score - a.score)[0]!;
        if (best.score === 0) {
          nameTotal = -1;
          break;
        }
        nameTotal += best.score;
        if (best.reason) reasons.push(best.reason);
      }
      if (nameTotal < 0) continue;
      nameTotal /= words.length;
    }
    const d = dob ? dobScore(dob, c.dob) : { score: 0 };
    if (dob && d.score === 0 && !words.length) continue;
    if (d.reason) reasons.push(d.reason);
    const score = words.length && dob ? nameTotal * 0.6 + d.score * 0.4 : words.length ? nameTotal : d.score;
    if (score >= 0.5) out.push({ ...c, score: Math.round(score * 100) / 100, reasons });
  }
  return out.sort((a, b) => b.score - a.score || (a.surname ?? '').localeCompare(b.surname ?? '') || a.id.localeCompare(b.id)).slice(0, limit);
}

/**
 * Finds people by a forgiving query. Candidates are everyone not deleted and not restricted; scoring happens in memory, which stays fast for a council's few tens of thousands.
 */
export async function searchPeople(db: Executor, query: SearchQuery, options: { includeRestricted?: boolean; limit?: number } = {}): Promise<SearchMatch[]> {
  let q = db.selectFrom('person').select(['id', 'forename', 'surname', 'preferred_name', 'dob']).where('deleted_at', 'is', null);
  // Restricted records never appear in search for others; only the access layer may include them.
  if (!options.includeRestricted) q = q.where('restricted', '=', false);
  const candidates = await q.execute();
  return rankMatches(candidates, query, options.limit);
}

/** Likely duplicates of a person about to be created: a strong name match, or a name and date of birth close together. */
export async function likelyDuplicates(db: Executor, person: { forename: string; surname: string; dob?: string }): Promise<SearchMatch[]> {
  const matches = await searchPeople(db, { name: `${person.forename} ${person.surname}`, dob: person.dob });
  return matches.filter((m) => m.score >= 0.75);
}
