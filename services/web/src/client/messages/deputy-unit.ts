/** Strings of the deputy's and the unit's work: records, contacts, suggestions, evaluation, handling, replies, opinion inbox (Chinese first; the English table must have every key, the type says so). */
const zh = {} as const;

const en: Readonly<Record<keyof typeof zh, string>> = {};

export const deputyUnitMessages = { zh, en };
