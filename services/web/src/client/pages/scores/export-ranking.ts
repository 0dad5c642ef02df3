import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import type { ScoresAnswer } from "../../api-answers.js";
import type { Translate } from "../../i18n.js";
import type { UnitNames } from "../../views/unit-names.js";

/**
 * The ranking as an `.xlsx` file: one row per unit (ranked first, in rank order, then the
 * unranked with the reason), the index and the seven indicators as percentages (numbers, one
 * decimal), the assigned count. `write-excel-file` is imported here only, and this module only
 * when the reader exports, so neither counts in the page's first load.
 */
export interface ExportInput {
  readonly scores: ScoresAnswer;
  readonly names: UnitNames;
  readonly t: Translate;
  /** Why each unranked unit is not ranked. */
  readonly reasonOf: (unitId: string) => string;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export const exportRanking = async ({ scores, names, t, reasonOf }: ExportInput): Promise<string> => {
  const { default: writeXlsxFile } = await import("write-excel-file/browser");
  const header = [t("scores.rank"), t("scores.unit"), t("common.unit"), t("scores.index"), ...INDICATOR_KEYS.map((key) => t(`indicator.${key}`)), t("scores.assigned"), t("scores.reason")];
  const rows = scores.units.map((unit) => [
    unit.rank === null ? null : { value: unit.rank },
    { value: names.get(unit.unitId) ?? unit.unitId },
    { value: unit.unitId },
    unit.index === null ? null : { value: round1(unit.index) },
    ...INDICATOR_KEYS.map((key) => {
      const value = unit.indicators[key];
      return value === null ? null : { value: round1(value * 100) };
    }),
    { value: unit.assigned },
    unit.rank === null ? { value: reasonOf(unit.unitId) } : null,
  ]);
  const fileName = `${t("scores.exportSheet")}-${scores.period}-${scores.rules}.xlsx`;
  await writeXlsxFile([header.map((value) => ({ value, fontWeight: "bold" as const })), ...rows], {
    sheet: t("scores.exportSheet"),
    columns: [{ width: 6 }, { width: 28 }, { width: 14 }, { width: 8 }, ...INDICATOR_KEYS.map(() => ({ width: 10 })), { width: 8 }, { width: 36 }],
    stickyRowsCount: 1,
  }).toFile(fileName);
  return fileName;
};
