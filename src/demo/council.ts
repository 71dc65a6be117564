// The fictional council the demo data belongs to. Nothing here is a real authority: the LA code 899 is
// not allocated to any English council, and the postcode area TB is not a real one.
export const council = {
  name: 'Tillbrook Borough Council',
  shortName: 'Tillbrook',
  /** The 3-digit DfE LA code, used in UPNs and returns. */
  laCode: '899',
  /**
   * The LA code in the children's UPNs: the code of the authority whose school allocated the UPN. 899 is
   * not one the DfE recognises in a UPN (CIN rule 1530), so the demo's schools allocate under 001, the
   * first of the DfE's recognised pseudo-LA codes, rather than any real council's code.
   */
  upnLaCode: '001',
  /** Outward-code area for home and in-area placement postcodes. */
  postcodeArea: 'TB',
  towns: ['Tillbrook', 'Tillbrook Green', 'Upper Tillbrook', 'Marshfield', 'Eastwick', 'Holmbury', 'Sandle Cross'],
  police: 'Tillshire Police',
  hospital: 'Tillbrook General Hospital',
  /** The council's own fostering and adoption services' Ofsted URNs. */
  fosteringUrn: 'SC899001',
  adoptionUrn: 'SC899002',
} as const;

export type Council = typeof council;
