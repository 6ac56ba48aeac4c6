// Spinning icons stop when the user asks VS Code for reduced motion. Only an explicit
// `workbench.reduceMotion: on` can be honoured here: its default, `auto`, follows the
// operating system through the renderer's media query, which the extension host cannot read.
import * as vscode from 'vscode';

export const REDUCE_MOTION_SETTING = 'workbench.reduceMotion';

export function reducedMotion(): boolean {
  return vscode.workspace.getConfiguration().get<string>(REDUCE_MOTION_SETTING) === 'on';
}

/** A codicon id (`loading~spin`) or a label holding `$(sync~spin)`, still when motion is reduced. */
export function stillWhenReduced(iconOrText: string): string {
  return reducedMotion() ? iconOrText.replace(/~spin\b/g, '') : iconOrText;
}

/** Calls `redraw` whenever the user changes the reduced-motion setting. */
export function onReducedMotionChange(redraw: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(REDUCE_MOTION_SETTING)) redraw();
  });
}
