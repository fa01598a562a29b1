# bash completion for fal-files and fal-files-emulator: their options, read from --help by
# bash-completion's _longopt. Installed as /usr/share/bash-completion/completions/fal-files
# (and a link named fal-files-emulator).
complete -F _longopt fal-files fal-files-emulator
