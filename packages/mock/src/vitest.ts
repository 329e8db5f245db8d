import type { TestProject } from "vitest/node";
import { type MockServerOptions, startMockServer, type Violation } from "./index.js";

/** Options of the vitest global setup: those of `startMockServer` that survive JSON, and what to do with violations. */
export interface LiveDeskMockSetupOptions
  extends Omit<MockServerOptions, "now" | "webhookFetch" | "onViolation" | "onUndocumentedField" | "simulator"> {
  /**
   * Violations of the spec that Prism reports. `"print"` (default) writes each to stderr with the request it belongs
   * to, as it happens. `"fail"` prints them too, and fails the run at the end if any response broke the spec (the
   * mock drifted from it); request violations are your test's own requests, which Prism already refused.
   */
  violations?: "print" | "fail";
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the LiveDesk mock started by `@livedesk/mock/vitest`. */
    livedeskMockUrl: string;
    /** Stateful mode: base URL of the simulator's control endpoints, for `connectSimulator()`. */
    livedeskMockControlUrl?: string;
    /** Options for `globalSetup: ["@livedesk/mock/vitest"]`, given in the config as `provide: { livedeskMock: … }`. */
    livedeskMock?: LiveDeskMockSetupOptions;
  }
}

/**
 * A vitest global setup with options: `export default setupLiveDeskMock({ stateful: true, seed: 1 })` in a setup
 * file named in `globalSetup`. Tests read the mock's URL with `inject("livedeskMockUrl")` and, when stateful, steer it
 * with `connectSimulator(inject("livedeskMockControlUrl"))`.
 */
export function setupLiveDeskMock(
  options: LiveDeskMockSetupOptions = {},
): (project: TestProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const { violations: mode = "print", ...serverOptions } = options;
    if (mode !== "print" && mode !== "fail") {
      throw new TypeError(`@livedesk/mock/vitest: violations must be "print" or "fail", got ${JSON.stringify(mode)}.`);
    }
    const server = await startMockServer({
      ...serverOptions,
      onViolation: (violation) => process.stderr.write(`[@livedesk/mock] ${describe(violation)}\n`),
    });
    project.provide("livedeskMockUrl", server.url);
    if (server.controlUrl !== undefined) {
      project.provide("livedeskMockControlUrl", server.controlUrl);
    }
    return async () => {
      await server.close();
      const drift = server.violations.filter((violation) => violation.location.startsWith("response"));
      if (mode === "fail" && drift.length > 0) {
        // Vitest reports an error thrown here without failing the run, so the exit code says it.
        process.exitCode = 1;
        process.stderr.write(
          `\n[@livedesk/mock] The run fails: the LiveDesk mock answered ${drift.length} time(s) against the spec:\n${drift.map(describe).join("\n")}\n`,
        );
      }
    };
  };
}

function describe({ request, location, message }: Violation): string {
  return `violation in ${request || "a request"}: ${location} ${message}`;
}

/**
 * Vitest global setup: `globalSetup: ["@livedesk/mock/vitest"]` starts one mock for the whole run and stops it
 * afterwards: Prism's examples by default, or with `provide: { livedeskMock: { stateful: true, seed: 1 } }` in the
 * config, the stateful simulator.
 */
export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupLiveDeskMock(project.getProvidedContext().livedeskMock)(project);
}
