// Types of bundle-size.mjs, plain JavaScript because the benchmarks (plain Node) share it.

/** The whole client as an application bundles it: the built ESM entry, which pulls in openapi-fetch. */
export const CLIENT_ENTRY: string;
/** The size budget of CLIENT_ENTRY, minified and gzipped (1 kB = 1,000 bytes). */
export const SIZE_CEILING_BYTES: number;

/**
 * What a module costs an application that bundles it, minified and then gzipped.
 * @param source An ES module whose imports resolve from this package's directory, such as
 *   `export * from "./dist/index.mjs"`.
 */
export function bundleSize(source: string): Promise<{ minifiedBytes: number; gzippedBytes: number }>;
