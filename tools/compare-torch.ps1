#!/usr/bin/env pwsh
# This engine and the PyTorch reference (tools/reference/zsn2n_torch.py) side by side: same images, same
# recipe, same thread count. Prints a Markdown table of PSNR, ms per step, the speed-up and peak memory,
# and writes every raw JSON line to -RawOut. By default the two run one after the other on each image;
# -Concurrent runs them at the same time (one core each with -Threads 1: half the wall time, but each
# slows the other, so use it for PSNR tables, not for timings).
#
#   dotnet pwsh tools/compare-torch.ps1 -Steps 1000 -Concurrent
#   dotnet pwsh tools/compare-torch.ps1 -Steps 3000 -Images camera.png,home.png -Concurrent
#   dotnet pwsh tools/compare-torch.ps1 -Steps 200 -Images home.png -Threads 2        # a timing
param(
    [int] $Steps = 1000,
    [string] $Set = 'noisy_g25',
    [string[]] $Images = @(),
    [string] $Data = (Join-Path $PSScriptRoot '../../shared/data/dev'),
    [string] $RawOut = '',
    [int] $Threads = 1,
    [switch] $Concurrent
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$bench = Join-Path $root 'out/bench/zsn2n-bench.dll'
dotnet build (Join-Path $root 'tools/ZsN2N.Bench') -c Release -o (Split-Path $bench) | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building tools/ZsN2N.Bench failed.' }

if ($Images.Count -eq 0) { $Images = Get-ChildItem (Join-Path $Data $Set) -Filter *.png | Sort-Object Name | ForEach-Object Name }
$rows = @()
foreach ($image in $Images) {
    $noisy = Join-Path $Data $Set $image
    $clean = Join-Path $Data 'clean' $image
    $torchScript = Join-Path $root 'tools/reference/zsn2n_torch.py'
    $runTorch = { param($script, $noisy, $clean, $steps, $threads) /usr/bin/python3 $script denoise --noisy $noisy --clean $clean --steps $steps --threads $threads --json }
    $torchArgs = $torchScript, $noisy, $clean, $Steps, $Threads
    if ($Concurrent) {
        $torch = Start-Job -ScriptBlock $runTorch -ArgumentList $torchArgs
        $ours = dotnet $bench --noisy $noisy --clean $clean --steps $Steps --threads $Threads | ConvertFrom-Json
        $reference = Receive-Job $torch -Wait -AutoRemoveJob | Select-Object -Last 1 | ConvertFrom-Json
    }
    else {
        $ours = dotnet $bench --noisy $noisy --clean $clean --steps $Steps --threads $Threads | ConvertFrom-Json
        $reference = & $runTorch @torchArgs | Select-Object -Last 1 | ConvertFrom-Json
    }
    if ($RawOut) {
        ($ours | ConvertTo-Json -Compress) | Add-Content $RawOut
        ($reference | ConvertTo-Json -Compress) | Add-Content $RawOut
    }

    $rows += [pscustomobject]@{
        Image = $image; Ours = [double]$ours.psnr; Torch = [double]$reference.psnr
        OursMs = [double]$ours.ms_per_step; TorchMs = [double]$reference.ms_per_step
        OursMiB = [double]$ours.peak_rss_mib; TorchMiB = [double]$reference.peak_rss_mib
    }
    Write-Host ("{0}: ours {1:F2} dB, PyTorch {2:F2} dB" -f $image, $ours.psnr, $reference.psnr)
}

"Steps $Steps, threads $Threads$(if ($Concurrent) { ', the two engines concurrently' })."
""
"| image | ZsN2N.Ort PSNR (dB) | PyTorch PSNR (dB) | difference (dB) | ZsN2N.Ort ms/step | PyTorch ms/step | speed-up | ZsN2N.Ort peak MiB | PyTorch peak MiB |"
"|---|---:|---:|---:|---:|---:|---:|---:|---:|"
foreach ($row in $rows) {
    "| {0} | {1:F2} | {2:F2} | {3:+0.00;-0.00} | {4:F0} | {5:F0} | {6:F2}x | {7:F0} | {8:F0} |" -f $row.Image, $row.Ours, $row.Torch, ($row.Ours - $row.Torch), $row.OursMs, $row.TorchMs, ($row.TorchMs / $row.OursMs), $row.OursMiB, $row.TorchMiB
}
$meanOurs = ($rows | Measure-Object Ours -Average).Average
$meanTorch = ($rows | Measure-Object Torch -Average).Average
"| **mean** | **{0:F2}** | **{1:F2}** | **{2:+0.00;-0.00}** | | | | | |" -f $meanOurs, $meanTorch, ($meanOurs - $meanTorch)
