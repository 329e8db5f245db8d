// `npm run bench`: every benchmark of BENCHMARKS.md in one process (exports in child processes), against the built
// client in dist/, with no network beyond 127.0.0.1. Prints each table as it is done, then writes bench/results/ and
// the results block of BENCHMARKS.md. Budgets are reported, not asserted: the run fails only if a benchmark breaks.
import { execFileSync, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleSize } from "../test/bundle-size.mjs";
import { BASELINE, createContenders } from "./contenders.mjs";
import { measureLatency, measureThroughput } from "./harness.mjs";
import { loadHeyApiClient } from "./hey-api.mjs";
import { AUTHORIZATION, LIVE_HEAP_EVERY, PAGE_SIZE, pageBody } from "./pages.mjs";
import {
  budgetTable,
  exportTable,
  liveHeapTable,
  machineLines,
  perRequestTable,
  pipelineTable,
  sizeTable,
  socketTable,
  throughputChart,
} from "./report.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RESULTS = new URL("./results/", import.meta.url);
const BENCHMARKS_MD = new URL("../BENCHMARKS.md", import.meta.url);
const OURS = "@livedesk/client GET";
const RAW = "raw fetch + json()";
const RAW_WITH_TIMEOUT = "raw fetch + AbortSignal.timeout";
const AXIOS = "axios (fetch adapter)";
const TELEMETRY_OFF = {
  DO_NOT_TRACK: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};
// Export sizes and per-response latencies. 100k at 20 ms is left out: ~6,700 pages one after another take 2+ minutes.
const EXPORTS = [
  { total: 1_000, latencies: [0, 20] },
  { total: 10_000, latencies: [0, 20] },
  { total: 100_000, latencies: [0] },
];
const CONCURRENCIES = [1, 2, 4, 8];
// The export sizes whose peak memory the budget compares.
const MEMORY_TOTALS = [10_000, 100_000];
const SKIPPED_LATENCY_MS = 20;
// What benchmark 4 bundles: the package entry (the budget), what tree-shaking leaves of it for an application that
// imports only the client, and openapi-fetch alone. Paths resolve from the package directory.
const SIZE_ENTRIES = [
  { name: "@livedesk/client, whole entry", source: 'export * from "./dist/index.mjs";' },
  {
    name: "@livedesk/client, `import { createLiveDeskClient }` only",
    source: 'export { createLiveDeskClient } from "./dist/index.mjs";',
  },
  { name: "openapi-fetch alone", source: 'export { default } from "openapi-fetch";' },
];
const SIZE_BUDGET_BYTES = 6_000;
const CHART_TOTAL = 10_000;

const print = (text = "") => process.stdout.write(`${text}\n`);

function describeMachine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const git = (...args) =>
    execFileSync("git", ["--no-optional-locks", ...args], { cwd: ROOT, encoding: "utf8" }).trim();
  const versionOf = (name) => JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, "utf8")).version;
  return {
    date: new Date().toISOString(),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    // Other work on a 2-core machine moves the figures: this says how busy it was when the run began.
    loadAverage: os.loadavg().map((load) => load.toFixed(2)),
    commit: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? " with uncommitted changes" : ""}`,
    versions: Object.fromEntries(
      ["openapi-fetch", "openapi-typescript-fetch", "axios", "@hey-api/openapi-ts"].map((name) => [
        name,
        versionOf(name),
      ]),
    ),
  };
}

async function startServer() {
  const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)));
  const [{ port }] = await once(child, "message");
  return { child, url: (total, latencyMs) => `http://127.0.0.1:${port}/${total}/${latencyMs}` };
}

/** Runs each contender once and throws if its answer is not the page asked for, so that no row measures a failure. */
async function checkContenders(contenders, { payloadLength, check = () => {} }) {
  for (const contender of contenders.filter((candidate) => candidate.run)) {
    const body = await contender.run();
    if (body?.payload?.length !== payloadLength || Number(body.meta.current_page) !== 2) {
      throw new Error(`${contender.name} did not return page 2 with ${payloadLength} contacts`);
    }
    check(contender);
  }
}

/** The measured rows in the contenders' order, with those that could not run in their place. */
function rowsOf(contenders, measured) {
  return contenders.map(({ name, notRun }) => measured.find((row) => row.name === name) ?? { name, notRun });
}

/** 1. Client overhead per request, openapi-fetch's method: a fetch stub answers a canned body on the next tick. */
async function benchStubbed(heyApi) {
  const body = pageBody(2, PAGE_SIZE + 1);
  let calls = 0;
  let lastCall;
  // Like openapi-fetch's stub, it ignores `init`: the signal our client hands fetch costs nothing here (see benchmark 2).
  const stub = (input, init) => {
    calls += 1;
    lastCall = [input, init];
    return new Promise((resolve) =>
      process.nextTick(resolve, new Response(body, { headers: { "content-type": "application/json" } })),
    );
  };
  // Nothing listens on port 9 of the loopback: a client that bypassed the stub would fail, not reach anything.
  const contenders = createContenders({ baseUrl: "http://127.0.0.1:9", fetch: stub, heyApi });
  const realFetch = globalThis.fetch;
  globalThis.fetch = stub;
  try {
    let callsBefore = calls;
    await checkContenders(contenders, {
      payloadLength: 1,
      check({ name }) {
        const request = new Request(...lastCall);
        const query = new URL(request.url).searchParams;
        if (calls !== callsBefore + 1 || request.headers.get("authorization") !== AUTHORIZATION) {
          throw new Error(`${name} did not call the stub once with the credentials`);
        }
        if (query.get("labels") !== "vip,premium" || query.get("page") !== "2") {
          throw new Error(`${name} sent ${request.url}`);
        }
        callsBefore = calls;
      },
    });
    const running = contenders.filter((contender) => contender.run);
    const measured = await measureThroughput(running, {
      baseline: running.find((contender) => contender.name === BASELINE),
      warmupMs: 300,
      rounds: 10,
      sampleMs: 200,
    });
    return { baseline: BASELINE, rows: rowsOf(contenders, measured) };
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** 2. Time per request over a real loopback socket, one request in flight, 15 contacts per answer. */
async function benchSocket(heyApi, server) {
  const contenders = createContenders({ baseUrl: server.url(1_000_000, 0), heyApi });
  await checkContenders(contenders, { payloadLength: PAGE_SIZE });
  const running = contenders.filter((contender) => contender.run);
  const measured = await measureLatency(running, {
    baseline: running.find((contender) => contender.name === RAW),
    warmup: 200,
    rounds: 20,
    perRound: 100,
  });
  return { baseline: RAW, rows: rowsOf(contenders, measured) };
}

async function exportOnce(server, total, latencyMs, concurrency, mode = "listAll") {
  const child = fork(
    fileURLToPath(new URL("./export-child.mjs", import.meta.url)),
    [server.url(total, latencyMs), String(total), String(concurrency), mode],
    { execArgv: ["--expose-gc"] },
  );
  let result;
  child.on("message", (message) => {
    result = message;
  });
  const [code] = await once(child, "exit");
  if (code !== 0 || !result) {
    throw new Error(`export of ${total} contacts (${latencyMs} ms, concurrency ${concurrency}) exited with ${code}`);
  }
  return { total, latencyMs, concurrency, mode, ...result };
}

/** The median (by contacts/s) of three exports: without latency an export is CPU-bound and moves with other load. */
async function medianExport(...args) {
  const tries = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    tries.push(await exportOnce(...args));
  }
  tries.sort((a, b) => a.contactsPerSecond - b.contactsPerSecond);
  return { ...tries[1], repeats: tries.length };
}

/** 3. listAll throughput and memory, each run in a fresh process. */
async function benchExport(server) {
  const runs = [];
  for (const { total, latencies } of EXPORTS) {
    for (const latencyMs of latencies) {
      for (const concurrency of CONCURRENCIES) {
        runs.push(
          latencyMs === 0
            ? await medianExport(server, total, latencyMs, concurrency)
            : { ...(await exportOnce(server, total, latencyMs, concurrency)), repeats: 1 },
        );
      }
    }
  }
  for (const run of runs) {
    const single = runs.find((other) => other.total === run.total && other.latencyMs === run.latencyMs);
    run.speedup = run.contactsPerSecond / single.contactsPerSecond;
  }
  // What Node's fetch alone costs in memory: a hand-written loop over the same pages, without any client.
  const floor = [];
  for (const total of MEMORY_TOTALS) {
    floor.push(await medianExport(server, total, 0, 1, "raw-fetch"));
  }
  // What an export holds, whenever the GC runs: the same exports with a forced GC every LIVE_HEAP_EVERY contacts.
  const liveHeap = [];
  for (const total of MEMORY_TOTALS) {
    for (const concurrency of CONCURRENCIES) {
      liveHeap.push(await exportOnce(server, total, 0, concurrency, "live-heap"));
    }
  }
  const largest = EXPORTS.at(-1).total;
  const pages = Math.ceil(largest / PAGE_SIZE);
  const skipped = [
    `${largest.toLocaleString("en-US")} contacts at ${SKIPPED_LATENCY_MS} ms latency: not run, ${pages.toLocaleString("en-US")} pages × ${SKIPPED_LATENCY_MS} ms ≈ ${((pages * SKIPPED_LATENCY_MS) / 60_000).toFixed(1)} min at concurrency 1.`,
  ];
  return { runs, floor, liveHeap, skipped };
}

/** 4. Bundle size: each entry with its dependencies, minified and gzipped (test/size.test.ts enforces a ceiling). */
async function benchSize() {
  const rows = [];
  for (const { name, source } of SIZE_ENTRIES) {
    rows.push({ name, ...(await bundleSize(source)) });
  }
  return rows;
}

/** Wall time of one turbo invocation from the repository root, as `npm run build` runs it. */
async function timeTurbo(args) {
  const start = performance.now();
  const child = spawn(`${ROOT}node_modules/.bin/turbo`, ["run", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...TELEMETRY_OFF },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, "close");
  const seconds = (performance.now() - start) / 1000;
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return { seconds, code, output, cached: cached ? `${cached[1]} of ${cached[2]}` : "?" };
}

/** 5. `npm run build` (turbo run build) without the cache, then again with it. */
async function benchPipeline() {
  const runs = [];
  for (const [name, extra] of [
    ["cold (--force, no cache)", ["--force"]],
    ["warm (cache)", []],
  ]) {
    const steps = [];
    for (const task of ["build"]) {
      steps.push({ command: ["turbo run", task, ...extra].join(" "), ...(await timeTurbo([task, ...extra])) });
    }
    const failedStep = steps.find((step) => step.code !== 0);
    if (failedStep) {
      print(failedStep.output.slice(-2000));
    }
    runs.push({
      name,
      commands: steps.map((step) => step.command),
      seconds: steps.reduce((sum, step) => sum + step.seconds, 0),
      cached: steps.map((step) => step.cached).join(" + "),
      ...(failedStep ? { failed: `\`${failedStep.command}\` exited with ${failedStep.code}` } : {}),
    });
  }
  return runs;
}

function evaluateBudgets({ perRequest, socket, exports, size }) {
  const row = (section, name) => section.rows.find((candidate) => candidate.name === name && !candidate.notRun);
  const budgets = [];
  const add = (name, value, format, met) =>
    budgets.push(value === undefined ? { name, measured: "n/a" } : { name, measured: format(value), met: met(value) });
  // Three decimals, so that a ratio just past its limit never reads as the limit itself (1.101×, not 1.10×).
  const times = (value) => `${value.toFixed(3)}×`;
  const ours = row(perRequest, OURS);
  const axios = row(perRequest, AXIOS);
  add(`${OURS} ≥ 0.9× ${BASELINE} (stubbed fetch)`, ours?.ratio, times, (value) => value >= 0.9);
  add(
    `${OURS} ≥ 2× ${AXIOS} (stubbed fetch)`,
    ours && axios ? ours.ratio / axios.ratio : undefined,
    times,
    (value) => value >= 2,
  );
  add(`${OURS}: median ≤ 1.10× ${RAW} (socket)`, row(socket, OURS)?.ratio, times, (value) => value <= 1.1);
  const oursOverSocket = row(socket, OURS);
  const rawWithTimeout = row(socket, RAW_WITH_TIMEOUT);
  if (oursOverSocket && rawWithTimeout) {
    budgets.push({
      name: `The same median against ${RAW_WITH_TIMEOUT}, which can time out too (socket)`,
      measured: times(oursOverSocket.medianMicros / rawWithTimeout.medianMicros),
      reference: true,
    });
  }
  const run = (total, latencyMs, concurrency) =>
    exports.runs.find((r) => r.total === total && r.latencyMs === latencyMs && r.concurrency === concurrency);
  for (const { total, latencies } of EXPORTS) {
    if (latencies.includes(SKIPPED_LATENCY_MS)) {
      add(
        `listAll, ${total.toLocaleString("en-US")} contacts at 20 ms: concurrency 8 ≥ 5× concurrency 1`,
        run(total, SKIPPED_LATENCY_MS, 8).speedup,
        times,
        (value) => value >= 5,
      );
    }
  }
  const [small, large] = MEMORY_TOTALS;
  const memoryRatios = CONCURRENCIES.map(
    (concurrency) => run(large, 0, concurrency).peakRssBytes / run(small, 0, concurrency).peakRssBytes,
  );
  add(
    `listAll at 0 ms: peak RSS at 100,000 contacts ≤ 1.3× at 10,000 (concurrency ${CONCURRENCIES.join(", ")})`,
    memoryRatios,
    (ratios) => ratios.map(times).join(", "),
    (ratios) => ratios.every((ratio) => ratio <= 1.3),
  );
  const [floorSmall, floorLarge] = exports.floor;
  budgets.push({
    name: "The same peak RSS ratio for a hand-written fetch loop, without any client",
    measured: times(floorLarge.peakRssBytes / floorSmall.peakRssBytes),
    reference: true,
  });
  const liveHeap = (total, concurrency) =>
    exports.liveHeap.find((r) => r.total === total && r.concurrency === concurrency).peakLiveHeapBytes;
  budgets.push({
    name: `The same ratio for the live heap, the most it holds right after a forced GC every ${LIVE_HEAP_EVERY.toLocaleString("en-US")} contacts`,
    measured: CONCURRENCIES.map((concurrency) =>
      times(liveHeap(large, concurrency) / liveHeap(small, concurrency)),
    ).join(", "),
    reference: true,
  });
  add(
    `${SIZE_ENTRIES[0].name} with openapi-fetch ≤ ${SIZE_BUDGET_BYTES / 1000} kB minified and gzipped`,
    size[0].gzippedBytes,
    (bytes) => `${(bytes / 1000).toFixed(1)} kB`,
    (bytes) => bytes <= SIZE_BUDGET_BYTES,
  );
  return budgets;
}

function resultsMarkdown(results) {
  return [
    "# @livedesk/client benchmark results",
    "",
    "Written by `npm run bench`; [BENCHMARKS.md](../../BENCHMARKS.md) explains each benchmark and contender.",
    "",
    "### Machine",
    "",
    machineLines(results.machine),
    "",
    "### Budgets",
    "",
    budgetTable(results.budgets),
    "",
    "### 1. Per-request overhead, stubbed fetch",
    "",
    "One request in flight; the stub answers a one-contact page on the next tick. Median of 10 interleaved samples of 200 ms; the ratio is the median of the per-round ratios.",
    "",
    perRequestTable(results.perRequest),
    "",
    "### 2. Time per request over a loopback socket",
    "",
    "One request in flight to a `node:http` server (its own process) answering a 15-contact page; 20 interleaved rounds of 100 requests each.",
    "",
    socketTable(results.socket),
    "",
    "### 3. Export: `contacts.listAll` throughput and memory",
    "",
    "Pages of 15 from a `node:http` server (its own process) that waits the given latency before each answer. Each export is a fresh process; a 0 ms row is the median (by contacts/s) of three, a 20 ms row a single export. The hand-written fetch loop rows are the same pages read with `fetch` and `response.json()`, one at a time, without any client. Peak RSS is the kernel's high-water mark, peak heap is sampled every 5 ms, and the heap left is measured after a forced GC once the export is done.",
    "",
    exportTable(results.exports),
    "",
    ...results.exports.skipped.map((line) => `- ${line}`),
    "",
    liveHeapDescription(),
    "",
    liveHeapTable(results.exports.liveHeap),
    "",
    "![listAll throughput against concurrency](export-throughput.svg)",
    "",
    "### 4. Bundle size",
    "",
    "Each entry bundled with its dependencies by esbuild (ESM, minified), then gzipped at level 9; 1 kB is 1,000 bytes.",
    "",
    sizeTable(results.size),
    "",
    "### 5. Pipeline: `npm run build`",
    "",
    pipelineTable(results.pipeline),
    "",
  ].join("\n");
}

function liveHeapDescription() {
  return `What an export holds, whatever the GC's timing: the same exports (one each) with a forced GC every ${LIVE_HEAP_EVERY.toLocaleString("en-US")} contacts, after which the heap holds live objects only. The collections slow these exports, so they are not in the table above; they also free garbage sooner than V8 would, so their peak RSS shows how much of the RSS above is garbage waiting for a collection.`;
}

/** Replaces the generated block of BENCHMARKS.md, so that its tables are those of the last run. */
function updateBenchmarksMd(markdown) {
  const start = "<!-- bench:results:start -->";
  const end = "<!-- bench:results:end -->";
  const text = readFileSync(BENCHMARKS_MD, "utf8");
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) {
    throw new Error(`BENCHMARKS.md has lost its ${start} … ${end} markers`);
  }
  // Links in results.md are relative to bench/results/.
  const body = markdown
    .replace(/^# .*\n\n.*\n\n/, "")
    .replaceAll("](export-throughput.svg)", "](bench/results/export-throughput.svg)");
  writeFileSync(BENCHMARKS_MD, `${text.slice(0, from + start.length)}\n${body}${text.slice(to)}`);
}

// `--only stubbed,socket` runs just those benchmarks and prints them, e.g. while working on the client; only a full
// run writes results.
const BENCHMARKS = ["stubbed", "socket", "export", "size", "pipeline"];
const { only } = parseArgs({ options: { only: { type: "string" } } }).values;
const selected = only?.split(",") ?? BENCHMARKS;
const unknown = selected.filter((name) => !BENCHMARKS.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark ${unknown.join(", ")}: choose from ${BENCHMARKS.join(", ")}.\n`);
  process.exit(2);
}

const machine = describeMachine();
print(`@livedesk/client benchmarks\n\n${machineLines(machine)}\n`);
// A generator that does not run on this Node shows up as "not run" rows instead of stopping the benchmark.
const heyApi = await loadHeyApiClient().catch((error) => error);

const server = await startServer();
let perRequest;
let socket;
let exports;
try {
  if (selected.includes("stubbed")) {
    print("## 1. Per-request overhead, stubbed fetch (≈25 s)\n");
    perRequest = await benchStubbed(heyApi);
    print(`${perRequestTable(perRequest)}\n`);
  }
  if (selected.includes("socket")) {
    print("## 2. Time per request over a loopback socket (≈10 s)\n");
    socket = await benchSocket(heyApi, server);
    print(`${socketTable(socket)}\n`);
  }
  if (selected.includes("export")) {
    print("## 3. Export throughput and memory (≈1.5 min)\n");
    exports = await benchExport(server);
    print(`${exportTable(exports)}\n\n${exports.skipped.map((line) => `- ${line}`).join("\n")}\n`);
    print(`${liveHeapDescription()}\n\n${liveHeapTable(exports.liveHeap)}\n`);
  }
} finally {
  server.child.kill();
}
let size;
if (selected.includes("size")) {
  print("## 4. Bundle size\n");
  size = await benchSize();
  print(`${sizeTable(size)}\n`);
}
// Last, because it rebuilds dist/ under the benchmarks above.
let pipeline;
if (selected.includes("pipeline")) {
  print("## 5. Pipeline: npm run build, cold and warm (≈15 s)\n");
  pipeline = await benchPipeline();
  print(`${pipelineTable(pipeline)}\n`);
}
if (only === undefined) {
  writeResults({ machine, perRequest, socket, exports, size, pipeline });
}

function writeResults(results) {
  results.budgets = evaluateBudgets(results);
  print(`## Budgets\n\n${budgetTable(results.budgets)}\n`);
  mkdirSync(RESULTS, { recursive: true });
  const markdown = resultsMarkdown(results);
  const json = fileURLToPath(new URL("results.json", RESULTS));
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  // In Biome's layout, so that the lint of `npm test` (biome check) accepts the committed file.
  execFileSync(`${ROOT}node_modules/.bin/biome`, ["format", "--write", json], { stdio: "ignore" });
  writeFileSync(new URL("results.md", RESULTS), markdown);
  writeFileSync(new URL("export-throughput.svg", RESULTS), throughputChart(results.exports.runs, CHART_TOTAL));
  updateBenchmarksMd(markdown);
  print(`Wrote ${fileURLToPath(RESULTS)}{results.json,results.md,export-throughput.svg} and BENCHMARKS.md`);
}
