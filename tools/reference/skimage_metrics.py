#!/usr/bin/env python3
"""Reference PSNR / SSIM of the test images' noisy files (tests/data) against the clean ones,
computed with scikit-image.  Output (JSON on stdout) is stored as
skimage_expected.json and used as expected values by the C# tests of `zsn2n eval`.

Loading: cv2.IMREAD_UNCHANGED, BGR->RGB, 16-bit /65535, 8-bit /255, float32.
Metrics: skimage.metrics.peak_signal_noise_ratio(clean, noisy, data_range=1)
         skimage.metrics.structural_similarity(clean, noisy, data_range=1,
             channel_axis=2 for colour; all other arguments default)
The float32 arrays are passed to skimage as loaded ("psnr", "ssim").  Because
skimage computes SSIM in the input's float precision, the same values with the
arrays first cast to float64 are given too ("psnr_f64", "ssim_f64").

Run: /usr/bin/python3 tools/reference/skimage_metrics.py [DATA_DIR] > skimage_expected.json
"""

import json
import os
import sys

import cv2
import numpy as np
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

NOISY_SETS = ["noisy_g25", "noisy_g50", "noisy_p50"]


def load_hwc(path):
    im = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if im is None:
        raise FileNotFoundError(path)
    if im.dtype == np.uint16:
        scale = 65535.0
    elif im.dtype == np.uint8:
        scale = 255.0
    else:
        raise ValueError(f"{path}: unsupported dtype {im.dtype}")
    if im.ndim == 3 and im.shape[2] == 3:
        im = cv2.cvtColor(im, cv2.COLOR_BGR2RGB)
    elif im.ndim == 3 and im.shape[2] == 4:
        im = cv2.cvtColor(im, cv2.COLOR_BGRA2RGB)
    return im.astype(np.float32) / np.float32(scale), str(im.dtype)


def metrics(clean, noisy):
    kw = {"data_range": 1}
    if clean.ndim == 3:
        kw["channel_axis"] = 2
    return (float(peak_signal_noise_ratio(clean, noisy, data_range=1)),
            float(structural_similarity(clean, noisy, **kw)))


def main():
    default_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data")
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(default_root)
    clean_dir = os.path.join(root, "clean")
    results = []
    for s in NOISY_SETS:
        d = os.path.join(root, s)
        for name in sorted(os.listdir(d)):
            cpath = os.path.join(clean_dir, name)
            if not os.path.isfile(cpath):
                continue
            noisy, ndt = load_hwc(os.path.join(d, name))
            clean, cdt = load_hwc(cpath)
            p32, s32 = metrics(clean, noisy)
            p64, s64 = metrics(clean.astype(np.float64), noisy.astype(np.float64))
            results.append({
                "set": s,
                "name": name,
                "shape": list(clean.shape),
                "clean_dtype": cdt,
                "noisy_dtype": ndt,
                "psnr": p32,
                "ssim": s32,
                "psnr_f64": p64,
                "ssim_f64": s64,
            })
    out = {
        "description": "skimage PSNR/SSIM of noisy vs clean test images "
                       "(data_range=1; channel_axis=2 for colour; other args default; "
                       "inputs float32 in 0..1, RGB; *_f64 = same inputs cast to float64)",
        "data_dir": os.path.relpath(root, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")),
        "skimage_version": skimage.__version__,
        "numpy_version": np.__version__,
        "opencv_version": cv2.__version__,
        "results": results,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
