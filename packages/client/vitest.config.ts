import { defineConfig } from "vitest/config";
import { define } from "./tsdown.config.js";

export default defineConfig({
  define,
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
