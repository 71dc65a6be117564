// One SSD table as a CSV file (RFC 4180): UTF-8, the SSD column names as the header row, one record a
// line, LF or CRLF; a quoted value may hold commas, doubled quotes and line breaks. Reading reports the
// problems of the file's shape with line numbers; the values themselves are read by the table's mapping.
//
import fs from 'node:fs';
import Papa from 'papaparse';

export interface FileProblem {
  line: number;
  reason: string;
}

export interface CsvVisitor {
  /** The header's names, trimmed and lower-cased, before any record. */
  onHeader(header: string[]): void;
  /** Each record after the header with the same number of values, with the line it starts on. */
  onRecord(cells: string[], line: number): void;
}

/**
 * Reads `file` record by record. A record whose number of values differs from the header's, and a
 * quoted value never closed (a file cut short), are problems; so is text that is not UTF-8.
 */
export function readCsvFile(file: string, visitor: CsvVisitor): FileProblem[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(fs.readFileSync(file));
  } catch {
    return [{ line: 1, reason: 'is not UTF-8 text: save it as CSV UTF-8' }];
  }
  const problems: FileProblem[] = [];
  let width = -1;
  const broken = parseCsv(text, (cells, line) => {
    if (width < 0) {
      width = cells.length;
      visitor.onHeader(cells.map((c) => c.trim().toLowerCase()));
    } else if (cells.length !== width) {
      problems.push({ line, reason: `has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} where the header has ${width} (a broken or cut-short line)` });
    } else {
      visitor.onRecord(cells, line);
    }
  });
  if (broken) problems.push(broken);
  if (width < 0 && problems.length === 0) problems.push({ line: 1, reason: 'is empty: it needs at least the header row' });
  return problems;
}

/**
 * Calls `onRecord` with each record's values and the line it starts on; empty lines are skipped.
 * Returns the problem that stopped it (a quoted value never closed, or text after a closing quote).
 * Parsing is Papa Parse's; line endings are made LF first, so a file mixing CRLF and LF reads as an
 * editor shows it (a CRLF inside a quoted value becomes LF).
 */
export function parseCsv(text: string, onRecord: (cells: string[], line: number) => void): FileProblem | null {
  const lf = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  let problem: FileProblem | null = null;
  // Line numbers: the LFs before a record's first character, counted on from the last record's start.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (let at = lf.indexOf('\n', counted); at >= 0 && at < offset; at = lf.indexOf('\n', at + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  let recordStart = 0;
  Papa.parse<string[]>(lf, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: true,
    step: (result, handle) => {
      const start = lineAt(firstNonNewline(lf, recordStart));
      const error = result.errors[0];
      if (error) {
        problem =
          error.code === 'InvalidQuotes'
            ? { line: lineAt(error.index ?? recordStart), reason: 'has text after a closing quote: a quote inside a quoted value must be doubled ("")' }
            : error.code === 'MissingQuotes'
              ? { line: start, reason: 'opens a quoted value that is never closed: the file looks cut short' }
              : { line: start, reason: `cannot be read as CSV: ${error.message}` };
        handle.abort();
        return;
      }
      recordStart = result.meta.cursor;
      onRecord(result.data, start);
    },
  });
  return problem;
}

function firstNonNewline(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 10) i++;
  return i;
}

/** Writes a header and rows, a line each (LF); a value is quoted only where CSV needs it. */
export function writeCsvFile(file: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
