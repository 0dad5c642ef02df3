#!/usr/bin/env node
// Makes sure the web page's browser tests have a browser: Debian's `chromium` at /usr/bin/chromium
// (driven by playwright-core, which downloads no browser of its own), and a font with Chinese
// glyphs for the screenshots. Installs them with apt-get when they are missing and this runs as
// root; otherwise prints why it cannot, and exits 0: the browser tests then report themselves
// as skipped, with the reason. `CHROMIUM_PATH` names another Chromium to use instead.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const say = (line) => console.log(`[ensure-chromium] ${line}`);

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const hasChineseFont = () => {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
};

const missing = [];
if (!executable(chromium)) {
  if (process.env.CHROMIUM_PATH !== undefined) {
    say(`CHROMIUM_PATH=${chromium} is not an executable file; not installing anything.`);
    process.exit(0);
  }
  missing.push("chromium");
}
if (!hasChineseFont()) missing.push("fonts-wqy-microhei");

if (missing.length === 0) {
  say(`ok: ${chromium} and a Chinese font are installed.`);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasAptGet = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
if (!isRoot || !hasAptGet) {
  const why = !hasAptGet ? "apt-get is not available (not a Debian-like system)" : "this is not running as root";
  say(`missing: ${missing.join(", ")}; cannot install them because ${why}.`);
  say(`install Debian's package(s) ${missing.join(" ")} (or set CHROMIUM_PATH); until then the browser tests are skipped.`);
  process.exit(0);
}

const run = (args) => {
  say(`apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
};

if (!run(["update"]) || !run(["install", "-y", ...missing])) {
  say(`apt-get failed; the browser tests will be skipped until ${missing.join(", ")} is installed.`);
  process.exit(0);
}
say(executable(chromium) ? `installed: ${missing.join(", ")}.` : `installed ${missing.join(", ")}, but ${chromium} is still missing.`);
