#!/usr/bin/env pwsh
# Patch training against whole-image training at the same steps (docs/large-images.md). Trains each image once on
# the whole image (--patch-training never) and once per variant on random crops (--patch-training always), seed 0,
# one thread, the official schedule, and prints the PSNR of each against the clean image and the difference.
#
# Images: -Dev pairs SET/NAME of ../shared/data/dev (256 x 256), and the full photos of ../shared/data/dev/large with
# Gaussian noise sigma 25 (zsn2n add-noise --seed 7, 16-bit). Variants are SIZExCOUNT[@FACTOR]: 128x2 = two 128 x 128 crops a step at the default
# --patch-lr-factor, 128x2@2 the same at twice the learning rate.
# Every run writes into -Out with --skip-existing, so an interrupted bench resumes and a finished one only prints.
# 3000 whole-image steps of a large photo take about an hour of one core.
#
#   dotnet pwsh tools/patch-bench.ps1
#   dotnet pwsh tools/patch-bench.ps1 -Variants 128x1,128x2@2,128x2@4 -Out out/patch-bench
param(
    [string[]] $Variants = @('128x2'),
    [string[]] $Dev = @('noisy_g25/camera', 'noisy_g25/orange', 'noisy_g50/home', 'noisy_p50/aloeL'),
    [switch] $NoLarge,
    [int] $Steps = 3000,
    [string] $Data = (Join-Path $PSScriptRoot '../../shared/data/dev'),
    [string] $Out = (Join-Path $PSScriptRoot '../out/patch-bench')
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$build = Join-Path $Out 'build'
dotnet build (Join-Path $root 'src/ZsN2N.Cli') -c Release -o $build | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building src/ZsN2N.Cli failed.' }
$zsn2n = Join-Path $build 'zsn2n.dll'

# (set, noisy file, clean file) per image; the large photos get their noise once.
$images = @($Dev | ForEach-Object {
    $set, $name = $_ -split '/'
    [pscustomobject]@{ Set = $set; Noisy = Join-Path $Data $set "$name.png"; Clean = Join-Path $Data 'clean' "$name.png" }
})
if (-not $NoLarge) {
    $noisyLarge = Join-Path $Out 'large/noisy_g25'
    if (-not (Test-Path $noisyLarge)) {
        dotnet $zsn2n add-noise (Join-Path $Data 'large') -o $noisyLarge --gaussian 25 --seed 7 --depth 16 --quiet
        if ($LASTEXITCODE -ne 0) { throw 'zsn2n add-noise failed.' }
    }
    $images += Get-ChildItem (Join-Path $Data 'large') -Filter *.png | Sort-Object Name | ForEach-Object {
        [pscustomobject]@{ Set = 'large'; Noisy = Join-Path $noisyLarge $_.Name; Clean = $_.FullName }
    }
}

# The official schedule's shape at any step count: three learning rates, halved at each third.
$stepSize = [math]::Max(1, [int][math]::Floor($Steps / 3))

function Train([string] $variant, [string[]] $patchArguments) {
    foreach ($image in $images) {
        dotnet $zsn2n denoise $image.Noisy -o (Join-Path $Out $variant $image.Set) --iterations $Steps --step-size $stepSize --seed 0 `
            --threads 1 --parallel 1 --skip-existing --quiet @patchArguments | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "zsn2n denoise $($image.Noisy) ($variant) exited $LASTEXITCODE." }
    }
}

# PSNR of the written PNG against the clean image, as zsn2n eval computes it.
function Psnr([string] $variant, $image) {
    $denoised = Join-Path $Out $variant $image.Set ([IO.Path]::GetFileName($image.Noisy))
    (dotnet $zsn2n eval $denoised $image.Clean --json | ConvertFrom-Json).meanPsnr
}

Train 'whole' @('--patch-training', 'never')
foreach ($variant in $Variants) {
    $crops, $factor = $variant -split '@'
    $size, $count = $crops -split 'x'
    $patchArguments = @('--patch-training', 'always', '--patch-size', $size, '--patches', $count)
    if ($factor) { $patchArguments += @('--patch-lr-factor', $factor) }
    Train $variant $patchArguments
}

"$Steps steps, seed 0, one thread; PSNR (dB) against the clean image, and patch minus whole."
""
"| image | whole image | $(($Variants | ForEach-Object { "crops $_ (Δ)" }) -join ' | ') |"
"|---|---:|$(($Variants | ForEach-Object { '---:' }) -join '|')|"
$deltas = @{}
foreach ($image in $images) {
    $whole = Psnr 'whole' $image
    $cells = foreach ($variant in $Variants) {
        $psnr = Psnr $variant $image
        $deltas[$variant] += @($psnr - $whole)
        '{0:F2} ({1:+0.00;-0.00})' -f $psnr, ($psnr - $whole)
    }
    "| {0} {1} | {2:F2} | {3} |" -f $image.Set, [IO.Path]::GetFileName($image.Noisy), $whole, ($cells -join ' | ')
}
"| **mean Δ** | | $(($Variants | ForEach-Object { '**{0:+0.00;-0.00}**' -f ($deltas[$_] | Measure-Object -Average).Average }) -join ' | ') |"
