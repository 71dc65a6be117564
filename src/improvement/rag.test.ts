import { describe, expect, it } from 'vitest';
import { derivedRag, ragOf, statusOn, worstRag, type RagInput } from './rag.ts';

const open = (dueDate: string, status: RagInput['status'] = 'in_progress', completedOn: string | null = null): RagInput => ({ dueDate, status, completedOn, ragOverride: null });
const AS_OF = '2026-03-31';

describe('red, amber, green derived from the due date and status', () => {
  it('is red when not completed and due before the date', () => {
    expect(derivedRag(open('2026-03-30'), AS_OF)).toBe('red');
    expect(derivedRag(open('2025-12-01', 'not_started'), AS_OF)).toBe('red');
  });
  it('is amber from the due date itself to 28 days ahead (31 Mar + 28 days = 28 Apr), green after', () => {
    expect(derivedRag(open('2026-03-31'), AS_OF)).toBe('amber'); // due today is not overdue
    expect(derivedRag(open('2026-04-28'), AS_OF)).toBe('amber');
    expect(derivedRag(open('2026-04-29'), AS_OF)).toBe('green');
    expect(derivedRag(open('2026-04-01', 'not_started'), AS_OF)).toBe('amber');
  });
  it('uses the council’s amber window', () => {
    expect(derivedRag(open('2026-04-10'), AS_OF, 7)).toBe('green'); // 31 Mar + 7 = 7 Apr
    expect(derivedRag(open('2026-04-07'), AS_OF, 7)).toBe('amber');
    expect(derivedRag(open('2026-03-31'), AS_OF, 0)).toBe('amber');
    expect(derivedRag(open('2026-04-01'), AS_OF, 0)).toBe('green');
  });
  it('is green when completed on or before the date, however late; an action completed after the date was still open then', () => {
    expect(derivedRag(open('2026-01-01', 'completed', '2026-03-15'), AS_OF)).toBe('green');
    expect(derivedRag(open('2026-01-01', 'completed', '2026-03-31'), AS_OF)).toBe('green');
    expect(derivedRag(open('2026-01-01', 'completed', '2026-04-02'), AS_OF)).toBe('red');
    expect(statusOn({ status: 'completed', completedOn: '2026-04-02' }, AS_OF)).toBe('in_progress');
    expect(statusOn({ status: 'not_started', completedOn: null }, AS_OF)).toBe('not_started');
  });
  it('shows an override instead, keeping the derived value', () => {
    expect(ragOf({ ...open('2026-03-01'), ragOverride: 'amber' }, AS_OF)).toEqual({ rag: 'amber', derived: 'red', overridden: true });
    expect(ragOf(open('2026-03-01'), AS_OF)).toEqual({ rag: 'red', derived: 'red', overridden: false });
  });
  it('an area is as red as its reddest action, and has none without actions', () => {
    expect(worstRag(['green', 'amber', 'green'])).toBe('amber');
    expect(worstRag(['green', 'red', 'amber'])).toBe('red');
    expect(worstRag(['green'])).toBe('green');
    expect(worstRag([])).toBeNull();
  });
});
