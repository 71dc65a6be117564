// The 2025/26 SSDA903 placement types through the app: the placement forms offer K3 and Z11 to Z14 and
// refuse the withdrawn H5, P2 and Z1 for a new placement (GOV.UK error summary, 400 on the API, nothing
// saved); a K3 placement with no Ofsted URN is unregistered provision; an older record coded H5 still shows
// its label; and the returns: the 903 writes K3 as K3 and H5 as K3, and reports Z1 with rule 146; Annex A
// shows K3 in its lettered form; and an SSD extract with H5 and Z1 placements imports. (docs/children-in-care.md, "Placement type codes".)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/support/db.ts';
import { signIn, type TestSession } from '../../test/support/auth.ts';
import type { Database } from '../platform/db/connect.ts';
import { loadConfig } from '../platform/config.ts';
import { buildApp } from '../platform/http/app.ts';
import { createReferral } from '../cin/referral.ts';
import { allocateWorker } from '../allocation/allocate.ts';
import { rebuildEpisodes } from './period-of-care.ts';
import { makeSsda903Return } from '../returns/ssda903/ssda903-return.ts';
import { makeAnnexA } from '../returns/annex-a/annex-a-return.ts';
import { importSsd } from '../returns/ssd/import-ssd.ts';

let database: Database;
let app: FastifyInstance;
let worker: TestSession;
const TODAY = '2025-10-01';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await db.insertInto('team').values({ id: 'T1', name: 'Children in care' }).execute();
  await db.insertInto('professional').values(['SW1', 'TM1'].map((id) => ({ id, name: `Worker ${id}`, team_id: 'T1' }))).execute();
  // C1 is 16 on 1 March 2025 (903 rule 371: no K3 before 16). C2 and C3 are older records, as an SSD import leaves them.
  await db
    .insertInto('person')
    .values([
      { id: 'C1', forename: 'Kit', surname: 'Example', dob: '2009-03-01', sex: 'M', ethnicity: 'WBRI' },
      { id: 'C2', forename: 'Hal', surname: 'Example', dob: '2007-06-01', sex: 'M', ethnicity: 'WBRI' },
      { id: 'C3', forename: 'Zed', surname: 'Example', dob: '2008-01-01', sex: 'F', ethnicity: 'WBRI' },
      // C4 turns 15 on 3 June 2025: 14 on the day the form says the child became looked after (2 June 2025).
      { id: 'C4', forename: 'Ash', surname: 'Example', dob: '2010-06-03', sex: 'F', ethnicity: 'WBRI' },
    ])
    .execute();
  for (const id of ['C1', 'C2', 'C4']) {
    await createReferral(db, { professionalId: 'SW1' }, { childId: id, referralDate: '2024-12-02', sourceCode: '3B' }, TODAY);
    await allocateWorker(db, { professionalId: 'TM1' }, { childId: id, professionalId: 'SW1', role: 'CW', startDate: '2024-12-02', changeReason: 'MANAGE' }, TODAY);
  }
  const legacy = async (childId: string, start: string, placementType: string, urn: string | null) => {
    const periodId = `POC-${childId}`;
    await db.insertInto('period_of_care').values({ id: periodId, person_id: childId, start_date: start, primary_need_code: 'N1' }).execute();
    await db.insertInto('legal_status').values({ id: `LS-${childId}`, person_id: childId, period_of_care_id: periodId, code: 'C2', start_date: start }).execute();
    await db.insertInto('placement').values({ id: `PL-${childId}`, period_of_care_id: periodId, person_id: childId, start_date: start, placement_type: placementType, provider: 'PR4', urn }).execute();
    await rebuildEpisodes(db, periodId);
  };
  await legacy('C2', '2023-09-04', 'H5', 'SC765432');
  await legacy('C3', '2024-01-15', 'Z1', null);
  app = await buildApp({ database, config: loadConfig({}) }, { logger: false, rateLimits: false });
  await app.ready();
  worker = await signIn(app, db, { roles: ['social_worker'], professionalId: 'SW1' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function postForm(session: TestSession, url: string, form: Record<string, string>) {
  return app.inject({ method: 'POST', url, headers: { cookie: session.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: session.csrfToken, ...form }).toString() });
}
function errorSummary(html: string): Array<{ text: string; href: string }> {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]!.trim() }));
}
const selectOptions = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!).filter(Boolean);
};
const becomesLookedAfter = (placementType: string) => ({
  'startDate-day': '2', 'startDate-month': '6', 'startDate-year': '2025',
  legalStatus: 'C2', primaryNeedCode: 'N1', placementType, provider: 'PR4', urn: 'XXXXXXX', postcode: 'TB1 2AB', distanceMiles: '4', inArea: 'yes',
});
const periods = async (childId: string) => (await database.db.selectFrom('period_of_care').select('id').where('person_id', '=', childId).execute()).length;

describe('placement types on the forms (2025/26 codes)', () => {
  it('offers the 2025/26 codes, with K3 and Z11 to Z14, and not H5, P2 or Z1', async () => {
    const page = await app.inject({ url: '/children/C1/care/new', headers: { cookie: worker.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(selectOptions(page.body, 'placementType')).toEqual([
      'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'K3', 'P1', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z11', 'Z12', 'Z13', 'Z14',
    ]);
  });

  it('refuses H5 for a new placement with a GOV.UK error that names K3, and saves nothing', async () => {
    const res = await postForm(worker, '/children/C1/care/new', becomesLookedAfter('H5'));
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([{ text: 'H5 (semi-independent living) is not a placement type from 2025/26: choose K3 if the child is in supported accommodation', href: '#placementType' }]);
    expect(await periods('C1')).toBe(0);
  });

  it('refuses K3 for a child under 16 (supported accommodation is for 16 and 17), and saves nothing', async () => {
    const res = await postForm(worker, '/children/C4/care/new', becomesLookedAfter('K3'));
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([{ text: 'Supported accommodation (K3) is only for young people aged 16 or 17: the child is 14 on 2025-06-02', href: '#placementType' }]);
    expect(await periods('C4')).toBe(0);
  });

  it('refuses Z1 on the API with a 400 naming the field', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/children/C1/periods-of-care',
      headers: { cookie: worker.cookie, accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': worker.csrfToken },
      payload: JSON.stringify({ startDate: '2025-06-02', legalStatus: 'C2', placementType: 'Z1', provider: 'PR4' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ field: 'placementType', message: 'Z1 (other placements) is not a placement type from 2025/26: choose one of Z11 to Z14' }]);
    expect(await periods('C1')).toBe(0);
  });

  it('accepts K3; with no Ofsted URN (XXXXXXX) it is unregistered provision, shown on the record', async () => {
    const res = await postForm(worker, '/children/C1/care/new', becomesLookedAfter('K3'));
    expect(res.statusCode).toBe(303);
    expect(await database.db.selectFrom('placement').select(['placement_type', 'urn', 'unregistered']).where('person_id', '=', 'C1').execute()).toEqual([
      { placement_type: 'K3', urn: 'XXXXXXX', unregistered: true },
    ]);
    const page = await app.inject({ url: '/children/C1', headers: { cookie: worker.cookie, accept: 'text/html' } });
    expect(/<span data-test="placement">([^<]*)<\/span>/.exec(page.body)?.[1]).toBe(
      'K3 – Supported accommodation (registered with Ofsted under the Supported Accommodation (England) Regulations 2023)',
    );
    expect(page.body).toContain('Unregistered provision');
  });

  it('still shows the label of an older placement coded H5', async () => {
    const page = await app.inject({ url: '/children/C2', headers: { cookie: worker.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(/<span data-test="placement">([^<]*)<\/span>/.exec(page.body)?.[1]).toBe('H5 – Semi-independent living accommodation not subject to children’s homes regulations');
  });
});

describe('placement types in the returns', () => {
  it('903 for 2025/26: K3 stays K3, H5 is written K3, Z1 goes out as it is and rule 146 reports it', async () => {
    const { ret, findings } = await makeSsda903Return(database.db, 2026);
    const place = Object.fromEntries(ret.tables.episodes.map((e) => [e.CHILD, e.PLACE]));
    expect(place).toEqual({ C1: 'K3', C2: 'K3', C3: 'Z1' });
    expect(findings.filter((f) => f.rule === '146').map((f) => ({ childId: f.childId, field: f.field, value: f.value }))).toEqual([{ childId: 'C3', field: 'PLACE', value: 'Z1' }]);
  });

  it('Annex A List 8 shows K3 in the lettered form', async () => {
    const { annexA } = await makeAnnexA(database.db, '2025-09-30');
    const list8 = annexA.lists.find((l) => l.number === 8)!;
    const column = list8.columns.findIndex((c) => c.header === 'Placement Type');
    const byChild = Object.fromEntries(list8.rows.map((r) => [r[0], r[column]]));
    expect(byChild).toEqual({ C1: 'p1) K3: Supported accommodation', C2: 'n) H5: Residential accommodation', C3: 'v) Z1: Other placements' });
  });
});

describe('the SSD import', () => {
  // Last: it adds the fixture's children (P1 to P4) to this database.
  it('accepts the withdrawn codes, since an extract holds placements from before 2025/26', async () => {
    const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/ssd/extract');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiller-placement-codes-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const file = path.join(dir, 'ssd_cla_placement.csv');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('PL1,POC1,P2,2020-05-01,U6', 'PL1,POC1,P2,2020-05-01,H5').replace('PL2,POC1,P2,2023-02-01,U4', 'PL2,POC1,P2,2023-02-01,Z1'));
      await importSsd(database.db, dir);
      expect(await database.db.selectFrom('placement').select(['id', 'placement_type']).where('person_id', '=', 'P2').orderBy('id').execute()).toEqual([
        { id: 'PL1', placement_type: 'H5' },
        { id: 'PL2', placement_type: 'Z1' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
