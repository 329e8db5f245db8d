import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../src/index.js";
import { spawnUntilReady } from "../src/process.js";
import { AUTH } from "./helpers.js";

// The built bin, as `npx livedesk-mock` runs it (turbo builds before testing).
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

function startCli(args: string[], ready = /^LiveDesk \S+.* listening on (http:\/\/127\.0\.0\.1:\d+)/) {
  return spawnUntilReady(process.execPath, [CLI, ...args], { name: "livedesk-mock", ready });
}

describe("livedesk-mock", () => {
  it("prints the URL of a working mock and stops on SIGTERM", async () => {
    const { child, ready: url } = await startCli(["--port", "0"]);
    const response = await fetch(`${url}/api/v2/accounts/contacts`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ payload: [{ id: 318763 }] });
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("serves the stateful simulator with --stateful --seed --contacts, and says where its controls are", async () => {
    const { child, ready: controlUrl } = await startCli(
      ["--port", "0", "--stateful", "--seed", "4", "--contacts", "31"],
      /State, reset and faults: (http:\/\/\S+)\/state/,
    );
    const url = controlUrl.replace(/\/__livedesk$/, "");
    try {
      const page = await fetch(`${url}/api/v2/accounts/contacts?page=3`, { headers: AUTH });
      expect(await page.json()).toMatchObject({ meta: { count: 31, current_page: "3" }, payload: [{ id: 31 }] });
      const state = await (await fetch(`${controlUrl}/state`)).json();
      expect(state.requests).toHaveLength(1);
    } finally {
      child.kill("SIGINT");
      await once(child, "exit");
    }
  });

  it("as a proxy, prints undocumented response fields apart from violations, and both sections when stopped", async () => {
    const page = JSON.parse(readFileSync(defaultSpecPath, "utf8")).components.examples.ListContactsPage.value;
    const [contact] = page.payload;
    const inbox = { ...contact.contact_inboxes[0].inbox, avatar_url: "" };
    const drifted = { ...page, payload: [{ ...contact, contact_inboxes: [{ source_id: "s", inbox }] }] };
    const upstream = createServer((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(drifted));
    }).listen(0, "127.0.0.1");
    await once(upstream, "listening");
    try {
      const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      const { child, ready: url } = await startCli(["--port", "0", "--proxy", target]);
      const field = "GET /api/v2/accounts/contacts  200  response.body.payload[].contact_inboxes[].inbox.avatar_url";
      let stderr = "";
      const reported = new Promise<void>((resolve) => {
        child.stderr?.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes(`undocumented  ${field}\n`)) {
            resolve();
          }
        });
      });
      await fetch(`${url}/api/v2/accounts/contacts`, { headers: { authorization: `Basic ${btoa("key:secret")}` } });
      await reported;
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
      expect(stderr).toContain(
        `Violations of the spec (0):\nUndocumented response fields (1), drift rather than errors:\n  ${field}\n`,
      );
    } finally {
      upstream.close();
    }
  });

  it.each([
    [["--port", "http"], /--port must be a whole number from 0 to 65535, got "http"/],
    [["--port", ""], /--port must be a whole number from 0 to 65535, got ""/],
    [["--stateful", "--contacts", "many"], /--contacts must be a whole number from 0 to 100000, got "many"/],
    [["--seed", "3"], /--seed needs --stateful/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("rejects %j with usage and exit code 2", (args, message) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: livedesk-mock");
  });

  it("explains itself with --help", () => {
    const result = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--proxy <url>");
    expect(result.stdout).toContain("--stateful");
  });
});
