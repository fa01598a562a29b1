#!/usr/bin/env python3
"""Writes a man page (roff) from a program's --help, at build time, so that the manual says what
--help says and nothing else can drift.

The help texts of fal Files' programs share one layout (QCommandLineParser's, which CliHelp
follows): a usage line, a description, then sections whose title ends in ':' at the start of a
line ("Options:", "Commands:", "Exit codes:", "Environment:", "Files:", "Arguments:"), each entry
indented two spaces with its text after two or more spaces or on the lines below, indented
further. For a program with "Commands:" (fal-files-cli), each command's own `COMMAND --help` is
read for its options.

    help2man.py --binary PATH --name fal-files-cli --summary "one line" --version 0.1.0 \
        --date 2026-12-03 [--see-also fal-files:1 ...] --output fal-files-cli.1
"""
import argparse
import os
import re
import subprocess
import sys

SECTIONS = {  # help section -> man section
    "Arguments": "ARGUMENTS",
    "Commands": "COMMANDS",
    "Options": "OPTIONS",
    "Exit codes": "EXIT STATUS",
    "Environment": "ENVIRONMENT",
    "Files": "FILES",
}
ORDER = ["ARGUMENTS", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES"]


def run_help(binary, args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    env.setdefault("XDG_RUNTIME_DIR", "/tmp")
    done = subprocess.run([binary] + args + ["--help"], env=env, capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"help2man: {binary} {' '.join(args)} --help failed: {done.stderr}")
    return done.stdout


def esc(text):
    """Plain text for roff: backslashes, hyphens as minus signs (options), no leading dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text)


def parse(help_text):
    """-> (usage lines, description paragraphs, {section: [(term, text)]}, prose paragraphs)."""
    lines = help_text.rstrip("\n").split("\n")
    usage, description, prose, sections = [], [], [], {}
    i = 0
    while i < len(lines) and lines[i].strip():
        usage.append(lines[i].strip())
        i += 1
    if len(usage) > 1 and not usage[1].lower().startswith("usage"):
        # Qt puts the description right below "Usage: ..." without a blank line
        if not lines[1].startswith(" "):
            description.append(" ".join(usage[1:]))
            usage = usage[:1]
    current = None
    paragraph = []

    def flush():
        if paragraph:
            (description if not sections else prose).append(" ".join(paragraph))
            paragraph.clear()

    for line in lines[i:]:
        title = re.match(r"^([A-Z][A-Za-z ]*):$", line)
        if title and title.group(1) in SECTIONS:
            flush()
            current = sections.setdefault(SECTIONS[title.group(1)], [])
            continue
        if not line.strip():
            flush()
            current = None
            continue
        if current is not None and line.startswith("  "):
            entry = re.match(r"^  (\S.*?)(?:\s{2,}(\S.*))?$", line)
            if entry and not line.startswith("   "):
                current.append([entry.group(1), entry.group(2) or ""])
            elif current:
                current[-1][1] = (current[-1][1] + " " + line.strip()).strip()
            continue
        current = None
        paragraph.append(line.strip())
    flush()
    return usage, description, sections, prose


def entry(term, text, bold_words=True):
    # "-v, --verbose <x>": names bold, value names italic
    term_roff = re.sub(r"<([^>]+)>", r"\\fI\1\\fR", esc(term))
    if bold_words:
        term_roff = re.sub(r"(\\-\\-?[A-Za-z0-9][A-Za-z0-9\\-]*)", r"\\fB\1\\fR", term_roff)
    return f".TP\n{term_roff}\n{esc(text)}\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--summary", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--date", required=True)
    ap.add_argument("--see-also", nargs="*", default=[])
    ap.add_argument("--output", required=True)
    a = ap.parse_args()

    usage, description, sections, prose = parse(run_help(a.binary, []))
    out = [f'.TH {a.name.upper()} 1 "{a.date}" "fal Files {a.version}" "User Commands"\n',
           ".SH NAME\n", f"{esc(a.name)} \\- {esc(a.summary)}\n", ".SH SYNOPSIS\n"]
    for line in usage:
        line = re.sub(r"^[Uu]sage:\s*\S*?([^/\s]+)(\s|$)", r"\1\2", line)
        out.append(".nf\n" if line is usage[0] else "")
        out.append(esc(line) + "\n")
    out.append(".fi\n.SH DESCRIPTION\n")
    for paragraph in description + prose:
        out.append(esc(paragraph) + "\n.PP\n")
    for section in ORDER:
        entries = sections.get(section)
        if not entries:
            continue
        out.append(f".SH {section}\n")
        for term, text in entries:
            if section == "COMMANDS":
                command = term.split()[0]
                out.append(entry(term, text).replace(esc(command), f"\\fB{esc(command)}\\fR", 1))
                _, _, own, _ = parse(run_help(a.binary, [command]))
                options = own.get("OPTIONS", [])
                if options:
                    out.append(".RS\n")
                    for o_term, o_text in options:
                        out.append(entry(o_term, o_text))
                    out.append(".RE\n")
            elif section in ("ENVIRONMENT", "EXIT STATUS", "FILES"):
                out.append(f".TP\n\\fB{esc(term)}\\fR\n{esc(text)}\n")
            else:
                out.append(entry(term, text))
    if a.see_also:
        out.append(".SH SEE ALSO\n")
        refs = [f"\\fB{esc(s.split(':')[0])}\\fR({s.split(':')[1]})" for s in a.see_also]
        out.append(",\n".join(refs) + "\n")
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
