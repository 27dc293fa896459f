#!/usr/bin/env bash
# Runs Lepton's whole performance comparison on this machine and prints the tables of
# docs/performance.md. Each repeat runs, one after the other so that every ratio comes from one
# machine state: one epoch of the MLP and the CNN on Fashion-MNIST in Lepton, the same two models in
# TensorFlow Java (float32, right after Lepton: the two alternate), GEMM 1024² in Lepton
# (vector/scalar, 1/2 threads) and numpy-OpenBLAS, the two models in PyTorch (float64, float32);
# then the newer models, each in Lepton, TensorFlow Java and PyTorch back to back: the seed
# article's 64x64x3 CNN and the small Xception (training batches on random images), and the LSTM
# and GRU text classifiers (one epoch; TensorFlow Java has no recurrent layer); and, in the first
# repeat, Deeplearning4j. Lepton, TensorFlow Java and PyTorch also time the serving latency (p50/p99
# of single-image predicts) of the Fashion-MNIST CNN.
#
#   benchmarks/run-all.sh [path/to/fashion-mnist, default Debian dataset-fashion-mnist's folder] [repeats]
#
# Environment: REPEATS (default 1; medians are taken over repeats; Deeplearning4j runs in the
# first only), LATENCY_N (single-image predicts timed per model; default 10000), JAVA (the java
# command for every JVM, default java; e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
# SKIP_TFJAVA=1 to leave out TensorFlow Java (its first build downloads ~170 MB from Maven Central),
# SKIP_GEMM=1 and SKIP_PYTORCH=1 to leave out those rows (numpy's GEMM runs inside bench.py, so it
# goes with either), SKIP_DL4J=1 to leave out Deeplearning4j (its first build downloads ~300 MB from
# Maven Central), DL4J_TIMEOUT=seconds to stop each Deeplearning4j run (one dtype, both models) after
# that long; rows not finished by then are missing and the stop is logged in
# benchmarks/target/machine.txt (default 0: no limit).
# SKIP_FASHION_MNIST=1 leaves out the MLP and CNN on Fashion-MNIST in every framework (Deeplearning4j
# included; GEMM stays unless SKIP_GEMM=1), for a run of the newer models alone.
# The newer models: SKIP_NEW_MODELS=1 leaves all of them out, SKIP_SEED_CNN=1, SKIP_XCEPTION=1 and
# SKIP_RECURRENT=1 one each; SEED_CNN_BATCHES (timed training batches, default 15, after a quarter
# as many untimed, rounded up), XCEPTION_BATCHES (default 8, after 3 untimed) and RECURRENT_SEQUENCES (the
# epoch's sequences, a multiple of 32, default 1600, after one untimed epoch) set their sizes, and
# PYTORCH_NEW_MODEL_THREADS PyTorch's threads for them (default 1, its best setting here for all
# four; see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT_DATA=/usr/share/datasets/fashion-mnist
DATA=$(realpath -m "${1:-$DEFAULT_DATA}")
if [[ -z "${SKIP_FASHION_MNIST:-}" && ! -f "$DATA/train-images-idx3-ubyte.gz" ]]; then
  echo "$0: no Fashion-MNIST in $DATA (apt-get install dataset-fashion-mnist puts it in $DEFAULT_DATA)" >&2
  exit 2
fi
REPEATS=${2:-${REPEATS:-1}}
LATENCY_N=${LATENCY_N:-10000}
JAVA=${JAVA:-java}
SEED_CNN_BATCHES=${SEED_CNN_BATCHES:-15}
XCEPTION_BATCHES=${XCEPTION_BATCHES:-8}
RECURRENT_SEQUENCES=${RECURRENT_SEQUENCES:-1600}
PYTORCH_NEW_MODEL_THREADS=${PYTORCH_NEW_MODEL_THREADS:-1}
if [[ -n "${SKIP_FASHION_MNIST:-}" ]]; then
  SKIP_DL4J=1
fi
if [[ -n "${SKIP_NEW_MODELS:-}" ]]; then
  SKIP_SEED_CNN=1 SKIP_XCEPTION=1 SKIP_RECURRENT=1
fi
PYTHON=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3)
OUT=benchmarks/target/results.jsonl
# A pre-touched heap: fresh pages fault at ~10 µs each in this VM (see BENCHMARKS.md). 1.2 GB holds a
# training step of the 64×64 image models. EndToEnd, which reports the peak RSS, trains from
# Fashion-MNIST's pixel bytes a batch at a time (DataLoader, as a Lepton user reads IDX files): its
# epoch lives in 400 MB, and inference at batch 1000 may grow the heap after the RSS is read.
JAVA_FLAGS=(--add-modules=jdk.incubator.vector -Xms1200m -Xmx2g -XX:+AlwaysPreTouch)
FASHION_JAVA_FLAGS=(--add-modules=jdk.incubator.vector -Xms400m -Xmx2g -XX:+AlwaysPreTouch)

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
  echo "# java ($JAVA): $("$JAVA" -version 2>&1 | head -1) ($("$JAVA" -XshowSettings:properties -version 2>&1 | grep -m1 'java.vm.version' | xargs))"
  echo "# java flags: ${JAVA_FLAGS[*]} (EndToEnd: ${FASHION_JAVA_FLAGS[*]})"
  echo "# repeats: $REPEATS, latency predicts: $LATENCY_N, skipped: ${SKIP_FASHION_MNIST:+fashion-mnist }${SKIP_TFJAVA:+tfjava }${SKIP_GEMM:+gemm }${SKIP_PYTORCH:+pytorch }${SKIP_DL4J:+dl4j }${SKIP_SEED_CNN:+seed_cnn }${SKIP_XCEPTION:+small_xception }${SKIP_RECURRENT:+recurrent}"
  echo "# new models: seed_cnn $SEED_CNN_BATCHES batches, small_xception $XCEPTION_BATCHES batches, lstm/gru $RECURRENT_SEQUENCES sequences; PyTorch threads $PYTORCH_NEW_MODEL_THREADS"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee benchmarks/target/machine.txt

# Lepton, TensorFlow Java and PyTorch each train a throwaway copy of a model for one untimed epoch
# before timing an epoch of a fresh one: the steady state, after the JVM's JIT has compiled the hot
# code. TensorFlow Java runs with 2 intra-op threads and 1 inter-op thread (the graph is a chain).
# Deeplearning4j (native kernels, minutes per epoch) is timed cold, and in the first repeat only.
for ((i = 0; i < REPEATS; i++)); do
  if [[ -z "${SKIP_FASHION_MNIST:-}" ]]; then
    "$JAVA" "${FASHION_JAVA_FLAGS[@]}" -cp benchmarks/target/benchmarks.jar ai.lepton.benchmarks.EndToEnd \
        --data "$DATA" --threads 2 --warmup-epochs 1 --latency-n "$LATENCY_N" 2>/dev/null \
        | grep --line-buffered '^{' | tee -a "$OUT"
  fi
  if [[ -z "${SKIP_TFJAVA:-}" && -z "${SKIP_FASHION_MNIST:-}" ]]; then
    (cd benchmarks/tfjava && "$JAVA" -Xmx2g -cp "target/classes:$(cat target/classpath.txt)" \
        ai.lepton.benchmarks.tfjava.TfJavaBench --data "$DATA" --threads 2 --warmup-epochs 1 \
        --latency-n "$LATENCY_N" 2>/dev/null) | grep --line-buffered '^{' | tee -a "$OUT"
  fi
  # GEMM 1024^2: Lepton through JMH, then numpy as the first thing bench.py does, so the two run
  # back to back. Both take the median time of every product in 5 s after 3 s of warm-up.
  if [[ -z "${SKIP_GEMM:-}" ]]; then
    "$JAVA" -jar benchmarks/target/benchmarks.jar GemmBenchmark -jvm "$(command -v "$JAVA")" -p shape=1024x1024x1024:NN \
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
  if [[ -z "${SKIP_PYTORCH:-}" && ( -z "${SKIP_FASHION_MNIST:-}" || -z "${SKIP_GEMM:-}" ) ]]; then
    "${PYTHON[@]}" benchmarks/pytorch/bench.py --data "$DATA" --threads 2 --warmup-epochs 1 \
        --latency-n "$LATENCY_N" ${SKIP_GEMM:+--no-gemm} ${SKIP_FASHION_MNIST:+--models=} | tee -a "$OUT"
  fi
  # The newer models, each framework right after the other on one model. PyTorch's timing
  # excludes its start-up, like the JVMs'.
  for model in seed_cnn small_xception; do
    if [[ $model == seed_cnn && -n "${SKIP_SEED_CNN:-}" || $model == small_xception && -n "${SKIP_XCEPTION:-}" ]]; then
      continue
    fi
    if [[ $model == seed_cnn ]]; then
      batches=$SEED_CNN_BATCHES warmup=$(((SEED_CNN_BATCHES + 3) / 4))
    else
      batches=$XCEPTION_BATCHES warmup=3
    fi
    "$JAVA" "${JAVA_FLAGS[@]}" -cp benchmarks/target/benchmarks.jar ai.lepton.benchmarks.ImageTraining \
        --models $model --threads 2 --batches $batches --warmup-batches $warmup 2>/dev/null \
        | grep --line-buffered '^{' | tee -a "$OUT"
    if [[ -z "${SKIP_TFJAVA:-}" ]]; then
      (cd benchmarks/tfjava && "$JAVA" -Xmx2g -cp "target/classes:$(cat target/classpath.txt)" \
          ai.lepton.benchmarks.tfjava.TfImageBench --models $model --threads 2 --batches $batches \
          --warmup-batches $warmup 2>/dev/null) | grep --line-buffered '^{' | tee -a "$OUT"
    fi
    if [[ -z "${SKIP_PYTORCH:-}" ]]; then
      "${PYTHON[@]}" benchmarks/pytorch/bench_images.py --models $model --threads "$PYTORCH_NEW_MODEL_THREADS" \
          --batches $batches --warmup-batches $warmup | tee -a "$OUT"
    fi
  done
  if [[ -z "${SKIP_RECURRENT:-}" ]]; then
    "$JAVA" "${JAVA_FLAGS[@]}" -cp benchmarks/target/benchmarks.jar ai.lepton.benchmarks.RecurrentTraining \
        --models lstm,gru --threads 2 --sequences "$RECURRENT_SEQUENCES" --warmup-epochs 1 2>/dev/null \
        | grep --line-buffered '^{' | tee -a "$OUT"
    if [[ -z "${SKIP_PYTORCH:-}" ]]; then
      "${PYTHON[@]}" benchmarks/pytorch/bench_recurrent.py --models lstm,gru --threads "$PYTORCH_NEW_MODEL_THREADS" \
          --sequences "$RECURRENT_SEQUENCES" --warmup-epochs 1 | tee -a "$OUT"
    fi
  fi
  if [[ -z "${SKIP_DL4J:-}" && $i -eq 0 ]]; then
    for dtype in float64 float32; do
      (cd benchmarks/dl4j && OMP_NUM_THREADS=2 timeout "${DL4J_TIMEOUT:-0}" "$JAVA" -Xmx2g \
          -cp "target/classes:$(cat target/classpath.txt)" \
          ai.lepton.benchmarks.dl4j.Dl4jBench --data "$DATA" --dtype $dtype 2>/dev/null) | grep --line-buffered '^{' | tee -a "$OUT" \
          || echo "# dl4j $dtype: stopped after ${DL4J_TIMEOUT:-0} s (DL4J_TIMEOUT) or failed" | tee -a benchmarks/target/machine.txt
    done
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a benchmarks/target/machine.txt
/usr/bin/python3 benchmarks/report.py "$OUT"
