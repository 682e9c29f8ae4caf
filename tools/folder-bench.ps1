#!/usr/bin/env pwsh
# Folders: several images at once against one image with every thread. Builds the CLI once (Release),
# then denoises the same folder of -Images images twice, one run after the other: `--parallel 1
# --threads N` (one image at a time, N threads) and `--parallel N --threads 1` (N images at once, one
# thread each). Prints seconds, images per minute, and with /usr/bin/time the CPU seconds and peak
# resident memory, and the ratio, as a Markdown table; docs/performance.md has the figures and the
# default they chose. Time it on a quiet machine: the runs compete for the cores with anything else.
#
#   dotnet pwsh tools/folder-bench.ps1
#   dotnet pwsh tools/folder-bench.ps1 -Images 8 -Steps 100 -Threads 4
param(
    [int] $Images = 4,
    [int] $Steps = 300,
    [int] $Threads = [Environment]::ProcessorCount,
    [string] $Set = 'noisy_g25',
    [string] $Data = (Join-Path $PSScriptRoot '../../shared/data/dev'),
    [string] $ArtifactsPath = (Join-Path $PSScriptRoot '../out/folder-bench')
)

$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
dotnet build (Join-Path $root 'src/ZsN2N.Cli') -c Release --artifacts-path $ArtifactsPath | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'Building src/ZsN2N.Cli failed.' }
$zsn2n = Join-Path $ArtifactsPath 'bin/ZsN2N.Cli/release/zsn2n.dll'

# The first -Images images of the set by name, repeated under new names when the set has fewer.
$sources = @(Get-ChildItem (Join-Path $Data $Set) -Filter *.png | Sort-Object Name)
if ($sources.Count -eq 0) { throw "No PNG images in $(Join-Path $Data $Set)." }
$work = Join-Path ([IO.Path]::GetTempPath()) "zsn2n-folder-bench-$([Guid]::NewGuid().ToString('N'))"
$inputs = New-Item -ItemType Directory (Join-Path $work 'in')
for ($i = 0; $i -lt $Images; $i++) {
    $source = $sources[$i % $sources.Count]
    Copy-Item $source.FullName (Join-Path $inputs ('{0:D3}-{1}' -f $i, $source.Name))
}

$time = if (Test-Path /usr/bin/time) { '/usr/bin/time' } else { $null }
$modes = @(
    [pscustomobject]@{ Name = 'one image at a time'; Parallel = 1; Threads = $Threads },
    [pscustomobject]@{ Name = 'images at once'; Parallel = $Threads; Threads = 1 }
)
$rows = @()
try {
    foreach ($mode in $modes) {
        $output = Join-Path $work "out-$($mode.Parallel)x$($mode.Threads)"
        $arguments = @($zsn2n, 'denoise', $inputs, '-o', $output, '--iterations', $Steps,
            '--parallel', $mode.Parallel, '--threads', $mode.Threads, '--quiet')
        $usage = Join-Path $work "usage-$($mode.Parallel).txt"
        $clock = [Diagnostics.Stopwatch]::StartNew()
        if ($time) { & $time -f '%M %U %S' -o $usage dotnet @arguments | Out-Host }
        else { dotnet @arguments | Out-Host }
        $seconds = $clock.Elapsed.TotalSeconds
        if ($LASTEXITCODE -ne 0) { throw "zsn2n denoise --parallel $($mode.Parallel) --threads $($mode.Threads) exited $LASTEXITCODE." }

        # /usr/bin/time's last line: peak resident KiB, user and system CPU seconds.
        $measured = if ($time) { (Get-Content $usage | Select-Object -Last 1) -split ' ' | ForEach-Object { [double]$_ } } else { $null }
        $rows += [pscustomobject]@{
            Mode = $mode.Name; Parallel = $mode.Parallel; Threads = $mode.Threads; Seconds = $seconds
            PerMinute = $Images / $seconds * 60
            CpuSeconds = if ($measured) { $measured[1] + $measured[2] } else { $null }
            PeakMiB = if ($measured) { $measured[0] / 1024 } else { $null }
        }
    }
}
finally {
    Remove-Item -Recurse -Force $work
}

"$Images images of $Set ($(($sources | Select-Object -First $Images | ForEach-Object Name) -join ', ')), $Steps steps each, $([Environment]::ProcessorCount) processors."
""
"| mode | --parallel | --threads | seconds | images per minute | CPU seconds | peak MiB |"
"|---|---:|---:|---:|---:|---:|---:|"
foreach ($row in $rows) {
    $cpu = if ($null -ne $row.CpuSeconds) { '{0:F1}' -f $row.CpuSeconds } else { 'n/a' }
    $peak = if ($null -ne $row.PeakMiB) { '{0:F0}' -f $row.PeakMiB } else { 'n/a' }
    "| {0} | {1} | {2} | {3:F1} | {4:F2} | {5} | {6} |" -f $row.Mode, $row.Parallel, $row.Threads, $row.Seconds, $row.PerMinute, $cpu, $peak
}
""
"Images at once are {0:F2}x as fast as one image at a time with every thread." -f ($rows[0].Seconds / $rows[1].Seconds)
