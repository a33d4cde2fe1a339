#!/bin/sh
# Stands in for Electron run as Node: with ELECTRON_RUN_AS_NODE=1 it is the Node in
# FAKE_ELECTRON_NODE; without, it refuses, as a real Electron would open a window instead.
[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "fake electron: started without ELECTRON_RUN_AS_NODE" >&2; exit 9; }
exec "$FAKE_ELECTRON_NODE" "$@"
