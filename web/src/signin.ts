/** The sign-in screen: a dev token for a user id (dev mode), or a pasted bearer token. */
import { Api, sessionFromToken, type Session } from "./api";
import { h, replace, uid } from "./dom";

export function renderSignIn(root: HTMLElement, api: Api, message: string | undefined, done: (s: Session) => void): void {
  const alert = h("p", { class: "alert", role: "alert", hidden: !message }, message ?? "");
  const devSlot = h("div", { class: "dev-slot" }, h("p", { class: "hint" }, "Checking how this server signs you in…"));

  const showError = (text: string): void => {
    alert.textContent = text;
    alert.hidden = false;
  };

  const tokenId = uid("token");
  const tokenInput = h("textarea", {
    id: tokenId,
    name: "token",
    rows: 4,
    required: true,
    spellcheck: "false",
    autocomplete: "off",
    placeholder: "eyJhbGciOi…",
  });
  const tokenForm = h(
    "form",
    {
      class: "stack",
      onsubmit: (e: Event) => {
        e.preventDefault();
        try {
          done(sessionFromToken(tokenInput.value));
        } catch (err) {
          showError(err instanceof Error ? err.message : String(err));
        }
      },
    },
    h("label", { for: tokenId }, "Access token (JWT)"),
    tokenInput,
    h("button", { type: "submit", class: "button" }, "Sign in with token"),
  );
  const tokenDetails = h("details", { class: "token-signin" }, h("summary", {}, "Sign in with an access token"), tokenForm);

  replace(
    root,
    h(
      "main",
      { id: "main", class: "signin" },
      h(
        "div",
        { class: "card signin-card" },
        h("h1", { class: "brand big" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), "Media Jobs"),
        h("p", { class: "lede" }, "Noise removal and subtitles for your audio and video."),
        alert,
        devSlot,
        tokenDetails,
      ),
    ),
  );

  void api.devSignInAvailable().then((dev) => {
    if (!dev) {
      replace(devSlot);
      tokenDetails.open = true;
      tokenInput.focus();
      return;
    }
    const userIdId = uid("user");
    const input = h("input", {
      id: userIdId,
      name: "userId",
      required: true,
      autocomplete: "username",
      pattern: "[A-Za-z0-9._@\\-]{1,128}",
      value: localStorage.getItem("media-jobs.lastUser") ?? "",
      placeholder: "alice",
    });
    const button = h("button", { type: "submit", class: "button primary" }, "Sign in");
    replace(
      devSlot,
      h(
        "form",
        {
          class: "stack",
          onsubmit: async (e: Event) => {
            e.preventDefault();
            button.disabled = true;
            try {
              const session = await api.devToken(input.value.trim());
              localStorage.setItem("media-jobs.lastUser", session.userId);
              done(session);
            } catch (err) {
              showError(err instanceof Error ? err.message : String(err));
              button.disabled = false;
            }
          },
        },
        h("label", { for: userIdId }, "User id"),
        input,
        h("p", { class: "hint" }, "Development mode: the server issues a token for any user id."),
        button,
      ),
    );
    input.focus();
  });
}
