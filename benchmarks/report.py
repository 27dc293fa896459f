#!/usr/bin/env python3
"""Prints the tables of docs/performance.md from the JSON lines that benchmarks/run-all.sh collects.

Each measurement is the median over the repeats of one run-all.sh call; every ratio compares
numbers taken in that same call. The newer models (the seed CNN, the small Xception, the LSTM and
GRU classifiers) are compared by their milliseconds per training batch, each framework and dtype in
its fastest thread setting among those run.

  /usr/bin/python3 benchmarks/report.py benchmarks/target/results.jsonl
"""
import json
import statistics
import sys
from collections import defaultdict


def load(path):
    groups = defaultdict(list)
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            key = (r["framework"], r.get("dtype", ""), r["model"], r.get("threads", 2))
            groups[key].append(r)
    return {k: {f: statistics.median(r[f] for r in rs) for f in rs[0] if isinstance(rs[0][f], (int, float))}
            | {"runs": len(rs)} for k, rs in groups.items()}


def per_run(path, peer, dtype):
    """Lepton's value over the peer's in each repeat, the i-th run of one paired with the i-th of
    the other (run-all.sh runs them back to back), for the fields where both have one."""
    runs = defaultdict(list)
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            runs[(r["framework"], r.get("dtype", ""), r["model"])].append(r)
    rows = []
    for model, field in (("cnn", "epoch_s"), ("mlp", "epoch_s"), ("cnn", "infer_images_per_s_b1000"),
                         ("cnn", "latency_p50_us"), ("cnn", "latency_p99_us"), ("cnn", "peak_rss_mb")):
        pairs = list(zip(runs[("lepton", "float64", model)], runs[(peer, dtype, model)]))
        ratios = [a[field] / b[field] for a, b in pairs if field in a and field in b]
        if ratios:
            rows.append((f"{model} {field}", ratios))
    return rows


def get(results, framework, dtype, model, field, threads=2):
    r = results.get((framework, dtype, model, threads))
    return None if r is None else r.get(field)


NEW_MODELS = ("seed_cnn", "small_xception", "lstm", "gru")


def best(results, framework, dtype, model):
    """The (threads, medians) of the framework's fastest thread setting on a newer model, or None."""
    runs = [(k[3], r) for k, r in results.items() if k[:3] == (framework, dtype, model) and "batch_ms" in r]
    return min(runs, key=lambda run: run[1]["batch_ms"], default=None)


def new_model_rows(results):
    """Per newer model: the table rows, and the two ratios of issue 24 (Lepton over PyTorch
    float64, and over the fastest float32 peer) with the peer's name."""
    tables, targets = [], []
    for model in NEW_MODELS:
        rows = {(f, d): best(results, f, d, model) for f, d in
                (("lepton", "float64"), ("tfjava", "float32"), ("pytorch", "float64"), ("pytorch", "float32"))}
        for (framework, dtype), run in rows.items():
            if run is not None:
                threads, r = run
                tables.append(f"| {model} | {framework} | {dtype} | {threads} | {fmt(r['batch_ms'], 1)} "
                              f"| {fmt(r.get('images_per_s'), 1)} | {fmt(r.get('loss'), 3)} | {r['runs']} |")
        lepton = rows[("lepton", "float64")]
        if lepton is None:
            continue
        ms = lepton[1]["batch_ms"]
        f64 = rows[("pytorch", "float64")]
        targets.append((f"{model} batch / PyTorch float64", None if f64 is None else ms / f64[1]["batch_ms"],
                        "<=", 1.0))
        peers = [(run[1]["batch_ms"], framework) for (framework, dtype), run in rows.items()
                 if dtype == "float32" and run is not None]
        fastest = min(peers, default=None)
        targets.append((f"{model} batch / fastest float32 peer" + ("" if fastest is None else f" ({fastest[1]})"),
                        None if fastest is None else ms / fastest[0], "<=", 1.5))
    return tables, targets


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def main():
    results = load(sys.argv[1])
    peers = [("lepton", "float64"), ("tfjava", "float32"), ("pytorch", "float64"), ("pytorch", "float32"),
             ("dl4j", "float64"), ("dl4j", "float32")]
    fashion = [(model, framework, dtype, results[(framework, dtype, model, 2)]) for model in ("mlp", "cnn")
               for framework, dtype in peers if (framework, dtype, model, 2) in results]
    if fashion:
        print("| model | framework | dtype | epoch s | samples/s | infer img/s b100 | infer img/s b1000 "
              "| latency p50 µs | latency p99 µs | test acc. | peak RSS MB | runs |")
        print("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for model, framework, dtype, r in fashion:
        print(f"| {model} | {framework} | {dtype} | {fmt(r['epoch_s'], 2)} | {fmt(r['samples_per_s'], 0)} "
              f"| {fmt(r['infer_images_per_s_b100'], 0)} | {fmt(r['infer_images_per_s_b1000'], 0)} "
              f"| {fmt(r.get('latency_p50_us'), 0)} | {fmt(r.get('latency_p99_us'), 0)} "
              f"| {100 * r['test_accuracy']:.2f}% | {fmt(r['peak_rss_mb'], 0)} | {r['runs']} |")
    if fashion:
        print()
    new_rows, new_targets = new_model_rows(results)
    if new_rows:
        print("| model | framework | dtype | threads | ms per training batch | images/s | loss | runs |")
        print("|---|---|---|--:|--:|--:|--:|--:|")
        print("\n".join(new_rows))
        print()
    print("| GEMM 1024² (GFLOP/s) | 1 thread | 2 threads |")
    print("|---|--:|--:|")
    for framework, label in (("lepton-vector", "Lepton, Vector API kernel"), ("lepton-scalar", "Lepton, scalar kernel"),
                             ("numpy-openblas", "numpy (OpenBLAS)")):
        print(f"| {label} | {fmt(get(results, framework, '', 'gemm1024', 'gflops', 1))} "
              f"| {fmt(get(results, framework, '', 'gemm1024', 'gflops', 2))} |")
    print()

    def ratio(a, b):
        return None if a is None or b is None else a / b

    def lepton_vs(peer, dtype, model, field):
        return ratio(get(results, "lepton", "float64", model, field), get(results, peer, dtype, model, field))

    lepton_cnn = get(results, "lepton", "float64", "cnn", "epoch_s")
    dl4j_best = min((v for v in (get(results, "dl4j", d, "cnn", "epoch_s") for d in ("float64", "float32"))
                     if v is not None), default=None)
    targets = [
        ("CNN epoch / PyTorch float64", ratio(lepton_cnn, get(results, "pytorch", "float64", "cnn", "epoch_s")), "<=", 0.5),
        ("CNN epoch / PyTorch float32", ratio(lepton_cnn, get(results, "pytorch", "float32", "cnn", "epoch_s")), "<=", 1.0),
        ("CNN epoch / fastest DL4J", ratio(lepton_cnn, dl4j_best), "<", 1.0),
        ("MLP epoch / PyTorch float64", ratio(get(results, "lepton", "float64", "mlp", "epoch_s"),
                                              get(results, "pytorch", "float64", "mlp", "epoch_s")), "<=", 1.0),
        ("CNN inference b1000 / PyTorch float64 (img/s)",
         ratio(get(results, "lepton", "float64", "cnn", "infer_images_per_s_b1000"),
               get(results, "pytorch", "float64", "cnn", "infer_images_per_s_b1000")), ">=", 2.0),
        ("GEMM 1024² 2 threads / numpy", ratio(get(results, "lepton-vector", "", "gemm1024", "gflops", 2),
                                              get(results, "numpy-openblas", "", "gemm1024", "gflops", 2)), ">=", 0.9),
        ("GEMM 1024² scalar, GFLOP/s (best of 1, 2 threads)",
         max((v for v in (get(results, "lepton-scalar", "", "gemm1024", "gflops", t) for t in (1, 2)) if v is not None),
             default=None), ">=", 25.0),
        ("CNN epoch / TensorFlow Java", lepton_vs("tfjava", "float32", "cnn", "epoch_s"), "<=", 0.85),
        ("MLP epoch / TensorFlow Java", lepton_vs("tfjava", "float32", "mlp", "epoch_s"), "<=", 1.0),
        ("CNN inference b1000 / TensorFlow Java (img/s)",
         lepton_vs("tfjava", "float32", "cnn", "infer_images_per_s_b1000"), ">=", 1.0),
        ("CNN serving latency p50 / TensorFlow Java", lepton_vs("tfjava", "float32", "cnn", "latency_p50_us"), "<=", 1.0),
        ("CNN serving latency p99 / TensorFlow Java", lepton_vs("tfjava", "float32", "cnn", "latency_p99_us"), "<=", 1.0),
        ("CNN serving latency p50 / PyTorch float32", lepton_vs("pytorch", "float32", "cnn", "latency_p50_us"), "<=", 1.0),
        ("CNN peak RSS / TensorFlow Java", lepton_vs("tfjava", "float32", "cnn", "peak_rss_mb"), "<=", 1.0),
        ("CNN peak RSS, MB", get(results, "lepton", "float64", "cnn", "peak_rss_mb"), "<=", 1536.0),
        ("CNN test accuracy, seed 0 (benchmarks/accuracy.sh: over seeds)", get(results, "lepton", "float64", "cnn", "test_accuracy"), ">=", 0.87),
    ] + new_targets
    rows = per_run(sys.argv[1], "tfjava", "float32")
    if rows:
        print("| Lepton / TensorFlow Java, per run | " + " | ".join(f"run {i + 1}" for i in range(len(rows[0][1])))
              + " | median |")
        print("|---|" + "--:|" * (len(rows[0][1]) + 1))
        for name, ratios in rows:
            print(f"| {name} | " + " | ".join(f"{r:.3f}" for r in ratios) + f" | {statistics.median(ratios):.3f} |")
        print()
    print("| target | measured | goal | met |")
    print("|---|--:|--:|:-:|")
    for name, value, op, goal in targets:
        met = None if value is None else (value <= goal if op == "<=" else value < goal if op == "<" else value >= goal)
        print(f"| {name} | {fmt(value, 3)} | {op} {goal:g} | {'—' if met is None else 'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
