import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSize } from "./bundle-size.mjs";

// What the client adds to an application: the built ESM entry bundled with openapi-fetch, minified, gzipped.
// A ceiling just above today's size, so that growth is a decision. Issue 6's target, 6 kB, is not met yet: our own
// code is ~7.2 kB of the 9.8 kB (validation, error classes and their messages, helpers for every operation).
const CEILING_BYTES = 10_000;

describe("bundle size", () => {
  it(`stays under ${CEILING_BYTES} bytes minified and gzipped, openapi-fetch included`, async () => {
    if (!existsSync(new URL("../dist/index.mjs", import.meta.url))) {
      throw new Error("dist/ is missing: build the client first (npm run build).");
    }
    const { gzippedBytes } = await bundleSize('export * from "./dist/index.mjs";');
    expect(gzippedBytes).toBeGreaterThan(2_000); // the bundle really contains the client
    expect(gzippedBytes).toBeLessThanOrEqual(CEILING_BYTES);
  });
});
