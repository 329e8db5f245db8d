import { defineConfig } from "vitest/config";
import { START_HANG_GUARD_MS } from "./src/process.js";

// Tests start Prism, which can take long on a loaded machine; every wait is for an event. A test or hook is ended by
// time only when it hangs, and never before the start of a Prism process could be taken for a hang.
const HANG_GUARD_MS = START_HANG_GUARD_MS + 60_000;

export default defineConfig({
  test: { include: ["test/**/*.test.ts"], testTimeout: HANG_GUARD_MS, hookTimeout: HANG_GUARD_MS },
});
