// Allocations are the involvements of case-holding workers (INTERFACES.md): SSD role codes CW (allocated
// social worker) and 16PLUS (leaving-care worker or personal adviser), or those roles' descriptions;
// not, say, the IRO or the worker who completed a form.
import type { InvolvementRecord } from './practice-flag.ts';

const ALLOCATION_ROLE_CODES = new Set(['CW', '16PLUS']);
const ALLOCATION_ROLE_DESCRIPTIONS = new Set([
  'allocated case worker',
  'allocated social worker',
  'allocated worker',
  'leaving care worker',
  'personal adviser',
  'personal advisor',
]);

export function isAllocationRole(role: string): boolean {
  const trimmed = role.trim();
  if (ALLOCATION_ROLE_CODES.has(trimmed.toUpperCase())) return true;
  return ALLOCATION_ROLE_DESCRIPTIONS.has(trimmed.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim());
}

export function allocationsOf(involvements: readonly InvolvementRecord[]): InvolvementRecord[] {
  return involvements.filter((i) => isAllocationRole(i.role));
}

