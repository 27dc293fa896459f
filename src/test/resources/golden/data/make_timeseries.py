#!/usr/bin/env python3
"""Expected windows of timeseries_dataset_from_array, in NumPy, following Keras 3's code
(keras/src/utils/timeseries_dataset_utils.py) step by step, without shuffling:
  num_seqs = end_index - start_index - (sequence_length - 1) * sampling_rate
  num_seqs = min(num_seqs, len(targets))              (with targets)
  start_positions = arange(0, num_seqs, sequence_stride)
  window i = data[start_index:end_index][p_i : p_i + sequence_length * sampling_rate : sampling_rate]
  target i = targets[start_index:end_index][p_i]
The data is arange(steps * features) reshaped, so every value names its position.
Writes timeseries.json beside this script. Run: /usr/bin/python3 make_timeseries.py
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def windows(steps, features, length, stride=1, rate=1, start=None, end=None, with_targets=True, target_steps=None):
    data = np.arange(steps * max(features, 1), dtype=float)
    data = data.reshape(steps, features) if features else data
    targets = np.arange(target_steps or steps, dtype=float) * 10 if with_targets else None
    s = start or 0
    e = end or len(data)
    num = e - s - (length - 1) * rate
    if targets is not None:
        num = min(num, len(targets))
    positions = np.arange(0, num, stride)
    part = data[s:e]
    x = [part[p:p + length * rate:rate].tolist() for p in positions]
    case = {"steps": steps, "features": features, "sequence_length": length, "sequence_stride": stride,
            "sampling_rate": rate, "start_index": start, "end_index": end, "x": x, "count": len(positions)}
    if targets is not None:
        case["target_steps"] = len(targets)
        case["y"] = [targets[s:e][p] for p in positions]
    return case


cases = [
    windows(20, 0, 5),
    windows(20, 2, 4, stride=3, rate=2),
    windows(30, 1, 3, stride=2, rate=3, start=4, end=25),
    windows(12, 0, 4, with_targets=False, stride=4),
    windows(15, 3, 2, stride=1, rate=1, target_steps=6),
    windows(10, 0, 6, rate=2),
]
with open(os.path.join(HERE, "timeseries.json"), "w") as f:
    json.dump({"generator": "make_timeseries.py", "cases": cases}, f)
