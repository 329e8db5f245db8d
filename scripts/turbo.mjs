#!/usr/bin/env node
// Runs turbo with every tool's telemetry and update checks off. This is the one place that lists those switches:
// the root scripts go through here, and turbo passes them on to each task (turbo.json's globalPassThroughEnv).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const QUIET_ENV = {
  DO_NOT_TRACK: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
};

const require = createRequire(import.meta.url);
const turbo = join(dirname(require.resolve("turbo/package.json")), "bin", "turbo");
const { status, signal } = spawnSync(turbo, process.argv.slice(2), {
  stdio: "inherit",
  env: { ...process.env, ...QUIET_ENV },
});
process.exit(status ?? (signal ? 1 : 0));
