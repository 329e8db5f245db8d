import { describe, expect, it } from "vitest";
import type { TestProject } from "vitest/node";
import { connectSimulator } from "../src/index.js";
import { setupLiveDeskMock } from "../src/vitest.js";
import { AUTH } from "./helpers.js";

/** What a global setup sees of vitest's project: provide(), and the config's provided values. */
function projectProviding(config: Record<string, unknown> = {}) {
  const provided: Record<string, unknown> = {};
  const project = {
    provide: (key: string, value: unknown) => {
      provided[key] = value;
    },
    getProvidedContext: () => config,
  } as unknown as TestProject;
  return { project, provided };
}

describe("setupLiveDeskMock", () => {
  it("starts the stateful mock, provides its URL and control URL, and stops it at teardown", async () => {
    const { project, provided } = projectProviding();
    const teardown = await setupLiveDeskMock({ stateful: true, contacts: 2 })(project);
    const url = provided.livedeskMockUrl as string;
    try {
      const page = await fetch(`${url}/api/v2/accounts/contacts`, { headers: AUTH });
      expect(await page.json()).toMatchObject({ meta: { count: 2 } });
      const state = await connectSimulator(provided.livedeskMockControlUrl as string).state();
      expect(state.requests).toMatchObject([{ status: 200, operation: "listContacts" }]);
    } finally {
      await teardown();
    }
    await expect(fetch(url)).rejects.toThrow();
  });

  it("provides no control URL for the Prism mock of the examples", async () => {
    const { project, provided } = projectProviding();
    const teardown = await setupLiveDeskMock()(project);
    await teardown();
    expect(Object.keys(provided)).toEqual(["livedeskMockUrl"]);
  });

  it("refuses an unknown violations mode before starting anything", async () => {
    const { project } = projectProviding();
    await expect(setupLiveDeskMock({ violations: "explode" as "fail" })(project)).rejects.toThrow(
      '@livedesk/mock/vitest: violations must be "print" or "fail", got "explode".',
    );
  });
});
