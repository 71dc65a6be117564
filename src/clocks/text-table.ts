/** A plain text table for the terminal: columns padded to their widest cell, a rule under the header. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A JSON array with one item per line: valid JSON, readable, and diff-friendly for long lists. */
export function jsonLines(items: readonly unknown[]): string {
  return items.length === 0 ? '[]' : `[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]`;
}

/**
 * The text of `jsonLines(items)` and a final newline, in pieces of `size` items each ending with a newline:
 * a whole council's clocks are written as they are formatted instead of as one 50 MB string.
 */
export function* jsonLineChunks(items: readonly unknown[], size = 10_000): Generator<string> {
  if (items.length === 0) {
    yield '[]\n';
    return;
  }
  for (let from = 0; from < items.length; from += size) {
    const to = Math.min(from + size, items.length);
    const lines: string[] = [];
    for (let i = from; i < to; i++) lines.push(JSON.stringify(items[i]));
    yield `${from === 0 ? '[\n' : ''}${lines.join(',\n')}${to === items.length ? '\n]\n' : ',\n'}`;
  }
}
