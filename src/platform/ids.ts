import { randomUUID } from 'node:crypto';

/** A new record id: a random UUID, 36 characters of [0-9a-f-], within the DfE API's id constraint. */
export function newId(): string {
  return randomUUID();
}
