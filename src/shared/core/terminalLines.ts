// The extension's own lines in a terminal, whatever streams there (logs, build output, a
// one-off dyno): text from outside without its control characters, a notice in italics, an
// outcome as a green or red banner. Plain Node: ANSI escapes in, unit-tested without VS Code.

/** The ANSI escapes every terminal's lines use (the log colours add their own on top). */
export const ESC = '\x1b[';
export const RESET = `${ESC}0m`;
export const BOLD = `${ESC}1m`;
export const RED = `${ESC}31m`;
export const GREEN = `${ESC}32m`;
const ITALIC = `${ESC}3m`;

/** C0 controls but tab, DEL, and the C1 controls (0x9b is a CSI on its own in some terminals). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/** Control characters other than tab removed: a log line cannot move the cursor or change the terminal. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * A notice from the extension itself (reconnecting, paused): italic between dashes, so it
 * never reads as a log line, at full contrast (dim text falls below 4.5:1 in every theme).
 */
export function noticeLine(text: string): string {
  return `${ITALIC}— ${withoutControls(text)} —${RESET}`;
}

/** An outcome under a stream's output (a deploy's, a dyno's exit): a green or red banner, impossible to miss. */
export function outcomeLine(ok: boolean, text: string): string {
  return `${BOLD}${ok ? GREEN : RED}${ok ? '✔' : '✖'} ${withoutControls(text)}${RESET}`;
}
