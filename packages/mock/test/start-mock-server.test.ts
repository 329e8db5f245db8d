import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";

const started: MockServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

describe("startMockServer", () => {
  it("serves the LiveDesk description on a free loopback port and stops on close()", async () => {
    const server = await startMockServer();
    started.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/v2/accounts/contacts`, {
      headers: { authorization: `Basic ${btoa("key:secret")}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ meta: { count: 1 }, payload: [{ id: 318763 }] });

    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
    await server.close();
  });

  it("says so when the port is taken, with Prism's output", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startMockServer({ port })).rejects.toThrow(
        new RegExp(`Port ${port} is in use[\\s\\S]*Prism output`),
      );
    } finally {
      blocker.close();
    }
  });

  it("says so when the spec cannot be loaded", async () => {
    await expect(startMockServer({ spec: "/nonexistent/openapi.json" })).rejects.toThrow(/Prism did not start/);
  });
});
