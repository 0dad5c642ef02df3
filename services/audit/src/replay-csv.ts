import type { Replay } from "./replay.js";

/**
 * A replay as CSV tables (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break). Nested fields become dotted columns
 * (`contacts.byChannel.station`); lists (the ids behind each figure) are left to the JSON
 * output. Numbers are written unrounded, as JavaScript prints them.
 */

export const replayTables = ["records", "scores", "unit-scores"] as const;
export type ReplayTable = (typeof replayTables)[number];

export const isReplayTable = (value: string): value is ReplayTable => (replayTables as readonly string[]).includes(value);

type Cell = string | number | boolean | null;

const flattenInto = (value: unknown, prefix: string, row: Map<string, Cell>): void => {
  if (Array.isArray(value)) return;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix !== "") row.set(prefix, null);
    for (const [key, child] of entries) flattenInto(child, prefix === "" ? key : `${prefix}.${key}`, row);
    return;
  }
  if (prefix === "") return;
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") row.set(prefix, value);
};

const flatten = (value: unknown, leading: Readonly<Record<string, Cell>> = {}): Map<string, Cell> => {
  const row = new Map<string, Cell>(Object.entries(leading));
  flattenInto(value, "", row);
  return row;
};

const field = (cell: Cell | undefined): string => {
  if (cell === undefined || cell === null) return "";
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows with the union of their columns, in order of first appearance. */
export const toCsv = (rows: readonly Map<string, Cell>[]): string => {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const column of row.keys()) {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(columns.map((column) => field(row.get(column))).join(","));
  return `${lines.join("\r\n")}\r\n`;
};

export const replayCsv = (replay: Replay, table: ReplayTable): string => {
  switch (table) {
    case "records":
      return toCsv(replay.deputyRecords.map((record) => flatten(record)));
    case "scores":
      return toCsv(
        replay.scores.flatMap((answer) =>
          answer.units.map((unit) => flatten(unit, { period: answer.period, rules: `${answer.rules}@${answer.rulesVersion}`, asOf: answer.asOf })),
        ),
      );
    case "unit-scores":
      return toCsv(replay.unitScores.map((answer) => flatten(answer)));
    default: {
      const _exhaustive: never = table;
      throw new Error(`unknown table ${String(_exhaustive)}`);
    }
  }
};
