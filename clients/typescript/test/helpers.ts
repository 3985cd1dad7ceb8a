// Test doubles: a fake fetch (a scripted server) and virtual timers, so polling and backoff run instantly and the
// delays the client asks for can be asserted exactly.
import type { JobStatusResponse, Timers, UserJobsResponse } from "../src/index.js";

export interface RecordedRequest {
  method: string;
  url: URL;
  path: string; // pathname + search
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

export type Handler = (req: RecordedRequest) => Response | Promise<Response>;

/** A fetch that records every call and answers with the handler. */
export function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: RecordedRequest[] } {
  const calls: RecordedRequest[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const req: RecordedRequest = {
      method: init.method ?? "GET",
      url,
      path: url.pathname + url.search,
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(req);
    if (req.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
    return handler(req);
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export const ok = <T>(data: T, status = 200): Response => json(status, { success: true, data });
export const fail = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  json(status, { success: false, message }, headers);

/** A fetch answer that only settles when the request is aborted (a hanging server). */
export function hang(req: RecordedRequest): Promise<Response> {
  return new Promise((_, reject) => {
    req.signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError")));
  });
}

/** Virtual timers: nothing runs until the test calls next()/runAll(). */
export class FakeTimers implements Timers {
  private seq = 0;
  private now = 0;
  private readonly pending = new Map<number, { due: number; ms: number; callback: () => void }>();
  /** Every delay requested, in order (request timeouts included). */
  readonly requested: number[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { due: this.now + ms, ms, callback });
    this.requested.push(ms);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Delays of the timers still waiting (sorted by due time). */
  get waiting(): number[] {
    return [...this.pending.values()].sort((a, b) => a.due - b.due).map((t) => t.ms);
  }

  /** Runs the earliest timer and lets the promises it starts settle. Returns its delay, or undefined if none. */
  async next(): Promise<number | undefined> {
    await flush();
    const entry = [...this.pending.entries()].sort((a, b) => a[1].due - b[1].due)[0];
    if (!entry) return undefined;
    const [id, timer] = entry;
    this.pending.delete(id);
    this.now = timer.due;
    timer.callback();
    await flush();
    return timer.ms;
  }

  /** Runs timers until none is left (bounded), returning the delays of those that ran. */
  async runAll(limit = 100): Promise<number[]> {
    const ran: number[] = [];
    for (let i = 0; i < limit; i++) {
      const ms = await this.next();
      if (ms === undefined) return ran;
      ran.push(ms);
    }
    throw new Error(`timers still pending after ${limit} runs: ${this.waiting.join(", ")}`);
  }
}

/** Lets queued promise callbacks and immediates run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export const JOB_ID = "6f1c2d0e-8a4b-4c2d-9e1f-0a1b2c3d4e5f";
export const ASSET_ID = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
export const PROJECT_ID = "9c5b94b1-35ad-49bb-b118-8e8fc24abf80";

export function job(overrides: Partial<JobStatusResponse> = {}): JobStatusResponse {
  return {
    jobId: JOB_ID,
    type: "noise-removal",
    status: "pending",
    progress: 0,
    estimatedDuration: 120,
    createdAt: "2025-08-04T10:30:00.000Z",
    ...overrides,
  };
}

export function listed(overrides: Partial<UserJobsResponse> = {}): UserJobsResponse {
  return {
    jobId: JOB_ID,
    type: "noise-removal",
    status: "processing",
    progress: 10,
    projectId: PROJECT_ID,
    assetId: ASSET_ID,
    createdAt: "2025-08-04T10:30:00.000Z",
    ...overrides,
  };
}
