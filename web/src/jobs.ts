/**
 * The job list with the spec's filters (project, status, type) and live progress. Monitoring follows the spec's
 * frontend guide through the client: resumeJobMonitoring on open (so a reload picks running jobs up again),
 * pollJobStatus for jobs started here (every 2.5 s, exponential backoff on errors, stopped on completed/failed);
 * every poll stops with the view.
 */
import {
  Api,
  JobFailedError,
  MediaJobsError,
  type JobStatus,
  type JobStatusResponse,
  type JobType,
  type UserJobsResponse,
} from "./api";
import { Scope, announce, dateTime, h, remaining, replace, uid } from "./dom";
import { progressBar, type ProgressBar } from "./progress";

type AnyJob = (JobStatusResponse | UserJobsResponse) & {
  projectId?: string;
  assetId?: string;
  startedAt?: string;
  cancelRequested?: boolean;
};

const TYPE_LABEL: Record<JobType, string> = { "noise-removal": "Noise removal", "subtitle-generation": "Subtitles" };
const TOO_MANY =
  "You already have 3 jobs running, the most the server runs for one person at a time. Wait for one to finish or cancel one, then try again.";

/** A friendly sentence for a failed request; the 3-active-jobs limit gets its own. */
export function describeError(err: unknown): string {
  if (err instanceof MediaJobsError && err.status === 429) return `${TOO_MANY} (${err.message})`;
  return err instanceof Error ? err.message : String(err);
}

interface Row {
  job: AnyJob;
  li: HTMLLIElement;
  bar: ProgressBar;
  badge: HTMLElement;
  pct: HTMLElement;
  eta: HTMLElement;
  note: HTMLElement;
  actions: HTMLElement;
  name: HTMLElement;
}

export interface JobsPanelHooks {
  assetName: (assetId: string) => string | undefined;
  resultReady: (job: JobStatusResponse) => void;
}

export class JobsPanel {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "job-list", "aria-live": "off" });
  private readonly message = h("p", { class: "form-message", role: "alert" });
  private readonly rows = new Map<string, Row>();
  /** Jobs being polled right now, and how to stop each (or their group). */
  private readonly monitored = new Map<string, () => void>();
  private readonly filters = { scope: "project", status: "", type: "" };

  constructor(
    private readonly api: Api,
    private readonly projectId: string,
    private readonly scope: Scope,
    private readonly hooks: JobsPanelHooks,
  ) {
    const select = (label: string, key: "scope" | "status" | "type", options: [string, string][]) => {
      const id = uid(`filter-${key}`);
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, label),
        h(
          "select",
          {
            id,
            name: key,
            onchange: (e: Event) => {
              this.filters[key] = (e.target as HTMLSelectElement).value;
              void this.refresh();
            },
          },
          options.map(([value, text]) => h("option", { value }, text)),
        ),
      );
    };
    this.element = h(
      "section",
      { class: "panel jobs", "aria-labelledby": "jobs-title" },
      h("div", { class: "panel-head" }, h("h2", { id: "jobs-title" }, "Jobs"),
        h("button", { type: "button", class: "button subtle small", onclick: () => void this.refresh() }, "Refresh")),
      h(
        "form",
        { class: "filters", "aria-label": "Job filters", onsubmit: (e: Event) => e.preventDefault() },
        select("Project", "scope", [["project", "This project"], ["all", "All projects"]]),
        select("Status", "status", [["", "Any status"], ["pending", "Pending"], ["processing", "Processing"], ["completed", "Completed"], ["failed", "Failed"]]),
        select("Type", "type", [["", "Any type"], ["noise-removal", "Noise removal"], ["subtitle-generation", "Subtitles"]]),
      ),
      this.message,
      this.list,
    );
    scope.add(() => {
      for (const stop of this.monitored.values()) stop();
      this.monitored.clear();
    });
  }

  /** Lists the jobs, then resumes monitoring the project's running ones (the spec's resumeJobMonitoring). */
  async start(): Promise<void> {
    await this.refresh();
    try {
      const resumed = await this.api.jobs.resumeJobMonitoring(this.projectId, {
        onProgress: (jobId, _progress, job) => this.update({ ...job, jobId }),
        onComplete: (job) => this.completed(job),
        onError: (jobId, error) => this.failed(jobId, error),
      });
      if (this.scope.isDisposed) {
        resumed.stop();
        return;
      }
      for (const job of resumed.jobs) {
        this.monitored.set(job.jobId, resumed.stop);
        this.update(job);
      }
    } catch (err) {
      this.message.textContent = describeError(err);
    }
  }

  /** A job started from this page: shows it and polls it. */
  track(job: JobStatusResponse, assetId?: string): void {
    const row = this.update({ ...job, projectId: this.projectId, assetId });
    row.li.classList.add("fresh");
    this.list.querySelector(":scope > li.hint")?.remove();
    this.list.prepend(row.li);
    this.monitor(job.jobId);
  }

  /** Re-labels rows once the asset names are known. */
  refreshNames(): void {
    for (const row of this.rows.values()) row.name.textContent = this.assetLabel(row.job);
  }

  async refresh(): Promise<void> {
    this.message.textContent = "";
    try {
      const jobs = await this.api.jobs.getUserJobs({
        projectId: this.filters.scope === "project" ? this.projectId : undefined,
        status: (this.filters.status || undefined) as JobStatus | undefined,
        type: (this.filters.type || undefined) as JobType | undefined,
      });
      if (this.scope.isDisposed) return;
      const items = jobs.map((job) => this.update(job).li);
      replace(this.list, items.length ? items : h("li", { class: "hint" }, "No jobs match these filters."));
      // Running jobs not watched yet (started in another tab, or in another project): watch them too.
      for (const job of jobs) {
        if ((job.status === "pending" || job.status === "processing") && !this.monitored.has(job.jobId)) {
          this.monitor(job.jobId);
        }
      }
    } catch (err) {
      this.message.textContent = describeError(err);
    }
  }

  private monitor(jobId: string): void {
    const row = this.rows.get(jobId);
    const stop = this.api.jobs.pollJobStatus(
      jobId,
      (_progress, job) => {
        if (row) row.note.textContent = "";
        this.update(job);
      },
      (job) => this.completed(job),
      (error) => this.failed(jobId, error),
      {
        onRetry: (error, attempt, delayMs) => {
          const r = this.rows.get(jobId);
          if (r) r.note.textContent = `Reconnecting (attempt ${attempt}, next in ${Math.round(delayMs / 1000)} s): ${error.message}`;
        },
      },
    );
    this.monitored.set(jobId, stop);
  }

  private completed(job: JobStatusResponse): void {
    this.monitored.delete(job.jobId);
    this.update(job);
    announce(`${TYPE_LABEL[job.type]} finished`);
    if (job.type === "noise-removal") this.hooks.resultReady(job);
  }

  private failed(jobId: string, error: MediaJobsError | JobFailedError): void {
    this.monitored.delete(jobId);
    if (error instanceof JobFailedError) {
      this.update(error.job);
      announce(`${TYPE_LABEL[error.job.type]} failed: ${error.job.errorMessage ?? ""}`);
      return;
    }
    if (error.status === 401) return; // signed out already
    const row = this.rows.get(jobId);
    if (!row) return;
    row.note.textContent = `Stopped watching this job: ${error.message}`;
    replace(row.actions, h("button", { type: "button", class: "button small", onclick: () => this.monitor(jobId) }, "Check again"));
  }

  /** Creates or updates the job's row in place (same element, same size: no layout jumps). */
  private update(incoming: AnyJob): Row {
    let row = this.rows.get(incoming.jobId);
    const job: AnyJob = { ...(row?.job ?? {}), ...incoming };
    if (!row) row = this.createRow(job);
    row.job = job;
    const { li, bar, badge, pct, eta, note } = row;
    li.dataset.status = job.status;
    badge.textContent = job.status;
    badge.className = `badge status-${job.status}`;
    if (job.cancelRequested && (job.status === "pending" || job.status === "processing")) badge.textContent = "cancelling";
    const progress = job.status === "completed" ? 100 : job.progress;
    bar.set(progress);
    pct.textContent = `${Math.round(progress)} %`;
    eta.textContent = this.etaText(job);
    if (job.status === "failed") note.textContent = job.errorMessage ?? "The job failed";
    else if (job.status === "completed") note.textContent = "";
    this.renderActions(row);
    return row;
  }

  private etaText(job: AnyJob): string {
    if (job.status === "completed") return job.completedAt ? `finished ${dateTime(job.completedAt)}` : "finished";
    if (job.status === "failed") return job.completedAt ? `ended ${dateTime(job.completedAt)}` : "ended";
    const estimate = job.estimatedDuration;
    if (!estimate) return job.status === "pending" ? "waiting to start" : "working…";
    if (job.status === "pending") return `waiting to start · takes about ${remaining(estimate)}`;
    const started = job.startedAt ? Date.parse(job.startedAt) : NaN;
    const p = job.progress;
    let left: number;
    if (!Number.isNaN(started) && p >= 10 && p < 100) {
      // Measured pace once there is some progress; the server's estimate before that.
      const elapsed = (Date.now() - started) / 1000;
      left = (elapsed * (100 - p)) / p;
    } else {
      left = (estimate * (100 - p)) / 100;
    }
    return `about ${remaining(left)} left`;
  }

  private createRow(job: AnyJob): Row {
    const label = `${TYPE_LABEL[job.type]} progress`;
    const bar = progressBar(label);
    const badge = h("span", { class: "badge" });
    const pct = h("span", { class: "pct" });
    const eta = h("span", { class: "eta" });
    const note = h("p", { class: "job-note" });
    const actions = h("div", { class: "job-actions" });
    const name = h("span", { class: "job-asset" }, this.assetLabel(job));
    const li = h(
      "li",
      { class: "job", "data-job-id": job.jobId, "data-type": job.type },
      h("div", { class: "job-head" }, h("span", { class: "job-type" }, TYPE_LABEL[job.type]), name, badge),
      bar.element,
      h("div", { class: "job-meta" }, pct, eta),
      note,
      actions,
    );
    const row: Row = { job, li, bar, badge, pct, eta, note, actions, name };
    this.rows.set(job.jobId, row);
    return row;
  }

  private assetLabel(job: AnyJob): string {
    const name = job.assetId ? this.hooks.assetName(job.assetId) : undefined;
    if (name) return name;
    if (job.projectId && job.projectId !== this.projectId) return "in another project";
    return job.assetId ? `asset ${job.assetId.slice(0, 8)}` : "";
  }

  private renderActions(row: Row): void {
    const { job } = row;
    const projectId = job.projectId ?? this.projectId;
    const buttons: HTMLElement[] = [];
    if (job.status === "pending" || job.status === "processing") {
      buttons.push(
        h("button", {
          type: "button",
          class: "button subtle small",
          disabled: !!job.cancelRequested,
          "aria-label": `Cancel ${TYPE_LABEL[job.type]} of ${row.name.textContent}`,
          onclick: (e: Event) => void this.cancel(row, e.currentTarget as HTMLButtonElement),
        }, "Cancel"),
      );
    }
    if (job.status === "completed") {
      buttons.push(
        h("a", {
          class: "button small primary",
          href: `#/projects/${encodeURIComponent(projectId)}/jobs/${encodeURIComponent(job.jobId)}`,
        }, job.type === "subtitle-generation" ? "View subtitles" : "Compare A/B"),
      );
    }
    if (job.status === "failed") {
      buttons.push(
        h("button", {
          type: "button",
          class: "button small",
          onclick: (e: Event) => void this.retry(row, e.currentTarget as HTMLButtonElement),
        }, "Retry"),
      );
    }
    // Same buttons as before: keep the elements (and keyboard focus) as they are.
    const signature = buttons.map((b) => `${b.textContent}|${b.hasAttribute("disabled")}`).join(",");
    if (row.actions.dataset.signature === signature) return;
    row.actions.dataset.signature = signature;
    replace(row.actions, buttons);
  }

  private async cancel(row: Row, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const job = await this.api.jobs.cancelJob(row.job.jobId);
      this.update(job);
      announce("Cancelling the job");
      if (!this.monitored.has(job.jobId)) this.monitor(job.jobId);
    } catch (err) {
      row.note.textContent = describeError(err);
      button.disabled = false;
    }
  }

  private async retry(row: Row, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const job = await this.api.jobs.retryJob(row.job.jobId);
      this.track(job, row.job.assetId);
      announce("Job started again");
    } catch (err) {
      row.note.textContent = describeError(err);
      button.disabled = false;
    }
  }
}
