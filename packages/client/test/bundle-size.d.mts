// Types of bundle-size.mjs, plain JavaScript because the benchmarks (plain Node) share it.

/**
 * What a module costs an application that bundles it, minified and then gzipped.
 * @param source An ES module whose imports resolve from this package's directory, such as
 *   `export * from "./dist/index.mjs"`.
 */
export function bundleSize(source: string): Promise<{ minifiedBytes: number; gzippedBytes: number }>;
