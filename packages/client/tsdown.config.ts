import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  clean: true,
  // .mjs/.cjs whatever the package type, so the exports map never depends on it.
  fixedExtension: true,
  // Timing advice from rolldown is noise on a 2-core CI machine.
  inputOptions: { checks: { pluginTimings: false } },
});
