// One record per connection state: what the status bar says, what clicking it does and
// what that click is called. The status bar, its menu and the tooltip all read this one
// table (plain data: no `vscode`).
import type { ConnectionStateKind } from './connectionState';

export interface StateLook {
  /** Status bar text, with its codicon. */
  text: string;
  /** One sentence: where the user stands. */
  summary: string;
  /** The command the status bar's click runs: the next useful step. */
  command: string;
  /** That step in words, for the tooltip. */
  clickHint: string;
  background?: 'warning' | 'error';
}

export const STATE_LOOKS: Record<ConnectionStateKind, StateLook> = {
  checking: { text: '$(sync~spin) Heroku', summary: 'Checking the Membrane CLI and the Heroku connection…', command: 'herokuMembrane.showLog', clickHint: 'show the log' },
  cliMissing: { text: '$(warning) Heroku: install CLI', summary: 'The Membrane CLI was not found.', command: 'herokuMembrane.installCli', clickHint: 'install the Membrane CLI or choose its path', background: 'warning' },
  wrongBinary: { text: '$(warning) Heroku: wrong CLI', summary: 'The membrane program found is not the Membrane integration CLI.', command: 'herokuMembrane.chooseCliPath', clickHint: 'choose the right CLI', background: 'warning' },
  loggedOut: { text: '$(sign-in) Heroku: log in', summary: 'Not logged in to Membrane.', command: 'herokuMembrane.login', clickHint: 'log in', background: 'warning' },
  connecting: { text: '$(sync~spin) Heroku: connecting…', summary: 'Membrane is setting up the Heroku connection.', command: 'herokuMembrane.showLog', clickHint: 'show the log' },
  browserStep: { text: '$(link-external) Heroku: finish in browser', summary: 'Heroku needs you in the browser to authorize the connection.', command: 'herokuMembrane.openBrowserStep', clickHint: 'open the browser step', background: 'warning' },
  failed: { text: '$(error) Heroku: connection failed', summary: 'The Heroku connection could not be set up.', command: 'herokuMembrane.retry', clickHint: 'see the error and retry', background: 'error' },
  ready: { text: '$(cloud) Heroku', summary: 'Connected to Heroku.', command: 'herokuMembrane.statusMenu', clickHint: 'refresh, open the log, reconnect or log out' },
};
