/** The projects sidebar: list, create, pick. */
import { Api, type Project } from "./api";
import { announce, h, replace, uid } from "./dom";

export class ProjectsNav {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLParagraphElement;
  private projects: Project[] = [];
  private selected: string | undefined;

  constructor(private readonly api: Api, private readonly open: (projectId: string) => void) {
    const nameId = uid("project-name");
    const input = h("input", { id: nameId, name: "name", required: true, maxlength: 200, placeholder: "New project name" });
    const button = h("button", { type: "submit", class: "button" }, "Create");
    this.message = h("p", { class: "form-message", role: "alert" });
    this.list = h("ul", { class: "project-list" });
    this.element = h(
      "nav",
      { class: "sidebar", "aria-label": "Projects" },
      h("h2", { class: "sidebar-title" }, "Projects"),
      h(
        "form",
        {
          class: "inline-form",
          onsubmit: async (e: Event) => {
            e.preventDefault();
            button.disabled = true;
            this.message.textContent = "";
            try {
              const project = await this.api.createProject(input.value);
              input.value = "";
              this.projects = [project, ...this.projects.filter((p) => p.projectId !== project.projectId)];
              this.render();
              announce(`Project ${project.name} created`);
              this.open(project.projectId);
            } catch (err) {
              this.message.textContent = err instanceof Error ? err.message : String(err);
            } finally {
              button.disabled = false;
            }
          },
        },
        h("label", { for: nameId, class: "visually-hidden" }, "New project name"),
        input,
        button,
      ),
      this.message,
      this.list,
    );
  }

  async load(): Promise<void> {
    try {
      this.projects = await this.api.projects();
      this.render();
    } catch (err) {
      this.message.textContent = err instanceof Error ? err.message : String(err);
    }
  }

  select(projectId: string | undefined): void {
    this.selected = projectId;
    for (const a of this.list.querySelectorAll("a")) {
      if (a.dataset.projectId === projectId) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }

  name(projectId: string): string | undefined {
    return this.projects.find((p) => p.projectId === projectId)?.name;
  }

  private render(): void {
    if (this.projects.length === 0) {
      replace(this.list, h("li", { class: "hint" }, "No projects yet."));
      return;
    }
    replace(
      this.list,
      this.projects.map((p) =>
        h(
          "li",
          {},
          h(
            "a",
            {
              href: `#/projects/${encodeURIComponent(p.projectId)}`,
              "data-project-id": p.projectId,
              "aria-current": p.projectId === this.selected ? "page" : undefined,
            },
            p.name,
          ),
        ),
      ),
    );
  }
}
