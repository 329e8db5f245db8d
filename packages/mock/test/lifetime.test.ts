import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { spawnUntilReady } from "../src/process.js";

// A script that calls startMockServer, and the CLI, each ended by each signal: Prism must end with them. The wait is
// for an event: fd 3 of the parent is a pipe that Prism inherits, so it ends only when both are exiting.
const SCRIPT = fileURLToPath(new URL("./fixtures/start-mock.mjs", import.meta.url));
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

const parents = {
  script: { args: [SCRIPT], ready: /ready (\d+)/ },
  cli: { args: [CLI, "--port", "0"], ready: /listening on (http:\/\/\S+)/ },
};

/** Whether a process exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).map(Number);
}

describe("no Prism outlives the process that started it", () => {
  const cases = (["script", "cli"] as const).flatMap((parent) =>
    (["SIGTERM", "SIGINT", "SIGHUP", "SIGKILL"] as const).map((signal) => [parent, signal] as const),
  );

  it.each(cases)("%s ended by %s", async (parent, signal) => {
    const { args, ready } = parents[parent];
    const { child, ready: printed } = await spawnUntilReady(process.execPath, args, {
      name: parent,
      ready,
      treePipe: true,
    });
    const prism = parent === "script" ? Number(printed) : (childrenOf(child.pid ?? 0)[0] ?? 0);
    expect(alive(prism)).toBe(true);
    const tree = child.stdio[3] as Readable;
    const treeGone = once(tree.resume(), "end");
    child.kill(signal);
    await treeGone;
    // The pipe closes as Prism exits; the kernel then marks the process as ended.
    await expect.poll(() => alive(prism)).toBe(false);
  });
});
