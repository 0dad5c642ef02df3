import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * AES-256-GCM as the people vault uses it: a fresh 96-bit IV per message, the 128-bit tag, and
 * associated data binding the ciphertext to its purpose and owner (a sealed person cannot be
 * moved to another person id, a wrapped key to another person). Output: IV | ciphertext | tag.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const encrypt = (key: Buffer, plaintext: Buffer, associated: string): Buffer => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associated, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
};

/** The plaintext; throws when the key, the associated data or the bytes are not those sealed. */
export const decrypt = (key: Buffer, sealed: Buffer, associated: string): Buffer => {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error("sealed data too short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associated, "utf8"));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
};

/** What a person entry holds in clear (never stored so). */
const personDataSchema = z.strictObject({ name: z.string(), phone: z.string().optional(), idNumber: z.string().optional() });
export type PersonData = z.infer<typeof personDataSchema>;

const personAad = (personId: string): string => `duty-ledger/person/v1:${personId}`;

/** `v1.<base64url(iv | ciphertext | tag)>` of the person's data under their data key. */
export const sealPerson = (dataKey: Buffer, personId: string, data: PersonData): string => {
  const clear = { name: data.name, ...(data.phone === undefined ? {} : { phone: data.phone }), ...(data.idNumber === undefined ? {} : { idNumber: data.idNumber }) };
  return `v1.${encrypt(dataKey, Buffer.from(JSON.stringify(clear), "utf8"), personAad(personId)).toString("base64url")}`;
};

export const openPerson = (dataKey: Buffer, personId: string, sealed: string): PersonData => {
  if (!sealed.startsWith("v1.")) throw new Error("unknown sealing version");
  return personDataSchema.parse(JSON.parse(decrypt(dataKey, Buffer.from(sealed.slice(3), "base64url"), personAad(personId)).toString("utf8")));
};
