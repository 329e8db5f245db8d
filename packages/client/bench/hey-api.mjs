// Generates a hey-api client from the bundled spec into bench/generated/ (not committed: it is rebuilt on every run,
// so it always matches the spec), then compiles its TypeScript to one ES module with esbuild.
import { fileURLToPath } from "node:url";
import { createClient } from "@hey-api/openapi-ts";
import { openapiJsonPath as SPEC } from "@livedesk/openapi";
import { build } from "esbuild";

const SOURCE = fileURLToPath(new URL("./generated/hey-api", import.meta.url));
const MODULE = fileURLToPath(new URL("./generated/hey-api.mjs", import.meta.url));

/** `{ createClient, createConfig, listContacts }` of a freshly generated @hey-api/client-fetch SDK. */
export async function loadHeyApiClient() {
  await createClient({
    input: SPEC,
    output: SOURCE,
    plugins: ["@hey-api/client-fetch"],
    logs: { level: "silent", file: false },
  });
  await build({
    stdin: {
      contents: `export { listContacts } from "./sdk.gen.ts";\nexport { createClient, createConfig } from "./client/index.ts";`,
      resolveDir: SOURCE,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile: MODULE,
    logLevel: "warning",
  });
  return import(MODULE);
}
