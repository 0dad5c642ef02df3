import { verify } from "node:crypto";
import type { SignedTreeHead, TreeHead } from "@duty-ledger/event-store";
import { publicKeyFromRaw, type TreeSigner } from "./signing-key.js";

/**
 * A signed tree head (docs/audit.md): `signature` is base64url Ed25519 over the UTF-8 bytes of
 *
 *     duty-ledger/tree-head/v1\n{treeSize}\n{rootHash}\n{issuedAt}
 */

export const treeHeadMessage = (head: TreeHead & { readonly issuedAt: string }): Buffer =>
  Buffer.from(`duty-ledger/tree-head/v1\n${head.treeSize}\n${head.rootHash}\n${head.issuedAt}`, "utf8");

export const signTreeHead = (signer: TreeSigner, head: TreeHead, issuedAt: Date): SignedTreeHead => {
  const unsigned = { treeSize: head.treeSize, rootHash: head.rootHash, issuedAt: issuedAt.toISOString() };
  return { ...unsigned, keyId: signer.keyId, signature: signer.sign(treeHeadMessage(unsigned)).toString("base64url") };
};

/** True when `head.signature` is the signature of its fields by the key with this raw public key. */
export const verifyTreeHeadSignature = (head: SignedTreeHead, publicKey: Uint8Array): boolean => {
  try {
    return verify(null, treeHeadMessage(head), publicKeyFromRaw(publicKey), Buffer.from(head.signature, "base64url"));
  } catch {
    return false;
  }
};
