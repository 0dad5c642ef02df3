import { isIP } from "node:net";
import { z } from "zod";

/**
 * `DUTY_LEDGER_TRUST_PROXY` (issue 20, point 5): which `X-Forwarded-For` hops express believes
 * for `req.ip`, the address the per-address rate limit counts. Behind a TLS proxy without it,
 * every client has the proxy's address and all share one budget.
 *
 * - unset, `false` or `0`: no proxy is trusted (`req.ip` is the peer's address);
 * - a hop count `1`–`16`: trust that many proxies in front of the server (express's number);
 * - a comma-separated list of the proxies' addresses: IPv4/IPv6 addresses, CIDR ranges
 *   (`10.0.0.0/8`, `fd00::/8`) or express's names `loopback`, `linklocal`, `uniquelocal`.
 *
 * `true` (trust every hop) is refused: any client could then choose its address, and its budget.
 */
export type TrustProxy = false | number | readonly string[];

const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address, a CIDR range or one of express's names; `null` when it is one, else why not. */
const refusalOfEntry = (entry: string): string | null => {
  if (namedRanges.has(entry)) return null;
  const [address = "", prefix, extra] = entry.split("/");
  if (extra !== undefined) return `${JSON.stringify(entry)} is not an address or CIDR range`;
  const family = isIP(address);
  if (family === 0) return `${JSON.stringify(entry)} is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal`;
  if (prefix === undefined) return null;
  const bits = family === 4 ? 32 : 128;
  if (!/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > bits) return `${JSON.stringify(entry)}: the prefix length must be 0-${bits}`;
  return null;
};

const refused = "trusting every hop lets any client choose its address (and its rate-limit budget): give a hop count or the proxies' addresses";

export const trustProxySchema = z
  .string()
  .default("false")
  .transform((text, ctx): TrustProxy => {
    const value = text.trim();
    if (value === "false" || value === "0") return false;
    if (value === "true") {
      ctx.addIssue({ code: "custom", message: refused });
      return z.NEVER;
    }
    if (/^[0-9]+$/.test(value)) {
      const hops = Number(value);
      if (hops > 16) ctx.addIssue({ code: "custom", message: "a hop count must be 0-16" });
      return hops;
    }
    const entries = value.split(",").map((entry) => entry.trim());
    for (const entry of entries) {
      const refusal = entry === "" ? "an empty entry in the list" : refusalOfEntry(entry);
      if (refusal !== null) ctx.addIssue({ code: "custom", message: `must be a hop count or a comma-separated list of proxy addresses: ${refusal}` });
    }
    return entries;
  });

/** The variable (spread into a service's environment schema). */
export const trustProxyEnvShape = { DUTY_LEDGER_TRUST_PROXY: trustProxySchema };
