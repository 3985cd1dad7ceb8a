/**
 * A finished job's result. Subtitles: the source plays in a <video> with the WebVTT as a <track> (fetched with the
 * token, handed over as a blob URL) in the spoken language, the language (detected or chosen) and model, a cue list
 * beside it that seeks on click, SRT/VTT/TXT/JSON downloads. Noise removal: an
 * A/B player that switches between the original and the cleaned audio at the same position, and a download.
 */
import { Api, type Asset, type JobStatusResponse, type SubtitleFormat, type SubtitleSegment } from "./api";
import { Scope, clock, cueClock, h, replace, saveFile } from "./dom";
import { attachMedia } from "./media";
import { describeError } from "./jobs";
import { languageName } from "./languages";

interface ResultHooks {
  asset: (assetId: string) => Asset | undefined;
  loaded: Promise<void>;
}

export async function renderJobResult(
  root: HTMLElement,
  api: Api,
  projectId: string,
  jobId: string,
  scope: Scope,
  hooks: ResultHooks,
): Promise<void> {
  replace(root, h("p", { class: "hint" }, "Loading the result…"));
  let job: JobStatusResponse;
  try {
    [job] = await Promise.all([api.jobs.getJobStatus(jobId), hooks.loaded]);
  } catch (err) {
    if (!scope.isDisposed) replace(root, h("p", { class: "alert" }, describeError(err)));
    return;
  }
  if (scope.isDisposed) return;
  if (job.status !== "completed") {
    replace(root, h("h2", {}, "No result yet"), h("p", {}, `This job is ${job.status}${job.errorMessage ? `: ${job.errorMessage}` : "."}`));
    return;
  }
  // The status response has no assetId; the list entry does.
  const listed = (await api.jobs.getUserJobs({ projectId }).catch(() => [])).find((j) => j.jobId === jobId);
  if (scope.isDisposed) return;
  const source = listed ? hooks.asset(listed.assetId) ?? (await api.asset(listed.assetId).catch(() => undefined)) : undefined;
  if (scope.isDisposed) return;
  if (job.type === "subtitle-generation") await renderSubtitles(root, api, job, source, scope);
  else await renderNoiseResult(root, api, projectId, job, source, scope);
}

async function renderSubtitles(root: HTMLElement, api: Api, job: JobStatusResponse, source: Asset | undefined, scope: Scope): Promise<void> {
  const segments: SubtitleSegment[] = job.outputData?.subtitles ?? [];
  // Jobs from before language detection have no language: their model was English-only.
  const language = job.outputData?.language;
  const probability = job.outputData?.languageProbability;
  const model = job.outputData?.model;
  const video = h("video", { controls: true, preload: "auto", playsinline: true, class: "player", "aria-label": "Video with subtitles" });
  const error = h("p", { class: "form-message", role: "alert" });

  let vttUrl: string | undefined;
  try {
    const vtt = await api.jobs.downloadSubtitles(job.jobId, "vtt");
    vttUrl = URL.createObjectURL(new Blob([vtt.content], { type: "text/vtt" }));
    const url = vttUrl;
    scope.add(() => URL.revokeObjectURL(url));
  } catch (err) {
    error.textContent = describeError(err);
  }
  if (scope.isDisposed) return;
  if (vttUrl) {
    const track = h("track", {
      kind: "subtitles",
      label: language ? `Subtitles (${languageName(language)})` : "Subtitles",
      srclang: language ?? "en",
      default: true,
      src: vttUrl,
    });
    video.appendChild(track);
    track.track.mode = "showing";
  }
  if (source) void attachMedia(video, api, source.assetId, scope).catch((err) => (error.textContent = describeError(err)));
  else error.textContent = "The source media of these subtitles is gone; the text is below.";

  const items = segments.map((s, i) =>
    h(
      "li",
      { "data-index": i },
      h(
        "button",
        {
          type: "button",
          class: "cue",
          "data-start": s.startTime,
          onclick: () => {
            video.currentTime = s.startTime + 0.001;
            void video.play().catch(() => {});
          },
        },
        h("span", { class: "cue-time" }, cueClock(s.startTime)),
        h("span", { class: "cue-text" }, s.text),
      ),
    ),
  );
  const list = h("ol", { class: "cue-list", "aria-label": "Subtitle cues: choose one to play from there" }, items);
  let current = -1;
  const highlight = (): void => {
    const t = video.currentTime;
    const index = segments.findIndex((s) => t >= s.startTime && t < s.endTime);
    if (index === current) return;
    items[current]?.removeAttribute("aria-current");
    current = index;
    const li = items[index];
    if (!li) return;
    li.setAttribute("aria-current", "true");
    // Scroll the list only (never the page) so the current cue stays visible.
    if (li.offsetTop < list.scrollTop || li.offsetTop + li.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = li.offsetTop - list.clientHeight / 3;
    }
  };
  video.addEventListener("timeupdate", highlight);
  video.addEventListener("seeked", highlight);

  const download = (format: SubtitleFormat) => async (e: Event) => {
    const button = e.currentTarget as HTMLButtonElement;
    button.disabled = true;
    try {
      const file = await api.jobs.downloadSubtitles(job.jobId, format);
      saveFile(new Blob([file.content], { type: file.contentType }), file.filename);
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      button.disabled = false;
    }
  };

  const facts: [string, string][] = [];
  if (language) {
    // Only a detected language has a probability (a language given in the request has none).
    const detected = probability !== undefined ? `, detected with ${Math.round(probability * 100)} % probability` : "";
    facts.push(["Language", `${languageName(language)} (${language})${detected}`]);
  }
  if (model) facts.push(["Model", model]);

  replace(
    root,
    h("h2", { class: "detail-title" }, "Subtitles", source ? h("span", { class: "muted" }, ` · ${source.fileName}`) : null),
    facts.length ? h("dl", { class: "facts subtitle-facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : null,
    h(
      "div",
      { class: "subtitle-view" },
      h("div", { class: "media-frame" }, video),
      h("div", { class: "cue-panel" }, h("h3", {}, `${segments.length} cues`), segments.length ? list : h("p", { class: "hint" }, "No speech was found.")),
    ),
    error,
    h(
      "div",
      { class: "row" },
      h("button", { type: "button", class: "button", onclick: download("srt") }, "Download SRT"),
      h("button", { type: "button", class: "button", onclick: download("vtt") }, "Download VTT"),
      h("button", { type: "button", class: "button", onclick: download("txt") }, "Download TXT"),
      h("button", { type: "button", class: "button", onclick: download("json") }, "Download JSON"),
    ),
  );
}

async function renderNoiseResult(root: HTMLElement, api: Api, projectId: string, job: JobStatusResponse, source: Asset | undefined, scope: Scope): Promise<void> {
  const resultId = job.outputData?.resultAssetId;
  const error = h("p", { class: "form-message", role: "alert" });
  if (!resultId) {
    replace(root, h("p", { class: "alert" }, "This job has no result asset."));
    return;
  }
  const original = h("audio", { preload: "auto", "aria-hidden": "true" });
  const cleaned = h("audio", { preload: "auto", "aria-hidden": "true" });
  const players = { original, cleaned };
  let active: "original" | "cleaned" = "cleaned";
  const el = () => players[active];

  const play = h("button", { type: "button", class: "button primary play", "aria-label": "Play" }, "▶ Play");
  const seek = h("input", { type: "range", min: 0, max: 0, step: 0.1, value: 0, "aria-label": "Position", class: "seek" });
  const time = h("span", { class: "time", "aria-live": "off" }, "0:00 / 0:00");
  const radio = (value: "original" | "cleaned", label: string) =>
    h("label", { class: "ab-option" }, h("input", { type: "radio", name: `ab-${job.jobId}`, value, checked: value === active }), label);
  const abSwitch = h(
    "fieldset",
    { class: "ab-switch" },
    h("legend", {}, "Listen to"),
    radio("original", "A · Original"),
    radio("cleaned", "B · Cleaned"),
  );

  const sync = (): void => {
    const d = el().duration;
    if (Number.isFinite(d)) seek.max = String(d);
    seek.value = String(el().currentTime);
    time.textContent = `${clock(el().currentTime)} / ${clock(Number.isFinite(d) ? d : 0)}`;
    const playing = !el().paused;
    play.textContent = playing ? "❚❚ Pause" : "▶ Play";
    play.setAttribute("aria-label", playing ? "Pause" : "Play");
  };
  for (const a of [original, cleaned]) {
    for (const ev of ["timeupdate", "loadedmetadata", "play", "pause", "ended"]) a.addEventListener(ev, () => a === el() && sync());
  }
  play.addEventListener("click", () => {
    if (el().paused) void el().play().catch((err) => (error.textContent = String(err)));
    else el().pause();
  });
  seek.addEventListener("input", () => {
    el().currentTime = Number(seek.value);
  });
  abSwitch.addEventListener("change", (e) => {
    const next = (e.target as HTMLInputElement).value as "original" | "cleaned";
    if (next === active) return;
    const from = el();
    const to = players[next];
    const wasPlaying = !from.paused;
    to.currentTime = from.currentTime; // same position in the other version
    from.pause();
    active = next;
    root.querySelector(".ab-player")?.setAttribute("data-active", next);
    if (wasPlaying) void to.play().catch(() => {});
    sync();
  });

  const download = h("a", { class: "button", download: "" }, "Download cleaned audio");
  scope.add(() => original.pause());
  void attachMedia(cleaned, api, resultId, scope)
    .then(() => download.setAttribute("href", cleaned.src))
    .catch((err) => (error.textContent = describeError(err)));
  if (source) void attachMedia(original, api, source.assetId, scope).catch((err) => (error.textContent = describeError(err)));
  else (abSwitch.querySelector('input[value="original"]') as HTMLInputElement).disabled = true;

  replace(
    root,
    h("h2", { class: "detail-title" }, "Noise removal", source ? h("span", { class: "muted" }, ` · ${source.fileName}`) : null),
    h(
      "div",
      { class: "ab-player", role: "group", "aria-label": "Compare the original and the cleaned audio", "data-active": active },
      original,
      cleaned,
      h("div", { class: "ab-controls" }, play, seek, time),
      abSwitch,
    ),
    error,
    h(
      "div",
      { class: "row" },
      download,
      h("a", { class: "button subtle", href: `#/projects/${encodeURIComponent(projectId)}/assets/${encodeURIComponent(resultId)}` }, "Open cleaned asset"),
    ),
  );
}
