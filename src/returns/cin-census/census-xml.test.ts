// Writing the census as the DfE's XML (checked against the 2025/26 schema, shipped as a test fixture)
// and reading any council's file back into the same model.
import { describe, expect, it } from 'vitest';
import { cleanCensus } from '../../../test/fixtures/cin/clean-census.ts';
import { schemaErrors } from '../../../test/fixtures/cin/schema.ts';
import { isAppError } from '../../platform/errors.ts';
import { censusFromXml, censusToXml } from './census-xml.ts';

function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e) && e.code === 'BAD_INPUT') return [e.userMessage, ...e.fieldErrors.map((f) => `${f.field}: ${f.message}`)].join('\n');
    throw e;
  }
  throw new Error('expected BAD_INPUT');
}

describe('the CIN census XML', () => {
  it('is valid against the DfE schema for 2025/26, elements in schema order', async () => {
    const xml = censusToXml(cleanCensus());
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>')).toBe(true);
    // ReferralNFA comes after the modules before it in the schema, not beside the other flags.
    expect(xml.indexOf('<ReferralNFA>')).toBeGreaterThan(xml.indexOf('</Section47>'));
    expect(xml).toContain('<Sex>M</Sex>');
    expect(xml).not.toContain('GenderCurrent');
  });

  it('fails the schema when a value is outside its code set (the schema really checks)', async () => {
    const census = cleanCensus();
    census.children[0]!.Sex = '1';
    const errors = await schemaErrors(censusToXml(census));
    expect(errors.join('\n')).toMatch(/Sex.*'1'/);
  });

  it('reads back into the same model', () => {
    const census = cleanCensus();
    expect(censusFromXml(censusToXml(census))).toEqual(census);
  });

  it('escapes text and reads it back', () => {
    const census = cleanCensus();
    census.header.SoftwareCode = 'Tiller & <friends>';
    const xml = censusToXml(census);
    expect(xml).toContain('Tiller &amp; &lt;friends&gt;');
    expect(censusFromXml(xml).header.SoftwareCode).toBe('Tiller & <friends>');
  });

  it('reads a council’s file in any element order, keeping invalid codes for the rules to report', () => {
    const xml = `<?xml version="1.0"?>
      <Message><Header><CollectionDetails><ReferenceDate>2026-03-31</ReferenceDate><Year>2026</Year></CollectionDetails></Header>
      <Children><Child>
        <ChildCharacteristics><Disabilities><Disability>MOB</Disability></Disabilities><Ethnicity>XXXX</Ethnicity></ChildCharacteristics>
        <ChildIdentifiers><Sex>M</Sex><LAchildID>K1</LAchildID><PersonBirthDate>2014-01-01</PersonBirthDate></ChildIdentifiers>
        <CINdetails><ReferralNFA>0</ReferralNFA><CINreferralDate>2025-06-01</CINreferralDate>
          <ChildProtectionPlans><CPPstartDate>2025-07-01</CPPstartDate><Reviews><CPPreviewDate>2025-09-01</CPPreviewDate><CPPreviewDate/></Reviews></ChildProtectionPlans>
          <ChildProtectionPlans><CPPstartDate>2025-08-01</CPPstartDate><Reviews><CPPreviewDate>2025-09-02</CPPreviewDate></Reviews><Reviews><CPPreviewDate>2025-12-02</CPPreviewDate></Reviews></ChildProtectionPlans>
        </CINdetails>
      </Child></Children></Message>`;
    const census = censusFromXml(xml);
    expect(census.header).toMatchObject({ Year: '2026', ReferenceDate: '2026-03-31', LEA: null });
    const child = census.children[0]!;
    expect(child).toMatchObject({ LAchildID: 'K1', Sex: 'M', Ethnicity: 'XXXX', Disabilities: ['MOB'] });
    expect(child.CINdetails[0]!.ReferralNFA).toBe('0');
    // Every review date in every Reviews element; an empty one is a review without a date.
    expect(child.CINdetails[0]!.ChildProtectionPlans.map((c) => c.Reviews)).toEqual([['2025-09-01', null], ['2025-09-02', '2025-12-02']]);
  });

  it('refuses a file that is not XML, not a census, or holds a date that is not a date', () => {
    expect(badInput(() => censusFromXml('<Message><Children>'))).toMatch(/not well-formed XML/);
    expect(badInput(() => censusFromXml('<Return><Children/></Return>'))).toMatch(/root element is not <Message>/);
    expect(badInput(() => censusFromXml('<Message><Header/></Message>'))).toMatch(/no <Children>/);
    const bad = badInput(() =>
      censusFromXml('<Message><Children><Child><ChildIdentifiers><LAchildID>K9</LAchildID><PersonBirthDate>2014-02-30</PersonBirthDate></ChildIdentifiers></Child></Children></Message>'),
    );
    expect(bad).toMatch(/1 value\(s\) that are not dates/);
    expect(bad).toMatch(/K9 PersonBirthDate: "2014-02-30" is not a date/);
  });
});
