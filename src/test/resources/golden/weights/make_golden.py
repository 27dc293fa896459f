#!/usr/bin/env python3
"""Golden values for class and sample weights (Lepton's FitOptions.classWeight / sampleWeight).

An independent implementation in PyTorch float64 of Keras 3's weighting, written out from
keras/src/losses/loss.py (reduce_weighted_values: the losses are multiplied by the weights, then
"sum" sums them and "sum_over_batch_size" divides the weighted sum by the NUMBER of losses, not by
the sum of the weights; squeeze_or_expand_to_same_rank drops a trailing axis of 1),
keras/src/trainers/data_adapters/data_adapter_utils.py (class_weight_to_sample_weights: the class
is the label, rounded, or the argmax of a one-hot row; a class missing from the map weighs 1) and
keras/src/trainers/trainer.py (the logged loss is the mean of the batch losses weighted by the
batch sizes). Gradients come from torch.autograd; the optimizer is plain SGD (w -= lr * g).

Writes weights.json beside this script:
  losses: [{name, loss, config, input, y_true, y_true_shape, values, values_shape, sample_weight,
            sample_weight_shape, none, none_shape, sum_over_batch_size, sum, mean_with_sample_weight,
            gradient}]
     input says how predictions come from values ("predictions", or "softmax"/"sigmoid" whose
     output remembers values as its logits); none is the weighted per-example losses; gradient
     is d(sum_over_batch_size)/d(values); mean_with_sample_weight divides the weighted sum by the
     sum of the weights (broadcast over the losses) instead of their number.
  class_weight: a Dense(3, softmax) model trained one epoch on 6 examples in batches of 4 and 2
     (no shuffling), sparse categorical cross-entropy, class_weight {0: 2, 2: 0.5}, SGD(0.1):
     the weights before and after, the per-batch losses, the epoch's logged loss.
  sample_weight: a Dense(2) model trained one epoch on 6 examples in batches of 3, mean squared
     error, per-example weights, SGD(0.1), weighted validation data of 4 examples: the weights
     before and after, the logged loss, val_loss, and evaluate(x, y, sample_weight) before training.

Run from anywhere: /usr/bin/python3 make_golden.py (PyTorch >= 1.13, no GPU needed).
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(20261203)
HERE = os.path.dirname(os.path.abspath(__file__))
EPSILON = 1e-7


def flat(t):
    return t.detach().reshape(-1).tolist()


def align(w, values):
    """squeeze_or_expand_to_same_rank, plus (batch,) weights over (batch, steps) losses per example."""
    if w.dim() == values.dim() + 1 and w.shape[-1] == 1:
        w = w.squeeze(-1)
    if w.dim() == 1 and values.dim() > 1:
        w = w.reshape((w.shape[0],) + (1,) * (values.dim() - 1))
    return w


def mse(y, p):
    return ((y - p) ** 2).mean(-1)


def categorical_crossentropy(y, logits):
    return -(y * torch.log_softmax(logits, -1)).sum(-1)


def sparse_categorical_crossentropy(y, logits):
    return torch.nn.functional.cross_entropy(logits, y.long(), reduction="none")


def binary_crossentropy(y, logits):
    e = torch.clamp(logits, min=0) - logits * y + torch.log1p(torch.exp(-torch.abs(logits)))
    return e.mean(-1)


def loss_case(name, loss, fn, input_kind, y, values, w):
    leaf = values.clone().requires_grad_()
    per_example = fn(y, leaf)
    aligned = align(w, per_example)
    weighted = per_example * aligned
    mean = weighted.sum() / weighted.numel()
    by_weight = (weighted.sum() / aligned.expand_as(per_example).sum()).item()
    mean.backward()
    return {
        "name": name, "loss": loss, "config": {"name": loss, "reduction": "sum_over_batch_size"}, "input": input_kind,
        "y_true": flat(y), "y_true_shape": list(y.shape), "values": flat(values), "values_shape": list(values.shape),
        "sample_weight": flat(w), "sample_weight_shape": list(w.shape),
        "none": flat(weighted), "none_shape": list(weighted.shape),
        "sum_over_batch_size": mean.item(), "sum": weighted.sum().item(),
        "mean_with_sample_weight": by_weight, "gradient": flat(leaf.grad),
    }


def one_hot(labels, classes):
    return torch.nn.functional.one_hot(labels, classes).double()


losses = []
w4 = torch.tensor([1.0, 0.5, 2.0, 0.0])
losses.append(loss_case("mse", "mean_squared_error", mse, "predictions",
                        torch.randn(4, 3), torch.randn(4, 3), w4))
losses.append(loss_case("mse, weights (4, 1)", "mean_squared_error", mse, "predictions",
                        torch.randn(4, 3), torch.randn(4, 3), w4.reshape(4, 1)))
losses.append(loss_case("categorical_crossentropy after softmax", "categorical_crossentropy",
                        categorical_crossentropy, "softmax", one_hot(torch.tensor([2, 0, 1, 2]), 3),
                        torch.randn(4, 3), w4))
losses.append(loss_case("sparse_categorical_crossentropy after softmax", "sparse_categorical_crossentropy",
                        sparse_categorical_crossentropy, "softmax", torch.tensor([2.0, 0.0, 1.0, 1.0]),
                        torch.randn(4, 3), torch.tensor([0.25, 3.0, 1.0, 1.5])))
losses.append(loss_case("binary_crossentropy after sigmoid, weights (4, 1)", "binary_crossentropy",
                        binary_crossentropy, "sigmoid", torch.tensor([[1.0], [0.0], [0.0], [1.0]]),
                        torch.randn(4, 1), torch.tensor([[2.0], [1.0], [0.5], [0.0]])))
losses.append(loss_case("mse per time step, weights (2, 3)", "mean_squared_error", mse, "predictions",
                        torch.randn(2, 3, 2), torch.randn(2, 3, 2), torch.tensor([[1.0, 0.0, 2.0], [0.5, 1.0, 1.0]])))
losses.append(loss_case("mse per time step, weights (2,) per example", "mean_squared_error", mse, "predictions",
                        torch.randn(2, 3, 2), torch.randn(2, 3, 2), torch.tensor([3.0, 0.5])))


def train_epoch(params, batches, loss_fn, lr):
    """One epoch of SGD; returns the batch losses and the size-weighted mean Keras logs."""
    batch_losses = []
    sizes = []
    for batch in batches:
        for p in params:
            p.grad = None
        loss = loss_fn(*batch)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
        batch_losses.append(loss.item())
        sizes.append(batch[0].shape[0])
    logged = sum(l * n for l, n in zip(batch_losses, sizes)) / sum(sizes)
    return batch_losses, logged


# ---------------------------------------------------------------- class_weight

x = torch.randn(6, 4)
labels = torch.tensor([0, 2, 1, 1, 0, 2])
class_weight = {0: 2.0, 2: 0.5}
kernel = (torch.randn(4, 3) * 0.5).requires_grad_()
bias = (torch.randn(3) * 0.1).requires_grad_()
start = (flat(kernel), flat(bias))
sample_w = torch.tensor([class_weight.get(int(c), 1.0) for c in labels])


def classes_loss(xb, yb, wb):
    per_example = torch.nn.functional.cross_entropy(xb @ kernel + bias, yb, reduction="none")
    return (per_example * wb).sum() / per_example.numel()


cw_losses, cw_logged = train_epoch([kernel, bias], [(x[:4], labels[:4], sample_w[:4]), (x[4:], labels[4:], sample_w[4:])],
                                   classes_loss, 0.1)
class_case = {
    "x": flat(x), "labels": labels.tolist(), "class_weight": {str(k): v for k, v in class_weight.items()},
    "kernel": start[0], "bias": start[1], "batch_size": 4, "learning_rate": 0.1,
    "batch_losses": cw_losses, "loss": cw_logged, "kernel_after": flat(kernel), "bias_after": flat(bias),
}

# ---------------------------------------------------------------- sample_weight

x = torch.randn(6, 4)
y = torch.randn(6, 2)
w = torch.tensor([1.0, 0.0, 2.0, 0.5, 1.5, 1.0])
x_val = torch.randn(4, 4)
y_val = torch.randn(4, 2)
w_val = torch.tensor([0.5, 2.0, 1.0, 0.0])
kernel = (torch.randn(4, 2) * 0.5).requires_grad_()
bias = (torch.randn(2) * 0.1).requires_grad_()
start = (flat(kernel), flat(bias))


def regression_loss(xb, yb, wb):
    per_example = ((xb @ kernel + bias - yb) ** 2).mean(-1)
    return (per_example * wb).sum() / per_example.numel()


with torch.no_grad():
    evaluate_before = regression_loss(x, y, w).item()
sw_losses, sw_logged = train_epoch([kernel, bias], [(x[:3], y[:3], w[:3]), (x[3:], y[3:], w[3:])], regression_loss, 0.1)
with torch.no_grad():
    val_loss = regression_loss(x_val, y_val, w_val).item()
sample_case = {
    "x": flat(x), "y": flat(y), "sample_weight": flat(w), "x_val": flat(x_val), "y_val": flat(y_val),
    "val_sample_weight": flat(w_val), "kernel": start[0], "bias": start[1], "batch_size": 3, "learning_rate": 0.1,
    "evaluate_before": evaluate_before, "batch_losses": sw_losses, "loss": sw_logged, "val_loss": val_loss,
    "kernel_after": flat(kernel), "bias_after": flat(bias),
}

with open(os.path.join(HERE, "weights.json"), "w") as f:
    json.dump({"losses": losses, "class_weight": class_case, "sample_weight": sample_case}, f, indent=1)
    f.write("\n")
