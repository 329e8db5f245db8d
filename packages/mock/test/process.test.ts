import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ReadyProcess, START_HANG_GUARD_MS, spawnUntilReady } from "../src/process.js";

// A child that says "ready" only when the test tells it to, over a loopback socket: the test decides how long the
// start takes, on a faked clock, and waits for events only.
const CHILD = `
const socket = require("node:net").connect(Number(process.argv[1]), "127.0.0.1");
socket.on("data", (command) => (String(command) === "exit" ? process.exit(7) : console.log("ready at last")));
`;

let control: Server | undefined;
afterEach(() => {
  vi.useRealTimers();
  control?.close();
});

/** Starts the child with the hang guard on a faked clock; resolves with the start and the socket that steers it. */
async function slowStart() {
  control = createServer().listen(0, "127.0.0.1");
  await once(control, "listening");
  const connected = once(control, "connection") as Promise<[Socket]>;
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const port = String((control.address() as { port: number }).port);
  const start = spawnUntilReady(process.execPath, ["-e", CHILD, port], { name: "child", ready: /ready at last/ });
  // Settled either way, so that a rejection before the test looks at it is not reported as unhandled.
  const outcome: Promise<{ started?: ReadyProcess; error?: Error }> = start.then(
    (started) => ({ started }),
    (error: Error) => ({ error }),
  );
  const [socket] = await connected;
  return { outcome, socket };
}

describe("spawnUntilReady waits for events; its time limit is only a hang guard", () => {
  it("waits for the ready line however slow the start, up to the guard of 3 minutes", async () => {
    expect(START_HANG_GUARD_MS).toBe(180_000);
    const { outcome, socket } = await slowStart();
    vi.advanceTimersByTime(START_HANG_GUARD_MS - 1);
    socket.write("go");
    const { started } = await outcome;
    expect(started?.ready).toBe("ready at last");
    started?.child.kill();
  });

  it("fails at once when the process exits before it is ready, with its exit code", async () => {
    const { outcome, socket } = await slowStart();
    socket.write("exit");
    await expect(outcome).resolves.toMatchObject({
      error: { message: expect.stringMatching(/^child did not start: the process exited \(code 7\)/) },
    });
  });

  it("gives up on a process that neither starts nor exits once the guard has passed, and kills it", async () => {
    const { outcome, socket } = await slowStart();
    const killed = once(socket, "close");
    vi.advanceTimersByTime(START_HANG_GUARD_MS);
    await expect(outcome).resolves.toMatchObject({
      error: { message: expect.stringMatching(/no ready line within 180000 ms, and the process is still running/) },
    });
    await killed;
  });
});
