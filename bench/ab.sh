#!/bin/bash
# Two samvad binaries, each building its own site folder, interleaved N times (see abn.sh).
# usage: bench/ab.sh N BIN_A ROOT_A BIN_B ROOT_B
exec "$(dirname "$0")/abn.sh" "$1" "$3" "$2@$3" "$4@$5"
