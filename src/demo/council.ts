// The fictional council the demo data belongs to. Nothing here is a real authority: the LA code 899 is
// not allocated to any English council, and the postcode area TB is not a real one.
export const council = {
  name: 'Tillbrook Borough Council',
  shortName: 'Tillbrook',
  /** The 3-digit DfE LA code, used in UPNs and returns. */
  laCode: '899',
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
