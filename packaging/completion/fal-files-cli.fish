# fish completion for fal-files-cli. The program itself answers (fal-files-cli __complete WORD...):
# commands and options from its command table, remote paths by listing the folder on fal (short
# timeout, cached a few seconds), local paths by fish. Installed to
# /usr/share/fish/vendor_completions.d/fal-files-cli.fish.

function __fal_files_cli_complete
    set -l before (commandline -opc)
    set -l current (commandline -ct)
    set -l answer ($before[1] __complete $before[2..-1] "$current" 2>/dev/null)
    switch "$answer[1]"
        case files
            __fish_complete_path "$current"
        case words paths
            printf '%s\n' $answer[2..-1]
    end
end

complete -c fal-files-cli -f -a '(__fal_files_cli_complete)'
