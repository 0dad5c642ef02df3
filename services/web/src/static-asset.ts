import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import type { Request, Response } from "express";

/**
 * A file the web app serves from memory: its bytes, pre-compressed (brotli and gzip, when that
 * makes it smaller, in zlib's thread pool: the event loop keeps serving), with a strong ETag of the content. `immutable` assets have a content hash
 * in their name and are cached for a year; the others (the page) are revalidated every time.
 */
export interface StaticAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly brotli: Buffer | null;
  readonly gzip: Buffer | null;
  readonly etag: string;
  readonly immutable: boolean;
}

/** Content smaller than this is not worth compressing. */
const MIN_COMPRESS_BYTES = 512;

export const contentHash = (body: Buffer | string): string => createHash("sha256").update(body).digest("base64url").slice(0, 16);

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** `brotliQuality`: 11 (smallest) for the page's own bundle; lower for large files compressed at a request (e.g. 5). */
export const createStaticAsset = async (contentType: string, content: Buffer | string, immutable: boolean, brotliQuality = 11): Promise<StaticAsset> => {
  const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const compressible = body.byteLength >= MIN_COMPRESS_BYTES && !contentType.startsWith("image/png");
  const smaller = (compressed: Buffer): Buffer | null => (compressed.byteLength < body.byteLength ? compressed : null);
  const [brotli, gzipped] = compressible
    ? await Promise.all([
        brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: brotliQuality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
        gzipAsync(body, { level: 9 }),
      ])
    : [null, null];
  return {
    contentType,
    body,
    brotli: brotli === null ? null : smaller(brotli),
    gzip: gzipped === null ? null : smaller(gzipped),
    etag: `"${contentHash(body)}"`,
    immutable,
  };
};

/** The codings a client accepts (`Accept-Encoding`), those with `q=0` left out. */
export const acceptedEncodings = (header: string | undefined): Set<string> => {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name === undefined || name === "") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    accepted.add(name);
  }
  return accepted;
};

const etagMatches = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });

/** Answers `req` with `asset`: 304 when the client's copy is current, else the best encoding it accepts. */
export const sendAsset = (req: Request, res: Response, asset: StaticAsset): void => {
  res.setHeader("ETag", asset.etag);
  res.setHeader("Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.setHeader("Vary", "Accept-Encoding");
  if (etagMatches(req.get("if-none-match"), asset.etag)) {
    res.status(304).end();
    return;
  }
  const accepted = acceptedEncodings(req.get("accept-encoding"));
  let body = asset.body;
  if (asset.brotli !== null && accepted.has("br")) {
    body = asset.brotli;
    res.setHeader("Content-Encoding", "br");
  } else if (asset.gzip !== null && (accepted.has("gzip") || accepted.has("x-gzip"))) {
    body = asset.gzip;
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Type", asset.contentType);
  res.setHeader("Content-Length", String(body.byteLength));
  res.status(200).end(req.method === "HEAD" ? undefined : body);
};
