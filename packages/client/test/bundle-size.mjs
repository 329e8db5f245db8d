// What a module costs an application that bundles it: its code and its dependencies, minified, then gzipped. Shared
// by the size test, which enforces the ceiling, and the benchmark, which reports the figures.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

// Typed and documented in bundle-size.d.mts.
export const CLIENT_ENTRY = 'export * from "./dist/index.mjs";';
export const SIZE_CEILING_BYTES = 13_000;

export async function bundleSize(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE_DIR },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minifiedBytes: code.length, gzippedBytes: gzipSync(code, { level: 9 }).length };
}
