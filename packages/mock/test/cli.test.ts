import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../src/index.js";

// The built bin, as `npx livedesk-mock` runs it (turbo builds before testing).
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

/** Resolves with the URL the CLI prints once it listens, and everything it printed until then. */
function listening(child: ChildProcessWithoutNullStreams): Promise<{ url: string; output: string }> {
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        resolve({ url: match[1], output });
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

describe("livedesk-mock", () => {
  it("prints the URL of a working mock and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "0"]);
    const { url, output } = await listening(child);
    expect(output).toMatch(/^LiveDesk mock listening on/);
    const response = await fetch(`${url}/api/v2/accounts/contacts`, {
      headers: { authorization: `Basic ${btoa("key:secret")}` },
    });
    expect(response.status).toBe(200);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
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
      const child = spawn(process.execPath, [CLI, "--port", "0", "--proxy", target]);
      const field = "GET /api/v2/accounts/contacts  200  response.body.payload[].contact_inboxes[].inbox.avatar_url";
      let stderr = "";
      const reported = new Promise<void>((resolve) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes(`undocumented  ${field}\n`)) {
            resolve();
          }
        });
      });
      const { url } = await listening(child);
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
    [["--port", "http"], /--port must be a whole number/],
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
  });
});
