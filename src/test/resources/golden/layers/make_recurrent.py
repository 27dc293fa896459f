#!/usr/bin/env python3
"""Golden values for Lepton's recurrent layers (SimpleRNN, LSTM, GRU, Bidirectional, Embedding).

An independent implementation in PyTorch float64 of Keras 3's recurrent semantics
(keras/src/layers/rnn/rnn.py and keras/src/backend/*/rnn.py): the steps run in time order, or in
reverse with go_backwards (the output sequence is then in processing order); where the mask is 0
a row keeps its previous states and its output is the previous output, or zeros with
zero_output_for_mask; Bidirectional runs a forward copy and a go_backwards copy (both with
zero_output_for_mask = return_sequences), flips the backward sequence back and merges.

Each step is torch's own cell (torch.nn.RNNCell, LSTMCell, GRUCell through functional_call), its
weights made from Keras-layout leaves, so that the gradients come out in Keras's layout:
  SimpleRNN  kernel (in, u) = weight_ih.T, recurrent_kernel = weight_hh.T, bias = b_ih (b_hh = 0)
  LSTM       Keras gates i, f, c, o are torch's i, f, g, o: kernel (in, 4u) = weight_ih.T, ...,
             bias (4u) = b_ih (b_hh = 0)
  GRU        Keras gates z, r, h; torch's rows r, z, n: weight_ih = [K_r | K_z | K_h].T, and the
             Keras bias (2, 3u) is b_ih (row 0) and b_hh (row 1), reordered alike; torch's GRU is
             Keras's reset_after=True
  GRU reset_after=False has no torch cell and is written out with torch ops:
             z = sig(x K_z + b_z + h R_z), r = sig(x K_r + b_r + h R_r),
             h~ = tanh(x K_h + b_h + (r h) R_h), h' = z h + (1 - z) h~.
The step loop is checked against torch.nn.RNN / LSTM / GRU over whole sequences first.

The loss is sum(output * output_weights) + sum over states of sum(state * state_weights); the
fixture holds the inputs, weights, outputs, final states and the loss's gradients with respect to
the input, every weight and the initial states.

Writes recurrent.json beside this script. Run: /usr/bin/python3 make_recurrent.py (torch 1.13).
"""
import json
import os

import torch
from torch.nn.utils.stateless import functional_call

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
GEN = torch.Generator().manual_seed(20240518)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=GEN) * scale


def flat(t):
    return [float(v) for v in t.detach().reshape(-1)]


GATES = {"simple_rnn": 1, "lstm": 4, "gru": 3, "gru_reset_before": 3}
STATES = {"simple_rnn": 1, "lstm": 2, "gru": 1, "gru_reset_before": 1}


def bias_shape(cell, units):
    return (2, 3 * units) if cell == "gru" else (GATES[cell] * units,)


def torch_params(cell, units, kernel, recurrent, bias):
    """The torch cell's parameters as functions of the Keras-layout leaves."""
    width = GATES[cell] * units
    zero = torch.zeros(width)
    if cell == "gru":
        def reorder(m):  # Keras z, r, h -> torch r, z, n, along the last axis
            return torch.cat([m[..., units:2 * units], m[..., :units], m[..., 2 * units:]], dim=-1)
        b = bias if bias is not None else torch.zeros(2, width)
        return {"weight_ih": reorder(kernel).T, "weight_hh": reorder(recurrent).T,
                "bias_ih": reorder(b[0]), "bias_hh": reorder(b[1])}
    return {"weight_ih": kernel.T, "weight_hh": recurrent.T,
            "bias_ih": bias if bias is not None else zero, "bias_hh": zero}


def make_cell(cell, features, units):
    if cell == "simple_rnn":
        return torch.nn.RNNCell(features, units, nonlinearity="tanh")
    if cell == "lstm":
        return torch.nn.LSTMCell(features, units)
    return torch.nn.GRUCell(features, units)


def step(cell, module, params, kernel, recurrent, bias, x_t, states):
    units = recurrent.shape[0]
    if cell == "gru_reset_before":
        h = states[0]
        b = bias if bias is not None else torch.zeros(3 * units)
        z = torch.sigmoid(x_t @ kernel[:, :units] + b[:units] + h @ recurrent[:, :units])
        r = torch.sigmoid(x_t @ kernel[:, units:2 * units] + b[units:2 * units] + h @ recurrent[:, units:2 * units])
        hh = torch.tanh(x_t @ kernel[:, 2 * units:] + b[2 * units:] + (r * h) @ recurrent[:, 2 * units:])
        return [z * h + (1 - z) * hh]
    if cell == "lstm":
        h, c = functional_call(module, params, (x_t, (states[0], states[1])))
        return [h, c]
    return [functional_call(module, params, (x_t, states[0]))]


def run_layer(cell, kernel, recurrent, bias, x, mask, initial, go_backwards, return_sequences, zero_output):
    """Keras's RNN.call over torch cells; returns (output, final states)."""
    batch, steps, features = x.shape
    units = recurrent.shape[0]
    module = make_cell(cell, features, units) if cell != "gru_reset_before" else None
    params = torch_params(cell, units, kernel, recurrent, bias) if module is not None else None
    states = list(initial)
    outputs = []
    for s in range(steps):
        t = steps - 1 - s if go_backwards else s
        new = step(cell, module, params, kernel, recurrent, bias, x[:, t], states)
        if mask is not None:
            keep = mask[:, t:t + 1] > 0
            new = [torch.where(keep, n, o) for n, o in zip(new, states)]
            out = torch.where(keep, new[0], torch.zeros_like(new[0])) if zero_output else new[0]
        else:
            out = new[0]
        states = new
        outputs.append(out)
    y = torch.stack(outputs, dim=1) if return_sequences else outputs[-1]
    return y, states


def check_against_torch_layers():
    """The step loop and the weight conversion agree with torch's own fused layers."""
    x = randn(3, 6, 4)
    for cell, layer in [("simple_rnn", torch.nn.RNN(4, 5, batch_first=True)),
                        ("lstm", torch.nn.LSTM(4, 5, batch_first=True)),
                        ("gru", torch.nn.GRU(4, 5, batch_first=True))]:
        kernel = randn(4, GATES[cell] * 5, scale=0.5)
        recurrent = randn(5, GATES[cell] * 5, scale=0.5)
        bias = randn(*bias_shape(cell, 5), scale=0.3)
        p = torch_params(cell, 5, kernel, recurrent, bias)
        with torch.no_grad():  # functional_call does not reach the fused layers' flattened weights
            for key in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]:
                getattr(layer, key + "_l0").copy_(p[key])
        expected, _ = layer(x)
        zeros = [torch.zeros(3, 5) for _ in range(STATES[cell])]
        actual, _ = run_layer(cell, kernel, recurrent, bias, x, None, zeros, False, True, False)
        assert torch.allclose(expected, actual, rtol=0, atol=1e-13), cell


def layer_case(name, cell, batch, steps, features, units, mask=None, initial=False, go_backwards=False,
               return_sequences=False, return_state=False, use_bias=True):
    x = randn(batch, steps, features).requires_grad_()
    width = GATES[cell] * units
    kernel = randn(features, width, scale=0.5).requires_grad_()
    recurrent = randn(units, width, scale=0.5).requires_grad_()
    bias = randn(*bias_shape(cell, units), scale=0.3).requires_grad_() if use_bias else None
    states0 = [(randn(batch, units, scale=0.5) if initial else torch.zeros(batch, units)).requires_grad_()
               for _ in range(STATES[cell])]
    mask_t = torch.tensor(mask, dtype=torch.float64) if mask is not None else None
    y, states = run_layer(cell, kernel, recurrent, bias, x, mask_t, states0, go_backwards, return_sequences, False)
    output_weights = randn(*y.shape)
    state_weights = [randn(batch, units) if return_state else torch.zeros(batch, units) for _ in states]
    loss = (y * output_weights).sum() + sum((s * w).sum() for s, w in zip(states, state_weights))
    loss.backward()
    case = {
        "name": name, "cell": cell, "units": units, "x_shape": list(x.shape), "x": flat(x),
        "mask": mask, "initial_states": [flat(s) for s in states0] if initial else None,
        "go_backwards": go_backwards, "return_sequences": return_sequences, "return_state": return_state,
        "use_bias": use_bias,
        "weights": [flat(kernel), flat(recurrent)] + ([flat(bias)] if use_bias else []),
        "output": flat(y), "states": [flat(s) for s in states],
        "output_weights": flat(output_weights), "state_weights": [flat(w) for w in state_weights],
        "grad_x": flat(x.grad),
        "grad_weights": [flat(kernel.grad), flat(recurrent.grad)] + ([flat(bias.grad)] if use_bias else []),
        "grad_initial_states": [flat(s.grad) for s in states0] if initial else None,
    }
    return case


def bidirectional_case(name, cell, merge_mode, batch, steps, features, units, mask, return_sequences):
    x = randn(batch, steps, features).requires_grad_()
    width = GATES[cell] * units
    leaves = []
    for _ in range(2):
        leaves += [randn(features, width, scale=0.5).requires_grad_(), randn(units, width, scale=0.5).requires_grad_(),
                   randn(*bias_shape(cell, units), scale=0.3).requires_grad_()]
    zeros = [torch.zeros(batch, units) for _ in range(STATES[cell])]
    mask_t = torch.tensor(mask, dtype=torch.float64) if mask is not None else None
    y, _ = run_layer(cell, *leaves[:3], x, mask_t, zeros, False, return_sequences, return_sequences)
    y_rev, _ = run_layer(cell, *leaves[3:], x, mask_t, zeros, True, return_sequences, return_sequences)
    if return_sequences:
        y_rev = torch.flip(y_rev, dims=[1])
    merged = {"concat": lambda: torch.cat([y, y_rev], dim=-1), "sum": lambda: y + y_rev,
              "mul": lambda: y * y_rev, "ave": lambda: (y + y_rev) / 2}[merge_mode]()
    output_weights = randn(*merged.shape)
    (merged * output_weights).sum().backward()
    return {
        "name": name, "cell": cell, "merge_mode": merge_mode, "units": units, "x_shape": list(x.shape), "x": flat(x),
        "mask": mask, "return_sequences": return_sequences,
        "weights": [flat(w) for w in leaves], "output": flat(merged), "output_weights": flat(output_weights),
        "grad_x": flat(x.grad), "grad_weights": [flat(w.grad) for w in leaves],
    }


def model_case():
    """Embedding(mask_zero) -> Bidirectional(LSTM, sequences) -> GRU -> Dense(1), on token ids with padding."""
    vocabulary, dim, units_1, units_2 = 9, 3, 2, 3
    ids = torch.tensor([[4, 1, 7, 0, 0], [2, 0, 5, 8, 3], [6, 6, 0, 0, 0]])
    mask = (ids != 0).to(torch.float64)
    embeddings = randn(vocabulary, dim, scale=0.5).requires_grad_()
    lstm = []
    for _ in range(2):
        lstm += [randn(dim, 4 * units_1, scale=0.5).requires_grad_(), randn(units_1, 4 * units_1, scale=0.5).requires_grad_(),
                 randn(4 * units_1, scale=0.3).requires_grad_()]
    gru = [randn(2 * units_1, 3 * units_2, scale=0.5).requires_grad_(), randn(units_2, 3 * units_2, scale=0.5).requires_grad_(),
           randn(2, 3 * units_2, scale=0.3).requires_grad_()]
    dense = [randn(units_2, 1, scale=0.5).requires_grad_(), randn(1, scale=0.1).requires_grad_()]
    x = embeddings[ids]
    zeros1 = [torch.zeros(3, units_1)] * 2
    y, _ = run_layer("lstm", *lstm[:3], x, mask, zeros1, False, True, True)
    y_rev, _ = run_layer("lstm", *lstm[3:], x, mask, zeros1, True, True, True)
    both = torch.cat([y, torch.flip(y_rev, dims=[1])], dim=-1)
    encoded, _ = run_layer("gru", *gru, both, mask, [torch.zeros(3, units_2)], False, False, False)
    out = encoded @ dense[0] + dense[1]
    output_weights = randn(*out.shape)
    (out * output_weights).sum().backward()
    weights = [embeddings] + lstm + gru + dense
    return {
        "name": "Embedding(mask_zero) -> Bidirectional(LSTM) -> GRU -> Dense",
        "vocabulary": vocabulary, "dim": dim, "units": [units_1, units_2],
        "ids_shape": list(ids.shape), "ids": [float(v) for v in ids.reshape(-1)],
        "weights": [flat(w) for w in weights], "output": flat(out), "output_weights": flat(output_weights),
        "grad_weights": [flat(w.grad) for w in weights],
    }


def main():
    check_against_torch_layers()
    # Row 0 is padded at its end, row 1 in the middle (a mask need not be a suffix), row 2 not at all.
    mask = [[1, 1, 1, 0, 0], [1, 0, 1, 1, 1], [1, 1, 1, 1, 1]]
    layers = []
    for cell in ["simple_rnn", "lstm", "gru", "gru_reset_before"]:
        layers.append(layer_case(cell + " last output", cell, 3, 5, 4, 3))
        layers.append(layer_case(cell + " masked sequences, states, initial states", cell, 3, 5, 4, 3, mask=mask,
                                 initial=True, return_sequences=True, return_state=True))
        layers.append(layer_case(cell + " masked, backwards, last output and states, no bias", cell, 3, 5, 2, 4,
                                 mask=mask, go_backwards=True, return_state=True, use_bias=False))
        layers.append(layer_case(cell + " backwards sequences", cell, 2, 4, 3, 2, go_backwards=True, return_sequences=True))
    bidirectional = [
        bidirectional_case("LSTM concat masked sequences", "lstm", "concat", 3, 5, 2, 3, mask, True),
        bidirectional_case("GRU sum last output", "gru", "sum", 2, 4, 3, 2, None, False),
        bidirectional_case("SimpleRNN mul masked last output", "simple_rnn", "mul", 3, 5, 2, 2, mask, False),
        bidirectional_case("GRU reset_before ave masked sequences", "gru_reset_before", "ave", 3, 5, 3, 2, mask, True),
    ]
    with open(os.path.join(HERE, "recurrent.json"), "w") as f:
        json.dump({"layers": layers, "bidirectional": bidirectional, "model": model_case()}, f)


if __name__ == "__main__":
    main()
