/**
 * The app's view of the API: the project's own TypeScript client (clients/typescript: the spec's job functions) plus
 * the project, asset, upload, media-link and dev-token endpoints it does not cover. Every failure is a
 * MediaJobsError whose message is the API's own `message`; a 401 signs the user out (see onAuthError).
 */
import { MediaJobsClient, MediaJobsError, type APIResponse, type JobStatusResponse } from "../../clients/typescript/src/index";

export { MediaJobsError, JobFailedError } from "../../clients/typescript/src/index";
export type {
  JobStatusResponse,
  UserJobsResponse,
  JobStatus,
  JobType,
  JobFilters,
  SubtitleSegment,
  SubtitleGenerationOptions,
  SubtitleFormat,
} from "../../clients/typescript/src/index";

export interface Project {
  projectId: string;
  name: string;
  createdAt: string;
}

export interface AudioStream {
  index: number;
  codec: string;
  sampleRate: number;
  channels: number;
  language?: string;
  default: boolean;
}

export interface Asset {
  assetId: string;
  projectId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  kind: "audio" | "video";
  durationSeconds: number;
  hasAudio: boolean;
  audio?: { codec: string; sampleRate: number; channels: number };
  video?: { codec: string; width: number; height: number };
  audioStreams?: AudioStream[];
  audioTrack?: number;
  sourceJobId?: string;
  createdAt: string;
}

export interface MediaUrl {
  /** Relative to the API origin for local storage; absolute for a presigned object-store URL. */
  url: string;
  expiresAt: string;
}

/** Noise removal's options (POST /api/ai/noise-removal extensions); absent = the server's default. */
export interface NoiseOptions {
  algorithm?: string;
  strength?: string;
  normalizeLoudness?: boolean;
  outputFormat?: string;
  audioTrack?: number;
}

export interface Session {
  token: string;
  userId: string;
  /** Epoch ms; undefined when the token does not say. */
  expiresAt?: number;
}

export interface UploadHandle {
  promise: Promise<Asset>;
  abort: () => void;
}

const SESSION_KEY = "media-jobs.session";

/** The signed-in user's session, kept in sessionStorage so a reload stays signed in (and a closed tab does not). */
export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || (s.expiresAt !== undefined && s.expiresAt <= Date.now())) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** The `sub` and `exp` of a JWT, read without verifying it (the server verifies). */
export function sessionFromToken(token: string): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, "");
  const parts = trimmed.split(".");
  if (parts.length !== 3) throw new Error("That is not a JWT access token (expected three dot-separated parts)");
  let claims: { sub?: unknown; exp?: unknown };
  try {
    const b64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    claims = JSON.parse(decodeURIComponent(escape(atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), "=")))));
  } catch {
    throw new Error("The token's payload could not be read");
  }
  if (typeof claims.sub !== "string" || !claims.sub) throw new Error("The token has no subject (sub) claim");
  const expiresAt = typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
  if (expiresAt !== undefined && expiresAt <= Date.now()) {
    throw new Error("Session expired: the access token has expired, sign in again");
  }
  return { token: trimmed, userId: claims.sub, expiresAt };
}

export class Api {
  readonly jobs: MediaJobsClient;
  private session: Session | null = null;
  /** Called once per expired or rejected session, with the server's message. */
  onAuthError: (message: string) => void = () => {};

  constructor(private readonly baseUrl = "") {
    const api = this;
    this.jobs = new MediaJobsClient({
      baseUrl,
      getToken: () => this.session?.token,
      // Every 401 of the job client signs out too: wrap fetch to see the status before the client does.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (response.status === 401) api.authFailed(response.clone());
        return response;
      },
      // The server enforces the per-user limit atomically (429 with its message); a client-side count could be
      // stale for jobs this tab stopped watching.
      maxConcurrentJobs: Number.POSITIVE_INFINITY,
    });
  }

  setSession(session: Session | null): void {
    this.session = session;
  }

  get userId(): string | undefined {
    return this.session?.userId;
  }

  // ----- dev sign-in ---------------------------------------------------------------------------------------------

  /** Whether POST /api/dev/token exists (dev mode): it answers 400 to an empty body, 404 where it is off. */
  async devSignInAvailable(): Promise<boolean> {
    try {
      const r = await fetch(`${this.baseUrl}/api/dev/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: "{}",
      });
      return r.status === 400;
    } catch {
      return false;
    }
  }

  async devToken(userId: string): Promise<Session> {
    const data = await this.call<{ token: string; expiresAt: string }>("POST", "/api/dev/token", { userId }, false);
    return { token: data.token, userId, expiresAt: Date.parse(data.expiresAt) || undefined };
  }

  // ----- projects and assets -------------------------------------------------------------------------------------

  async projects(): Promise<Project[]> {
    return (await this.call<{ projects: Project[] }>("GET", "/api/projects")).projects;
  }

  async createProject(name: string): Promise<Project> {
    return (await this.call<{ project: Project }>("POST", "/api/projects", { name })).project;
  }

  async assets(projectId: string): Promise<Asset[]> {
    return (await this.call<{ assets: Asset[] }>("GET", `/api/projects/${enc(projectId)}/assets`)).assets;
  }

  async asset(assetId: string): Promise<Asset> {
    return (await this.call<{ asset: Asset }>("GET", `/api/assets/${enc(assetId)}`)).asset;
  }

  async deleteAsset(assetId: string): Promise<void> {
    await this.call("DELETE", `/api/assets/${enc(assetId)}`);
  }

  /** A short-lived URL a <video>/<audio> element can load without the bearer header. */
  async mediaUrl(assetId: string): Promise<MediaUrl> {
    const data = await this.call<MediaUrl>("POST", `/api/assets/${enc(assetId)}/media-url`);
    return { ...data, url: new URL(data.url, location.href).toString() };
  }

  /**
   * Uploads one file with XMLHttpRequest (fetch cannot report upload progress): onProgress(sent, total) as the
   * bytes go out; resolves with the stored asset once the server has probed it.
   */
  upload(projectId: string, file: File, onProgress: (sent: number, total: number) => void): UploadHandle {
    const xhr = new XMLHttpRequest();
    const promise = new Promise<Asset>((resolve, reject) => {
      xhr.open("POST", `${this.baseUrl}/api/projects/${enc(projectId)}/assets`);
      xhr.setRequestHeader("Accept", "application/json");
      if (this.session) xhr.setRequestHeader("Authorization", `Bearer ${this.session.token}`);
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => {
        const body = parse(xhr.responseText) as APIResponse<{ asset: Asset }> | undefined;
        if (xhr.status >= 200 && xhr.status < 300 && body?.success && body.data) {
          resolve(body.data.asset);
          return;
        }
        const message = body?.message || `Upload failed with HTTP ${xhr.status}`;
        if (xhr.status === 401) this.onAuthError(message);
        reject(new MediaJobsError(message, xhr.status, "HTTP", body));
      };
      xhr.onerror = () => reject(new MediaJobsError("Could not reach the server", 0, "NETWORK"));
      xhr.onabort = () => reject(new MediaJobsError("Upload cancelled", 0, "ABORTED"));
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
    return { promise, abort: () => xhr.abort() };
  }

  /**
   * Starts a job with this API's optional settings (noise removal's algorithm/strength/..., audioTrack), which the
   * client's typed start functions do not take. Same endpoint and answer as the spec's POST.
   */
  async startJob(path: "/api/ai/noise-removal" | "/api/ai/subtitle-generation", body: Record<string, unknown>): Promise<JobStatusResponse> {
    return (await this.call<{ job: JobStatusResponse }>("POST", path, body)).job;
  }

  // ----- internals -----------------------------------------------------------------------------------------------

  private async authFailed(response: Response): Promise<void> {
    const body = parse(await response.text().catch(() => "")) as APIResponse<unknown> | undefined;
    this.onAuthError(body?.message || "Session expired: the access token has expired, sign in again");
  }

  private async call<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (authenticated && this.session) headers.Authorization = `Bearer ${this.session.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new MediaJobsError(`Could not reach the server: ${e instanceof Error ? e.message : e}`, 0, "NETWORK");
    }
    const envelope = parse(await response.text()) as APIResponse<T> | undefined;
    if (!response.ok || !envelope?.success) {
      const message = envelope?.message || `Request failed with HTTP ${response.status}`;
      if (response.status === 401 && authenticated) this.onAuthError(message);
      throw new MediaJobsError(message, response.status, "HTTP", envelope);
    }
    return envelope.data as T;
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
