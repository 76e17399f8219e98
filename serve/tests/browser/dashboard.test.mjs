// The page of `telemetry-spec serve` in a real browser (Debian's Chromium, driven by
// playwright-core): it loads, shows a document sent in the test with its violation, masks a
// `contact` member, and reloads by itself when a new document arrives. No sleeps: the receiver
// says its address once it is ready, and the page's reload is awaited as an event.
//
// Run by .ci/run after building the binary: `node --test serve/tests/browser/`. The binary is
// TELEMETRY_SPEC_BIN, or target/debug/telemetry-spec from the workspace root.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const bin = process.env.TELEMETRY_SPEC_BIN ?? join(root, "target", "debug", "telemetry-spec");

/// Starts the receiver on a free loopback port; resolves with its URL and process.
async function startReceiver(directory) {
  const child = spawn(bin, ["serve", "--listen", "127.0.0.1:0", "--store", `sqlite:${join(directory, "store.db")}`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = await new Promise((resolve, reject) => {
    lines.once("line", (first) => resolve([first]));
    child.once("exit", (code) => reject(new Error(`the receiver exited with ${code}`)));
  });
  const url = line.split(/\s+/).find((word) => word.startsWith("http://"));
  assert.ok(url, `no address in ${line}`);
  return { child, url };
}

/// A server-setup ping (the documented sample made valid by the fixture) whose `email`, a
/// contact, is not an e-mail address.
function pingWithBadEmail(marker) {
  const ping = JSON.parse(execFileSync(bin, ["sample", "appsmith/server-setup-ping", "--seed", "1"]));
  ping.properties.email = `${marker} at example`;
  return JSON.stringify(ping);
}

async function post(url, path, body) {
  const answer = await fetch(`${url}${path}`, { method: "POST", body });
  assert.equal(answer.status, 200);
  await answer.text();
}

test("the page shows what arrived, masks a contact and reloads on a new document", async () => {
  const directory = mkdtempSync(join(tmpdir(), "telemetry-spec-browser-"));
  const { child, url } = await startReceiver(directory);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    await post(url, "/validate/appsmith/server-setup-ping", pingWithBadEmail("MARKER-CONTACT"));
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    assert.equal(await page.title(), "telemetry-spec serve");
    const kinds = await page.locator("#kinds").innerText();
    assert.match(kinds, /appsmith\/server-setup-ping/);
    assert.match(kinds, /1 \(100%\)/);
    const latest = await page.locator("#latest").innerText();
    assert.match(latest, /\/properties\/email: format/);
    const html = await page.content();
    assert.ok(!html.includes("MARKER-CONTACT"), "the contact's value is on the page");
    assert.equal(await page.locator("#total").getAttribute("data-total"), "1");

    // A new document: the page reloads by itself (its long poll on /api/wait answers).
    const reloaded = page.waitForEvent("load");
    await post(url, "/validate", "{}");
    await reloaded;
    assert.equal(await page.locator("#total").getAttribute("data-total"), "2");
    assert.match(await page.locator("#kinds").innerText(), /\(no kind\)/);
  } finally {
    await browser.close();
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(directory, { recursive: true, force: true });
  }
});
