import { describe, expect, it } from "vitest";
import { jsonForScriptBlock } from "./page-html.js";
import { pageSecurityPolicy } from "./page-security-policy.js";
import { acceptedEncodings, createStaticAsset } from "./static-asset.js";

describe("acceptedEncodings", () => {
  it("lists the codings offered, without those refused with q=0", () => {
    expect([...acceptedEncodings("gzip, deflate, br")]).toEqual(["gzip", "deflate", "br"]);
    expect([...acceptedEncodings("br;q=0, GZIP;q=0.5")]).toEqual(["gzip"]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});

describe("createStaticAsset", () => {
  it("compresses what is worth it, and names the content by its hash", async () => {
    const big = await createStaticAsset("text/javascript", "console.log('duty-ledger');\n".repeat(200), true);
    expect(big.brotli?.byteLength).toBeLessThan(big.body.byteLength);
    expect(big.gzip?.byteLength).toBeLessThan(big.body.byteLength);
    const small = await createStaticAsset("text/css", "a{}", true);
    expect(small.brotli).toBeNull();
    expect(small.gzip).toBeNull();
    expect((await createStaticAsset("text/css", "a{}", true)).etag).toBe(small.etag);
    expect((await createStaticAsset("text/css", "b{}", true)).etag).not.toBe(small.etag);
  });
});

describe("jsonForScriptBlock", () => {
  it("cannot close the script element it is in", () => {
    const text = jsonForScriptBlock({ a: "</script><script>x()</script>", b: "\u2028" });
    expect(text).not.toContain("<");
    expect(JSON.parse(text)).toEqual({ a: "</script><script>x()</script>", b: "\u2028" });
  });
});

describe("pageSecurityPolicy", () => {
  it("lets the page fetch only its own origin, and the OIDC provider's when there is one", () => {
    expect(pageSecurityPolicy(undefined)).toContain("connect-src 'self';");
    expect(pageSecurityPolicy("https://id.example.org/realms/x/")).toContain("connect-src 'self' https://id.example.org;");
    expect(pageSecurityPolicy(undefined)).toContain("frame-ancestors 'none'");
  });
});
