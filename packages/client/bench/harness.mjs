// A small harness instead of a benchmark library: contenders take turns in every round (the order rotates), so a
// slower phase of a shared 2-core machine hits all of them alike, and ratios are taken within a round.

/** Collects garbage between samples, so that one contender's garbage is not collected on another's time. */
const collectGarbage = globalThis.gc ?? (() => {});

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export const median = (values) => quantile(values, 0.5);

/** Contender i of round r, so that each contender starts a round first once in a while. */
function rotated(list, round) {
  return list.map((_, index) => list[(index + round) % list.length]);
}

/** Runs `run` back to back (one call in flight) for `ms`; returns calls per second. */
async function opsPerSecond(run, ms) {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    // Read the clock every 32 calls: cheap next to a call, and no more than ~1 ms past the slot.
    for (let i = 0; i < 32; i += 1) {
      await run();
    }
    calls += 32;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (calls * 1000) / elapsed;
}

/**
 * Throughput of each contender: after a warm-up, `rounds` samples of `sampleMs` each. Returns, per contender, its
 * samples (ops/s) and, per round, its ratio to the baseline's sample of that round.
 */
export async function measureThroughput(contenders, { baseline, warmupMs, rounds, sampleMs }) {
  for (const contender of contenders) {
    await opsPerSecond(contender.run, warmupMs);
  }
  const samples = new Map(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of rotated(contenders, round)) {
      collectGarbage();
      samples.get(contender).push(await opsPerSecond(contender.run, sampleMs));
    }
  }
  const base = samples.get(baseline);
  return contenders.map((contender) => {
    const own = samples.get(contender);
    return {
      name: contender.name,
      opsPerSecond: median(own),
      p25: quantile(own, 0.25),
      p75: quantile(own, 0.75),
      ratio: median(own.map((value, round) => value / base[round])),
    };
  });
}

/**
 * Time per call of each contender: after `warmup` calls each, `rounds` rounds of `perRound` timed calls each.
 * Returns median and p90 in microseconds, and the ratio of the median to the baseline's.
 */
export async function measureLatency(contenders, { baseline, warmup, rounds, perRound }) {
  for (const contender of contenders) {
    for (let i = 0; i < warmup; i += 1) {
      await contender.run();
    }
  }
  const timings = new Map(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const contender of rotated(contenders, round)) {
      collectGarbage();
      const own = timings.get(contender);
      for (let i = 0; i < perRound; i += 1) {
        const start = performance.now();
        await contender.run();
        own.push((performance.now() - start) * 1000);
      }
    }
  }
  const baseMedian = median(timings.get(baseline));
  return contenders.map((contender) => {
    const own = timings.get(contender);
    return {
      name: contender.name,
      medianMicros: median(own),
      p90Micros: quantile(own, 0.9),
      ratio: median(own) / baseMedian,
    };
  });
}
