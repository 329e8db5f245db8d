import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// Runs against the built package, as users load it (turbo builds before testing).
type Package = typeof import("../src/index.js");
const ESM = new URL("../dist/index.mjs", import.meta.url);
const CJS = new URL("../dist/index.cjs", import.meta.url);
if (!existsSync(ESM) || !existsSync(CJS)) {
  throw new Error("dist/ is missing: build the client first (npm run build).");
}
const esm: Package = await import(ESM.href);
const cjs: Package = createRequire(import.meta.url)(CJS.pathname);

describe("the ESM and CJS builds", () => {
  it("export the same names", () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
  });

  it.each([
    ["ESM", esm],
    ["CJS", cjs],
  ])("%s: lists contacts through openapi-fetch, as @livedesk/client/<the package's version>", async (_, build) => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const body = { meta: { count: 1, current_page: "1" }, payload: [{ id: 7 }] };
    const agents: (string | null)[] = [];
    const client = build.createLiveDeskClient({
      apiKey: "key",
      apiSecret: "secret",
      fetch: async (request) => {
        agents.push(request.headers.get("user-agent"));
        return Response.json(body);
      },
    });
    await expect(client.contacts.list({ labels: ["vip"] })).resolves.toEqual({
      ...body,
      meta: { count: 1, current_page: 1 },
    });
    expect(agents).toEqual([`@livedesk/client/${version}`]);
  });

  it("agree on instanceof, even though each has its own copy of every error class", () => {
    expect(cjs.LiveDeskError).not.toBe(esm.LiveDeskError);
    const fromCjs = new cjs.LiveDeskRateLimitError("slow down", {
      code: "rate_limit",
      status: 429,
      body: {},
      contentType: undefined,
      retryAfterMs: 1_000,
    });
    expect(fromCjs).toBeInstanceOf(esm.LiveDeskRateLimitError);
    expect(fromCjs).toBeInstanceOf(esm.LiveDeskHttpError);
    expect(fromCjs).toBeInstanceOf(esm.LiveDeskError);
    expect(fromCjs).not.toBeInstanceOf(esm.LiveDeskServerError);
    expect(fromCjs).not.toBeInstanceOf(esm.LiveDeskArgumentError);
    const fromEsm = new esm.LiveDeskArgumentError("page", "must be 1 or more");
    expect(fromEsm).toBeInstanceOf(cjs.LiveDeskArgumentError);
    expect(fromEsm).toBeInstanceOf(cjs.LiveDeskError);
    expect(fromEsm).not.toBeInstanceOf(cjs.LiveDeskHttpError);
    expect(new Error("plain")).not.toBeInstanceOf(cjs.LiveDeskError);
    expect(fromEsm.name).toBe("LiveDeskArgumentError");
  });
});
