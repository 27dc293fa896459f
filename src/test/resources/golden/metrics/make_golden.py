#!/usr/bin/env python3
"""Golden values for ai.lepton.metrics.

An independent implementation in NumPy float64 of Keras 3's metrics, written out from
keras/src/metrics/*.py (confusion_metrics.AUC, Precision, Recall and
metrics_utils.update_confusion_matrix_variables with its bucket road for evenly spaced
thresholds; accuracy_metrics top-k; f_score_metrics; regression_metrics RootMeanSquaredError and
R2Score; iou_metrics MeanIoU). Independent references cross-check them where the metric is a
textbook quantity: the exact ROC AUC (Mann-Whitney) and PR AUC (average precision) against AUC with
many thresholds, precision and recall by counting, R2 and F-scores by their definitions.

Writes one JSON file per Lepton class beside this script:
  <Metric>.json   {"cases": [{name, class_name, config, batches: [{y_true, y_true_shape, y_pred,
                   y_pred_shape}], results: [...], result}]}
where results are Keras's result() as a vector (one value unless the metric reports several) and
result is Lepton's single number (the value itself; with several, the value at the first threshold
for Precision and Recall, the mean of the per-class or per-output scores otherwise).

Run from anywhere: python3 make_golden.py (NumPy only).
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EPSILON = 1e-7
NEG_INF = -1e10


def divide_no_nan(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    out = np.zeros(np.broadcast(a, b).shape)
    nonzero = b != 0
    np.divide(a, b, out=out, where=nonzero)
    return out


# ---------------------------------------------------------------- confusion counts


def is_evenly_distributed(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=EPSILON))


def confusion_counts(y_true, y_pred, thresholds, evenly, multi_label=False):
    """tp, fp, tn, fn of shape (T,) or (T, labels), as update_confusion_matrix_variables."""
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    thresholds = np.asarray(thresholds, dtype=np.float64)
    n = len(thresholds)
    if not multi_label:
        y_true = y_true.reshape(-1, 1)
        y_pred = y_pred.reshape(-1, 1)
    labels = (y_true != 0).astype(np.float64)
    columns = y_pred.shape[1]
    if evenly:
        with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
        p = np.clip(y_pred, 0.0, 1.0)
        buckets = np.ceil(p * (n - 1)) - 1
        if with_epsilon:
            buckets = np.maximum(buckets, 0)
        buckets = buckets.astype(np.int64)
        tp_b = np.zeros((n, columns))
        fp_b = np.zeros((n, columns))
        for c in range(columns):
            for b, lab in zip(buckets[:, c], labels[:, c]):
                if 0 <= b < n:  # segment_sum drops ids outside [0, n)
                    if lab:
                        tp_b[b, c] += 1
                    else:
                        fp_b[b, c] += 1
        tp = np.flip(np.cumsum(np.flip(tp_b, 0), 0), 0)
        fp = np.flip(np.cumsum(np.flip(fp_b, 0), 0), 0)
        fn = labels.sum(0) - tp
        tn = (1 - labels).sum(0) - fp
    else:
        predicted = y_pred[None, :, :] > thresholds[:, None, None]
        positive = labels[None, :, :] != 0
        tp = (predicted & positive).sum(1).astype(np.float64)
        fp = (predicted & ~positive).sum(1).astype(np.float64)
        fn = (~predicted & positive).sum(1).astype(np.float64)
        tn = (~predicted & ~positive).sum(1).astype(np.float64)
    if not multi_label:
        return tp[:, 0], fp[:, 0], tn[:, 0], fn[:, 0]
    return tp, fp, tn, fn


def filter_top_k(x, k):
    out = np.full_like(x, NEG_INF)
    for row in range(x.shape[0]):
        order = sorted(range(x.shape[1]), key=lambda c: (-x[row, c], c))[:k]
        out[row, order] = x[row, order]
    return out


# ---------------------------------------------------------------- metrics


def precision_recall(kind, config, batches):
    thresholds = config.get("thresholds")
    top_k = config.get("top_k")
    class_id = config.get("class_id")
    if thresholds is None:
        thresholds = [0.5 if top_k is None else NEG_INF]
    elif not isinstance(thresholds, list):
        thresholds = [thresholds]
    evenly = is_evenly_distributed(thresholds)
    tp = fp = fn = 0
    for y, p in batches:
        y = np.asarray(y, dtype=np.float64)
        p = np.asarray(p, dtype=np.float64)
        if p.ndim == 2 and y.ndim == 1:
            y = y.reshape(p.shape)
        if top_k is not None:
            p = filter_top_k(p, top_k)
        if class_id is not None:
            y = y[..., class_id]
            p = p[..., class_id]
        a, b, _, d = confusion_counts(y, p, thresholds, evenly)
        tp, fp, fn = tp + a, fp + b, fn + d
    other = fp if kind == "precision" else fn
    return list(divide_no_nan(tp, tp + other))


def auc(config, batches):
    num_thresholds = config.get("num_thresholds", 200)
    curve = config.get("curve", "ROC").upper()
    method = config.get("summation_method", "interpolation").lower()
    multi_label = config.get("multi_label", False)
    from_logits = config.get("from_logits", False)
    if config.get("thresholds") is not None:
        inner = sorted(config["thresholds"])
        num_thresholds = len(inner) + 2
        evenly = is_evenly_distributed(np.array([0.0] + inner + [1.0]))
    else:
        inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        evenly = True
    thresholds = np.array([0.0 - EPSILON] + inner + [1.0 + EPSILON])
    tp = fp = tn = fn = 0
    for y, p in batches:
        p = np.asarray(p, dtype=np.float64)
        if from_logits:
            p = 1.0 / (1.0 + np.exp(-p))
        a, b, c, d = confusion_counts(y, p, thresholds, evenly, multi_label)
        tp, fp, tn, fn = tp + a, fp + b, tn + c, fn + d
    T = num_thresholds
    if curve == "PR" and method == "interpolation":
        dtp = tp[:T - 1] - tp[1:]
        pp = tp + fp
        dp = pp[:T - 1] - pp[1:]
        slope = divide_no_nan(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * pp[1:]
        ratio = np.where((pp[:T - 1] > 0) & (pp[1:] > 0), divide_no_nan(pp[:T - 1], np.maximum(pp[1:], 0)),
                         np.ones_like(pp[1:]))
        increments = divide_no_nan(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))
        by_label = increments.sum(0)
        return float(np.mean(by_label)) if multi_label else float(by_label)
    recall = divide_no_nan(tp, tp + fn)
    if curve == "ROC":
        x, y = divide_no_nan(fp, fp + tn), recall
    elif curve == "PR":
        x, y = recall, divide_no_nan(tp, tp + fp)
    else:
        scaling = divide_no_nan(tp + fn, tn + fp)
        recall_gain = 1.0 - scaling * divide_no_nan(fn, tp)
        precision_gain = 1.0 - scaling * divide_no_nan(fp, tp)
        recall_gain = np.where(tp == 0, 0.0, recall_gain)
        precision_gain = np.where(tp == 0, 1.0, precision_gain)
        x, y = np.maximum(recall_gain, 0.0), precision_gain
    if method == "interpolation":
        heights = (y[:T - 1] + y[1:]) / 2.0
    elif method == "minoring":
        heights = np.minimum(y[:T - 1], y[1:])
    else:
        heights = np.maximum(y[:T - 1], y[1:])
    terms = (x[:T - 1] - x[1:]) * heights
    by_label = terms.sum(0)
    return float(np.mean(by_label)) if multi_label else float(by_label)


def in_top_k(target, row, k):
    score = row[target]
    if math.isnan(score):
        score = -math.inf
    return 1 + int(np.sum(row > score)) <= k


def top_k_accuracy(config, batches, sparse):
    k = config.get("k", 5)
    hits = count = 0
    for y, p in batches:
        p = np.asarray(p, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        for r in range(p.shape[0]):
            if sparse and config.get("from_sorted_ids", False):
                hit = any(p[r, :k] == y.reshape(-1)[r])
            else:
                target = int(y.reshape(-1)[r]) if sparse else int(np.argmax(y[r]))
                hit = in_top_k(target, p[r], k)
            hits += hit
            count += 1
    return [hits / count]


def f_beta(config, batches):
    average = config.get("average")
    beta = config.get("beta", 1.0)
    threshold = config.get("threshold")
    axis = None if average == "micro" else 0
    tp = fp = fn = support = 0
    for y, p in batches:
        y = np.asarray(y, dtype=np.float64)
        p = np.asarray(p, dtype=np.float64)
        if threshold is None:
            predicted = (p >= p.max(-1, keepdims=True)) & (np.abs(p) > 1e-9)
        else:
            predicted = p > threshold
        predicted = predicted.astype(np.float64)
        tp = tp + np.sum(predicted * y, axis=axis)
        fp = fp + np.sum(predicted * (1 - y), axis=axis)
        fn = fn + np.sum((1 - predicted) * y, axis=axis)
        support = support + np.sum(y, axis=axis)
    precision = tp / (tp + fp + EPSILON)
    recall = tp / (tp + fn + EPSILON)
    mean = precision * recall / (beta ** 2 * precision + recall + EPSILON)
    score = mean * (1 + beta ** 2)
    if average == "weighted":
        score = np.sum(score * (support / (np.sum(support) + EPSILON)))
    elif average is not None:
        score = np.mean(score)
    return list(np.atleast_1d(score).astype(float))


def rmse(config, batches):
    total = count = 0
    for y, p in batches:
        y = np.asarray(y, dtype=np.float64).reshape(np.shape(p))
        p = np.asarray(p, dtype=np.float64)
        squares = (p - y) ** 2
        per_sample = squares.reshape(squares.shape[0], -1).mean(1)
        total += per_sample.sum()
        count += squares.shape[0]
    return [math.sqrt(total / count)]


def r2(config, batches):
    aggregation = config.get("class_aggregation", "uniform_average")
    regressors = config.get("num_regressors", 0)
    s = sq = res = cnt = 0
    samples = 0
    for y, p in batches:
        p = np.asarray(p, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).reshape(p.shape)
        s = s + y.sum(0)
        sq = sq + (y * y).sum(0)
        res = res + ((y - p) ** 2).sum(0)
        cnt = cnt + np.ones_like(y).sum(0)
        samples += p.shape[0]
    mean = s / cnt
    total = sq - s * mean
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = 1 - res / total
    raw = np.where(np.isinf(raw), 0.0, raw)
    if aggregation == "uniform_average":
        score = np.mean(raw)
    elif aggregation == "variance_weighted_average":
        score = np.sum(total * raw) / np.sum(total)
    else:
        score = raw
    if regressors != 0 and not regressors >= samples - 1:
        score = 1.0 - (1.0 - score) * (samples - 1.0) / (samples - regressors - 1.0)
    return list(np.atleast_1d(score).astype(float))


def mean_iou(config, batches):
    n = config["num_classes"]
    ignore = config.get("ignore_class")
    cm = np.zeros((n, n))
    for y, p in batches:
        y = np.asarray(y, dtype=np.float64)
        p = np.asarray(p, dtype=np.float64)
        if not config.get("sparse_y_true", True):
            y = np.argmax(y, -1)
        if not config.get("sparse_y_pred", True):
            p = np.argmax(p, -1)
        y = np.trunc(y.reshape(-1)).astype(np.int64)
        p = np.trunc(p.reshape(-1)).astype(np.int64)
        for a, b in zip(y, p):
            if 0 <= a < n and 0 <= b < n and (ignore is None or a != ignore):
                cm[a, b] += 1
    predicted = cm.sum(0)
    actual = cm.sum(1)
    tp = np.diag(cm)
    denominator = predicted + actual - tp
    valid = denominator > 1e-9
    iou = np.where(valid, tp / (denominator + EPSILON), 0.0)
    return [float(iou.sum() / (valid.sum() + EPSILON))]


def accuracy(kind, config, batches):
    hits = count = 0
    for y, p in batches:
        y = np.asarray(y, dtype=np.float64)
        p = np.asarray(p, dtype=np.float64)
        if kind == "binary":
            t = config.get("threshold", 0.5)
            y = y.reshape(p.shape)
            hits += np.sum(y == (p > t).astype(np.float64))
            count += p.size
        else:
            for r in range(p.shape[0]):
                target = np.argmax(y[r]) if kind == "categorical" else y.reshape(-1)[r]
                hits += target == np.argmax(p[r])
                count += 1
    return [hits / count]


# ---------------------------------------------------------------- independent cross-checks


def exact_roc_auc(y, p):
    pos = p[y == 1]
    neg = p[y == 0]
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def average_precision(y, p):
    order = np.argsort(-p, kind="stable")
    y = y[order]
    hits = np.cumsum(y)
    precisions = hits / np.arange(1, len(y) + 1)
    return float(np.sum(precisions * y) / np.sum(y))


def cross_check():
    rng = np.random.default_rng(99)
    y = (rng.random(400) < 0.4).astype(np.float64)
    p = np.clip(0.35 * y + 0.65 * rng.random(400), 0, 1)
    roc = auc({"num_thresholds": 2000}, [(y, p)])
    assert abs(roc - exact_roc_auc(y, p)) < 2e-3, (roc, exact_roc_auc(y, p))
    pr = auc({"num_thresholds": 2000, "curve": "PR"}, [(y, p)])
    assert abs(pr - average_precision(y, p)) < 2e-2, (pr, average_precision(y, p))
    q = rng.random(400)
    tp = np.sum((q > 0.5) & (y == 1))
    fp = np.sum((q > 0.5) & (y == 0))
    fn = np.sum((q <= 0.5) & (y == 1))
    assert precision_recall("precision", {}, [(y, q)])[0] == tp / (tp + fp)
    assert precision_recall("recall", {}, [(y, q)])[0] == tp / (tp + fn)
    # The bucket road and the plain comparison agree away from the bucket edges.
    th = [0.0, 0.25, 0.5, 0.75, 1.0]
    assert all(np.array_equal(a, b) for a, b in zip(confusion_counts(y, q, th, True), confusion_counts(y, q, th, False)))
    targets = rng.normal(size=(50, 2))
    guesses = targets + 0.3 * rng.normal(size=(50, 2))
    by_definition = [1 - np.sum((targets[:, c] - guesses[:, c]) ** 2) / np.sum((targets[:, c] - targets[:, c].mean()) ** 2)
                     for c in range(2)]
    assert np.allclose(r2({"class_aggregation": None}, [(targets, guesses)]), by_definition)
    onehot = np.eye(3)[rng.integers(0, 3, 60)]
    scores = rng.random((60, 3))
    chosen = np.eye(3)[np.argmax(scores, 1)]
    for c in range(3):
        tp = np.sum(chosen[:, c] * onehot[:, c])
        prec = tp / np.sum(chosen[:, c])
        rec = tp / np.sum(onehot[:, c])
        assert abs(f_beta({}, [(onehot, scores)])[c] - 2 * prec * rec / (prec + rec)) < 1e-6


# ---------------------------------------------------------------- cases


def batch(y, p):
    y = np.asarray(y, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    return {"y_true": [float(v) for v in y.reshape(-1)], "y_true_shape": list(y.shape),
            "y_pred": [float(v) for v in p.reshape(-1)], "y_pred_shape": list(p.shape)}


def case(name, class_name, config, batches, results):
    results = [float(r) for r in results]
    # Lepton's one number: the value at the first threshold, or the mean of the per-class (per-output) scores.
    result = results[0] if class_name in ("Precision", "Recall") else float(np.mean(results))
    return {"name": name, "class_name": class_name, "config": config, "batches": [batch(y, p) for y, p in batches],
            "results": results, "result": result}


def binary_batches(seed, n=3, size=20, columns=1, edges=False):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        y = (rng.random((size, columns)) < 0.45).astype(np.float64)
        p = np.clip(0.4 * y + 0.6 * rng.random((size, columns)), 0, 1)
        if edges:
            p[0, 0], p[1, 0], p[2, 0], p[3, 0] = 0.0, 1.0, 0.5, 0.25
        out.append((y, p))
    return out


def class_batches(seed, n=3, size=12, classes=4, sparse=False):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        labels = rng.integers(0, classes, size)
        scores = rng.random((size, classes)) + 0.6 * np.eye(classes)[labels]
        p = scores / scores.sum(1, keepdims=True)
        y = labels.astype(np.float64) if sparse else np.eye(classes)[labels]
        out.append((y, p))
    return out


def precision_recall_cases(kind, class_name):
    out = []
    b = binary_batches(1, edges=True)
    out.append(case("default threshold 0.5", class_name, {}, b, precision_recall(kind, {}, b)))
    for name, config in [("one threshold", {"thresholds": 0.3}),
                         ("uneven thresholds", {"thresholds": [0.1, 0.5, 0.9]}),
                         ("evenly spaced thresholds (bucket road)", {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]})]:
        out.append(case(name, class_name, config, b, precision_recall(kind, config, b)))
    multi = class_batches(2)
    for name, config in [("top_k 2", {"top_k": 2}), ("class_id 1", {"class_id": 1}),
                         ("top_k 2 and class_id 3", {"top_k": 2, "class_id": 3}),
                         ("class_id 0 at thresholds", {"class_id": 0, "thresholds": [0.2, 0.4]})]:
        out.append(case(name, class_name, config, multi, precision_recall(kind, config, multi)))
    ties = [(np.array([[1, 0, 0, 1], [0, 1, 1, 0]], dtype=np.float64),
             np.array([[0.3, 0.3, 0.3, 0.1], [0.5, 0.2, 0.2, 0.1]]))]
    out.append(case("top_k 2 takes the first of tied values", class_name, {"top_k": 2}, ties,
                    precision_recall(kind, {"top_k": 2}, ties)))
    nothing = [(np.array([0.0, 0.0, 1.0]), np.array([0.1, 0.2, 0.3]))]
    out.append(case("no positives predicted", class_name, {}, nothing, precision_recall(kind, {}, nothing)))
    return out


def auc_cases():
    out = []
    b = binary_batches(3, edges=True)
    for curve in ["ROC", "PR", "PRGAIN"]:
        for method in ["interpolation", "minoring", "majoring"]:
            config = {"curve": curve, "summation_method": method}
            out.append(case(f"{curve} {method}", "AUC", config, b, [auc(config, b)]))
    for name, config in [("3 thresholds", {"num_thresholds": 3}), ("2 thresholds", {"num_thresholds": 2}),
                         ("10 thresholds PR", {"num_thresholds": 10, "curve": "PR"}),
                         ("uneven thresholds", {"thresholds": [0.1, 0.35, 0.8]}),
                         ("evenly spaced given thresholds", {"thresholds": [0.25, 0.5, 0.75]}),
                         ("lower-case names", {"curve": "pr", "summation_method": "Majoring"})]:
        out.append(case(name, "AUC", config, b, [auc(config, b)]))
    rng = np.random.default_rng(4)
    logits = [(y, np.log(np.clip(p, 1e-3, 1 - 1e-3) / (1 - np.clip(p, 1e-3, 1 - 1e-3))) + 0.3 * rng.normal(size=p.shape))
              for y, p in binary_batches(5)]
    out.append(case("from_logits", "AUC", {"from_logits": True}, logits, [auc({"from_logits": True}, logits)]))
    flat = binary_batches(6, columns=3)
    out.append(case("multi-column data flattened", "AUC", {}, flat, [auc({}, flat)]))
    for name, config in [("multi_label", {"multi_label": True}),
                         ("multi_label with num_labels, PR", {"multi_label": True, "num_labels": 3, "curve": "PR"}),
                         ("multi_label minoring", {"multi_label": True, "summation_method": "minoring"})]:
        out.append(case(name, "AUC", config, flat, [auc(config, flat)]))
    outside = [(np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.2, -0.3, 0.7, 0.4]))]
    out.append(case("predictions outside [0, 1] are clipped", "AUC", {}, outside, [auc({}, outside)]))
    one_class = [(np.array([1.0, 1.0, 1.0]), np.array([0.2, 0.6, 0.9]))]
    out.append(case("only positive labels", "AUC", {}, one_class, [auc({}, one_class)]))
    return out


def top_k_cases(sparse):
    class_name = "SparseTopKCategoricalAccuracy" if sparse else "TopKCategoricalAccuracy"
    b = class_batches(7, classes=6, sparse=sparse)
    out = [case(f"k {k}", class_name, {"k": k}, b, top_k_accuracy({"k": k}, b, sparse)) for k in [1, 2, 5]]
    out.append(case("default k 5 of 6", class_name, {}, b, top_k_accuracy({}, b, sparse)))
    labels = np.array([2.0, 0.0, 3.0])
    ties = np.array([[0.1, 0.3, 0.3, 0.3], [0.25, 0.25, 0.25, 0.25], [0.4, 0.3, 0.2, 0.1]])
    y = labels if sparse else np.eye(4)[labels.astype(int)]
    out.append(case("ties at the boundary are in", class_name, {"k": 1}, [(y, ties)],
                    top_k_accuracy({"k": 1}, [(y, ties)], sparse)))
    if sparse:
        ids = np.array([[3.0, 1.0, 0.0], [2.0, 0.0, 1.0], [1.0, 2.0, 3.0]])
        config = {"k": 2, "from_sorted_ids": True}
        out.append(case("from_sorted_ids", class_name, config, [(labels, ids)],
                        top_k_accuracy(config, [(labels, ids)], True)))
    return out


def f_score_cases(class_name):
    out = []
    onehot = class_batches(8, classes=3)
    rng = np.random.default_rng(9)
    multi_hot = [((rng.random((10, 3)) < 0.5).astype(np.float64), rng.random((10, 3))) for _ in range(2)]
    betas = [None] if class_name == "F1Score" else [0.5, 2.0]
    for beta in betas:
        for average in [None, "micro", "macro", "weighted"]:
            for threshold in [None, 0.4]:
                config = {"average": average, "threshold": threshold}
                if beta is not None:
                    config["beta"] = beta
                data = onehot if threshold is None else multi_hot
                out.append(case(f"beta {beta} average {average} threshold {threshold}", class_name, config, data,
                                f_beta(config, data)))
    zeros = [(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.0, 0.0], [0.2, 0.7]]))]
    out.append(case("a row of zeros predicts nothing", class_name, {}, zeros, f_beta({}, zeros)))
    return out


def main():
    cross_check()
    files = {}
    files["Precision"] = precision_recall_cases("precision", "Precision")
    files["Recall"] = precision_recall_cases("recall", "Recall")
    files["AUC"] = auc_cases()
    files["TopKCategoricalAccuracy"] = top_k_cases(False)
    files["SparseTopKCategoricalAccuracy"] = top_k_cases(True)
    files["F1Score"] = f_score_cases("F1Score")
    files["FBetaScore"] = f_score_cases("FBetaScore")
    rng = np.random.default_rng(10)
    targets = [rng.normal(size=(8, 2)) for _ in range(3)]
    regression = [(t, 0.8 * t + 0.4 * rng.normal(size=t.shape)) for t in targets]
    column = [(t, 0.9 * t.reshape(-1, 1) + 0.3 * rng.normal(size=(6, 1))) for t in [rng.normal(size=(6,)) for _ in range(2)]]
    files["RootMeanSquaredError"] = [case("two outputs", "RootMeanSquaredError", {}, regression, rmse({}, regression)),
                                     case("labels (batch,) for predictions (batch, 1)", "RootMeanSquaredError", {}, column,
                                          rmse({}, column))]
    r2_cases = []
    for aggregation in ["uniform_average", "variance_weighted_average", None]:
        for regressors in [0, 3]:
            config = {"class_aggregation": aggregation, "num_regressors": regressors}
            r2_cases.append(case(f"{aggregation} with {regressors} regressors", "R2Score", config, regression,
                                 r2(config, regression)))
    r2_cases.append(case("too many regressors fall back to R2", "R2Score", {"num_regressors": 30}, regression,
                         r2({"num_regressors": 30}, regression)))
    constant = [(np.array([[1.0, 2.0], [1.0, 3.0]]), np.array([[1.5, 2.5], [0.5, 2.0]]))]
    r2_cases.append(case("a constant column scores 0", "R2Score", {}, constant, r2({}, constant)))
    r2_cases.append(case("labels (batch,) for predictions (batch, 1)", "R2Score", {}, column, r2({}, column)))
    files["R2Score"] = r2_cases
    iou_cases = []
    sparse = [(rng.integers(0, 4, (2, 5, 5)).astype(np.float64), rng.integers(0, 4, (2, 5, 5)).astype(np.float64))
              for _ in range(2)]
    iou_cases.append(case("sparse maps", "MeanIoU", {"num_classes": 4}, sparse, mean_iou({"num_classes": 4}, sparse)))
    config = {"num_classes": 4, "ignore_class": 0}
    iou_cases.append(case("ignore_class 0", "MeanIoU", config, sparse, mean_iou(config, sparse)))
    dense = class_batches(11, classes=3)
    config = {"num_classes": 3, "sparse_y_true": False, "sparse_y_pred": False}
    iou_cases.append(case("one-hot labels and probabilities", "MeanIoU", config, dense, mean_iou(config, dense)))
    odd = [(np.array([0.0, 1.0, 2.0, 5.0, -1.0, 1.0]), np.array([0.0, 1.7, 2.2, 1.0, 1.0, 0.9]))]
    iou_cases.append(case("truncated predictions and out-of-range labels", "MeanIoU", {"num_classes": 3}, odd,
                          mean_iou({"num_classes": 3}, odd)))
    absent = [(np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 1.0]))]
    iou_cases.append(case("a class absent from both does not count", "MeanIoU", {"num_classes": 3}, absent,
                          mean_iou({"num_classes": 3}, absent)))
    files["MeanIoU"] = iou_cases
    b = binary_batches(12, columns=2)
    files["BinaryAccuracy"] = [case("threshold 0.5", "BinaryAccuracy", {}, b, accuracy("binary", {}, b)),
                               case("threshold 0.7", "BinaryAccuracy", {"threshold": 0.7}, b,
                                    accuracy("binary", {"threshold": 0.7}, b))]
    c = class_batches(13)
    files["CategoricalAccuracy"] = [case("one-hot", "CategoricalAccuracy", {}, c, accuracy("categorical", {}, c))]
    s = class_batches(14, sparse=True)
    files["SparseCategoricalAccuracy"] = [case("class indices", "SparseCategoricalAccuracy", {}, s,
                                               accuracy("sparse", {}, s))]
    for class_name, cases in files.items():
        with open(os.path.join(HERE, class_name + ".json"), "w") as f:
            json.dump({"cases": cases}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
