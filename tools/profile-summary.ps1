#!/usr/bin/env pwsh
# Sums ONNX Runtime profiler traces per operator: total kernel milliseconds, share and calls. Traces come from any
# run with ZSN2N_ORT_PROFILE=PREFIX set (one JSON file per session, PREFIX-<graph>_<time>.json). The first -Skip
# runs of each session (memory arena growth, first-touch) are left out.
#
#   mkdir -p out/prof && ZSN2N_ORT_PROFILE=out/prof/t1 dotnet out/bench/zsn2n-bench.dll --noisy home.png --steps 50 --threads 1
#   dotnet pwsh tools/profile-summary.ps1 out/prof/t1-zsn2n_training*.json
[CmdletBinding(PositionalBinding = $false)]
param(
    [Parameter(Mandatory, Position = 0, ValueFromRemainingArguments)] [string[]] $Traces,
    [int] $Skip = 2
)

$ErrorActionPreference = 'Stop'
$totals = @{}
$calls = @{}
$runs = 0
foreach ($trace in $Traces | ForEach-Object { Get-Item $_ }) {
    $events = Get-Content $trace -Raw | ConvertFrom-Json
    # Each model_run event spans one Run; kernels inside the first -Skip runs are left out.
    $spans = @($events | Where-Object { $_.cat -eq 'Session' -and $_.name -eq 'model_run' } | Sort-Object ts)
    $runs += [math]::Max(0, $spans.Count - $Skip)
    $from = if ($spans.Count -gt $Skip) { $spans[$Skip].ts } else { [double]::MaxValue }
    foreach ($event in $events) {
        if ($event.cat -ne 'Node' -or -not $event.name.EndsWith('_kernel_time') -or $event.ts -lt $from) { continue }
        $op = $event.args.op_name
        $totals[$op] += [double]$event.dur / 1000
        $calls[$op] += 1
    }
}

$sum = ($totals.Values | Measure-Object -Sum).Sum
"$runs runs; kernel time $('{0:F1}' -f $sum) ms, $('{0:F2}' -f ($sum / [math]::Max(1, $runs))) ms per run."
""
"| operator | ms per run | share | calls per run |"
"|---|---:|---:|---:|"
foreach ($op in $totals.Keys | Sort-Object { -$totals[$_] }) {
    "| {0} | {1:F2} | {2:F1} % | {3:F0} |" -f $op, ($totals[$op] / [math]::Max(1, $runs)), (100 * $totals[$op] / $sum), ($calls[$op] / [math]::Max(1, $runs))
}
