#!/usr/bin/env python3
"""Golden values for Lepton's MultiHeadAttention.

An independent implementation in PyTorch float64 of Keras 3's MultiHeadAttention
(keras/src/layers/attention/multi_head_attention.py), written with its einsum equations for
rank-3 inputs (batch, steps, features):
  query = einsum("abc,cde->abde", query, Wq) + bq           (B, T, N, H)
  key   = einsum("abc,cde->abde", key, Wk) + bk             (B, S, N, H)
  value = einsum("abc,cde->abde", value, Wv) + bv           (B, S, N, V)
  query = query * (1 / sqrt(key_dim))
  scores = einsum("aecd,abcd->acbe", key, query)            (B, N, T, S)
  mask (B, T, S) = query_mask[:, :, None] & value_mask[:, None, :] & key_mask[:, None, :]
                   & causal (row >= col) & attention_mask       (Keras's _compute_attention_mask)
  scores = where(mask, scores, -1e9); p = softmax(scores, -1); p = where(mask, p, 0)   (Softmax layer)
  out = einsum("acbe,aecd->abcd", p, value)                 (B, T, N, V)
  out = einsum("abcd,cde->abe", out, Wo) + bo               (B, T, out)
Weights are Keras's get_weights() order: query kernel, bias, key kernel, bias, value kernel, bias,
output kernel, bias (no biases with use_bias=False).

The fixture holds inputs, masks, weights, the output, the attention scores, and the gradients of
sum(out * mix) with respect to the inputs and every weight.
Writes attention.json beside this script. Run: /usr/bin/python3 make_attention.py (torch 1.13).
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
GEN = torch.Generator().manual_seed(20261203)


def randn(*shape):
    return torch.randn(*shape, generator=GEN)


def flat(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1)]}


def case(name, heads, key_dim, value_dim=None, batch=2, t=3, s=4, dq=5, dv=6, dk=None, use_bias=True,
         output_shape=None, query_mask=None, value_mask=None, key_mask=None, attention_mask=None, causal=False,
         self_attention=False):
    value_dim = value_dim or key_dim
    if self_attention:
        s, dv = t, dq
    query = randn(batch, t, dq).requires_grad_()
    value = query if self_attention else randn(batch, s, dv).requires_grad_()
    key = randn(batch, s, dk).requires_grad_() if dk else None
    key_in = value if key is None else key
    dkey = key_in.shape[-1]
    out_dim = output_shape or dq
    shapes = [("query_kernel", (dq, heads, key_dim)), ("query_bias", (heads, key_dim)),
              ("key_kernel", (dkey, heads, key_dim)), ("key_bias", (heads, key_dim)),
              ("value_kernel", (dv, heads, value_dim)), ("value_bias", (heads, value_dim)),
              ("attention_output_kernel", (heads, value_dim, out_dim)), ("attention_output_bias", (out_dim,))]
    weights = {}
    for n, shape in shapes:
        if n.endswith("bias") and not use_bias:
            continue
        weights[n] = (randn(*shape) * 0.5).requires_grad_()

    def bias(n):
        return weights[n] if use_bias else 0.0

    q = torch.einsum("abc,cde->abde", query, weights["query_kernel"]) + bias("query_bias")
    k = torch.einsum("abc,cde->abde", key_in, weights["key_kernel"]) + bias("key_bias")
    v = torch.einsum("abc,cde->abde", value, weights["value_kernel"]) + bias("value_bias")
    q = q * (1.0 / math.sqrt(key_dim))
    scores = torch.einsum("aecd,abcd->acbe", k, q)
    mask = None

    def both(a, b):
        return b if a is None else a & b

    if query_mask is not None:
        mask = both(mask, query_mask.bool()[:, :, None])
    if value_mask is not None:
        mask = both(mask, value_mask.bool()[:, None, :])
    if key_mask is not None:
        mask = both(mask, key_mask.bool()[:, None, :])
    if causal:
        mask = both(mask, torch.ones(t, s).tril().bool()[None])
    if attention_mask is not None:
        mask = both(mask, attention_mask.bool())
    if mask is not None:
        m = mask[:, None, :, :]
        scores = torch.where(m, scores, torch.tensor(-1e9))
        p = torch.softmax(scores, -1)
        p = torch.where(m, p, torch.tensor(0.0))
    else:
        p = torch.softmax(scores, -1)
    o = torch.einsum("acbe,aecd->abcd", p, v)
    out = torch.einsum("abcd,cde->abe", o, weights["attention_output_kernel"]) + bias("attention_output_bias")
    mix = randn(*out.shape)
    (out * mix).sum().backward()
    config = {"name": "mha", "num_heads": heads, "key_dim": key_dim, "value_dim": value_dim, "dropout": 0.0,
              "use_bias": use_bias, "output_shape": [output_shape] if output_shape else None, "attention_axes": None}
    if causal:
        config["use_causal_mask"] = True
    c = {"name": name, "config": config, "self_attention": self_attention, "query": flat(query), "mix": flat(mix),
         "y": flat(out), "scores": flat(p), "weights": {n: flat(w) for n, w in weights.items()},
         "grads": {n: flat(w.grad) for n, w in weights.items()}, "dquery": flat(query.grad)}
    if not self_attention:
        c["value"] = flat(value)
        c["dvalue"] = flat(value.grad)
    if key is not None:
        c["key"] = flat(key)
        c["dkey"] = flat(key.grad)
    for n, m in [("query_mask", query_mask), ("value_mask", value_mask), ("key_mask", key_mask),
                 ("attention_mask", attention_mask)]:
        if m is not None:
            c[n] = flat(m.double())
    return c


cases = [
    case("2 heads", 2, 3),
    case("3 heads, value_dim 2, key input, output_shape 4", 3, 2, value_dim=2, dk=7, output_shape=4),
    case("no bias, odd sizes", 1, 5, use_bias=False, batch=3, t=2, s=5, dq=3, dv=2),
    case("self-attention causal", 2, 4, self_attention=True, t=5, dq=4, causal=True),
    case("query and value masks", 2, 3, query_mask=torch.tensor([[1, 1, 0], [1, 0, 0]]),
         value_mask=torch.tensor([[1, 1, 1, 0], [1, 1, 0, 0]])),
    case("attention mask and key mask", 2, 2, dk=3, key_mask=torch.tensor([[1, 0, 1, 1], [1, 1, 1, 1]]),
         attention_mask=torch.tensor([[[1, 0, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]],
                                      [[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1]]])),
]
with open(os.path.join(HERE, "attention.json"), "w") as f:
    json.dump({"generator": "make_attention.py", "cases": cases}, f)
