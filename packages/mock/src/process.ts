import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

export interface SpawnUntilReadyOptions {
  /** Output (stdout or stderr) that says the process is ready; its first capture group is returned. */
  ready: RegExp;
  /** Name used in errors, e.g. `Prism`. */
  name: string;
  /** The hang guard, in milliseconds (default `START_HANG_GUARD_MS`); see `spawnUntilReady`. */
  timeoutMs?: number;
  /** More advice for an error, from the process's output so far. */
  explain?: (output: string) => string;
  /**
   * `"pipe"` keeps the child's stdin open as long as this process lives, so that a child that watches it can end
   * itself when this process dies, however it dies.
   */
  stdin?: "pipe" | "ignore";
  /**
   * Adds a pipe as the child's fd 3. Processes the child starts inherit it, so its end (`child.stdio[3]` emits "end")
   * tells that the child and everything it started have exited.
   */
  treePipe?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ReadyProcess {
  child: ChildProcess;
  /** The first capture group of `ready`. */
  ready: string;
}

const OUTPUT_KEPT = 8_000;

/**
 * How long a start may take before it is taken for a hang: 3 minutes. Not a deadline: Prism loading the spec on a
 * loaded CI machine has taken over 30 s, and a slow start that ends is a success.
 */
export const START_HANG_GUARD_MS = 180_000;

/**
 * Spawns a process and resolves once its output matches `ready`. The wait is for events: the ready line, or the
 * process's exit or spawn error, which rejects at once. `timeoutMs` only guards against a process that hangs without
 * either; then it is killed. Rejections carry the end of the process's output.
 */
export function spawnUntilReady(
  command: string,
  args: string[],
  options: SpawnUntilReadyOptions,
): Promise<ReadyProcess> {
  const { ready, name, timeoutMs = START_HANG_GUARD_MS, explain = () => "", stdin = "ignore" } = options;
  const { treePipe = false, env } = options;
  const stdio = treePipe ? [stdin, "pipe", "pipe", "pipe"] : [stdin, "pipe", "pipe"];
  const child = spawn(command, args, { stdio, ...(env && { env }) } as SpawnOptions);
  let output = "";
  return new Promise<ReadyProcess>((resolve, reject) => {
    const stopListening = () => {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.off("error", onError);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
    };
    const fail = (reason: string) => {
      stopListening();
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start: ${reason}${explain(output)}\n--- ${name} output ---\n${output.trim()}`));
    };
    const timer = setTimeout(
      () => fail(`no ready line within ${timeoutMs} ms, and the process is still running: it seems to hang.`),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
      const match = ready.exec(output);
      if (match) {
        stopListening();
        resolve({ child, ready: match[1] ?? match[0] });
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`the process exited (${signal ?? `code ${code}`}).`);
    const onError = (error: Error) => fail(error.message);
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

/** Stops a child with SIGTERM (SIGKILL if it lingers) and waits for it to exit. Safe to call more than once. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const forceKill = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(forceKill);
}
