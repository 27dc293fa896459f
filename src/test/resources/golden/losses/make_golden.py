#!/usr/bin/env python3
"""Golden values for ai.lepton.losses.

An independent implementation in PyTorch float64 of Keras 3's losses, written out from
keras/src/losses/losses.py and loss.py (the reductions) and, for the cross-entropies, from the
TensorFlow backend's keras/src/backend/tensorflow/nn.py: a softmax or sigmoid output carries its
logits (_keras_logits) and the cross-entropy then works from them
(softmax_cross_entropy_with_logits, sparse_softmax_cross_entropy_with_logits,
sigmoid_cross_entropy_with_logits); otherwise from probabilities clipped to [1e-7, 1 - 1e-7].
Gradients come from torch.autograd. TensorFlow's maximum sends the gradient to its first operand
on a tie, which torch.maximum does not, so maximum is written as a where; the data avoid the other
non-differentiable points (|e| = delta, a hinge margin of exactly 0, ties in a max).

Writes one JSON file per Lepton class beside this script:
  <Loss>.json  {"cases": [{name, class_name, config, y_true, y_true_shape, values, values_shape,
                input, per_example, per_example_shape, value, value_shape, sum, gradient, smooth}]}
where input says how the predictions come from values: "predictions" (as they are, probabilities
or logits per the config), "softmax" or "sigmoid" (the output of that activation applied to values,
which remembers values as its logits). per_example is call(); value is compute() under the config's
reduction (the per-example losses for "none"); sum is compute() under reduction "sum"; gradient is
d sum(compute()) / d values; smooth is false where a value sits on a clipping bound, so that
finite differences cannot check the gradient there.

Run from anywhere: /usr/bin/python3 make_golden.py (PyTorch >= 1.13, no GPU needed).
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
EPSILON = 1e-7


def maximum(a, b):
    """TensorFlow's maximum: the gradient goes to the first operand where a >= b."""
    b = b if torch.is_tensor(b) else torch.full_like(a, b)
    return torch.where(a >= b, a, b)


def softplus(x):
    """TensorFlow's stable softplus (torch's switches to x itself above 20)."""
    return torch.log1p(torch.exp(-torch.abs(x))) + torch.clamp(x, min=0)


def clip(x, low, high):
    return torch.clamp(x, low, high)


def align(y, p):
    """squeeze_or_expand_to_same_rank for the (batch,) labels of (batch, 1) predictions."""
    if y.dim() == p.dim() - 1 and p.shape[-1] == 1:
        return y.reshape(p.shape)
    return y


# ---------------------------------------------------------------- cross-entropies


def sigmoid_cross_entropy_with_logits(y, z):
    return torch.clamp(z, min=0) - z * y + torch.log1p(torch.exp(-torch.abs(z)))


def binary_crossentropy_elementwise(y, p, logits):
    if logits is not None:
        return sigmoid_cross_entropy_with_logits(y, logits)
    p = clip(p, EPSILON, 1.0 - EPSILON)
    bce = y * torch.log(p)
    bce = bce + (1 - y) * torch.log(1 - p)
    return -bce


def categorical_crossentropy(y, p, c, logits):
    axis = c.get("axis", -1)
    ls = c.get("label_smoothing", 0.0)
    if ls:
        y = y * (1.0 - ls) + ls / p.shape[axis]
    if logits is not None:
        return -(y * torch.log_softmax(logits, axis)).sum(axis)
    out = p / p.sum(axis, keepdim=True)
    out = clip(out, EPSILON, 1.0 - EPSILON)
    return -(y * torch.log(out)).sum(axis)


def sparse_categorical_crossentropy(y, p, c, logits):
    if logits is None:
        logits = torch.log(clip(p, EPSILON, 1 - EPSILON))
    labels = y.reshape(-1).long()
    return -torch.log_softmax(logits, -1).gather(-1, labels[:, None])[:, 0]


def binary_crossentropy(y, p, c, logits):
    ls = c.get("label_smoothing", 0.0)
    if ls:
        y = y * (1.0 - ls) + 0.5 * ls
    return binary_crossentropy_elementwise(y, p, logits).mean(c.get("axis", -1))


def binary_focal_crossentropy(y, p, c, logits):
    ls = c.get("label_smoothing", 0.0)
    if ls:
        y = y * (1.0 - ls) + 0.5 * ls
    if c.get("from_logits", False):
        logits = p
        p = torch.sigmoid(p)
    bce = binary_crossentropy_elementwise(y, p, logits)
    p_t = y * p + (1 - y) * (1 - p)
    focal = torch.pow(1.0 - p_t, c.get("gamma", 2.0)) * bce
    if c.get("apply_class_balancing", False):
        alpha = c.get("alpha", 0.25)
        focal = (y * alpha + (1 - y) * (1 - alpha)) * focal
    return focal.mean(c.get("axis", -1))


def categorical_focal_crossentropy(y, p, c, logits):
    axis = c.get("axis", -1)
    ls = c.get("label_smoothing", 0.0)
    if ls:
        y = y * (1.0 - ls) + ls / p.shape[axis]
    if c.get("from_logits", False):
        p = torch.softmax(p, axis)
    out = p / p.sum(axis, keepdim=True)
    out = clip(out, EPSILON, 1.0 - EPSILON)
    cce = -y * torch.log(out)
    alpha = torch.tensor(c.get("alpha", 0.25))
    if alpha.dim() == 1:
        shape = [1] * p.dim()
        shape[axis] = -1
        alpha = alpha.reshape(shape)
    weight = torch.pow(1.0 - out, c.get("gamma", 2.0)) * alpha
    return (weight * cce).sum(axis)


# ---------------------------------------------------------------- the others


def hinge_labels(y):
    if bool(torch.all((y == 0) | (y == 1))):
        return 2.0 * y - 1.0
    return y


def cosine_normalize(x, axis):
    squares = (x * x).sum(axis, keepdim=True)
    return x * torch.rsqrt(maximum(squares, EPSILON * EPSILON))


LOSSES = {
    "MeanSquaredError": lambda y, p, c, l: torch.square(y - p).mean(-1),
    "MeanAbsoluteError": lambda y, p, c, l: torch.abs(y - p).mean(-1),
    "MeanAbsolutePercentageError": lambda y, p, c, l:
        100.0 * torch.abs((y - p) / maximum(torch.abs(y), EPSILON)).mean(-1),
    "MeanSquaredLogarithmicError": lambda y, p, c, l:
        torch.square(torch.log(maximum(p, EPSILON) + 1.0) - torch.log(maximum(y, EPSILON) + 1.0)).mean(-1),
    "Huber": lambda y, p, c, l: torch.where(torch.abs(p - y) <= c.get("delta", 1.0), 0.5 * torch.square(p - y),
                                            c.get("delta", 1.0) * torch.abs(p - y) - 0.5 * c.get("delta", 1.0) ** 2).mean(-1),
    "LogCosh": lambda y, p, c, l: ((p - y) + softplus((p - y) * -2.0) - torch.log(torch.tensor(2.0))).mean(-1),
    "Hinge": lambda y, p, c, l: maximum(1.0 - hinge_labels(y) * p, 0.0).mean(-1),
    "SquaredHinge": lambda y, p, c, l: torch.square(maximum(1.0 - hinge_labels(y) * p, 0.0)).mean(-1),
    "CategoricalHinge": lambda y, p, c, l: maximum(((1.0 - y) * p).max(-1).values - (y * p).sum(-1) + 1.0, 0.0),
    "KLDivergence": lambda y, p, c, l: (clip(y, EPSILON, 1) * torch.log(clip(y, EPSILON, 1) / clip(p, EPSILON, 1))).sum(-1),
    "Poisson": lambda y, p, c, l: (p - y * torch.log(p + EPSILON)).mean(-1),
    "CosineSimilarity": lambda y, p, c, l:
        -(cosine_normalize(y, c.get("axis", -1)) * cosine_normalize(p, c.get("axis", -1))).sum(c.get("axis", -1)),
    "CategoricalCrossentropy": categorical_crossentropy,
    "SparseCategoricalCrossentropy": sparse_categorical_crossentropy,
    "BinaryCrossentropy": binary_crossentropy,
    "BinaryFocalCrossentropy": binary_focal_crossentropy,
    "CategoricalFocalCrossentropy": categorical_focal_crossentropy,
}


def reduce(values, reduction):
    if reduction == "none":
        return values
    if reduction == "sum":
        return values.sum()
    return values.mean()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


def case(name, class_name, config, y_true, values, inp="predictions", smooth=True):
    y = torch.tensor(y_true)
    leaf = torch.tensor(values, requires_grad=True)
    logits = None
    if inp == "softmax":
        p = torch.softmax(leaf, -1)
        logits = leaf
    elif inp == "sigmoid":
        p = torch.sigmoid(leaf)
        logits = leaf
    else:
        p = leaf
        if config.get("from_logits", False) and class_name not in ("CategoricalFocalCrossentropy", "BinaryFocalCrossentropy"):
            logits = leaf
    per_example = LOSSES[class_name](align(y, p), p, config, logits)
    value = reduce(per_example, config.get("reduction", "sum_over_batch_size"))
    value.sum().backward()
    return {"name": name, "class_name": class_name, "config": config,
            "y_true": flat(y), "y_true_shape": list(y.shape), "values": flat(leaf), "values_shape": list(leaf.shape),
            "input": inp, "per_example": flat(per_example), "per_example_shape": list(per_example.shape),
            "value": flat(value), "value_shape": list(value.shape), "sum": float(per_example.sum()),
            "gradient": flat(leaf.grad), "smooth": smooth}


# ---------------------------------------------------------------- data


def generator(seed):
    return torch.Generator().manual_seed(seed)


def normal(seed, *shape):
    return torch.randn(*shape, generator=generator(seed)).tolist()


def uniform(seed, *shape, low=0.0, high=1.0):
    return (low + (high - low) * torch.rand(*shape, generator=generator(seed))).tolist()


def one_hot(seed, rows, classes):
    labels = torch.randint(0, classes, (rows,), generator=generator(seed))
    return torch.nn.functional.one_hot(labels, classes).double().tolist(), labels.double().tolist()


def binary(seed, *shape):
    return (torch.rand(*shape, generator=generator(seed)) < 0.5).double().tolist()


def probabilities(seed, rows, classes):
    return torch.softmax(torch.randn(rows, classes, generator=generator(seed)) * 1.5, -1).tolist()


# Probabilities that the clipping must act on: exact 0 and 1, and values within 1e-7 of them.
EDGE_PROBABILITIES = [[0.0, 1.0, 0.3], [5e-8, 0.6, 0.4], [0.2, 0.8 - 1e-9, 1e-9]]


def regression_cases(class_name, positive=False):
    low, high = (0.1, 3.0) if positive else (-2.0, 2.0)
    y = uniform(1, 4, 3, low=low, high=high)
    p = uniform(2, 4, 3, low=low, high=high)
    out = [case("(4, 3)", class_name, {}, y, p)]
    for reduction in ["sum", "none", "mean"]:
        out.append(case(f"reduction {reduction}", class_name, {"reduction": reduction}, y, p))
    out.append(case("labels (batch,) for predictions (batch, 1)", class_name, {}, uniform(3, 5, low=low, high=high),
                    uniform(4, 5, 1, low=low, high=high)))
    out.append(case("(2, 2, 3): the mean over the last axis", class_name, {}, uniform(5, 2, 2, 3, low=low, high=high),
                    uniform(6, 2, 2, 3, low=low, high=high)))
    return out


def cases():
    files = {}
    files["MeanSquaredError"] = regression_cases("MeanSquaredError")
    files["MeanAbsoluteError"] = regression_cases("MeanAbsoluteError")
    files["MeanAbsolutePercentageError"] = regression_cases("MeanAbsolutePercentageError") + [
        case("a zero target divides by 1e-7", "MeanAbsolutePercentageError", {}, [[0.0, 2.0]], [[0.001, 1.5]])]
    files["MeanSquaredLogarithmicError"] = regression_cases("MeanSquaredLogarithmicError", positive=True) + [
        case("negative values count as 1e-7", "MeanSquaredLogarithmicError", {}, [[-1.0, 2.0]], [[-0.5, 1.5]])]
    files["Huber"] = regression_cases("Huber") + [
        case("delta 0.5", "Huber", {"delta": 0.5}, normal(7, 4, 3), normal(8, 4, 3)),
        case("delta 3 (all quadratic)", "Huber", {"delta": 3.0}, normal(9, 2, 3), normal(10, 2, 3))]
    files["LogCosh"] = regression_cases("LogCosh") + [
        case("large errors stay finite", "LogCosh", {}, [[0.0, 0.0]], [[400.0, -800.0]])]
    files["Poisson"] = regression_cases("Poisson", positive=True)
    signs = (2 * torch.tensor(binary(11, 4, 3)) - 1).tolist()
    files["Hinge"] = [case("labels -1/1", "Hinge", {}, signs, normal(12, 4, 3)),
                      case("labels 0/1 become -1/1", "Hinge", {}, binary(13, 4, 3), normal(14, 4, 3)),
                      case("other labels stay", "Hinge", {}, [[0.0, 0.5, 1.0]], [[0.3, -0.7, 2.0]]),
                      case("reduction sum", "Hinge", {"reduction": "sum"}, signs, normal(15, 4, 3)),
                      case("reduction none", "Hinge", {"reduction": "none"}, signs, normal(16, 4, 3))]
    files["SquaredHinge"] = [case("labels -1/1", "SquaredHinge", {}, signs, normal(17, 4, 3)),
                             case("labels 0/1 become -1/1", "SquaredHinge", {}, binary(18, 4, 3), normal(19, 4, 3)),
                             case("reduction none", "SquaredHinge", {"reduction": "none"}, signs, normal(20, 4, 3))]
    oh, sparse = one_hot(21, 4, 3)
    files["CategoricalHinge"] = [case("one-hot", "CategoricalHinge", {}, oh, normal(22, 4, 3)),
                                 case("reduction none", "CategoricalHinge", {"reduction": "none"}, oh, normal(23, 4, 3)),
                                 case("all margins met", "CategoricalHinge", {}, [[1.0, 0.0], [0.0, 1.0]], [[3.0, 0.5], [-1.0, 2.5]])]
    files["KLDivergence"] = [case("distributions", "KLDivergence", {}, probabilities(24, 4, 3), probabilities(25, 4, 3)),
                             case("zeros are clipped to 1e-7", "KLDivergence", {}, [[0.0, 1.0, 0.0]], [[0.2, 0.5, 0.3]]),
                             case("reduction sum", "KLDivergence", {"reduction": "sum"}, probabilities(26, 4, 3),
                                  probabilities(27, 4, 3))]
    files["CosineSimilarity"] = [case("vectors", "CosineSimilarity", {}, normal(28, 4, 3), normal(29, 4, 3)),
                                 case("axis 1 of (2, 3, 2)", "CosineSimilarity", {"axis": 1}, normal(30, 2, 3, 2),
                                      normal(31, 2, 3, 2)),
                                 case("a zero vector", "CosineSimilarity", {}, [[0.0, 0.0], [1.0, 2.0]], [[1.0, 2.0], [2.0, 4.0]]),
                                 case("reduction none", "CosineSimilarity", {"reduction": "none"}, normal(32, 4, 3),
                                      normal(33, 4, 3))]
    logits = normal(34, 4, 3)
    cce = []
    cce.append(case("probabilities", "CategoricalCrossentropy", {}, oh, probabilities(35, 4, 3)))
    cce.append(case("probabilities clipped and renormalized", "CategoricalCrossentropy", {}, oh[:3], EDGE_PROBABILITIES, smooth=False))
    cce.append(case("softmax output: from its logits", "CategoricalCrossentropy", {}, oh, logits, "softmax"))
    cce.append(case("huge logits of a softmax output", "CategoricalCrossentropy", {}, oh[:2],
                    [[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0]], "softmax"))
    cce.append(case("from_logits", "CategoricalCrossentropy", {"from_logits": True}, oh, logits))
    cce.append(case("label_smoothing 0.1", "CategoricalCrossentropy", {"label_smoothing": 0.1}, oh, probabilities(36, 4, 3)))
    cce.append(case("label_smoothing 0.2 from logits", "CategoricalCrossentropy", {"label_smoothing": 0.2, "from_logits": True},
                    oh, logits))
    cce.append(case("label_smoothing 0.1 softmax output", "CategoricalCrossentropy", {"label_smoothing": 0.1}, oh, logits, "softmax"))
    oh3 = torch.nn.functional.one_hot(torch.randint(0, 3, (2, 4), generator=generator(37)), 3).permute(0, 2, 1).double().tolist()
    cce.append(case("axis 1 of (2, 3, 4)", "CategoricalCrossentropy", {"axis": 1}, oh3,
                    torch.softmax(torch.randn(2, 3, 4, generator=generator(38)), 1).tolist()))
    cce.append(case("axis 1 from logits", "CategoricalCrossentropy", {"axis": 1, "from_logits": True}, oh3, normal(39, 2, 3, 4)))
    for reduction in ["sum", "none"]:
        cce.append(case(f"reduction {reduction}", "CategoricalCrossentropy", {"reduction": reduction}, oh, logits, "softmax"))
    files["CategoricalCrossentropy"] = cce
    scce = []
    scce.append(case("probabilities", "SparseCategoricalCrossentropy", {}, sparse, probabilities(35, 4, 3)))
    scce.append(case("probabilities clipped and renormalized", "SparseCategoricalCrossentropy", {}, sparse[:3],
                     EDGE_PROBABILITIES, smooth=False))
    scce.append(case("softmax output: from its logits", "SparseCategoricalCrossentropy", {}, sparse, logits, "softmax"))
    scce.append(case("from_logits", "SparseCategoricalCrossentropy", {"from_logits": True}, sparse, logits))
    scce.append(case("labels (batch, 1)", "SparseCategoricalCrossentropy", {}, [[v] for v in sparse], logits, "softmax"))
    for reduction in ["sum", "none"]:
        scce.append(case(f"reduction {reduction}", "SparseCategoricalCrossentropy", {"reduction": reduction}, sparse, logits,
                         "softmax"))
    files["SparseCategoricalCrossentropy"] = scce
    yb = binary(40, 4, 3)
    zb = normal(41, 4, 3)
    bce = []
    bce.append(case("probabilities", "BinaryCrossentropy", {}, yb, uniform(42, 4, 3)))
    bce.append(case("probabilities clipped", "BinaryCrossentropy", {}, binary(43, 3, 3), EDGE_PROBABILITIES, smooth=False))
    bce.append(case("sigmoid output: from its logits", "BinaryCrossentropy", {}, yb, zb, "sigmoid"))
    bce.append(case("huge logits of a sigmoid output", "BinaryCrossentropy", {}, [[1.0, 0.0, 1.0]], [[1000.0, -1000.0, -1000.0]],
                    "sigmoid"))
    bce.append(case("from_logits", "BinaryCrossentropy", {"from_logits": True}, yb, zb))
    bce.append(case("label_smoothing 0.1", "BinaryCrossentropy", {"label_smoothing": 0.1}, yb, uniform(44, 4, 3)))
    bce.append(case("label_smoothing 0.2 from logits", "BinaryCrossentropy", {"label_smoothing": 0.2, "from_logits": True}, yb, zb))
    bce.append(case("labels (batch,) for predictions (batch, 1)", "BinaryCrossentropy", {}, binary(45, 5), uniform(46, 5, 1)))
    bce.append(case("axis 1 of (2, 3, 2)", "BinaryCrossentropy", {"axis": 1}, binary(47, 2, 3, 2), uniform(48, 2, 3, 2)))
    for reduction in ["sum", "none"]:
        bce.append(case(f"reduction {reduction}", "BinaryCrossentropy", {"reduction": reduction}, yb, zb, "sigmoid"))
    files["BinaryCrossentropy"] = bce
    bfce = []
    bfce.append(case("probabilities", "BinaryFocalCrossentropy", {}, yb, uniform(49, 4, 3)))
    bfce.append(case("probabilities clipped", "BinaryFocalCrossentropy", {}, binary(43, 3, 3), EDGE_PROBABILITIES, smooth=False))
    bfce.append(case("sigmoid output: bce from its logits", "BinaryFocalCrossentropy", {}, yb, zb, "sigmoid"))
    bfce.append(case("from_logits", "BinaryFocalCrossentropy", {"from_logits": True}, yb, zb))
    bfce.append(case("class balancing alpha 0.4 gamma 1.5", "BinaryFocalCrossentropy",
                     {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5}, yb, uniform(50, 4, 3)))
    bfce.append(case("gamma 0 is the binary cross-entropy", "BinaryFocalCrossentropy", {"gamma": 0.0}, yb, uniform(51, 4, 3)))
    bfce.append(case("label_smoothing 0.1 from logits", "BinaryFocalCrossentropy", {"label_smoothing": 0.1, "from_logits": True},
                     yb, zb))
    bfce.append(case("axis 1 of (2, 3, 2)", "BinaryFocalCrossentropy", {"axis": 1}, binary(52, 2, 3, 2), uniform(53, 2, 3, 2)))
    bfce.append(case("reduction none", "BinaryFocalCrossentropy", {"reduction": "none"}, yb, uniform(54, 4, 3)))
    files["BinaryFocalCrossentropy"] = bfce
    cfce = []
    cfce.append(case("probabilities", "CategoricalFocalCrossentropy", {}, oh, probabilities(55, 4, 3)))
    cfce.append(case("probabilities clipped and renormalized", "CategoricalFocalCrossentropy", {}, oh[:3], EDGE_PROBABILITIES, smooth=False))
    cfce.append(case("softmax output: from its probabilities", "CategoricalFocalCrossentropy", {}, oh, logits, "softmax"))
    cfce.append(case("from_logits", "CategoricalFocalCrossentropy", {"from_logits": True}, oh, logits))
    cfce.append(case("alpha per class, gamma 1", "CategoricalFocalCrossentropy", {"alpha": [0.2, 0.5, 0.3], "gamma": 1.0}, oh,
                     probabilities(56, 4, 3)))
    cfce.append(case("label_smoothing 0.1", "CategoricalFocalCrossentropy", {"label_smoothing": 0.1}, oh, probabilities(57, 4, 3)))
    cfce.append(case("axis 1 of (2, 3, 4)", "CategoricalFocalCrossentropy", {"axis": 1}, oh3,
                     torch.softmax(torch.randn(2, 3, 4, generator=generator(58)), 1).tolist()))
    cfce.append(case("reduction sum", "CategoricalFocalCrossentropy", {"reduction": "sum"}, oh, probabilities(59, 4, 3)))
    files["CategoricalFocalCrossentropy"] = cfce
    return files


def cross_check():
    """Where torch has the same formula, it agrees with the written-out one."""
    y = torch.tensor(binary(60, 4, 3))
    z = torch.tensor(normal(61, 4, 3))
    bce = torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction="none").mean(-1)
    assert torch.allclose(binary_crossentropy(y, None, {}, z), bce, rtol=1e-14, atol=0)
    oh, sparse = one_hot(62, 4, 3)
    ce = torch.nn.functional.cross_entropy(z, torch.tensor(sparse).long(), reduction="none")
    assert torch.allclose(categorical_crossentropy(torch.tensor(oh), None, {}, z), ce, rtol=1e-14, atol=0)
    assert torch.allclose(sparse_categorical_crossentropy(torch.tensor(sparse), None, {}, z), ce, rtol=1e-14, atol=0)
    smoothed = torch.nn.functional.cross_entropy(z, torch.tensor(sparse).long(), reduction="none", label_smoothing=0.1)
    assert torch.allclose(categorical_crossentropy(torch.tensor(oh), z, {"label_smoothing": 0.1}, z), smoothed, rtol=1e-13)
    a, b = torch.tensor(normal(63, 4, 3)), torch.tensor(normal(64, 4, 3))
    huber = torch.nn.functional.huber_loss(b, a, reduction="none", delta=0.7).mean(-1)
    assert torch.allclose(LOSSES["Huber"](a, b, {"delta": 0.7}, None), huber, rtol=1e-14)
    cosine = torch.nn.functional.cosine_similarity(a, b, -1)
    assert torch.allclose(LOSSES["CosineSimilarity"](a, b, {}, None), -cosine, rtol=1e-13)
    assert torch.allclose(LOSSES["LogCosh"](a, b, {}, None), torch.log(torch.cosh(b - a)).mean(-1), rtol=1e-13)
    p, q = torch.tensor(probabilities(65, 4, 3)), torch.tensor(probabilities(66, 4, 3))
    kl = torch.nn.functional.kl_div(torch.log(q), p, reduction="none").sum(-1)
    assert torch.allclose(LOSSES["KLDivergence"](p, q, {}, None), kl, rtol=1e-13)
    counts = torch.tensor(uniform(67, 4, 3, low=0.1, high=3.0))
    poisson = torch.nn.functional.poisson_nll_loss(counts, a.abs(), log_input=False, eps=EPSILON, reduction="none").mean(-1)
    assert torch.allclose(LOSSES["Poisson"](a.abs(), counts, {}, None), poisson, rtol=1e-13)


def main():
    cross_check()
    for class_name, file_cases in cases().items():
        with open(os.path.join(HERE, class_name + ".json"), "w") as f:
            json.dump({"cases": file_cases}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
