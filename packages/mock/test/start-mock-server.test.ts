import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, startMockServer } from "../src/index.js";
import { findOperation, loadSpec, responseSchema, undocumentedFields } from "../src/spec-fields.js";
import { AUTH, CONTACTS } from "./helpers.js";

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

  it("with dynamic, generates answers from the schemas with no property the schemas do not declare", async () => {
    const server = await startMockServer({ dynamic: true });
    started.push(server);
    const spec = loadSpec(defaultSpecPath);
    const invented: string[] = [];
    // json-schema-faker adds random properties to most objects of an open schema; ten answers leave it no chance.
    for (const path of Array.from({ length: 5 }, () => [CONTACTS, "/api/v2/accounts/tickets/tk_1"]).flat()) {
      const response = await fetch(`${server.url}${path}`, { headers: AUTH });
      const found = findOperation(spec, "GET", path);
      const schema = found && responseSchema(spec, found.operation, response.status);
      expect(schema, `${path} answered ${response.status}`).toBeDefined();
      invented.push(...undocumentedFields(spec, schema, await response.json()).map((field) => `${path}: ${field}`));
    }
    expect(invented).toEqual([]);
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
