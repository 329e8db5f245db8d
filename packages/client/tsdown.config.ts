import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

/** Build-time constants, shared with vitest.config.ts so that tests run the source as it is built. */
export const define = { __LIVEDESK_CLIENT_VERSION__: JSON.stringify(version) };

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  clean: true,
  define,
  // .mjs/.cjs whatever the package type, so the exports map never depends on it.
  fixedExtension: true,
  // Timing advice from rolldown is noise on a 2-core CI machine.
  inputOptions: { checks: { pluginTimings: false } },
});
