/** Strings of the auditor's desk: export, verification, tree heads and proofs, rankings reproduced (Chinese first; the English table must have every key, the type says so). */
const zh = {} as const;

const en: Readonly<Record<keyof typeof zh, string>> = {};

export const auditMessages = { zh, en };
