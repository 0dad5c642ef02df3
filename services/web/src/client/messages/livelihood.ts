/** Strings of 民生实事项目票决: the programme's stages, the result, the project board, evaluations (Chinese first; the English table must have every key, the type says so). */
const zh = {} as const;

const en: Readonly<Record<keyof typeof zh, string>> = {};

export const livelihoodMessages = { zh, en };
