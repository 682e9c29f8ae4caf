#!/usr/bin/env python3
"""Candidate statistics for `--noise auto`: from the noisy image alone, is its noise pixel-independent or
spatially correlated, and how strong?

For each channel and both axes, second differences at lag k remove a locally linear signal:
    h_k(p) = x(p - k) - 2 x(p) + x(p + k)
With pixel-independent noise of variance s^2, Var h_1 = Var h_2 = 6 s^2. With noise of lag-j covariance C(j)
(C(0) = s^2), Var h_1 = 6 C(0) - 8 C(1) + 2 C(2) and Var h_2 = 6 C(0) - 8 C(2) + 2 C(4): positive
neighbour correlation (demosaicing, JPEG, in-camera filtering) shrinks h_1 far more than h_2. Signal
leaks more into h_2 than into h_1, which pushes the ratio down for either kind, so both are taken robustly:
    sigma_k = 1.4826 * median |h_k| / sqrt(6)      (MAD, Gaussian-consistent)
    ratio   = sigma_1 / sigma_2                    (about 1 when independent, well below when correlated)
pooled over channels and axes as medians of the per-(channel, axis) values. sigma_2 is the noise level as
the network at PD stride 2 sees it (the lag-2 neighbours are its lag-1 neighbours).

`ratio_flat`: sqrt(mean h_1^2 / mean h_2^2) over the quarter of 8x8 blocks with the least h_1^2 + h_2^2
energy (least signal), leaving out blocks that touch a clipped pixel (0 or 1: no noise there, it reads as
correlated); the median over channels and axes.

    /usr/bin/python3 tools/camera-noise/estimator.py --sets ../shared/data/dev/noisy_g25 ... [--crop 64] --log runs/est.jsonl
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np

import camlib

MAD = 1.4826


def second_differences(ch: np.ndarray, k: int, axis: int) -> np.ndarray:
    a = np.moveaxis(ch, axis, 0)
    return np.moveaxis(a[:-2 * k] - 2 * a[k:-k] + a[2 * k:], 0, axis)


def statistics(x: np.ndarray) -> dict:
    """x: float [1,C,H,W] in 0..1."""
    ratios, sigmas1, sigmas2, flat = [], [], [], []
    for c in range(x.shape[1]):
        ch = x[0, c].astype(np.float64)
        for axis in (0, 1):
            h1 = second_differences(ch, 1, axis)
            h2 = second_differences(ch, 2, axis)
            # align both to the same centre pixels (h2 is 2 shorter on each end)
            h1 = np.take(h1, range(1, h1.shape[axis] - 1), axis=axis)
            s1 = MAD * np.median(np.abs(h1)) / np.sqrt(6)
            s2 = MAD * np.median(np.abs(h2)) / np.sqrt(6)
            sigmas1.append(s1)
            sigmas2.append(s2)
            ratios.append(s1 / max(s2, 1e-12))
            hh, ww = (h1.shape[0] // 8) * 8, (h1.shape[1] // 8) * 8
            e1 = (h1[:hh, :ww] ** 2).reshape(hh // 8, 8, ww // 8, 8).mean((1, 3)).ravel()
            e2 = (h2[:hh, :ww] ** 2).reshape(hh // 8, 8, ww // 8, 8).mean((1, 3)).ravel()
            # blocks touching a clipped pixel (0 or 1) hold no noise there and read as correlated: left out
            clip = (ch <= 1 / 512) | (ch >= 1 - 1 / 512)
            clip = clip[2:-2, :] if axis == 0 else clip[:, 2:-2]
            cb = clip[:hh, :ww].reshape(hh // 8, 8, ww // 8, 8).any((1, 3)).ravel()
            energy = np.where(cb, np.inf, e1 + e2) if not cb.all() else e1 + e2
            keep = np.argsort(energy)[: max(1, int(np.isfinite(energy).sum()) // 4)]
            flat.append(np.sqrt(e1[keep].mean() / max(e2[keep].mean(), 1e-24)))
    return {"ratio": float(np.median(ratios)), "ratio_flat": float(np.median(flat)),
            "sigma1": float(np.median(sigmas1)), "sigma2": float(np.median(sigmas2))}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sets", nargs="+", required=True, help="folders with noisy/ (or images directly)")
    p.add_argument("--crop", type=int, default=0, help="also every non-overlapping crop of this side")
    p.add_argument("--log", required=True)
    args = p.parse_args()
    with open(args.log, "a") as f:
        for d in args.sets:
            folder = os.path.join(d, "noisy") if os.path.isdir(os.path.join(d, "noisy")) else d
            label = os.path.basename(os.path.normpath(d))
            for name in sorted(os.listdir(folder)):
                x = camlib.read_image(os.path.join(folder, name))
                h, w = x.shape[-2:]
                boxes = [(0, 0, h, w)]
                if args.crop:
                    boxes = [(y, xx, args.crop, args.crop) for y in range(0, h - args.crop + 1, args.crop)
                             for xx in range(0, w - args.crop + 1, args.crop)]
                for y, xx, bh, bw in boxes:
                    row = {"set": label, "name": name, "crop": args.crop, "y": y, "x": xx, "channels": x.shape[1]}
                    row.update({k: round(v, 5) for k, v in statistics(x[:, :, y:y + bh, xx:xx + bw]).items()})
                    f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
