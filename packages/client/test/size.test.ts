import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSize, CLIENT_ENTRY, SIZE_CEILING_BYTES } from "./bundle-size.mjs";

// What the client adds to an application: the built ESM entry bundled with openapi-fetch, minified, gzipped.
// The ceiling is the size budget that `npm run bench` reports too, so that growth is a decision.

describe("bundle size", () => {
  it(`stays under ${SIZE_CEILING_BYTES} bytes minified and gzipped, openapi-fetch included`, async () => {
    if (!existsSync(new URL("../dist/index.mjs", import.meta.url))) {
      throw new Error("dist/ is missing: build the client first (npm run build).");
    }
    const { gzippedBytes } = await bundleSize(CLIENT_ENTRY);
    expect(gzippedBytes).toBeGreaterThan(2_000); // the bundle really contains the client
    expect(gzippedBytes).toBeLessThanOrEqual(SIZE_CEILING_BYTES);
  });
});
