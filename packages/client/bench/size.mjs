// What an application that bundles the client ships, with the budget that test/size.test.ts enforces.
import { bundleSize, CLIENT_ENTRY, SIZE_CEILING_BYTES } from "../test/bundle-size.mjs";
import { integer, table, times } from "./lib.mjs";

export const title = "Bundle size";
export const about =
  "The built entry (`dist/index.mjs`) with its dependencies, bundled by esbuild as ESM, minified and gzipped at level 9 (`test/bundle-size.mjs`, shared with the size test, which fails the suite above the same ceiling); openapi-fetch alone is the baseline. 1 kB is 1,000 bytes.";

export async function run() {
  const client = await bundleSize(CLIENT_ENTRY);
  const openapiFetch = await bundleSize('export { default } from "openapi-fetch";');
  const row = (name, { minifiedBytes, gzippedBytes }) => [
    name,
    integer(minifiedBytes),
    integer(gzippedBytes),
    times(gzippedBytes / openapiFetch.gzippedBytes),
  ];
  return {
    markdown: table(
      ["Entry", "minified (bytes)", "minified + gzipped (bytes)", "× openapi-fetch"],
      [row("@livedesk/client, whole entry", client), row("openapi-fetch alone", openapiFetch)],
    ),
    budgets: [
      {
        name: "@livedesk/client, whole entry with openapi-fetch, minified + gzipped",
        value: client.gzippedBytes / 1000,
        max: SIZE_CEILING_BYTES / 1000,
        unit: " kB",
      },
    ],
  };
}
