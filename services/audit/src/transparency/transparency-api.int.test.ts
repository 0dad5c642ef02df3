import { createHash, generateKeyPairSync, verify } from "node:crypto";
import { join } from "node:path";
import { eventLeafHash, hashFromHex, verifyConsistency, verifyInclusion, type Hash, type SqliteEventStore } from "@duty-ledger/event-store";
import { createTokenVerifier, principalRoles, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import { referenceRootOfLog } from "@duty-ledger/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, serveRoutes, tempDir, writeSampleStore } from "../audit.test-support.js";
import { noteKeyHash } from "./checkpoint-note.js";
import { publicKeyFromRaw, signerOf } from "./signing-key.js";
import { createTransparencyApi } from "./transparency-api.js";
import { startTreeHeadIssuer } from "./tree-head-issuer.js";
import { verifyTreeHeadSignature } from "./tree-head-signature.js";

const secret = "transparency-test-secret-of-32-bytes!!";
const origin = "duty-ledger/test.example";
const signer = signerOf(generateKeyPairSync("ed25519").privateKey);

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
let served: Awaited<ReturnType<typeof serveRoutes>>;
let baseUrl: string;
let head: number;
let hashes: string[];

beforeAll(async () => {
  temp = tempDir("transparency");
  const path = join(temp.dir, "events.sqlite");
  head = await writeSampleStore(path);
  store = openStore(path);
  hashes = [];
  for await (const event of store.readAll()) hashes.push(event.metadata.hash);
  await store.transparencyLog?.treeHead(head); // integrated
  served = await serveRoutes([createTransparencyApi({ store, verifier: createTokenVerifier({ secret }), signer, origin })]);
  baseUrl = served.baseUrl;
});

afterAll(async () => {
  await served.close();
  await store.close();
  temp.remove();
});

const token = (role: PrincipalRole): Promise<string> => signToken({ secret, role, sub: `${role}-1`, stationId: role === "clerk" ? "ST-1" : undefined, expiresIn: "1h" });

const get = async (path: string, role?: PrincipalRole): Promise<{ status: number; body: unknown; text: string; type: string | null }> => {
  const response = await fetch(`${baseUrl}${path}`, role === undefined ? {} : { headers: { authorization: `Bearer ${await token(role)}` } });
  const text = await response.text();
  const type = response.headers.get("content-type");
  return { status: response.status, text, type, body: type?.includes("json") === true ? JSON.parse(text) : null };
};

const hex = (text: string): Hash => hashFromHex(text) ?? Buffer.alloc(0);
const rootOf = (size: number): string => referenceRootOfLog(hashes.slice(0, size).map((hash) => ({ metadata: { hash } })));

describe("transparency log endpoints", () => {
  it("answer only the roles trust.md names: 401 without a token, 403 for the others", async () => {
    const allowed: Record<string, readonly PrincipalRole[]> = {
      "/v1/audit/tree-head": ["auditor", "office"],
      "/v1/audit/checkpoint": ["auditor", "office"],
      "/v1/audit/tree-heads": ["auditor", "office"],
      "/v1/audit/proofs/inclusion?position=1&treeSize=1": ["auditor"],
      "/v1/audit/proofs/consistency?from=1&to=2": ["auditor"],
    };
    for (const [path, roles] of Object.entries(allowed)) {
      expect((await get(path)).status, path).toBe(401);
      for (const role of principalRoles) expect((await get(path, role)).status, `${path} as ${role}`).toBe(roles.includes(role) ? 200 : 403);
    }
    expect((await get("/v1/audit/public-keys")).status).toBe(401);
  });

  it("a signed tree head: the RFC 9162 root of the log, signed by the published key", async () => {
    const answer = await get(`/v1/audit/tree-head?treeSize=${head}`, "office");
    const signed = answer.body as { treeSize: number; rootHash: string; issuedAt: string; keyId: string; signature: string };
    expect(signed.treeSize).toBe(head);
    expect(signed.rootHash).toBe(rootOf(head));
    const keys = (await get("/v1/audit/public-keys", "deputy")).body as { keys: { keyId: string; alg: string; publicKey: string }[] };
    expect(keys.keys).toEqual([{ keyId: signed.keyId, alg: "Ed25519", publicKey: signer.publicKey.toString("base64url") }]);
    expect(verifyTreeHeadSignature(signed, Buffer.from(keys.keys[0]?.publicKey ?? "", "base64url"))).toBe(true);
    expect(verifyTreeHeadSignature({ ...signed, treeSize: head - 1 }, signer.publicKey)).toBe(false);
    const message = `duty-ledger/tree-head/v1\n${signed.treeSize}\n${signed.rootHash}\n${signed.issuedAt}`;
    expect(verify(null, Buffer.from(message), publicKeyFromRaw(signer.publicKey), Buffer.from(signed.signature, "base64url"))).toBe(true);
  });

  it("the checkpoint is a C2SP signed note over the same head", async () => {
    const answer = await get(`/v1/audit/checkpoint?treeSize=${head - 3}`, "auditor");
    expect(answer.type).toBe("text/plain; charset=utf-8");
    const [body, signatureLine] = answer.text.split("\n\n");
    expect(body).toBe(`${origin}\n${head - 3}\n${Buffer.from(rootOf(head - 3), "hex").toString("base64")}`);
    expect(signatureLine).toMatch(new RegExp(`^\u2014 ${origin} [A-Za-z0-9+/=]+\n$`));
    const blob = Buffer.from((signatureLine ?? "").trim().split(" ")[2] ?? "", "base64");
    const keyHash = createHash("sha256").update(`${origin}\n\u0001`).update(signer.publicKey).digest().subarray(0, 4);
    expect(blob.subarray(0, 4)).toEqual(keyHash);
    expect(noteKeyHash(origin, signer.publicKey)).toEqual(keyHash);
    expect(verify(null, Buffer.from(`${body}\n`), publicKeyFromRaw(signer.publicKey), blob.subarray(4))).toBe(true);
  });

  it("inclusion and consistency proofs verify against the roots (RFC 9162 §2.1.3.2, §2.1.4.2)", async () => {
    for (const [position, treeSize] of [[1, head], [head, head], [Math.ceil(head / 2), head - 1], [17, 33]] as const) {
      const proof = (await get(`/v1/audit/proofs/inclusion?position=${position}&treeSize=${treeSize}`, "auditor")).body as { leafIndex: number; treeSize: number; leafHash: string; path: string[] };
      expect(proof.leafIndex).toBe(position - 1);
      expect(proof.leafHash).toBe(eventLeafHash(hashes[position - 1] ?? "").toString("hex"));
      expect(verifyInclusion(hex(proof.leafHash), proof.leafIndex, treeSize, proof.path.map(hex), hex(rootOf(treeSize)))).toBe(true);
    }
    for (const [from, to] of [[1, head], [head - 10, head], [16, 32], [head, head]] as const) {
      const proof = (await get(`/v1/audit/proofs/consistency?from=${from}&to=${to}`, "auditor")).body as { from: number; to: number; path: string[] };
      expect(verifyConsistency(from, to, proof.path.map(hex), hex(rootOf(from)), hex(rootOf(to)))).toBe(true);
    }
  });

  it("bad sizes are 400, sizes past the head 404, as problem+json", async () => {
    for (const path of [
      "/v1/audit/tree-head?treeSize=-1",
      "/v1/audit/tree-head?treeSize=abc",
      "/v1/audit/tree-head?size=3",
      "/v1/audit/proofs/inclusion?position=0&treeSize=3",
      `/v1/audit/proofs/inclusion?position=5&treeSize=4`,
      "/v1/audit/proofs/consistency?from=0&to=3",
      "/v1/audit/proofs/consistency?from=5&to=3",
      "/v1/audit/tree-heads?limit=0",
    ]) {
      const answer = await get(path, "auditor");
      expect(answer.status, path).toBe(400);
      expect(answer.type, path).toContain("application/problem+json");
    }
    for (const path of [`/v1/audit/tree-head?treeSize=${head + 1}`, `/v1/audit/proofs/inclusion?position=1&treeSize=${head + 1}`, `/v1/audit/proofs/consistency?from=1&to=${head + 1}`, `/v1/audit/checkpoint?treeSize=${head + 5}`]) {
      expect((await get(path, "auditor")).status, path).toBe(404);
    }
  });

  it("heads issued are kept and listed by size; a kept head is answered as issued", async () => {
    const issuer = startTreeHeadIssuer({ log: store.transparencyLog!, signer, headPosition: () => store.headPosition(), logger: pino({ level: "silent" }), intervalMs: 3_600_000 });
    const first = await issuer.issue(head - 5);
    expect(await issuer.issue(head - 5)).toBeNull(); // nothing new: not issued again
    await issuer.stop(); // over the whole log
    const listed = (await get("/v1/audit/tree-heads", "office")).body as { heads: { treeSize: number }[]; nextFrom: number | null };
    expect(listed.heads.map((h) => h.treeSize)).toEqual([head - 5, head]);
    expect(listed.nextFrom).toBeNull();
    const page = (await get(`/v1/audit/tree-heads?from=${head - 5}&limit=1`, "auditor")).body as { heads: unknown[]; nextFrom: number | null };
    expect(page).toEqual({ heads: [first], nextFrom: head });
    expect((await get(`/v1/audit/tree-head?treeSize=${head - 5}`, "auditor")).body).toEqual(first);
  });
});
