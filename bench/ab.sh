#!/bin/bash
# Two samvad binaries, each building its own site folder into /dev/shm/o10k, interleaved
# N times; prints the median wall time (and range), CPU time and peak memory of each.
# usage: bench/ab.sh N BIN_A ROOT_A BIN_B ROOT_B
N=$1; A=$2; RA=$3; B=$4; RB=$5
rm -f /tmp/ab.all
for i in $(seq $N); do
  for pair in "$A $RA" "$B $RB"; do
    b=${pair% *}; r=${pair#* }
    rm -rf /dev/shm/o10k
    /usr/bin/time -f "$b %e %U %S %M" -o /tmp/ab.one $b build --root $r --output /dev/shm/o10k >/dev/null 2>&1
    tail -1 /tmp/ab.one >> /tmp/ab.all; grep -q "exited" /tmp/ab.one && echo "FAILED $b"
  done
done
python3 - <<'PY'
import statistics, collections
d=collections.defaultdict(list)
for l in open('/tmp/ab.all'):
    b,e,u,s,m=l.split(); d[b].append((float(e),float(u)+float(s),int(m)))
for b,v in d.items():
    w=[x[0] for x in v]
    print(b, "wall %.2f (%.2f-%.2f) cpu %.2f rss %d MB (n=%d)" % (statistics.median(w), min(w), max(w), statistics.median(x[1] for x in v), statistics.median(x[2] for x in v)/1024, len(v)))
PY
