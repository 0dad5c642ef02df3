// scratch: raw index insert costs
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
const N = 450_000;
const rows: [string, string, number, string][] = [];
let x = 12345;
const rnd = () => { x = (x * 1103515245 + 12345) & 0x7fffffff; return x; };
for (let i = 0; i < N; i++) rows.push(["deputy-timeline", `p${rnd() % 5}-D-0${rnd() % 300}`, i, `contact-C-1000-${rnd() % 100000}`]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const run = (label: string, schema: string, insert: string, data: unknown[][], pragmas: string[] = []) => {
  const path = "/tmp/rebuild-dev/micro/x.sqlite";
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); db.pragma("cache_size = -65536");
  for (const p of pragmas) db.pragma(p);
  db.exec(schema);
  const st = db.prepare(insert);
  const c0 = cpu(), w0 = performance.now();
  for (let i = 0; i < data.length; i += 50000) db.transaction(() => { for (const r of data.slice(i, i + 50000)) st.run(...r); })();
  console.log(`${label}: cpu ${(cpu() - c0).toFixed(0)} ms wall ${(performance.now() - w0).toFixed(0)} ms`);
  db.close();
};
const schema5 = "CREATE TABLE rm_index (projection TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, sort NOT NULL, key TEXT NOT NULL, PRIMARY KEY (projection, name, value, sort, key)) WITHOUT ROWID";
const ins5 = "INSERT OR IGNORE INTO rm_index VALUES (?, ?, ?, ?, ?)";
const data5 = rows.map((r) => [r[0], "deputy", r[1], r[2], r[3]]);
const sorted5 = [...data5].sort((a, b) => (a[2]! < b[2]! ? -1 : a[2]! > b[2]! ? 1 : (a[3] as number) - (b[3] as number)));
const schemaInt = "CREATE TABLE rm_index (projection INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, sort NOT NULL, key TEXT NOT NULL, PRIMARY KEY (projection, name, value, sort, key)) WITHOUT ROWID";
const dataInt = rows.map((r) => [2, "deputy", r[1], r[2], r[3]]);
const schemaRowid = "CREATE TABLE rm_index (projection TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, sort NOT NULL, key TEXT NOT NULL)";
for (let rep = 0; rep < 2; rep++) {
  run("text pk, random", schema5, ins5, data5);
  run("text pk, sorted", schema5, ins5, sorted5);
  run("int projection, random", schemaInt, ins5, dataInt);
  run("rowid no index", schemaRowid, "INSERT INTO rm_index VALUES (?, ?, ?, ?, ?)", data5);
  run("text pk, random, sync off", schema5, ins5, data5, ["synchronous = OFF"]);
}
