// scratch: doc table variants
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
const N = 400_000;
let x = 12345;
const rnd = () => { x = (x * 1103515245 + 12345) & 0x7fffffff; return x; };
const docs: [string, string, string][] = [];
const filler = "x".repeat(300);
for (let i = 0; i < N; i++) docs.push(["deputy-timeline", `contact-C-K${100 + (i % 122)}-${String(Math.floor(i / 122)).padStart(6, "0")}`, `{"n":${rnd()},"f":"${filler.slice(0, 200 + (rnd() % 300))}"}`]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const variants: Record<string, string> = {
  rowid: "CREATE TABLE d (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, idx TEXT, PRIMARY KEY (projection, key))",
  without: "CREATE TABLE d (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, idx TEXT, PRIMARY KEY (projection, key)) WITHOUT ROWID",
};
for (let rep = 0; rep < 2; rep++) for (const page of [4096, 8192]) for (const [name, schema] of Object.entries(variants)) for (const order of ["log", "random"]) {
  const path = "/tmp/rebuild-dev/micro/d.sqlite";
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma(`page_size = ${page}`);
  db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); db.pragma("cache_size = -65536");
  db.exec(schema);
  const st = db.prepare("INSERT INTO d (projection, key, doc, idx) VALUES (?, ?, ?, NULL)");
  const data = order === "log" ? docs : [...docs].sort(() => 0).map((d, i, a) => a[(i * 7919) % a.length]!);
  const c0 = cpu(), w0 = performance.now();
  for (let i = 0; i < N; i += 50000) db.transaction(() => { for (let j = i; j < Math.min(N, i + 50000); j++) { const r = data[j]!; st.run(r[0], r[1], r[2]); } })();
  console.log(`${name} page ${page} ${order}: cpu ${(cpu() - c0).toFixed(0)} ms = ${((cpu() - c0) * 1000 / N).toFixed(2)} us/doc, wall ${(performance.now() - w0).toFixed(0)}`);
  db.close();
}
