import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { deadlinePolicySchema, policies as builtInPolicies, type DeadlinePolicy, type PolicyRegistry } from "@duty-ledger/domain";

/** The folder of the data directory a deployment puts its deadline policies in: `<dataDir>/deadline-policies/*.json`. */
export const DEADLINE_POLICIES_DIR_NAME = "deadline-policies";

/**
 * The deadline policies of a deployment: the built-in ones (`national-default`, `session-close`)
 * and one policy per `*.json` file of `<dataDir>/deadline-policies/` (as `deadlinePolicySchema`
 * says), in file name order; only the built-in ones when the folder does not exist. A file that
 * is not JSON, not a policy, or a name and version already known is refused at start (an Error
 * naming the file), never skipped: an assignment naming it would otherwise be refused, or get
 * another policy's due date.
 */
export const loadDeadlinePolicies = async (dataDir: string): Promise<PolicyRegistry> => {
  const dir = join(dataDir, DEADLINE_POLICIES_DIR_NAME);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return builtInPolicies;
    throw error;
  }
  const registry: DeadlinePolicy[] = [...builtInPolicies];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    const path = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      throw new Error(`deadline policy file ${path} is not JSON: ${(error as Error).message}`);
    }
    const result = deadlinePolicySchema.safeParse(parsed);
    if (!result.success) {
      throw new Error(`deadline policy file ${path} is not a deadline policy: ${result.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ")}`);
    }
    const policy = result.data;
    if (registry.some((p) => p.name === policy.name && p.version === policy.version)) {
      throw new Error(`deadline policy file ${path}: policy ${policy.name} v${policy.version} is already defined (a new rule is a new version)`);
    }
    registry.push(policy);
  }
  return registry;
};
