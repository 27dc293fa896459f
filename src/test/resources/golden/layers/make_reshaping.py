#!/usr/bin/env python3
"""Golden values for Lepton's reshaping, preprocessing and augmentation layers.

Independent references in float64, with Keras 3's semantics:

* Resizing, UpSampling2D(bilinear), CenterCrop's and Resizing(crop_to_aspect_ratio)'s resize:
  PyTorch's F.interpolate (Keras's torch backend calls it the same way: mode "bilinear" with
  align_corners=False and antialias=False, mode "nearest-exact" for Keras's "nearest"); the crop
  window of crop_to_aspect_ratio / smart_resize is Keras's formula
  (keras/src/backend/torch/image.py resize, keras/src/utils/image_utils.py smart_resize).
* ZeroPadding1D/2D: F.pad; Cropping1D/2D: slicing; UpSampling1D/2D(nearest) and RepeatVector:
  torch.repeat_interleave; Permute: torch.permute; Reshape: torch.reshape.
* Affine transforms (RandomRotation, RandomZoom, RandomTranslation, RandomFlip): NumPy code
  written here, following Keras's NumPy backend rather than Lepton's kernel: the transform row
  [a0, a1, a2, b0, b1, b2, 0, 0] maps output pixel (x, y) to input point
  (a0 x + a1 y + a2, b0 x + b1 y + b2) (keras/src/ops/image.py affine_transform); the image is
  first padded with np.pad in the fill mode's NumPy equivalent (reflect -> "symmetric",
  wrap -> "wrap", nearest -> "edge", constant -> constant fill_value), wide enough for every
  point read, and then sampled bilinearly (the four neighbours weighted by the fractional
  parts) or at the nearest pixel (np.round, half to even, as Keras's JAX and torch backends).
  The matrices are Keras's: RandomRotation's _compute_affine_matrix about ((w-1)/2, (h-1)/2),
  RandomZoom's _get_zoom_matrix, RandomTranslation's _get_translation_matrix.
  The input gradient of sum(y * w) is M^T w, where the columns of the linear map M are the
  reference applied to one-hot images with fill value 0.
* Normalization.adapt: np.mean and np.var (population variance) over every axis except the kept ones.

Each case holds its inputs, settings, the output and, for differentiable layers, the fixed
projection weights w and the input gradient of sum(y * w).

Run from anywhere: python3 make_reshaping.py (PyTorch >= 1.13, NumPy; no GPU needed).
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240517)


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).reshape(-1)]


def normal(*shape):
    return RNG.standard_normal(shape)


def torch_case(fn, x, **settings):
    """Runs fn on x (NHWC or any layout fn expects), returns output, projection and input gradient."""
    xt = torch.tensor(x, requires_grad=True)
    y = fn(xt)
    w = normal(*y.shape)
    (y * torch.tensor(w)).sum().backward()
    case = {"x": flat(x), "x_shape": list(x.shape), "y": flat(y.detach().numpy()), "y_shape": list(y.shape),
            "w": flat(w), "dx": flat(xt.grad.numpy())}
    case.update(settings)
    return case


def nhwc_resize(h, w, mode):
    torch_mode = "nearest-exact" if mode == "nearest" else "bilinear"
    kwargs = {"align_corners": False, "antialias": False} if mode == "bilinear" else {}

    def fn(x):
        y = F.interpolate(x.permute(0, 3, 1, 2), size=(h, w), mode=torch_mode, **kwargs)
        return y.permute(0, 2, 3, 1)
    return fn


def crop_window(height, width, target_h, target_w):
    """Keras's crop_to_aspect_ratio / smart_resize window: (top, left, crop_h, crop_w)."""
    crop_h = max(min(height, int(float(width * target_h) / target_w)), 1)
    crop_w = max(min(width, int(float(height * target_w) / target_h)), 1)
    return int(float(height - crop_h) / 2), int(float(width - crop_w) / 2), crop_h, crop_w


def smart_resize(h, w, mode):
    def fn(x):
        top, left, ch, cw = crop_window(x.shape[1], x.shape[2], h, w)
        return nhwc_resize(h, w, mode)(x[:, top:top + ch, left:left + cw, :])
    return fn


def resize_cases():
    cases = []
    for name, shape, size, mode in [
            ("bilinear up", (2, 3, 4, 2), (5, 7), "bilinear"),
            ("bilinear down", (2, 7, 9, 3), (3, 4), "bilinear"),
            ("bilinear mixed", (1, 4, 6, 1), (8, 3), "bilinear"),
            ("bilinear one pixel", (1, 1, 1, 2), (3, 2), "bilinear"),
            ("nearest up", (2, 3, 4, 2), (5, 7), "nearest"),
            ("nearest down", (2, 7, 9, 3), (3, 4), "nearest"),
            ("nearest mixed", (1, 4, 6, 1), (8, 3), "nearest")]:
        cases.append(torch_case(nhwc_resize(size[0], size[1], mode), normal(*shape), name=name, height=size[0],
                                width=size[1], interpolation=mode))
    for name, shape, size, mode in [
            ("smart wide", (2, 4, 9, 2), (3, 3), "bilinear"),
            ("smart tall", (1, 9, 4, 1), (4, 5), "nearest"),
            ("smart small", (1, 3, 2, 2), (5, 5), "bilinear")]:
        cases.append(torch_case(smart_resize(size[0], size[1], mode), normal(*shape), name=name, height=size[0],
                                width=size[1], interpolation=mode, crop_to_aspect_ratio=True))
    return cases


def upsampling2d_cases():
    cases = []
    for rows, cols in [(2, 2), (2, 3), (3, 1)]:
        x = normal(2, 3, 4, 2)
        cases.append(torch_case(nhwc_resize(3 * rows, 4 * cols, "bilinear"), x, name=f"bilinear {rows}x{cols}",
                                rows=rows, cols=cols, interpolation="bilinear"))
        cases.append(torch_case(lambda t, r=rows, c=cols: t.repeat_interleave(r, dim=1).repeat_interleave(c, dim=2), x,
                                name=f"nearest {rows}x{cols}", rows=rows, cols=cols, interpolation="nearest"))
    return cases


def reshaping_cases():
    return {
        "ZeroPadding1D": [torch_case(lambda t: F.pad(t, (0, 0, 2, 3)), normal(2, 4, 3), left=2, right=3)],
        "ZeroPadding2D": [torch_case(lambda t: F.pad(t, (0, 0, 3, 0, 1, 2)), normal(2, 3, 4, 2),
                                     top=1, bottom=2, left=3, right=0)],
        "Cropping1D": [torch_case(lambda t: t[:, 1:4, :], normal(2, 6, 3), start=1, end=2)],
        "Cropping2D": [torch_case(lambda t: t[:, 2:4, 1:3, :], normal(2, 5, 6, 2), top=2, bottom=1, left=1, right=3)],
        "UpSampling1D": [torch_case(lambda t: t.repeat_interleave(3, dim=1), normal(2, 4, 3), size=3)],
        "RepeatVector": [torch_case(lambda t: t[:, None, :].repeat_interleave(4, dim=1), normal(3, 5), n=4)],
        "Permute": [torch_case(lambda t: t.permute(0, 3, 1, 2), normal(2, 3, 4, 5), dims=[3, 1, 2])],
        "Reshape": [torch_case(lambda t: t.reshape(2, 3, -1, 2), normal(2, 4, 3, 2), target_shape=[3, -1, 2])],
        "CenterCrop": [torch_case(lambda t: t[:, 1:4, 2:4, :], normal(2, 6, 7, 2), height=3, width=2),
                       torch_case(smart_resize(4, 6, "bilinear"), normal(2, 3, 8, 2), height=4, width=6)],
    }


# ------------------------------------------------------------------------------------ affine

PAD_MODES = {"reflect": "symmetric", "wrap": "wrap", "nearest": "edge"}


def affine_reference(images, transforms, interpolation, fill_mode, fill_value):
    """Keras's affine_transform on NHWC images, by padding then sampling (see the module docstring)."""
    batch, height, width, channels = images.shape
    out = np.empty_like(images)
    ys, xs = np.meshgrid(np.arange(height, dtype=np.float64), np.arange(width, dtype=np.float64), indexing="ij")
    for b in range(batch):
        a0, a1, a2, b0, b1, b2 = transforms[b][:6]
        sx = a0 * xs + a1 * ys + a2
        sy = b0 * xs + b1 * ys + b2
        pad = int(math.ceil(max(np.abs(sx).max(), np.abs(sy).max()))) + 2 + max(height, width)
        spec = ((pad, pad), (pad, pad), (0, 0))
        if fill_mode == "constant":
            padded = np.pad(images[b], spec, mode="constant", constant_values=fill_value)
        else:
            padded = np.pad(images[b], spec, mode=PAD_MODES[fill_mode])
        if interpolation == "nearest":
            iy = np.round(sy).astype(int) + pad
            ix = np.round(sx).astype(int) + pad
            out[b] = padded[iy, ix]
        else:
            fy, fx = np.floor(sy), np.floor(sx)
            wy, wx = (sy - fy)[..., None], (sx - fx)[..., None]
            iy, ix = fy.astype(int) + pad, fx.astype(int) + pad
            out[b] = ((1 - wy) * (1 - wx) * padded[iy, ix] + (1 - wy) * wx * padded[iy, ix + 1]
                      + wy * (1 - wx) * padded[iy + 1, ix] + wy * wx * padded[iy + 1, ix + 1])
    return out


def affine_gradient(shape, transforms, interpolation, fill_mode, w):
    """M^T w, with M's columns the reference on one-hot images (the fill value is a constant)."""
    grad = np.zeros(shape)
    for i in range(int(np.prod(shape))):
        basis = np.zeros(int(np.prod(shape)))
        basis[i] = 1.0
        column = affine_reference(basis.reshape(shape), transforms, interpolation, fill_mode, 0.0)
        grad.reshape(-1)[i] = float((column * w).sum())
    return grad


def rotation_matrix(angle_degrees, height, width):
    """Keras's _compute_affine_matrix with center (0.5, 0.5), scale 1, no shear, no translation."""
    angle = angle_degrees * math.pi / 180.0
    cx, cy = 0.5 * (width - 1), 0.5 * (height - 1)
    a0, a1 = math.cos(angle), -math.sin(angle)
    b0, b1 = math.sin(angle), math.cos(angle)
    return [a0, a1, cx - cx * a0 - cy * a1, b0, b1, cy - cx * b0 - cy * b1, 0.0, 0.0]


def zoom_matrix(zx, zy, height, width):
    """Keras's RandomZoom._get_zoom_matrix."""
    return [zx, 0.0, (width - 1.0) / 2.0 * (1.0 - zx), 0.0, zy, (height - 1.0) / 2.0 * (1.0 - zy), 0.0, 0.0]


def translation_matrix(dx, dy):
    """Keras's RandomTranslation._get_translation_matrix."""
    return [1.0, 0.0, -dx, 0.0, 1.0, -dy, 0.0, 0.0]


def affine_case(name, layer, settings, transforms, interpolation, fill_mode, fill_value, shape=(2, 5, 6, 2)):
    x = normal(*shape)
    y = affine_reference(x, transforms, interpolation, fill_mode, fill_value)
    w = normal(*shape)
    return {"name": name, "layer": layer, "settings": settings, "transforms": flat(transforms),
            "interpolation": interpolation, "fill_mode": fill_mode, "fill_value": fill_value,
            "x": flat(x), "x_shape": list(shape), "y": flat(y), "w": flat(w),
            "dx": flat(affine_gradient(shape, transforms, interpolation, fill_mode, w))}


def affine_cases():
    h, w = 5, 6
    cases = []
    for fill in ["reflect", "wrap", "constant", "nearest"]:
        for interp in ["bilinear", "nearest"]:
            # RandomRotation(factor=(0.1, 0.1)) turns every image by 36 degrees.
            cases.append(affine_case(f"rotation {fill} {interp}", "RandomRotation", {"factor": [0.1, 0.1]},
                                     [rotation_matrix(36.0, h, w)] * 2, interp, fill, 0.5))
    # RandomZoom(height_factor=(0.3, 0.3), width_factor=(-0.4, -0.4)): zy = 1.3, zx = 0.6.
    for fill in ["reflect", "constant"]:
        cases.append(affine_case(f"zoom {fill}", "RandomZoom", {"height_factor": [0.3, 0.3], "width_factor": [-0.4, -0.4]},
                                 [zoom_matrix(0.6, 1.3, h, w)] * 2, "bilinear", fill, -1.0))
    # RandomZoom(height_factor=(-0.25, -0.25)), no width factor: both zooms 0.75.
    cases.append(affine_case("zoom aspect kept", "RandomZoom", {"height_factor": [-0.25, -0.25]},
                             [zoom_matrix(0.75, 0.75, h, w)] * 2, "bilinear", "wrap", 0.0))
    # RandomTranslation(height_factor=(0.3, 0.3), width_factor=(-0.25, -0.25)): dy = 1.5, dx = -1.5.
    for fill in ["reflect", "wrap", "constant", "nearest"]:
        cases.append(affine_case(f"translation {fill}", "RandomTranslation",
                                 {"height_factor": [0.3, 0.3], "width_factor": [-0.25, -0.25]},
                                 [translation_matrix(-0.25 * w, 0.3 * h)] * 2, "bilinear", fill, 2.0))
    # A general affine map with shear, different per image, straight through the op.
    cases.append(affine_case("general", "AffineTransform", {},
                             [[0.9, 0.3, -0.7, -0.2, 1.1, 0.4, 0, 0], [1.2, -0.4, 1.3, 0.5, 0.8, -1.1, 0, 0]],
                             "bilinear", "reflect", 0.0))
    return cases


def flip_case():
    x = normal(3, 4, 5, 2)
    return {"x": flat(x), "x_shape": list(x.shape), "horizontal": flat(x[:, :, ::-1, :]),
            "vertical": flat(x[:, ::-1, :, :]), "both": flat(x[:, ::-1, ::-1, :])}


def normalization_cases():
    cases = []
    for name, shape, axis in [("last axis", (6, 4, 3), [-1]), ("axes 1 and 3", (5, 3, 2, 4), [1, 3]),
                              ("all", (7, 3), []), ("middle axis", (4, 3, 5), [1])]:
        data = normal(*shape) * 3.0 + 1.5
        reduce = tuple(d for d in range(len(shape)) if d not in [a % len(shape) for a in axis])
        cases.append({"name": name, "axis": axis, "data": flat(data), "data_shape": list(shape),
                      "mean": flat(np.mean(data, axis=reduce)), "variance": flat(np.var(data, axis=reduce)),
                      "count": int(np.prod([shape[d] for d in reduce]))})
    return cases


def main():
    fixtures = {
        "resize.json": {"cases": resize_cases()},
        "up_sampling2d.json": {"cases": upsampling2d_cases()},
        "reshaping.json": reshaping_cases(),
        "affine.json": {"cases": affine_cases(), "flip": flip_case()},
        "normalization.json": {"cases": normalization_cases()},
    }
    for name, content in fixtures.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(content, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
