#!/usr/bin/env python3
"""Writes tests/data, the images the test projects read, from the development set (../shared/data/dev).

Whole files are copied byte for byte where a test asserts on the whole image (its size, its PSNR or SSIM against
scikit-image, a file's bytes); the others are cut to the smallest window holding every crop the tests take, at
the same origin, so a test's crop of the cut file has the same pixels as its crop of the whole one. Each image
keeps one size in every set, since `zsn2n eval` pairs noisy and clean files by name.

Run: /usr/bin/python3 tools/reference/test_images.py [DEV_DIR] [OUT_DIR]
then zopflipng on large/ (lossless) and skimage_metrics.py on OUT_DIR (tests/data/README.md).
"""

import os
import shutil
import sys

import cv2

SETS = ["clean", "noisy_g25", "noisy_g50", "noisy_p50"]

# name -> (top, left, height, width), or None for the whole file.
WINDOWS = {
    "camera.png": None,               # PSNR/SSIM against scikit-image, pixel limit, header size
    "aloeL.png": None,                # colour PSNR/SSIM against scikit-image, header size, lossy formats at 256x256
    "home.png": (0, 0, 160, 160),     # crops up to rows and columns 160 (TrainingSessionTests)
    "hubble_deep_field.png": (96, 96, 64, 64),  # the other five: `zsn2n eval` against scikit-image only
    "ihc.png": (96, 96, 64, 64),
    "orange.png": (96, 96, 64, 64),
    "retina.png": (96, 96, 64, 64),
    "squirrel_cls.png": (96, 96, 64, 64),
}

LARGE = ["motorcycle_left.png", "starry_night.png"]  # header sizes and depth of a large file


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dev = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data", "dev")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "tests", "data")
    for s in SETS:
        os.makedirs(os.path.join(out, s), exist_ok=True)
        for name, window in WINDOWS.items():
            source = os.path.join(dev, s, name)
            target = os.path.join(out, s, name)
            if window is None:
                shutil.copyfile(source, target)
                continue
            top, left, height, width = window
            image = cv2.imread(source, cv2.IMREAD_UNCHANGED)
            if not cv2.imwrite(target, image[top:top + height, left:left + width], [cv2.IMWRITE_PNG_COMPRESSION, 9]):
                raise OSError(target)
    os.makedirs(os.path.join(out, "large"), exist_ok=True)
    for name in LARGE:
        shutil.copyfile(os.path.join(dev, "large", name), os.path.join(out, "large", name))


if __name__ == "__main__":
    main()
