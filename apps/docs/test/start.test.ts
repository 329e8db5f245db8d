import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The script behind `npm start`, run as a newcomer would, on free ports.
const START = fileURLToPath(new URL("../scripts/start.mjs", import.meta.url));
let child: ChildProcess;
let output = "";

beforeAll(async () => {
  child = spawn(process.execPath, [START], { env: { ...process.env, DOCS_PORT: "0", MOCK_PORT: "0" } });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl+C to stop.")) {
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`start.mjs exited with ${code}:\n${output}`)));
  });
});

// Stopping is checked here, after every test has used the running servers, so no test depends on another's order.
afterAll(async () => {
  const exited = child.exitCode === null ? once(child, "exit") : Promise.resolve([child.exitCode]);
  child.kill("SIGTERM");
  const [code] = await exited;
  expect(code, `npm start did not stop cleanly on SIGTERM:\n${output}`).toBe(0);
});

function printed(label: string): string {
  const match = new RegExp(`${label}\\s+(http://127\\.0\\.0\\.1:\\d+\\S*)`).exec(output);
  if (!match?.[1]) {
    throw new Error(`no ${label} URL in:\n${output}`);
  }
  return match[1].replace(/\/$/, "");
}

describe("npm start", () => {
  it("says where the built artifacts are", () => {
    for (const artifact of ["openapi/dist/openapi.yaml", "packages/client/dist/", "apps/docs/dist/"]) {
      expect(output).toContain(artifact);
    }
  });

  it("serves the API reference and the bundled spec", async () => {
    const docs = printed("API reference");
    const page = await fetch(`${docs}/`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("EngageLab LiveDesk REST API");
    for (const page of ["ledger.html", "guides/index.html", "client/index.html"]) {
      expect((await fetch(`${docs}/${page}`)).status, page).toBe(200);
    }
    const spec = await fetch(`${docs}/openapi.json`);
    expect(await spec.json()).toMatchObject({ openapi: "3.1.0" });
  });

  it("serves the stateful simulator, which answers the printed sample curl with the printed credentials", async () => {
    const command = /curl -u ([^ ]+) '([^']+)'/.exec(output);
    expect(command).not.toBeNull();
    const [, credentials = "", url = ""] = command ?? [];
    expect(output).toContain(credentials.replace(":", " / "));
    expect(url.startsWith(printed("LiveDesk simulator"))).toBe(true);
    const response = await fetch(url, { headers: { authorization: `Basic ${btoa(credentials)}` } });
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.payload.length).toBeGreaterThan(0);
    expect(page.meta.count).toBeGreaterThanOrEqual(page.payload.length);
    // Stateful: the contacts it lists are the simulator's, whose state the printed control URL shows.
    const state = await (await fetch(printed("state"))).json();
    const ids = state.contacts.map((contact: { id: number }) => contact.id);
    expect(ids).toEqual(expect.arrayContaining(page.payload.map((contact: { id: number }) => contact.id)));
  });

  it("answers an odd path such as // instead of going down", async () => {
    const docs = printed("API reference");
    expect((await fetch(`${docs}//`)).status).toBeLessThan(500);
    expect((await fetch(`${docs}/openapi.json`)).status).toBe(200);
  });
});
