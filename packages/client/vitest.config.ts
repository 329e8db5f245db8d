import { defineConfig } from "vitest/config";
import { define } from "./tsdown.config.js";

export default defineConfig({
  define,
  test: {
    include: ["test/**/*.test.ts"],
    // Waits are on events or fake clocks, so time ends a test only when it hangs. Vitest's 5 s default is no such
    // guard: CPU-bound tests (the property tests, long stubbed exports) took over 5 s on a machine at load 28.
    testTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
