#!/bin/sh
# Copies the few Breeze icons fal Files uses from the installed theme (breeze-icon-theme) into
# resources/icons/, so the app looks right where the theme is not installed. Run it after
# changing the list; the copies are committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
names="folder folder-open folder-important folder-cloud
application-x-sharedlib application-x-archive image-x-generic video-x-generic audio-x-generic
text-plain application-octet-stream
go-previous go-next go-up view-refresh folder-new edit-rename edit-delete edit-copy edit-find
view-filter cloud-upload cloud-download document-import network-connect dialog-password
application-exit help-about edit-clear dialog-warning dialog-error dialog-information view-visible
view-list-tree document-open office-chart-bar"
sizes="16 22 32"
for theme in breeze breeze-dark; do
    src=/usr/share/icons/$theme
    dst=$here/$theme
    rm -rf "$dst"
    dirs=""
    for name in $names; do
        for context in actions places mimetypes status; do
            for size in $sizes; do
                if [ -e "$src/$context/$size/$name.svg" ]; then
                    mkdir -p "$dst/$context/$size"
                    cp -L "$src/$context/$size/$name.svg" "$dst/$context/$size/$name.svg"
                    case " $dirs " in *" $context/$size "*) ;; *) dirs="$dirs $context/$size" ;; esac
                fi
            done
        done
    done
    {
        echo "[Icon Theme]"
        echo "Name=$theme (fal Files subset)"
        echo "Comment=The Breeze icons fal Files uses, from KDE's breeze-icon-theme (LGPL-3.0)"
        echo "Directories=$(echo $dirs | tr ' ' ',')"
        for d in $dirs; do
            size=${d#*/}
            context=${d%/*}
            echo
            echo "[$d]"
            echo "Size=$size"
            case $context in
                actions) echo "Context=Actions" ;; places) echo "Context=Places" ;;
                mimetypes) echo "Context=MimeTypes" ;; status) echo "Context=Status" ;;
            esac
            echo "Type=Fixed"
        done
    } >"$dst/index.theme"
done
# The resource list, for resources/CMakeLists.txt.
(cd "$here" && find breeze breeze-dark -type f | sort) >"$here/files.txt"
