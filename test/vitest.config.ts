import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    // One Prism mock (`prism mock --errors`) on the bundled spec for the whole run.
    globalSetup: ["@livedesk/mock/vitest"],
  },
});
