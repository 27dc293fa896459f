#!/usr/bin/env bash
# Runs Lepton's whole performance comparison on this machine and prints the table of
# docs/performance.md. Each repeat runs one epoch of the MLP and the CNN on Fashion-MNIST in Lepton,
# the same two models in TensorFlow Java (float32, right after Lepton: the two alternate), GEMM 1024²
# in Lepton (vector/scalar, 1/2 threads) and numpy-OpenBLAS, the two models in PyTorch (float64,
# float32) and, in the first repeat, Deeplearning4j, one after the other, so that every ratio comes
# from one machine state. Lepton, TensorFlow Java and PyTorch also time the serving latency (p50/p99
# of single-image predicts).
#
#   benchmarks/run-all.sh [path/to/fashion-mnist, default Debian dataset-fashion-mnist's folder] [repeats]
#
# Environment: REPEATS (default 1; medians are taken over repeats; Deeplearning4j runs in the
# first only), LATENCY_N (single-image predicts timed per model; default 10000), SKIP_TFJAVA=1 to
# leave out TensorFlow Java (its first build downloads ~170 MB from Maven Central), SKIP_GEMM=1 and
# SKIP_PYTORCH=1 to leave out those rows (numpy's GEMM runs inside bench.py, so it goes with either) (for a quick Lepton-vs-TensorFlow-Java run on a busy
# machine), SKIP_DL4J=1 to leave out Deeplearning4j (its first build downloads ~300 MB from
# Maven Central), DL4J_TIMEOUT=seconds to stop
# each Deeplearning4j run (one dtype, both models) after that long; rows not finished by then are
# missing and the stop is logged in benchmarks/target/machine.txt (default 0: no limit).
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT_DATA=/usr/share/datasets/fashion-mnist
DATA=$(realpath -m "${1:-$DEFAULT_DATA}")
if [[ ! -f "$DATA/train-images-idx3-ubyte.gz" ]]; then
  echo "$0: no Fashion-MNIST in $DATA (apt-get install dataset-fashion-mnist puts it in $DEFAULT_DATA)" >&2
  exit 2
fi
REPEATS=${2:-${REPEATS:-1}}
LATENCY_N=${LATENCY_N:-10000}
OUT=benchmarks/target/results.jsonl
# A pre-touched heap: fresh pages fault at ~10 µs each in this VM (see BENCHMARKS.md). 1.2 GB holds
# the 440 MB of Fashion-MNIST as doubles plus a training step; inference at batch 1000 may grow it.
JAVA_FLAGS=(--add-modules=jdk.incubator.vector -Xms1200m -Xmx2g -XX:+AlwaysPreTouch)

mvn -q install -DskipTests
mvn -q -f benchmarks/pom.xml package
if [[ -z "${SKIP_DL4J:-}" ]]; then
  mvn -q -f benchmarks/dl4j/pom.xml package
fi
if [[ -z "${SKIP_TFJAVA:-}" ]]; then
  mvn -q -f benchmarks/tfjava/pom.xml package
fi
mkdir -p benchmarks/target
: > "$OUT"

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo "# java flags: ${JAVA_FLAGS[*]}"
  echo "# repeats: $REPEATS, latency predicts: $LATENCY_N, skipped: ${SKIP_TFJAVA:+tfjava }${SKIP_GEMM:+gemm }${SKIP_PYTORCH:+pytorch }${SKIP_DL4J:+dl4j}"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee benchmarks/target/machine.txt

# Lepton, TensorFlow Java and PyTorch each train a throwaway copy of a model for one untimed epoch
# before timing an epoch of a fresh one: the steady state, after the JVM's JIT has compiled the hot
# code. TensorFlow Java runs with 2 intra-op threads and 1 inter-op thread (the graph is a chain).
# Deeplearning4j (native kernels, minutes per epoch) is timed cold, and in the first repeat only.
for ((i = 0; i < REPEATS; i++)); do
  java "${JAVA_FLAGS[@]}" -cp benchmarks/target/benchmarks.jar ai.lepton.benchmarks.EndToEnd \
      --data "$DATA" --threads 2 --warmup-epochs 1 --latency-n "$LATENCY_N" 2>/dev/null \
      | grep --line-buffered '^{' | tee -a "$OUT"
  if [[ -z "${SKIP_TFJAVA:-}" ]]; then
    (cd benchmarks/tfjava && java -Xmx2g -cp "target/classes:$(cat target/classpath.txt)" \
        ai.lepton.benchmarks.tfjava.TfJavaBench --data "$DATA" --threads 2 --warmup-epochs 1 \
        --latency-n "$LATENCY_N" 2>/dev/null) | grep --line-buffered '^{' | tee -a "$OUT"
  fi
  # GEMM 1024^2: Lepton through JMH, then numpy as the first thing bench.py does, so the two run
  # back to back. Both take the median time of every product in 5 s after 3 s of warm-up.
  if [[ -z "${SKIP_GEMM:-}" ]]; then
    java -jar benchmarks/target/benchmarks.jar GemmBenchmark -p shape=1024x1024x1024:NN \
        -bm sample -tu us -wi 3 -i 5 -f 1 -rf json -rff benchmarks/target/gemm.json > benchmarks/target/gemm.txt 2>&1
    /usr/bin/python3 - >> "$OUT" <<'PY'
import json
for r in json.load(open("benchmarks/target/gemm.json")):
    p = r["params"]
    us = r["primaryMetric"]["scorePercentiles"]["50.0"]
    print(json.dumps({"framework": "lepton-" + p["path"], "model": "gemm1024", "threads": int(p["threads"]),
                      "gflops": 2 * 1024 ** 3 / (us * 1e-6) / 1e9}))
PY
  fi
  if [[ -z "${SKIP_PYTORCH:-}" ]]; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/pytorch/bench.py \
        --data "$DATA" --threads 2 --warmup-epochs 1 --latency-n "$LATENCY_N" ${SKIP_GEMM:+--no-gemm} | tee -a "$OUT"
  fi
  if [[ -z "${SKIP_DL4J:-}" && $i -eq 0 ]]; then
    for dtype in float64 float32; do
      (cd benchmarks/dl4j && OMP_NUM_THREADS=2 timeout "${DL4J_TIMEOUT:-0}" java -Xmx2g \
          -cp "target/classes:$(cat target/classpath.txt)" \
          ai.lepton.benchmarks.dl4j.Dl4jBench --data "$DATA" --dtype $dtype 2>/dev/null) | grep --line-buffered '^{' | tee -a "$OUT" \
          || echo "# dl4j $dtype: stopped after ${DL4J_TIMEOUT:-0} s (DL4J_TIMEOUT) or failed" | tee -a benchmarks/target/machine.txt
    done
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a benchmarks/target/machine.txt
/usr/bin/python3 benchmarks/report.py "$OUT"
