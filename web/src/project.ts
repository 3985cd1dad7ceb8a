/**
 * One project: uploads, its assets, the detail pane (an asset, or a job's result) and the job list. The job
 * monitors live as long as this view; switching projects or signing out disposes them.
 */
import { Api, MediaJobsError, type Asset, type Project } from "./api";
import { Scope, announce, bytes, clock, h, replace } from "./dom";
import { UploadPanel } from "./uploads";
import { JobsPanel } from "./jobs";
import { renderAssetDetail } from "./asset";
import { renderJobResult } from "./results";

export class ProjectView {
  private readonly scope = new Scope();
  private detailScope: Scope | null = null;
  private readonly heading = h("h1", { class: "project-title" }, "\u00a0");
  private readonly assetList = h("ul", { class: "asset-list", "aria-label": "Assets" });
  private readonly assetMessage = h("p", { class: "form-message", role: "alert" });
  private readonly detail = h("section", { class: "panel detail", "aria-label": "Details", tabindex: "-1" });
  private readonly jobs: JobsPanel;
  private project: Project | undefined;
  private assets: Asset[] = [];
  private selection: { assetId?: string; jobId?: string } = {};
  private loaded: Promise<void>;

  constructor(
    private readonly api: Api,
    readonly projectId: string,
    main: HTMLElement,
    private readonly projectsChanged: () => void,
  ) {
    const uploads = new UploadPanel(api, projectId, this.scope, (asset) => this.added(asset));
    this.jobs = new JobsPanel(api, projectId, this.scope, {
      assetName: (assetId) => this.assets.find((a) => a.assetId === assetId)?.fileName,
      resultReady: () => void this.reloadAssets(),
    });
    replace(
      main,
      this.heading,
      h(
        "div",
        { class: "project-grid" },
        h(
          "div",
          { class: "column" },
          h(
            "section",
            { class: "panel", "aria-labelledby": "assets-title" },
            h("h2", { id: "assets-title" }, "Assets"),
            uploads.element,
            this.assetMessage,
            this.assetList,
          ),
          this.jobs.element,
        ),
        this.detail,
      ),
    );
    this.loaded = this.load();
  }

  /** Shows an asset or a job result in the detail pane (or a hint). */
  show(selection: { assetId?: string; jobId?: string }): void {
    this.selection = selection;
    this.markSelectedAsset();
    this.detailScope?.dispose();
    const scope = this.scope.child();
    this.detailScope = scope;
    if (selection.jobId) {
      void renderJobResult(this.detail, this.api, this.projectId, selection.jobId, scope, {
        asset: (id) => this.assets.find((a) => a.assetId === id),
        loaded: this.loaded,
      });
    } else if (selection.assetId) {
      const assetId = selection.assetId;
      void this.loaded.then(() => {
        if (scope.isDisposed) return;
        const asset = this.assets.find((a) => a.assetId === assetId);
        if (!asset) {
          replace(this.detail, h("p", { class: "alert" }, "Asset not found: it may have been deleted."));
          return;
        }
        renderAssetDetail(this.detail, this.api, asset, scope, {
          jobStarted: (job, assetId) => this.jobs.track(job, assetId),
          deleted: () => {
            this.assets = this.assets.filter((a) => a.assetId !== assetId);
            this.renderAssets();
            location.hash = `#/projects/${encodeURIComponent(this.projectId)}`;
          },
        });
      });
    } else {
      replace(
        this.detail,
        h(
          "div",
          { class: "empty-state small" },
          h("h2", {}, "Nothing selected"),
          h("p", {}, "Upload media or pick an asset to play it and run noise removal or subtitles on it. Open a finished job to see its result."),
        ),
      );
    }
  }

  dispose(): void {
    this.scope.dispose();
  }

  private async load(): Promise<void> {
    try {
      const projects = await this.api.projects();
      this.project = projects.find((p) => p.projectId === this.projectId);
      if (!this.project) {
        this.heading.textContent = "Project not found";
        this.assetMessage.textContent = "This project does not exist or is not yours.";
        return;
      }
      this.heading.textContent = this.project.name;
      document.title = `${this.project.name} · Media Jobs`;
      await this.reloadAssets();
      await this.jobs.start();
    } catch (err) {
      this.assetMessage.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  private async reloadAssets(): Promise<void> {
    try {
      this.assets = await this.api.assets(this.projectId);
      this.renderAssets();
      this.jobs.refreshNames();
    } catch (err) {
      if (!(err instanceof MediaJobsError && err.status === 401)) {
        this.assetMessage.textContent = err instanceof Error ? err.message : String(err);
      }
    }
  }

  private added(asset: Asset): void {
    this.assets = [asset, ...this.assets.filter((a) => a.assetId !== asset.assetId)];
    this.renderAssets();
    announce(`${asset.fileName} uploaded`);
    this.projectsChanged();
  }

  private renderAssets(): void {
    if (this.assets.length === 0) {
      replace(this.assetList, h("li", { class: "hint" }, "No assets yet: drop audio or video files above."));
      return;
    }
    replace(
      this.assetList,
      this.assets.map((a) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              class: "asset-link",
              href: `#/projects/${encodeURIComponent(this.projectId)}/assets/${encodeURIComponent(a.assetId)}`,
              "data-asset-id": a.assetId,
            },
            h("span", { class: `kind-icon ${a.kind}`, "aria-hidden": "true" }, a.kind === "video" ? "▶" : "♪"),
            h("span", { class: "asset-name" }, a.fileName),
            h(
              "span",
              { class: "asset-meta" },
              `${a.kind} · ${clock(a.durationSeconds)} · ${bytes(a.sizeBytes)}`,
              a.sourceJobId ? h("span", { class: "badge result" }, "cleaned") : null,
            ),
          ),
        ),
      ),
    );
    this.markSelectedAsset();
  }

  private markSelectedAsset(): void {
    for (const a of this.assetList.querySelectorAll<HTMLAnchorElement>("a.asset-link")) {
      if (a.dataset.assetId === this.selection.assetId) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
  }
}
