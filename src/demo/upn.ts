// Unique Pupil Numbers (DfE): 13 characters, a check letter then 12 characters
// (3-digit LA code, 4-digit establishment number, 2-digit year of allocation, 3-digit serial).
// The check letter: weight characters 2 to 13 by 2 to 13, sum, take the remainder mod 23 and map
// 0..22 onto ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S). A letter in the last place (a temporary UPN)
// counts as its position in that same alphabet.

export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter for the 12 characters that follow it. */
export function upnCheckLetter(body: string): string {
  if (!/^[0-9]{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) throw new Error(`not the body of a UPN: ${body}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i]!;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : UPN_CHECK_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_CHECK_LETTERS[sum % 23]!;
}

export function isValidUpn(upn: string): boolean {
  return /^[A-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/.test(upn) && upnCheckLetter(upn.slice(1)) === upn[0];
}

/** A permanent (all-digit) UPN. */
export function makeUpn(laCode: string, establishment: number, yearOfAllocation: number, serial: number): string {
  const body =
    laCode.padStart(3, '0') +
    String(establishment).padStart(4, '0') +
    String(yearOfAllocation % 100).padStart(2, '0') +
    String(serial).padStart(3, '0');
  return upnCheckLetter(body) + body;
}
