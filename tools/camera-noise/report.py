#!/usr/bin/env python3
"""Per-image Markdown table of one set: noisy, the official recipe, NLM at its best strengths (three
protocols), and the camera-mode candidate (a run_method.py configuration, optionally a refine.py variant on
its saved models), PSNR / SSIM / seconds, with the mean row and the candidate's margins.

    /usr/bin/python3 tools/camera-noise/report.py --method-log runs/screenA.jsonl --tag pd2-1000 --ensemble 8 \
        --official-log runs/screenA.jsonl --nlm-log runs/nlm-camera-128.jsonl [--refine-log runs/refine.jsonl --variant r3-s1-p0.16-t8]
"""

from __future__ import annotations

import argparse
import json

import numpy as np


def load(path):
    return [json.loads(line) for line in open(path) if line.strip()] if path else []


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--method-log", required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--ensemble", type=int, default=1)
    p.add_argument("--official-log", required=True)
    p.add_argument("--nlm-log", required=True)
    p.add_argument("--refine-log")
    p.add_argument("--variant")
    p.add_argument("--crop", type=int, default=128)
    args = p.parse_args()
    method = {r["name"]: r for r in load(args.method_log)
              if r.get("tag") == args.tag and r["ensemble"] == args.ensemble and r["crop"] == args.crop
              and r["infer_stride"] == r["train_stride"]}
    official = {r["name"]: r for r in load(args.official_log) if r.get("tag") == "official" and r["crop"] == args.crop}
    nlm = {r["name"]: r for r in load(args.nlm_log) if r["crop"] == args.crop}
    refined = {r["name"]: r for r in load(args.refine_log) if r["variant"] == args.variant} if args.refine_log else {}
    names = sorted(n for n in method if n in official and n in nlm and (not refined or n in refined))
    cand = refined if refined else method
    label = f"{args.tag} x{args.ensemble}" + (f" + {args.variant}" if refined else "")
    print(f"| image | noisy | official PSNR / SSIM / s | NLM best PSNR / SSIM (h, hColor) | NLM h only (hColor 10) | NLM h = hColor | "
          f"{label} PSNR / SSIM / s | vs official | vs NLM best |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    cols = []
    for n in names:
        m, o, q, c = method[n], official[n], nlm[n], cand[n]
        seconds = m["train_s"] + m["infer_s"] + (c.get("seconds", 0) if refined else 0)
        cols.append((m["psnr_noisy"], o["psnr"], o["ssim"], o["train_s"], q["psnr"], q["ssim"],
                     q.get("psnr_hcolor10", np.nan), q.get("psnr_equal", np.nan), c["psnr"], c["ssim"], seconds))
        print(f"| {n} | {m['psnr_noisy']:.2f} | {o['psnr']:.2f} / {o['ssim']:.4f} / {o['train_s']:.0f} | "
              f"{q['psnr']:.2f} / {q['ssim']:.4f} ({q['h']}, {q['hColor']}) | {q.get('psnr_hcolor10', np.nan):.2f} | "
              f"{q.get('psnr_equal', np.nan):.2f} | {c['psnr']:.2f} / {c['ssim']:.4f} / {seconds:.0f} | "
              f"{c['psnr'] - o['psnr']:+.2f} | {c['psnr'] - q['psnr']:+.2f} |")
    if cols:
        a = np.array(cols)
        mean = a.mean(0)
        print(f"| **mean of {len(cols)}** | {mean[0]:.2f} | {mean[1]:.2f} / {mean[2]:.4f} / {mean[3]:.0f} | "
              f"{mean[4]:.2f} / {mean[5]:.4f} | {mean[6]:.2f} | {mean[7]:.2f} | {mean[8]:.2f} / {mean[9]:.4f} / {mean[10]:.0f} | "
              f"**{mean[8] - mean[1]:+.2f}** | **{mean[8] - mean[4]:+.2f}** (vs h only {mean[8] - mean[6]:+.2f}, vs h = hColor {mean[8] - mean[7]:+.2f}) |")


if __name__ == "__main__":
    main()
