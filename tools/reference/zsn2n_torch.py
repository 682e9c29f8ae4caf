#!/usr/bin/env python3
"""PyTorch yardstick for ZsN2N.Ort (Zero-Shot Noise2Noise, Mansour & Heckel, CVPR 2023).

This is a *reference* used to check the .NET / ONNX Runtime implementation
(loss value, parameter gradients, end-to-end PSNR and speed).  It is never a
dependency of the .NET code.

The maths follows the authors' official Colab notebook:

    pair_downsampler: depthwise conv2d, stride 2, groups=C,
        output1 = filter1 = [[0, .5], [.5, 0]]   (anti-diagonal)
        output2 = filter2 = [[.5, 0], [0, .5]]   (diagonal)
    network: Conv(C,48,3,p=1) LReLU(.2) Conv(48,48,3,p=1) LReLU(.2) Conv(48,C,1)
        (predicts the noise; denoised = x - f(x))
    loss_res  = 1/2 * (mse(noisy1, pred2) + mse(noisy2, pred1))
    loss_cons = 1/2 * (mse(pred1, denoised1) + mse(pred2, denoised2))
    loss = loss_res + loss_cons
    Adam(lr=1e-3), 3000 steps, StepLR(step_size=1000, gamma=0.5) stepped once per
    training step (after optimizer.step()); output clamp(x - f(x), 0, 1).

The loss is symmetric under swapping the two downsampled images, so whether
"D1" is the diagonal or the anti-diagonal filter does not change the loss or
gradients mathematically (only float rounding order).  ``--d1-diagonal``
switches to output1 = diagonal filter if bit-closer agreement with a port that
uses that convention is wanted.

Usage (run with Debian's interpreter, /usr/bin/python3):
    zsn2n_torch.py grad --case DIR [--float64] [--d1-diagonal] [--prefix torch_]
    zsn2n_torch.py train-case --case DIR --steps N [--float64] [--d1-diagonal] [--prefix torch_]
    zsn2n_torch.py denoise --noisy FILE [--clean FILE] [--steps 3000] ...
    zsn2n_torch.py batch --noisy-dir D --clean-dir D [--steps N] ...
See README.md next to this file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

PARAM_NAMES = [
    "conv1_weight",
    "conv1_bias",
    "conv2_weight",
    "conv2_bias",
    "conv3_weight",
    "conv3_bias",
]

IMAGE_EXTS = (".png", ".tif", ".tiff", ".bmp", ".jpg", ".jpeg", ".pgm", ".ppm")


# --------------------------------------------------------------------------
# Model and loss (official notebook)
# --------------------------------------------------------------------------
class Network(nn.Module):
    def __init__(self, n_chan: int, chan_embed: int = 48):
        super().__init__()
        self.act = nn.LeakyReLU(negative_slope=0.2, inplace=True)
        self.conv1 = nn.Conv2d(n_chan, chan_embed, 3, padding=1)
        self.conv2 = nn.Conv2d(chan_embed, chan_embed, 3, padding=1)
        self.conv3 = nn.Conv2d(chan_embed, n_chan, 1)

    def forward(self, x):
        x = self.act(self.conv1(x))
        x = self.act(self.conv2(x))
        x = self.conv3(x)
        return x


def pair_downsampler(img: torch.Tensor, d1_diagonal: bool = False):
    c = img.shape[1]
    anti = torch.tensor([[[[0, 0.5], [0.5, 0]]]], dtype=img.dtype, device=img.device)
    diag = torch.tensor([[[[0.5, 0], [0, 0.5]]]], dtype=img.dtype, device=img.device)
    filter1, filter2 = (diag, anti) if d1_diagonal else (anti, diag)
    filter1 = filter1.repeat(c, 1, 1, 1)
    filter2 = filter2.repeat(c, 1, 1, 1)
    output1 = F.conv2d(img, filter1, stride=2, groups=c)
    output2 = F.conv2d(img, filter2, stride=2, groups=c)
    return output1, output2


def mse(gt: torch.Tensor, pred: torch.Tensor) -> torch.Tensor:
    return nn.MSELoss()(gt, pred)


def loss_func(model: nn.Module, noisy_img: torch.Tensor, d1_diagonal: bool = False):
    noisy1, noisy2 = pair_downsampler(noisy_img, d1_diagonal)

    pred1 = noisy1 - model(noisy1)
    pred2 = noisy2 - model(noisy2)

    loss_res = 1 / 2 * (mse(noisy1, pred2) + mse(noisy2, pred1))

    noisy_denoised = noisy_img - model(noisy_img)
    denoised1, denoised2 = pair_downsampler(noisy_denoised, d1_diagonal)

    loss_cons = 1 / 2 * (mse(pred1, denoised1) + mse(pred2, denoised2))

    return loss_res + loss_cons


def denoise_tensor(model: nn.Module, noisy_img: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return torch.clamp(noisy_img - model(noisy_img), 0, 1)


# --------------------------------------------------------------------------
# I/O helpers
# --------------------------------------------------------------------------
def load_image(path: str) -> np.ndarray:
    """Returns float32 [1,C,H,W] in 0..1 (RGB order for colour)."""
    import cv2

    im = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if im is None:
        raise FileNotFoundError(path)
    return image_to_nchw(im)


def image_to_nchw(im: np.ndarray) -> np.ndarray:
    import cv2

    if im.dtype == np.uint8:
        scale = 255.0
    elif im.dtype == np.uint16:
        scale = 65535.0
    else:
        raise ValueError(f"unsupported image dtype {im.dtype}")
    if im.ndim == 2:
        im = im[:, :, None]
    elif im.shape[2] == 3:
        im = cv2.cvtColor(im, cv2.COLOR_BGR2RGB)
    elif im.shape[2] == 4:
        im = cv2.cvtColor(im, cv2.COLOR_BGRA2RGB)
    x = im.astype(np.float32) / np.float32(scale)
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None])


def save_image(path: str, x: np.ndarray, like_dtype) -> None:
    """x: float [1,C,H,W] in 0..1.  .npy -> raw float32; else image file."""
    if path.lower().endswith(".npy"):
        np.save(path, x.astype(np.float32))
        return
    import cv2

    hwc = x[0].transpose(1, 2, 0)
    if like_dtype == np.uint16:
        out = np.round(hwc * 65535.0).astype(np.uint16)
    else:
        out = np.round(hwc * 255.0).astype(np.uint8)
    if out.shape[2] == 3:
        out = cv2.cvtColor(out, cv2.COLOR_RGB2BGR)
    elif out.shape[2] == 1:
        out = out[:, :, 0]
    cv2.imwrite(path, out)


def load_params(model: Network, d: str, dtype=torch.float32) -> None:
    sd = {}
    for name in PARAM_NAMES:
        arr = np.load(os.path.join(d, name + ".npy"))
        sd[name.replace("_", ".", 1)] = torch.from_numpy(np.ascontiguousarray(arr)).to(dtype)
    model.load_state_dict(sd, strict=True)


def dump_params(model: Network, d: str) -> None:
    os.makedirs(d, exist_ok=True)
    for name in PARAM_NAMES:
        t = model.state_dict()[name.replace("_", ".", 1)]
        np.save(os.path.join(d, name + ".npy"), t.detach().cpu().numpy())


def model_from_dir(d: str, dtype) -> Network:
    w1 = np.load(os.path.join(d, "conv1_weight.npy"))
    width, chans = int(w1.shape[0]), int(w1.shape[1])
    model = Network(chans, width).to(dtype)
    load_params(model, d, dtype)
    return model


def psnr(pred: np.ndarray, clean: np.ndarray) -> float:
    m = float(np.mean((pred.astype(np.float64) - clean.astype(np.float64)) ** 2))
    return float(10.0 * np.log10(1.0 / m)) if m > 0 else float("inf")


def peak_rss_mib() -> float:
    # ru_maxrss is KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def set_threads(n: int | None) -> None:
    if n:
        torch.set_num_threads(n)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass


# --------------------------------------------------------------------------
# Subcommands
# --------------------------------------------------------------------------
def cmd_grad(args) -> int:
    dtype = torch.float64 if args.float64 else torch.float32
    np_dtype = np.float64 if args.float64 else np.float32
    set_threads(args.threads)
    img = np.load(os.path.join(args.case, "image.npy"))
    x = torch.from_numpy(np.ascontiguousarray(img)).to(dtype)
    model = model_from_dir(args.case, dtype)
    model.zero_grad()
    loss = loss_func(model, x, args.d1_diagonal)
    loss.backward()
    np.save(os.path.join(args.case, f"{args.prefix}loss.npy"),
            np.array([loss.item()], dtype=np_dtype))
    sd = dict(model.named_parameters())
    for name in PARAM_NAMES:
        g = sd[name.replace("_", ".", 1)].grad.detach().cpu().numpy().astype(np_dtype)
        np.save(os.path.join(args.case, f"{args.prefix}{name}_grad.npy"), g)
    print(json.dumps({"loss": loss.item(),
                      "dtype": "float64" if args.float64 else "float32"}))
    return 0


def cmd_train_case(args) -> int:
    """Official recipe from a case's image and weights; writes the loss of every step (float32,
    or float64 with --float64: inputs cast up, training in float64, losses stored as float64)."""
    dtype = torch.float64 if args.float64 else torch.float32
    set_threads(args.threads)
    img = np.load(os.path.join(args.case, "image.npy"))
    noisy = torch.from_numpy(np.ascontiguousarray(img)).to(dtype)
    model = model_from_dir(args.case, dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=args.step_size, gamma=args.gamma)
    losses = np.empty(args.steps, dtype=np.float64 if args.float64 else np.float32)
    t0 = time.perf_counter()
    for i in range(args.steps):
        loss = loss_func(model, noisy, args.d1_diagonal)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        losses[i] = loss.item()  # the loss before this step's update, as ZsN2N.Ort reports it
    t1 = time.perf_counter()
    np.save(os.path.join(args.case, f"{args.prefix}losses.npy"), losses)
    print(json.dumps({"case": args.case, "steps": args.steps, "threads": torch.get_num_threads(),
                      "first_loss": float(losses[0]), "final_loss": float(losses[-1]),
                      "ms_per_step": round(1000.0 * (t1 - t0) / max(args.steps, 1), 3),
                      "dtype": "float64" if args.float64 else "float32",
                      "torch": torch.__version__}))
    return 0


def run_denoise(noisy_path, clean_path=None, steps=3000, lr=1e-3, step_size=1000,
                gamma=0.5, seed=0, init=None, out=None, width=48, d1_diagonal=False,
                dump_init=None):
    import cv2

    t0 = time.perf_counter()
    raw = cv2.imread(noisy_path, cv2.IMREAD_UNCHANGED)
    if raw is None:
        raise FileNotFoundError(noisy_path)
    noisy_np = image_to_nchw(raw)
    clean_np = load_image(clean_path) if clean_path else None
    noisy = torch.from_numpy(noisy_np)
    n_chan = noisy.shape[1]

    torch.manual_seed(seed)
    if init:
        model = model_from_dir(init, torch.float32)
    else:
        model = Network(n_chan, width)
    if dump_init:
        dump_params(model, dump_init)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)

    t1 = time.perf_counter()
    first_loss = last_loss = None
    for _ in range(steps):
        loss = loss_func(model, noisy, d1_diagonal)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        last_loss = loss.item()
        if first_loss is None:
            first_loss = last_loss
    t2 = time.perf_counter()

    den = denoise_tensor(model, noisy).numpy()
    if out:
        save_image(out, den, raw.dtype)
    t3 = time.perf_counter()

    res = {
        "noisy": noisy_path,
        "clean": clean_path,
        "shape": list(noisy_np.shape),
        "steps": steps,
        "lr": lr,
        "step_size": step_size,
        "gamma": gamma,
        "seed": seed,
        "threads": torch.get_num_threads(),
        "total_s": round(t3 - t0, 4),
        "train_s": round(t2 - t1, 4),
        "ms_per_step": round(1000.0 * (t2 - t1) / max(steps, 1), 4),
        "first_loss": first_loss,
        "final_loss": last_loss,
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "torch": torch.__version__,
    }
    if clean_np is not None:
        res["psnr_noisy"] = round(psnr(noisy_np, clean_np), 4)
        res["psnr"] = round(psnr(den, clean_np), 4)
    return res


def cmd_denoise(args) -> int:
    set_threads(args.threads)
    res = run_denoise(args.noisy, args.clean, args.steps, args.lr, args.step_size,
                      args.gamma, args.seed, args.init, args.out, args.width,
                      args.d1_diagonal, args.dump_init)
    if args.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k}: {v}")
    return 0


def cmd_batch(args) -> int:
    set_threads(args.threads)
    names = sorted(n for n in os.listdir(args.noisy_dir)
                   if n.lower().endswith(IMAGE_EXTS)
                   and os.path.isfile(os.path.join(args.clean_dir, n)))
    per = []
    for n in names:
        r = run_denoise(os.path.join(args.noisy_dir, n), os.path.join(args.clean_dir, n),
                        args.steps, args.lr, args.step_size, args.gamma, args.seed,
                        width=args.width, d1_diagonal=args.d1_diagonal)
        r["name"] = n
        per.append(r)
        print(json.dumps({"name": n, "psnr": r["psnr"], "psnr_noisy": r["psnr_noisy"],
                          "ms_per_step": r["ms_per_step"]}), file=sys.stderr, flush=True)
    summary = {
        "noisy_dir": args.noisy_dir,
        "clean_dir": args.clean_dir,
        "steps": args.steps,
        "threads": torch.get_num_threads(),
        "count": len(per),
        "mean_psnr": round(float(np.mean([r["psnr"] for r in per])), 4) if per else None,
        "mean_psnr_noisy": round(float(np.mean([r["psnr_noisy"] for r in per])), 4) if per else None,
        "mean_ms_per_step": round(float(np.mean([r["ms_per_step"] for r in per])), 4) if per else None,
        "images": per,
    }
    text = json.dumps(summary, indent=1)
    if args.json_out:
        with open(args.json_out, "w") as f:
            f.write(text + "\n")
    print(json.dumps({k: v for k, v in summary.items() if k != "images"}))
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    def common_train(sp):
        sp.add_argument("--steps", type=int, default=3000)
        sp.add_argument("--lr", type=float, default=1e-3)
        sp.add_argument("--step-size", type=int, default=1000)
        sp.add_argument("--gamma", type=float, default=0.5)
        sp.add_argument("--threads", type=int, default=None)
        sp.add_argument("--seed", type=int, default=0)
        sp.add_argument("--width", type=int, default=48, help="chan_embed (ignored with --init)")
        sp.add_argument("--d1-diagonal", action="store_true",
                        help="use the diagonal filter for output1 (official: anti-diagonal)")

    g = sub.add_parser("grad", help="loss + parameter gradients for a case directory")
    g.add_argument("--case", required=True)
    g.add_argument("--float64", action="store_true")
    g.add_argument("--threads", type=int, default=1)
    g.add_argument("--d1-diagonal", action="store_true")
    g.add_argument("--prefix", default="torch_", help="output file prefix (default torch_)")
    g.set_defaults(fn=cmd_grad)

    t = sub.add_parser("train-case", help="per-step losses of the official recipe from a case directory")
    t.add_argument("--case", required=True)
    t.add_argument("--steps", type=int, default=200)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--step-size", type=int, default=1000)
    t.add_argument("--gamma", type=float, default=0.5)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--float64", action="store_true")
    t.add_argument("--d1-diagonal", action="store_true")
    t.add_argument("--prefix", default="torch_", help="output file prefix (default torch_)")
    t.set_defaults(fn=cmd_train_case)

    d = sub.add_parser("denoise", help="train the official recipe on one image")
    d.add_argument("--noisy", required=True)
    d.add_argument("--clean")
    d.add_argument("--init", help="directory with starting weights (.npy per parameter)")
    d.add_argument("--dump-init", help="write the starting weights as .npy into this directory")
    d.add_argument("--out", help="denoised output (.npy float32 NCHW, or an image file)")
    d.add_argument("--json", action="store_true")
    common_train(d)
    d.set_defaults(fn=cmd_denoise)

    b = sub.add_parser("batch", help="denoise every noisy image that has a clean match")
    b.add_argument("--noisy-dir", required=True)
    b.add_argument("--clean-dir", required=True)
    b.add_argument("--json-out")
    common_train(b)
    b.set_defaults(fn=cmd_batch)

    args = p.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
