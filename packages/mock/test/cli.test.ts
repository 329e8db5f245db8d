import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The built bin, as `npx livedesk-mock` runs it (turbo builds before testing).
const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));

describe("livedesk-mock", () => {
  it("prints the URL of a working mock and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI, "--port", "0"]);
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          resolve(match[1]);
        }
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(output).toMatch(/^LiveDesk mock listening on/);
    const response = await fetch(`${url}/api/v2/accounts/contacts`, {
      headers: { authorization: `Basic ${btoa("key:secret")}` },
    });
    expect(response.status).toBe(200);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
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
