// Runtime messages are translatable without code changes: every sentence the source shows
// goes through l10n.t (checked on the source's syntax tree), and a bundle handed to
// @vscode/l10n (what src/shared/l10nSetup.ts does with VS Code's) changes what the core
// modules, the errors and the config-vars page's words say.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import * as l10n from '@vscode/l10n';
import { REPO } from '../helpers/sandbox';
import { appNameProblem } from '../../src/apps/core/format';
import { hostnameProblem, lossOf } from '../../src/resources/core/rules';
import { describeTarget } from '../../src/logs/core/logTarget';
import { confirmation } from '../../src/deploy/core/plan';
import { timeAgo } from '../../src/shared/core/text';
import { CliMissingError, RateLimitedError } from '../../src/membrane/errors';
import { pageStrings } from '../../src/configVars/pageStrings';
import { sourceFiles } from '../helpers/sourceFiles';


/** Words with a space between them, maybe an interpolation (§) too, or a label before one (`Click: §`): a phrase someone reads. */
const PHRASE = /[A-Za-z]{2,}[,:;.]? +(§[,:;.]? +)?[A-Za-z]{2,}|(^|\s)[A-Z][a-z]{2,}: §/;

/**
 * Literals that stay as they are, each for a reason: names of CLI commands and Heroku calls
 * (errors quote them), data recorded at Heroku (the team reads it in English, as the Heroku
 * CLI writes it), the page's HTML skeleton (its words are translated inside it), markers.
 */
const KEPT: Array<[file: RegExp, text: RegExp]> = [
  [/./, /^heroku [A-Za-z]/], // a Heroku call's name, quoted by the errors
  [/heroku\/client\.ts$/, /^application\/vnd\.heroku\+json/], // Heroku's Accept header
  [/connection\/commands\.ts$/, /^login complete$/], // a Membrane CLI command
  [/shared\/log\.ts$/, /^membrane /], // the log's line per CLI call
  [/membrane\/client\.ts$/, /^(connection|action|login) [a-z]+$/], // Membrane CLI commands
  [/heroku\/streams\/logTail\.ts$/, /^log tail$/],
  [/heroku\/streams\/rendezvous\.ts$/, /heroku-command-exit-status/], // the exit-status marker
  [/heroku\/client\.ts$/, /^no action$/], // a Symbol's description
  [/deploy\/core\/plan\.ts$/, /git repository|^commit |uncommitted change/], // the build's version description, stored at Heroku
  [/deploy\/deploy\.ts$/, /uncommitted changes/], // the same
  [/shared\/webviewPage\.ts$/, /^<!DOCTYPE html>/], // a page's skeleton
  [/(configVars|metrics)\/panel\.ts$/, /^<header>/], // a page's markup (its words are l10n.t's, escaped)
  [/agent\/deployTool\.ts$/, /uncommitted changes/], // the same
  [/agent\/core\/dataBlock\.ts$/, /^<\/?heroku-data id=/], // the data block's markers, which the model reads
  [/extension\.ts$/, /await api\.loaded/], // a message to the tests' API users
  [/apps\/appNode\.ts$/, /^Team: §$/], // a group's id, English in every language (its label is translated)
];

/** A capitalised word alone (a button, a field's name, a title), maybe after an icon: `'Retry'`, `'$(add) Add'`. */
const WORD = /^(\$\([a-z-]+\) )?[A-Z][a-z]+[.…]?$/;

/** Capitalised words that are names, not English: Heroku's dyno sizes, keyboard keys, the product, an id's part. */
const KEPT_WORDS: Array<[file: RegExp, text: RegExp]> = [
  [/dynos\/(core\/format|runCommands)\.ts$/, /^(Eco|Basic)$/],
  [/configVars\/webview\/page\.ts$/, /^(Escape|Enter)$/],
  [/configVars\/core\/grid\.ts$/, /^(Home|End)$/], // KeyboardEvent.key names
  [/shared\/log\.ts$/, /^Heroku$/], // the output channel's name
  [/apps\/appNode\.ts$/, /^Personal$/], // the group's id stays English; its label is translated
];

/** Calls whose text is for the log (developers, bug reports), not for the user's eyes. */
const LOG_CALL = /(^|\.)(log|warn|info|debug|trace|error)$/;

function untranslated(file: string): string[] {
  const rel = path.relative(REPO, file);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const isL10nCall = (call: ts.Node, arg: ts.Node) => ts.isCallExpression(call) && /(^|\.)t$/.test(call.expression.getText(source)) && /l10n/.test(call.expression.getText(source)) && call.arguments[0] === arg;
  // `t('…')`, or the message and the translator's comment of `t({ message, args, comment })`.
  const isL10nMessage = (n: ts.Node) => {
    if (isL10nCall(n.parent, n)) return true;
    const property = ts.isArrayLiteralExpression(n.parent) ? n.parent.parent : n.parent;
    return ts.isPropertyAssignment(property) && /^(message|comment)$/.test(property.name.getText(source)) && ts.isObjectLiteralExpression(property.parent) && isL10nCall(property.parent.parent, property.parent);
  };
  const inLogCall = (n: ts.Node): boolean => {
    for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
      if (ts.isCallExpression(p) && LOG_CALL.test(p.expression.getText(source)) && !/window\.|prompts\./.test(p.expression.getText(source))) return true;
      if (ts.isImportDeclaration(p)) return true;
    }
    return false;
  };
  const visit = (n: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) text = n.text;
    else if (ts.isTemplateExpression(n)) text = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('§');
    const isName = text !== undefined && ts.isPropertyAssignment(n.parent) && n.parent.name === n; // { 'Key': … }
    const word = text !== undefined && !ts.isTemplateExpression(n) && !isName && !ts.isLiteralTypeNode(n.parent) && WORD.test(text) && !KEPT_WORDS.some(([f, t]) => f.test(rel) && t.test(text!));
    const phrase = text !== undefined && PHRASE.test(text) && !KEPT.some(([f, t]) => f.test(rel) && t.test(text!));
    if ((word || phrase) && !isL10nMessage(n) && !inLogCall(n)) {
      found.push(`${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${text!.slice(0, 80)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe('localisation', () => {
  after(() => l10n.config({ contents: {} }));

  it('every phrase and capitalised word the source shows goes through l10n.t (the config-vars page gets its words from the host)', () => {
    const found = sourceFiles(path.join(REPO, 'src')).flatMap(untranslated);
    assert.deepEqual(found, [], 'wrap these in l10n.t(…) (or, if a user never reads them, add them to KEPT with the reason)');
  });

  it('no message puts a placeholder in literal braces ({{0}} would never be filled)', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(bundle).filter((k) => /\{\{\d+\}|\{\d+\}\}/.test(k)), []);
  });

  it('a translation bundle changes the words of the core modules, the errors and the page, with no code change', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(REPO, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    // A pseudo-translation of every message, placeholders kept: what a translator's file looks like.
    l10n.config({ contents: Object.fromEntries(Object.keys(bundle).map((k) => [k, `⟦${k}⟧`])) });
    assert.equal(appNameProblem('Bad'), '⟦Start with a lowercase letter.⟧');
    assert.equal(hostnameProblem('https://x.example.com/'), '⟦Only the hostname: no scheme, no path⟧');
    assert.equal(lossOf({ name: 'redis-1', addon_service: { name: 'heroku-redis' } } as Parameters<typeof lossOf>[0]), '⟦Every key in redis-1 is deleted with it: this cannot be undone.⟧');
    assert.equal(describeTarget({ app: 'acme-api', lines: 100, source: 'app' }), '⟦⟦⟦app output⟧ of acme-api⟧, the last 100 lines then live⟧');
    assert.equal(timeAgo(new Date(Date.now() - 3 * 3600_000).toISOString()), '⟦3h ago⟧');
    assert.match(new CliMissingError('membrane', 'not on PATH').message, /^⟦The Membrane CLI was not found \(membrane\): not on PATH\./);
    assert.match(new RateLimitedError('Slow down', 30).message, /^⟦Rate limited: Slow down \(retry in 30s\)/);
    const page = pageStrings();
    assert.equal(page.keyRequired, '⟦A key is required.⟧');
    assert.equal(page.vars, '⟦{0} vars⟧');
    const deploy = confirmation({ app: 'acme-api', folder: '/w/site', selection: { files: ['a'], slugIgnored: 0, escapingLinks: [], git: undefined } as unknown as Parameters<typeof confirmation>[0]['selection'], archiveBytes: 2048 });
    assert.equal(deploy.message, '⟦Deploy site to acme-api?⟧');
    assert.match(deploy.detail, /^⟦App: acme-api⟧\n⟦Folder: \/w\/site⟧\n⟦Files: ⟦1 file⟧, 2\.0 KB compressed⟧/);
  });
});
