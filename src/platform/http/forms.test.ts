import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { formErrors } from './forms.ts';

describe('formErrors', () => {
  it('lists field errors against their fields', () => {
    const e = new AppError('BAD_INPUT', 'Check the form', { fieldErrors: [{ field: 'startDate', message: 'Enter the date the plan started' }] });
    expect(formErrors(e)).toEqual({
      errorList: [{ text: 'Enter the date the plan started', href: '#startDate' }],
      errors: { startDate: { text: 'Enter the date the plan started' } },
    });
  });

  it('leads a conflict with the sentence that nothing was saved, then what the other person changed', () => {
    const e = new AppError('CONFLICT', 'Someone else changed this record after you opened it, so your changes were not saved.', {
      fieldErrors: [{ field: 'endDate', message: 'End date is now 3 March 2026 (was blank)' }],
    });
    expect(formErrors(e).errorList.map((x) => x.text)).toEqual([
      'Someone else changed this record after you opened it, so your changes were not saved.',
      'End date is now 3 March 2026 (was blank)',
    ]);
  });

  it('shows the message itself when there are no field errors', () => {
    expect(formErrors(new AppError('NOT_FOUND', 'The record was not found.')).errorList).toEqual([{ text: 'The record was not found.', href: '#form' }]);
  });
});
