import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { builtInHolidayYears, holidayYearSchema, workingCalendarOf, type HolidayYear, type WorkingCalendar } from "@duty-ledger/domain";

/** The folder of the data directory a deployment puts its holiday files in: `<dataDir>/holidays/*.json`. */
export const HOLIDAYS_DIR_NAME = "holidays";

/**
 * The holiday files of a folder (`*.json`, each one year as `holidayYearSchema` says), in file
 * name order; none when the folder does not exist. A file that is not one is refused at start
 * (an Error naming it), never skipped: a deadline counted without a holiday would be wrong.
 */
export const loadHolidayYears = async (dir: string): Promise<HolidayYear[]> => {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return [];
    throw error;
  }
  const years: HolidayYear[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const path = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      throw new Error(`holiday file ${path} is not JSON: ${(error as Error).message}`);
    }
    const result = holidayYearSchema.safeParse(parsed);
    if (!result.success) throw new Error(`holiday file ${path} is not a holiday year: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    years.push(result.data);
  }
  return years;
};

/** The working calendar of a deployment: the built-in years, each replaced by a file of `<dataDir>/holidays/` of the same year, and the files' other years. */
export const loadWorkingCalendar = async (dataDir: string): Promise<WorkingCalendar> =>
  workingCalendarOf([...builtInHolidayYears, ...(await loadHolidayYears(join(dataDir, HOLIDAYS_DIR_NAME)))]);
