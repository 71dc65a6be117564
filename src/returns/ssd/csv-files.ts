// One SSD table as a CSV file (RFC 4180): UTF-8, the SSD column names as the header row, one record a
// line, LF or CRLF; a quoted value may hold commas, doubled quotes and line breaks. Reading reports the
// problems of the file's shape with line numbers; the values themselves are read by the table's mapping.
//
// The reader is Tiller's own: a library parser (csv-parse) measured ten times slower here, and an
// import of a million rows has a minute.
import fs from 'node:fs';

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

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Calls `onRecord` with each record's values and the line it starts on; empty lines are skipped.
 * Returns the problem that stopped it (a quoted value never closed, or text after a closing quote).
 */
export function parseCsv(text: string, onRecord: (cells: string[], line: number) => void): FileProblem | null {
  const n = text.length;
  let i = 0;
  let line = 1;
  // The next comma and line feed at or after i, found with indexOf and kept until passed.
  let nextComma = -1;
  let nextLf = -1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let quotedAny = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return { line: start, reason: 'opens a quoted value that is never closed: the file looks cut short' };
          const chunk = text.slice(from, q);
          line += countLf(chunk);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += chunk + '"';
            from = q + 2;
          } else {
            value += chunk;
            i = q + 1;
            break;
          }
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && !(c === CR && (i + 1 === n || text.charCodeAt(i + 1) === LF))) {
          return { line, reason: 'has text after a closing quote: a quote inside a quoted value must be doubled ("")' };
        }
      } else {
        if (nextComma < i) nextComma = indexOr(text, ',', i, n);
        if (nextLf < i) nextLf = indexOr(text, '\n', i, n);
        const end = nextComma < nextLf ? nextComma : nextLf;
        value = text.slice(i, end > i && text.charCodeAt(end - 1) === CR && end === nextLf ? end - 1 : end);
        i = end;
      }
      cells.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i += 1;
        if (i === n) cells.push('');
        else continue;
      } else if (c === CR) {
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        line += 1;
      } else if (c === LF) {
        i += 1;
        line += 1;
      }
      break;
    }
    if (cells.length > 1 || quotedAny || cells[0] !== '') onRecord(cells, start);
  }
  return null;
}

function indexOr(text: string, char: string, from: number, otherwise: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? otherwise : at;
}

function countLf(s: string): number {
  let count = 0;
  for (let at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', at + 1)) count++;
  return count;
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
