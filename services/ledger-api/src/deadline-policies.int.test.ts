import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nationalDefaultPolicy, policies } from "@duty-ledger/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEADLINE_POLICIES_DIR_NAME, loadDeadlinePolicies } from "./deadline-policies.js";

let dataDir: string;
const policyFile = (name: string, content: unknown): string => {
  mkdirSync(join(dataDir, DEADLINE_POLICIES_DIR_NAME), { recursive: true });
  const path = join(dataDir, DEADLINE_POLICIES_DIR_NAME, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const provincial = { ...nationalDefaultPolicy, name: "province-2026", description: "Reply due 2 months after assignment.", replyMonths: 2, complexReplyMonths: 4 };

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-policies-"));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("loadDeadlinePolicies", () => {
  it("without the folder: the built-in policies", async () => {
    expect(await loadDeadlinePolicies(dataDir)).toEqual(policies);
  });
  it("adds each file's policy beside the built-in ones, in file name order", async () => {
    policyFile("b.json", { ...provincial, version: 2, replyMonths: 1 });
    policyFile("a.json", provincial);
    policyFile("notes.txt", "not a policy");
    const loaded = await loadDeadlinePolicies(dataDir);
    expect(loaded.map((p) => `${p.name} v${p.version}`)).toEqual(["national-default v1", "session-close v1", "province-2026 v1", "province-2026 v2"]);
  });
  it("refuses a file that is not JSON, naming it", async () => {
    const path = policyFile("broken.json", "{ not json");
    await expect(loadDeadlinePolicies(dataDir)).rejects.toThrow(`deadline policy file ${path} is not JSON`);
  });
  it("refuses a file that is not a policy, naming it and the field", async () => {
    const path = policyFile("bad.json", { ...provincial, replyMonths: 0 });
    await expect(loadDeadlinePolicies(dataDir)).rejects.toThrow(new RegExp(`deadline policy file ${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not a deadline policy: replyMonths`));
  });
  it("refuses a name and version already defined (built-in or another file)", async () => {
    const path = policyFile("again.json", nationalDefaultPolicy);
    await expect(loadDeadlinePolicies(dataDir)).rejects.toThrow(`deadline policy file ${path}: policy national-default v1 is already defined`);
  });
});
