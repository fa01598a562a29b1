#!/bin/sh
# Renders the app icon's PNG sizes for the hicolor theme from the two SVGs (16 px has a drawing
# of its own, fitted to the pixel grid). Run after changing an SVG; the PNGs are committed, so the
# build needs no SVG renderer. Needs rsvg-convert (Debian: librsvg2-bin).
set -eu
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
    source=ai.fal.Files.svg
    [ "$size" -eq 16 ] && source=ai.fal.Files-16.svg
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$source" -o "hicolor/${size}x${size}/apps/ai.fal.Files.png"
done
