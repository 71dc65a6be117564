import type { IsoDate } from '../platform/calendar/calendar.ts';
import type { FlagContactRecord } from './practice-flag.ts';

export type ContactOutcomeKind = 'nfa' | 'advice' | 'other' | 'undecided';

// The SSD's outcome JSON marks each outcome with a flag; "Y"/"N" or JSON booleans (INTERFACES.md).
const YES = new Set(['Y', 'YES', 'T', 'TRUE', '1']);

/**
 * How a contact ended as known at `asOf`: no further action, information and advice only, anything else
 * (early help, referral, strategy discussion, …), or not yet decided. A decision dated after `asOf` is
 * not known then. An imported contact with both NFA and advice marked counts as advice.
 */
export function contactOutcomeKind(contact: FlagContactRecord, asOf: IsoDate): ContactOutcomeKind {
  if (contact.decisionDate !== null && contact.decisionDate > asOf) return 'undecided';
  if (contact.outcome !== null) return contact.outcome === 'nfa' ? 'nfa' : contact.outcome === 'advice' ? 'advice' : 'other';
  const flags = outcomeFlagsSet(contact.outcomeJson);
  if (flags === null || flags.length === 0) return 'undecided';
  if (flags.every((f) => f === 'NFA_FLAG')) return 'nfa';
  if (flags.every((f) => f === 'NFA_FLAG' || f === 'ADVICE_FLAG')) return 'advice';
  return 'other';
}

export function endedInNfaOrAdvice(contact: FlagContactRecord, asOf: IsoDate): boolean {
  const kind = contactOutcomeKind(contact, asOf);
  return kind === 'nfa' || kind === 'advice';
}

/** The names of the `*_FLAG` keys set to yes, or null when there is no readable outcome JSON. */
function outcomeFlagsSet(json: unknown): string[] | null {
  let value = json;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.entries(value)
    .filter(([key, v]) => key.toUpperCase().endsWith('_FLAG') && (v === true || v === 1 || (typeof v === 'string' && YES.has(v.trim().toUpperCase()))))
    .map(([key]) => key.toUpperCase());
}
