#!/usr/bin/env pwsh
# PSNR of this engine and of the PyTorch reference (tools/reference/zsn2n_torch.py) side by side, same
# images, same recipe, one thread each; the two run concurrently on each image (one core each).
# Prints a Markdown table and writes every raw JSON line to -RawOut.
#
#   dotnet pwsh tools/compare-psnr.ps1 -Steps 1000
#   dotnet pwsh tools/compare-psnr.ps1 -Steps 3000 -Images camera.png,home.png
param(
    [int] $Steps = 1000,
    [string] $Set = 'noisy_g25',
    [string[]] $Images = @(),
    [string] $Data = (Join-Path $PSScriptRoot '../../shared/data/dev'),
    [string] $RawOut = ''
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
    $torch = Start-Job -ScriptBlock {
        param($script, $noisy, $clean, $steps)
        /usr/bin/python3 $script denoise --noisy $noisy --clean $clean --steps $steps --threads 1 --json
    } -ArgumentList (Join-Path $root 'tools/reference/zsn2n_torch.py'), $noisy, $clean, $Steps
    $ours = dotnet $bench --noisy $noisy --clean $clean --steps $Steps --threads 1 | ConvertFrom-Json
    $reference = Receive-Job $torch -Wait -AutoRemoveJob | Select-Object -Last 1 | ConvertFrom-Json
    if ($RawOut) {
        ($ours | ConvertTo-Json -Compress) | Add-Content $RawOut
        ($reference | ConvertTo-Json -Compress) | Add-Content $RawOut
    }

    $rows += [pscustomobject]@{
        Image = $image; Ours = [double]$ours.psnr; Torch = [double]$reference.psnr
        OursMs = [double]$ours.ms_per_step; TorchMs = [double]$reference.ms_per_step
    }
    Write-Host ("{0}: ours {1:F2} dB, PyTorch {2:F2} dB" -f $image, $ours.psnr, $reference.psnr)
}

"| image | ZsN2N.Ort PSNR (dB) | PyTorch PSNR (dB) | difference (dB) | ZsN2N.Ort ms/step | PyTorch ms/step |"
"|---|---:|---:|---:|---:|---:|"
foreach ($row in $rows) {
    "| {0} | {1:F2} | {2:F2} | {3:+0.00;-0.00} | {4:F0} | {5:F0} |" -f $row.Image, $row.Ours, $row.Torch, ($row.Ours - $row.Torch), $row.OursMs, $row.TorchMs
}
$meanOurs = ($rows | Measure-Object Ours -Average).Average
$meanTorch = ($rows | Measure-Object Torch -Average).Average
"| **mean** | **{0:F2}** | **{1:F2}** | **{2:+0.00;-0.00}** | | |" -f $meanOurs, $meanTorch, ($meanOurs - $meanTorch)
