import { performance } from "node:perf_hooks";
import { createReadModels, createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { buildScoresAnswer, createRuleSetRegistry } from "@duty-ledger/scoring";
const store = createSqliteReadModelStore({ path: readModelsPath(process.argv[2]!), readonly: true });
const rm = createReadModels(store);
const ruleSet = createRuleSetRegistry().resolve(undefined);
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const facts = await rm.listFacts("2024");
  const t1 = performance.now() - t; t = performance.now();
  const answer = buildScoresAnswer(facts, { period: "2024", asOf: new Date().toISOString(), ruleSet });
  const t2 = performance.now() - t; t = performance.now();
  const json = JSON.stringify(answer);
  const t3 = performance.now() - t; t = performance.now();
  const rec = await rm.getDeputyRecord("D-K002-0001", 2024);
  const t4 = performance.now() - t;
  console.log(`facts ${facts.length} ${t1.toFixed(1)} ms; score ${t2.toFixed(1)} ms; json ${json.length} ${t3.toFixed(1)} ms; record ${t4.toFixed(2)} ms`);
}
