// Markdown tables and the SVG chart of the results. Pure functions of the results object that run.mjs builds.

const MIB = 2 ** 20;
const integer = (value) => Math.round(value).toLocaleString("en-US");
const fixed = (value, digits) => value.toFixed(digits);
const times = (ratio) => `${ratio.toFixed(2)}×`;
const mib = (bytes) => (bytes / MIB).toFixed(1);

/** A Markdown table; the first `textColumns` columns are left-aligned, the rest (figures) right-aligned. */
function table(header, rows, textColumns = 1) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, index) => (index < textColumns ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

export function perRequestTable({ baseline, rows }) {
  return table(
    ["Contender", "ops/s (median)", "p25–p75 ops/s", "µs/op", `× ${baseline}`],
    rows.map((row) =>
      row.notRun
        ? [row.name, `not run: ${row.notRun}`, "", "", ""]
        : [
            row.name,
            integer(row.opsPerSecond),
            `${integer(row.p25)}–${integer(row.p75)}`,
            fixed(1e6 / row.opsPerSecond, 1),
            times(row.ratio),
          ],
    ),
  );
}

export function socketTable({ baseline, rows }) {
  return table(
    ["Contender", "median µs/request", "p90 µs/request", `× ${baseline} (median)`],
    rows.map((row) =>
      row.notRun
        ? [row.name, `not run: ${row.notRun}`, "", ""]
        : [row.name, integer(row.medianMicros), integer(row.p90Micros), times(row.ratio)],
    ),
  );
}

export function exportTable({ runs, floor }) {
  const cells = (run, concurrency, speedup) => [
    integer(run.total),
    `${run.latencyMs} ms`,
    concurrency,
    integer(run.contactsPerSecond),
    speedup,
    fixed(run.seconds, 2),
    mib(run.peakRssBytes),
    mib(run.peakHeapUsedBytes),
    mib(run.heapLeftBytes),
  ];
  return table(
    [
      "Contacts",
      "Latency",
      "Concurrency",
      "contacts/s",
      "× concurrency 1",
      "time (s)",
      "peak RSS (MiB)",
      "peak heap used (MiB)",
      "heap left after GC (MiB)",
    ],
    [
      ...runs.map((run) => cells(run, String(run.concurrency), times(run.speedup))),
      ...floor.map((run) => cells(run, "hand-written fetch loop", "")),
    ],
  );
}

export function liveHeapTable(runs) {
  return table(
    [
      "Contacts",
      "Concurrency",
      "heap used at the start (MiB)",
      "peak live heap (MiB)",
      "heap left after GC (MiB)",
      "peak RSS (MiB)",
    ],
    runs.map((run) => [
      integer(run.total),
      run.concurrency,
      mib(run.heapUsedBeforeBytes),
      mib(run.peakLiveHeapBytes),
      mib(run.heapLeftBytes),
      mib(run.peakRssBytes),
    ]),
  );
}

export function sizeTable(rows) {
  return table(
    ["Entry", "minified (bytes)", "minified and gzipped (bytes)", "minified and gzipped (kB)"],
    rows.map((row) => [
      row.name,
      integer(row.minifiedBytes),
      integer(row.gzippedBytes),
      fixed(row.gzippedBytes / 1000, 1),
    ]),
  );
}

export function pipelineTable(runs) {
  return table(
    ["Run", "Commands", "wall time (s)", "turbo tasks cached"],
    runs.map((run) => [
      run.name,
      run.commands.map((command) => `\`${command}\``).join(" then "),
      run.failed ? `failed: ${run.failed}` : fixed(run.seconds, 2),
      run.cached,
    ]),
    2,
  );
}

export function budgetTable(budgets) {
  return table(
    ["Budget", "Measured", "Met"],
    budgets.map((budget) => [
      budget.name,
      budget.measured,
      budget.reference ? "(reference)" : budget.met === undefined ? "not evaluated" : budget.met ? "yes" : "**no**",
    ]),
    3,
  );
}

export function machineLines(machine) {
  return [
    `- Date: ${machine.date}`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores (\`nproc\`), ${machine.memoryGiB} GiB memory`,
    `- Node ${machine.node} on ${machine.os}`,
    `- Load average when the run began: ${machine.loadAverage.join(", ")} (1, 5, 15 min)`,
    `- Commit: ${machine.commit}`,
    `- Versions: ${Object.entries(machine.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}`,
  ].join("\n");
}

/** "1, 2, 5 × a power of ten" steps, about five of them up to `max`. */
function tickStep(max) {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough);
}

/** Line chart of export throughput against concurrency, one line per latency, for the runs of one export size. */
export function throughputChart(runs, total) {
  const width = 640;
  const height = 400;
  const margin = { top: 48, right: 150, bottom: 56, left: 80 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const mine = runs.filter((run) => run.total === total);
  const concurrencies = [...new Set(mine.map((run) => run.concurrency))].sort((a, b) => a - b);
  const latencies = [...new Set(mine.map((run) => run.latencyMs))].sort((a, b) => a - b);
  const step = tickStep(Math.max(...mine.map((run) => run.contactsPerSecond)));
  const top = step * Math.ceil(Math.max(...mine.map((run) => run.contactsPerSecond)) / step);
  // Concurrency doubles at each step, so the x axis is evenly spaced by position.
  const x = (concurrency) =>
    margin.left + (concurrencies.indexOf(concurrency) / (concurrencies.length - 1)) * plotWidth;
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;
  const colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>listAll throughput, ${integer(total)} contacts (pages of 15)</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">listAll throughput, ${integer(total)} contacts (pages of 15)</text>`,
  ];
  for (let value = 0; value <= top; value += step) {
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end">${integer(value)}</text>`,
    );
  }
  for (const concurrency of concurrencies) {
    parts.push(
      `<text x="${x(concurrency)}" y="${margin.top + plotHeight + 20}" text-anchor="middle">${concurrency}</text>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#333"/>`,
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#333"/>`,
    `<text x="${margin.left + plotWidth / 2}" y="${height - 14}" text-anchor="middle">concurrency (pages in flight)</text>`,
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">contacts per second</text>`,
  );
  latencies.forEach((latencyMs, index) => {
    const colour = colours[index % colours.length];
    const points = mine
      .filter((run) => run.latencyMs === latencyMs)
      .sort((a, b) => a.concurrency - b.concurrency)
      .map((run) => [x(run.concurrency), y(run.contactsPerSecond)]);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map((point) => point.join(",")).join(" ")}"/>`,
      ...points.map(([cx, cy]) => `<circle cx="${cx}" cy="${cy}" r="3.5" fill="${colour}"/>`),
      `<line x1="${width - margin.right + 16}" x2="${width - margin.right + 40}" y1="${margin.top + 10 + index * 20}" y2="${margin.top + 10 + index * 20}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${width - margin.right + 46}" y="${margin.top + 14 + index * 20}">${latencyMs} ms latency</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
