// What the benchmarks of every package share: the runner behind each package's `npm run bench` (bench/run.mjs),
// turns that rotate, medians, ratios and Markdown tables. A benchmark is a module exporting `title`, `about` (what it
// measures, in Markdown) and `run()`, which resolves to `{ markdown, budgets }`; a budget is `{ name, value, max }` or
// `{ name, value, min }`, with `unit` (default "×"). Budgets are reported, never asserted: a run fails only when a
// benchmark breaks.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const [START, END] = ["<!-- bench:results:start -->", "<!-- bench:results:end -->"];

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
}

/** The median over rounds of `a`'s figure divided by `b`'s, from two lists filled side by side (as by takeTurns). */
export const ratioByRound = (a, b) => median(a.map((value, round) => value / b[round]));

export const times = (ratio) => `${ratio.toFixed(2)}×`;
export const integer = (value) => Math.round(value).toLocaleString("en-US");

/** A Markdown table; the first column is text, the others are figures (right-aligned). */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, index) => (index === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/**
 * `rounds` rounds in which each of `names` takes one turn, `turn(name)`, which resolves to a figure. The order rotates
 * every round and garbage is collected before each turn (with `--expose-gc`), so that a slower phase of a shared
 * machine, or another's garbage, hits all alike. Returns name → its figure of each round.
 */
export async function takeTurns(names, rounds, turn) {
  const figures = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let index = 0; index < names.length; index += 1) {
      const name = names[(index + round) % names.length];
      globalThis.gc?.();
      figures[name].push(await turn(name));
    }
  }
  return figures;
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function machine(benchDirectory, versionsOf) {
  const require = createRequire(benchDirectory);
  let commit = "unknown";
  try {
    const git = (...args) => execFileSync("git", ["--no-optional-locks", ...args], { encoding: "utf8" }).trim();
    // Figures are not code: the root `npm run bench -- --update` rewrites one package's BENCHMARKS.md before the next
    // package's benchmarks begin.
    const changes = git("status", "--porcelain", "--", ":(top)", ":(top,exclude,glob)**/BENCHMARKS.md");
    commit = `${git("rev-parse", "--short", "HEAD")}${changes ? " with uncommitted changes" : ""}`;
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
    `${versionsOf.map((name) => `${name} ${require(`${name}/package.json`).version}`).join(", ")}.`,
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

/**
 * A package's `npm run bench`: runs `benchmarks` (name → module), prints each table and the budgets, and writes
 * `results/results.{md,json}` in `benchDirectory` (which git ignores). `--update` also rewrites the results block of
 * the package's BENCHMARKS.md (beside `benchDirectory`); `--only a,b` runs some benchmarks only. The results name the
 * machine, its load average and the versions of `versionsOf` (packages resolved from `benchDirectory`).
 */
export async function runBenchmarks({ heading, benchmarks, benchDirectory, versionsOf = [] }) {
  const results = new URL("./results/", benchDirectory);
  const benchmarksMd = new URL("../BENCHMARKS.md", benchDirectory);
  const print = (text) => process.stdout.write(`${text}\n\n`);
  const { values: options } = parseArgs({ options: { only: { type: "string" }, update: { type: "boolean" } } });
  const names = options.only?.split(",") ?? Object.keys(benchmarks);
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    fail(`Unknown benchmark ${unknown.join(", ")}: choose from ${Object.keys(benchmarks).join(", ")}.`);
  }
  if (options.update && options.only) {
    fail("--update rewrites every figure of BENCHMARKS.md: run it without --only.");
  }

  const setting = machine(benchDirectory, versionsOf);
  const sections = [];
  const budgets = [];
  print(`# ${heading}\n\n${setting}`);
  for (const name of names) {
    const { title, about, run } = benchmarks[name];
    print(`## ${title}\n\n${about}`);
    const result = await run();
    print(result.markdown);
    sections.push(`### ${title}\n\n${about}\n\n${result.markdown}`);
    budgets.push(...result.budgets);
  }
  print(`## Budgets\n\n${budgetTable(budgets)}`);

  const report = `${[setting, `### Budgets\n\n${budgetTable(budgets)}`, ...sections].join("\n\n")}\n`;
  mkdirSync(results, { recursive: true });
  writeFileSync(new URL("results.md", results), report);
  writeFileSync(new URL("results.json", results), `${JSON.stringify({ machine: setting, budgets }, null, 2)}\n`);
  print(`Wrote ${fileURLToPath(results)}results.{md,json}.`);
  if (options.update) {
    const text = readFileSync(benchmarksMd, "utf8");
    const [from, to] = [text.indexOf(START), text.indexOf(END)];
    if (from === -1 || to === -1) {
      fail(`BENCHMARKS.md has lost its ${START} … ${END} markers.`);
    }
    writeFileSync(benchmarksMd, `${text.slice(0, from + START.length)}\n${report}${text.slice(to)}`);
    print(`Updated ${fileURLToPath(benchmarksMd)}.`);
  }
}
