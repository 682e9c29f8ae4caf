#!/usr/bin/env python3
"""Trains one ZS-N2N variant per image of a set (DIR/noisy, DIR/clean matched by name) and scores it.

Each image: train(stride=--train-stride, ...) on the noisy image alone, then inference at every
--infer-strides value (and with the 8-fold self-ensemble when --ensemble 8), each scored against the clean
image after 16-bit quantisation (as the engine writes it). One JSON line per image and inference setting
goes to --log (appended), so interrupted runs keep what they measured; --models keeps the trained weights
for later inference-only experiments (refine.py).

    nice -n 10 /usr/bin/python3 tools/camera-noise/run_method.py --set ../shared/data/dev/camera \
        --train-stride 2 --infer-strides 2 --steps 1000 --log runs/pd2.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np
import torch

import camlib


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", required=True, help="folder with noisy/ and clean/")
    p.add_argument("--images", nargs="*", help="file names (default: all)")
    p.add_argument("--crop", type=int, default=0, help="centre crop side (0: whole image)")
    p.add_argument("--train-stride", type=int, default=1)
    p.add_argument("--infer-strides", type=int, nargs="+", default=None)
    p.add_argument("--ensemble", type=int, nargs="+", default=[1], help="1 and/or 8 dihedral passes")
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--step-size", type=int, default=None, help="default steps/3 (the official halving)")
    p.add_argument("--depth", type=int, default=2, help="2: the paper's network, 3: the engine's deep")
    p.add_argument("--shift", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tag", default="")
    p.add_argument("--log", required=True)
    p.add_argument("--models", help="folder to keep each trained model's state dict")
    args = p.parse_args()
    torch.set_num_threads(1)

    for name in args.images or camlib.image_names(args.set):
        noisy, clean = camlib.read_pair(args.set, name, args.crop)
        x = torch.from_numpy(np.ascontiguousarray(noisy))
        model, train_s = camlib.train(x, stride=args.train_stride, steps=args.steps, lr=args.lr,
                                      step_size=args.step_size, depth=args.depth, seed=args.seed,
                                      shift=args.shift)
        if args.models:
            os.makedirs(args.models, exist_ok=True)
            torch.save(model.state_dict(), os.path.join(args.models, os.path.splitext(name)[0] + ".pt"))
        for s in args.infer_strides or [args.train_stride]:
            for e in args.ensemble:
                t0 = time.perf_counter()
                out = camlib.quantize16(camlib.infer(model, x, stride=s, ensemble=e).numpy())
                row = {"set": os.path.basename(os.path.normpath(args.set)), "name": name, "tag": args.tag,
                       "crop": args.crop, "train_stride": args.train_stride, "infer_stride": s,
                       "ensemble": e, "steps": args.steps, "lr": args.lr, "depth": args.depth,
                       "shift": args.shift, "seed": args.seed,
                       "psnr_noisy": round(camlib.psnr(noisy, clean), 4),
                       "psnr": round(camlib.psnr(out, clean), 4), "ssim": round(camlib.ssim(out, clean), 4),
                       "train_s": round(train_s, 1), "infer_s": round(time.perf_counter() - t0, 2)}
                with open(args.log, "a") as f:
                    f.write(json.dumps(row) + "\n")
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
