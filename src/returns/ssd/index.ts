// SSD import and export's public face (docs/ssd.md).
export { importSsd, describeProblem, SsdImportRejected, type SsdImportResult, type SsdFileSummary, type SsdProblem, type ImportOptions } from './import-ssd.ts';
export { exportSsd, type SsdExportResult, type ExportOptions } from './export-ssd.ts';
export { SSD_TABLES, SSD_TABLES_NOT_HELD, type SsdTable, type SsdColumn } from './mapping.ts';
export { importSsdCommand, exportSsdCommand } from './ssd-command.ts';
