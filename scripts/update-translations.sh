#!/usr/bin/env bash
# Refresh the translation catalogs after user-visible strings changed, then compile what ships.
#
#   scripts/update-translations.sh
#
# pyside6-lupdate extracts every tr() / translate() / QT_TRANSLATE_NOOP string of the GUI into
# inventra_desktop/i18n/inventra_<lang>.ts, keeping the translations already there and dropping
# strings the code no longer has; new strings come in as type="unfinished". Translate those (by
# hand, or in .venv/bin/pyside6-linguist), run this again, and commit the .ts and the .qm:
# pyside6-lrelease compiles the .qm the app loads, so an install needs no Qt tools.
# The sentences of the Qt-free layers (errors, pre-flight, scan results, refusals) are collected by
# scripts/extract_sentences.py first, and translated under the context "Sentences".
# English is the source language: its catalog (inventra_en.ts) holds only the plural forms of
# "%n …(s)" sentences ("1 line", "2 lines"), extracted with -pluralonly.
# tests/ui/test_translations.py fails while a string is untranslated or a .qm is stale.
# Idempotent: a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PYSIDE6_BIN:-.venv/bin}
LANGUAGES=(de en)
SOURCES=(inventra_desktop/ui/*.py inventra_desktop/app.py)
# The Qt-free layers' sentences (say("…")) into ui/sentence_catalog.py, where lupdate finds them.
"$BIN/python" scripts/extract_sentences.py

for lang in "${LANGUAGES[@]}"; do
    ts=inventra_desktop/i18n/inventra_$lang.ts
    only=()
    [ "$lang" = en ] && only=(-pluralonly)
    # No line numbers in the catalog: moving code around then leaves it alone.
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none "${only[@]}" -source-language en \
        -target-language "$lang" "${SOURCES[@]}" -ts "$ts"
    # -nounfinished: a guess lupdate carried over from a similar old string never ships unreviewed.
    "$BIN/pyside6-lrelease" -silent -nounfinished "$ts" -qm "${ts%.ts}.qm"
    echo "$ts: $(grep -c '<message' "$ts") strings, $(grep -c 'type="unfinished"' "$ts" || true) untranslated"
done
