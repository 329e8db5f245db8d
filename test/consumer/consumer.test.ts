import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otherNodeLines } from "../../scripts/node-lines.mjs";

// A user's view: pack each package, install the tarballs into a fresh project outside this repository, and use
// them there. Nothing is linked from the workspace, so a missing file, a wrong export or an undeclared dependency
// fails here. npm installs them as a user's `npm install` would: from the npm cache where it has them, else from the
// registry (npm's own network, the only network the suite uses), so it passes with an empty, warm or offline cache.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROJECT_FILES = fileURLToPath(new URL("./project", import.meta.url));
const PACKAGES = {
  "@livedesk/openapi": "openapi",
  "@livedesk/client": "packages/client",
  "@livedesk/mock": "packages/mock",
};
// Tools the consumer installs, at the versions the workspace's lockfile holds.
const TOOLS = ["vitest", "typescript", "@types/node"];

// npm, tsc and a nested vitest run here: how long they take is the registry's and the compiler's business, so the
// limit only guards against a hang.
const SLOW_STEP_MS = 600_000;

let project: string;
const packed: Record<string, string[]> = {};

/** The environment without the variables npm sets for the workspace script that runs this test, and without colour. */
function cleanEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(npm_(?!config_cache$|config_userconfig$)|FORCE_COLOR$)/i.test(name),
  );
  return { ...Object.fromEntries(inherited), NO_COLOR: "1" };
}

function run(command: string, args: string[]) {
  return spawnSync(command, args, { cwd: project, env: cleanEnv(), encoding: "utf8" });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "livedesk-consumer-"));
  const tarballs = join(project, "tarballs");
  mkdirSync(tarballs);
  for (const [name, directory] of Object.entries(PACKAGES)) {
    const output = execFileSync("npm", ["pack", "--json", "--pack-destination", tarballs], {
      cwd: join(ROOT, directory),
      env: cleanEnv(),
      encoding: "utf8",
    });
    const [result] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
    if (!result) {
      throw new Error(`npm pack printed nothing for ${name}`);
    }
    packed[name] = result.files.map((file) => file.path).sort();
    packed[`${name} tarball`] = [join(tarballs, result.filename)];
  }
  cpSync(PROJECT_FILES, project, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const tools = TOOLS.map((tool) => `${tool}@${lock.packages[`node_modules/${tool}`]?.version}`);
  const tarballPaths = Object.keys(PACKAGES).map((name) => packed[`${name} tarball`]?.[0] ?? "");
  const install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballPaths, ...tools]);
  if (install.status !== 0) {
    throw new Error(`npm install of the tarballs failed:\n${install.stdout}\n${install.stderr}`);
  }
}, SLOW_STEP_MS);

afterAll(() => {
  if (project) {
    rmSync(project, { recursive: true, force: true });
  }
}, SLOW_STEP_MS);

describe("the packed packages, installed in a fresh project", () => {
  it("hold only what users need", () => {
    expect(packed["@livedesk/client"]).toEqual([
      "LICENSE",
      "README.md",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.mts",
      "dist/index.mjs",
      "package.json",
    ]);
    expect(packed["@livedesk/openapi"]).toEqual([
      "LICENSE",
      "README.md",
      "dist/openapi.json",
      "dist/openapi.yaml",
      "dist/types.d.ts",
      "index.d.ts",
      "index.js",
      "ledger.js",
      "package.json",
    ]);
    expect(packed["@livedesk/mock"]).toEqual(
      expect.arrayContaining([
        "bin/livedesk-mock.mjs",
        "dist/cli.mjs",
        "dist/index.mjs",
        "dist/index.d.mts",
        "dist/vitest.mjs",
        "package.json",
      ]),
    );
    for (const files of Object.values(packed)) {
      expect(files.filter((file) => /(^|\/)(src|test)\/|\.test\.|tsconfig|\.tsbuildinfo$/.test(file))).toEqual([]);
    }
  });

  it("are real copies, not links into the workspace", () => {
    for (const name of Object.keys(PACKAGES)) {
      expect(lstatSync(join(project, "node_modules", name)).isSymbolicLink()).toBe(false);
    }
  });

  it("link the livedesk-mock command, which runs the built CLI", () => {
    const result = run(join(project, "node_modules/.bin/livedesk-mock"), ["--help"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: livedesk-mock \[options\]/);
    expect(result.status).toBe(0);
  });

  it("type-check a valid use of the client", { timeout: SLOW_STEP_MS }, () => {
    const result = run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("refuse to type-check an undocumented sort value", { timeout: SLOW_STEP_MS }, () => {
    const result = run(process.execPath, [
      join(project, "node_modules/typescript/bin/tsc"),
      "--noEmit",
      "--strict",
      "--module",
      "NodeNext",
      "--moduleResolution",
      "NodeNext",
      "invalid-sort.ts",
    ]);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/invalid-sort\.ts.*error TS2322: Type '"company_name"' is not assignable/);
  });

  // One run per Node.js line the packages support: the machine's own and the other lines' real binaries.
  const lines = [{ version: process.versions.node, node: process.execPath }, ...otherNodeLines()];
  it.each(lines)(
    "run the project's own contract tests against @livedesk/mock, from ESM and from CJS, on Node.js $version",
    { timeout: SLOW_STEP_MS },
    ({ version, node }) => {
      const report = join(project, `vitest-report-${version}.json`);
      const result = run(node, [
        join(project, "node_modules/vitest/vitest.mjs"),
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
      ]);
      const output = result.stdout + result.stderr;
      expect(result.status, output).toBe(0);
      const { numTotalTests, numPassedTests, testResults } = JSON.parse(readFileSync(report, "utf8")) as {
        numTotalTests: number;
        numPassedTests: number;
        testResults: { name: string }[];
      };
      // Both builds were exercised, and every test that ran passed.
      expect(testResults.map(({ name }) => name.slice(project.length + 1)).sort()).toEqual([
        "cjs.test.mjs",
        "esm.test.mjs",
      ]);
      expect(numTotalTests).toBeGreaterThan(0);
      expect(numPassedTests).toBe(numTotalTests);
    },
  );
});
