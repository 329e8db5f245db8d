import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createSimulator, defaultSpecPath, type Simulator } from "../src/index.js";
import type { Json } from "./helpers.js";

// The README's examples, run as written: each ```ts block after `<!-- example: name -->` is transpiled and run in a
// scratch folder that sees this workspace's packages (built, as users get them).
const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const NODE_MODULES = fileURLToPath(new URL("../../../node_modules", import.meta.url));
const VITEST = join(NODE_MODULES, "vitest", "vitest.mjs");
const scratch = mkdtempSync(join(tmpdir(), "livedesk-mock-readme-"));
symlinkSync(NODE_MODULES, join(scratch, "node_modules"), "dir");
writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module" }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`ts\\n([^]*?)\\n\`\`\``).exec(README);
  if (!match?.[1]) {
    throw new Error(`README.md has no example named ${name}`);
  }
  return match[1];
}

/** Runs an example as an ES module and hands back the values it declared under `names`. */
async function run(name: string, names: string[]): Promise<Record<string, unknown>> {
  const { outputText } = ts.transpileModule(`${example(name)}\nexport { ${names.join(", ")} };`, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

async function runVitest(project: string): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [VITEST, "run", "--root", project], { env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const [status] = (await once(child, "exit")) as [number | null];
  return { status, output };
}

describe("the README's examples", () => {
  it("in-process: the client's fetch", async () => {
    const { simulator, payload, found, vips, sent, stored } = (await run("in-process", [
      "simulator",
      "payload",
      "found",
      "vips",
      "sent",
      "stored",
    ])) as Json;
    expect(found.payload.map((contact: { id: number }) => contact.id)).toEqual([payload.contact.id]);
    expect(sent).toBe("?labels=vip,premium&sort=name&direction=desc");
    expect(stored).toBe(301);
    expect(simulator.contacts).toHaveLength(300);
    const names = vips.payload.map((contact: { name: string }) => contact.name.toLowerCase());
    expect(names).toEqual(names.toSorted().toReversed());
    const labelled = (simulator as Simulator).contacts.filter((contact) =>
      contact.labels.some((label) => label === "vip" || label === "premium"),
    );
    expect(vips.meta.count).toBe(labelled.length);
  });

  it("MSW handlers", async () => {
    const { simulator, conversation } = (await run("msw", ["simulator", "conversation"])) as Json;
    expect(conversation).toMatchObject({ id: 26, meta: { sender: { id: 1 } } });
    expect((simulator as Simulator).conversations.map((stored) => stored.id)).toEqual([26]);
  });

  it("over HTTP behind Prism, steered through the control endpoints", async () => {
    const { page, seen, state } = (await run("http", ["page", "seen", "state"])) as Json;
    expect(page.meta).toEqual({ count: 25, current_page: 2 });
    expect(seen).toBe(1);
    expect(state.faults).toEqual([{ rule: { type: "status", status: 429, retryAfter: 0 }, remaining: 1 }]);
  });

  it("faults on demand", async () => {
    const simulator = createSimulator({ contacts: 0 });
    const { outputText } = ts.transpileModule(example("faults"), {});
    new Function("simulator", outputText)(simulator);
    expect(simulator.faults.pending).toEqual([]);
  });

  it("vitest: the config and the test, in a project of their own", async () => {
    const project = mkdtempSync(join(scratch, "vitest-"));
    writeFileSync(join(project, "vitest.config.ts"), example("vitest-config"));
    writeFileSync(join(project, "contacts.test.ts"), example("vitest-test"));
    const { status, output } = await runVitest(project);
    expect(status, output).toBe(0);
    expect(output).toMatch(/Tests\s+1 passed/);
  });

  it('vitest: violations: "fail" prints each violation with its request and fails the run', async () => {
    // A spec in which contact ids are strings: every contact the simulator lists breaks it.
    const spec = JSON.parse(readFileSync(defaultSpecPath, "utf8"));
    spec.components.schemas.Contact.properties.id = { type: "string" };
    const project = mkdtempSync(join(scratch, "vitest-"));
    writeFileSync(join(project, "drifted.json"), JSON.stringify(spec));
    writeFileSync(
      join(project, "vitest.config.ts"),
      example("vitest-config").replace(
        'violations: "fail" }',
        `violations: "fail", errors: false, spec: ${JSON.stringify(join(project, "drifted.json"))} }`,
      ),
    );
    writeFileSync(join(project, "contacts.test.ts"), example("vitest-test"));
    const { status, output } = await runVitest(project);
    expect(status, output).not.toBe(0);
    expect(output).toMatch(/Tests\s+1 passed/);
    expect(output).toMatch(
      /\[@livedesk\/mock\] violation in GET \/api\/v2\/accounts\/contacts: response\.body\.payload\.0\.id .*must be string/,
    );
    expect(output).toMatch(/The run fails: the LiveDesk mock answered 2 time\(s\) against the spec/);
  });
});
