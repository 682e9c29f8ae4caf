#!/usr/bin/env bash
# Time per training step of this checkout against an older commit, side by side, and as a share of the machine's
# single-core matrix-multiply rate measured in the same run (docs/performance.md):
#
#   tools/speed-bench.sh [--base COMMIT] [--runs N] [--steps S] [--threads "1 2"] [--image NOISY.png]
#
# Builds tools/ZsN2N.Bench of both (the older one in a temporary worktree), then for each thread count runs the two
# in turn, N times each (old, new, old, new, ...), and prints each engine's runs and median ms per step, the speed-up
# of the medians, and the new engine's GFLOP/s against SGEMM. A training step of the paper's network on an H x W image
# is 2 x 65,232 x 1.5HW floating-point operations: per pixel of the image and of the two half-size images, 22,176
# multiply-adds forward, as many for the weight gradients and 20,880 for the input gradients.
#
# SGEMM: numpy on OpenBLAS, one thread, 2048 x 2048 (median of 7, CPU time of the process, so that other processes on
# a shared machine do not count), with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset. An OpenBLAS
# older than the processor falls back to a generic kernel (it then names Prescott or similar); the rate of the
# kernel for the processor's widest vectors (SkylakeX for AVX-512, Haswell for AVX2) is measured too, and the higher
# of the two is the machine's rate.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=8fec782
runs=5
steps=100
threads="1 2"
image="$root/../shared/data/dev/noisy_g25/home.png"
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --steps) steps=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --image) image=$2; shift 2 ;;
        *) echo "usage: tools/speed-bench.sh [--base COMMIT] [--runs N] [--steps S] [--threads \"1 2\"] [--image NOISY.png]" >&2; exit 2 ;;
    esac
done
[ -f "$image" ] || { echo "No image at '$image' (--image)." >&2; exit 2; }

work=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$work/base-src" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Building $base and this checkout ($(git -C "$root" rev-parse --short HEAD))..."
git -C "$root" worktree add --detach "$work/base-src" "$base" >/dev/null
dotnet build "$work/base-src/tools/ZsN2N.Bench" -c Release -o "$work/old" >"$work/build-old.log" 2>&1 || { cat "$work/build-old.log"; exit 1; }
dotnet build "$root/tools/ZsN2N.Bench" -c Release -o "$work/new" >"$work/build-new.log" 2>&1 || { cat "$work/build-new.log"; exit 1; }

sgemm() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OPENBLAS_VERBOSE=2 "$@" /usr/bin/python3 - <<'EOF'
import time, numpy as np
n = 2048
a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32)
a @ b
times = []
for _ in range(7):
    t = time.process_time(); a @ b; times.append(time.process_time() - t)
times.sort()
print(f"{2 * n ** 3 / times[len(times) // 2] / 1e9:.1f}")
EOF
}

native=$(grep -q avx512f /proc/cpuinfo && echo SkylakeX || { grep -q avx2 /proc/cpuinfo && echo Haswell || echo ""; })
default_out=$(sgemm 2>&1)
default_rate=$(echo "$default_out" | tail -1)
default_core=$(echo "$default_out" | sed -n 's/^Core: //p' | head -1)
rate=$default_rate
echo "SGEMM 2048, 1 thread, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: $default_rate GFLOP/s (OpenBLAS kernel: ${default_core:-?})"
if [ -n "$native" ] && [ "$default_core" != "$native" ]; then
    native_rate=$(sgemm env OPENBLAS_CORETYPE=$native 2>/dev/null | tail -1)
    echo "SGEMM 2048, 1 thread, OPENBLAS_CORETYPE=$native: $native_rate GFLOP/s"
    rate=$(python3 -c "print(max($default_rate, $native_rate))")
fi

height_width=$(python3 -c "import cv2, sys; i = cv2.imread(sys.argv[1], cv2.IMREAD_UNCHANGED); print(i.shape[0], i.shape[1])" "$image" 2>/dev/null || echo "256 256")
gflop=$(python3 -c "h, w = map(int, '$height_width'.split()); print(2 * 65232 * 1.5 * h * w / 1e9)")
echo "Image $(basename "$image") ($height_width), $steps steps, $runs runs of each engine per thread count, alternating; $gflop GFLOP per step."
echo

step_ms() { dotnet "$1/zsn2n-bench.dll" --noisy "$image" --steps "$steps" --threads "$2" | python3 -c "import json, sys; print(round(json.loads(sys.stdin.read().strip().splitlines()[-1])['ms_per_step'], 1))"; }

echo "| threads | $base ms/step (runs) | this checkout ms/step (runs) | speed-up of the medians | GFLOP/s | share of SGEMM ($rate GFLOP/s) |"
echo "|---:|---|---|---:|---:|---:|"
for t in $threads; do
    old=(); new=()
    for _ in $(seq "$runs"); do
        old+=("$(step_ms "$work/old" "$t")")
        new+=("$(step_ms "$work/new" "$t")")
    done
    python3 - "$t" "$gflop" "$rate" "${old[*]}" "${new[*]}" <<'EOF'
import statistics, sys
t, gflop, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
old, new = ([float(v) for v in a.split()] for a in sys.argv[4:6])
mo, mn = statistics.median(old), statistics.median(new)
rate_new = gflop / (mn / 1000)
print(f"| {t} | {mo:.1f} ({', '.join(map(str, old))}) | {mn:.1f} ({', '.join(map(str, new))}) | **{mo / mn:.2f}x** | {rate_new:.0f} | {100 * rate_new / rate / int(t):.0f} % |")
EOF
done
echo
echo "The share at T threads is against T times the one-core SGEMM rate."
