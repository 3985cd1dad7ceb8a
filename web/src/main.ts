/**
 * The Media Jobs web app: sign-in, then projects → assets → AI jobs and their results. Hash routes
 * (#/projects/{id}[/assets/{id}|/jobs/{id}]) so the server only ever serves index.html at "/". Each view owns a
 * Scope: leaving it stops its polls, timers and object URLs (the spec's "clean up polling intervals").
 */
import "./styles.css";
import { Api, loadSession, saveSession, type Session } from "./api";
import { Scope, announce, h, replace } from "./dom";
import { renderSignIn } from "./signin";
import { ProjectsNav } from "./projects";
import { ProjectView } from "./project";

const SESSION_EXPIRED = "Session expired: the access token has expired, sign in again";

type Route =
  | { name: "home" }
  | { name: "project"; projectId: string; assetId?: string; jobId?: string };

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "projects" && parts[1]) {
    if (parts[2] === "assets" && parts[3]) return { name: "project", projectId: parts[1], assetId: parts[3] };
    if (parts[2] === "jobs" && parts[3]) return { name: "project", projectId: parts[1], jobId: parts[3] };
    return { name: "project", projectId: parts[1] };
  }
  return { name: "home" };
}

class App {
  private readonly api = new Api("");
  private readonly root = document.getElementById("app") as HTMLElement;
  private sessionScope: Scope | null = null;
  private nav: ProjectsNav | null = null;
  private main: HTMLElement | null = null;
  private projectView: ProjectView | null = null;

  constructor() {
    this.api.onAuthError = (message) => this.signOut(message);
    window.addEventListener("hashchange", () => this.route());
  }

  start(): void {
    const session = loadSession();
    if (session) this.signedIn(session);
    else this.showSignIn();
  }

  private showSignIn(message?: string): void {
    this.root.setAttribute("aria-busy", "false");
    renderSignIn(this.root, this.api, message, (session) => {
      saveSession(session);
      this.signedIn(session);
    });
  }

  private signedIn(session: Session): void {
    this.api.setSession(session);
    const scope = new Scope();
    this.sessionScope = scope;
    if (session.expiresAt !== undefined) {
      // Timers beyond 2^31-1 ms fire at once; tokens live hours, so re-check daily at most.
      const timer = setTimeout(() => this.signOut(SESSION_EXPIRED), Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1));
      scope.add(() => clearTimeout(timer));
    }
    const main = h("main", { id: "main", class: "main", tabindex: "-1" });
    this.main = main;
    this.nav = new ProjectsNav(this.api, (projectId) => (location.hash = `#/projects/${encodeURIComponent(projectId)}`));
    replace(
      this.root,
      h(
        "header",
        { class: "topbar" },
        h("a", { class: "brand", href: "#/" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), "Media Jobs"),
        h(
          "div",
          { class: "user" },
          h("span", { class: "user-id", title: "Signed in as" }, session.userId),
          h("button", { type: "button", class: "button subtle", onclick: () => this.signOut() }, "Sign out"),
        ),
      ),
      h("div", { class: "layout" }, this.nav.element, main),
    );
    this.root.setAttribute("aria-busy", "false");
    void this.nav.load();
    this.route();
  }

  private signOut(message?: string): void {
    if (!this.sessionScope) return; // already signed out (several requests may see the same 401)
    this.projectView?.dispose();
    this.projectView = null;
    this.sessionScope.dispose();
    this.sessionScope = null;
    this.api.setSession(null);
    saveSession(null);
    this.showSignIn(message);
    if (message) announce(message);
  }

  private route(): void {
    if (!this.sessionScope || !this.main || !this.nav) return;
    const route = parseRoute(location.hash);
    if (route.name === "home") {
      this.projectView?.dispose();
      this.projectView = null;
      this.nav.select(undefined);
      replace(
        this.main,
        h(
          "div",
          { class: "empty-state" },
          h("h1", {}, "Pick or create a project"),
          h(
            "p",
            {},
            "Projects hold your audio and video. Upload media, then remove noise or generate subtitles; jobs run on the server and you can watch their progress here.",
          ),
        ),
      );
      return;
    }
    this.nav.select(route.projectId);
    if (!this.projectView || this.projectView.projectId !== route.projectId) {
      this.projectView?.dispose();
      this.projectView = new ProjectView(this.api, route.projectId, this.main, () => this.nav?.load());
    }
    this.projectView.show({ assetId: route.assetId, jobId: route.jobId });
  }
}

new App().start();
