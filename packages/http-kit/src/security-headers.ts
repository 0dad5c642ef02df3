import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * helmet's headers for a JSON API: a deny-all Content-Security-Policy (nothing here is a page),
 * HSTS, nosniff, no referrer, frame denial, cross-origin isolation headers.
 */
export const securityHeaders = (): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  });
