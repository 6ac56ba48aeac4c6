// DOM helpers of the webview pages (browser code: bundled into each page, never into the host).

/** The element of that id (the page's own markup has it). */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** An element with properties (never innerHTML) and text or element children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}
