import Database from "better-sqlite3";
import { rmSync } from "node:fs";
const path = "/tmp/rebuild-bench/sql.sqlite";
for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
const db = new Database(path);
db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); db.pragma(`cache_size = -${process.env.CACHE ?? 32000}`);
db.exec(`CREATE TABLE docs (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, idx TEXT, PRIMARY KEY (projection, key)) ${process.argv[2] === "wr" ? "WITHOUT ROWID" : ""}`);
db.exec(`CREATE TABLE ix (projection TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, sort NOT NULL, key TEXT NOT NULL, PRIMARY KEY (projection, name, value, sort, key)) WITHOUT ROWID`);
const up = db.prepare("INSERT INTO docs (projection, key, doc, idx) VALUES (?, ?, ?, ?) ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc, idx = excluded.idx");
const sel = db.prepare("SELECT idx FROM docs WHERE projection = ? AND key = ?").raw();
const ins = db.prepare("INSERT OR IGNORE INTO ix VALUES (?, ?, ?, ?, ?)");
const doc = "x".repeat(770);
let t = performance.now();
for (let b = 0; b < 4; b++) {
  db.transaction(() => {
    for (let i = 0; i < 42000; i++) {
      const key = `suggestion-S-${(i * 7919 + b * 13) % 160000}`;
      sel.get("p", key);
      up.run("p", key, doc, null);
      if (process.argv[3] !== "noidx") for (let j = 0; j < 3; j++) ins.run("p", "deputy", `D-${(i * 31 + j) % 1500}`, b * 50000 + i, key);
    }
  }).immediate();
}
console.log(process.argv[2] ?? "rowid", "ms", (performance.now() - t).toFixed(0));
db.close();
