// The SSDA903 rules for 2025/26 that Tiller runs, and those it does not (with why).
import type { NotRun } from '../model.ts';
import { episodeRules } from './episodes.ts';
import { headerRules } from './header.ts';
import { moreRules } from './more.ts';
import { outcomeRules } from './outcomes.ts';
import type { Ssda903Rule } from './rule.ts';

const byCode = (a: Ssda903Rule, b: Ssda903Rule) => (parseInt(a.code, 10) || 1e9) - (parseInt(b.code, 10) || 1e9) || a.code.localeCompare(b.code);

export const SSDA903_RULES: readonly Ssda903Rule[] = [...headerRules, ...episodeRules, ...outcomeRules, ...moreRules].sort(byCode);

const LAST_YEAR = "needs last year's return";
const LOOKUP = 'needs the Ofsted provider lists or a postcode lookup';

/** Rules of lac2025_26 not run, and why. */
export const NOT_RUN: readonly NotRun[] = [
  ...['202', '203', '204', '205A', '205B', '205C', '205D', '207', '208', '348', '452', '453', '502', '503A', '503B', '503C', '503D', '503E', '503F', '503G', '503H', '503J',
    '559', '560', '561', '562', '576', '584', '624', '626', '1001', '1002', '1010', 'NoE'].map((code) => ({ code, reason: LAST_YEAR })),
  ...['164', '169', '179', '214', '219', '221', '224', '227', '228', '229', '392a', '398', '406', '411', '420', '454', '1008', '1015'].map((code) => ({ code, reason: LOOKUP })),
  { code: '633', reason: "needs the DfE's list of local authority codes" },
  { code: '105', reason: 'the UASC flag is the UASC table itself in the CSV form, so it is always complete' },
  { code: '303', reason: 'the UASC flag is the UASC table itself in the CSV form, so a UASC row always has it' },
].map((n) => ({ ...n, message: '' }));
