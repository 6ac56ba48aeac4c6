// One record per connection state: what the status bar says, what clicking it does and
// what that click is called. The status bar, its menu and the tooltip all read this one
// table (plain data: no `vscode`).
import type { ConnectionStateKind } from './connectionState';
import * as l10n from '@vscode/l10n';

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

// Built when the module loads: src/shared/l10nSetup.ts, the first module extension.ts imports, has configured the bundle by then.
export const STATE_LOOKS: Record<ConnectionStateKind, StateLook> = {
  checking: { text: l10n.t('$(sync~spin) Heroku'), summary: l10n.t('Checking the Membrane CLI and the Heroku connection…'), command: 'herokuMembrane.showLog', clickHint: l10n.t('show the log') },
  cliMissing: { text: l10n.t('$(warning) Heroku: install CLI'), summary: l10n.t('The Membrane CLI was not found.'), command: 'herokuMembrane.installCli', clickHint: l10n.t('install the Membrane CLI or choose its path'), background: 'warning' },
  wrongBinary: { text: l10n.t('$(warning) Heroku: wrong CLI'), summary: l10n.t('The membrane program found is not the Membrane integration CLI.'), command: 'herokuMembrane.chooseCliPath', clickHint: l10n.t('choose the right CLI'), background: 'warning' },
  loggedOut: { text: l10n.t('$(sign-in) Heroku: log in'), summary: l10n.t('Not logged in to Membrane.'), command: 'herokuMembrane.login', clickHint: l10n.t('log in'), background: 'warning' },
  connecting: { text: l10n.t('$(sync~spin) Heroku: connecting…'), summary: l10n.t('Membrane is setting up the Heroku connection.'), command: 'herokuMembrane.showLog', clickHint: l10n.t('show the log') },
  browserStep: { text: l10n.t('$(link-external) Heroku: finish in browser'), summary: l10n.t('Heroku needs you in the browser to authorize the connection.'), command: 'herokuMembrane.openBrowserStep', clickHint: l10n.t('open the browser step'), background: 'warning' },
  failed: { text: l10n.t('$(error) Heroku: connection failed'), summary: l10n.t('The Heroku connection could not be set up.'), command: 'herokuMembrane.retry', clickHint: l10n.t('see the error and retry'), background: 'error' },
  ready: { text: l10n.t('$(cloud) Heroku'), summary: l10n.t('Connected to Heroku.'), command: 'herokuMembrane.statusMenu', clickHint: l10n.t('refresh, open the log, reconnect or log out') },
};
