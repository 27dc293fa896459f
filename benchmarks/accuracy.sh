#!/usr/bin/env bash
# Test accuracy of the CNN of docs/performance.md after one epoch, over several seeds, in Lepton and
# in PyTorch (float64): one epoch moves by about a percentage point with the initialisation and
# the shuffling order, so a single seed cannot tell two frameworks apart.
#
#   benchmarks/accuracy.sh [path/to/fashion-mnist] [seeds]
#
# The default folder is where Debian's dataset-fashion-mnist package puts the files.
#
# Seeds 0 .. seeds-1 (default 10); about a minute per seed. Prints one line per framework with
# the mean, the range and every seed's accuracy.
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT_DATA=/usr/share/datasets/fashion-mnist
DATA=$(realpath -m "${1:-$DEFAULT_DATA}")
if [[ ! -f "$DATA/train-images-idx3-ubyte.gz" ]]; then
  echo "$0: no Fashion-MNIST in $DATA (apt-get install dataset-fashion-mnist puts it in $DEFAULT_DATA)" >&2
  exit 2
fi
SEEDS=${2:-10}
OUT=benchmarks/target/accuracy.jsonl

mvn -q install -DskipTests
mvn -q -f benchmarks/pom.xml package
: > "$OUT"
for ((seed = 0; seed < SEEDS; seed++)); do
  java --add-modules=jdk.incubator.vector -Xmx2g -cp benchmarks/target/benchmarks.jar ai.lepton.benchmarks.EndToEnd \
      --data "$DATA" --models cnn --threads 2 --seed "$seed" 2>/dev/null | grep --line-buffered '^{' | tee -a "$OUT"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/pytorch/bench.py \
      --data "$DATA" --models cnn --dtypes float64 --threads 2 --seed "$seed" --no-gemm | tee -a "$OUT"
done
/usr/bin/python3 - "$OUT" <<'PY'
import json
import statistics
import sys
from collections import defaultdict

runs = defaultdict(dict)
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        runs[r["framework"] + " " + r["dtype"]][r["seed"]] = 100 * r["test_accuracy"]
print("| CNN, one epoch | seeds | mean test acc. | min | max | per seed |")
print("|---|--:|--:|--:|--:|---|")
for name, by_seed in runs.items():
    acc = [by_seed[s] for s in sorted(by_seed)]
    print(f"| {name} | {len(acc)} | {statistics.mean(acc):.2f}% | {min(acc):.2f}% | {max(acc):.2f}% "
          f"| {' '.join(f'{a:.2f}' for a in acc)} |")
PY
