import { describe, expect, it } from 'vitest';
import { jsonLineChunks, jsonLines } from './text-table.ts';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `C${i}`, due: '2026-04-07' }));

describe('jsonLineChunks', () => {
  it('writes the same text as jsonLines, ending with a newline, whatever the piece size', () => {
    for (const n of [0, 1, 2, 3, 4, 7]) {
      for (const size of [1, 2, 3, 10]) expect(Array.from(jsonLineChunks(items(n), size)).join(''), `${n} items, pieces of ${size}`).toBe(`${jsonLines(items(n))}\n`);
    }
  });

  it('ends every piece with a newline, so each is written as it is', () => {
    const pieces = Array.from(jsonLineChunks(items(5), 2));
    expect(pieces).toEqual(['[\n{"id":"C0","due":"2026-04-07"},\n{"id":"C1","due":"2026-04-07"},\n', '{"id":"C2","due":"2026-04-07"},\n{"id":"C3","due":"2026-04-07"},\n', '{"id":"C4","due":"2026-04-07"}\n]\n']);
  });
});
