/**
 * ISO 8601 durations of fixed length: `PnW`, or `PnDTnHnMnS` (any part may be omitted, seconds
 * may have a fraction), e.g. `P3D`, `PT36H`, `P1DT12H`. Years and months are refused: their
 * length depends on the calendar, and a setting must mean one span of time.
 */
const DURATION = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?)$/;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The duration in milliseconds, or `undefined` when `text` is not such a duration. */
export const parseIsoDurationMs = (text: string): number | undefined => {
  const match = DURATION.exec(text);
  if (match === null || text === "P" || text.endsWith("T")) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const number = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(",", ".")));
  const ms = number(weeks) * 7 * DAY + number(days) * DAY + number(hours) * HOUR + number(minutes) * MINUTE + number(seconds) * SECOND;
  return Number.isSafeInteger(Math.round(ms)) ? Math.round(ms) : undefined;
};

/** Milliseconds as an ISO 8601 duration of days, hours, minutes and seconds (`P3D`, `P1DT12H`, `PT0.5S`). */
export const formatIsoDurationMs = (ms: number): string => {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const seconds = (ms % MINUTE) / SECOND;
  const time = `${hours > 0 ? `${hours}H` : ""}${minutes > 0 ? `${minutes}M` : ""}${seconds > 0 ? `${seconds}S` : ""}`;
  if (days === 0 && time === "") return "PT0S";
  return `P${days > 0 ? `${days}D` : ""}${time === "" ? "" : `T${time}`}`;
};
