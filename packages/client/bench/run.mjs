// `npm run bench`: the benchmarks against the built client (dist/), with nothing beyond 127.0.0.1. Prints each table
// and the budgets, and writes bench/results/ (ignored by git). `--update` also rewrites the results block of
// BENCHMARKS.md; `--only socket,size` runs some benchmarks only. Budgets are reported, never asserted: the run fails
// only when a benchmark breaks.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as exportBenchmark from "./export.mjs";
import { table } from "./lib.mjs";
import * as size from "./size.mjs";
import * as socket from "./socket.mjs";

// A benchmark is a module exporting `title`, `about` (what it measures, in Markdown) and `run()`, which resolves to
// `{ markdown, budgets }`; a budget is `{ name, value, max }` or `{ name, value, min }`, with `unit` (default "×").
const BENCHMARKS = { socket, export: exportBenchmark, size };
const PEERS = ["openapi-fetch", "openapi-typescript-fetch", "axios"];
const RESULTS = new URL("./results/", import.meta.url);
const BENCHMARKS_MD = new URL("../BENCHMARKS.md", import.meta.url);
const [START, END] = ["<!-- bench:results:start -->", "<!-- bench:results:end -->"];

const print = (text) => process.stdout.write(`${text}\n\n`);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function machine() {
  const require = createRequire(import.meta.url);
  let commit = "unknown";
  try {
    const git = (...args) => execFileSync("git", ["--no-optional-locks", ...args], { encoding: "utf8" }).trim();
    commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? " with uncommitted changes" : ""}`;
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return [
    `${new Date().toISOString().slice(0, 10)}, commit ${commit}.`,
    `Node ${process.version} on ${os.type()} ${os.arch()}, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores,`,
    `load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(", ")} when the run began.`,
    `${PEERS.map((name) => `${name} ${require(`${name}/package.json`).version}`).join(", ")}.`,
  ].join(" ");
}

function budgetTable(budgets) {
  // Three decimals, so that a ratio just past its limit never reads as the limit itself (1.101×, not 1.10×).
  const format = (value, unit = "×") => `${value.toFixed(unit === "×" ? 3 : 2)}${unit}`;
  return table(
    ["Budget", "Measured", "Limit", "Met"],
    budgets.map(({ name, value, max, min, unit }) => [
      name,
      format(value, unit),
      max === undefined ? `≥ ${min}${unit ?? "×"}` : `≤ ${max}${unit ?? "×"}`,
      (max === undefined ? value >= min : value <= max) ? "yes" : "**no**",
    ]),
  );
}

const { values: options } = parseArgs({ options: { only: { type: "string" }, update: { type: "boolean" } } });
const names = options.only?.split(",") ?? Object.keys(BENCHMARKS);
const unknown = names.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  fail(`Unknown benchmark ${unknown.join(", ")}: choose from ${Object.keys(BENCHMARKS).join(", ")}.`);
}
if (options.update && options.only) {
  fail("--update rewrites every figure of BENCHMARKS.md: run it without --only.");
}

const setting = machine();
const sections = [];
const budgets = [];
print(`# @livedesk/client benchmarks\n\n${setting}`);
for (const name of names) {
  const { title, about, run } = BENCHMARKS[name];
  print(`## ${title}\n\n${about}`);
  const result = await run();
  print(result.markdown);
  sections.push(`### ${title}\n\n${about}\n\n${result.markdown}`);
  budgets.push(...result.budgets);
}
print(`## Budgets\n\n${budgetTable(budgets)}`);

const report = `${[setting, `### Budgets\n\n${budgetTable(budgets)}`, ...sections].join("\n\n")}\n`;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(new URL("results.md", RESULTS), report);
writeFileSync(new URL("results.json", RESULTS), `${JSON.stringify({ machine: setting, budgets }, null, 2)}\n`);
print(`Wrote ${fileURLToPath(RESULTS)}results.{md,json}.`);
if (options.update) {
  const text = readFileSync(BENCHMARKS_MD, "utf8");
  const [from, to] = [text.indexOf(START), text.indexOf(END)];
  if (from === -1 || to === -1) {
    fail(`BENCHMARKS.md has lost its ${START} … ${END} markers.`);
  }
  writeFileSync(BENCHMARKS_MD, `${text.slice(0, from + START.length)}\n${report}${text.slice(to)}`);
  print(`Updated ${fileURLToPath(BENCHMARKS_MD)}.`);
}
