/**
 * <video>/<audio> cannot send the bearer header, so they load a short-lived signed URL (POST
 * /api/assets/{id}/media-url). When a link expires mid-playback the element errors; it then gets a fresh link and
 * carries on at the same position.
 */
import { Api } from "./api";
import { Scope } from "./dom";

export async function attachMedia(el: HTMLMediaElement, api: Api, assetId: string, scope: Scope): Promise<void> {
  let lastRenewal = 0;
  const load = async (): Promise<void> => {
    const { url } = await api.mediaUrl(assetId);
    if (!scope.isDisposed) el.src = url;
  };
  const onError = async (): Promise<void> => {
    // One renewal per 10 s at most: a file that cannot be played must not loop.
    if (scope.isDisposed || Date.now() - lastRenewal < 10_000) return;
    lastRenewal = Date.now();
    const position = el.currentTime;
    const wasPlaying = !el.paused;
    try {
      await load();
    } catch {
      return; // signed out or asset gone: the element keeps showing its error
    }
    el.addEventListener(
      "loadedmetadata",
      () => {
        el.currentTime = position;
        if (wasPlaying) void el.play().catch(() => {});
      },
      { once: true },
    );
  };
  el.addEventListener("error", onError);
  scope.add(() => {
    el.removeEventListener("error", onError);
    el.pause();
    el.removeAttribute("src");
    el.load(); // releases the connection
  });
  lastRenewal = Date.now();
  await load();
}
