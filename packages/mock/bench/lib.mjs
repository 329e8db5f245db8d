// What the mock's benchmarks share: the request they send, and mock servers started in processes of their own.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DEFAULT_CREDENTIALS } from "@livedesk/mock";

export const CONTACTS_PATH = "/api/v2/accounts/contacts";
export const HEADERS = {
  authorization: `Basic ${btoa(`${DEFAULT_CREDENTIALS.apiKey}:${DEFAULT_CREDENTIALS.apiSecret}`)}`,
  accept: "application/json",
};

/**
 * `startMockServer(options)` in a fresh process (host.mjs), as `livedesk-mock` or a vitest globalSetup runs it: the
 * mock has cores to itself apart from the process that measures it, and nothing is cached from an earlier start.
 * Resolves once it has answered GET contacts with 200, to its `url`, `startMs` (from the call of startMockServer() to
 * that answer) and `close()`.
 */
export async function startHost(options) {
  const child = fork(fileURLToPath(new URL("./host.mjs", import.meta.url)), [JSON.stringify(options)]);
  const [started] = await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`startMockServer(${JSON.stringify(options)}) failed in its process (exit code ${code})`);
    }),
  ]);
  return {
    ...started,
    async close() {
      const exited = once(child, "exit");
      child.disconnect();
      await exited;
    },
  };
}
