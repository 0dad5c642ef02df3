/** Strings of the office's desk: registries, pre-review queue, assignment, extension, supervision, rankings (Chinese first; the English table must have every key, the type says so). */
const zh = {} as const;

const en: Readonly<Record<keyof typeof zh, string>> = {};

export const officeMessages = { zh, en };
