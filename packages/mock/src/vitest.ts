import type { TestProject } from "vitest/node";
import { startMockServer } from "./index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the LiveDesk mock started by `@livedesk/mock/vitest`. */
    livedeskMockUrl: string;
  }
}

/**
 * Vitest global setup: `globalSetup: ["@livedesk/mock/vitest"]` starts one Prism mock for the whole run and stops it
 * afterwards. Tests read its URL with `inject("livedeskMockUrl")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMockServer();
  project.provide("livedeskMockUrl", server.url);
  return () => server.close();
}
