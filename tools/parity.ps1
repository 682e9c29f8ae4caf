#Requires -Version 7.0
<#
.SYNOPSIS
Checks ZsN2N.Ort against the PyTorch reference: loss and gradients on the same weights, then short training runs.

.DESCRIPTION
For each image: zsn2n-parity dump-case writes the centre crop and the seeded initial weights of a case, with our
loss and gradients from the generated training graph (float32, ONNX Runtime); tools/reference/zsn2n_torch.py grad
computes the same in float64 (the reference) and in float32 (to show float32's own rounding); then both sides train
from the same weights on the official recipe (Adam, lr 1e-3) and record the loss of every step, PyTorch in float32
and, unless -SkipFloat64Training, in float64 too.

Prints Markdown: the machine, the gradient table (max |ours - torch| / max |torch| per parameter) and the training
table (|ours - torch| / |torch| of the loss at steps 1, 10, 100, -Steps). Exits 1 when a loss or a gradient differs
from float64 PyTorch by more than -Tolerance (relative), 2 on a failed command.

Run from anywhere: dotnet tool restore; dotnet pwsh tools/parity.ps1
Needs Debian's python3-torch (see tools/reference/README.md). docs/parity.md records a run.

.PARAMETER Images
File names in -DataDir (an array, or one comma-separated string). Default: two colour images and the grayscale camera.png.

.PARAMETER DataDir
Folder of noisy images. Default: shared/data/dev/noisy_g25 in or beside the repository.

.PARAMETER Crop
Side of the centre crop (even).

.PARAMETER Steps
Training steps per side.

.PARAMETER Seed
Seed of the initial weights (ZsN2N.Ort's initialiser; both sides start from them).

.PARAMETER Tolerance
Largest relative loss or gradient difference from float64 PyTorch that passes.

.PARAMETER WorkDir
Where the case folders go (kept). Default: a new temporary folder.

.PARAMETER BuildDir
dotnet --artifacts-path for the tool, so the build does not touch the repository's bin/ and obj/.

.PARAMETER Python
The interpreter that has torch (Debian's).

.PARAMETER SkipFloat64Training
Skip PyTorch's float64 training runs (the slowest part), which show how far float32 alone drifts.

.PARAMETER MarkdownOut
Also write the Markdown report to this file.
#>
[CmdletBinding()]
param(
    [string[]] $Images = @('orange.png', 'hubble_deep_field.png', 'camera.png'),
    [string] $DataDir,
    [int] $Crop = 64,
    [int] $Steps = 200,
    [int] $Seed = 0,
    [double] $Tolerance = 1e-4,
    [string] $WorkDir,
    [string] $BuildDir = (Join-Path ([IO.Path]::GetTempPath()) 'zsn2n-parity-build'),
    [string] $Python = '/usr/bin/python3',
    [switch] $SkipFloat64Training,
    [string] $MarkdownOut
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = Split-Path -Parent $PSScriptRoot
$reference = Join-Path $repoRoot 'tools/reference/zsn2n_torch.py'
$invariant = [Globalization.CultureInfo]::InvariantCulture
$parameters = 'conv1_weight', 'conv1_bias', 'conv2_weight', 'conv2_bias', 'conv3_weight', 'conv3_bias'

# 'pwsh -File' passes "-Images a.png,b.png" as one string.
$Images = @($Images | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
if (-not $DataDir) {
    $DataDir = @('shared/data/dev/noisy_g25', '../shared/data/dev/noisy_g25') |
        ForEach-Object { Join-Path $repoRoot $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $DataDir) { Write-Error 'No shared/data/dev/noisy_g25 in or beside the repository; pass -DataDir.' }
}
$DataDir = [IO.Path]::GetFullPath($DataDir)
if (-not $WorkDir) {
    $WorkDir = Join-Path ([IO.Path]::GetTempPath()) "zsn2n-parity-$([DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss'))"
}
New-Item -ItemType Directory -Force -Path $WorkDir | Out-Null

# Runs a native command, echoes it to the verbose stream, fails on a non-zero exit and returns its last stdout line
# parsed as JSON (every command here prints a one-line JSON summary last).
function Invoke-Json {
    param([string] $Exe, [string[]] $Arguments)
    Write-Verbose "$Exe $($Arguments -join ' ')"
    Write-Host "  $([IO.Path]::GetFileName($Exe)) $($Arguments -join ' ')" -ForegroundColor DarkGray
    $out = & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Host "Command failed ($LASTEXITCODE): $Exe $($Arguments -join ' ')" -ForegroundColor Red
        exit 2
    }
    return ($out | Select-Object -Last 1) | ConvertFrom-Json -AsHashtable
}

function Format-Number([double] $x, [string] $format = '0.0e+0') {
    if ($x -eq 0) { return '0' }
    return $x.ToString($format, $invariant)
}

# Build the tool (Release, private output) and locate its apphost.
Write-Host "Building tools/ZsN2N.Parity into $BuildDir" -ForegroundColor DarkGray
& dotnet build (Join-Path $repoRoot 'tools/ZsN2N.Parity') -c Release --artifacts-path $BuildDir -nologo -v quiet | Out-Host
if ($LASTEXITCODE -ne 0) { Write-Host 'Build failed.' -ForegroundColor Red; exit 2 }
$tool = Join-Path $BuildDir 'bin/ZsN2N.Parity/release/zsn2n-parity'
if ($IsWindows) { $tool += '.exe' }

$torchVersion = (& $Python -c 'import torch; print(torch.__version__)')
if ($LASTEXITCODE -ne 0) { Write-Host "$Python cannot import torch." -ForegroundColor Red; exit 2 }

$gradientRows = @()
$trainingRows = @()
$failures = @()
foreach ($image in $Images) {
    $name = [IO.Path]::GetFileNameWithoutExtension($image)
    $case = Join-Path $WorkDir $name
    Write-Host "Case $name -> $case" -ForegroundColor Cyan
    Invoke-Json $tool @('dump-case', '--image', (Join-Path $DataDir $image), '--crop', "$Crop", '--out', $case, '--seed', "$Seed") | Out-Null
    Invoke-Json $Python @($reference, 'grad', '--case', $case, '--float64', '--d1-diagonal') | Out-Null
    Invoke-Json $Python @($reference, 'grad', '--case', $case, '--d1-diagonal', '--prefix', 'torch32_') | Out-Null
    $ours = Invoke-Json $tool @('train-case', '--case', $case, '--steps', "$Steps")
    $torch = Invoke-Json $Python @($reference, 'train-case', '--case', $case, '--steps', "$Steps", '--d1-diagonal')
    if (-not $SkipFloat64Training) {
        Invoke-Json $Python @($reference, 'train-case', '--case', $case, '--steps', "$Steps", '--d1-diagonal', '--float64', '--prefix', 'torch64_') | Out-Null
    }

    $at = (@(1, 10, 100, $Steps) | Where-Object { $_ -le $Steps } | Sort-Object -Unique) -join ','
    # Gradients: ours (float32) and torch float32 against torch float64; training: ours against torch float32.
    $vsTorch = Invoke-Json $tool @('compare-case', '--case', $case, '--at', $at)
    $floor = Invoke-Json $tool @('compare-case', '--case', $case, '--ours-prefix', 'torch32_', '--at', $at)
    $gradientRows += [pscustomobject]@{ Name = $name; Compare = $vsTorch; Floor = $floor }
    $drift = $null
    $oursVs64 = $null
    if (-not $SkipFloat64Training) {
        $drift = Invoke-Json $tool @('compare-case', '--case', $case, '--ours-prefix', 'torch_', '--reference-prefix', 'torch64_', '--at', $at)
        $oursVs64 = Invoke-Json $tool @('compare-case', '--case', $case, '--reference-prefix', 'torch64_', '--at', $at)
    }
    $trainingRows += [pscustomobject]@{ Name = $name; Compare = $vsTorch; Drift = $drift; OursVs64 = $oursVs64; Ours = $ours; Torch = $torch }

    if ($vsTorch.loss_rel -gt $Tolerance) { $failures += "$name loss differs by $(Format-Number $vsTorch.loss_rel) relative" }
    foreach ($p in $parameters) {
        if ($vsTorch.grad_rel[$p] -gt $Tolerance) { $failures += "$name $p gradient differs by $(Format-Number $vsTorch.grad_rel[$p]) relative" }
    }
}

# Markdown report.
$cpu = if (Test-Path /proc/cpuinfo) {
    ((Get-Content /proc/cpuinfo | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -replace '^model name\s*:\s*', '')
} else { $env:PROCESSOR_IDENTIFIER }
$md = [Collections.Generic.List[string]]::new()
$md.Add("Machine: $([Environment]::ProcessorCount) logical CPUs, $cpu; $([Runtime.InteropServices.RuntimeInformation]::OSDescription)")
$md.Add("torch $torchVersion; .NET $([Environment]::Version); crop ${Crop}x${Crop} (centre), width 48, seed $Seed, 1 thread each side")
$md.Add('')
$md.Add('Loss and gradients, reference PyTorch float64 (ours and torch32: float32). Gradient columns: max |x - torch64| / max |torch64|.')
$md.Add('')
$md.Add("| image | C | loss (torch64) | loss rel. diff | $($parameters -join ' | ') | torch32 worst |")
$md.Add("|---|---|---|---|$(($parameters | ForEach-Object { '---' }) -join '|')|---|")
foreach ($row in $gradientRows) {
    $c = $row.Compare
    $cells = $parameters | ForEach-Object { Format-Number $c.grad_rel[$_] }
    $md.Add("| $($row.Name) | $($c.channels) | $(Format-Number $c.loss_reference '0.0000000') | $(Format-Number $c.loss_rel) | $($cells -join ' | ') | $(Format-Number $row.Floor.grad_rel_max) |")
}
$md.Add('')
$stepList = @(1, 10, 100, $Steps) | Where-Object { $_ -le $Steps } | Sort-Object -Unique
$md.Add("Training $Steps steps from the same weights (Adam, lr 1e-3), both float32. Relative loss difference |ours - torch32| / |torch32| at step k; last columns: worst step of ours vs torch32, of torch32 vs torch64 and of ours vs torch64.")
$md.Add('')
$md.Add("| image | loss step 1 | loss step $Steps ours / torch32 | $(($stepList | ForEach-Object { "k=$_" }) -join ' | ') | worst ours-torch32 | worst torch32-torch64 | worst ours-torch64 | ms/step ours / torch32 |")
$md.Add("|---|---|---|$(($stepList | ForEach-Object { '---' }) -join '|')|---|---|---|---|")
foreach ($row in $trainingRows) {
    $c = $row.Compare
    $cells = $stepList | ForEach-Object { Format-Number $c.train_rel_at["$_"] }
    $drift = if ($row.Drift) { Format-Number $row.Drift.train_rel_max } else { 'n/a' }
    $ours64 = if ($row.OursVs64) { Format-Number $row.OursVs64.train_rel_max } else { 'n/a' }
    $md.Add("| $($row.Name) | $(Format-Number $c.train_loss_first[1] '0.0000000') | $(Format-Number $c.train_loss_last[0] '0.0000000') / $(Format-Number $c.train_loss_last[1] '0.0000000') | $($cells -join ' | ') | $(Format-Number $c.train_rel_max) | $drift | $ours64 | $(Format-Number $row.Ours.ms_per_step '0.0') / $(Format-Number $row.Torch.ms_per_step '0.0') |")
}
$md.Add('')
$md.Add($(if ($failures.Count -eq 0) { "PASS: every loss and gradient within $(Format-Number $Tolerance) of float64 PyTorch." } else { "FAIL: $($failures -join '; ')." }))

Write-Host "Cases kept in $WorkDir" -ForegroundColor DarkGray
$md | Write-Output
if ($MarkdownOut) { $md | Set-Content -Path $MarkdownOut -Encoding utf8 }
exit $(if ($failures.Count -eq 0) { 0 } else { 1 })
