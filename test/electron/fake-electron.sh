#!/bin/sh
# Stands in for the Electron binary in CI, where it cannot be downloaded: records how
# scripts/start.mjs launched it (one argument a line, then the env it cares about) and exits 0.
out="${FAKE_ELECTRON_RECORD:?FAKE_ELECTRON_RECORD must name the record file}"
: > "$out"
for arg in "$@"; do printf 'arg=%s\n' "$arg" >> "$out"; done
printf 'env.AAA_LAB_NATIVE_BINDING=%s\n' "${AAA_LAB_NATIVE_BINDING:-}" >> "$out"
printf 'env.ELECTRON_RUN_AS_NODE=%s\n' "${ELECTRON_RUN_AS_NODE:-}" >> "$out"
printf 'cwd=%s\n' "$(pwd)" >> "$out"
exit "${FAKE_ELECTRON_EXIT:-0}"
