import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { SQLITE_SCHEMA_VERSION, createSqliteEventStore, newEventId } from "@duty-ledger/event-store";
import { afterAll, describe, expect, it } from "vitest";
import { cachedProvinceLog, generatorVersion, type CachedLogManifest } from "./bench-log-cache.js";

const cacheDir = mkdtempSync(join(tmpdir(), "duty-ledger-bench-cache-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const manifestOf = (path: string): CachedLogManifest => JSON.parse(readFileSync(join(dirname(path), "manifest.json"), "utf8")) as CachedLogManifest;

describe("cachedProvinceLog", () => {
  it("seeds once, reuses the file, seeds again when the file was changed, and removes other versions", async () => {
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);
    const version = generatorVersion();
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    const stale = join(cacheDir, "county-7-000000000000");
    mkdirSync(stale);
    writeFileSync(join(stale, "manifest.json"), "{}");

    const path = await cachedProvinceLog({ profile: "county", seed: 7, cacheDir, log });
    expect(basename(dirname(path))).toBe(`county-7-${version}`);
    const manifest = manifestOf(path);
    expect(manifest).toMatchObject({ profile: "county", seed: "7", generatorVersion: version, schemaVersion: SQLITE_SCHEMA_VERSION });
    expect(manifest.events).toBeGreaterThan(1000);
    expect(manifest.headPosition).toBe(manifest.events);
    expect(lines.some((line) => line.includes("seeding county"))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);

    lines.length = 0;
    expect(await cachedProvinceLog({ profile: "county", seed: 7, cacheDir, log })).toBe(path);
    expect(manifestOf(path).seededAt).toBe(manifest.seededAt);
    expect(lines).toEqual([]);

    // Someone appended to the shared file: it no longer holds what the manifest says.
    const store = createSqliteEventStore({ path, pollIntervalMs: 0, durability: "normal" });
    await store.append("tampered", [{ id: newEventId(), type: "Tampered", data: {}, metadata: { actor: { id: "t", role: "system" } } }]);
    await store.close();
    expect(await cachedProvinceLog({ profile: "county", seed: 7, cacheDir, log })).toBe(path);
    expect(manifestOf(path).seededAt).not.toBe(manifest.seededAt);
    expect(manifestOf(path).headPosition).toBe(manifest.headPosition);
  }, 120_000);
});
