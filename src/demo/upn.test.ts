import { describe, expect, it } from 'vitest';
import { isValidUpn, makeUpn, upnCheckLetter } from './upn.ts';

describe('UPN check letter', () => {
  it('follows the DfE weighting, worked by hand', () => {
    // 801200005001: 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13
    //             = 16 + 4 + 10 + 50 + 13 = 93; 93 mod 23 = 1 → B
    expect(upnCheckLetter('801200005001')).toBe('B');
    // 899401218123: 8×2 + 9×3 + 9×4 + 4×5 + 0×6 + 1×7 + 2×8 + 1×9 + 8×10 + 1×11 + 2×12 + 3×13
    //             = 16 + 27 + 36 + 20 + 7 + 16 + 9 + 80 + 11 + 24 + 39 = 285; 285 mod 23 = 9 → K (I is skipped)
    expect(upnCheckLetter('899401218123')).toBe('K');
    // 000000000000: sum 0 → A;  000000000001: 1×13 = 13 → P (…L M N P: O is skipped)
    expect(upnCheckLetter('000000000000')).toBe('A');
    expect(upnCheckLetter('000000000001')).toBe('P');
    // 100000000000: 1×2 = 2 → C; 000000000002: 2×13 = 26, 26 mod 23 = 3 → D
    expect(upnCheckLetter('100000000000')).toBe('C');
    expect(upnCheckLetter('000000000002')).toBe('D');
  });

  it('counts a temporary UPN’s final letter by its place in the check alphabet', () => {
    // 89940121812A: as above but the last character A = 0 instead of 3: 285 − 39 = 246; 246 mod 23 = 16 → T
    expect(upnCheckLetter('89940121812A')).toBe('T');
  });

  it('builds UPNs that validate, and rejects a wrong check letter', () => {
    const upn = makeUpn('899', 4012, 2018, 123);
    expect(upn).toBe('K899401218123');
    expect(isValidUpn(upn)).toBe(true);
    expect(isValidUpn('A899401218123')).toBe(false);
    expect(isValidUpn('B801200005001')).toBe(true);
    expect(isValidUpn('K89940121812')).toBe(false);
  });

  it('refuses a body that is not 12 UPN characters', () => {
    expect(() => upnCheckLetter('8994012181')).toThrow();
    expect(() => upnCheckLetter('89940121812I')).toThrow();
  });
});
