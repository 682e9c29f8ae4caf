"""Shared pieces of the camera-noise research scripts (issue 21): image I/O, metrics, the paper's network,
the ZS-N2N loss, pixel-shuffle (PD) downsampling and the training / inference of every variant measured.

Conventions follow tools/reference/zsn2n_torch.py (the official recipe): images are float32 [1,C,H,W] in
0..1, RGB; 16-bit files are scaled by 1/65535, 8-bit by 1/255; PSNR = 10 log10(1/mse) against the clean
image. SSIM is scikit-image's default (7x7 uniform window, sample covariance, K1 0.01, K2 0.03, data range
1, mean over channels), computed here with OpenCV box filters so no scikit-image is needed.
Nothing here looks at a clean image except psnr() and ssim().
"""

from __future__ import annotations

import os
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- I/O
def read_image(path: str) -> np.ndarray:
    """float32 [1,C,H,W] in 0..1, RGB order for colour, alpha dropped."""
    im = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if im is None:
        raise FileNotFoundError(path)
    scale = {np.dtype(np.uint8): 255.0, np.dtype(np.uint16): 65535.0}[im.dtype]
    if im.ndim == 2:
        im = im[:, :, None]
    elif im.shape[2] == 4:
        im = cv2.cvtColor(im, cv2.COLOR_BGRA2RGB)
    else:
        im = cv2.cvtColor(im, cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray((im.astype(np.float32) / np.float32(scale)).transpose(2, 0, 1)[None])


def image_names(set_dir: str) -> list[str]:
    """The file names of a set's noisy/ folder (a set holds noisy/ and clean/ with the same names), sorted."""
    return sorted(os.listdir(os.path.join(set_dir, "noisy")))


def read_pair(set_dir: str, name: str, crop: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The noisy image and its clean reference, both cut to the centre crop x crop when crop > 0; a grey clean
    image is repeated to the noisy image's channels."""
    noisy = read_image(os.path.join(set_dir, "noisy", name))
    clean = read_image(os.path.join(set_dir, "clean", name))
    if crop:
        h, w = noisy.shape[-2:]
        y0, x0 = (h - crop) // 2, (w - crop) // 2
        noisy = noisy[:, :, y0:y0 + crop, x0:x0 + crop]
        clean = clean[:, :, y0:y0 + crop, x0:x0 + crop]
    if clean.shape[1] != noisy.shape[1]:
        clean = np.repeat(clean, noisy.shape[1], axis=1)
    return noisy, clean

def write_image16(path: str, x: np.ndarray) -> None:
    hwc = np.round(np.clip(x[0].transpose(1, 2, 0), 0, 1) * 65535.0).astype(np.uint16)
    if hwc.shape[2] == 3:
        hwc = cv2.cvtColor(hwc, cv2.COLOR_RGB2BGR)
    cv2.imwrite(path, hwc[:, :, 0] if hwc.shape[2] == 1 else hwc)


def quantize16(x: np.ndarray) -> np.ndarray:
    """What a 16-bit PNG of x reads back as (the engine writes 16-bit output)."""
    return (np.round(np.clip(x, 0, 1) * 65535.0) / 65535.0).astype(np.float32)


# ---------------------------------------------------------------- metrics
def psnr(pred: np.ndarray, clean: np.ndarray) -> float:
    m = float(np.mean((pred.astype(np.float64) - clean.astype(np.float64)) ** 2))
    return float(10.0 * np.log10(1.0 / m))


def ssim(pred: np.ndarray, clean: np.ndarray) -> float:
    """scikit-image structural_similarity(clean, pred, data_range=1, channel_axis) with its defaults."""
    c1, c2, win = 0.01 ** 2, 0.03 ** 2, 7
    cov_norm = win * win / (win * win - 1.0)
    pad = (win - 1) // 2
    values = []
    for c in range(pred.shape[1]):
        x = clean[0, c].astype(np.float64)
        y = pred[0, c].astype(np.float64)
        box = lambda a: cv2.blur(a, (win, win), borderType=cv2.BORDER_REFLECT_101)
        ux, uy = box(x), box(y)
        vx = cov_norm * (box(x * x) - ux * ux)
        vy = cov_norm * (box(y * y) - uy * uy)
        vxy = cov_norm * (box(x * y) - ux * uy)
        s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
        values.append(s[pad:-pad, pad:-pad].mean())
    return float(np.mean(values))


# ---------------------------------------------------------------- network and loss (official notebook)
class Network(nn.Module):
    """The paper's network (depth 2) or the engine's `deep` variant (depth 3: one more 3x3 48->48 conv)."""

    def __init__(self, n_chan: int, width: int = 48, depth: int = 2):
        super().__init__()
        layers = [nn.Conv2d(n_chan, width, 3, padding=1)]
        layers += [nn.Conv2d(width, width, 3, padding=1) for _ in range(depth - 1)]
        self.convs = nn.ModuleList(layers)
        self.last = nn.Conv2d(width, n_chan, 1)

    def forward(self, x):
        for conv in self.convs:
            x = F.leaky_relu(conv(x), 0.2)
        return self.last(x)


def pair_downsampler(img: torch.Tensor):
    c = img.shape[1]
    anti = torch.tensor([[[[0, 0.5], [0.5, 0]]]], dtype=img.dtype).repeat(c, 1, 1, 1)
    diag = torch.tensor([[[[0.5, 0], [0, 0.5]]]], dtype=img.dtype).repeat(c, 1, 1, 1)
    return F.conv2d(img, anti, stride=2, groups=c), F.conv2d(img, diag, stride=2, groups=c)


def zsn2n_loss(model: nn.Module, noisy: torch.Tensor) -> torch.Tensor:
    """The official loss; noisy may be a batch (e.g. the s*s PD sub-images), the means run over it all."""
    noisy1, noisy2 = pair_downsampler(noisy)
    pred1 = noisy1 - model(noisy1)
    pred2 = noisy2 - model(noisy2)
    loss_res = 0.5 * (F.mse_loss(noisy1, pred2) + F.mse_loss(noisy2, pred1))
    denoised1, denoised2 = pair_downsampler(noisy - model(noisy))
    loss_cons = 0.5 * (F.mse_loss(pred1, denoised1) + F.mse_loss(pred2, denoised2))
    return loss_res + loss_cons


# ---------------------------------------------------------------- pixel-shuffle downsampling (PD)
def pad_to(x: torch.Tensor, multiple: int) -> torch.Tensor:
    """Reflect-pads bottom/right so H and W are multiples of `multiple` (cropped off after inference)."""
    h, w = x.shape[-2:]
    ph, pw = (-h) % multiple, (-w) % multiple
    return F.pad(x, (0, pw, 0, ph), mode="reflect") if ph or pw else x


def pd_split(x: torch.Tensor, s: int) -> torch.Tensor:
    """[1,C,H,W] (H, W multiples of s) -> [s*s, C, H/s, W/s]: sub-image (a,b) holds x[:, :, a::s, b::s].
    In ONNX: SpaceToDepth(blocksize s) then Reshape/Transpose of the channel blocks into the batch."""
    _, c, h, w = x.shape
    return x.reshape(c, h // s, s, w // s, s).permute(2, 4, 0, 1, 3).reshape(s * s, c, h // s, w // s)


def pd_merge(y: torch.Tensor, s: int) -> torch.Tensor:
    """Inverse of pd_split (DepthToSpace in ONNX)."""
    _, c, hs, ws = y.shape
    return y.reshape(s, s, c, hs, ws).permute(2, 3, 0, 4, 1).reshape(1, c, hs * s, ws * s)


def pd_apply(model: nn.Module, x: torch.Tensor, s: int) -> torch.Tensor:
    """Denoised image (x - f(x)) computed on the stride-s PD sub-images of x, merged back; s=1 is plain."""
    h, w = x.shape[-2:]
    if s == 1:
        return x - model(x)
    xp = pad_to(x, s)
    sub = pd_split(xp, s)
    return pd_merge(sub - model(sub), s)[:, :, :h, :w]


# ---------------------------------------------------------------- dihedral self-ensemble
def dihedral(x: torch.Tensor, k: int) -> torch.Tensor:
    x = torch.rot90(x, k % 4, (2, 3))
    return torch.flip(x, (3,)) if k >= 4 else x


def dihedral_inverse(x: torch.Tensor, k: int) -> torch.Tensor:
    if k >= 4:
        x = torch.flip(x, (3,))
    return torch.rot90(x, -(k % 4), (2, 3))


# ---------------------------------------------------------------- training
def train(noisy: torch.Tensor, *, stride: int = 1, steps: int = 3000, lr: float = 1e-3,
          step_size: int | None = None, gamma: float = 0.5, depth: int = 2, seed: int = 0,
          shift: bool = False) -> tuple[nn.Module, float]:
    """ZS-N2N on the stride-`stride` PD sub-images of `noisy`, trained as one batch (stride 1: the
    official recipe). shift: each step the image is cropped at a random origin by up to 2*stride-1 pixels
    first, so the pair downsampler's grid moves (the engine's --shift-augment, scaled to the stride).
    Returns the model and the training seconds."""
    torch.manual_seed(seed)
    model = Network(noisy.shape[1], depth=depth)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size or max(steps // 3, 1), gamma=gamma)
    rng = np.random.default_rng(seed)
    block = 2 * stride
    base = pad_to(noisy, block)
    fixed = pd_split(base, stride) if stride > 1 else base
    t0 = time.perf_counter()
    for _ in range(steps):
        if shift:
            dy, dx = rng.integers(0, block, size=2)
            h, w = base.shape[-2:]
            crop = base[:, :, dy:dy + h - block, dx:dx + w - block]
            batch = pd_split(crop, stride) if stride > 1 else crop
        else:
            batch = fixed
        loss = zsn2n_loss(model, batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return model, time.perf_counter() - t0


def infer(model: nn.Module, noisy: torch.Tensor, *, stride: int = 1, ensemble: int = 1) -> torch.Tensor:
    """PD inference at `stride`, averaged over the first `ensemble` dihedral transforms (1 or 8)."""
    with torch.no_grad():
        out = sum(dihedral_inverse(pd_apply(model, dihedral(noisy, k), stride), k) for k in range(ensemble))
        return out / ensemble


# ---------------------------------------------------------------- non-local targets (Noise2Sim / Pixel2Pixel style)
def build_bank(noisy: torch.Tensor, *, window: int = 21, patch: int = 7, exclude: int = 4, k: int = 8) -> torch.Tensor:
    """For every pixel p, the k displacements d (|d|inf <= window//2) whose patch around p + d is closest (sum of
    squared differences over the patch and the channels) to the patch around p, among those with |d|inf > exclude,
    so that x(p + d) has noise independent of the noise the network sees around p (its receptive-field radius plus
    the noise's correlation radius). Returns [k, H, W] flat indices into the image padded by window//2 (reflect)."""
    _, c, h, w = noisy.shape
    r, pr = window // 2, patch // 2
    xp = F.pad(noisy, (r, r, r, r), mode="reflect")
    wp = w + 2 * r
    base = (torch.arange(h).view(h, 1) + r) * wp + (torch.arange(w).view(1, w) + r)
    best_d = torch.full((k, h, w), float("inf"))
    best_i = torch.zeros((k, h, w), dtype=torch.long)
    with torch.no_grad():
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                if max(abs(dy), abs(dx)) <= exclude:
                    continue
                shifted = xp[:, :, r + dy:r + dy + h, r + dx:r + dx + w]
                d = ((noisy - shifted) ** 2).sum(1, keepdim=True)
                d = F.avg_pool2d(F.pad(d, (pr, pr, pr, pr), mode="reflect"), patch, stride=1)[0]
                all_d = torch.cat([best_d, d])
                all_i = torch.cat([best_i, (base + dy * wp + dx).unsqueeze(0)])
                best_d, order = torch.topk(all_d, k, dim=0, largest=False)
                best_i = torch.gather(all_i, 0, order)
    return best_i


def bank_target(noisy: torch.Tensor, bank: torch.Tensor, window: int, choice: torch.Tensor | None) -> torch.Tensor:
    """The image whose pixel p is x(p + d) for the bank entry `choice[p]` ([H,W] in 0..k-1), or the mean over the
    bank when choice is None."""
    r = window // 2
    flat = F.pad(noisy, (r, r, r, r), mode="reflect").reshape(noisy.shape[1], -1)
    if choice is None:
        return torch.stack([flat[:, b.reshape(-1)] for b in bank]).mean(0).reshape(noisy.shape)
    idx = torch.gather(bank, 0, choice.unsqueeze(0))[0].reshape(-1)
    return flat[:, idx].reshape(noisy.shape)


def train_nonlocal(noisy: torch.Tensor, *, steps: int = 1000, lr: float = 1e-3, step_size: int | None = None,
                   gamma: float = 0.5, depth: int = 2, seed: int = 0, window: int = 21, patch: int = 7,
                   exclude: int = 4, k: int = 8, target: str = "sample") -> tuple[nn.Module, float]:
    """Noise2Noise at full resolution with non-local targets: input the noisy image itself (so training sees the
    noise that inference sees, correlated or not), target x(p + d) for a bank displacement d drawn per pixel and
    step (`sample`) or the bank mean (`mean`); loss mse(x - f(x), target). Inference is then f on the image: one
    plain pass, no PD."""
    torch.manual_seed(seed)
    t0 = time.perf_counter()
    bank = build_bank(noisy, window=window, patch=patch, exclude=exclude, k=k)
    model = Network(noisy.shape[1], depth=depth)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size or max(steps // 3, 1), gamma=gamma)
    g = torch.Generator().manual_seed(seed)
    fixed = bank_target(noisy, bank, window, None) if target == "mean" else None
    for _ in range(steps):
        tgt = fixed if fixed is not None else bank_target(
            noisy, bank, window, torch.randint(0, k, noisy.shape[-2:], generator=g))
        loss = F.mse_loss(noisy - model(noisy), tgt)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return model, time.perf_counter() - t0
