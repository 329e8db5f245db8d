// `npm run bench`: the benchmarks against the built mock (dist/), with nothing beyond 127.0.0.1. Prints each table
// and the budgets, and writes bench/results/ (ignored by git). `--update` also rewrites the results block of
// BENCHMARKS.md; `--only startup` runs some benchmarks only. What a benchmark module exports, and how budgets are
// reported (never asserted), is said at the top of scripts/bench-lib.mjs.
import { runBenchmarks } from "../../../scripts/bench-lib.mjs";
import * as startup from "./startup.mjs";
import * as throughput from "./throughput.mjs";

await runBenchmarks({
  heading: "@livedesk/mock benchmarks",
  benchmarks: { throughput, startup },
  benchDirectory: new URL("./", import.meta.url),
  versionsOf: ["@stoplight/prism-cli"],
});
