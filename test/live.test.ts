import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createSimulator, DEFAULT_CREDENTIALS } from "@livedesk/mock";
import { describe, expect, it } from "vitest";

// The live suite itself talks to LiveDesk and never runs here; these tests check its harness.
const RUN_LIVE = fileURLToPath(new URL("./live/run.mjs", import.meta.url));

/**
 * LiveDesk for the live suite: the simulator over plain HTTP on loopback (the live suite puts its own validation
 * proxy in front). `drift` rewrites each answer, to play an upstream that no longer keeps to the spec.
 */
async function startUpstream(drift: (body: string) => string = (body) => body) {
  const simulator = createSimulator({ seed: 2, contacts: 50 });
  const server = createServer(async (request, response) => {
    const answer = await simulator.fetch(`http://upstream${request.url}`, {
      method: request.method ?? "GET",
      headers: request.headers as Record<string, string>,
    });
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
    response.end(drift(await answer.text()));
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

// Asynchronous, so that the upstream server in this process keeps answering while the live suite runs.
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

  const credentials = {
    LIVEDESK_API_KEY: DEFAULT_CREDENTIALS.apiKey,
    LIVEDESK_API_SECRET: DEFAULT_CREDENTIALS.apiSecret,
  };

  it("runs end to end through the validation proxy, against the simulator as LiveDesk", {
    timeout: 60_000,
  }, async () => {
    const upstream = await startUpstream();
    try {
      const result = await runLive({ ...credentials, LIVEDESK_BASE_URL: upstream.url });
      expect(result.status, result.output).toBe(0);
      // Tests ran and none failed (no count: adding a live test must not break this one).
      expect(result.output).toMatch(/Tests\s+[1-9]\d* passed/);
      expect(result.output).not.toMatch(/failed|skipped/);
    } finally {
      upstream.close();
    }
  });

  it("fails, naming the violation, when the upstream drifts from the spec", { timeout: 60_000 }, async () => {
    const upstream = await startUpstream((body) => body.replace(/"id":(\d+)/g, '"id":"$1"'));
    try {
      const result = await runLive({ ...credentials, LIVEDESK_BASE_URL: upstream.url });
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/kept to the spec/);
      expect(result.output).toMatch(/response\.body\.payload\.0\.id/);
    } finally {
      upstream.close();
    }
  });
});
