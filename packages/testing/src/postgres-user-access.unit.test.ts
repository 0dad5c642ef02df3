import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertPostgresUserCanReach, firstClosedFolder } from "./postgres-user-access.js";

describe("the postgres user's way to the server's files", () => {
  const root = mkdtempSync(join(tmpdir(), "pg-access-"));
  const closed = join(root, "closed");
  const open = join(root, "open");
  mkdirSync(join(closed, "inner"), { recursive: true });
  mkdirSync(join(open, "inner"), { recursive: true });
  chmodSync(root, 0o755);
  chmodSync(closed, 0o700);
  chmodSync(open, 0o755);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("names the first folder others may not enter", () => {
    expect(firstClosedFolder(join(closed, "inner", "file"))).toBe(closed);
    expect(firstClosedFolder(join(open, "inner", "file"))).toBeUndefined();
  });

  it("refuses, saying what to do, only when root would hand the server to postgres", () => {
    expect(() => assertPostgresUserCanReach([join(closed, "inner", "pgdata")], 0)).toThrow(`cannot enter ${closed} (mode 700)`);
    expect(() => assertPostgresUserCanReach([join(closed, "inner", "pgdata")], 1000)).not.toThrow();
    expect(() => assertPostgresUserCanReach([join(open, "inner", "pgdata")], 0)).not.toThrow();
  });
});
