#!/usr/bin/env bash
# The completion scripts of packaging/completion, each in its own shell, against the built
# fal-files-cli and a fal-files-emulator on 127.0.0.1:
#   check_completion.sh bash|zsh|fish SOURCE_DIR CLI EMULATOR
# bash: `complete -p` names the function, it offers the commands, a command's options, an
# option's values, local files, and remote folders (/data/mo<Tab> -> /data/models/) listed from
# the emulator, then again from the cache once the emulator is gone. zsh (with stand-ins for its
# completion builtins) and fish (`complete -C`): commands and remote folders.
set -euo pipefail
shell=$1 source=$2 cli=$3 emulator=$4
scripts=$source/packaging/completion
work=$(mktemp -d)
. "$source/tests/packaging/emulator.sh"

mkdir -p "$work/root/models/llama-3" "$work/root/datasets" "$work/bin" "$work/local"
echo weights >"$work/root/models/readme.txt"
touch "$work/local/upload-me.bin"
ln -s "$(realpath "$cli")" "$work/bin/fal-files-cli" # the scripts run the program named on the command line
ln -s "$(realpath "$emulator")" "$work/bin/fal-files-emulator"
export PATH="$work/bin:$PATH" FAL_KEY=test-id:test-secret XDG_CACHE_HOME="$work/cache"
export HOME="$work" FAL_CONFIG_PATH="$work/no-config.toml"
unset FAL_KEY_ID FAL_KEY_SECRET FAL_PROFILE FAL_REST_HOST FAL_HOST
start_emulator "$emulator" "$work/root"
cd "$work/local"

expect() { # expect WHAT OUTPUT WORD...
    local what=$1 output=$2
    shift 2
    for word in "$@"; do
        grep -qxF -- "$word" <<<"$output" || fail "$what: '$word' not offered; got: $output"
    done
}

case $shell in
bash)
    [ -f /usr/share/bash-completion/bash_completion ] || fail "bash-completion is not installed"
    complete_bash() {
        bash --norc --noprofile -c '
            source /usr/share/bash-completion/bash_completion
            source "$1"
            shift
            COMP_LINE="$*"
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<<"$COMP_LINE"
            [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _fal_files_cli
            printf "%s\n" "${COMPREPLY[@]}"' bash "$scripts/fal-files-cli.bash" "$@"
    }
    loaded=$(bash --norc --noprofile -c 'source "$1"; complete -p fal-files-cli' bash "$scripts/fal-files-cli.bash")
    [ "$loaded" = "complete -F _fal_files_cli fal-files-cli" ] || fail "complete -p: $loaded"
    expect commands "$(complete_bash 'fal-files-cli ')" ls list stat upload download import-url mv rm transfers
    expect "commands by prefix" "$(complete_bash 'fal-files-cli up')" upload upload-url
    [ "$(complete_bash 'fal-files-cli tra')" = transfers ] || fail "'tra' is not only transfers"
    expect "ls options" "$(complete_bash 'fal-files-cli ls --')" --json --help
    expect "global options" "$(complete_bash 'fal-files-cli --')" --endpoint --profile --key-file --version
    expect "an option's values" "$(complete_bash 'fal-files-cli upload --on-conflict ')" ask overwrite skip keep-both
    # after '=' bash replaces only what follows it
    expect "values after =" "$(complete_bash 'fal-files-cli upload --on-conflict=ke')" keep-both
    expect "local files" "$(complete_bash 'fal-files-cli upload up')" upload-me.bin
    expect "remote folder" "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL ls /data/mo")" /data/models/
    expect "remote folder content" "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL rm /data/models/")" \
        /data/models/llama-3/ /data/models/readme.txt
    expect "relative remote path" "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL stat da")" datasets/
    expect "/data itself" "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL ls /d")" /data/
    # fal-files and fal-files-emulator: their options from --help (bash-completion's _longopt)
    longopt=$(bash --norc --noprofile -c '
        source /usr/share/bash-completion/bash_completion
        source "$1"
        complete -p fal-files-emulator >/dev/null || exit 1
        COMP_LINE="fal-files-emulator --ro"; COMP_POINT=${#COMP_LINE}
        COMP_WORDS=(fal-files-emulator --ro); COMP_CWORD=1
        _longopt fal-files-emulator --ro fal-files-emulator
        printf "%s\n" "${COMPREPLY[@]}"' bash "$scripts/fal-files.bash")
    expect "the emulator's options" "$longopt" --root
    # Tab after Tab: the listing comes from the cache, the emulator is not asked again.
    kill "$emulator_pid"
    wait "$emulator_pid" 2>/dev/null || true
    expect "cached listing" "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL ls /data/models/ll")" /data/models/llama-3/
    # nothing cached for this folder, the service gone: nothing offered, and no error printed
    [ -z "$(complete_bash "fal-files-cli --endpoint $EMULATOR_URL ls /data/datasets/" 2>&1)" ] ||
        fail "an unreachable service should offer nothing"
    ;;
zsh)
    command -v zsh >/dev/null || fail "zsh is not installed"
    zsh -n "$scripts/_fal-files-cli" || fail "zsh syntax"
    zsh -n "$scripts/_fal-files" || fail "zsh syntax"
    complete_zsh() {
        # compadd, _describe and _files print what they would offer.
        zsh -f -c '
            compadd() { local a; for a; do [[ $a == folders || $a == others ]] && print -rl -- ${(P)a}; done; return 0 }
            _describe() { print -rl -- ${(P)4} }
            _files() { print -r -- "<files>" }
            script=$1; shift
            words=("$@"); CURRENT=$#words
            source $script' zsh "$scripts/_fal-files-cli" "$@"
    }
    expect commands "$(complete_zsh fal-files-cli '')" "ls:list a folder (default /data); also: list" \
        "transfers:list the transfer queue; --resume runs what is unfinished, --clear forgets what is finished"
    expect "local files" "$(complete_zsh fal-files-cli upload '')" "<files>"
    expect "remote folder" "$(complete_zsh fal-files-cli --endpoint "$EMULATOR_URL" ls /data/mo)" /data/models/
    ;;
fish)
    command -v fish >/dev/null || fail "fish is not installed"
    fish --no-config -n "$scripts/fal-files-cli.fish" || fail "fish syntax"
    complete_fish() {
        fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$scripts/fal-files-cli.fish" "$1"
    }
    expect commands "$(complete_fish 'fal-files-cli ' | cut -f1)" ls stat upload download transfers
    expect "values after =" "$(complete_fish 'fal-files-cli upload --on-conflict=sk')" --on-conflict=skip
    expect "local files" "$(complete_fish 'fal-files-cli upload up')" upload-me.bin
    expect "remote folder" "$(complete_fish "fal-files-cli --endpoint $EMULATOR_URL ls /data/mo")" /data/models/
    ;;
*)
    fail "usage: $0 bash|zsh|fish SOURCE_DIR CLI EMULATOR"
    ;;
esac
echo "PASS: $shell completion"
