// Every implemented 903 rule: the valid return passes it, and one change to that return makes it fail,
// at the row and field the rule names.
import { describe, expect, it } from 'vitest';
import { validReturn } from './fixture.test-support.ts';
import { row, type Tables } from './model.ts';
import { NOT_RUN, SSDA903_RULES } from './rules/index.ts';
import { validate903 } from './validate-903.ts';

type Case = [code: string, table: keyof Tables, field: string, breakIt: (t: Tables) => void];
const A0 = (t: Tables) => t.episodes[0]!;
const A1 = (t: Tables) => t.episodes[1]!;
const B0 = (t: Tables) => t.episodes[2]!;
const B1 = (t: Tables) => t.episodes[3]!;
const H = (t: Tables, i = 0) => t.header[i]!;
const O2 = (t: Tables) => t.oc2[0]!;
const O3 = (t: Tables) => t.oc3[0]!;
const AD = (t: Tables) => t.ad1[0]!;
const PA = (t: Tables) => t.placed_for_adoption[0]!;
const PP = (t: Tables) => t.previous_permanence[0]!;
const MI = (t: Tables) => t.missing[0]!;
const SW = (t: Tables) => t.sw_episodes[0]!;

const cases: Case[] = [
  ['101', 'header', 'SEX', (t) => (H(t).SEX = 'X')],
  ['102', 'header', 'DOB', (t) => (H(t).DOB = '31/02/2015')],
  ['103', 'header', 'ETHNIC', (t) => (H(t).ETHNIC = 'WXYZ')],
  ['168', 'header', 'UPN', (t) => (H(t).UPN = 'I001200012345')],
  ['171', 'header', 'MC_DOB', (t) => Object.assign(H(t), { MOTHER: '1', MC_DOB: 'soon' })],
  ['174', 'header', 'MC_DOB', (t) => (H(t, 1).MC_DOB = '2025-01-01')],
  ['209', 'header', 'UPN', (t) => (H(t).UPN = 'UN1')],
  ['232', 'header', 'SEX', (t) => (H(t).SEX = 'U')],
  ['301', 'header', 'DOB', (t) => (H(t, 2).DOB = '2026-05-01')],
  ['351', 'header', 'DOB', (t) => (H(t, 2).DOB = '1990-01-01')],
  ['442', 'header', 'UPN', (t) => (H(t).UPN = null)],
  ['444', 'header', 'UPN', (t) => (H(t, 1).UPN = H(t).UPN)],
  ['611', 'header', 'MC_DOB', (t) => (H(t).MOTHER = '1')],
  ['612', 'header', 'MOTHER', (t) => (H(t).MC_DOB = '2025-01-01')],
  ['620', 'header', 'MOTHER', (t) => Object.assign(H(t), { MOTHER: '1', MC_DOB: '2025-01-01' })],
  ['621', 'header', 'MC_DOB', (t) => Object.assign(H(t), { MOTHER: '1', MC_DOB: '2014-01-01' })],
  ['625', 'header', 'MC_DOB', (t) => Object.assign(H(t), { DOB: '2009-06-01', MOTHER: '1', MC_DOB: '2026-05-01' })],
  ['393', 'header', 'MOTHER', (t) => (H(t).MOTHER = null)],
  ['165', 'header', 'MOTHER', (t) => (H(t).MOTHER = 'Y')],
  ['399', 'header', 'MOTHER', (t) => t.episodes.slice(0, 2).forEach((e) => (e.LS = 'V4'))],
  ['EPI', 'header', 'CHILD', (t) => t.header.push(row('header', { CHILD: 'D', SEX: 'M', DOB: '2010-01-01', ETHNIC: 'WBRI', UPN: 'UN3' }))],
  ['104', 'uasc', 'DUC', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01', DUC: '2025-13-01' }))],
  ['304', 'uasc', 'DUC', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01', DUC: '2033-06-02' }))],
  ['1014', 'uasc', 'DUC', (t) => t.uasc.push(row('uasc', { CHILD: 'C', SEX: 'M', DOB: '2006-11-20', DUC: '2024-11-20' }))],
  ['166', 'reviews', 'REVIEW', (t) => (t.reviews[0]!.REVIEW = null)],
  ['167', 'reviews', 'REVIEW_CODE', (t) => (t.reviews[0]!.REVIEW_CODE = 'PN9')],
  ['440', 'reviews', 'REVIEW_CODE', (t) => (t.reviews[0]!.REVIEW_CODE = 'PN0')],
  ['441', 'reviews', 'REVIEW_CODE', (t) => (t.reviews[1]!.REVIEW_CODE = 'PN1')],
  ['INT01', 'ad1', 'CHILD', (t) => (t.ad1[0]!.CHILD = 'Z')],
  ['INT02', 'placed_for_adoption', 'CHILD', (t) => (t.placed_for_adoption[0]!.CHILD = 'Z')],
  ['INT03', 'episodes', 'CHILD', (t) => (t.header[0]!.CHILD = 'Z')],
  ['INT04', 'missing', 'CHILD', (t) => (t.missing[0]!.CHILD = 'Z')],
  ['INT05', 'oc2', 'CHILD', (t) => (t.oc2[0]!.CHILD = 'Z')],
  ['INT06', 'oc3', 'CHILD', (t) => (t.oc3[0]!.CHILD = 'Z')],
  ['INT07', 'previous_permanence', 'CHILD', (t) => (t.previous_permanence[0]!.CHILD = 'Z')],
  ['INT08', 'reviews', 'CHILD', (t) => (t.reviews[0]!.CHILD = 'Z')],
  ['INT09', 'uasc', 'CHILD', (t) => t.uasc.push(row('uasc', { CHILD: 'Z', SEX: 'F', DOB: '2015-06-01' }))],
  ['INT11', 'ad1', 'DOB', (t) => (t.ad1[0]!.DOB = '2022-02-02')],
  ['INT12', 'placed_for_adoption', 'DOB', (t) => (t.placed_for_adoption[0]!.DOB = '2022-02-02')],
  ['INT13', 'missing', 'DOB', (t) => (t.missing[0]!.DOB = '2015-06-02')],
  ['INT14', 'oc2', 'DOB', (t) => (t.oc2[0]!.DOB = '2015-06-02')],
  ['INT15', 'oc3', 'DOB', (t) => (t.oc3[0]!.DOB = '2006-11-21')],
  ['INT16', 'previous_permanence', 'DOB', (t) => (t.previous_permanence[0]!.DOB = '2022-02-02')],
  ['INT17', 'reviews', 'DOB', (t) => (t.reviews[0]!.DOB = '2015-06-02')],
  ['INT18', 'uasc', 'DOB', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-02' }))],
  ['INT21', 'uasc', 'SEX', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'M', DOB: '2015-06-01' }))],
  ['INT31', 'ad1', 'CHILD', (t) => t.ad1.push({ ...t.ad1[0]! })],
  ['INT32', 'header', 'CHILD', (t) => t.header.push({ ...H(t, 2) })],
  ['INT33', 'oc2', 'CHILD', (t) => t.oc2.push({ ...t.oc2[0]! })],
  ['INT34', 'oc3', 'CHILD', (t) => t.oc3.push({ ...t.oc3[0]! })],
  ['INT35', 'previous_permanence', 'CHILD', (t) => t.previous_permanence.push({ ...t.previous_permanence[0]! })],
  ['INT36', 'uasc', 'CHILD', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01' }), row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01' }))],
  // Episodes
  ['141', 'episodes', 'DECOM', (t) => (A1(t).DECOM = '2025-02-30')],
  ['142', 'episodes', 'DEC', (t) => Object.assign(A0(t), { DEC: null, REC: null, REASON_PLACE_CHANGE: null })],
  ['143', 'episodes', 'RNE', (t) => (A1(t).RNE = 'X')],
  ['144', 'episodes', 'LS', (t) => (A1(t).LS = 'C9')],
  ['145', 'episodes', 'CIN', (t) => (A1(t).CIN = 'N9')],
  ['146', 'episodes', 'PLACE', (t) => (A1(t).PLACE = 'H5')],
  ['147', 'episodes', 'DEC', (t) => (A1(t).DEC = '2025-02-30')],
  ['148', 'episodes', 'REC', (t) => (A1(t).DEC = '2026-01-01')],
  ['149', 'episodes', 'REC', (t) => Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E99' })],
  ['178', 'episodes', 'PLACE_PROVIDER', (t) => (A1(t).PLACE_PROVIDER = 'PR9')],
  ['213', 'episodes', 'PLACE_PROVIDER', (t) => Object.assign(A1(t), { PLACE: 'T1', URN: null })],
  ['217', 'episodes', 'RNE', (t) => Object.assign(B1(t), { PLACE: 'A5', RNE: 'P', LS: 'C1' })],
  ['218', 'episodes', 'URN', (t) => Object.assign(A1(t), { PLACE: 'K2', URN: null })],
  ['222', 'episodes', 'URN', (t) => Object.assign(A1(t), { PLACE: 'R2', PLACE_PROVIDER: 'PR3' })],
  ['225', 'episodes', 'REASON_PLACE_CHANGE', (t) => (A0(t).REASON_PLACE_CHANGE = null)],
  ['226', 'episodes', 'REASON_PLACE_CHANGE', (t) => Object.assign(A0(t), { PLACE: 'T1', PLACE_PROVIDER: null, URN: null, DECOM: '2025-08-20', RNE: 'S' })],
  ['233', 'episodes', 'REASON_PLACE_CHANGE', (t) => (A1(t).REASON_PLACE_CHANGE = 'CARPL')],
  ['234', 'episodes', 'REASON_PLACE_CHANGE', (t) => (B0(t).REASON_PLACE_CHANGE = 'CUSTOD')],
  ['302', 'episodes', 'DECOM', (t) => (H(t).DOB = '2023-06-01')],
  ['352', 'episodes', 'DECOM', (t) => (H(t).DOB = '2004-06-01')],
  ['353', 'episodes', 'DECOM', (t) => (A0(t).DECOM = '1991-10-13')],
  ['354', 'episodes', 'DEC', (t) => Object.assign(A1(t), { DEC: '2026-04-02', REC: 'E13' })],
  ['385', 'episodes', 'DEC', (t) => Object.assign(A1(t), { DEC: '2026-04-02', REC: 'E13' })],
  ['355', 'episodes', 'DEC', (t) => Object.assign(A1(t), { DEC: '2025-09-01', REC: 'E13' })],
  ['356', 'episodes', 'DEC', (t) => Object.assign(A1(t), { DEC: '2025-08-01', REC: 'E13' })],
  ['357', 'episodes', 'RNE', (t) => (B0(t).RNE = 'P')],
  ['358', 'episodes', 'LS', (t) => (B1(t).LS = 'J1')],
  ['359', 'episodes', 'LS', (t) => (H(t, 2).DOB = H(t).DOB = '2007-06-01')],
  ['361', 'episodes', 'DEC', (t) => (A1(t).LS = 'L1')],
  ['362', 'episodes', 'DEC', (t) => (A1(t).LS = 'L2')],
  ['363', 'episodes', 'DEC', (t) => (A1(t).LS = 'L3')],
  ['364', 'episodes', 'DEC', (t) => (A1(t).LS = 'J2')],
  ['365', 'episodes', 'DEC', (t) => (A1(t).LS = 'V3')],
  ['366', 'episodes', 'RNE', (t) => t.episodes.slice(0, 2).forEach((e) => (e.LS = 'V3'))],
  ['367', 'episodes', 'DECOM', (t) => (A1(t).LS = 'V3')],
  ['371', 'episodes', 'PLACE', (t) => (A1(t).PLACE = 'K3')],
  ['372', 'episodes', 'PLACE', (t) => Object.assign(B0(t), { PLACE: 'R5', PLACE_PROVIDER: 'PR3', URN: null })],
  ['373', 'episodes', 'PLACE', (t) => Object.assign(B0(t), { PLACE: 'S1' })],
  ['374', 'episodes', 'PLACE', (t) => Object.assign(A1(t), { PLACE: 'P3', URN: null })],
  ['375', 'episodes', 'DEC', (t) => Object.assign(A1(t), { PLACE: 'T1', PLACE_PROVIDER: null, URN: null })],
  ['376', 'episodes', 'DEC', (t) => Object.assign(A1(t), { PLACE: 'T3', PLACE_PROVIDER: null, URN: null })],
  ['377', 'episodes', 'PLACE', (t) => [A0(t), A1(t), t.episodes[t.episodes.push({ ...A1(t), DECOM: '2026-01-01' }) - 1]!].forEach((e) => (e.PLACE = 'T3'))],
  ['378', 'episodes', 'LS', (t) => Object.assign(A1(t), { PLACE: 'P1', LS: 'V2', PLACE_PROVIDER: 'PR0', URN: null })],
  ['379', 'episodes', 'DEC', (t) => Object.assign(A1(t), { PLACE: 'T4', PLACE_PROVIDER: null, URN: null })],
  ['380', 'episodes', 'PLACE', (t) => Object.assign(B0(t), { PLACE: 'T4', PLACE_PROVIDER: null, URN: null, REASON_PLACE_CHANGE: null })],
  ['381', 'episodes', 'PLACE', (t) => Object.assign(B1(t), { PLACE: 'T4' })],
  ['382', 'episodes', 'PLACE', (t) => Object.assign(A1(t), { PLACE: 'T4', LS: 'V2' }) && (A1(t).LS = 'V3')],
  ['383', 'episodes', 'PLACE', (t) => { A0(t).DEC = '2025-08-01'; t.episodes.splice(1, 0, row('episodes', { CHILD: 'A', DECOM: '2025-08-01', RNE: 'T', LS: 'C2', CIN: 'N1', PLACE: 'T1', DEC: '2025-09-01', REC: 'X1', HOME_POST: 'TB1 1AA' })); }],
  ['384', 'episodes', 'PLACE', (t) => Object.assign(A1(t), { LS: 'V3' })],
  ['386', 'episodes', 'REC', (t) => (H(t, 1).DOB = '2007-01-01')],
  ['387', 'episodes', 'REC', (t) => (B1(t).REC = 'E5')],
  ['388', 'episodes', 'REC', (t) => (B1(t).REC = 'X1')],
  ['389', 'episodes', 'REC', (t) => (B1(t).REC = 'E7')],
  ['390', 'episodes', 'PLACE', (t) => (B1(t).PLACE = 'U6')],
  ['392b', 'episodes', 'HOME_POST', (t) => (A1(t).HOME_POST = null)],
  ['392c', 'episodes', 'PL_POST', (t) => (A1(t).PL_POST = 'NOT A POSTCODE')],
  ['392d', 'episodes', 'PL_POST', (t) => (A1(t).PL_POST = 'TB1 1AA')],
  ['407', 'episodes', 'REC', (t) => Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E45' }) && (H(t).DOB = '2007-06-01')],
  ['408', 'episodes', 'LS', (t) => (B1(t).LS = 'C2')],
  ['426', 'episodes', 'LS', (t) => { A0(t).LS = 'V3'; A1(t).LS = 'V4'; }],
  ['431', 'episodes', 'RNE', (t) => (A1(t).RNE = 'S')],
  ['432', 'episodes', 'RNE', (t) => (A0(t).REC = 'E13')],
  ['433', 'episodes', 'DECOM', (t) => (A1(t).DECOM = '2025-09-05')],
  ['434', 'episodes', 'RNE', (t) => (A1(t).RNE = 'L')],
  ['435', 'episodes', 'RNE', (t) => (A1(t).LS = 'C1')],
  ['436', 'episodes', 'RNE', (t) => (A1(t).RNE = 'U')],
  ['437', 'episodes', 'REC', (t) => (A0(t).REC = 'E2')],
  ['446', 'episodes', 'LS', (t) => Object.assign(A0(t), { LS: 'E1', DECOM: '2005-05-01' })],
  ['460', 'episodes', 'REC', (t) => Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E17' })],
  ['501', 'episodes', 'DECOM', (t) => (A0(t).DEC = '2025-09-05')],
  ['504', 'episodes', 'CIN', (t) => (A1(t).CIN = 'N2')],
  ['516', 'episodes', 'PLACE', (t) => Object.assign(B1(t), { REC: 'E45' })],
  ['526', 'episodes', 'PLACE_PROVIDER', (t) => (A1(t).PLACE_PROVIDER = null)],
  ['527', 'episodes', 'PLACE_PROVIDER', (t) => Object.assign(A1(t), { PLACE: 'R2', URN: null, PLACE_PROVIDER: 'PR1' })],
  ['528', 'episodes', 'PLACE_PROVIDER', (t) => Object.assign(A1(t), { PLACE: 'R2', URN: null, PLACE_PROVIDER: 'PR2' })],
  ['529', 'episodes', 'PLACE_PROVIDER', (t) => (A1(t).PLACE_PROVIDER = 'PR3')],
  ['530', 'episodes', 'PLACE_PROVIDER', (t) => Object.assign(A1(t), { PLACE: 'P1', URN: null, PLACE_PROVIDER: 'PR4' })],
  ['531', 'episodes', 'PLACE_PROVIDER', (t) => Object.assign(A1(t), { PLACE: 'P1', URN: null, PLACE_PROVIDER: 'PR5' })],
  ['550', 'episodes', 'PLACE_PROVIDER', (t) => (A1(t).PLACE_PROVIDER = 'PR0')],
  ['1009', 'episodes', 'REASON_PLACE_CHANGE', (t) => (A0(t).REASON_PLACE_CHANGE = 'WHIM')],
  ['199', 'episodes', 'REC', (t) => (A0(t).REC = 'E11')],
  // OC2
  ['180', 'oc2', 'SDQ_SCORE', (t) => (O2(t).SDQ_SCORE = '41')],
  ['181', 'oc2', 'TEETH_CHECK', (t) => (O2(t).TEETH_CHECK = 'Y')],
  ['182', 'oc2', 'TEETH_CHECK', (t) => (O2(t).TEETH_CHECK = null)],
  ['158', 'oc2', 'INTERVENTION_OFFERED', (t) => Object.assign(O2(t), { SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '1' })],
  ['159', 'oc2', 'INTERVENTION_OFFERED', (t) => Object.assign(O2(t), { SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0' })],
  ['192', 'oc2', 'INTERVENTION_RECEIVED', (t) => Object.assign(O2(t), { SUBSTANCE_MISUSE: '1' })],
  ['193', 'oc2', 'INTERVENTION_RECEIVED', (t) => Object.assign(O2(t), { INTERVENTION_RECEIVED: '0' })],
  ['196', 'oc2', 'SDQ_REASON', (t) => Object.assign(O2(t), { SDQ_SCORE: null, SDQ_REASON: 'SDQ9' })],
  ['197a', 'oc2', 'SDQ_REASON', (t) => (O2(t).SDQ_REASON = 'SDQ1')],
  ['188', 'oc2', 'SDQ_SCORE', (t) => (O2(t).DOB = H(t).DOB = '2022-06-01')],
  ['189', 'oc2', 'SDQ_SCORE', (t) => (O2(t).DOB = H(t).DOB = '2008-03-01')],
  ['542', 'oc2', 'CONVICTED', (t) => (O2(t).DOB = H(t).DOB = '2016-06-01')],
  ['544', 'oc2', 'IMMUNISATIONS', (t) => (O2(t).IMMUNISATIONS = null)],
  ['546', 'oc2', 'HEALTH_CHECK', (t) => (O2(t).HEALTH_CHECK = '1')],
  ['547', 'oc2', 'HEALTH_ASSESSMENT', (t) => Object.assign(O2(t), { CONVICTED: null, HEALTH_CHECK: '1', HEALTH_ASSESSMENT: null })],
  ['185', 'oc2', 'SDQ_SCORE', (t) => (A0(t).LS = 'V3')],
  ['198', 'oc2', 'SDQ_REASON', (t) => Object.assign(O2(t), { SDQ_SCORE: null, SDQ_REASON: 'SDQ1' }) && (A0(t).DECOM = '2025-04-05')],
  ['190', 'oc2', 'CONVICTED', (t) => (A0(t).DECOM = '2025-04-05')],
  ['191', 'oc2', 'IMMUNISATIONS', (t) => (O2(t).IMMUNISATIONS = null)],
  ['186', 'oc2', 'SDQ_SCORE', (t) => (O2(t).SDQ_SCORE = null)],
  ['543', 'oc2', 'CONVICTED', (t) => (O2(t).CONVICTED = null)],
  ['545', 'oc2', 'HEALTH_CHECK', (t) => Object.assign(O2(t), { DOB: '2022-01-01', SDQ_SCORE: null, CONVICTED: null }) && (H(t).DOB = '2022-01-01')],
  ['215', 'oc2', 'CONVICTED', (t) => t.oc3.push(row('oc3', { CHILD: 'A', DOB: '2015-06-01', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }))],
  // OC3
  ['131', 'oc3', 'IN_TOUCH', (t) => (O3(t).IN_TOUCH = 'MAYBE')],
  ['132', 'oc3', 'ACTIV', (t) => (O3(t).ACTIV = 'F3')],
  ['133', 'oc3', 'ACCOM', (t) => (O3(t).ACCOM = 'X1')],
  ['153', 'oc3', 'ACCOM', (t) => (O3(t).ACCOM = null)],
  ['344', 'oc3', 'ACTIV', (t) => (O3(t).IN_TOUCH = 'DIED')],
  ['345', 'oc3', 'ACTIV', (t) => (O3(t).ACTIV = '0')],
  ['347', 'oc3', 'ACCOM', (t) => Object.assign(O3(t), { DOB: '2008-10-01', ACCOM: 'T1' }) && (H(t, 2).DOB = '2008-10-01')],
  ['391', 'oc3', 'DOB', (t) => (O3(t).DOB = H(t, 2).DOB = '2010-01-01')],
  ['3001', 'oc3', 'ACCOM', (t) => Object.assign(O3(t), { DOB: '2008-10-01', ACCOM: 'Z1' }) && (H(t, 2).DOB = '2008-10-01')],
  ['1000', 'oc3', 'IN_TOUCH', (t) => t.episodes.push(row('episodes', { CHILD: 'C', DECOM: '2025-04-01', RNE: 'S', LS: 'V2', CIN: 'N1', PLACE: 'K2', DEC: '2025-05-01', REC: 'E2' }))],
  ['1011', 'oc3', 'IN_TOUCH', (t) => t.episodes.push(row('episodes', { CHILD: 'C', DECOM: '2025-04-01', RNE: 'S', LS: 'V2', CIN: 'N1', PLACE: 'K2', DEC: '2025-05-01', REC: 'E3' }))],
  ['1007', 'oc3', 'IN_TOUCH', (t) => t.oc3.push(row('oc3', { CHILD: 'A', DOB: '2008-06-01', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' })) && (H(t).DOB = '2008-06-01')],
  ['628', 'header', 'MOTHER', (t) => (H(t, 2).MOTHER = '0')],
  ['1012', 'uasc', 'CHILD', (t) => t.uasc.push(row('uasc', { CHILD: 'C', SEX: 'M', DOB: '2006-11-20' }))],
  // AD1
  ['112', 'ad1', 'DATE_INT', (t) => (AD(t).DATE_INT = '2025-02-30')],
  ['113', 'ad1', 'DATE_MATCH', (t) => (AD(t).DATE_MATCH = 'later')],
  ['114', 'ad1', 'FOSTER_CARE', (t) => (AD(t).FOSTER_CARE = '2')],
  ['151', 'ad1', 'LS_ADOPTR', (t) => (AD(t).LS_ADOPTR = null)],
  ['175', 'ad1', 'NB_ADOPTR', (t) => (AD(t).NB_ADOPTR = '3')],
  ['176', 'ad1', 'SEX_ADOPTR', (t) => (AD(t).SEX_ADOPTR = 'XX')],
  ['177', 'ad1', 'LS_ADOPTR', (t) => (AD(t).LS_ADOPTR = 'L9')],
  ['333', 'ad1', 'DATE_INT', (t) => (AD(t).DATE_INT = '2025-09-20')],
  ['511', 'ad1', 'SEX_ADOPTR', (t) => Object.assign(AD(t), { SEX_ADOPTR: 'F1' })],
  ['514', 'ad1', 'NB_ADOPTR', (t) => (AD(t).LS_ADOPTR = 'L0')],
  ['517', 'ad1', 'SEX_ADOPTR', (t) => Object.assign(AD(t), { LS_ADOPTR: 'L3', SEX_ADOPTR: 'FF' })],
  ['518', 'ad1', 'SEX_ADOPTR', (t) => (AD(t).LS_ADOPTR = 'L4')],
  ['519', 'ad1', 'SEX_ADOPTR', (t) => Object.assign(AD(t), { LS_ADOPTR: 'L2', SEX_ADOPTR: 'F1' })],
  ['520', 'ad1', 'SEX_ADOPTR', (t) => (AD(t).SEX_ADOPTR = 'FF')],
  ['524', 'ad1', 'SEX_ADOPTR', (t) => (AD(t).LS_ADOPTR = 'L12')],
  ['601', 'episodes', 'REC', (t) => t.ad1.splice(0, 1)],
  ['602', 'ad1', 'CHILD', (t) => Object.assign(B1(t), { REC: 'E13', PLACE: 'U6', LS: 'C2' })],
  ['134', 'ad1', 'DATE_INT', (t) => t.oc3.push(row('oc3', { CHILD: 'B', DOB: '2022-02-01', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }))],
  // PlacedAdoption
  ['115', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2025-02-30')],
  ['116', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => (PA(t).DATE_PLACED_CEASED = 'never')],
  ['119', 'placed_for_adoption', 'REASON_PLACED_CEASED', (t) => (PA(t).DATE_PLACED_CEASED = '2025-09-01')],
  ['120', 'placed_for_adoption', 'REASON_PLACED_CEASED', (t) => Object.assign(PA(t), { DATE_PLACED_CEASED: '2025-09-01', REASON_PLACED_CEASED: 'RD9' })],
  ['184', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2022-01-01')],
  ['522', 'placed_for_adoption', 'DATE_PLACED', (t) => Object.assign(PA(t), { DATE_PLACED_CEASED: '2025-07-01', REASON_PLACED_CEASED: 'RD1' })],
  ['563', 'placed_for_adoption', 'DATE_PLACED', (t) => Object.assign(PA(t), { DATE_PLACED: null, DATE_PLACED_CEASED: '2025-09-01', REASON_PLACED_CEASED: 'RD1' })],
  ['117', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2026-04-02')],
  ['1003', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2025-04-01')],
  ['525', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => Object.assign(PA(t), { DATE_PLACED_CEASED: '2025-09-01', REASON_PLACED_CEASED: 'RD1' })],
  ['558', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => Object.assign(PA(t), { DATE_PLACED_CEASED: '2025-09-01', REASON_PLACED_CEASED: 'RD1' })],
  ['551', 'episodes', 'PLACE', (t) => t.placed_for_adoption.splice(0, 1)],
  ['553', 'episodes', 'LS', (t) => t.placed_for_adoption.splice(0, 1)],
  ['579', 'placed_for_adoption', 'DATE_PLACED', (t) => t.placed_for_adoption.push({ ...PA(t), DATE_PLACED: '2025-08-05' })],
  // PrevPerm
  ['631', 'previous_permanence', 'PREV_PERM', (t) => (PP(t).PREV_PERM = 'P9')],
  ['635', 'previous_permanence', 'LA_PERM', (t) => (PP(t).LA_PERM = '201')],
  ['632', 'previous_permanence', 'DATE_PERM', (t) => Object.assign(PP(t), { PREV_PERM: 'P1', DATE_PERM: '31/31/2020' })],
  ['630', 'episodes', 'RNE', (t) => t.previous_permanence.splice(0, 1)],
  ['634', 'previous_permanence', 'PREV_PERM', (t) => t.previous_permanence.push(row('previous_permanence', { CHILD: 'A', DOB: '2015-06-01', PREV_PERM: 'Z1' })) && (A0(t).DECOM = A1(t).DECOM = '2015-06-05')],
  // Missing
  ['1004', 'missing', 'MIS_START', (t) => (MI(t).MIS_START = '2025-02-30')],
  ['1005', 'missing', 'MIS_END', (t) => (MI(t).MIS_END = 'soon')],
  ['1006', 'missing', 'MISSING', (t) => (MI(t).MISSING = 'X')],
  ['564', 'missing', 'MIS_START', (t) => (MI(t).MIS_START = null)],
  ['565', 'missing', 'MISSING', (t) => (MI(t).MISSING = null)],
  ['566', 'missing', 'MISSING', (t) => Object.assign(MI(t), { MISSING: null, MIS_START: null })],
  ['567', 'missing', 'MIS_END', (t) => (MI(t).MIS_END = '2025-06-30')],
  ['570', 'missing', 'MIS_START', (t) => Object.assign(MI(t), { MIS_START: '2026-04-02', MIS_END: null })],
  ['571', 'missing', 'MIS_END', (t) => (MI(t).MIS_END = '2026-04-02')],
  ['586', 'missing', 'MIS_START', (t) => Object.assign(MI(t), { DOB: '2025-08-01' })],
  ['574', 'missing', 'MIS_START', (t) => t.missing.push({ ...MI(t), MIS_START: '2025-07-01', MIS_END: null })],
  ['577', 'missing', 'MIS_END', (t) => { Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E13' }); MI(t).MIS_END = null; }],
  ['578', 'missing', 'MIS_START', (t) => { Object.assign(A1(t), { DEC: '2025-10-01', REC: 'E13' }); Object.assign(MI(t), { MIS_START: '2025-11-01', MIS_END: '2025-11-02' }); }],
  ['581', 'missing', 'MIS_START', (t) => Object.assign(MI(t), { MIS_START: '2023-01-01', MIS_END: '2023-01-02' })],
  // SWEpisodes
  ['SW01aSTG1', 'sw_episodes', 'SW_ID', (t) => (SW(t).SW_ID = null)],
  ['SW01bSTG1', 'sw_episodes', 'SW_REASON', (t) => (SW(t).SW_REASON = null)],
  ['SW02STG1', 'sw_episodes', 'SW_ID', (t) => (SW(t).SW_ID = 'AB12345')],
  ['SW04STG1', 'sw_episodes', 'SW_DECOM', (t) => (SW(t).SW_DECOM = '2024-02-30')],
  ['SW05STG1', 'sw_episodes', 'SW_DEC', (t) => (SW(t).SW_DEC = 'soon')],
  ['SW06STG2', 'sw_episodes', 'SW_DECOM', (t) => (t.sw_episodes[1]!.SW_DECOM = '2026-04-02')],
  ['SW07STG2', 'sw_episodes', 'SW_DEC', (t) => (SW(t).SW_DEC = '2026-04-02')],
  ['SW09STG2', 'sw_episodes', 'SW_DEC', (t) => (SW(t).SW_DEC = '2024-01-01')],
  ['SW13STG1', 'sw_episodes', 'SW_REASON', (t) => (SW(t).SW_REASON = 'BORED')],
  ['SW08STG2', 'sw_episodes', 'SW_DEC', (t) => (SW(t).SW_DEC = null)],
  ['SW10STG2', 'sw_episodes', 'SW_DECOM', (t) => (t.sw_episodes[1]!.SW_DECOM = '2025-06-01')],
  ['SW17STG2', 'episodes', 'CHILD', (t) => (t.sw_episodes[1]!.SW_DEC = '2026-03-01')],
  // across tables
  ['118', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => Object.assign(PA(t), { DATE_PLACED_CEASED: '2025-03-01', REASON_PLACED_CEASED: 'RD1' })],
  ['157', 'oc2', 'SDQ_REASON', (t) => Object.assign(O2(t), { SDQ_SCORE: null, SDQ_REASON: 'SDQ1' })],
  ['187', 'oc3', 'IN_TOUCH', (t) => t.oc3.push(row('oc3', { CHILD: 'A', DOB: '2015-06-01', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }))],
  ['197B', 'oc2', 'SDQ_SCORE', (t) => Object.assign(O2(t), { DOB: '2008-10-01', SDQ_SCORE: null }) && (H(t).DOB = '2008-10-01')],
  ['210', 'header', 'UPN', (t) => (H(t).UPN = 'UN4')],
  ['231', 'header', 'DOB', (t) => t.uasc.push(row('uasc', { CHILD: 'A', SEX: 'F', DOB: '2015-06-01' }))],
  ['331', 'ad1', 'DATE_MATCH', (t) => (AD(t).DATE_MATCH = '2025-10-02')],
  ['334', 'ad1', 'DATE_INT', (t) => (AD(t).DATE_INT = '2025-04-01')],
  ['335', 'ad1', 'FOSTER_CARE', (t) => (AD(t).FOSTER_CARE = '1')],
  ['336', 'episodes', 'PLACE', (t) => Object.assign(B0(t), { PLACE: 'K2' }) && Object.assign(B1(t), { PLACE: 'A4' })],
  ['521', 'ad1', 'DATE_INT', (t) => (AD(t).DATE_INT = '2025-10-05')],
  ['523', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2025-07-30')],
  ['552', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2025-10-05')],
  ['554', 'placed_for_adoption', 'DATE_PLACED', (t) => (PA(t).DATE_PLACED = '2025-10-05')],
  ['557', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => Object.assign(B1(t), { REC: 'E13' })],
  ['575', 'missing', 'MIS_END', (t) => Object.assign(MI(t), { MIS_START: '2025-08-01', MIS_END: null })],
  ['580', 'episodes', 'REC', (t) => { Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E13' }); Object.assign(MI(t), { MIS_START: '2025-12-30', MIS_END: null }); }],
  ['582', 'episodes', 'DEC', (t) => (AD(t).DATE_MATCH = '2026-02-01')],
  ['583', 'placed_for_adoption', 'DATE_PLACED_CEASED', (t) => t.placed_for_adoption.unshift({ ...PA(t), DATE_PLACED: '2025-06-01' })],
  ['607', 'header', 'MOTHER', (t) => { Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E13' }); H(t).MOTHER = null; }],
  ['1016', 'oc3', 'IN_TOUCH', (t) => { H(t).DOB = '2008-06-01'; Object.assign(A1(t), { DEC: '2026-01-01', REC: 'E13' }); t.oc3.push(row('oc3', { CHILD: 'A', DOB: '2008-06-01', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' })); }],
  ['SW11bSTG2', 'sw_episodes', 'SW_DEC', (t) => (t.sw_episodes[1]!.SW_DEC = '2026-03-28')],
  ['SW12STG2', 'sw_episodes', 'SW_DECOM', (t) => (SW(t).SW_DECOM = '2025-05-01')],
];

describe('the valid return', () => {
  it('passes every rule', () => {
    expect(validate903(validReturn())).toEqual([]);
  });
});

describe.each(cases)('rule %s', (code, table, field, breakIt) => {
  it('passes the valid return and fails it once broken, at the row and field it names', () => {
    const rule = SSDA903_RULES.filter((r) => r.code === code);
    expect(rule).toHaveLength(1);
    expect(validate903(validReturn(), rule)).toEqual([]);
    const broken = validReturn();
    breakIt(broken.tables);
    const found = validate903(broken, rule);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.table === table && f.field === field)).toBe(true);
  });
});

describe('the rule list', () => {
  it('has a passing and a failing example above for every rule it runs', () => {
    const tested = new Set(cases.map((c) => c[0]));
    expect(SSDA903_RULES.map((r) => r.code).filter((code) => !tested.has(code))).toEqual([]);
  });

  it('has no code twice, and none both run and listed as not run', () => {
    const codes = SSDA903_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(NOT_RUN.filter((n) => codes.includes(n.code))).toEqual([]);
  });
});
