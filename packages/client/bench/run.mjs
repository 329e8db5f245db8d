// `npm run bench`: the benchmarks against the built client (dist/), with nothing beyond 127.0.0.1. Prints each table
// and the budgets, and writes bench/results/ (ignored by git). `--update` also rewrites the results block of
// BENCHMARKS.md; `--only socket,size` runs some benchmarks only. What a benchmark module exports, and how budgets are
// reported (never asserted), is said at the top of scripts/bench-lib.mjs.
import { runBenchmarks } from "../../../scripts/bench-lib.mjs";
import * as exportBenchmark from "./export.mjs";
import * as size from "./size.mjs";
import * as socket from "./socket.mjs";

await runBenchmarks({
  heading: "@livedesk/client benchmarks",
  benchmarks: { socket, export: exportBenchmark, size },
  benchDirectory: new URL("./", import.meta.url),
  versionsOf: ["openapi-fetch", "openapi-typescript-fetch", "axios"],
});
