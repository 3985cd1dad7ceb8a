// The web app in real Chromium (Debian's, driven by playwright-core; no browser download), against the real app:
// the built jar with the dev profile on a free port (embedded PostgreSQL, the Temporal at TEMPORAL_ADDRESS, real
// FFmpeg and Whisper). A person's path through the spec's frontend guide: sign in, create a project, upload
// generated speech videos, run noise removal and subtitles and watch their progress reach 100 %, see a subtitle cue
// over the video at its time, play the cleaned audio A/B, start a job, reload, see its monitoring resumed, cancel it.
// Screenshots go to docs/screenshots/. Run by web/e2e.sh (from scripts/test).
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, mkdirSync, readdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const jar = process.env.APP_JAR ?? path.join(root, "api/target/media-jobs.jar");
const shots = path.join(root, "docs/screenshots");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const work = mkdtempSync(path.join(os.tmpdir(), "media-jobs-e2e-"));
const started = Date.now();
const log = (msg) => console.error(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

assert.ok(existsSync(jar), `no application jar at ${jar}: build it first (./mvnw -pl api -am package)`);
assert.ok(process.env.TEMPORAL_ADDRESS, "TEMPORAL_ADDRESS must point to a running Temporal server");
mkdirSync(shots, { recursive: true });

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// ----- the app ---------------------------------------------------------------------------------------------------
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const queue = `e2e-${process.pid}`;
const appLog = path.join(work, "app.log");
const app = spawn("java", ["-jar", jar, "--spring.profiles.active=dev"], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: path.join(work, "data"),
    // Queues of our own: no other worker on this Temporal server picks these jobs up.
    TEMPORAL_TASK_QUEUE: queue,
    SPEECH_TASK_QUEUE: `${queue}-speech`,
    NOISE_TASK_QUEUE: `${queue}-noise`,
  },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
const appOut = createWriteStream(appLog);
app.stdout.pipe(appOut);
app.stderr.pipe(appOut);
let browser;
const stopAll = async () => {
  await browser?.close().catch(() => {});
  if (app.exitCode === null) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {}
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-app.pid, "SIGKILL");
        } catch {}
        r();
      }, 30_000);
      app.once("exit", () => (clearTimeout(t), r()));
    });
  }
};

async function waitHealthy() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}); see ${appLog}`);
    try {
      const r = await fetch(`${base}/actuator/health`);
      if (r.ok && (await r.json()).status === "UP") return;
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the app did not become healthy within 180 s");
}

// ----- media: espeak-ng speech in an H.264/AAC MP4 made with the app's own FFmpeg -----------------------------------
function ffmpegBinary() {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  // The app extracts bytedeco's FFmpeg on start-up (FfmpegBinaries); use the same binary.
  const cache = path.join(os.homedir(), ".javacpp/cache");
  for (const dir of existsSync(cache) ? readdirSync(cache) : []) {
    const candidate = path.join(cache, dir, "org/bytedeco/ffmpeg/linux-x86_64/ffmpeg");
    if (dir.startsWith("ffmpeg-") && existsSync(candidate)) return candidate;
  }
  return "ffmpeg";
}

const SPEECH =
  "Welcome to the media jobs demo. This short clip was generated for an automated browser test. " +
  "First the noise is removed from the audio track. Then the speech is transcribed into subtitles. " +
  "Each subtitle appears on top of the video at the right moment. " +
  "Finally we compare the original sound with the cleaned version.";

function makeMedia() {
  const wav = path.join(work, "speech.wav");
  execFileSync("espeak-ng", ["-v", "en-us", "-s", "140", "-w", wav, SPEECH]);
  const ffmpeg = ffmpegBinary();
  const mp4 = (out, loops) => {
    execFileSync(ffmpeg, [
      "-nostdin", "-y", "-v", "error",
      ...(loops > 1 ? ["-stream_loop", String(loops - 1)] : []), "-i", wav,
      "-f", "lavfi", "-i", "testsrc=size=480x270:rate=15",
      "-filter_complex", "[0:a]aresample=44100,volume=0.9[a0];anoisesrc=color=pink:amplitude=0.03:sample_rate=44100[n];[a0][n]amix=inputs=2:duration=first[a]",
      "-map", "1:v", "-map", "[a]", "-c:v", "libopenh264", "-b:v", "400k", "-pix_fmt", "yuv420p",
      "-c:a", "aac", "-b:a", "96k", "-shortest", "-movflags", "+faststart", out,
    ]);
    return out;
  };
  return { short: mp4(path.join(work, "demo-speech.mp4"), 1), long: mp4(path.join(work, "long-talk.mp4"), 6) };
}

// ----- helpers ---------------------------------------------------------------------------------------------------
const shot = async (page, name) => {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  log(`screenshot ${name}.png`);
};
const jobRow = (page, type) => page.locator(`li.job[data-type="${type}"]`).first();

/** Samples a job row's progress bar until it reaches a final status; returns the values seen. */
async function watchProgress(page, row, timeoutMs) {
  const seen = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // One read of both in the page: two separate reads can straddle an update (bar read before, status after).
    const [value, status] = await row.evaluate((li) => [
      li.querySelector('[role="progressbar"]').getAttribute("aria-valuenow"),
      li.getAttribute("data-status"),
    ]);
    const v = Number(value);
    if (seen.at(-1) !== v) seen.push(v);
    if (status === "completed" || status === "failed") return { seen, status };
    if (Date.now() > deadline) throw new Error(`job still ${status} after ${timeoutMs} ms (progress ${seen.join(" → ")})`);
    await page.waitForTimeout(150);
  }
}

function parseSrt(text) {
  const toSeconds = (t) => {
    const [h, m, s] = t.replace(",", ".").split(":");
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  return text.replace(/\r/g, "").trim().split(/\n\n+/).map((block) => {
    const lines = block.split("\n");
    const [start, end] = lines[1].split(" --> ").map(toSeconds);
    return { start, end, text: lines.slice(2).join(" ").trim() };
  });
}

// ----- the run ---------------------------------------------------------------------------------------------------
let page;
try {
  log(`starting ${path.basename(jar)} on port ${port} (dev profile, task queue ${queue})`);
  await waitHealthy();
  const media = makeMedia();
  log("media generated");

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  page.setDefaultTimeout(30_000);

  // Sign in with a dev token.
  await page.goto(base + "/");
  const userId = page.getByLabel("User id");
  await userId.waitFor();
  await shot(page, "01-sign-in");
  await userId.fill(`e2e-${process.pid}`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  // Create a project.
  await page.getByPlaceholder("New project name").fill("Launch video");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/#\/projects\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { level: 1, name: "Launch video" }).waitFor();
  log("signed in, project created");

  // Upload both files at once; each has its own progress bar that reaches 100 %.
  await page.locator("input.file-input").setInputFiles([media.short, media.long]);
  const uploads = page.locator("li.upload");
  await assert.doesNotReject(
    page.waitForFunction(() => document.querySelectorAll("li.upload.done").length === 2, null, { timeout: 60_000 }),
  );
  for (const bar of await uploads.locator('[role="progressbar"]').all()) {
    assert.equal(await bar.getAttribute("aria-valuenow"), "100");
  }
  await page.locator("a.asset-link", { hasText: "demo-speech.mp4" }).waitFor();
  await shot(page, "02-uploaded");
  log("uploads done");

  // Asset details and playback through a signed URL.
  await page.locator("a.asset-link", { hasText: "demo-speech.mp4" }).click();
  await page.getByRole("heading", { level: 2, name: "demo-speech.mp4" }).waitFor();
  const details = page.locator("section.detail");
  await page.waitForFunction(() => (document.querySelector("section.detail video")?.readyState ?? 0) >= 1);
  const facts = await details.locator("dl.facts").innerText();
  assert.match(facts, /Kind\s+video/);
  assert.match(facts, /Audio\s+aac, 44100 Hz, mono/);
  assert.match(facts, /Video\s+h264, 480×270/);

  // Start both jobs, watch both progress bars reach 100 %.
  await page.getByRole("button", { name: "Remove noise" }).click();
  await jobRow(page, "noise-removal").waitFor();
  await page.getByRole("button", { name: "Generate subtitles" }).click();
  await jobRow(page, "subtitle-generation").waitFor();
  await shot(page, "03-jobs-running");
  const [noise, subs] = await Promise.all([
    watchProgress(page, jobRow(page, "noise-removal"), 180_000),
    watchProgress(page, jobRow(page, "subtitle-generation"), 180_000),
  ]);
  log(`noise removal progress ${noise.seen.join(" → ")} (${noise.status}); subtitles ${subs.seen.join(" → ")} (${subs.status})`);
  for (const [name, run] of [["noise removal", noise], ["subtitles", subs]]) {
    assert.equal(run.status, "completed", `${name} ended ${run.status}`);
    assert.equal(run.seen.at(-1), 100, `${name} bar ends at 100 %`);
    assert.ok(run.seen.length >= 2, `${name} bar moved (${run.seen.join(" → ")})`);
    assert.deepEqual([...run.seen].sort((a, b) => a - b), run.seen, `${name} progress never goes back`);
  }
  assert.equal(await jobRow(page, "noise-removal").locator(".job-asset").innerText(), "demo-speech.mp4");
  assert.equal(await page.locator(".job-list > li.hint").count(), 0, "no empty-list hint next to jobs");
  await shot(page, "04-jobs-completed");

  // Subtitles over the video: the cue active at a time inside the SRT's second cue is that cue.
  await jobRow(page, "subtitle-generation").getByRole("link", { name: "View subtitles" }).click();
  await page.locator(".cue-list li").first().waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download SRT" }).click();
  const srtPath = path.join(work, "subtitles.srt");
  await (await download).saveAs(srtPath);
  const cues = parseSrt(readFileSync(srtPath, "utf8"));
  assert.ok(cues.length >= 2, `at least two cues in the SRT, got ${cues.length}`);
  const target = cues[1];
  const at = (target.start + target.end) / 2;
  await page.waitForFunction(() => {
    const v = document.querySelector("section.detail video");
    return v && v.readyState >= 1 && v.textTracks.length > 0 && v.textTracks[0].cues?.length > 0;
  });
  const active = await page.evaluate(async (t) => {
    const v = document.querySelector("section.detail video");
    v.currentTime = t;
    await new Promise((r) => v.addEventListener("seeked", r, { once: true }));
    const track = v.textTracks[0];
    for (let i = 0; i < 50 && (!track.activeCues || track.activeCues.length === 0); i++) await new Promise((r) => setTimeout(r, 100));
    return { mode: track.mode, cues: [...(track.activeCues ?? [])].map((c) => c.text) };
  }, at);
  log(`at ${at.toFixed(2)} s the active cue is ${JSON.stringify(active.cues)} (SRT: ${JSON.stringify(target.text)})`);
  assert.equal(active.mode, "showing");
  assert.deepEqual(active.cues.map((c) => c.replace(/\s+/g, " ").trim()), [target.text.replace(/\s+/g, " ")]);
  await page.waitForTimeout(300);
  await shot(page, "05-subtitles-over-video");
  // A click on a cue seeks the video to it.
  await page.locator(".cue-list button.cue").nth(0).click();
  const t0 = await page.evaluate(() => document.querySelector("section.detail video").currentTime);
  assert.ok(Math.abs(t0 - cues[0].start) < 1.0, `cue click seeks near ${cues[0].start}, got ${t0}`);

  // Noise removal: play the cleaned audio, switch to the original at the same position.
  await page.goBack();
  await jobRow(page, "noise-removal").getByRole("link", { name: "Compare A/B" }).click();
  await page.locator(".ab-player").waitFor();
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction(() => {
    const [, cleaned] = document.querySelectorAll(".ab-player audio");
    return cleaned && cleaned.currentTime > 1.0 && !cleaned.paused;
  }, null, { timeout: 20_000 });
  await page.getByLabel("A · Original").check();
  const ab = await page.evaluate(async () => {
    const [original, cleaned] = document.querySelectorAll(".ab-player audio");
    const switchedAt = original.currentTime;
    await new Promise((r) => setTimeout(r, 800));
    return { switchedAt, cleanedAt: cleaned.currentTime, cleanedPaused: cleaned.paused, original: original.currentTime, originalPaused: original.paused };
  });
  log(`A/B: ${JSON.stringify(ab)}`);
  assert.ok(ab.cleanedPaused && !ab.originalPaused, "after the switch only the original plays");
  assert.ok(Math.abs(ab.switchedAt - ab.cleanedAt) < 0.5, "the original starts where the cleaned one stopped");
  assert.ok(ab.original > ab.switchedAt, "the original plays on");
  await shot(page, "06-noise-removal-ab");
  await page.getByRole("button", { name: "Pause" }).click();

  // A long job: start, reload, monitoring resumes (the spec's resumeJobMonitoring), cancel.
  await page.locator("a.asset-link", { hasText: "long-talk.mp4" }).click();
  await page.getByRole("heading", { level: 2, name: "long-talk.mp4" }).waitFor();
  await page.getByRole("button", { name: "Generate subtitles" }).click();
  const longRow = page.locator('li.job[data-type="subtitle-generation"]:not([data-status="completed"])').first();
  await longRow.waitFor();
  const jobId = await longRow.getAttribute("data-job-id");
  const polled = page.waitForRequest((r) => r.url().endsWith(`/api/ai/jobs/${jobId}`), { timeout: 15_000 });
  await page.reload();
  await polled;
  const resumed = page.locator(`li.job[data-job-id="${jobId}"]`);
  await resumed.waitFor();
  const statusAfterReload = await resumed.getAttribute("data-status");
  assert.ok(["pending", "processing"].includes(statusAfterReload), `still running after reload: ${statusAfterReload}`);
  await page.waitForRequest((r) => r.url().endsWith(`/api/ai/jobs/${jobId}`), { timeout: 10_000 }); // keeps polling
  await shot(page, "07-resumed-after-reload");
  await resumed.getByRole("button", { name: /^Cancel/ }).click();
  await page.waitForFunction((id) => document.querySelector(`li.job[data-job-id="${id}"]`)?.dataset.status === "failed", jobId, { timeout: 60_000 });
  assert.match(await resumed.locator(".job-note").innerText(), /Cancelled by user/);
  await shot(page, "08-cancelled");

  // A narrow window: one column, nothing cut off.
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling on a narrow window (overflow ${overflow}px)`);
  await shot(page, "09-narrow");
  log(`passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (e) {
  if (page) await page.screenshot({ path: path.join(work, "failure.png") }).catch(() => {});
  console.error(e);
  console.error(`[e2e] failed; the app's log is ${appLog}, a screenshot ${path.join(work, "failure.png")}`);
  await stopAll();
  process.exit(1);
}
await stopAll();
rmSync(work, { recursive: true, force: true });
