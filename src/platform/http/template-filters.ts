import type nunjucks from 'nunjucks';

/** Filters every template may use. */
export function addTemplateFilters(env: nunjucks.Environment): void {
  env.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : String(n ?? '')));
  // Options for GOV.UK radios and checkboxes, and selects, marked with what the user chose.
  const chosen = (value: unknown) => new Set((Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(String));
  env.addFilter('checkedItems', (options: Array<{ value: string; text: string }>, value: unknown) => options.map((o) => ({ ...o, checked: chosen(value).has(o.value) })));
  env.addFilter('selectedItems', (options: Array<{ value: string; text: string }>, value: unknown) => options.map((o) => ({ ...o, selected: chosen(value).has(o.value) })));
  // 2026-03-07 → 7 Mar 2026. The formatters are made once: toLocaleDateString with options builds a new
  // Intl.DateTimeFormat on every call, which was most of a busy page's rendering time.
  const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  env.addFilter('date', (iso: unknown) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : String(iso ?? '')));
  // An instant in UK time: 7 Mar 2026, 14:05
  const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  env.addFilter('datetime', (d: unknown) => {
    const date = d instanceof Date ? d : typeof d === 'string' ? new Date(d) : null;
    if (!date || Number.isNaN(date.getTime())) return '';
    return dateTimeFormat.format(date);
  });
}
