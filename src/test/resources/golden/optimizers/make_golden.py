#!/usr/bin/env python3
"""Golden values for ai.lepton.optimizers and ai.lepton.optimizers.schedules.

An independent implementation in PyTorch float64 of Keras 3's optimizer step
(keras/src/optimizers/base_optimizer.py: gradient clipping, then decoupled weight
decay `w -= w * weight_decay * lr`, then the algorithm's update_step, then
iterations += 1, then the EMA of the weights and its overwrite every
ema_overwrite_frequency steps; the learning rate comes from the schedule at the
iterations count before the increment), of each algorithm's update_step
(keras/src/optimizers/<name>.py) and of the learning-rate schedules
(keras/src/optimizers/schedules/learning_rate_schedule.py). The formulas are
Keras's, written out in the same order of operations, not torch.optim's: where
torch.optim implements the same formula it serves as a cross-check below.

Writes one JSON file per Lepton class beside this script:
  <Optimizer>.json           cases of optimizer steps: {name, class_name, config,
                             shapes, weights, gradients[step], expected[step],
                             slots{name: [per weight]}, iterations}
  Optimizer.json             the same, for the order of the options shared by all
  schedules/<Schedule>.json  cases of schedule values: {name, config, steps, values}

Run from anywhere: python3 make_golden.py (PyTorch >= 1.13, no GPU needed).
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))

SHAPES = [(2, 3), (4,)]
# Gradient sizes per step: small and large norms, so that clipping acts on some steps and not on
# others; step 5 gives the first weight an all-zero gradient (a zero norm, Lion's sign(0)).
GRADIENT_SCALES = [0.1, 3.0, 0.5, 10.0, 0.0, 1.0]


def t(x):
    return torch.tensor(float(x))


# ---------------------------------------------------------------- schedules


def exponential_decay(c):
    def at(step):
        p = t(step) / t(c["decay_steps"])
        if c.get("staircase", False):
            p = torch.floor(p)
        return t(c["initial_learning_rate"]) * torch.pow(t(c["decay_rate"]), p)
    return at


def piecewise_constant_decay(c):
    boundaries, values = c["boundaries"], c["values"]

    def at(step):
        result = t(0.0)
        result = result + float(step <= boundaries[0]) * t(values[0])
        result = result + float(step > boundaries[-1]) * t(values[-1])
        for low, high, value in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            result = result + float(low < step <= high) * t(value)
        return result
    return at


def polynomial_decay(c):
    def at(step):
        initial = t(c["initial_learning_rate"])
        end = t(c.get("end_learning_rate", 0.0001))
        power = t(c.get("power", 1.0))
        s = t(step)
        decay_steps = t(c["decay_steps"])
        if c.get("cycle", False):
            multiplier = t(1.0) if step == 0 else torch.ceil(s / c["decay_steps"])
            decay_steps = decay_steps * multiplier
        else:
            s = torch.minimum(s, decay_steps)
        p = s / decay_steps
        return (initial - end) * torch.pow(1 - p, power) + end
    return at


def inverse_time_decay(c):
    def at(step):
        p = t(step) / t(c["decay_steps"])
        if c.get("staircase", False):
            p = torch.floor(p)
        return t(c["initial_learning_rate"]) / (t(1.0) + t(c["decay_rate"]) * p)
    return at


def cosine_decay(c):
    alpha = c.get("alpha", 0.0)

    def decay(s, decay_steps, decay_from):
        completed_fraction = s / decay_steps
        cosine_decayed = 0.5 * (1.0 + torch.cos(t(math.pi) * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return decay_from * decayed

    def at(step):
        initial = t(c["initial_learning_rate"])
        decay_steps = t(c["decay_steps"])
        s = t(step)
        if c.get("warmup_target") is None:
            return decay(torch.minimum(s, decay_steps), decay_steps, initial)
        target = t(c["warmup_target"])
        warmup_steps = t(c.get("warmup_steps", 0))
        s = torch.minimum(s, decay_steps + warmup_steps)
        if s < warmup_steps:
            return (target - initial) * (s / warmup_steps) + initial
        return decay(s - warmup_steps, decay_steps, target)
    return at


def cosine_decay_restarts(c):
    t_mul, m_mul, alpha = t(c.get("t_mul", 2.0)), t(c.get("m_mul", 1.0)), t(c.get("alpha", 0.0))

    def at(step):
        completed_fraction = t(step) / t(c["first_decay_steps"])
        if t_mul == 1.0:
            i_restart = torch.floor(completed_fraction)
            completed_fraction = completed_fraction - i_restart
        else:
            i_restart = torch.floor(torch.log(1.0 - completed_fraction * (1.0 - t_mul)) / torch.log(t_mul))
            sum_r = (1.0 - torch.pow(t_mul, i_restart)) / (1.0 - t_mul)
            completed_fraction = (completed_fraction - sum_r) / torch.pow(t_mul, i_restart)
        m_fac = torch.pow(m_mul, i_restart)
        cosine_decayed = 0.5 * m_fac * (1.0 + torch.cos(t(math.pi) * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return t(c["initial_learning_rate"]) * decayed
    return at


SCHEDULES = {
    "ExponentialDecay": exponential_decay,
    "PiecewiseConstantDecay": piecewise_constant_decay,
    "PolynomialDecay": polynomial_decay,
    "InverseTimeDecay": inverse_time_decay,
    "CosineDecay": cosine_decay,
    "CosineDecayRestarts": cosine_decay_restarts,
}

SCHEDULE_CASES = {
    "ExponentialDecay": [
        ("smooth", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96},
         [0, 1, 9, 10, 11, 19, 20, 21, 100, 1000]),
        ("staircase", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": True},
         [0, 1, 9, 10, 11, 19, 20, 21, 100]),
    ],
    "PiecewiseConstantDecay": [
        ("two boundaries", {"boundaries": [10, 20], "values": [1.0, 0.5, 0.1]},
         [0, 1, 9, 10, 11, 19, 20, 21, 1000]),
        ("one boundary", {"boundaries": [3], "values": [0.01, 0.001]}, [0, 2, 3, 4, 50]),
        ("four boundaries", {"boundaries": [1, 2, 5, 8], "values": [0.5, 0.4, 0.3, 0.2, 0.1]},
         [0, 1, 2, 3, 5, 6, 8, 9]),
    ],
    "PolynomialDecay": [
        ("linear to the default end", {"initial_learning_rate": 0.1, "decay_steps": 10},
         [0, 1, 5, 9, 10, 11, 100]),
        ("square root", {"initial_learning_rate": 0.1, "decay_steps": 10, "end_learning_rate": 0.01, "power": 0.5},
         [0, 1, 5, 9, 10, 11, 100]),
        ("cycle", {"initial_learning_rate": 0.1, "decay_steps": 10, "end_learning_rate": 0.01, "power": 2.0,
                   "cycle": True},
         [0, 1, 9, 10, 11, 15, 19, 20, 21, 30, 31]),
    ],
    "InverseTimeDecay": [
        ("smooth", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5},
         [0, 1, 4, 5, 6, 10, 1000]),
        ("staircase", {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5, "staircase": True},
         [0, 1, 4, 5, 6, 9, 10, 11]),
        ("fractional decay steps", {"initial_learning_rate": 0.1, "decay_steps": 1.0, "decay_rate": 0.5},
         [0, 1, 2, 7]),
    ],
    "CosineDecay": [
        ("decay only", {"initial_learning_rate": 0.1, "decay_steps": 10},
         [0, 1, 5, 9, 10, 11, 100]),
        ("decay to alpha", {"initial_learning_rate": 0.1, "decay_steps": 10, "alpha": 0.1},
         [0, 3, 10, 11]),
        ("warmup from zero", {"initial_learning_rate": 0.0, "decay_steps": 10, "warmup_target": 0.1,
                              "warmup_steps": 5, "alpha": 0.05},
         [0, 1, 4, 5, 6, 10, 14, 15, 16, 100]),
        ("warmup target without warmup steps", {"initial_learning_rate": 0.2, "decay_steps": 8,
                                                "warmup_target": 0.1},
         [0, 1, 4, 8, 9]),
    ],
    "CosineDecayRestarts": [
        ("doubling periods", {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 2.0,
                              "m_mul": 0.5, "alpha": 0.05},
         [0, 5, 9, 10, 11, 29, 30, 31, 69, 70, 71, 150]),
        ("equal periods", {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 1.0, "m_mul": 0.9},
         [0, 9, 10, 11, 20, 25, 100]),
        ("defaults", {"initial_learning_rate": 0.01, "first_decay_steps": 4},
         [0, 1, 3, 4, 5, 11, 12, 13, 28, 100]),
        ("period growing by half", {"initial_learning_rate": 0.1, "first_decay_steps": 4, "t_mul": 1.5},
         [0, 3, 4, 5, 9, 10, 11, 19, 20]),
    ],
}


def schedule_from(value):
    """The learning rate of an optimizer config: a number, or a nested schedule config."""
    if isinstance(value, dict):
        return SCHEDULES[value["class_name"]](value["config"])
    return lambda step: t(value)


# ---------------------------------------------------------------- optimizers
#
# Each algorithm: slots(config) -> [(slot name, initial value)], and
# update(config, w, g, slots, lr, step) changing w and slots in place; step is 1-based
# (Keras's iterations + 1). prepare(config, state, step) runs once per step before the updates.


def sgd_slots(c):
    return [("momentum", 0.0)] if c.get("momentum", 0.0) != 0 else []


def sgd_update(c, w, g, s, lr, step):
    momentum = c.get("momentum", 0.0)
    if momentum != 0:
        m = s["momentum"]
        m.copy_(m * momentum - g * lr)
        if c.get("nesterov", False):
            w.add_(m * momentum - g * lr)
        else:
            w.add_(m)
    else:
        w.sub_(g * lr)


def adam_slots(c):
    return [("m", 0.0), ("v", 0.0)] + ([("velocity_hat", 0.0)] if c.get("amsgrad", False) else [])


def adam_update(c, w, g, s, lr, step):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    beta_1_power = torch.pow(t(b1), t(step))
    beta_2_power = torch.pow(t(b2), t(step))
    alpha = lr * torch.sqrt(1 - beta_2_power) / (1 - beta_1_power)
    m, v = s["m"], s["v"]
    m.add_((g - m) * (1 - b1))
    v.add_((torch.square(g) - v) * (1 - b2))
    if c.get("amsgrad", False):
        v_hat = s["velocity_hat"]
        v_hat.copy_(torch.maximum(v_hat, v))
        v = v_hat
    w.sub_((m * alpha) / (torch.sqrt(v) + eps))


def rmsprop_slots(c):
    names = [("velocity", 0.0)]
    if c.get("momentum", 0.0) > 0:
        names.append(("momentum", 0.0))
    if c.get("centered", False):
        names.append(("average_gradient", 0.0))
    return names


def rmsprop_update(c, w, g, s, lr, step):
    rho, momentum, eps = c.get("rho", 0.9), c.get("momentum", 0.0), c.get("epsilon", 1e-7)
    velocity = s["velocity"]
    velocity.copy_(rho * velocity + (1 - rho) * torch.square(g))
    if c.get("centered", False):
        average = s["average_gradient"]
        average.copy_(rho * average + (1 - rho) * g)
        denominator = velocity - torch.square(average) + eps
    else:
        denominator = velocity + eps
    increment = (lr * g) / torch.sqrt(denominator)
    if momentum > 0:
        mom = s["momentum"]
        mom.copy_(momentum * mom + increment)
        w.sub_(mom)
    else:
        w.sub_(increment)


def nadam_slots(c):
    return [("momentum", 0.0), ("velocity", 0.0)]


def nadam_prepare(c, state, step):
    state["u_product"] = state.get("u_product", t(1.0)) * c.get("beta_1", 0.9) * (
        1.0 - 0.5 * torch.pow(t(0.96), t(step)))


def nadam_update(c, w, g, s, lr, step, state):
    b1, b2, eps = t(c.get("beta_1", 0.9)), t(c.get("beta_2", 0.999)), c.get("epsilon", 1e-7)
    decay = t(0.96)
    u_t = b1 * (1.0 - 0.5 * torch.pow(decay, t(step)))
    u_t_1 = b1 * (1.0 - 0.5 * torch.pow(decay, t(step + 1)))
    u_product_t = state["u_product"]
    u_product_t_1 = u_product_t * u_t_1
    beta_2_power = torch.pow(b2, t(step))
    m, v = s["momentum"], s["velocity"]
    m.add_((g - m) * (1 - b1))
    v.add_((torch.square(g) - v) * (1 - b2))
    m_hat = (u_t_1 * m) / (1 - u_product_t_1) + ((1 - u_t) * g) / (1 - u_product_t)
    v_hat = v / (1 - beta_2_power)
    w.sub_((m_hat * lr) / (torch.sqrt(v_hat) + eps))


def adamax_slots(c):
    return [("momentum", 0.0), ("norm", 0.0)]


def adamax_update(c, w, g, s, lr, step):
    b1, b2, eps = c.get("beta_1", 0.9), c.get("beta_2", 0.999), c.get("epsilon", 1e-7)
    beta_1_power = torch.pow(t(b1), t(step))
    m, u = s["momentum"], s["norm"]
    m.add_((g - m) * (1 - b1))
    u.copy_(torch.maximum(b2 * u, torch.abs(g)))
    w.sub_((lr * m) / ((1 - beta_1_power) * (u + eps)))


def adagrad_slots(c):
    return [("accumulator", c.get("initial_accumulator_value", 0.1))]


def adagrad_update(c, w, g, s, lr, step):
    eps = c.get("epsilon", 1e-7)
    acc = s["accumulator"]
    acc.add_(torch.square(g))
    w.sub_((lr * g) / torch.sqrt(acc + eps))


def adadelta_slots(c):
    return [("accumulated_grad", 0.0), ("accumulated_delta_var", 0.0)]


def adadelta_update(c, w, g, s, lr, step):
    rho, eps = c.get("rho", 0.95), c.get("epsilon", 1e-7)
    acc_g, acc_d = s["accumulated_grad"], s["accumulated_delta_var"]

    def rms(x):
        return torch.sqrt(x + eps)
    acc_g.copy_(rho * acc_g + (1 - rho) * torch.square(g))
    delta = -((rms(acc_d) * g) / rms(acc_g))
    acc_d.copy_(rho * acc_d + (1 - rho) * torch.square(delta))
    w.add_(lr * delta)


def lion_slots(c):
    return [("momentum", 0.0)]


def lion_update(c, w, g, s, lr, step):
    b1, b2 = t(c.get("beta_1", 0.9)), t(c.get("beta_2", 0.99))
    m = s["momentum"]
    w.sub_(lr * torch.sign(m * b1 + g * (1.0 - b1)))
    m.copy_(m * b2 + g * (1.0 - b2))


def ftrl_slots(c):
    return [("accumulator", c.get("initial_accumulator_value", 0.1)), ("linear", 0.0)]


def ftrl_update(c, w, g, s, lr, step):
    lr_power = c.get("learning_rate_power", -0.5)
    l1 = c.get("l1_regularization_strength", 0.0)
    l2 = c.get("l2_regularization_strength", 0.0)
    shrinkage = c.get("l2_shrinkage_regularization_strength", 0.0)
    beta = c.get("beta", 0.0)
    accum, linear = s["accumulator"], s["linear"]
    l2_reg = l2 + beta / (2.0 * lr)
    grad_to_use = g + (2 * shrinkage) * w
    new_accum = accum + torch.square(g)
    linear.add_(grad_to_use - ((torch.pow(new_accum, -lr_power) - torch.pow(accum, -lr_power)) / lr) * w)
    quadratic = torch.pow(new_accum, -lr_power) / lr + 2 * l2_reg
    linear_clipped = torch.clip(linear, -l1, l1)
    w.copy_((linear_clipped - linear) / quadratic)
    accum.copy_(new_accum)


ALGORITHMS = {
    "SGD": (0.01, sgd_slots, sgd_update),
    "Adam": (0.001, adam_slots, adam_update),
    "AdamW": (0.001, adam_slots, adam_update),
    "RMSprop": (0.001, rmsprop_slots, rmsprop_update),
    "Nadam": (0.001, nadam_slots, nadam_update),
    "Adamax": (0.001, adamax_slots, adamax_update),
    "Adagrad": (0.001, adagrad_slots, adagrad_update),
    "Adadelta": (0.001, adadelta_slots, adadelta_update),
    "Lion": (0.001, lion_slots, lion_update),
    "Ftrl": (0.001, ftrl_slots, ftrl_update),
}


def clip_gradients(c, grads):
    """keras BaseOptimizer._clip_gradients: at most one of the three is set."""
    if c.get("clipnorm") is not None:
        clipnorm = c["clipnorm"]
        out = []
        for g in grads:
            l2sum = torch.sum(torch.square(g))
            l2norm = torch.sqrt(l2sum) if l2sum > 0 else l2sum
            out.append((g * clipnorm) / torch.maximum(l2norm, t(clipnorm)))
        return out
    if c.get("global_clipnorm") is not None:
        clip_norm = c["global_clipnorm"]
        use_norm = torch.sqrt(torch.sum(torch.stack([torch.sum(torch.square(g)) for g in grads])))
        scale = clip_norm * torch.minimum(1.0 / use_norm, t(1.0 / clip_norm)) + (use_norm - use_norm)
        return [g * scale for g in grads]
    if c.get("clipvalue") is not None:
        v = c["clipvalue"]
        return [torch.clip(g, -v, v) for g in grads]
    return grads


def run(class_name, config, weights, gradient_steps):
    """Keras BaseOptimizer.apply, step after step; returns weights after each step and the slots."""
    default_lr, slot_names, update = ALGORITHMS[class_name]
    c = dict(config)
    if class_name == "AdamW":
        c.setdefault("weight_decay", 0.004)
    learning_rate = schedule_from(c.get("learning_rate", default_lr))
    weights = [w.clone() for w in weights]
    names = slot_names(c)
    slots = [{n: torch.full_like(w, init) for n, init in names} for w in weights]
    averages = [torch.zeros_like(w) for w in weights]
    state = {}
    expected = []
    for iterations, grads in enumerate(gradient_steps):
        step = iterations + 1
        lr = learning_rate(iterations)
        grads = clip_gradients(c, grads)
        if c.get("weight_decay") is not None:
            for w in weights:
                w.copy_(w - w * c["weight_decay"] * lr)
        if class_name == "Nadam":
            nadam_prepare(c, state, step)
        for w, g, s in zip(weights, grads, slots):
            if class_name == "Nadam":
                update(c, w, g, s, lr, step, state)
            else:
                update(c, w, g, s, lr, step)
        if c.get("use_ema", False):
            momentum = float(iterations != 0) * c.get("ema_momentum", 0.99)
            for w, a in zip(weights, averages):
                a.copy_(momentum * a + (1 - momentum) * w)
            frequency = c.get("ema_overwrite_frequency")
            if frequency and step % frequency == 0:
                for w, a in zip(weights, averages):
                    w.copy_(a)
        expected.append([w.clone() for w in weights])
    out_slots = {n: [s[n] for s in slots] for n, _ in names}
    if c.get("use_ema", False):
        out_slots["average"] = averages
    return expected, out_slots


def problem(seed):
    g = torch.Generator().manual_seed(seed)
    weights = [torch.randn(s, generator=g) for s in SHAPES]
    gradient_steps = []
    for k, scale in enumerate(GRADIENT_SCALES):
        gradient_steps.append([torch.randn(s, generator=g) * (scale if i == 0 or k != 4 else 1.0)
                               for i, s in enumerate(SHAPES)])
    return weights, gradient_steps


def flat(x):
    return [float(v) for v in x.reshape(-1).tolist()]


def optimizer_case(name, class_name, config, seed):
    weights, gradient_steps = problem(seed)
    expected, slots = run(class_name, config, weights, gradient_steps)
    return {
        "name": name,
        "class_name": class_name,
        "config": config,
        "shapes": [list(s) for s in SHAPES],
        "weights": [flat(w) for w in weights],
        "gradients": [[flat(g) for g in grads] for grads in gradient_steps],
        "expected": [[flat(w) for w in ws] for ws in expected],
        "slots": {n: [flat(v) for v in vs] for n, vs in slots.items()},
        "iterations": len(gradient_steps),
    }


def cosine_warmup(initial, decay_steps, target, warmup_steps):
    return {"class_name": "CosineDecay",
            "config": {"initial_learning_rate": initial, "decay_steps": decay_steps, "alpha": 0.0,
                       "warmup_target": target, "warmup_steps": warmup_steps}}


OPTIMIZER_CASES = {
    "SGD": [
        ("plain", {"learning_rate": 0.1}),
        ("momentum", {"learning_rate": 0.05, "momentum": 0.9}),
        ("nesterov", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
        ("defaults", {}),
    ],
    "Adam": [
        ("plain", {"learning_rate": 0.01}),
        ("amsgrad", {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.95, "amsgrad": True}),
        ("defaults", {}),
    ],
    "AdamW": [
        ("defaults", {}),
        ("strong decay", {"learning_rate": 0.01, "weight_decay": 0.1}),
        ("amsgrad", {"learning_rate": 0.01, "weight_decay": 0.05, "amsgrad": True, "epsilon": 1e-6}),
    ],
    "RMSprop": [
        ("plain", {"learning_rate": 0.01}),
        ("momentum and centered", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.5, "centered": True}),
        ("centered", {"learning_rate": 0.01, "centered": True}),
    ],
    "Nadam": [
        ("defaults", {}),
        ("plain", {"learning_rate": 0.01, "beta_1": 0.85, "beta_2": 0.99}),
    ],
    "Adamax": [
        ("defaults", {}),
        ("plain", {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.9, "epsilon": 1e-5}),
    ],
    "Adagrad": [
        ("defaults", {}),
        ("from a zero accumulator", {"learning_rate": 0.1, "initial_accumulator_value": 0.0, "epsilon": 1e-6}),
    ],
    "Adadelta": [
        ("defaults", {}),
        ("rate one", {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-6}),
    ],
    "Lion": [
        ("defaults", {}),
        ("plain", {"learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.95}),
    ],
    "Ftrl": [
        ("defaults", {}),
        ("regularized", {"learning_rate": 0.1, "learning_rate_power": -0.3, "initial_accumulator_value": 0.2,
                         "l1_regularization_strength": 0.05, "l2_regularization_strength": 0.01,
                         "l2_shrinkage_regularization_strength": 0.02, "beta": 0.5}),
        ("power zero", {"learning_rate": 0.05, "learning_rate_power": 0.0, "initial_accumulator_value": 0.0}),
    ],
}

# The options every optimizer shares, and their order: clipping, then weight decay, then the
# update, then the EMA. Each case would come out different with another order.
BASE_CASES = [
    ("SGD", "clipnorm then decay then update", {"learning_rate": 0.1, "clipnorm": 1.0, "weight_decay": 0.5}),
    ("SGD", "clipvalue with momentum and decay",
     {"learning_rate": 0.1, "momentum": 0.9, "clipvalue": 0.3, "weight_decay": 0.2}),
    ("Adam", "global clipnorm then decay", {"learning_rate": 0.01, "global_clipnorm": 2.0, "weight_decay": 0.3}),
    ("SGD", "EMA without overwrite", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.9}),
    ("SGD", "EMA overwriting every second step",
     {"learning_rate": 0.1, "momentum": 0.5, "use_ema": True, "ema_momentum": 0.8, "ema_overwrite_frequency": 2}),
    ("RMSprop", "everything at once",
     {"learning_rate": 0.01, "momentum": 0.3, "centered": True, "clipnorm": 0.5, "weight_decay": 0.1,
      "use_ema": True, "ema_momentum": 0.7, "ema_overwrite_frequency": 3}),
    ("Ftrl", "decay reads the weights the update reads",
     {"learning_rate": 0.1, "l2_shrinkage_regularization_strength": 0.1, "weight_decay": 0.2, "clipvalue": 0.5}),
    ("SGD", "cosine schedule with warm-up",
     {"learning_rate": cosine_warmup(0.0, 4, 0.2, 2), "weight_decay": 0.1}),
    ("Adam", "exponential schedule",
     {"learning_rate": {"class_name": "ExponentialDecay",
                        "config": {"initial_learning_rate": 0.05, "decay_steps": 2, "decay_rate": 0.5,
                                   "staircase": True}}}),
    ("Ftrl", "piecewise schedule reaches the l2 term",
     {"learning_rate": {"class_name": "PiecewiseConstantDecay",
                        "config": {"boundaries": [1, 3], "values": [0.2, 0.1, 0.05]}},
      "beta": 0.4}),
    ("Nadam", "global clipnorm with EMA", {"learning_rate": 0.01, "global_clipnorm": 0.5, "use_ema": True}),
    ("Lion", "decay and clipnorm", {"learning_rate": 0.01, "clipnorm": 0.2, "weight_decay": 1.0}),
]


def cross_check_with_torch_optim():
    """Where torch.optim implements Keras's formula, the two must agree: a check of this script."""
    weights, gradient_steps = problem(99)

    def torch_run(make, steps):
        params = [w.clone().requires_grad_(True) for w in weights]
        opt = make(params)
        for grads in steps:
            for p, g in zip(params, grads):
                p.grad = g.clone()
            opt.step()
        return [p.detach() for p in params]

    cases = [
        ("Adadelta", {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-6},
         lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.9, eps=1e-6), 1e-13),
        ("SGD", {"learning_rate": 0.1}, lambda p: torch.optim.SGD(p, lr=0.1), 1e-13),
        # Adam's epsilon sits elsewhere in torch.optim (outside the bias correction): with a tiny
        # epsilon the two agree to rounding.
        ("Adam", {"learning_rate": 0.01, "epsilon": 1e-300}, lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-300),
         1e-12),
        ("Adam", {"learning_rate": 0.01, "epsilon": 1e-300, "amsgrad": True},
         lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-300, amsgrad=True), 1e-12),
        # torch.optim.AdamW decays by lr * weight_decay * w before its update, as Keras does.
        ("AdamW", {"learning_rate": 0.01, "epsilon": 1e-300, "weight_decay": 0.1},
         lambda p: torch.optim.AdamW(p, lr=0.01, eps=1e-300, weight_decay=0.1), 1e-12),
        ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.1, "epsilon": 1e-300},
         lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.1, eps=1e-300), 1e-12),
    ]
    for class_name, config, make, tolerance in cases:
        ours = run(class_name, config, weights, gradient_steps)[0][-1]
        theirs = torch_run(make, gradient_steps)
        for a, b in zip(ours, theirs):
            error = torch.max(torch.abs(a - b) / torch.clamp(torch.abs(b), min=1e-300)).item()
            assert error < tolerance, (class_name, config, error)


def write(path, payload):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


def main():
    cross_check_with_torch_optim()
    for seed, (class_name, cases) in enumerate(OPTIMIZER_CASES.items()):
        write(os.path.join(HERE, class_name + ".json"),
              {"cases": [optimizer_case(name, class_name, config, seed) for name, config in cases]})
    write(os.path.join(HERE, "Optimizer.json"),
          {"cases": [optimizer_case(name, class_name, config, 100 + i)
                     for i, (class_name, name, config) in enumerate(BASE_CASES)]})
    for class_name, cases in SCHEDULE_CASES.items():
        make = SCHEDULES[class_name]
        write(os.path.join(HERE, "schedules", class_name + ".json"),
              {"cases": [{"name": name, "config": config, "steps": steps,
                          "values": [make(config)(s).item() for s in steps]}
                         for name, config, steps in cases]})


if __name__ == "__main__":
    main()
