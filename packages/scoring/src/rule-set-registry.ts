import { ValidationError } from "@duty-ledger/domain";
import { compareIds } from "./instant.js";
import { builtInRuleSets, DEFAULT_RULE_SET_NAME, type RuleSet } from "./rule-set.js";

/**
 * The rule sets a query may name. `resolve("name")` gives the highest version of that name,
 * `resolve("name@2")` an exact version, `resolve(undefined)` the default rule set.
 */
export interface RuleSetRegistry {
  /** The rule set a reference names, or undefined. */
  get(ref: string): RuleSet | undefined;
  /** Like `get`, but an unknown or malformed reference is a ValidationError on field `rules`. */
  resolve(ref: string | undefined): RuleSet;
  /** Every rule set, by name then version. */
  list(): readonly RuleSet[];
  readonly defaultName: string;
}

const REF = /^([^@]+)(?:@(\d+))?$/;

/**
 * A registry holding the built-in rule sets (`default-2024`, `strict-2025`) and the given ones
 * (e.g. from `loadRuleSets`). The same name and version twice is an error; a file may not
 * replace a built-in `default-2024@1`, but may add `default-2024@2`.
 */
export const createRuleSetRegistry = (
  ruleSets: readonly RuleSet[] = [],
  options: { defaultName?: string } = {},
): RuleSetRegistry => {
  const byName = new Map<string, RuleSet[]>();
  for (const ruleSet of [...builtInRuleSets, ...ruleSets]) {
    const versions = byName.get(ruleSet.name) ?? [];
    if (versions.some((existing) => existing.version === ruleSet.version)) {
      throw new ValidationError(`rule set ${ruleSet.name}@${ruleSet.version} is defined twice`, {
        errors: [{ path: "name", message: "duplicate name and version" }],
      });
    }
    versions.push(ruleSet);
    versions.sort((a, b) => a.version - b.version);
    byName.set(ruleSet.name, versions);
  }
  const defaultName = options.defaultName ?? DEFAULT_RULE_SET_NAME;
  if (!byName.has(defaultName)) {
    throw new ValidationError(`default rule set ${defaultName} is not defined`, {
      errors: [{ path: "defaultName", message: "unknown rule set" }],
    });
  }

  const get = (ref: string): RuleSet | undefined => {
    const match = REF.exec(ref);
    if (match === null) return undefined;
    const versions = byName.get(match[1] ?? "");
    if (versions === undefined) return undefined;
    const version = match[2];
    return version === undefined ? versions.at(-1) : versions.find((r) => r.version === Number(version));
  };

  return {
    defaultName,
    get,
    resolve(ref) {
      const found = get(ref ?? defaultName);
      if (found === undefined) {
        throw new ValidationError(`unknown rule set: ${JSON.stringify(ref)}`, {
          errors: [{ path: "rules", message: "unknown rule set" }],
        });
      }
      return found;
    },
    list: () =>
      [...byName.keys()].sort(compareIds).flatMap((name) => byName.get(name) ?? []),
  };
};
