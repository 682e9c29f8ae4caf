#!/usr/bin/env pwsh
# This engine and the PyTorch reference (tools/reference/zsn2n_torch.py) side by side: same images, same
# thread count. Prints a Markdown table of PSNR, ms per step, wall seconds, the speed-up and peak memory, and
# writes every raw JSON line to -RawOut.
#
# By default both run the official recipe for -Steps steps, one after the other on each image; -Repeat N runs
# each engine N times, alternating, and reports the medians (the machines are shared: alternate and take medians).
# -Preset fast runs this engine with its fast preset while PyTorch runs the official recipe for -Steps (3000 for
# the paper's recipe): the speed-up is then the ratio of wall times to quality (docs/performance.md).
# -Concurrent runs the two at the same time (one core each with -Threads 1: half the wall time, but each slows
# the other, so use it for PSNR tables, not for timings).
#
#   dotnet pwsh tools/compare-torch.ps1 -Steps 200 -Images home.png -Threads 2 -Repeat 3      # per step
#   dotnet pwsh tools/compare-torch.ps1 -Steps 3000 -Images home.png,camera.png -Threads 2 -Preset fast
#   dotnet pwsh tools/compare-torch.ps1 -Steps 1000 -Concurrent                                  # a PSNR table
param(
    [int] $Steps = 1000,
    [string] $Set = 'noisy_g25',
    [string[]] $Images = @(),
    [string] $Data = (Join-Path $PSScriptRoot '../../shared/data/dev'),
    [string] $RawOut = '',
    [int] $Threads = 1,
    [int] $Repeat = 1,
    [ValidateSet('', 'official', 'fast')] [string] $Preset = '',
    [switch] $Concurrent
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$bench = Join-Path $root 'out/bench/zsn2n-bench.dll'
dotnet build (Join-Path $root 'tools/ZsN2N.Bench') -c Release -o (Split-Path $bench) | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building tools/ZsN2N.Bench failed.' }
dotnet build-server shutdown | Out-Null   # no compiler server left running beside the timings

if ($Images.Count -eq 0) { $Images = Get-ChildItem (Join-Path $Data $Set) -Filter *.png | Sort-Object Name | ForEach-Object Name }
$torchScript = Join-Path $root 'tools/reference/zsn2n_torch.py'
$runTorch = { param($script, $noisy, $clean, $steps, $threads) /usr/bin/python3 $script denoise --noisy $noisy --clean $clean --steps $steps --threads $threads --json }
function Median([double[]] $values) { $sorted = $values | Sort-Object; $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }

$rows = @()
foreach ($image in $Images) {
    $noisy = Join-Path $Data $Set $image
    $clean = Join-Path $Data 'clean' $image
    $oursArgs = @($bench, '--noisy', $noisy, '--clean', $clean, '--threads', $Threads)
    $oursArgs += if ($Preset) { @('--preset', $Preset) } else { @('--steps', $Steps) }
    $torchArgs = $torchScript, $noisy, $clean, $Steps, $Threads
    $ours = @(); $reference = @()
    for ($run = 0; $run -lt $Repeat; $run++) {
        if ($Concurrent) {
            $torch = Start-Job -ScriptBlock $runTorch -ArgumentList $torchArgs
            $ours += dotnet @oursArgs | ConvertFrom-Json
            $reference += Receive-Job $torch -Wait -AutoRemoveJob | Select-Object -Last 1 | ConvertFrom-Json
        }
        else {
            $ours += dotnet @oursArgs | ConvertFrom-Json
            $reference += & $runTorch @torchArgs | Select-Object -Last 1 | ConvertFrom-Json
        }
    }
    if ($RawOut) {
        $ours + $reference | ForEach-Object { ($_ | ConvertTo-Json -Compress) | Add-Content $RawOut }
    }

    $rows += [pscustomobject]@{
        Image = $image; Ours = [double]$ours[0].psnr; Torch = [double]$reference[0].psnr
        OursSteps = [int]$ours[0].steps; TorchSteps = $Steps
        OursMs = Median ($ours | ForEach-Object { [double]$_.ms_per_step }); TorchMs = Median ($reference | ForEach-Object { [double]$_.ms_per_step })
        OursS = Median ($ours | ForEach-Object { [double]$_.total_s }); TorchS = Median ($reference | ForEach-Object { [double]$_.total_s })
        OursMiB = Median ($ours | ForEach-Object { [double]$_.peak_rss_mib }); TorchMiB = Median ($reference | ForEach-Object { [double]$_.peak_rss_mib })
    }
    Write-Host ("{0}: ours {1:F2} dB, PyTorch {2:F2} dB" -f $image, $ours[0].psnr, $reference[0].psnr)
}

$what = if ($Preset) { "this engine --preset $Preset against PyTorch's official recipe for $Steps steps" } else { "both engines $Steps steps of the official recipe" }
"$what, threads $Threads$(if ($Repeat -gt 1) { ", median of $Repeat alternating runs each" })$(if ($Concurrent) { ', the two engines concurrently' })."
""
"| image | ZsN2N.Ort steps | ZsN2N.Ort PSNR (dB) | PyTorch PSNR (dB) | difference (dB) | ZsN2N.Ort ms/step | PyTorch ms/step | per-step speed-up | ZsN2N.Ort s | PyTorch s | wall-time speed-up | ZsN2N.Ort peak MiB | PyTorch peak MiB |"
"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
foreach ($row in $rows) {
    "| {0} | {1} | {2:F2} | {3:F2} | {4:+0.00;-0.00} | {5:F1} | {6:F1} | {7:F2}x | {8:F1} | {9:F1} | {10:F2}x | {11:F0} | {12:F0} |" -f $row.Image, $row.OursSteps, $row.Ours, $row.Torch, ($row.Ours - $row.Torch),
        $row.OursMs, $row.TorchMs, ($row.TorchMs / $row.OursMs), $row.OursS, $row.TorchS, ($row.TorchS / $row.OursS), $row.OursMiB, $row.TorchMiB
}
$meanOurs = ($rows | Measure-Object Ours -Average).Average
$meanTorch = ($rows | Measure-Object Torch -Average).Average
$sumOurs = ($rows | Measure-Object OursS -Sum).Sum
$sumTorch = ($rows | Measure-Object TorchS -Sum).Sum
"| **mean / total** | | **{0:F2}** | **{1:F2}** | **{2:+0.00;-0.00}** | | | | **{3:F1}** | **{4:F1}** | **{5:F2}x** | | |" -f $meanOurs, $meanTorch, ($meanOurs - $meanTorch), $sumOurs, $sumTorch, ($sumTorch / $sumOurs)
