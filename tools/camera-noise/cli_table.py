#!/usr/bin/env python3
"""The measured tables of docs/camera-noise.md from the shipped CLI: `zsn2n denoise` per image of a set
(a folder with noisy/ and clean/), one method at a time, then the per-image Markdown table.

`run` trains each image of the set with one method (`official`: the default recipe; `camera`: --noise camera;
`auto`: --noise auto), N steps with the learning rate halved every N/3 (the official schedule scaled), one
thread, scored by the CLI against clean/ (--reference: the written PNG read back). Each image is its own
process with its own --report, so an interrupted run resumes where it stopped; next to each report, the
image's wall and CPU seconds of the whole process and the load average before and after (the machine is
shared: compare seconds within one row's load only).

`table` joins those reports with nlm_sweep.py's log (OpenCV NLM on the same images, two protocols: h chosen
per image against the clean image with hColor at OpenCV's default 10, the issue's literal protocol; and h and
hColor both chosen) and estimator.py's log (the noise ratio of `--noise auto`), and prints the table with the
mean row and the camera mode's margins.

`route` asks the engine what `--noise auto` chooses for each image of flat folders (one training step each; the
report's noise, ratio and description), and checks on one image that `--noise auto` writes the same pixels as
the default when it chooses the official recipe (N steps each, the decoded PNGs compared).

    Z="dotnet src/ZsN2N.Cli/bin/Release/net10.0/zsn2n.dll"
    nice -n 10 /usr/bin/python3 tools/camera-noise/cli_table.py run --zsn2n "$Z" --set ../shared/data/dev/camera \
        --method official --iterations 1000 --runs runs/cli
    /usr/bin/python3 tools/camera-noise/cli_table.py table --set ../shared/data/dev/camera --iterations 1000 \
        --runs runs/cli --nlm-log runs/nlm-camera.jsonl --estimator-log runs/est.jsonl
    nice -n 10 /usr/bin/python3 tools/camera-noise/cli_table.py route --zsn2n "$Z" --runs runs/cli \
        --folders ../shared/data/dev/noisy_g25 ../shared/data/dev/noisy_g50 ../shared/data/dev/noisy_p50 \
        --same-bits ../shared/data/dev/noisy_g25/camera.png --same-bits-steps 20
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import time

import cv2
import numpy as np

METHOD_FLAGS = {"official": [], "camera": ["--noise", "camera"], "auto": ["--noise", "auto"]}


def run_folder(runs: str, set_dir: str, method: str, iterations: int) -> str:
    return os.path.join(runs, os.path.basename(os.path.normpath(set_dir)), f"{method}-{iterations}")


def image_names(set_dir: str, only: list[str] | None) -> list[str]:
    return only or sorted(n for n in os.listdir(os.path.join(set_dir, "noisy")) if not n.startswith("."))


def run(args: argparse.Namespace) -> None:
    out = run_folder(args.runs, args.set, args.method, args.iterations)
    os.makedirs(out, exist_ok=True)
    for name in image_names(args.set, args.images):
        stem = os.path.splitext(name)[0]
        report = os.path.join(out, stem + ".json")
        if os.path.exists(report):
            continue
        command = shlex.split(args.zsn2n) + [
            "denoise", os.path.join(args.set, "noisy", name), "-o", out,
            "--iterations", str(args.iterations), "--step-size", str(max(1, args.iterations // 3)),
            "--threads", str(args.threads), "--seed", "0",
            "--reference", os.path.join(args.set, "clean", name), "--report", report] + METHOD_FLAGS[args.method]
        load_before = os.getloadavg()[0]
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with open(os.path.join(out, stem + ".log"), "w") as log:
            subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=True)
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timing = {"wall_s": round(time.perf_counter() - started, 1),
                  "cpu_s": round(cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime, 1),
                  "load_before": load_before, "load_after": os.getloadavg()[0], "command": command}
        with open(os.path.join(out, stem + ".timing.json"), "w") as f:
            json.dump(timing, f, indent=1)
        print(name, args.method, timing["wall_s"], "s", flush=True)


def image_report(folder: str, name: str) -> dict | None:
    stem = os.path.splitext(name)[0]
    path = os.path.join(folder, stem + ".json")
    if not os.path.exists(path):
        return None
    entry = json.load(open(path))["images"][0]
    timing = json.load(open(os.path.join(folder, stem + ".timing.json")))
    return {"psnr": entry["psnr"], "ssim": entry["ssim"], "noisy_psnr": entry["noisyPsnr"],
            "noisy_ssim": entry["noisySsim"], "seconds": entry["seconds"], "cpu_s": timing["cpu_s"],
            "load": (timing["load_before"] + timing["load_after"]) / 2}


def by_name(path: str | None, set_name: str) -> dict:
    if not path:
        return {}
    rows = [json.loads(line) for line in open(path) if line.strip()]
    return {r["name"]: r for r in rows if r["set"] == set_name and not r.get("crop")}


def cell(r: dict | None, seconds: bool = True) -> str:
    if r is None:
        return "not run"
    text = f"{r['psnr']:.2f} / {r['ssim']:.4f}"
    return text + f" / {r['seconds']:.0f} ({r['cpu_s']:.0f} CPU, load {r['load']:.0f})" if seconds else text


def table(args: argparse.Namespace) -> None:
    set_name = os.path.basename(os.path.normpath(args.set))
    nlm = by_name(args.nlm_log, set_name)
    ratio = by_name(args.estimator_log, set_name)
    official = run_folder(args.runs, args.set, "official", args.iterations)
    camera = run_folder(args.runs, args.set, "camera", args.iterations)
    print(f"| image | noise ratio | noisy PSNR / SSIM | official PSNR / SSIM / s | NLM h only (hColor 10) PSNR / SSIM (h) "
          f"| NLM (h, hColor) PSNR / SSIM (h, hColor) | camera PSNR / SSIM / s | vs official | vs NLM h only | vs NLM (h, hColor) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    columns = {k: [] for k in ("noisy", "official", "nlm10", "nlm", "camera")}
    for name in image_names(args.set, args.images):
        o, c, n = image_report(official, name), image_report(camera, name), nlm.get(name)
        noisy = o or c
        columns["noisy"].append(noisy and (noisy["noisy_psnr"], noisy["noisy_ssim"]))
        columns["official"].append(o and (o["psnr"], o["ssim"], o["seconds"]))
        columns["camera"].append(c and (c["psnr"], c["ssim"], c["seconds"]))
        columns["nlm10"].append(n and (n["psnr_hcolor10"], n["ssim_hcolor10"]))
        columns["nlm"].append(n and (n["psnr"], n["ssim"]))
        nlm10 = f"{n['psnr_hcolor10']:.2f} / {n['ssim_hcolor10']:.4f} ({n['h_hcolor10']})" if n else "not run"
        nlm_best = f"{n['psnr']:.2f} / {n['ssim']:.4f} ({n['h']}, {n['hColor']})" if n else "not run"

        def margin(other):
            return f"{c['psnr'] - other:+.2f}" if c and other is not None else ""

        print(f"| {name} | {ratio[name]['ratio_flat']:.3f} | " if name in ratio else f"| {name} | | ", end="")
        print(f"{noisy['noisy_psnr']:.2f} / {noisy['noisy_ssim']:.4f} | " if noisy else "not run | ", end="")
        print(f"{cell(o)} | {nlm10} | {nlm_best} | {cell(c)} | {margin(o and o['psnr'])} | "
              f"{margin(n and n['psnr_hcolor10'])} | {margin(n and n['psnr'])} |")

    def mean(key: str, i: int) -> float | None:
        values = [v[i] for v in columns[key] if v]
        return float(np.mean(values)) if len(values) == len(columns[key]) and values else None

    def pair(key: str, with_seconds: bool = False) -> str:
        p, s = mean(key, 0), mean(key, 1)
        if p is None:
            return "incomplete"
        return f"{p:.2f} / {s:.4f}" + (f" / {mean(key, 2):.0f}" if with_seconds else "")

    cam = mean("camera", 0)

    def mean_margin(key: str) -> str:
        other = mean(key, 0)
        return f"**{cam - other:+.2f}**" if cam is not None and other is not None else ""

    print(f"| **mean of {len(columns['noisy'])}** | | {pair('noisy')} | {pair('official', True)} | {pair('nlm10')} | "
          f"{pair('nlm')} | {pair('camera', True)} | {mean_margin('official')} | {mean_margin('nlm10')} | "
          f"{mean_margin('nlm')} |")


def route(args: argparse.Namespace) -> None:
    print("| set | image | ratio | sigma2 (of 255) | chosen |")
    print("|---|---|---:|---:|---|")
    for folder in args.folders:
        # a set's noisy/ folder is named after the set
        parts = os.path.normpath(folder).split(os.sep)
        set_name = parts[-2] if parts[-1] == "noisy" else parts[-1]
        out = os.path.join(args.runs, "route", set_name)
        os.makedirs(out, exist_ok=True)
        for name in sorted(n for n in os.listdir(folder) if not n.startswith(".")):
            report = os.path.join(out, os.path.splitext(name)[0] + ".json")
            if not os.path.exists(report):
                subprocess.run(shlex.split(args.zsn2n) + [
                    "denoise", os.path.join(folder, name), "-o", out, "--iterations", "1", "--step-size", "1",
                    "--threads", str(args.threads), "--report", report, "--noise", "auto"],
                    stdout=subprocess.DEVNULL, check=True)
            entry = json.load(open(report))["images"][0]
            estimate = entry["noiseEstimate"]
            print(f"| {set_name} | {name} | {estimate['ratio']:.3f} | {255 * estimate['sigma2']:.1f} | "
                  f"{entry['noise']} |", flush=True)
    if args.same_bits:
        outputs = []
        for method in ("official", "auto"):
            out = os.path.join(args.runs, "same-bits", method)
            subprocess.run(shlex.split(args.zsn2n) + [
                "denoise", args.same_bits, "-o", out, "--iterations", str(args.same_bits_steps),
                "--threads", str(args.threads)] + METHOD_FLAGS[method], stdout=subprocess.DEVNULL, check=True)
            name = os.path.splitext(os.path.basename(args.same_bits))[0] + ".png"
            outputs.append(cv2.imread(os.path.join(out, name), cv2.IMREAD_UNCHANGED))
        same = outputs[0].shape == outputs[1].shape and np.array_equal(outputs[0], outputs[1])
        print(f"{args.same_bits}, {args.same_bits_steps} steps: --noise auto and the default write "
              f"{'the same pixels' if same else 'DIFFERENT pixels'}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--zsn2n", required=True, help="the CLI's command line, e.g. \"dotnet .../zsn2n.dll\"")
    r.add_argument("--method", choices=sorted(METHOD_FLAGS), required=True)
    r.add_argument("--threads", type=int, default=1)
    o = sub.add_parser("route")
    o.add_argument("--zsn2n", required=True)
    o.add_argument("--threads", type=int, default=1)
    o.add_argument("--runs", required=True)
    o.add_argument("--folders", nargs="+", required=True)
    o.add_argument("--same-bits", help="an image to denoise with the default and with --noise auto")
    o.add_argument("--same-bits-steps", type=int, default=20)
    t = sub.add_parser("table")
    t.add_argument("--nlm-log")
    t.add_argument("--estimator-log")
    for q in (r, t):
        q.add_argument("--set", required=True)
        q.add_argument("--iterations", type=int, required=True)
        q.add_argument("--runs", required=True)
        q.add_argument("--images", nargs="*")
    args = p.parse_args()
    {"run": run, "table": table, "route": route}[args.command](args)


if __name__ == "__main__":
    main()
