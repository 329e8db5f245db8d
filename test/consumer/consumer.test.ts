import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A user's view: pack each package, install the tarballs into a fresh project outside this repository, and use
// them there. Nothing is linked from the workspace, so a missing file, a wrong export or an undeclared dependency
// fails here. npm runs --offline: dependencies come from the npm cache that `npm ci` filled, never the network.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROJECT_FILES = fileURLToPath(new URL("./project", import.meta.url));
const PACKAGES = {
  "@livedesk/openapi": "openapi",
  "@livedesk/client": "packages/client",
  "@livedesk/mock": "packages/mock",
};
// Tools the consumer installs, at the versions the workspace's lockfile holds (so they are in the npm cache).
const TOOLS = ["vitest", "typescript", "@types/node"];

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
  return spawnSync(command, args, { cwd: project, env: cleanEnv(), encoding: "utf8", timeout: 120_000 });
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
  const install = run("npm", ["install", "--offline", "--no-audit", "--no-fund", ...tarballPaths, ...tools]);
  if (install.status !== 0) {
    throw new Error(`npm install of the tarballs failed:\n${install.stdout}\n${install.stderr}`);
  }
}, 240_000);

afterAll(() => {
  if (project) {
    rmSync(project, { recursive: true, force: true });
  }
});

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
      "package.json",
    ]);
    expect(packed["@livedesk/mock"]).toEqual(
      expect.arrayContaining(["dist/cli.mjs", "dist/index.mjs", "dist/index.d.mts", "dist/vitest.mjs", "package.json"]),
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

  it("type-check a valid use of the client", { timeout: 60_000 }, () => {
    const result = run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("refuse to type-check an undocumented sort value", { timeout: 60_000 }, () => {
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

  it("run the project's own contract tests against @livedesk/mock, from ESM and from CJS", { timeout: 120_000 }, () => {
    const result = run(process.execPath, [join(project, "node_modules/vitest/vitest.mjs"), "run"]);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
    expect(result.status, output).toBe(0);
  });
});
