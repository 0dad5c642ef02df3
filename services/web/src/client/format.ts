/** How figures, dates and times are shown, and the instants the page sends. */

/** Dates and times from the API carry their offset (+08:00): the first ten characters are the date there. */
export const dateOf = (iso: string | null | undefined): string => (iso === null || iso === undefined ? "—" : iso.slice(0, 10));

export const dateTimeOf = (iso: string | null | undefined): string =>
  iso === null || iso === undefined ? "—" : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)}%`;

export const indexText = (value: number | null | undefined): string => (value === null || value === undefined ? "—" : value.toFixed(1));

const pad = (n: number): string => String(n).padStart(2, "0");

/** `date` as ISO 8601 with the browser's offset, seconds precision: `2026-11-21T16:35:00+08:00`. */
export const isoWithOffset = (date: Date): string => {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
};

/** The value of a `datetime-local` input for `date` (browser time, minutes). */
export const localDateTimeValue = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** A `datetime-local` value (browser time) as ISO 8601 with offset; null when empty or invalid. */
export const fromLocalDateTime = (value: string): string | null => {
  if (value === "") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : isoWithOffset(date);
};

const shanghaiDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Asia/Shanghai, `YYYY-MM-DD` (the ledger's calendar). */
export const todayInShanghai = (now = new Date()): string => shanghaiDay.format(now);

export const currentShanghaiYear = (now = new Date()): number => Number(todayInShanghai(now).slice(0, 4));

/** The end of a Shanghai calendar day, as an `asOf`. */
export const endOfShanghaiDay = (date: string): string => `${date}T23:59:59+08:00`;

/** A timeline summary is "中文 / English": the half in the page's language. */
export const summaryIn = (summary: string, english: boolean): string => {
  const at = summary.lastIndexOf(" / ");
  if (at < 0) return summary;
  return english ? summary.slice(at + 3) : summary.slice(0, at);
};
