import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { probeCommand } from "../src/probe/command.js";
import { type Behaviour, CREDENTIALS, type FakeLiveDesk, startFakeLiveDesk } from "./fake-livedesk.js";

const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const ENV = { LIVEDESK_API_KEY: CREDENTIALS.apiKey, LIVEDESK_API_SECRET: CREDENTIALS.apiSecret };

/** Every form in which a credential could leak into output. */
const { apiKey, apiSecret } = CREDENTIALS;
const LEAKS = [apiKey, apiSecret, `${apiKey}:${apiSecret}`, Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")]
  .flatMap((form) => [form, encodeURIComponent(form), JSON.stringify(form).slice(1, -1)])
  .concat([encodeURIComponent(apiSecret)]);

let fake: FakeLiveDesk | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(args: string[], behaviour: Partial<Behaviour> = {}, env: Record<string, string> = ENV) {
  fake = await startFakeLiveDesk(behaviour);
  let stdout = "";
  let stderr = "";
  const status = await probeCommand(["--base-url", fake.url, ...args], {
    env,
    write: async (text) => {
      stdout += text;
    },
    writeError: async (text) => {
      stderr += text;
    },
    sleep: async () => {},
  });
  return { status, stdout, stderr };
}

function expectNoCredentials(text: string) {
  for (const leak of LEAKS) {
    expect(text).not.toContain(leak);
  }
}

describe("livedesk-mock probe", () => {
  it("prints one row per ledger id and exits 0 when nothing contradicts the spec", async () => {
    const { status, stdout } = await run(["--label", "vip", "--label", "premium"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^LiveDesk conformance probe of http:\/\/127\.0\.0\.1:\d+: \d+ read-only GET requests\./);
    for (const id of ["general-8", "general-10", "general-11", "contacts-2", "contacts-7", "contacts-23"]) {
      expect(stdout).toMatch(new RegExp(`^${id} +confirmed +\\S`, "m"));
    }
    expect(stdout).toMatch(/10 confirmed, 0 contradicted, 0 undocumented, 0 could not tell\.\n$/);
    // Each row quotes the decision of its ledger entry.
    expect(stdout).toMatch(
      /^contacts-7 +confirmed .*\n +spec: Comma-separated in one parameter: `labels=vip,premium`/m,
    );
  });

  it("exits 1 when the API contradicts the spec, and says where", async () => {
    const { status, stdout } = await run([], { sort: "prefix" });
    expect(status).toBe(1);
    expect(stdout).toMatch(/^contacts-23 +contradicted/m);
    expect(stdout).toMatch(/The API contradicts the spec where a row says contradicted\./);
  });

  it("writes the same report as JSON with --json", async () => {
    const { status, stdout } = await run(["--json"], { rateLimitHeaders: true });
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.findings).toHaveLength(10);
    expect(report.findings.find((each: { id: string }) => each.id === "general-11")).toMatchObject({
      verdict: "undocumented",
      observed: { headers: { "x-ratelimit-limit": "60" } },
    });
    expect(report.requests.every((each: { request: string }) => each.request.startsWith("GET /"))).toBe(true);
  });

  it.each([
    ["text", []],
    ["JSON", ["--json"]],
  ])("never prints a credential in %s, even when the server echoes them", async (_, args) => {
    const { stdout, stderr } = await run([...args, "--label", "vip", "--label", "premium"], {
      echoCredentials: true,
    });
    // The server did echo them, into places the report shows: a rate-limit header and the 404 body.
    expect(stdout).toMatch(/x-ratelimit-echo/);
    expect(stdout).toMatch(/No such ticket for \[redacted\]/);
    expectNoCredentials(stdout + stderr);
  });

  it("exits 3 without printing a credential when the credentials are refused", async () => {
    const refused = { LIVEDESK_API_KEY: apiKey, LIVEDESK_API_SECRET: "refused-secret" };
    const { status, stdout, stderr } = await run([], {}, refused);
    expect(status).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/LiveDesk refused the credentials: GET \/api\/v2\/accounts\/contacts answered 401/);
    expect(stderr).not.toContain("refused-secret");
    expectNoCredentials(stderr);
  });

  it.each([
    [["--label", "vip"], ENV, /Name two labels/],
    [["--bogus"], ENV, /Unknown option '--bogus'/],
    [[], {}, /set LIVEDESK_API_KEY and LIVEDESK_API_SECRET/],
  ])("exits 2 on wrong usage: %j", async (args, env, message) => {
    const { status, stderr } = await run(args, {}, env);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("runs from the built bin, and explains itself with --help", async () => {
    fake = await startFakeLiveDesk();
    const child = spawn(process.execPath, [CLI, "probe", "--base-url", fake.url], { env: { ...process.env, ...ENV } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const [status] = await once(child, "exit");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^contacts-7 +could not tell/m);
    expectNoCredentials(stdout);

    const help = spawn(process.execPath, [CLI, "probe", "--help"]);
    let usage = "";
    help.stdout.on("data", (chunk: Buffer) => {
      usage += chunk.toString();
    });
    expect((await once(help, "exit"))[0]).toBe(0);
    expect(usage).toMatch(/^Usage: livedesk-mock probe \[options\]/);
    expect(usage).toContain("--base-url <url>  the API to probe (default https://livedesk-api.engagelab.com)");
    expect(usage).toMatch(/Exit status: 0 nothing contradicts the spec, 1 the API contradicts the spec/);
  });
});
