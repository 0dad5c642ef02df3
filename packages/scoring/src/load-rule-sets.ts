// The only I/O of @duty-ledger/scoring: reading rule-set files at a service's start.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { compareIds } from "./instant.js";
import { parseRuleSet, type RuleSet } from "./rule-set.js";

/**
 * Reads every `*.json` file of `dir` (conventionally `<dataDir>/rule-sets`), in name order,
 * and parses each as a rule set. A missing folder yields no rule sets; an invalid file
 * throws a ValidationError naming the file. Pass the result to `createRuleSetRegistry`.
 */
export const loadRuleSets = async (dir: string): Promise<RuleSet[]> => {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith(".json")).sort(compareIds);
  const ruleSets: RuleSet[] = [];
  for (const file of files) {
    const path = join(dir, file);
    ruleSets.push(parseRuleSet(await readFile(path, "utf8"), path));
  }
  return ruleSets;
};
