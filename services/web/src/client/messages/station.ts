/** Strings of the clerk's station desk: receptions, referrals, constituents' feedback, the station's record (Chinese first; the English table must have every key, the type says so). */
const zh = {} as const;

const en: Readonly<Record<keyof typeof zh, string>> = {};

export const stationMessages = { zh, en };
