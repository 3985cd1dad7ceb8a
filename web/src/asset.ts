/** An asset's details, its player, the AI tools (noise removal and subtitles with their options) and delete. */
import { Api, type Asset, type JobStatusResponse, type NoiseOptions, type SubtitleGenerationOptions } from "./api";
import { Scope, announce, bytes, clock, dateTime, h, replace, uid } from "./dom";
import { attachMedia } from "./media";
import { describeError } from "./jobs";
import { SUBTITLE_LANGUAGES } from "./languages";

/** The server's defaults for subtitle generation's options (issue 11): a field equal to its default is not sent. */
const SUBTITLE_DEFAULTS = { language: "auto", task: "transcribe", maxLineLength: 42, maxLines: 2 } as const;

export interface AssetDetailHooks {
  jobStarted: (job: JobStatusResponse, assetId: string) => void;
  deleted: () => void;
}

function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string, wide = false): HTMLElement {
  const id = uid("opt");
  control.id = id;
  if (control instanceof HTMLInputElement && control.type === "checkbox") {
    return h("div", { class: "field check" }, control, h("label", { for: id }, label), hint ? h("span", { class: "hint" }, hint) : null);
  }
  // A hint under the control is read out with it (aria-describedby).
  const hintEl = hint ? h("span", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: wide ? "field wide" : "field" }, h("label", { for: id }, label), control, hintEl);
}

/** An integer input within [min, max]; the browser refuses other values before submitting. Blank = the default. */
function integer(name: string, min: number, max: number, value: number): HTMLInputElement {
  return h("input", { type: "number", name, min, max, step: 1, value, inputmode: "numeric" });
}

/** The subtitle form's options that differ from the server's defaults (those are left out of the request). */
function subtitleOptions(data: FormData): SubtitleGenerationOptions {
  const options: SubtitleGenerationOptions = {};
  const text = (name: string): string => String(data.get(name) ?? "").trim();
  const language = text("language");
  if (language && language !== SUBTITLE_DEFAULTS.language) options.language = language;
  const task = text("task");
  if (task && task !== SUBTITLE_DEFAULTS.task) options.task = task;
  const prompt = text("prompt");
  if (prompt) options.prompt = prompt;
  const maxLineLength = text("maxLineLength");
  if (maxLineLength && Number(maxLineLength) !== SUBTITLE_DEFAULTS.maxLineLength) options.maxLineLength = Number(maxLineLength);
  const maxLines = text("maxLines");
  if (maxLines && Number(maxLines) !== SUBTITLE_DEFAULTS.maxLines) options.maxLines = Number(maxLines);
  return options;
}

function select(name: string, options: [string, string][], value?: string): HTMLSelectElement {
  const el = h("select", { name }, options.map(([v, text]) => h("option", { value: v }, text)));
  if (value !== undefined) el.value = value;
  return el;
}

export function renderAssetDetail(root: HTMLElement, api: Api, asset: Asset, scope: Scope, hooks: AssetDetailHooks): void {
  const media =
    asset.kind === "video"
      ? h("video", { controls: true, preload: "metadata", playsinline: true, class: "player", "aria-label": `Video: ${asset.fileName}` })
      : h("audio", { controls: true, preload: "metadata", class: "player audio", "aria-label": `Audio: ${asset.fileName}` });
  const mediaError = h("p", { class: "form-message", role: "alert" });
  void attachMedia(media, api, asset.assetId, scope).catch((err) => (mediaError.textContent = describeError(err)));

  const facts: [string, string][] = [
    ["Kind", asset.kind],
    ["Duration", `${clock(asset.durationSeconds)} (${asset.durationSeconds.toFixed(1)} s)`],
    ["Size", bytes(asset.sizeBytes)],
    ["Type", asset.contentType],
  ];
  if (asset.audio) facts.push(["Audio", `${asset.audio.codec}, ${asset.audio.sampleRate} Hz, ${asset.audio.channels === 1 ? "mono" : asset.audio.channels === 2 ? "stereo" : `${asset.audio.channels} channels`}`]);
  else facts.push(["Audio", "none"]);
  if (asset.video) facts.push(["Video", `${asset.video.codec}, ${asset.video.width}×${asset.video.height}`]);
  if ((asset.audioStreams?.length ?? 0) > 1) facts.push(["Audio tracks", String(asset.audioStreams?.length)]);
  facts.push(["Uploaded", dateTime(asset.createdAt)]);
  if (asset.sourceJobId) facts.push(["Made by", "noise removal"]);

  const trackSelect = (): HTMLElement | null => {
    const streams = asset.audioStreams ?? [];
    if (streams.length < 2) return null;
    return field(
      "Audio track",
      select(
        "audioTrack",
        streams.map((s) => [String(s.index), `#${s.index + 1} ${s.codec} ${s.channels} ch${s.language ? ` (${s.language})` : ""}${s.default ? ", default" : ""}`]),
        String(asset.audioTrack ?? 0),
      ),
    );
  };

  const message = h("p", { class: "form-message", role: "status" });
  const noAudio = !asset.hasAudio;

  const submit = async (form: HTMLFormElement, start: () => Promise<JobStatusResponse>, what: string): Promise<void> => {
    const button = form.querySelector("button[type=submit]") as HTMLButtonElement;
    button.disabled = true;
    message.className = "form-message";
    message.textContent = `Starting ${what}…`;
    try {
      const job = await start();
      hooks.jobStarted(job, asset.assetId);
      message.textContent = `${what[0].toUpperCase()}${what.slice(1)} started: follow it under Jobs.`;
      announce(message.textContent);
    } catch (err) {
      message.className = "form-message error";
      message.textContent = describeError(err);
    } finally {
      button.disabled = false;
    }
  };

  const noiseForm = h(
    "form",
    {
      class: "tool",
      "aria-labelledby": "tool-noise",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const options: NoiseOptions = {
          algorithm: String(data.get("algorithm")),
          strength: String(data.get("strength")),
          normalizeLoudness: data.get("normalizeLoudness") === "on",
          outputFormat: String(data.get("outputFormat")),
        };
        if (data.get("audioTrack") !== null) options.audioTrack = Number(data.get("audioTrack"));
        void submit(e.target as HTMLFormElement, () => startNoise(api, asset, options), "noise removal");
      },
    },
    h("h3", { id: "tool-noise" }, "Noise removal"),
    h("p", { class: "hint" }, "Makes a cleaned audio asset in this project."),
    h(
      "div",
      { class: "options" },
      field("Algorithm", select("algorithm", [["mmse", "MMSE (default)"], ["spectral", "Spectral gate"], ["neural", "Neural (DeepFilterNet)"]], "mmse")),
      field("Strength", select("strength", [["low", "Low"], ["medium", "Medium"], ["high", "High"]], "medium")),
      field("Output format", select("outputFormat", [["mp3", "MP3"], ["wav", "WAV"], ["flac", "FLAC"], ["aac", "AAC"]], "mp3")),
      field("Normalize loudness", h("input", { type: "checkbox", name: "normalizeLoudness" }), "EBU R128, −16 LUFS"),
      trackSelect(),
    ),
    h("button", { type: "submit", class: "button primary", disabled: noAudio }, "Remove noise"),
  );

  const subtitleForm = h(
    "form",
    {
      class: "tool",
      "aria-labelledby": "tool-subtitles",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = new FormData(e.target as HTMLFormElement);
        const track = data.get("audioTrack");
        void submit(
          e.target as HTMLFormElement,
          () => startSubtitles(api, asset, subtitleOptions(data), track === null ? undefined : Number(track)),
          "subtitle generation",
        );
      },
    },
    h("h3", { id: "tool-subtitles" }, "Subtitles"),
    h("p", { class: "hint" }, "Transcribes the speech into timed captions (SRT, WebVTT, plain text and JSON)."),
    h(
      "div",
      { class: "options" },
      field(
        "Language",
        select("language", [[SUBTITLE_DEFAULTS.language, "Auto-detect"], ...SUBTITLE_LANGUAGES.map(([code, name]): [string, string] => [code, `${name} (${code})`])], SUBTITLE_DEFAULTS.language),
      ),
      field("Task", select("task", [["transcribe", "Transcribe"], ["translate", "Translate to English"]], SUBTITLE_DEFAULTS.task)),
      field("Max line length", integer("maxLineLength", 10, 100, SUBTITLE_DEFAULTS.maxLineLength), "Characters, 10–100"),
      field("Max lines", integer("maxLines", 1, 4, SUBTITLE_DEFAULTS.maxLines), "Per cue, 1–4"),
      field(
        "Prompt",
        h("input", { type: "text", name: "prompt", autocomplete: "off", spellcheck: "false" }),
        "Optional: names and terms the speech uses, to spell them right (at most about 150 words)",
        true,
      ),
      trackSelect(),
    ),
    h("button", { type: "submit", class: "button primary", disabled: noAudio }, "Generate subtitles"),
  );

  const deleteSlot = h("div", { class: "danger-zone" });
  const renderDelete = (): void => {
    replace(
      deleteSlot,
      h("button", {
        type: "button",
        class: "button danger subtle",
        onclick: () => {
          const status = h("p", { class: "form-message", role: "alert" });
          const yes = h("button", {
            type: "button",
            class: "button danger",
            onclick: async () => {
              yes.disabled = true;
              try {
                await api.deleteAsset(asset.assetId);
                announce(`${asset.fileName} deleted`);
                hooks.deleted();
              } catch (err) {
                status.textContent = describeError(err);
                yes.disabled = false;
              }
            },
          }, "Delete for good");
          const no = h("button", { type: "button", class: "button subtle", onclick: renderDelete }, "Keep it");
          replace(deleteSlot, h("p", {}, `Delete ${asset.fileName}? This cannot be undone.`), h("div", { class: "row" }, yes, no), status);
          no.focus();
        },
      }, "Delete asset…"),
    );
  };
  renderDelete();

  replace(
    root,
    h("h2", { class: "detail-title" }, asset.fileName),
    h("div", { class: "media-frame" }, media),
    mediaError,
    h("dl", { class: "facts" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h(
      "section",
      { class: "tools", "aria-label": "AI tools" },
      noAudio ? h("p", { class: "alert" }, "This asset has no audio track: noise removal and subtitles need one.") : null,
      h("div", { class: "tool-grid" }, noiseForm, subtitleForm),
      message,
    ),
    deleteSlot,
  );
}

function startNoise(api: Api, asset: Asset, options: NoiseOptions): Promise<JobStatusResponse> {
  // The client's typed start takes only the spec's ids; the options are this API's extensions of the same POST.
  return postJob(api, "/api/ai/noise-removal", { assetId: asset.assetId, projectId: asset.projectId, ...options });
}

function startSubtitles(api: Api, asset: Asset, options: SubtitleGenerationOptions, audioTrack?: number): Promise<JobStatusResponse> {
  if (audioTrack === undefined) return api.jobs.startSubtitleGeneration(asset.assetId, asset.projectId, options);
  return postJob(api, "/api/ai/subtitle-generation", { assetId: asset.assetId, projectId: asset.projectId, audioTrack, ...options });
}

function postJob(
  api: Api,
  path: "/api/ai/noise-removal" | "/api/ai/subtitle-generation",
  body: Record<string, unknown>,
): Promise<JobStatusResponse> {
  return api.startJob(path, body);
}
