import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeadlines } from "../src/deadlines.js";

describe("deadlines", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires each deadline when its time is up, not before", async () => {
    const deadlines = createDeadlines();
    const expired: string[] = [];
    deadlines.add(100, () => expired.push("100 ms"));
    deadlines.add(50, () => expired.push("50 ms"));
    await vi.advanceTimersByTimeAsync(49);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(49);
    expect(expired).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual(["50 ms", "100 ms"]);
  });

  it("never expires a cancelled deadline", async () => {
    const deadlines = createDeadlines();
    const expire = vi.fn();
    const kept = vi.fn();
    deadlines.cancel(deadlines.add(10, expire));
    deadlines.add(20, kept);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(expire).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledOnce();
  });

  it("watches any number of deadlines with one timer, re-armed for an earlier one", async () => {
    const deadlines = createDeadlines();
    const expired: number[] = [];
    for (let index = 0; index < 1_000; index += 1) {
      deadlines.add(30_000 + index, () => expired.push(index));
    }
    expect(vi.getTimerCount()).toBe(1);
    deadlines.add(10, () => expired.push(-1));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(expired).toEqual([-1]);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(expired).toHaveLength(1_001);
    expect(expired.slice(1, 4)).toEqual([0, 1, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("deadlines where timers are plain numbers (browsers, Deno)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("stop the timer when nothing is pending, since it cannot be unref'd", () => {
    const running = new Set<number>();
    let nextId = 1;
    vi.stubGlobal("setTimeout", () => {
      running.add(nextId);
      return nextId++;
    });
    vi.stubGlobal("clearTimeout", (id: number | undefined) => {
      if (id !== undefined) {
        running.delete(id);
      }
    });
    const deadlines = createDeadlines();
    const first = deadlines.add(30_000, () => {});
    const second = deadlines.add(30_000, () => {});
    deadlines.cancel(first);
    expect(running.size).toBe(1);
    deadlines.cancel(second);
    expect(running.size).toBe(0);
    deadlines.cancel(deadlines.add(30_000, () => {}));
    expect(running.size).toBe(0);
  });
});

describe("a client's timeouts", () => {
  it("do not keep a finished script alive until the timeout would have passed", () => {
    // A script that makes a request with the default 30 s timeout and ends: it must exit at once, not 30 s later.
    const script = `
      const { createLiveDeskClient } = await import(${JSON.stringify(new URL("../dist/index.mjs", import.meta.url).href)});
      const body = { meta: { count: 1, current_page: "1" }, payload: [{ id: 1 }] };
      const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", fetch: async () => Response.json(body) });
      await client.contacts.list();
      console.log("listed");
    `;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(output.trim()).toBe("listed");
  });
});
