#!/usr/bin/env python3
"""The man pages made at build time (packaging/man/help2man.py) against the programs they
describe:
    check_manpages.py MAN_DIR FAL_FILES FAL_FILES_CLI FAL_FILES_EMULATOR
Each page renders with `man -l` without a warning (the way lintian renders it), and lists the
same options as --help: every option of every program, and for fal-files-cli every command and
the options of its `COMMAND --help`. A page made from an older --help fails here."""
import gzip
import os
import re
import subprocess
import sys

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8", MANWIDTH="80")
OPTION = re.compile(r"^  (-\w(?:, --[\w-]+)?|--[\w-]+)")  # Qt's layout of an option's names
failures = []


def names(term):
    return {n for n in re.findall(r"--?[A-Za-z][\w-]*", term)}


def help_of(binary, *args):
    done = subprocess.run([binary, *args, "--help"], env=ENV, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, f"{binary} {args} --help: {done.stderr}"
    return done.stdout


def options_in_help(text):
    found, in_options = set(), False
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            in_options = line == "Options:"
        elif in_options and OPTION.match(line):
            found |= names(OPTION.match(line).group(1))
    return found


def commands_in_help(text):
    found, inside = [], False
    for line in text.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            inside = line == "Commands:"
        elif inside and re.match(r"^  \S", line):
            found.append(line.split()[0])
    return found


def options_in_page(roff):
    """-> {command or '': {option names}} from the .TP terms (options of a command sit in
    .RS/.RE under the command's .TP)."""
    per, section, command, nested, lines = {"": set()}, "", "", False, roff.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            section = line[4:].strip('"')
        elif line == ".RS":
            nested = True
        elif line == ".RE":
            nested = False
        elif line == ".TP" and i + 1 < len(lines):
            term = re.sub(r"\\f[BIR]", "", lines[i + 1]).replace("\\-", "-")
            if section == "COMMANDS" and not nested:
                command = term.split()[0]
                per.setdefault(command, set())
            elif section == "COMMANDS":
                per[command] |= names(term)
            elif section == "OPTIONS":
                per[""] |= names(term)
    return per


def check(program, binary, page):
    render = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", page],
                            env=ENV, capture_output=True, text=True)
    if render.returncode != 0 or render.stderr.strip():
        failures.append(f"{program}(1) does not render cleanly: {render.stderr.strip()}")
    with gzip.open(page, "rt", encoding="utf-8") as f:
        in_page = options_in_page(f.read())
    text = help_of(binary)
    in_help = {"": options_in_help(text)}
    for command in commands_in_help(text):
        in_help[command] = options_in_help(help_of(binary, command))
    if not in_help[""]:
        failures.append(f"{program} --help lists no options: the check would prove nothing")
    for scope in sorted(set(in_help) | set(in_page)):
        what = f"{program} {scope}".strip()
        only_help = in_help.get(scope, set()) - in_page.get(scope, set())
        only_page = in_page.get(scope, set()) - in_help.get(scope, set())
        if scope not in in_page:
            failures.append(f"{what}: in --help, not in the man page")
        elif scope not in in_help:
            failures.append(f"{what}: in the man page, not in --help")
        elif only_help or only_page:
            failures.append(f"{what}: only in --help {sorted(only_help)}, "
                            f"only in the man page {sorted(only_page)}")
    print(f"{program}(1): {sum(len(v) for v in in_help.values())} options in "
          f"{len(in_help)} scopes checked")


def main():
    man_dir, *binaries = sys.argv[1:]
    for binary in binaries:
        program = os.path.basename(binary)
        page = os.path.join(man_dir, program + ".1.gz")
        if not os.path.exists(page):
            failures.append(f"no man page {page}")
            continue
        check(program, binary, page)
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
