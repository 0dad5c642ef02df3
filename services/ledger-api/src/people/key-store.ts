import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { decrypt, encrypt } from "./sealing.js";

/** The key store's file in the data folder. */
export const PEOPLE_KEYS_FILE_NAME = "people-keys.sqlite";

/** A read that returned a person's data (personal-data.md, access log). */
export interface PersonAccess {
  readonly at: string;
  readonly actorRole: string;
  readonly actorId: string;
  /** What was read, e.g. `contact C-1`. */
  readonly what: string;
}

/** A person's data key: the key, erased, or never made. */
export type DataKey = { readonly status: "kept"; readonly key: Buffer } | { readonly status: "erased"; readonly erasedAt: string } | { readonly status: "none" };

export interface PeopleKeyStoreOptions {
  readonly dataDir: string;
  /** The master key (32 bytes) that wraps every data key. */
  readonly masterKey: Buffer;
  /** The file; default `<dataDir>/people-keys.sqlite`. */
  readonly path?: string;
}

const schema = `
  CREATE TABLE IF NOT EXISTS person_keys (person_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS erased_people (person_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS person_mentions (person_id TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (person_id, entity_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS access_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, person_id TEXT NOT NULL, at TEXT NOT NULL, actor_role TEXT NOT NULL, actor_id TEXT NOT NULL, what TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS access_log_by_person ON access_log (person_id, seq);
`;

const wrapAad = (personId: string): string => `duty-ledger/data-key/v1:${personId}`;

/**
 * The people's data keys, apart from the log (personal-data.md): one AES-256 key per person,
 * stored wrapped by the master key; the people erased; where each person is named; and the
 * access log. `secure_delete` overwrites what is deleted, and a destruction checkpoints the WAL
 * and empties it, so that no copy of a destroyed key stays in the file or its WAL.
 */
export const createPeopleKeyStore = (options: PeopleKeyStoreOptions) => {
  if (options.masterKey.length !== 32) throw new Error("the master key must be 32 bytes");
  const path = options.path ?? join(options.dataDir, PEOPLE_KEYS_FILE_NAME);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("secure_delete = ON");
  db.exec(schema);

  const selectKey = db.prepare<[string], { wrapped: Buffer }>("SELECT wrapped FROM person_keys WHERE person_id = ?");
  const selectErased = db.prepare<[string], { erased_at: string }>("SELECT erased_at FROM erased_people WHERE person_id = ?");
  const insertKey = db.prepare<[string, Buffer, string]>("INSERT INTO person_keys (person_id, wrapped, created_at) VALUES (?, ?, ?)");
  const deleteKey = db.prepare<[string]>("DELETE FROM person_keys WHERE person_id = ?");
  const insertErased = db.prepare<[string, string]>("INSERT OR IGNORE INTO erased_people (person_id, erased_at) VALUES (?, ?)");
  const insertMention = db.prepare<[string, string]>("INSERT OR IGNORE INTO person_mentions (person_id, entity_id) VALUES (?, ?)");
  const selectMentions = db.prepare<[string], { entity_id: string }>("SELECT entity_id FROM person_mentions WHERE person_id = ? ORDER BY entity_id");
  const deleteMentions = db.prepare<[string]>("DELETE FROM person_mentions WHERE person_id = ?");
  const insertAccess = db.prepare<[string, string, string, string, string]>("INSERT INTO access_log (person_id, at, actor_role, actor_id, what) VALUES (?, ?, ?, ?, ?)");
  const selectAccess = db.prepare<[string], { at: string; actor_role: string; actor_id: string; what: string }>(
    "SELECT at, actor_role, actor_id, what FROM access_log WHERE person_id = ? ORDER BY seq",
  );

  const keyOf = (personId: string): DataKey => {
    const erased = selectErased.get(personId);
    if (erased !== undefined) return { status: "erased", erasedAt: erased.erased_at };
    const row = selectKey.get(personId);
    return row === undefined ? { status: "none" } : { status: "kept", key: decrypt(options.masterKey, row.wrapped, wrapAad(personId)) };
  };

  const makeKey = db.transaction((personId: string, at: string): DataKey => {
    const existing = keyOf(personId);
    if (existing.status !== "none") return existing;
    const key = randomBytes(32);
    insertKey.run(personId, encrypt(options.masterKey, key, wrapAad(personId)), at);
    return { status: "kept", key };
  });

  const destroy = db.transaction((personId: string, at: string): readonly string[] => {
    const mentioned = selectMentions.all(personId).map((row) => row.entity_id);
    deleteKey.run(personId);
    deleteMentions.run(personId);
    insertErased.run(personId, at);
    return mentioned;
  });

  return {
    /** The person's data key, made (and stored wrapped) when they have none; `erased` once destroyed. */
    dataKeyFor: (personId: string, at: string): DataKey => makeKey(personId, at),
    /** The person's data key as it stands (never makes one). */
    keyOf,
    /** Notes that `entityId` (a contact) names the person: its idempotency records are forgotten at erasure. */
    noteMention: (personId: string, entityId: string): void => {
      insertMention.run(personId, entityId);
    },
    /**
     * Destroys the person's data key for good, and where they were named; returns those entities.
     * Idempotent. Afterwards no byte of the key is left in the file or its WAL.
     */
    destroy: (personId: string, at: string): readonly string[] => {
      const mentioned = destroy(personId, at);
      db.pragma("wal_checkpoint(TRUNCATE)");
      return mentioned;
    },
    recordAccess: (personId: string, access: PersonAccess): void => {
      insertAccess.run(personId, access.at, access.actorRole, access.actorId, access.what);
    },
    accessLog: (personId: string): PersonAccess[] =>
      selectAccess.all(personId).map((row) => ({ at: row.at, actorRole: row.actor_role, actorId: row.actor_id, what: row.what })),
    close: (): void => {
      if (db.open) db.close();
    },
  };
};

export type PeopleKeyStore = ReturnType<typeof createPeopleKeyStore>;
