'use strict';
// The sandbox dyno's shell syntax: the part of sh's grammar a one-off command uses, read
// as sh reads it so that a wrapper the extension puts around a command behaves here as it
// would on Heroku. Words (quotes, backslashes, `#` comments), `;`, `&&`, `||`, newlines and
// `( … )` subshells. Pipes and `&` are read as `;` (the sandbox runs one thing at a time).

class ShellSyntaxError extends Error {}

/** Tokens: `{word: parts}` (each part `{quote: '' | "'" | '"', text}`) or `{op}`. */
function tokenize(src) {
  const tokens = [];
  let parts;
  const add = (quote, text) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last && last.quote === quote) last.text += text;
    else parts.push({ quote, text });
  };
  const endWord = () => {
    if (parts) tokens.push({ word: parts });
    parts = undefined;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const two = src.slice(i, i + 2);
    if (ch === ' ' || ch === '\t') endWord();
    else if (ch === '#' && !parts) while (i + 1 < src.length && src[i + 1] !== '\n') i++;
    else if (ch === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      add("'", src.slice(i + 1, end));
      i = end;
    } else if (ch === '"') {
      let text = '';
      for (i++; i < src.length && src[i] !== '"'; i++) {
        if (src[i] === '\\' && '"\\$`'.includes(src[i + 1] ?? '')) i++;
        text += src[i];
      }
      if (i >= src.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      add('"', text);
    } else if (ch === '\\') {
      if (i + 1 < src.length && src[i + 1] !== '\n') add("'", src[i + 1]);
      i++;
    } else if (two === '&&' || two === '||') {
      endWord();
      tokens.push({ op: two });
      i++;
    } else if (';\n()&|'.includes(ch)) {
      endWord();
      tokens.push({ op: ch === '&' || ch === '|' ? ';' : ch });
    } else add('', ch);
  }
  endWord();
  return tokens;
}

/**
 * A script as a list: `[{op, node}]`, `op` how it joins the one before (`;`, `&&`, `||`),
 * `node` either `{words}` (a simple command) or `{subshell: list}`.
 */
function parse(src) {
  const tokens = tokenize(src);
  const { list, pos } = parseList(tokens, 0);
  if (pos < tokens.length) throw new ShellSyntaxError(`syntax error near unexpected token \`${tokens[pos].op}'`);
  return list;
}

function parseList(tokens, pos) {
  const list = [];
  let op; // how the next command joins the one before: `&&`, `||`, or a plain separator
  for (;;) {
    while (tokens[pos]?.op === '\n' || (!op && tokens[pos]?.op === ';')) pos++;
    const t = tokens[pos];
    if (!t || t.op === ')') {
      if (op) throw new ShellSyntaxError(`syntax error near unexpected token \`${t ? ')' : 'newline'}'`);
      return { list, pos };
    }
    let node;
    if (t.op === '(') {
      const inner = parseList(tokens, pos + 1);
      if (tokens[inner.pos]?.op !== ')') throw new ShellSyntaxError("syntax error: unexpected end of file (a `(' is never closed)");
      node = { subshell: inner.list };
      pos = inner.pos + 1;
    } else if (t.word) {
      const words = [];
      while (tokens[pos]?.word) words.push(tokens[pos++].word);
      node = { words };
    } else throw new ShellSyntaxError(`syntax error near unexpected token \`${t.op}'`);
    list.push({ op: op ?? ';', node });
    const next = tokens[pos];
    op = next?.op === '&&' || next?.op === '||' ? next.op : undefined;
    if (op || next?.op === ';' || next?.op === '\n') pos++;
    else if (next && next.op !== ')') throw new ShellSyntaxError(`syntax error near unexpected token \`${next.op ?? expand(next.word, 0)}'`);
  }
}

/** A word's text, `$?` replaced outside single quotes (the only parameter the sandbox knows). */
function expand(parts, status) {
  return parts.map((p) => (p.quote === "'" ? p.text : p.text.replace(/\$\?/g, String(status)))).join('');
}

module.exports = { ShellSyntaxError, parse, expand };
