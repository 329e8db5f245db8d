import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts", "src/msw.ts", "src/vitest.ts", "src/cli.ts"],
  format: ["esm"],
  dts: true,
  platform: "node",
  target: "node20",
  clean: true,
  fixedExtension: true,
  // Timing advice from rolldown is noise on a 2-core CI machine.
  inputOptions: { checks: { pluginTimings: false } },
});
