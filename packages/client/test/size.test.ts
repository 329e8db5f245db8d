import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSize } from "./bundle-size.mjs";

// What the client adds to an application: the built ESM entry bundled with openapi-fetch, minified, gzipped.
// The one size budget of the whole client, 10 kB, as issue 12.7 decided (it runs on servers).
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
