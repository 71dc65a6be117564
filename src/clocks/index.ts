// The statutory clock engine's public face, for pages, the API and indicators.
export { computeClocks } from './compute-clocks.ts';
export { loadClockRecords, type ClockScope } from './load-clock-records.ts';
export { clocksFromRecords } from './clocks-from-records.ts';
export { runClock, type ClockSubject, type ClockSettings } from './engine.ts';
export { loadClockSettings, parseClockSetting, CLOCK_SETTING_DEFAULTS } from './clock-settings.ts';
export { clockStatus, isOpen, isReportable, compareClockInstances, type ClockInstance, type ClockStatus } from './clock-instance.ts';
export { CLOCK_RULES, clockRule, describeInterval, type ClockRule, type ClockRuleId, type Interval, type CouncilSettingKey } from './rules.ts';
export { addInterval } from './interval.ts';
export { reportingPeriod, inPeriod, openOn, type ReportingPeriod } from './period.ts';
export type { ClockRecords } from './clock-records.ts';
