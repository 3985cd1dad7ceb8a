/** Drag-and-drop (or pick) many files; each uploads with its own progress bar, two at a time. */
import { Api, MediaJobsError, type Asset } from "./api";
import { Scope, bytes, h, uid } from "./dom";
import { progressBar } from "./progress";

const PARALLEL = 2;

interface Item {
  file: File;
  row: HTMLLIElement;
  bar: ReturnType<typeof progressBar>;
  status: HTMLElement;
  cancel: HTMLButtonElement;
  abort?: () => void;
  state: "queued" | "uploading" | "done" | "failed";
}

export class UploadPanel {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "upload-list", "aria-label": "Uploads" });
  private readonly queue: Item[] = [];
  private running = 0;

  constructor(
    private readonly api: Api,
    private readonly projectId: string,
    private readonly scope: Scope,
    private readonly uploaded: (asset: Asset) => void,
  ) {
    const inputId = uid("files");
    const input = h("input", {
      id: inputId,
      type: "file",
      multiple: true,
      accept: "audio/*,video/*",
      class: "visually-hidden file-input",
      onchange: () => {
        this.add([...(input.files ?? [])]);
        input.value = "";
      },
    });
    const zone = h(
      "div",
      { class: "dropzone" },
      h("p", {}, "Drop audio or video files here, or"),
      input,
      h("label", { for: inputId, class: "button" }, "Choose files…"),
    );
    let depth = 0;
    zone.addEventListener("dragenter", (e) => {
      e.preventDefault();
      depth += 1;
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("dragging");
    });
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      depth = 0;
      zone.classList.remove("dragging");
      this.add([...(e.dataTransfer?.files ?? [])]);
    });
    this.element = h("div", { class: "uploads" }, zone, this.list);
    scope.add(() => this.queue.forEach((item) => item.abort?.()));
  }

  private add(files: File[]): void {
    for (const file of files) {
      const status = h("span", { class: "upload-status" }, "Waiting…");
      const bar = progressBar(`Upload of ${file.name}`);
      const cancel = h("button", { type: "button", class: "button subtle small" }, "Cancel");
      const row = h(
        "li",
        { class: "upload" },
        h("div", { class: "upload-head" }, h("span", { class: "upload-name" }, file.name), h("span", { class: "muted" }, bytes(file.size))),
        bar.element,
        h("div", { class: "upload-foot" }, status, cancel),
      );
      const item: Item = { file, row, bar, status, cancel, state: "queued" };
      cancel.addEventListener("click", () => {
        if (item.state === "uploading") item.abort?.();
        else if (item.state === "queued") {
          item.state = "failed";
          status.textContent = "Cancelled";
          this.finish(item);
        } else row.remove();
      });
      this.queue.push(item);
      this.list.appendChild(row);
    }
    this.pump();
  }

  private pump(): void {
    while (this.running < PARALLEL && !this.scope.isDisposed) {
      const next = this.queue.find((i) => i.state === "queued");
      if (!next) return;
      this.running += 1;
      void this.upload(next).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async upload(item: Item): Promise<void> {
    item.state = "uploading";
    item.status.textContent = "Uploading…";
    const handle = this.api.upload(this.projectId, item.file, (sent, total) => {
      const pct = total > 0 ? (sent / total) * 100 : 0;
      item.bar.set(pct);
      item.status.textContent = pct >= 100 ? "Checking the media…" : `Uploading… ${bytes(sent)} of ${bytes(total)}`;
    });
    item.abort = handle.abort;
    try {
      const asset = await handle.promise;
      item.state = "done";
      item.bar.set(100);
      item.row.classList.add("done");
      item.status.textContent = `Uploaded: ${asset.kind}, ${asset.durationSeconds.toFixed(1)} s`;
      this.uploaded(asset);
    } catch (err) {
      item.state = "failed";
      item.row.classList.add("failed");
      item.status.textContent =
        err instanceof MediaJobsError && err.code === "ABORTED" ? "Cancelled" : `Failed: ${err instanceof Error ? err.message : err}`;
    }
    this.finish(item);
  }

  private finish(item: Item): void {
    item.abort = undefined;
    item.cancel.textContent = "Dismiss";
    item.cancel.setAttribute("aria-label", `Dismiss ${item.file.name}`);
  }
}
