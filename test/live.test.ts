import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startStandIn } from "./stand-in.js";

// The live suite itself talks to LiveDesk and never runs here; these tests check its harness.
const RUN_LIVE = fileURLToPath(new URL("./live/run.mjs", import.meta.url));

// Asynchronous, so that the stand-in server in this process keeps answering while the live suite runs.
async function runLive(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const { LIVEDESK_API_KEY, LIVEDESK_API_SECRET, LIVEDESK_BASE_URL, ...rest } = process.env;
  const child = spawn(process.execPath, [RUN_LIVE], { env: { ...rest, NO_COLOR: "1", ...env } });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  const [status] = (await once(child, "exit")) as [number | null];
  return { status, output };
}

describe("npm run test:live", () => {
  it("says plainly that the live run did not happen without credentials", async () => {
    const result = await runLive({});
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/The live run did not happen: set LIVEDESK_API_KEY and LIVEDESK_API_SECRET/);
  });

  it("runs end to end through the validation proxy, against a stand-in for LiveDesk", { timeout: 60_000 }, async () => {
    const standIn = await startStandIn(50);
    try {
      const result = await runLive({
        LIVEDESK_API_KEY: "stand-in-key",
        LIVEDESK_API_SECRET: "stand-in-secret",
        LIVEDESK_BASE_URL: standIn.url,
      });
      expect(result.output).toMatch(/Tests\s+5 passed \(5\)/);
      expect(result.status).toBe(0);
    } finally {
      standIn.close();
    }
  });

  it("fails, naming the violation, when the upstream drifts from the spec", { timeout: 60_000 }, async () => {
    const standIn = await startStandIn(50, { idsAsStrings: true });
    try {
      const result = await runLive({
        LIVEDESK_API_KEY: "stand-in-key",
        LIVEDESK_API_SECRET: "stand-in-secret",
        LIVEDESK_BASE_URL: standIn.url,
      });
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/kept to the spec/);
      expect(result.output).toMatch(/response\.body\.payload\.0\.id/);
    } finally {
      standIn.close();
    }
  });
});
