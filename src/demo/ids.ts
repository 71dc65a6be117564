// Short, readable, deterministic ids: a prefix per record kind and a running number ('C000123',
// 'REF004521'). The same seed issues the same ids in the same order.
export class Ids {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return prefix + String(n).padStart(6, '0');
  }
}
