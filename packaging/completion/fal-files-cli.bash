# bash completion for fal-files-cli. The program itself answers (fal-files-cli __complete WORD...):
# commands and options from its command table, remote paths by listing the folder on fal (short
# timeout, cached a few seconds), local paths by bash. Installed to
# /usr/share/bash-completion/completions/fal-files-cli.

_fal_files_cli()
{
    local cur words cword
    if declare -F _get_comp_words_by_ref >/dev/null; then
        # bash-completion keeps "--on-conflict=sk" and "a:b" whole, as the program wants them.
        _get_comp_words_by_ref -n =: cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local program=${words[0]}
    [[ $program == "~/"* ]] && program=$HOME/${program#"~/"}
    local -a answer
    mapfile -t answer < <("$program" __complete "${words[@]:1:cword}" 2>/dev/null)
    local directive=${answer[0]}
    local -a candidates=("${answer[@]:1}")
    candidates=("${candidates[@]%%$'\t'*}") # descriptions are for zsh and fish

    # bash replaces only what follows the last '=' or ':' of the word.
    local typed=${cur%"${cur##*[=:]}"}
    COMPREPLY=()
    case $directive in
    files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    words | paths)
        [[ $directive == paths ]] && compopt -o filenames 2>/dev/null
        local candidate
        for candidate in "${candidates[@]}"; do
            COMPREPLY+=("${candidate#"$typed"}")
        done
        # A folder: the next Tab goes on inside it.
        if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ ]]; then
            compopt -o nospace 2>/dev/null
        fi
        ;;
    esac
    return 0
}
complete -F _fal_files_cli fal-files-cli
