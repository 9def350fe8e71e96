#!/usr/bin/env python3
# full-stops.py: every sentence the program shows ends with a full stop (or a question
# or exclamation mark). It reads what is shown from three places: the content files
# (data/**/*.yaml: purposes, steps, cautions, routine descriptions, safety questions
# asked one by one), the string literals in src/ (adjacent literals and macros joined,
# split into paragraphs; indented lines are option and list items), and the <p>
# paragraphs of web/templates. A paragraph of five words or more that starts with a
# capital letter is a sentence unless it ends in a command to type ("...: unhunch
# screen"), a prompt ("[y/N]"), a value ("...: %d") or a colon; what remains is a
# heading, a label, a status line or a menu item only when it is listed in
# full-stops.allow, with why. Usage: full-stops.py SRC_DIR; exit 1 and one line per
# sentence without its stop.
import glob, os, re, sys

root = sys.argv[1]
END = ('.', '?', '!', ':', '.)', '?)')
found = []


def allowed_list():
    out = set()
    for line in open(os.path.join(root, 'tests/cli/full-stops.allow'), encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            out.add(line.split('\t')[0])
    return out


def needs_stop(text):
    t = re.sub(r'<[^>]+>', '', text).strip()
    if not re.match(r'[A-Z]', t) or len(t.split()) < 5 or t.endswith(END):
        return False
    if re.search(r'(^|[:(] ?|; then |with:? |: )unhunch [^.]*$', t):
        return False  # ends in a command to type
    if re.search(r'\[[yYnN]/[yYnN]\]$', t) or re.search(r'\?\s*\([^()]*\)$', t):
        return False  # a prompt: [y/N], or a question and its hint in brackets
    if re.search(r'%[-0-9.]*(s|d|zu|f)$', t):
        return False  # a label followed by its value
    return True


def report(where, text):
    found.append((where, re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', '', text)).strip()))


# ---- content files ----
def content():
    import yaml
    for path in sorted(glob.glob(os.path.join(root, 'data/**/*.yaml'), recursive=True)):
        rel = os.path.relpath(path, root)
        doc = yaml.safe_load(open(path, encoding='utf-8')) or {}
        for e in doc.get('exercises', []) or []:
            for key in ('purpose', 'steps', 'cautions'):
                v = e.get(key)
                for s in ([v] if isinstance(v, str) else v or []):
                    if not s.strip().endswith(('.', '?', '!')):
                        report(f"{rel}: {e.get('id')}.{key}", s)
        for r in doc.get('routines', []) or []:
            d = r.get('description')
            if d and not d.strip().endswith(('.', '?', '!')):
                report(f"{rel}: {r.get('id')}.description", d)
        for q in doc.get('screening', []) or []:
            a = q.get('ask', '')
            # a question asked on its own ends with '?'; an item of a group's list has no stop
            if '?' in a and not a.strip().endswith('?'):
                report(f"{rel}: {q.get('id')}.ask", a)


# ---- string literals in src/ ----
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def c_literals(path):
    src = open(path, encoding='utf-8').read()
    src = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), src, flags=re.S)
    src = re.sub(r"'(?:[^'\\\n]|\\.)'", "' '", src)
    src = re.sub(r'//[^\n]*', '', src)
    toks = list(LIT.finditer(src))
    k = 0
    while k < len(toks):
        m = toks[k]
        parts, end = [m.group(1)], m.end()
        # adjacent literals, and macros between them (EMERGENCY_WORDS, DEFAULT_ROUTINE)
        while k + 1 < len(toks) and re.fullmatch(r'\s*([A-Z_][A-Z0-9_]*\s*)?', src[end:toks[k + 1].start()]):
            macro = src[end:toks[k + 1].start()].strip()
            if macro:
                parts.append(macro.lower())
            k += 1
            parts.append(toks[k].group(1))
            end = toks[k].end()
        linestart = src.rfind('\n', 0, m.start()) + 1
        if not src[linestart:m.start()].lstrip().startswith('#include'):
            yield src.count('\n', 0, m.start()) + 1, ''.join(parts)
        k += 1


def sources():
    for path in sorted(glob.glob(os.path.join(root, 'src/**/*.c'), recursive=True)):
        rel = os.path.relpath(path, root)
        if rel.startswith('src/store/') or rel.startswith('src/format/export-'):
            continue  # SQL; the codes and names of a standard in an export
        for line, s in c_literals(path):
            s = s.replace('\\n', '\n').replace('\\"', '"').replace('\\t', ' ')
            # HTML written from C: headings and table cells are labels; blocks are paragraphs
            s = re.sub(r'<(h[1-6]|th|td)\b.*?</\1>', '\n\n', s, flags=re.S)
            s = re.sub(r'</?(p|li|tr|table|ul|ol|div|section)\b[^>]*>|<br>', '\n\n', s)
            for para in re.split(r'\n\s*\n', s):
                lines = [l.strip() for l in para.split('\n') if l.strip() and not l.startswith(' ')]
                text = ' '.join(lines)
                if lines and needs_stop(text):
                    report(f"{rel}:{line}", text)


# ---- web templates ----
def templates():
    for path in sorted(glob.glob(os.path.join(root, 'web/templates/*.html'))):
        rel = os.path.relpath(path, root)
        src = open(path, encoding='utf-8').read()
        for m in re.finditer(r'<p\b[^>]*>(.*?)</p>', src, flags=re.S):
            inner = m.group(1)
            if re.search(r'<(label|button|input|select|textarea)\b', inner):
                continue  # a form row
            text = re.sub(r'\{\{[#/^!>][^}]*\}\}', '', inner)  # sections, comments
            if re.search(r'\{\{[^}]*\}\}\s*$', re.sub(r'<[^>]+>', '', text)):
                continue  # ends with a value from the page's data
            text = re.sub(r'\{\{[^}]*\}\}', 'X', text)
            if re.fullmatch(r'\s*<a\b[^>]*>.*</a>\s*', text, flags=re.S):
                continue  # a link alone
            if needs_stop(text):
                report(f"{rel}:{src.count(chr(10), 0, m.start()) + 1}", text)


content()
sources()
templates()
allow = allowed_list()
bad = [(w, t) for w, t in found if t not in allow]
for w, t in bad:
    print(f"{w}: no full stop: {t}")
unused = allow - {t for _, t in found}
for t in sorted(unused):
    print(f"full-stops.allow: no longer shown, remove it: {t}")
sys.exit(1 if bad or unused else 0)
