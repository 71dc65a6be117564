// The indicator engine's public face: what dashboards, the report, the API and exception lists use.
export {
  computeIndicators,
  computeIndicatorsFromData,
  indicatorSeries,
  indicatorBreakdown,
  breakdownFromResult,
  toInterfaceJson,
  type IndicatorResult,
  type IndicatorsReport,
  type IndicatorBreakdown,
  type BreakdownRow,
  type ComputeOptions,
  type InterfaceIndicatorsJson,
} from './engine.ts';
export {
  INDICATORS,
  INTERFACE_INDICATOR_IDS,
  indicatorDefinition,
  type IndicatorDefinition,
  type IndicatorArea,
  type GoodDirection,
  type BreakdownBy,
} from './definitions.ts';
export { loadIndicatorData, type IndicatorData } from './data.ts';
export { indicatorPeriod, monthEnds, type IndicatorPeriod } from './period.ts';
export type { Member, IndicatorUnit } from './measure.ts';
export { INDICATOR_SETTING_KEYS } from './settings.ts';
export { ENGLAND, latestEnglandValue, type EnglandValue } from './england.ts';
