import type {} from "@livedesk/mock/vitest"; // types `provide.livedeskMock`
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    // One stateful LiveDesk mock for the whole run: the simulator behind Prism's validation proxy (`--errors`), with
    // 300 seeded contacts. A response that breaks the spec fails the run.
    globalSetup: ["@livedesk/mock/vitest"],
    provide: { livedeskMock: { stateful: true, seed: 1, contacts: 300, violations: "fail" } },
    // The tests share the mock's state and reset it before each test, so test files take turns.
    fileParallelism: false,
    // Every wait is for an event; time ends a test only when it hangs. Vitest's 5 s default is not such a guard: on a
    // loaded machine, a flow of several requests through Prism has taken longer.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
