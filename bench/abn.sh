#!/bin/bash
# N interleaved clean builds into /dev/shm/o10k by each binary given, of ROOT, or of the
# folder a binary names after an `@` (BIN@ROOT2); prints each one's median and lowest wall
# time (and the median against the first's), user and CPU time and peak memory.
# usage: bench/abn.sh N ROOT BIN[@ROOT2]...
N=$1; ROOT=$2; shift 2
rm -f /tmp/abn.all
for i in $(seq "$N"); do
  for arg in "$@"; do
    b=${arg%%@*}; r=$ROOT
    [ "$b" != "$arg" ] && r=${arg#*@}
    rm -rf /dev/shm/o10k
    /usr/bin/time -f "$arg %e %U %S %M" -o /tmp/abn.one "$b" build --root "$r" --output /dev/shm/o10k >/dev/null 2>&1
    tail -1 /tmp/abn.one >> /tmp/abn.all; grep -q "exited" /tmp/abn.one && echo "FAILED $arg"
  done
done
python3 - <<'PY'
import statistics, collections
d=collections.defaultdict(list)
for l in open('/tmp/abn.all'):
    b,e,u,s,m=l.split(); d[b].append((float(e),float(u),float(u)+float(s),int(m)))
base=None
for b,v in d.items():
    w=[x[0] for x in v]; med=statistics.median(w)
    if base is None: base=med
    print(b, "wall med %.3f min %.3f (%+.1f%%) user %.2f cpu %.2f rss %d MB n=%d" % (med, min(w), 100*(med/base-1), statistics.median(x[1] for x in v), statistics.median(x[2] for x in v), statistics.median(x[3] for x in v)/1024, len(v)))
PY
