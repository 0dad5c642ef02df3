import { prepareReadLoadData } from "./read-load-data.js";
const d = await prepareReadLoadData(process.argv[2]!, { profile: "city", seed: 1 }, console.log);
console.log(d.events, d.deputyIds.length, d.year, d.deputyIds.slice(0,5));
