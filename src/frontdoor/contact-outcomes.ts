export const CONTACT_OUTCOMES = {
  nfa: 'No further action',
  advice: 'Information and advice',
  early_help: 'Early help',
  referral: 'Referral to children’s social care',
  strategy_discussion: 'Referral and strategy discussion',
} as const;

export type ContactOutcome = keyof typeof CONTACT_OUTCOMES;

/** Outcomes that close the contact with no service from children's social care. */
export const CLOSING_OUTCOMES: ReadonlySet<ContactOutcome> = new Set(['nfa', 'advice']);

/** Who records what a front-door decision rests on. */
export interface Actor {
  /** The professional acting; decisions and reviews are recorded against them. */
  professionalId: string;
}
