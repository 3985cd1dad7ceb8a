/** An accessible progress bar of fixed size: updates change its width and numbers, never the layout. */
import { h } from "./dom";

export interface ProgressBar {
  element: HTMLElement;
  set(percent: number): void;
  value(): number;
}

export function progressBar(label: string): ProgressBar {
  const fill = h("div", { class: "progress-fill" });
  const element = h(
    "div",
    {
      class: "progress",
      role: "progressbar",
      "aria-label": label,
      "aria-valuemin": 0,
      "aria-valuemax": 100,
      "aria-valuenow": 0,
    },
    fill,
  );
  let current = 0;
  return {
    element,
    set(percent: number) {
      current = Math.max(0, Math.min(100, Math.round(percent)));
      element.setAttribute("aria-valuenow", String(current));
      element.setAttribute("aria-valuetext", `${current} %`);
      fill.style.transform = `scaleX(${current / 100})`;
    },
    value: () => current,
  };
}
