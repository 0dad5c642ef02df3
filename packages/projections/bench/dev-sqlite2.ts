// scratch: insert strategies
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
const N = 600_000;
let x = 12345;
const rnd = () => { x = (x * 1103515245 + 12345) & 0x7fffffff; return x; };
const rows: [string, string, string, number, string][] = [];
for (let i = 0; i < N; i++) rows.push(["deputy-timeline", "deputy", `D-K${rnd() % 122}-0${rnd() % 1000}`, i * 2, `contact-C-K${rnd() % 122}-00${rnd() % 100000}`]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const schema5 = "CREATE TABLE rm_index (projection TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, sort NOT NULL, key TEXT NOT NULL, PRIMARY KEY (projection, name, value, sort, key)) WITHOUT ROWID";
const open = () => {
  const path = "/tmp/rebuild-dev/micro/x.sqlite";
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); db.pragma("cache_size = -65536");
  db.exec(schema5);
  return db;
};
const time = (label: string, fn: (db: Database.Database) => void) => {
  const db = open();
  const c0 = cpu();
  fn(db);
  console.log(`${label}: cpu ${(cpu() - c0).toFixed(0)} ms, ${((cpu() - c0) * 1000 / N).toFixed(2)} us/row`);
  db.close();
};
const CH = 50_000;
for (let rep = 0; rep < 2; rep++) {
  time("single-row run", (db) => {
    const st = db.prepare("INSERT OR IGNORE INTO rm_index VALUES (?, ?, ?, ?, ?)");
    for (let i = 0; i < N; i += CH) db.transaction(() => { for (let j = i; j < Math.min(N, i + CH); j++) { const r = rows[j]!; st.run(r[0], r[1], r[2], r[3], r[4]); } })();
  });
  for (const M of [16, 64]) time(`multi-row x${M}`, (db) => {
    const st = db.prepare(`INSERT OR IGNORE INTO rm_index VALUES ${Array.from({ length: M }, () => "(?, ?, ?, ?, ?)").join(", ")}`);
    const one = db.prepare("INSERT OR IGNORE INTO rm_index VALUES (?, ?, ?, ?, ?)");
    for (let i = 0; i < N; i += CH) db.transaction(() => {
      const end = Math.min(N, i + CH);
      let j = i;
      const params: unknown[] = new Array(M * 5);
      for (; j + M <= end; j += M) { for (let k = 0; k < M; k++) { const r = rows[j + k]!; const b = k * 5; params[b] = r[0]; params[b + 1] = r[1]; params[b + 2] = r[2]; params[b + 3] = r[3]; params[b + 4] = r[4]; } st.run(params); }
      for (; j < end; j++) { const r = rows[j]!; one.run(r[0], r[1], r[2], r[3], r[4]); }
    })();
  });
  time("json_each", (db) => {
    const st = db.prepare("INSERT OR IGNORE INTO rm_index SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)");
    for (let i = 0; i < N; i += CH) db.transaction(() => { st.run("deputy-timeline", "deputy", JSON.stringify(rows.slice(i, i + CH).map((r) => [r[2], r[3], r[4]]))); })();
  });
  time("json_each sorted", (db) => {
    const st = db.prepare("INSERT OR IGNORE INTO rm_index SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)");
    for (let i = 0; i < N; i += CH) db.transaction(() => { const s = rows.slice(i, i + CH).map((r) => [r[2], r[3], r[4]] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])); st.run("deputy-timeline", "deputy", JSON.stringify(s)); })();
  });
}
