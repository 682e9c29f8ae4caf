#!/usr/bin/env python3
"""Camera-noise variant sets, after the pipeline of ../shared/data/dev/camera/README.md (Brooks et al. 2019):

1. 8-bit sRGB photo -> linear (inverse sRGB curve);
2. white balance undone (red gain U[1.9, 2.4], blue gain U[1.5, 1.9]);
3. RGGB Bayer mosaic;
4. noise per photosite, variance shot * x + read, shot log-uniform in [0.002, 0.012],
   log(read) = 2.18 log(shot) + 1.2 + N(0, 0.26);
5. demosaic (--demosaic), white balance, sRGB curve; optionally JPEG at --jpeg quality, optionally grey.

clean/ is the same pipeline without step 4 (and without JPEG), 8-bit; noisy/ is 16-bit PNG (8-bit after JPEG,
as decoded). Demosaicing: `bilinear` (each colour's photosites interpolated with the 3x3 bilinear kernels, as
the dev set), `ea` (OpenCV's edge-aware COLOR_BayerBG2RGB_EA on the 16-bit mosaic), `vng` (OpenCV's
COLOR_BayerBG2RGB_VNG, 8-bit only: applied to the mosaic encoded with the sRGB curve to 8 bits and decoded
after, so dark photosites keep their precision). --grey converts the result to one channel (BT.601 luma),
as a grey photo from a colour sensor. Random draws come from --seed and the file name, so a set is reproducible.

Sources: --sources dev (the 8 dev photos of ../shared/data/dev/clean; grey ones replicated to RGB) or
other (photos no setting was tuned on: scikit-image's bundled astronaut, chelsea, coffee, rocket, and the
dev large/ photos motorcycle_left and starry_night), each area-resized so its short side is 256 and
centre-cropped to 256 x 256.

    /usr/bin/python3 tools/camera-noise/make_variants.py --sources other --demosaic ea --jpeg 90 --out runs/sets/other-ea-jpeg90
"""

from __future__ import annotations

import argparse
import os
import zlib

import cv2
import numpy as np

SKIMAGE_DATA = "/usr/lib/python3/dist-packages/skimage/data"
OTHER_SOURCES = [os.path.join(SKIMAGE_DATA, n) for n in ("astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg")]


def srgb_to_linear(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(x):
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * x ** (1 / 2.4) - 0.055)


def rggb_masks(h, w):
    r = np.zeros((h, w), bool)
    r[0::2, 0::2] = True
    b = np.zeros((h, w), bool)
    b[1::2, 1::2] = True
    return r, ~(r | b), b


def demosaic_bilinear(mosaic):
    h, w = mosaic.shape
    masks = rggb_masks(h, w)
    k_rb = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], np.float64) / 4
    k_g = np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]], np.float64) / 4
    out = np.empty((h, w, 3))
    for c, (mask, k) in enumerate(zip(masks, (k_rb, k_g, k_rb))):
        out[:, :, c] = cv2.filter2D(mosaic * mask, cv2.CV_64F, k, borderType=cv2.BORDER_REFLECT_101)
    return out


def demosaic(mosaic, method):
    """mosaic: float linear [H,W], RGGB -> float linear [H,W,3] RGB."""
    if method == "bilinear":
        return demosaic_bilinear(mosaic)
    if method == "ea":
        m16 = np.round(np.clip(mosaic, 0, 1) * 65535).astype(np.uint16)
        return cv2.cvtColor(m16, cv2.COLOR_BayerBG2RGB_EA).astype(np.float64) / 65535
    if method == "vng":
        m8 = np.round(linear_to_srgb(mosaic) * 255).astype(np.uint8)
        return srgb_to_linear(cv2.cvtColor(m8, cv2.COLOR_BayerBG2RGB_VNG).astype(np.float64) / 255)
    raise ValueError(f"unknown demosaic {method!r}")


def load_source(path, resize):
    im = cv2.imread(path, cv2.IMREAD_COLOR)[:, :, ::-1]
    if resize:
        h, w = im.shape[:2]
        scale = 256 / min(h, w)
        im = cv2.resize(im, (max(256, round(w * scale)), max(256, round(h * scale))), interpolation=cv2.INTER_AREA)
        h, w = im.shape[:2]
        y0, x0 = (h - 256) // 2, (w - 256) // 2
        im = im[y0:y0 + 256, x0:x0 + 256]
    return im.astype(np.float64) / 255


def simulate(rgb, rng, method, with_noise):
    """One photo through the pipeline; the same rng draws give the clean and the noisy version."""
    r_gain, b_gain = rng.uniform(1.9, 2.4), rng.uniform(1.5, 1.9)
    shot = np.exp(rng.uniform(np.log(0.002), np.log(0.012)))
    read = np.exp(2.18 * np.log(shot) + 1.2 + rng.normal(0, 0.26))
    lin = srgb_to_linear(rgb) / np.array([r_gain, 1.0, b_gain])
    h, w = lin.shape[:2]
    masks = rggb_masks(h, w)
    mosaic = sum(lin[:, :, c] * m for c, m in enumerate(masks))
    noise = rng.normal(0, 1, mosaic.shape) * np.sqrt(shot * np.clip(mosaic, 0, None) + read)
    if with_noise:
        mosaic = mosaic + noise
    out = demosaic(mosaic, method) * np.array([r_gain, 1.0, b_gain])
    return linear_to_srgb(out), {"r_gain": r_gain, "b_gain": b_gain, "shot": shot, "read": read}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sources", choices=["dev", "other"], required=True)
    p.add_argument("--dev", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "dev"),
                   help="the dev data set (default: ../shared/data/dev beside the repository)")
    p.add_argument("--demosaic", choices=["bilinear", "ea", "vng"], default="bilinear")
    p.add_argument("--jpeg", type=int, default=0, help="JPEG quality of the noisy image (0: none)")
    p.add_argument("--grey", action="store_true")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if args.sources == "dev":
        clean_dir = os.path.join(args.dev, "clean")
        paths, resize = [os.path.join(clean_dir, n) for n in sorted(os.listdir(clean_dir))], False
    else:
        large = os.path.join(args.dev, "large")
        paths, resize = OTHER_SOURCES + [os.path.join(large, n) for n in ("motorcycle_left.png", "starry_night.png")], True
    for sub in ("noisy", "clean"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0] + ".png"
        rgb = load_source(path, resize)
        seed = [args.seed, zlib.crc32(name.encode())]
        clean, params = simulate(rgb, np.random.default_rng(seed), args.demosaic, False)
        noisy, _ = simulate(rgb, np.random.default_rng(seed), args.demosaic, True)
        if args.grey:
            luma = np.array([0.299, 0.587, 0.114])
            clean, noisy = (clean @ luma)[:, :, None], (noisy @ luma)[:, :, None]
        clean8 = np.round(np.clip(clean, 0, 1) * 255).astype(np.uint8)
        if args.jpeg:
            noisy8 = np.round(np.clip(noisy, 0, 1) * 255).astype(np.uint8)
            ok, buf = cv2.imencode(".jpg", noisy8[:, :, ::-1] if noisy8.shape[2] == 3 else noisy8,
                                   [cv2.IMWRITE_JPEG_QUALITY, args.jpeg])
            noisy_out = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        else:
            n16 = np.round(np.clip(noisy, 0, 1) * 65535).astype(np.uint16)
            noisy_out = n16[:, :, ::-1] if n16.shape[2] == 3 else n16[:, :, 0]
        clean_out = clean8[:, :, ::-1] if clean8.shape[2] == 3 else clean8[:, :, 0]
        cv2.imwrite(os.path.join(args.out, "noisy", name), noisy_out)
        cv2.imwrite(os.path.join(args.out, "clean", name), clean_out)
        print(name, {k: round(v, 5) for k, v in params.items()})


if __name__ == "__main__":
    main()
