#!/usr/bin/env python3
"""Tables from the JSON-lines logs of run_method.py, refine.py and nlm_sweep.py: the mean PSNR / SSIM per
configuration over the images it has, and (with --per-image) every image, as Markdown.

    /usr/bin/python3 tools/camera-noise/summarize.py runs/screen1.jsonl runs/refine.jsonl [--per-image]
"""

from __future__ import annotations

import argparse
import collections
import json

import numpy as np


def config_of(row: dict) -> str:
    if "variant" in row:
        return f"{row.get('tag') or row['models']} | {row['variant']}"
    if "hColor" in row:
        return "NLM, best (h, hColor) per image"
    return (f"{row.get('tag', '')} | train PD{row['train_stride']} infer PD{row['infer_stride']} x{row['ensemble']}"
            f" | {row['steps']} steps, depth {row['depth']}{', shift' if row.get('shift') else ''}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("logs", nargs="+")
    p.add_argument("--per-image", action="store_true")
    args = p.parse_args()
    rows = [json.loads(line) for path in args.logs for line in open(path) if line.strip()]
    groups = collections.defaultdict(dict)
    for r in rows:
        groups[(r["set"], r.get("crop", 0), config_of(r))][r["name"]] = r
    print("| set | crop | configuration | images | PSNR | SSIM | noisy PSNR |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for (s, crop, cfg), per in sorted(groups.items()):
        v = list(per.values())
        noisy = np.mean([r["psnr_noisy"] for r in v]) if all("psnr_noisy" in r for r in v) else float("nan")
        print(f"| {s} | {crop} | {cfg} | {len(v)} | {np.mean([r['psnr'] for r in v]):.2f} | "
              f"{np.mean([r['ssim'] for r in v]):.4f} | {noisy:.2f} |")
    if args.per_image:
        print()
        print("| set | crop | configuration | image | PSNR | SSIM |")
        print("|---|---:|---|---|---:|---:|")
        for (s, crop, cfg), per in sorted(groups.items()):
            for name, r in sorted(per.items()):
                print(f"| {s} | {crop} | {cfg} | {name} | {r['psnr']:.2f} | {r['ssim']:.4f} |")


if __name__ == "__main__":
    main()
