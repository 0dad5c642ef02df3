import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientBundle } from "./client-bundle-types.js";
import { readPrebuiltClient, writePrebuiltClient } from "./prebuilt-client.js";
import { createStaticAsset } from "./static-asset.js";

const made: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "duty-ledger-prebuilt-"));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bundleOf = async (inputs: string[]): Promise<ClientBundle> => {
  const script = await createStaticAsset("text/javascript; charset=utf-8", `console.log(${JSON.stringify("x".repeat(2000))});`, true);
  const style = await createStaticAsset("text/css; charset=utf-8", "body{margin:0}", true);
  return {
    assets: new Map([
      ["app-1.js", script],
      ["app-1.css", style],
    ]),
    script: "app-1.js",
    style: "app-1.css",
    preload: [],
    inputs,
    stats: { files: 2, bytes: 0, brotliBytes: 0, buildMs: 0 },
  };
};

describe("the client bundle written by pnpm build", () => {
  it("reads back what was written, compressed forms included, while its sources are unchanged", async () => {
    const sources = tempDir();
    const source = join(sources, "main.ts");
    writeFileSync(source, "export {};\n");
    const bundle = await bundleOf([source]);
    const dir = join(tempDir(), "client");
    writePrebuiltClient(bundle, dir, bundle.inputs);
    const read = readPrebuiltClient(dir);
    expect(read?.script).toBe("app-1.js");
    expect(read?.style).toBe("app-1.css");
    const script = read?.assets.get("app-1.js");
    const original = bundle.assets.get("app-1.js");
    expect(script?.body.equals(original?.body ?? Buffer.alloc(0))).toBe(true);
    expect(script?.brotli?.equals(original?.brotli ?? Buffer.alloc(0))).toBe(true);
    expect(script?.etag).toBe(original?.etag);
    expect(read?.assets.get("app-1.css")?.brotli).toBeNull();
    expect(read?.inputs).toEqual([source]);
  });

  it("replaces a bundle written before as a whole, leaving nothing beside it", async () => {
    const sources = tempDir();
    const source = join(sources, "main.ts");
    writeFileSync(source, "export {};\n");
    const parent = tempDir();
    const dir = join(parent, "client");
    writePrebuiltClient(await bundleOf([source]), dir, [source]);
    const first = await bundleOf([source]);
    const renamed = new Map([...first.assets].map(([name, asset]) => [name === "app-1.js" ? "app-2.js" : name, asset] as const));
    const second: ClientBundle = { ...first, assets: renamed, script: "app-2.js" };
    writePrebuiltClient(second, dir, [source]);
    expect(readPrebuiltClient(dir)?.script).toBe("app-2.js");
    expect(readdirSync(dir).filter((name) => name.startsWith("app-1.js"))).toEqual([]);
    expect(readdirSync(parent)).toEqual(["client"]);
  });

  it("is not served once a source changed or is gone, nor when there is none", async () => {
    const sources = tempDir();
    const changed = join(sources, "a.ts");
    const gone = join(sources, "b.ts");
    writeFileSync(changed, "export const a = 1;\n");
    writeFileSync(gone, "export const b = 1;\n");
    const bundle = await bundleOf([changed]);
    const dir = join(tempDir(), "client");
    writePrebuiltClient(bundle, dir, [changed]);
    writeFileSync(changed, "export const a = 2;\n");
    expect(readPrebuiltClient(dir)).toBeNull();
    writePrebuiltClient(bundle, dir, [gone]);
    expect(readPrebuiltClient(dir)).not.toBeNull();
    rmSync(gone);
    expect(readPrebuiltClient(dir)).toBeNull();
    expect(readPrebuiltClient(join(sources, "nothing-here"))).toBeNull();
  });
});
