import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// What the client adds to an application: the built ESM entry bundled with openapi-fetch, minified, gzipped.
// A ceiling just above today's size, so that growth is a decision. Issue 6's target, 6 kB, is not met yet: our own
// code is ~7.2 kB of the 9.8 kB (validation, error classes and their messages, helpers for every operation).
const CEILING_BYTES = 10_000;
const ENTRY = new URL("../dist/index.mjs", import.meta.url);

describe("bundle size", () => {
  it(`stays under ${CEILING_BYTES} bytes minified and gzipped, openapi-fetch included`, async () => {
    if (!existsSync(ENTRY)) {
      throw new Error("dist/ is missing: build the client first (npm run build).");
    }
    const result = await build({
      entryPoints: [ENTRY.pathname],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      write: false,
    });
    const gzipped = gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(2_000); // the bundle really contains the client
    expect(gzipped).toBeLessThanOrEqual(CEILING_BYTES);
  });
});
