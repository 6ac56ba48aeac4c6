// Imported first by extension.ts: @vscode/l10n gets VS Code's bundle for the display
// language before any other module is evaluated, so a message built when a module loads
// (a category's label, a state's status-bar text) is translated too. Every layer uses
// @vscode/l10n's t (the plain-Node ones cannot import vscode); without a bundle it
// returns the English text.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
