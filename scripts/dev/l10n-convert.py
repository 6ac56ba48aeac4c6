#!/usr/bin/env python3
# One-off helper (the l10n branch): wraps user-facing string literals of the extension in
# l10n.t(...) at known positions (prompt calls and their buttons, progress titles, input
# and pick titles, prompts, placeholders, question details) and the comparisons with the
# buttons. Template literals become '… {0} …' with their expressions as arguments.
import re, sys, pathlib

CALLS = ['showInformationMessage(', 'showErrorMessage(', 'showWarningMessage(', 'confirm(', '.busy(']
PROPS = ['title: ', 'prompt: ', 'placeHolder: ', 'detail: ', 'label: ']

def scan_literal(s, i):
    """End index (exclusive) of the string/template literal starting at s[i], or None."""
    q = s[i]
    if q in "'\"":
        j = i + 1
        while j < len(s):
            if s[j] == '\\': j += 2; continue
            if s[j] == q: return j + 1
            if s[j] == '\n': return None
            j += 1
        return None
    if q == '`':
        j = i + 1
        while j < len(s):
            c = s[j]
            if c == '\\': j += 2; continue
            if c == '`': return j + 1
            if c == '$' and s[j+1:j+2] == '{':
                j = scan_expr(s, j + 2)
                if j is None: return None
                j += 1  # past }
                continue
            j += 1
        return None
    return None

def scan_expr(s, j):
    """From inside ${, the index of the matching }."""
    depth = 0
    while j < len(s):
        c = s[j]
        if c in "'\"`":
            e = scan_literal(s, j)
            if e is None: return None
            j = e; continue
        if c in '({[': depth += 1
        elif c in ')]': depth -= 1
        elif c == '}':
            if depth == 0: return j
            depth -= 1
        j += 1
    return None

def convert(lit):
    """'…' or `…${a}…` → l10n.t('… {0} …', a)."""
    if lit[0] in "'\"":
        return f"l10n.t({lit})"
    body = lit[1:-1]
    parts, args, k = [], [], 0
    while k < len(body):
        c = body[k]
        if c == '\\' : parts.append(body[k:k+2]); k += 2; continue
        if c == '$' and body[k+1:k+2] == '{':
            e = scan_expr(body, k + 2)
            args.append(body[k+2:e].strip())
            parts.append('{%d}' % (len(args) - 1))
            k = e + 1; continue
        parts.append(c); k += 1
    text = ''.join(parts)
    if not args:
        return f"l10n.t({lit})"
    return 'l10n.t(`' + text + '`, ' + ', '.join(args) + ')'

def process(path):
    s = pathlib.Path(path).read_text()
    orig = s
    edits = []  # (start, end, replacement)
    buttons = set()
    def lit_at(i):
        while i < len(s) and s[i] in ' \n\t': i += 1
        if i < len(s) and s[i] in "'\"`":
            e = scan_literal(s, i)
            if e: return i, e
        return None
    for call in CALLS:
        for m in re.finditer(re.escape(call), s):
            r = lit_at(m.end())
            if r: edits.append((r[0], r[1], convert(s[r[0]:r[1]])))
            # the call's other top-level args: plain literals are buttons
            j = m.end(); depth = 0; argstart = j; args = []
            while j < len(s):
                c = s[j]
                if c in "'\"`":
                    e = scan_literal(s, j)
                    if e is None: break
                    j = e; continue
                if c in '({[': depth += 1
                elif c in ')]}':
                    if depth == 0: args.append((argstart, j)); break
                    depth -= 1
                elif c == ',' and depth == 0:
                    args.append((argstart, j)); argstart = j + 1
                j += 1
            for a0, a1 in args[1:]:
                t = s[a0:a1].strip()
                if re.fullmatch(r"'[^'\\\n]*'", t):
                    k = s.index(t, a0)
                    edits.append((k, k + len(t), f"l10n.t({t})"))
                    buttons.add(t)
    for prop in PROPS:
        for m in re.finditer(r'(?<![\w.])' + re.escape(prop), s):
            r = lit_at(m.end())
            if r: edits.append((r[0], r[1], convert(s[r[0]:r[1]])))
    for b in buttons:
        for m in re.finditer(r'([!=]==) ' + re.escape(b), s):
            k = m.start() + len(m.group(1)) + 1
            edits.append((k, k + len(b), f"l10n.t({b})"))
    # apply, dropping overlaps (outermost first wins)
    edits.sort(key=lambda e: (e[0], -e[1]))
    out, last, kept = [], 0, 0
    for a, b, rep in edits:
        if a < last: continue
        out.append(s[last:a]); out.append(rep); last = b; kept += 1
    out.append(s[last:])
    s = ''.join(out)
    if s != orig:
        if "from '@vscode/l10n'" not in s:
            # after the last import line
            lines = s.split('\n')
            idx = max(i for i, l in enumerate(lines) if l.startswith('import '))
            while not lines[idx].rstrip().endswith(';'): idx += 1
            lines.insert(idx + 1, "import * as l10n from '@vscode/l10n';")
            s = '\n'.join(lines)
        pathlib.Path(path).write_text(s)
    return kept

total = 0
for p in sys.argv[1:]:
    n = process(p)
    if n: print(f'{n:4d} {p}')
    total += n
print(total)
