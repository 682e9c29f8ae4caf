#!/usr/bin/env python3
"""The README's side-by-side crop: the same small crop of several images of one photo (noisy, the official
recipe, the camera mode, clean), each enlarged by nearest neighbour and captioned with its label and, when a
clean image is given, the PSNR of the whole image against it; written as one 8-bit PNG.

    /usr/bin/python3 tools/camera-noise/side_by_side.py --crop 96 40 64 --scale 2 --clean CLEAN.png \
        --panel noisy NOISY.png --panel official OFFICIAL.png --panel "camera mode" CAMERA.png \
        --panel clean CLEAN.png --out docs/images/camera-noise-crop.png
"""

from __future__ import annotations

import argparse

import cv2
import numpy as np

import camlib

CAPTION_HEIGHT = 22
GAP = 4


def panel(image: np.ndarray, caption: str, y: int, x: int, size: int, scale: int) -> np.ndarray:
    """image: float [1,C,H,W] in 0..1 -> the captioned, enlarged 8-bit BGR crop."""
    crop = image[0, :, y:y + size, x:x + size].transpose(1, 2, 0)
    rgb = np.repeat(crop, 3, axis=2) if crop.shape[2] == 1 else crop
    bgr = np.round(np.clip(rgb[:, :, ::-1], 0, 1) * 255).astype(np.uint8)
    big = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    out = np.full((big.shape[0] + CAPTION_HEIGHT, big.shape[1], 3), 255, np.uint8)
    out[CAPTION_HEIGHT:] = big
    cv2.putText(out, caption, (4, CAPTION_HEIGHT - 7), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--crop", type=int, nargs=3, metavar=("SIZE", "Y", "X"), required=True)
    p.add_argument("--scale", type=int, default=2)
    p.add_argument("--clean", help="clean image for the PSNR in each caption")
    p.add_argument("--panel", nargs=2, action="append", metavar=("LABEL", "IMAGE"), required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    size, y, x = args.crop
    clean = camlib.read_image(args.clean) if args.clean else None
    panels = []
    for label, path in args.panel:
        image = camlib.read_image(path)
        caption = label
        if clean is not None and path != args.clean:
            caption += f" {camlib.psnr(image, clean):.1f} dB"
        panels.append(panel(image, caption, y, x, size, args.scale))
    gap = np.full((panels[0].shape[0], GAP, 3), 255, np.uint8)
    row = np.concatenate([part for p_ in panels for part in (p_, gap)][:-1], axis=1)
    if not cv2.imwrite(args.out, row, [cv2.IMWRITE_PNG_COMPRESSION, 9]):
        raise OSError(f"could not write {args.out}")


if __name__ == "__main__":
    main()
