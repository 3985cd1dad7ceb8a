import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  JobFailedError,
  MediaJobsClient,
  MediaJobsError,
  type JobStatusResponse,
  type MediaJobsClientOptions,
} from "../src/index.js";
import {
  ASSET_ID,
  FakeTimers,
  JOB_ID,
  PROJECT_ID,
  fail,
  fakeFetch,
  flush,
  hang,
  job,
  json,
  listed,
  ok,
  type Handler,
} from "./helpers.js";

const BASE = "https://media.example.test";

function setup(handler: Handler, options: Partial<MediaJobsClientOptions> = {}) {
  const timers = new FakeTimers();
  const { fetch, calls } = fakeFetch(handler);
  const client = new MediaJobsClient({ baseUrl: `${BASE}/`, getToken: () => "tok-123", fetch, timers, ...options });
  return { client, calls, timers };
}

/** A server whose GET /api/ai/jobs/{id} walks through the given answers (the last one repeats). */
function statusSequence(...answers: Array<JobStatusResponse | (() => Response | Promise<Response>)>): Handler {
  let i = 0;
  return () => {
    const answer = answers[Math.min(i++, answers.length - 1)];
    return typeof answer === "function" ? answer() : ok({ job: answer });
  };
}

/** Polling delays only (the 30 s request timeouts that every request arms are left out). */
const pollDelays = (ran: number[]) => ran.filter((ms) => ms !== 30_000);

describe("getJobStatus", () => {
  it("GETs the job with the bearer token and returns it", async () => {
    const { client, calls } = setup(() => ok({ job: job({ status: "processing", progress: 45 }) }));
    const status = await client.getJobStatus(JOB_ID);
    assert.equal(status.progress, 45);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].method, "GET");
    assert.equal(calls[0].url.href, `${BASE}/api/ai/jobs/${JOB_ID}`);
    assert.equal(calls[0].headers["authorization"], "Bearer tok-123");
    assert.equal(calls[0].headers["accept"], "application/json");
  });

  it("sends no Authorization header without a token", async () => {
    const { client, calls } = setup(() => ok({ job: job() }), { getToken: async () => null });
    await client.getJobStatus(JOB_ID);
    assert.equal(calls[0].headers["authorization"], undefined);
  });

  it("answers finished jobs from the cache, without a request", async () => {
    const { client, calls } = setup(() => ok({ job: job({ status: "completed", progress: 100 }) }));
    await client.getJobStatus(JOB_ID);
    const again = await client.getJobStatus(JOB_ID);
    assert.equal(again.status, "completed");
    assert.equal(calls.length, 1);
    await client.getJobStatus(JOB_ID, { refresh: true });
    assert.equal(calls.length, 2);
  });

  it("does not cache unfinished jobs", async () => {
    const { client, calls } = setup(() => ok({ job: job({ status: "processing" }) }));
    await client.getJobStatus(JOB_ID);
    await client.getJobStatus(JOB_ID);
    assert.equal(calls.length, 2);
  });
});

describe("pollJobStatus", () => {
  it("reports progress every interval and stops on completion", async () => {
    const done = job({ status: "completed", progress: 100, outputData: { resultAssetId: ASSET_ID } });
    const { client, calls, timers } = setup(
      statusSequence(job(), job({ status: "processing", progress: 45 }), job({ status: "processing", progress: 80 }), done),
    );
    const progress: number[] = [];
    const completed: JobStatusResponse[] = [];
    const errors: unknown[] = [];
    client.pollJobStatus(JOB_ID, (p) => progress.push(p), (j) => completed.push(j), (e) => errors.push(e));

    const ran = pollDelays(await timers.runAll());
    assert.deepEqual(ran, [0, 2500, 2500, 2500], "first poll at once, then every 2.5 s");
    assert.deepEqual(progress, [0, 45, 80]);
    assert.deepEqual(completed, [done]);
    assert.deepEqual(errors, []);
    assert.equal(calls.length, 4);
    assert.equal(timers.size, 0, "nothing scheduled after completion");
  });

  it("uses the given interval", async () => {
    const { client, timers } = setup(statusSequence(job({ status: "processing" }), job({ status: "completed" })));
    client.pollJobStatus(JOB_ID, undefined, undefined, undefined, { intervalMs: 2000 });
    assert.deepEqual(pollDelays(await timers.runAll()), [0, 2000]);
  });

  it("reports a failed job through onError with the job's message", async () => {
    const failed = job({ status: "failed", errorMessage: "AI service temporarily unavailable" });
    const { client, timers } = setup(statusSequence(job({ status: "processing", progress: 10 }), failed));
    const errors: unknown[] = [];
    let completions = 0;
    client.pollJobStatus(JOB_ID, undefined, () => completions++, (e) => errors.push(e));
    await timers.runAll();
    assert.equal(completions, 0);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof JobFailedError);
    assert.equal((errors[0] as JobFailedError).message, "AI service temporarily unavailable");
    assert.deepEqual((errors[0] as JobFailedError).job, failed);
  });

  it("retries failed requests with exponential backoff, then resumes the normal interval", async () => {
    const { client, timers, calls } = setup(
      statusSequence(
        job({ status: "processing", progress: 5 }),
        () => fail(503, "Service temporarily unavailable"),
        () => fail(502, "Bad gateway"),
        () => {
          throw new TypeError("fetch failed");
        },
        job({ status: "processing", progress: 50 }),
        job({ status: "completed", progress: 100 }),
      ),
    );
    const retries: Array<[number, number, number]> = [];
    const progress: number[] = [];
    let completed = 0;
    client.pollJobStatus(JOB_ID, (p) => progress.push(p), () => completed++, undefined, {
      onRetry: (error, attempt, delay) => retries.push([error.status, attempt, delay]),
    });

    const ran = pollDelays(await timers.runAll());
    // ok, 503, 502, network error, ok, completed
    assert.deepEqual(ran, [0, 2500, 5000, 10000, 20000, 2500]);
    assert.deepEqual(retries, [
      [503, 1, 5000],
      [502, 2, 10000],
      [0, 3, 20000],
    ]);
    assert.deepEqual(progress, [5, 50]);
    assert.equal(completed, 1);
    assert.equal(calls.length, 6);
  });

  it("caps the backoff at maxBackoffMs and honours Retry-After", async () => {
    const { client, timers } = setup(
      statusSequence(
        () => fail(503, "down"),
        () => fail(503, "down"),
        () => fail(503, "down"),
        () => fail(429, "Too many requests", { "Retry-After": "12" }),
        job({ status: "completed" }),
      ),
    );
    client.pollJobStatus(JOB_ID, undefined, undefined, undefined, { intervalMs: 2000, maxBackoffMs: 9000 });
    // 2000·2, 2000·4, capped 9000, then Retry-After 12 s capped at 9000 too
    assert.deepEqual(pollDelays(await timers.runAll()), [0, 4000, 8000, 9000, 9000]);

    const second = setup(
      statusSequence(() => fail(429, "Too many requests", { "Retry-After": "7" }), job({ status: "completed" })),
    );
    second.client.pollJobStatus(JOB_ID, undefined, undefined, undefined, { intervalMs: 2000 });
    assert.deepEqual(pollDelays(await second.timers.runAll()), [0, 7000], "Retry-After above the 4 s backoff wins");
  });

  it("gives up after maxConsecutiveErrors retryable failures", async () => {
    const { client, timers, calls } = setup(() => fail(500, "Internal error"));
    const errors: MediaJobsError[] = [];
    client.pollJobStatus(JOB_ID, undefined, undefined, (e) => errors.push(e as MediaJobsError), {
      maxConsecutiveErrors: 3,
    });
    await timers.runAll();
    assert.equal(calls.length, 3);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].status, 500);
    assert.equal(errors[0].message, "Internal error");
  });

  it("stops at once on an error a retry cannot fix, with the server's message", async () => {
    const { client, timers, calls } = setup(() => fail(404, "Job not found"));
    const errors: MediaJobsError[] = [];
    client.pollJobStatus(JOB_ID, undefined, undefined, (e) => errors.push(e as MediaJobsError));
    await timers.runAll();
    assert.equal(calls.length, 1);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof MediaJobsError);
    assert.equal(errors[0].status, 404);
    assert.equal(errors[0].message, "Job not found");
    assert.equal(errors[0].retryable, false);
  });

  it("the stop function ends polling: no more requests or callbacks", async () => {
    const { client, timers, calls } = setup(() => ok({ job: job({ status: "processing", progress: 30 }) }));
    const progress: number[] = [];
    let ends = 0;
    const stop = client.pollJobStatus(JOB_ID, (p) => progress.push(p), () => ends++, () => ends++);
    await timers.next(); // first poll
    await timers.next(); // second poll
    assert.equal(calls.length, 2);
    stop();
    stop(); // idempotent
    assert.equal(timers.size, 0, "the next poll was cancelled");
    assert.deepEqual(await timers.runAll(), []);
    assert.equal(calls.length, 2);
    assert.deepEqual(progress, [30, 30]);
    assert.equal(ends, 0);
  });

  it("stop aborts a request in flight and swallows its outcome", async () => {
    const { client, timers, calls } = setup(hang);
    let callbacks = 0;
    const stop = client.pollJobStatus(JOB_ID, () => callbacks++, () => callbacks++, () => callbacks++);
    await timers.next();
    assert.equal(calls.length, 1);
    assert.equal(calls[0].signal?.aborted, false);
    stop();
    await flush();
    assert.equal(calls[0].signal?.aborted, true);
    await timers.runAll();
    assert.equal(callbacks, 0);
    assert.equal(calls.length, 1);
  });

  it("an AbortSignal stops polling like the stop function", async () => {
    const { client, timers, calls } = setup(() => ok({ job: job({ status: "processing" }) }));
    const controller = new AbortController();
    client.pollJobStatus(JOB_ID, undefined, undefined, undefined, { signal: controller.signal });
    await timers.next();
    controller.abort();
    await timers.runAll();
    assert.equal(calls.length, 1);

    const already = setup(() => ok({ job: job() }));
    already.client.pollJobStatus(JOB_ID, undefined, undefined, undefined, { signal: AbortSignal.abort() });
    await already.timers.runAll();
    assert.equal(already.calls.length, 0);
  });

  it("does not re-poll a job it has seen completed", async () => {
    const done = job({ status: "completed", progress: 100 });
    const { client, timers, calls } = setup(statusSequence(done));
    client.pollJobStatus(JOB_ID, undefined, undefined, undefined);
    await timers.runAll();
    assert.equal(calls.length, 1);

    const completed: JobStatusResponse[] = [];
    client.pollJobStatus(JOB_ID, undefined, (j) => completed.push(j), undefined);
    await timers.runAll();
    assert.deepEqual(completed, [done]);
    assert.equal(calls.length, 1, "answered from the cache");
  });

  it("times out a request that gets no answer and retries it", async () => {
    let first = true;
    const { client, timers } = setup((req) => {
      if (first) {
        first = false;
        return hang(req);
      }
      return ok({ job: job({ status: "completed" }) });
    });
    const retries: string[] = [];
    let completed = 0;
    client.pollJobStatus(JOB_ID, undefined, () => completed++, undefined, {
      onRetry: (e) => retries.push(e.code),
    });
    const ran = await timers.runAll();
    assert.deepEqual(ran, [0, 30_000, 5000], "poll, request timeout, backoff");
    assert.deepEqual(retries, ["TIMEOUT"]);
    assert.equal(completed, 1);
  });
});

describe("getUserJobs and friends", () => {
  it("turns filters into query parameters", async () => {
    const { client, calls } = setup(() => ok({ jobs: [] }));
    await client.getUserJobs();
    await client.getUserJobs({ projectId: PROJECT_ID, status: "completed", type: "noise-removal" });
    await client.getUserJobs({ status: "processing", projectId: undefined, limit: 10 });
    assert.deepEqual(
      calls.map((c) => c.path),
      [
        "/api/ai/jobs",
        `/api/ai/jobs?projectId=${PROJECT_ID}&status=completed&type=noise-removal`,
        "/api/ai/jobs?status=processing&limit=10",
      ],
    );
  });

  it("returns the jobs array", async () => {
    const jobs = [listed(), listed({ jobId: "other", status: "completed" })];
    const { client } = setup(() => ok({ jobs }));
    assert.deepEqual(await client.getUserJobs({ projectId: PROJECT_ID }), jobs);
  });

  it("getProjectJobs filters by project", async () => {
    const { client, calls } = setup(() => ok({ jobs: [] }));
    await client.getProjectJobs(PROJECT_ID);
    assert.equal(calls[0].path, `/api/ai/jobs?projectId=${PROJECT_ID}`);
  });

  it("hasActiveJobs counts pending and processing jobs", async () => {
    const answer = (pending: number, processing: number): Handler => (req) => {
      const status = req.url.searchParams.get("status");
      const n = status === "pending" ? pending : processing;
      return ok({ jobs: Array.from({ length: n }, (_, i) => listed({ jobId: `${status}-${i}`, status: status as "pending" })) });
    };
    const none = setup(answer(0, 0));
    assert.equal(await none.client.hasActiveJobs(PROJECT_ID), false);
    assert.deepEqual(none.calls.map((c) => c.url.searchParams.get("status")).sort(), ["pending", "processing"]);
    assert.ok(none.calls.every((c) => c.url.searchParams.get("projectId") === PROJECT_ID));
    assert.equal((await setup(answer(1, 0)).client.hasActiveJobs(PROJECT_ID)), true, "a pending job is active");
    assert.equal((await setup(answer(0, 2)).client.hasActiveJobs(PROJECT_ID)), true);
  });

  it("resumeJobMonitoring polls every active job of the project and stops them all", async () => {
    const statuses = new Map<string, JobStatusResponse[]>([
      ["a", [job({ jobId: "a", status: "processing", progress: 60 }), job({ jobId: "a", status: "completed", progress: 100 })]],
      ["b", [job({ jobId: "b", status: "pending" })]],
    ]);
    const { client, timers, calls } = setup((req) => {
      if (req.url.pathname === "/api/ai/jobs") {
        const status = req.url.searchParams.get("status");
        return ok({ jobs: status === "processing" ? [listed({ jobId: "a" })] : [listed({ jobId: "b", status: "pending" })] });
      }
      const id = req.url.pathname.split("/").pop()!;
      const queue = statuses.get(id)!;
      return ok({ job: queue.length > 1 ? queue.shift()! : queue[0] });
    });
    const progress: string[] = [];
    const completed: string[] = [];
    const monitoring = await client.resumeJobMonitoring(PROJECT_ID, {
      onProgress: (id, p) => progress.push(`${id}:${p}`),
      onComplete: (j) => completed.push(j.jobId),
      onError: (id) => assert.fail(`unexpected error for ${id}`),
    });
    assert.deepEqual(monitoring.jobs.map((j) => j.jobId), ["a", "b"]);
    await timers.next();
    await timers.next();
    await timers.next(); // a completes
    assert.deepEqual(completed, ["a"]);
    monitoring.stop();
    const before = calls.length;
    await timers.runAll();
    assert.equal(calls.length, before, "b is no longer polled");
    assert.deepEqual(progress.slice(0, 2).sort(), ["a:60", "b:0"]);
  });
});

describe("submitting jobs", () => {
  it("POSTs the asset and project and returns the pending job", async () => {
    const { client, calls } = setup(() => ok({ job: job() }, 201));
    const created = await client.startNoiseRemoval(ASSET_ID, PROJECT_ID, { idempotencyKey: "k-1" });
    assert.equal(created.status, "pending");
    assert.equal(calls[0].method, "POST");
    assert.equal(calls[0].path, "/api/ai/noise-removal");
    assert.deepEqual(calls[0].body, { assetId: ASSET_ID, projectId: PROJECT_ID });
    assert.equal(calls[0].headers["content-type"], "application/json");
    assert.equal(calls[0].headers["idempotency-key"], "k-1");
  });

  it("sends subtitle generation's options when given, and only then", async () => {
    const { client, calls } = setup(() => ok({ job: job({ type: "subtitle-generation" }) }, 201));
    await client.startSubtitleGeneration(ASSET_ID, PROJECT_ID, {
      language: "de",
      task: "translate",
      prompt: "Kubernetes, Grafana",
      maxLineLength: 32,
      maxLines: 1,
      idempotencyKey: "k-2",
    });
    assert.deepEqual(calls[0].body, {
      assetId: ASSET_ID,
      projectId: PROJECT_ID,
      language: "de",
      task: "translate",
      prompt: "Kubernetes, Grafana",
      maxLineLength: 32,
      maxLines: 1,
    });
    assert.equal(calls[0].headers["idempotency-key"], "k-2");
    await client.startSubtitleGeneration(ASSET_ID, PROJECT_ID);
    assert.deepEqual(calls[1].body, { assetId: ASSET_ID, projectId: PROJECT_ID });
  });

  it("surfaces a 4xx with the server's message and status", async () => {
    const { client } = setup(() => fail(400, "Cannot remove noise from assets without audio"));
    await assert.rejects(client.startNoiseRemoval(ASSET_ID, PROJECT_ID), (e: unknown) => {
      assert.ok(e instanceof MediaJobsError);
      assert.equal(e.status, 400);
      assert.equal(e.code, "HTTP");
      assert.equal(e.message, "Cannot remove noise from assets without audio");
      assert.equal(e.retryable, false);
      assert.deepEqual(e.body, { success: false, message: "Cannot remove noise from assets without audio" });
      return true;
    });
  });

  it("marks 401 as an authentication error", async () => {
    const { client } = setup(() =>
      fail(401, "Session expired: the access token has expired, sign in again"),
    );
    await assert.rejects(client.getUserJobs(), (e: unknown) => {
      assert.ok(e instanceof MediaJobsError && e.isAuthError);
      assert.match(e.message, /Session expired/);
      return true;
    });
  });

  it("falls back to a generic message when the error body is not the API envelope", async () => {
    const { client } = setup(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await assert.rejects(client.getJobStatus(JOB_ID), { name: "MediaJobsError", status: 502, message: "Service temporarily unavailable" });
  });

  it("rejects a success status without the API's JSON", async () => {
    const { client } = setup(() => new Response("not json", { status: 200 }));
    await assert.rejects(client.getJobStatus(JOB_ID), { code: "INVALID_RESPONSE" });
  });

  it("reports an unreachable server as a retryable network error", async () => {
    const { client } = setup(() => {
      throw new TypeError("fetch failed");
    });
    await assert.rejects(client.getJobStatus(JOB_ID), (e: unknown) => {
      assert.ok(e instanceof MediaJobsError);
      assert.equal(e.code, "NETWORK");
      assert.equal(e.status, 0);
      assert.equal(e.retryable, true);
      return true;
    });
  });

  it("refuses a 4th concurrent job locally, and accepts it once one has finished", async () => {
    let n = 0;
    const finished = new Set<string>();
    const { client, calls } = setup((req) => {
      if (req.method === "POST") return ok({ job: job({ jobId: `job-${++n}` }) }, 201);
      const id = req.url.pathname.split("/").pop()!;
      return ok({ job: job({ jobId: id, status: finished.has(id) ? "completed" : "processing" }) });
    });
    await client.startNoiseRemoval(ASSET_ID, PROJECT_ID);
    await client.startSubtitleGeneration(ASSET_ID, PROJECT_ID);
    await client.startNoiseRemoval(ASSET_ID, PROJECT_ID);
    assert.equal(client.activeJobCount, 3);
    await assert.rejects(client.startSubtitleGeneration(ASSET_ID, PROJECT_ID), (e: unknown) => {
      assert.ok(e instanceof MediaJobsError);
      assert.equal(e.code, "CONCURRENCY_LIMIT");
      assert.equal(e.status, 429);
      assert.match(e.message, /at most 3/);
      return true;
    });
    assert.equal(calls.length, 3, "the 4th never reached the server");

    await client.getJobStatus("job-1"); // still processing
    assert.equal(client.activeJobCount, 3);
    finished.add("job-1");
    await client.getJobStatus("job-1"); // now completed: frees a slot
    assert.equal(client.activeJobCount, 2);
    const fourth = await client.startSubtitleGeneration(ASSET_ID, PROJECT_ID);
    assert.equal(fourth.jobId, "job-4");
  });

  it("counts submissions still in flight against the limit", async () => {
    const { client, calls } = setup(async () => {
      await flush();
      return ok({ job: job({ jobId: `job-${Math.random()}` }) }, 201);
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => client.startNoiseRemoval(ASSET_ID, PROJECT_ID)));
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    assert.equal(calls.length, 3);
  });

  it("a refused submission frees its slot", async () => {
    const { client } = setup(() => fail(404, "Source asset not found"));
    for (let i = 0; i < 5; i++) {
      await assert.rejects(client.startNoiseRemoval(ASSET_ID, PROJECT_ID), { message: "Source asset not found" });
    }
    assert.equal(client.activeJobCount, 0);
  });

  it("validates ids before sending anything", async () => {
    const { client, calls } = setup(() => ok({ job: job() }));
    await assert.rejects(client.startNoiseRemoval("", PROJECT_ID), TypeError);
    assert.throws(() => client.pollJobStatus("", undefined, undefined, undefined), TypeError);
    assert.equal(calls.length, 0);
  });
});

describe("process helpers", () => {
  it("processSubtitles follows the job and resolves with its segments", async () => {
    const subtitles = [
      { startTime: 0, endTime: 3, text: "Hello and welcome!", words: [{ startTime: 0.2, endTime: 0.6, text: "Hello", probability: 0.97 }] },
      { startTime: 3, endTime: 7, text: "This is auto-generated content." },
    ];
    let n = 0;
    const { client, timers, calls } = setup((req) => {
      if (req.method === "POST") return ok({ job: job({ type: "subtitle-generation" }) }, 201);
      return n++ === 0
        ? ok({ job: job({ type: "subtitle-generation", status: "processing", progress: 40 }) })
        : ok({ job: job({ type: "subtitle-generation", status: "completed", progress: 100, outputData: { subtitles } }) });
    });
    const progress: number[] = [];
    const started: string[] = [];
    const result = client.processSubtitles(ASSET_ID, PROJECT_ID, {
      onStart: (j) => started.push(j.status),
      onProgress: (p) => progress.push(p),
    });
    await timers.runAll();
    const { job: done, subtitles: segments } = await result;
    assert.equal(done.status, "completed");
    assert.deepEqual(segments, subtitles);
    assert.deepEqual(started, ["pending"]);
    assert.deepEqual(progress, [40]);
    assert.equal(calls[0].path, "/api/ai/subtitle-generation");
    assert.equal(client.activeJobCount, 0);
  });

  it("processNoiseRemoval resolves with the cleaned asset", async () => {
    const { client, timers } = setup((req) =>
      req.method === "POST"
        ? ok({ job: job() }, 201)
        : ok({ job: job({ status: "completed", progress: 100, outputData: { resultAssetId: "clean-1", resultAssetPath: "/uploads/clean.mp3" } }) }),
    );
    const result = client.processNoiseRemoval(ASSET_ID, PROJECT_ID);
    await timers.runAll();
    assert.deepEqual(
      { id: (await result).resultAssetId, path: (await result).resultAssetPath },
      { id: "clean-1", path: "/uploads/clean.mp3" },
    );
  });

  it("processNoiseRemoval rejects with JobFailedError when the job fails", async () => {
    const { client, timers } = setup((req) =>
      req.method === "POST" ? ok({ job: job() }, 201) : ok({ job: job({ status: "failed", errorMessage: "Cancelled by user" }) }),
    );
    const rejected = assert.rejects(client.processNoiseRemoval(ASSET_ID, PROJECT_ID), (e: unknown) =>
      e instanceof JobFailedError && e.message === "Cancelled by user");
    await timers.runAll();
    await rejected;
  });

  it("an aborted process helper stops following and rejects with ABORTED", async () => {
    const { client, timers, calls } = setup((req) =>
      req.method === "POST" ? ok({ job: job() }, 201) : ok({ job: job({ status: "processing" }) }),
    );
    const controller = new AbortController();
    const rejected = assert.rejects(client.processNoiseRemoval(ASSET_ID, PROJECT_ID, { signal: controller.signal }), {
      code: "ABORTED",
    });
    await timers.next();
    controller.abort();
    await rejected;
    const before = calls.length;
    await timers.runAll();
    assert.equal(calls.length, before);
  });
});

describe("cancel, retry, download", () => {
  it("cancelJob POSTs to the cancel endpoint and returns the accepted (202) job with cancelRequested", async () => {
    const { client, calls } = setup(() =>
      ok({ job: job({ status: "processing", progress: 20, cancelRequested: true }) }, 202),
    );
    const status = await client.cancelJob(JOB_ID);
    assert.equal(status.status, "processing");
    assert.equal(status.cancelRequested, true);
    assert.equal(calls[0].method, "POST");
    assert.equal(calls[0].path, `/api/ai/jobs/${JOB_ID}/cancel`);
  });

  it("cancelJob surfaces 409 for a job that already ended", async () => {
    const { client } = setup(() => fail(409, "Job is already completed"));
    await assert.rejects(client.cancelJob(JOB_ID), { status: 409, message: "Job is already completed" });
  });

  it("retryJob returns the new job and surfaces 409 for a job that did not fail", async () => {
    const { client, calls } = setup((req) =>
      req.url.pathname.includes("done")
        ? fail(409, "Only failed jobs can be retried; this job is completed")
        : ok({ job: job({ jobId: "new-job" }) }, 201),
    );
    const retried = await client.retryJob(JOB_ID);
    assert.equal(retried.jobId, "new-job");
    assert.equal(calls[0].path, `/api/ai/jobs/${JOB_ID}/retry`);
    assert.equal(calls[0].method, "POST");
    await assert.rejects(client.retryJob("done"), { status: 409, message: "Only failed jobs can be retried; this job is completed" });
  });

  it("downloadSubtitles returns the file with its name", async () => {
    const srt = "1\n00:00:00,000 --> 00:00:03,000\nHello and welcome!\n";
    const { client, calls } = setup(
      () =>
        new Response(srt, {
          status: 200,
          headers: { "Content-Type": "application/x-subrip", "Content-Disposition": 'attachment; filename="interview.srt"' },
        }),
    );
    const file = await client.downloadSubtitles(JOB_ID, "srt");
    assert.deepEqual(file, { format: "srt", filename: "interview.srt", contentType: "application/x-subrip", content: srt });
    assert.equal(calls[0].path, `/api/ai/jobs/${JOB_ID}/subtitles.srt`);
    assert.equal(calls[0].headers["authorization"], "Bearer tok-123");
  });

  it("downloadSubtitles (vtt) names the file after the job without Content-Disposition", async () => {
    const { client, calls } = setup(() => new Response("WEBVTT\n", { status: 200, headers: { "Content-Type": "text/vtt" } }));
    const file = await client.downloadSubtitles(JOB_ID, "vtt");
    assert.equal(file.filename, `subtitles-${JOB_ID}.vtt`);
    assert.equal(file.content, "WEBVTT\n");
    assert.equal(calls[0].path, `/api/ai/jobs/${JOB_ID}/subtitles.vtt`);
  });

  it("downloadSubtitles fetches plain text and the JSON document with words", async () => {
    const doc = {
      language: "de",
      model: "base",
      segments: [
        {
          startTime: 0.5,
          endTime: 1.4,
          text: "Guten Morgen",
          words: [
            { startTime: 0.5, endTime: 0.9, text: "Guten", probability: 0.98 },
            { startTime: 0.9, endTime: 1.4, text: "Morgen", probability: 0.91 },
          ],
        },
      ],
    };
    const { client, calls } = setup((req) =>
      req.path.endsWith(".txt")
        ? new Response("Guten Morgen\n", { status: 200, headers: { "Content-Type": "text/plain;charset=UTF-8" } })
        : json(200, doc),
    );
    const text = await client.downloadSubtitles(JOB_ID, "txt");
    assert.equal(text.content, "Guten Morgen\n");
    assert.equal(text.filename, `subtitles-${JOB_ID}.txt`);
    assert.equal(calls[0].path, `/api/ai/jobs/${JOB_ID}/subtitles.txt`);
    const file = await client.downloadSubtitles(JOB_ID, "json");
    assert.equal(calls[1].path, `/api/ai/jobs/${JOB_ID}/subtitles.json`);
    assert.deepEqual(JSON.parse(file.content), doc);
    await assert.rejects(client.downloadSubtitles(JOB_ID, "ass" as never), TypeError);
  });

  it("downloadSubtitles surfaces the server's message", async () => {
    const { client } = setup(() => json(404, { success: false, message: "Subtitles are not available until the job is completed" }));
    await assert.rejects(client.downloadSubtitles(JOB_ID, "vtt"), {
      status: 404,
      message: "Subtitles are not available until the job is completed",
    });
  });
});
