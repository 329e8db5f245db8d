import { defineConfig } from "vitest/config";

// The one line a consumer needs: a LiveDesk mock for the whole run.
export default defineConfig({ test: { include: ["*.test.mjs"], globalSetup: ["@livedesk/mock/vitest"] } });
