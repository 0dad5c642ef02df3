import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRuleSets } from "./load-rule-sets.js";

const weights = { attention: 10, completion: 20, consultation: 15, satisfaction: 20, resolution: 20, publication: 5, digital: 10 };

describe("loadRuleSets (real files)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "rule-sets-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads every *.json in name order, ignoring other files", async () => {
    await writeFile(join(dir, "b.json"), JSON.stringify({ name: "b", version: 1, weights }));
    await writeFile(join(dir, "a.json"), JSON.stringify({ name: "a", version: 1, weights, options: { resolvedCategories: ["A", "B"] } }));
    await writeFile(join(dir, "notes.txt"), "not a rule set");
    const ruleSets = await loadRuleSets(dir);
    expect(ruleSets.map((r) => r.name)).toEqual(["a", "b"]);
    expect(ruleSets[0]?.options.resolvedCategories).toEqual(["A", "B"]);
  });

  it("a missing folder yields no rule sets", async () => {
    expect(await loadRuleSets(join(dir, "absent"))).toEqual([]);
  });

  it("an invalid file throws naming the file", async () => {
    await writeFile(join(dir, "bad.json"), JSON.stringify({ name: "bad", version: 1, weights: { attention: 1 } }));
    await expect(loadRuleSets(dir)).rejects.toThrow(/bad\.json.*weights\.completion/);
  });
});
