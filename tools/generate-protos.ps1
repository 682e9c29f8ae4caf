#Requires -Version 7.0
<#
.SYNOPSIS
Regenerates src/ZsN2N.Ort/Onnx/Protos/Onnx.g.cs from onnx.proto beside it.

.DESCRIPTION
Runs protoc from the Google.Protobuf.Tools NuGet package, at the version pinned in Directory.Packages.props
(the same version as the Google.Protobuf runtime, so generated code and runtime match). If the package is not
in the NuGet global packages folder yet, a throwaway project in a temporary folder downloads it.

Run from anywhere: dotnet tool restore; dotnet pwsh tools/generate-protos.ps1

.PARAMETER Check
Generate into a temporary folder and compare with the committed file instead of overwriting it;
exit with status 1 if they differ (for CI).
#>
[CmdletBinding()]
param(
    [switch] $Check
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true

$repoRoot = Split-Path -Parent $PSScriptRoot
$protoDir = 'src/ZsN2N.Ort/Onnx/Protos'
$generatedName = 'Onnx.g.cs'

function Get-ToolsVersion {
    $props = [xml](Get-Content -Raw (Join-Path $repoRoot 'Directory.Packages.props'))
    $entry = $props.Project.ItemGroup.PackageVersion | Where-Object Include -eq 'Google.Protobuf.Tools'
    if (-not $entry) {
        throw "Directory.Packages.props has no PackageVersion for Google.Protobuf.Tools."
    }
    return $entry.Version
}

# The package ships one protoc per platform; ARM64 Windows and macOS run the x64 build under emulation.
function Get-PlatformFolder {
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
    if ($IsWindows) { return ($arch -eq 'X86') ? 'windows_x86' : 'windows_x64' }
    if ($IsMacOS) { return 'macosx_x64' }
    switch ($arch) {
        'X64' { return 'linux_x64' }
        'Arm64' { return 'linux_aarch64' }
        'X86' { return 'linux_x86' }
        default { throw "Google.Protobuf.Tools has no protoc for Linux on $arch." }
    }
}

function Restore-ToolsPackage([string] $version) {
    $temp = Join-Path ([System.IO.Path]::GetTempPath()) "zsn2n-protoc-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory $temp | Out-Null
    try {
        # Outside the repository, so Directory.Packages.props does not apply; PackageDownload only fetches.
        Set-Content (Join-Path $temp 'restore.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Google.Protobuf.Tools" Version="[$version]" />
  </ItemGroup>
</Project>
"@
        dotnet restore (Join-Path $temp 'restore.csproj') | Out-Host
    }
    finally {
        Remove-Item -Recurse -Force $temp
    }
}

$version = Get-ToolsVersion
$packagesRoot = ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
$packageDir = Join-Path $packagesRoot 'google.protobuf.tools' $version
$protoc = Join-Path $packageDir 'tools' (Get-PlatformFolder) ($IsWindows ? 'protoc.exe' : 'protoc')
if (-not (Test-Path $protoc)) {
    Write-Host "Google.Protobuf.Tools $version is not in $packagesRoot; restoring it."
    Restore-ToolsPackage $version
    if (-not (Test-Path $protoc)) {
        throw "Restoring Google.Protobuf.Tools $version did not produce $protoc."
    }
}

# NuGet does not keep the executable bit when it extracts a package.
if (-not $IsWindows) {
    $mode = [System.IO.File]::GetUnixFileMode($protoc)
    if (-not ($mode -band [System.IO.UnixFileMode]::UserExecute)) {
        [System.IO.File]::SetUnixFileMode($protoc, $mode -bor [System.IO.UnixFileMode]::UserExecute)
    }
}

$outDir = $Check ? (Join-Path ([System.IO.Path]::GetTempPath()) "zsn2n-protos-$([guid]::NewGuid().ToString('N'))") : $protoDir
Push-Location $repoRoot
try {
    New-Item -ItemType Directory -Force $outDir | Out-Null
    # Relative paths, so the "source: onnx.proto" line in the generated header does not depend on the machine.
    # internal_access: the messages are the engine's machinery, not part of its public API.
    & $protoc -I $protoDir -I (Join-Path $packageDir 'tools') --csharp_out=$outDir --csharp_opt=file_extension=.g.cs,internal_access "$protoDir/onnx.proto"
    if (-not $Check) {
        Write-Host "Regenerated $protoDir/$generatedName with protoc $version."
        return
    }

    $committed = Get-Content -Raw (Join-Path $protoDir $generatedName)
    $fresh = Get-Content -Raw (Join-Path $outDir $generatedName)
    if ($committed -cne $fresh) {
        Write-Error "$protoDir/$generatedName is out of date; run tools/generate-protos.ps1." -ErrorAction Continue
        exit 1
    }
    Write-Host "$protoDir/$generatedName is up to date (protoc $version)."
}
finally {
    if ($Check) {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $outDir
    }
    Pop-Location
}
