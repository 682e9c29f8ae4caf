#!/usr/bin/env python3
"""Inference-only variants on models that run_method.py saved (--models): PD inference at several strides,
the dihedral self-ensemble, and refinement passes after the PD output, each scored on the same crop.

Refinements (y = PD inference of the noisy image x at the model's stride, 16-bit quantised at the end):
  r3-sK-pP-tT   random replacing (AP-BSN's R3): T times, a fixed pseudo-random mask m (fraction P of the
                pixels, from seed t) puts noisy pixels back, z = m*x + (1-m)*y, and the model denoises z at
                stride K (1: the whole image, 2: its PD sub-images); the T results are averaged.
                The masks are periodic with period 64 (a 64x64 pattern tiled), so the inference graph can
                hold them as one constant whatever the image size.
  avgS          mean of the PD outputs at strides 2 and S (S = 3 or 4).
  againK        one more pass of the model over y at stride K: y - f(y) (K = 1: the whole image).
  x8-again1     y from the 8-fold self-ensemble of the PD pass, then again1 also self-ensembled (16 passes).
  again1-aA     y - A f(y): the second pass at a fraction A of its strength.

    /usr/bin/python3 tools/camera-noise/refine.py --set ../shared/data/dev/camera --crop 128 --models runs/models/pd2 \
        --stride 2 --log runs/refine.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import torch

import camlib


def periodic_mask(shape, fraction, seed, period=64):
    g = torch.Generator().manual_seed(seed)
    tile = (torch.rand((1, 1, period, period), generator=g) < fraction).float()
    h, w = shape[-2:]
    reps = (-(-h // period), -(-w // period))
    return tile.repeat(1, 1, *reps)[:, :, :h, :w]


def r3(model, x, y, stride, fraction, passes):
    with torch.no_grad():
        out = 0
        for t in range(passes):
            m = periodic_mask(x.shape, fraction, 1000 + t)
            z = m * x + (1 - m) * y
            out = out + camlib.pd_apply(model, z, stride)
        return out / passes


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", required=True)
    p.add_argument("--images", nargs="*")
    p.add_argument("--crop", type=int, default=0)
    p.add_argument("--models", required=True)
    p.add_argument("--stride", type=int, default=2, help="the PD stride of the first inference")
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--variants", nargs="+",
                   default=["pd", "pd-x8", "r3-s1-p0.16-t8", "r3-s2-p0.16-t8", "r3-s1-p0.3-t8", "avg3", "again1", "again2"])
    p.add_argument("--tag", default="")
    p.add_argument("--log", required=True)
    args = p.parse_args()
    torch.set_num_threads(1)
    for name in args.images or camlib.image_names(args.set):
        noisy, clean = camlib.read_pair(args.set, name, args.crop)
        model = camlib.Network(noisy.shape[1], depth=args.depth)
        model.load_state_dict(torch.load(os.path.join(args.models, os.path.splitext(name)[0] + ".pt")))
        x = torch.from_numpy(np.ascontiguousarray(noisy))
        with torch.no_grad():
            y = camlib.pd_apply(model, x, args.stride)
        for v in args.variants:
            t0 = time.perf_counter()
            if v == "pd":
                out = y
            elif v == "pd-x8":
                out = camlib.infer(model, x, stride=args.stride, ensemble=8)
            elif v.startswith("r3-"):
                _, s, frac, passes = v.split("-")
                out = r3(model, x, y, int(s[1:]), float(frac[1:]), int(passes[1:]))
            elif v == "x8-again1":
                y8 = camlib.infer(model, x, stride=args.stride, ensemble=8)
                out = camlib.infer(model, y8, stride=1, ensemble=8)
            elif v.startswith("again1-a"):
                with torch.no_grad():
                    out = y - float(v[8:]) * model(y)
            elif v.startswith("again"):
                with torch.no_grad():
                    out = camlib.pd_apply(model, y, int(v[5:]))
            elif v.startswith("avg"):
                with torch.no_grad():
                    out = 0.5 * (y + camlib.pd_apply(model, x, int(v[3:])))
            else:
                raise ValueError(v)
            out = camlib.quantize16(out.numpy())
            row = {"set": os.path.basename(os.path.normpath(args.set)), "name": name, "tag": args.tag,
                   "crop": args.crop, "models": args.models, "variant": v,
                   "psnr": round(camlib.psnr(out, clean), 4), "ssim": round(camlib.ssim(out, clean), 4),
                   "seconds": round(time.perf_counter() - t0, 2)}
            with open(args.log, "a") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
