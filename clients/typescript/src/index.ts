/**
 * Media Jobs client: the frontend functions of the AI jobs API spec (getJobStatus, pollJobStatus, getUserJobs,
 * processNoiseRemoval, processSubtitles, getProjectJobs, hasActiveJobs, resumeJobMonitoring) with real behaviour,
 * plus cancelJob, retryJob and downloadSubtitles. No dependencies: it needs only `fetch` (browsers, Node >= 18),
 * which can be injected.
 */

// ---------------------------------------------------------------------------------------------------------------
// Types of the API spec, generated from the server's OpenAPI document (src/generated/api.ts, `./generate.sh`):
// the spec's fields plus our optional extensions. CI fails when the generated file no longer matches the server.
// ---------------------------------------------------------------------------------------------------------------

import type { components } from "./generated/api.js";

/** Every schema of the API's OpenAPI document, e.g. `Schemas["AssetView"]`. */
export type Schemas = components["schemas"];
export type { components, paths, operations } from "./generated/api.js";

export type JobStatusResponse = Schemas["JobStatusResponse"];
export type UserJobsResponse = Schemas["UserJobsResponse"];
export type JobOutputData = Schemas["JobOutputData"];
export type SubtitleSegment = Schemas["SubtitleSegment"];
/** The spec's StartAIJobRequest (assetId, projectId) with the optional noise-removal settings and audioTrack. */
export type StartAIJobRequest = Schemas["StartJobRequest"];
export type JobType = JobStatusResponse["type"];
export type JobStatus = JobStatusResponse["status"];

/** The spec's envelope; generic, so written here (the document has one schema per payload). */
export interface APIResponse<T> {
  success: boolean;
  data?: T;
  message?: string;
}

/** Extension: one word of a cue, timed by the speech model (seconds; probability 0-1). */
export type SubtitleWord = Schemas["SubtitleWord"];

/**
 * Extension: subtitle generation's optional request fields (all default on the server when left out): `language`
 * (ISO 639-1 or "auto"), `task` ("transcribe" | "translate"), `prompt` (at most 224 tokens), `maxLineLength`
 * (10-100, default 42), `maxLines` (1-4, default 2).
 */
export type SubtitleGenerationOptions = Pick<StartAIJobRequest, "language" | "task" | "prompt" | "maxLineLength" | "maxLines">;

// ---------------------------------------------------------------------------------------------------------------
// Client types
// ---------------------------------------------------------------------------------------------------------------

/** Query filters of GET /api/ai/jobs; undefined or empty values are left out. */
export interface JobFilters {
  projectId?: string;
  status?: JobStatus;
  type?: JobType;
  /** Page size (server default 50). */
  limit?: number;
}

/** What went wrong, for UIs that react differently (sign in again, show "reconnecting", ...). */
export type MediaJobsErrorCode =
  | "HTTP" // the server answered with an error status; `status` and the server's `message` tell more
  | "NETWORK" // no answer (offline, DNS, connection refused, CORS)
  | "TIMEOUT" // no answer within requestTimeoutMs
  | "INVALID_RESPONSE" // an answer that is not the API's JSON envelope
  | "CONCURRENCY_LIMIT" // refused locally: too many jobs of this client are still running
  | "ABORTED"; // the caller's AbortSignal fired

/** Every failure of the client: HTTP status (0 when there was no answer) and the server's `message`. */
export class MediaJobsError extends Error {
  override readonly name = "MediaJobsError";
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  readonly code: MediaJobsErrorCode;
  /** The decoded error body, when the server sent one. */
  readonly body?: unknown;
  /** The server's Retry-After (429/503), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(message: string, status: number, code: MediaJobsErrorCode, body?: unknown, retryAfterMs?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth retrying later: no answer, timeouts, rate limiting and server-side errors. */
  get retryable(): boolean {
    if (this.code === "NETWORK" || this.code === "TIMEOUT") return true;
    if (this.code !== "HTTP") return false;
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }

  /** The token is missing, invalid or expired: the user must sign in again. */
  get isAuthError(): boolean {
    return this.status === 401;
  }
}

/** A job that ended with status "failed": `message` is the job's errorMessage. */
export class JobFailedError extends Error {
  override readonly name = "JobFailedError";
  readonly job: JobStatusResponse;

  constructor(job: JobStatusResponse) {
    super(job.errorMessage || "The job failed");
    this.job = job;
  }
}

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MediaJobsClientOptions {
  /** API origin, e.g. "https://media.example.com" ("" = same origin in a browser). */
  baseUrl: string;
  /** Returns the current access token (called before every request, so refreshed tokens are picked up). */
  getToken?: TokenGetter;
  /** fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
  /** Abort a request that got no answer after this long (default 30 s). */
  requestTimeoutMs?: number;
  /** Client-side cap on this client's jobs that are submitted and not yet finished (default 3, as the spec advises). */
  maxConcurrentJobs?: number;
  /** How many finished jobs to remember, so they are never fetched again (default 500). */
  maxCachedJobs?: number;
  /** Polling interval for pollJobStatus and the process* helpers (default 2500 ms). */
  pollIntervalMs?: number;
  /** Timer functions (tests inject fake ones). */
  timers?: Timers;
}

export interface PollOptions {
  /** Delay between successful polls (default: the client's pollIntervalMs, 2500 ms; the spec asks for 2-3 s). */
  intervalMs?: number;
  /** Upper bound of the exponential backoff after failed requests (default 30 s). */
  maxBackoffMs?: number;
  /** Give up after this many consecutive retryable failures (default 10; Infinity = never). */
  maxConsecutiveErrors?: number;
  /** Stops polling, like the returned stop function (no callback is called afterwards). */
  signal?: AbortSignal;
  /** Called before each retry after a failed request (e.g. to show "reconnecting…"). */
  onRetry?: (error: MediaJobsError, attempt: number, delayMs: number) => void;
}

export type ProgressHandler = (progress: number, job: JobStatusResponse) => void;
export type CompleteHandler = (job: JobStatusResponse) => void;
export type ErrorHandler = (error: MediaJobsError | JobFailedError) => void;

export interface ProcessOptions extends PollOptions {
  /** Called once the job was accepted (status pending), before its first poll. */
  onStart?: (job: JobStatusResponse) => void;
  onProgress?: ProgressHandler;
  /** Sent as the Idempotency-Key header: resubmitting the same key returns the same job instead of a new one. */
  idempotencyKey?: string;
}

export interface NoiseRemovalResult {
  job: JobStatusResponse;
  resultAssetId?: string;
  resultAssetPath?: string;
}

export interface SubtitlesResult {
  job: JobStatusResponse;
  subtitles: SubtitleSegment[];
}

export interface MonitoringHandlers {
  onProgress?: (jobId: string, progress: number, job: JobStatusResponse) => void;
  onComplete?: (job: JobStatusResponse) => void;
  onError?: (jobId: string, error: MediaJobsError | JobFailedError) => void;
}

export interface ResumedMonitoring {
  /** The project's pending and processing jobs, now being polled. */
  jobs: UserJobsResponse[];
  /** Stops every poll started by resumeJobMonitoring (call it when the view unmounts). */
  stop: () => void;
}

/** SubRip, WebVTT, plain text (one cue per line) or JSON ({language, model, segments} with words). */
export type SubtitleFormat = "srt" | "vtt" | "txt" | "json";

const SUBTITLE_TYPES: Readonly<Record<SubtitleFormat, string>> = {
  srt: "application/x-subrip",
  vtt: "text/vtt",
  txt: "text/plain",
  json: "application/json",
};

export interface SubtitleFile {
  format: SubtitleFormat;
  filename: string;
  contentType: string;
  content: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------------------------

const ACTIVE: ReadonlySet<JobStatus> = new Set<JobStatus>(["pending", "processing"]);
const isTerminal = (status: JobStatus): boolean => status === "completed" || status === "failed";

export class MediaJobsClient {
  readonly baseUrl: string;
  readonly maxConcurrentJobs: number;
  readonly pollIntervalMs: number;

  private readonly getToken?: TokenGetter;
  private readonly fetchImpl: typeof fetch;
  private readonly requestTimeoutMs: number;
  private readonly maxCachedJobs: number;
  private readonly timers: Timers;
  /** Finished jobs: never polled again. */
  private readonly finished = new Map<string, JobStatusResponse>();
  /** Jobs this client knows to be pending or processing (submitted here or seen in a list). */
  private readonly active = new Set<string>();
  /** Submissions sent but not answered yet: they count against the limit too. */
  private submitting = 0;

  constructor(options: MediaJobsClientOptions) {
    if (options == null || typeof options.baseUrl !== "string") {
      throw new TypeError("MediaJobsClient: baseUrl is required (\"\" for the same origin)");
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.getToken = options.getToken;
    const f = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (typeof f !== "function") {
      throw new TypeError("MediaJobsClient: no fetch available; pass options.fetch");
    }
    // Bound: browsers throw "Illegal invocation" for a detached window.fetch.
    this.fetchImpl = options.fetch ?? f.bind(globalThis);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.maxConcurrentJobs = options.maxConcurrentJobs ?? 3;
    this.maxCachedJobs = options.maxCachedJobs ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 2500;
    this.timers = options.timers ?? {
      setTimeout: (cb, ms) => globalThis.setTimeout(cb, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
    };
  }

  // ----- job status --------------------------------------------------------------------------------------------

  /**
   * GET /api/ai/jobs/{jobId}. A job seen completed or failed before is answered from the cache without a request
   * (finished jobs never change); pass `{ refresh: true }` to ask the server anyway.
   */
  async getJobStatus(jobId: string, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<JobStatusResponse> {
    requireId(jobId, "jobId");
    if (!options.refresh) {
      const cached = this.finished.get(jobId);
      if (cached) return cached;
    }
    const data = await this.request<{ job: JobStatusResponse }>("GET", `/api/ai/jobs/${encodeURIComponent(jobId)}`, {
      signal: options.signal,
    });
    const job = requireField(data, "job");
    this.observe(job);
    return job;
  }

  /**
   * Polls a job until it completes or fails: every `intervalMs` (default 2.5 s) while it is pending or processing;
   * failed requests are retried with exponential backoff (intervalMs·2, ·4, … up to maxBackoffMs), errors that a
   * retry cannot fix (404, 401, 403, other 4xx) end the polling at once.
   *
   * Callbacks: onProgress(progress, job) after every poll of an unfinished job, then exactly one of
   * onComplete(job) (status completed) or onError(error) (a JobFailedError for a failed job, a MediaJobsError when
   * polling gave up). A job already known to be finished is answered from the cache, without a request.
   *
   * Returns a stop function (also: options.signal); after it, no callback is called. Call it on unmount.
   */
  pollJobStatus(
    jobId: string,
    onProgress: ProgressHandler | undefined,
    onComplete: CompleteHandler | undefined,
    onError: ErrorHandler | undefined,
    options: PollOptions = {},
  ): () => void {
    requireId(jobId, "jobId");
    const intervalMs = options.intervalMs ?? this.pollIntervalMs;
    const maxBackoffMs = Math.max(options.maxBackoffMs ?? 30_000, intervalMs);
    const maxConsecutiveErrors = options.maxConsecutiveErrors ?? 10;
    const inFlight = new AbortController();
    let stopped = false;
    let timer: unknown = undefined;
    let failures = 0;

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) this.timers.clearTimeout(timer);
      timer = undefined;
      inFlight.abort();
      options.signal?.removeEventListener("abort", stop);
    };
    if (options.signal?.aborted) {
      stopped = true;
      return stop;
    }
    options.signal?.addEventListener("abort", stop);

    const finish = (job: JobStatusResponse): void => {
      stop();
      if (job.status === "completed") onComplete?.(job);
      else onError?.(new JobFailedError(job));
    };
    const fail = (error: MediaJobsError): void => {
      stop();
      onError?.(error);
    };
    const schedule = (ms: number): void => {
      if (!stopped) timer = this.timers.setTimeout(tick, ms);
    };

    const tick = async (): Promise<void> => {
      timer = undefined;
      if (stopped) return;
      let job: JobStatusResponse;
      try {
        job = await this.getJobStatus(jobId, { signal: inFlight.signal });
      } catch (e) {
        if (stopped) return;
        const error = toClientError(e);
        failures += 1;
        if (!error.retryable || failures >= maxConsecutiveErrors) {
          fail(error);
          return;
        }
        let delay = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
        // The server's Retry-After wins over a shorter backoff, up to maxBackoffMs.
        if (error.retryAfterMs !== undefined) delay = Math.max(delay, Math.min(error.retryAfterMs, maxBackoffMs));
        options.onRetry?.(error, failures, delay);
        schedule(delay);
        return;
      }
      if (stopped) return;
      failures = 0;
      if (isTerminal(job.status)) {
        finish(job);
        return;
      }
      try {
        onProgress?.(clampProgress(job.progress), job);
      } finally {
        schedule(intervalMs);
      }
    };

    // First poll right away but asynchronously, so the caller holds the stop function before any callback runs.
    // A job already known to be finished is answered from the cache by getJobStatus, without a request.
    schedule(0);
    return stop;
  }

  // ----- listing -----------------------------------------------------------------------------------------------

  /** GET /api/ai/jobs with the given filters as query parameters; newest first. */
  async getUserJobs(filters: JobFilters = {}, options: { signal?: AbortSignal } = {}): Promise<UserJobsResponse[]> {
    const query = new URLSearchParams();
    for (const key of ["projectId", "status", "type", "limit"] as const) {
      const value = filters[key];
      if (value !== undefined && value !== null && String(value) !== "") query.set(key, String(value));
    }
    const qs = query.toString();
    const data = await this.request<{ jobs: UserJobsResponse[] }>("GET", `/api/ai/jobs${qs ? `?${qs}` : ""}`, {
      signal: options.signal,
    });
    const jobs = requireField(data, "jobs");
    if (!Array.isArray(jobs)) throw invalidResponse("data.jobs is not an array");
    for (const job of jobs) this.observeListed(job);
    return jobs;
  }

  /** The project's AI jobs. */
  getProjectJobs(projectId: string, options: { signal?: AbortSignal } = {}): Promise<UserJobsResponse[]> {
    requireId(projectId, "projectId");
    return this.getUserJobs({ projectId }, options);
  }

  /** Whether the project has a job that is pending or processing. */
  async hasActiveJobs(projectId: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    const jobs = await this.getActiveJobs(projectId, options);
    return jobs.length > 0;
  }

  /**
   * Starts polling every pending or processing job of the project (after a page reload, say). Returns the jobs and
   * one stop function for all of their polls.
   */
  async resumeJobMonitoring(
    projectId: string,
    handlers: MonitoringHandlers = {},
    options: PollOptions = {},
  ): Promise<ResumedMonitoring> {
    const jobs = await this.getActiveJobs(projectId, { signal: options.signal });
    const stops = jobs.map((job) =>
      this.pollJobStatus(
        job.jobId,
        (progress, status) => handlers.onProgress?.(job.jobId, progress, status),
        (completed) => handlers.onComplete?.(completed),
        (error) => handlers.onError?.(job.jobId, error),
        options,
      ),
    );
    return { jobs, stop: () => stops.forEach((stop) => stop()) };
  }

  // ----- submitting --------------------------------------------------------------------------------------------

  /** POST /api/ai/noise-removal: returns the accepted (pending) job. Counts against maxConcurrentJobs. */
  startNoiseRemoval(
    assetId: string,
    projectId: string,
    options: { idempotencyKey?: string; signal?: AbortSignal } = {},
  ): Promise<JobStatusResponse> {
    return this.submit("/api/ai/noise-removal", { assetId, projectId }, options);
  }

  /**
   * POST /api/ai/subtitle-generation: returns the accepted (pending) job. Counts against maxConcurrentJobs. The
   * extension options (language, task, prompt, maxLineLength, maxLines) are sent when given.
   */
  startSubtitleGeneration(
    assetId: string,
    projectId: string,
    options: { idempotencyKey?: string; signal?: AbortSignal } & SubtitleGenerationOptions = {},
  ): Promise<JobStatusResponse> {
    const { language, task, prompt, maxLineLength, maxLines } = options;
    const body: StartAIJobRequest & SubtitleGenerationOptions = { assetId, projectId };
    if (language !== undefined) body.language = language;
    if (task !== undefined) body.task = task;
    if (prompt !== undefined) body.prompt = prompt;
    if (maxLineLength !== undefined) body.maxLineLength = maxLineLength;
    if (maxLines !== undefined) body.maxLines = maxLines;
    return this.submit("/api/ai/subtitle-generation", body, options);
  }

  /**
   * Starts noise removal and follows it to the end: resolves with the cleaned asset once completed, rejects with a
   * JobFailedError (the job failed) or a MediaJobsError (refused, or polling gave up). Progress goes to
   * options.onProgress; options.signal stops following (the job itself keeps running: see cancelJob).
   */
  async processNoiseRemoval(assetId: string, projectId: string, options: ProcessOptions = {}): Promise<NoiseRemovalResult> {
    const job = await this.startNoiseRemoval(assetId, projectId, options);
    const done = await this.follow(job, options);
    return {
      job: done,
      resultAssetId: done.outputData?.resultAssetId,
      resultAssetPath: done.outputData?.resultAssetPath,
    };
  }

  /** Like processNoiseRemoval, for subtitle generation: resolves with the subtitle segments. */
  async processSubtitles(
    assetId: string,
    projectId: string,
    options: ProcessOptions & SubtitleGenerationOptions = {},
  ): Promise<SubtitlesResult> {
    const job = await this.startSubtitleGeneration(assetId, projectId, options);
    const done = await this.follow(job, options);
    return { job: done, subtitles: done.outputData?.subtitles ?? [] };
  }

  // ----- extensions --------------------------------------------------------------------------------------------

  /**
   * POST /api/ai/jobs/{jobId}/cancel: asks a pending or processing job to stop. The server records the cancel and
   * answers 202 with the job showing `cancelRequested: true` (its status is unchanged until it stops); the job then
   * ends as failed ("Cancelled by user"), within seconds, or once the server's workflow service is reachable again.
   * Keep polling to see that. A job that already completed or failed is a MediaJobsError with status 409.
   */
  async cancelJob(jobId: string, options: { signal?: AbortSignal } = {}): Promise<JobStatusResponse> {
    requireId(jobId, "jobId");
    const data = await this.request<{ job: JobStatusResponse }>(
      "POST",
      `/api/ai/jobs/${encodeURIComponent(jobId)}/cancel`,
      { signal: options.signal },
    );
    const job = requireField(data, "job");
    this.observe(job);
    return job;
  }

  /**
   * POST /api/ai/jobs/{jobId}/retry: runs a failed job again as a new job (same asset and settings) and returns the
   * new job. Counts against maxConcurrentJobs.
   */
  retryJob(jobId: string, options: { signal?: AbortSignal } = {}): Promise<JobStatusResponse> {
    requireId(jobId, "jobId");
    return this.submit(`/api/ai/jobs/${encodeURIComponent(jobId)}/retry`, undefined, options);
  }

  /** GET /api/ai/jobs/{jobId}/subtitles.{srt|vtt|txt|json}: the completed subtitle job's result as a file. */
  async downloadSubtitles(
    jobId: string,
    format: SubtitleFormat = "srt",
    options: { signal?: AbortSignal } = {},
  ): Promise<SubtitleFile> {
    requireId(jobId, "jobId");
    if (!Object.prototype.hasOwnProperty.call(SUBTITLE_TYPES, format)) {
      throw new TypeError(`format must be "srt", "vtt", "txt" or "json", not ${JSON.stringify(format)}`);
    }
    const response = await this.send("GET", `/api/ai/jobs/${encodeURIComponent(jobId)}/subtitles.${format}`, {
      signal: options.signal,
      accept: format === "json" ? "application/json" : `${SUBTITLE_TYPES[format]}, application/json`,
    });
    const content = await readText(response);
    if (!response.ok) throw errorFromResponse(response.status, content);
    return {
      format,
      filename: filenameFrom(response.headers.get("content-disposition")) ?? `subtitles-${jobId}.${format}`,
      contentType: response.headers.get("content-type") ?? SUBTITLE_TYPES[format],
      content,
    };
  }

  // ----- cache and limit ---------------------------------------------------------------------------------------

  /** Jobs this client counts as running (submitted here, or seen pending/processing), plus unanswered submissions. */
  get activeJobCount(): number {
    return this.active.size + this.submitting;
  }

  /** Forgets cached finished jobs (one, or all). */
  clearCache(jobId?: string): void {
    if (jobId === undefined) this.finished.clear();
    else this.finished.delete(jobId);
  }

  // ----- internals ---------------------------------------------------------------------------------------------

  private async getActiveJobs(projectId: string, options: { signal?: AbortSignal }): Promise<UserJobsResponse[]> {
    requireId(projectId, "projectId");
    const [pending, processing] = await Promise.all([
      this.getUserJobs({ projectId, status: "pending" }, options),
      this.getUserJobs({ projectId, status: "processing" }, options),
    ]);
    // A job can move from pending to processing between the two requests: list it once.
    const byId = new Map<string, UserJobsResponse>();
    for (const job of [...processing, ...pending]) if (!byId.has(job.jobId)) byId.set(job.jobId, job);
    return [...byId.values()];
  }

  private async submit(
    path: string,
    body: (StartAIJobRequest & SubtitleGenerationOptions) | undefined,
    options: { idempotencyKey?: string; signal?: AbortSignal },
  ): Promise<JobStatusResponse> {
    if (body) {
      requireId(body.assetId, "assetId");
      requireId(body.projectId, "projectId");
    }
    if (this.activeJobCount >= this.maxConcurrentJobs) {
      throw new MediaJobsError(
        `Too many jobs at once: ${this.activeJobCount} of at most ${this.maxConcurrentJobs} are still running. ` +
          "Wait for one to finish (or cancel one) and try again.",
        429,
        "CONCURRENCY_LIMIT",
      );
    }
    this.submitting += 1;
    try {
      const headers: Record<string, string> = {};
      if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
      const data = await this.request<{ job: JobStatusResponse }>("POST", path, {
        body,
        headers,
        signal: options.signal,
      });
      const job = requireField(data, "job");
      this.observe(job);
      return job;
    } finally {
      this.submitting -= 1;
    }
  }

  /** Polls a just-submitted job to its end, as a promise. */
  private follow(job: JobStatusResponse, options: ProcessOptions): Promise<JobStatusResponse> {
    options.onStart?.(job);
    return new Promise<JobStatusResponse>((resolve, reject) => {
      const { signal } = options;
      const onAbort = (): void => {
        stop();
        reject(new MediaJobsError("Stopped following the job (aborted); it keeps running", 0, "ABORTED"));
      };
      const stop = this.pollJobStatus(
        job.jobId,
        options.onProgress,
        (done) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(done);
        },
        (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
        { ...options, signal: undefined },
      );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Records what we learnt about a job: finished jobs are cached and free their slot. */
  private observe(job: JobStatusResponse): void {
    if (isTerminal(job.status)) {
      this.active.delete(job.jobId);
      this.finished.delete(job.jobId);
      this.finished.set(job.jobId, job);
      while (this.finished.size > this.maxCachedJobs) {
        const oldest = this.finished.keys().next().value as string;
        this.finished.delete(oldest);
      }
    } else if (ACTIVE.has(job.status)) {
      this.active.add(job.jobId);
    }
  }

  private observeListed(job: UserJobsResponse): void {
    if (isTerminal(job.status)) this.active.delete(job.jobId);
    else if (ACTIVE.has(job.status)) this.active.add(job.jobId);
  }

  private async request<T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<T> {
    const response = await this.send(method, path, { ...init, accept: "application/json" });
    const text = await readText(response);
    if (!response.ok) throw errorFromResponse(response.status, text, response.headers.get("retry-after"));
    let envelope: APIResponse<T>;
    try {
      envelope = JSON.parse(text) as APIResponse<T>;
    } catch {
      throw invalidResponse(`expected JSON, got ${JSON.stringify(text.slice(0, 80))}`, response.status);
    }
    if (envelope == null || typeof envelope !== "object") throw invalidResponse("not a JSON object", response.status);
    if (envelope.success !== true) {
      throw new MediaJobsError(envelope.message || "The request failed", response.status, "HTTP", envelope);
    }
    if (envelope.data === undefined) throw invalidResponse("no data in a successful response", response.status);
    return envelope.data;
  }

  private async send(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; accept: string },
  ): Promise<Response> {
    if (init.signal?.aborted) throw new MediaJobsError("The request was aborted", 0, "ABORTED");
    const headers: Record<string, string> = { Accept: init.accept, ...init.headers };
    const token = this.getToken ? await this.getToken() : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.body);
    }

    // One controller for both the caller's signal and our timeout (AbortSignal.any is too new for some browsers).
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    init.signal?.addEventListener("abort", onAbort);
    const timeout = this.timers.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.requestTimeoutMs);
    try {
      return await this.fetchImpl(this.baseUrl + path, { method, headers, body, signal: controller.signal });
    } catch (e) {
      if (timedOut) {
        throw new MediaJobsError(`No answer from the server within ${this.requestTimeoutMs} ms`, 0, "TIMEOUT");
      }
      if (init.signal?.aborted) throw new MediaJobsError("The request was aborted", 0, "ABORTED");
      throw new MediaJobsError(
        `Could not reach the server: ${e instanceof Error ? e.message : String(e)}`,
        0,
        "NETWORK",
      );
    } finally {
      this.timers.clearTimeout(timeout);
      init.signal?.removeEventListener("abort", onAbort);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

function requireId(value: unknown, name: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} is required`);
  }
}

function requireField<T, K extends keyof T>(data: T, key: K): T[K] {
  const value = data == null ? undefined : data[key];
  if (value === undefined || value === null) throw invalidResponse(`data.${String(key)} is missing`);
  return value;
}

function invalidResponse(detail: string, status = 200): MediaJobsError {
  return new MediaJobsError(`Unexpected response from the server: ${detail}`, status, "INVALID_RESPONSE");
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (e) {
    throw new MediaJobsError(
      `The connection broke while reading the response: ${e instanceof Error ? e.message : String(e)}`,
      0,
      "NETWORK",
    );
  }
}

/** An error status: the server's `message` when it sent the API's error envelope, else a generic text. */
function errorFromResponse(status: number, text: string, retryAfter?: string | null): MediaJobsError {
  let body: unknown;
  let message: string | undefined;
  try {
    body = JSON.parse(text);
    const m = (body as { message?: unknown } | null)?.message;
    if (typeof m === "string" && m.trim() !== "") message = m;
  } catch {
    body = text || undefined;
  }
  return new MediaJobsError(message ?? defaultMessage(status), status, "HTTP", body, parseRetryAfter(retryAfter));
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return "Not signed in, or the session expired";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 429:
      return "Too many requests: try again shortly";
    case 502:
    case 503:
    case 504:
      return "Service temporarily unavailable";
    default:
      return `Request failed with HTTP ${status}`;
  }
}

/** Retry-After of a 429/503 (seconds or an HTTP date) in ms. */
function parseRetryAfter(raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function toClientError(e: unknown): MediaJobsError {
  if (e instanceof MediaJobsError) return e;
  return new MediaJobsError(e instanceof Error ? e.message : String(e), 0, "NETWORK");
}

function clampProgress(progress: unknown): number {
  const n = typeof progress === "number" && Number.isFinite(progress) ? progress : 0;
  return Math.min(100, Math.max(0, n));
}

function filenameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall through to the plain parameter */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}
