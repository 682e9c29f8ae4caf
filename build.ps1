#!/usr/bin/env pwsh
# One-stop build: restores the local tools, regenerates the training artifacts from
# artifacts/zsn2n.onnxtxt when they are stale, builds the solution and runs the tests.
#
#   dotnet tool restore; dotnet pwsh build.ps1                 # everything
#   dotnet pwsh build.ps1 -SkipTests                           # build only
#   dotnet pwsh build.ps1 -Cuda                                # apps and tests on ONNX Runtime's GPU natives
param(
    [switch] $SkipTests,
    [switch] $Cuda,
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Step([string] $Title, [scriptblock] $Command) {
    Write-Host "==> $Title"
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Title failed with exit code $LASTEXITCODE." }
}

# The engine is the same build either way; -Cuda gives the applications (CLI, web app, tools, tests) the GPU package of
# ONNX Runtime's natives (Directory.Build.targets), so that ExecutionDevice.Cuda can run.
$cudaSwitch = if ($Cuda) { '-p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu' } else { '-p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime' }

Invoke-Step 'Restore local tools' { dotnet tool restore }
Invoke-Step 'Generate training artifacts' { dotnet run --project tools/ZsN2N.ArtifactGen -c $Configuration -- --artifacts artifacts }
Invoke-Step 'Build' { dotnet build ZsN2N.Ort.sln -c $Configuration $cudaSwitch }
if (-not $SkipTests) {
    Invoke-Step 'Test' { dotnet test ZsN2N.Ort.sln -c $Configuration $cudaSwitch --no-build }
}
