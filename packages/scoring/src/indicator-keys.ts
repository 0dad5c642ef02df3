/** The seven indicators, in the order of scoring.md. */
export const INDICATOR_KEYS = [
  "attention",
  "completion",
  "consultation",
  "satisfaction",
  "resolution",
  "publication",
  "digital",
] as const;

export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
