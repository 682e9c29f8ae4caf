#!/usr/bin/env bash
# Packs ZsN2N.Ort and the zsn2n tool and uses them as a user would, outside the repository (issue 18):
#   1. `dotnet pack` at the root, which must not warn;
#   2. the tool, installed from the local feed into a temporary folder, denoises the bundled sample and must gain PSNR;
#   3. a throwaway console project on the ZsN2N.Ort package and the native packages an application picks
#      (tools/ZsN2N.PackageCheck/Program.cs) denoises a sample as the README's service case does (a stream in,
#      PNG bytes out, asynchronously, with a cancellation token) and must gain PSNR;
#   4. the same project without ONNX Runtime's native package must fail naming the packages to add.
# Works offline: the local feed, and the machine's NuGet source for the rest (read from its package cache).
#
#   bash tools/check-packages.sh          exit 0 when every step passed
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/zsn2n-packages.XXXXXX")
trap 'rm -rf "$work"' EXIT
feed=$work/feed

# The version of a package pinned in Directory.Packages.props, or of our own packages in Directory.Build.props.
pinned() { sed -n "s:.*<PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*:\1:p" Directory.Packages.props; }
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)

echo "== dotnet pack (version $version)"
dotnet pack ZsN2N.Ort.sln -c Release -o "$feed" 2>&1 | tee "$work/pack.log"
if grep -E ": warning " "$work/pack.log"; then
    echo "check-packages: dotnet pack warned (above)." >&2
    exit 1
fi
ls -l "$feed"

# Our packages go to a package folder of their own, so a package of the same version restored before (into the
# machine's cache) is never taken instead; every other package comes from the machine's cache, read only.
machine_cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
export NUGET_PACKAGES=$work/packages

echo "== dotnet tool install zsn2n from the local feed"
dotnet tool install zsn2n --version "$version" --tool-path "$work/tool" --add-source "$feed"
du -sh "$work/tool/.store"
"$work/tool/zsn2n" denoise samples/camera_noisy_g25.png -o "$work/out" --iterations 100 --seed 1
psnr() { "$work/tool/zsn2n" eval "$1" samples/camera.png --csv | awk -F, '$1 != "name" && $1 != "mean" { print $4 }'; }
noisy=$(psnr samples/camera_noisy_g25.png)
denoised=$(psnr "$work/out/camera_noisy_g25.png")
echo "zsn2n tool: camera_noisy_g25.png $noisy dB -> $denoised dB"
awk -v a="$noisy" -v b="$denoised" 'BEGIN { exit !(b > a + 1) }' || {
    echo "check-packages: the installed tool did not denoise (PSNR $noisy -> $denoised dB)." >&2
    exit 1
}

echo "== a console project on the ZsN2N.Ort package"
consumer=$work/consumer
mkdir -p "$consumer"
cp tools/ZsN2N.PackageCheck/Program.cs "$consumer/"
cat > "$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="zsn2n-local" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine" value="$machine_cache" />
  </fallbackPackageFolders>
</configuration>
EOF
cat > "$consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ZsN2N.Ort" Version="$version" />
  </ItemGroup>
  <!-- The natives an application on Linux x64 picks (the README's install commands). -->
  <ItemGroup Condition="'\$(WithNatives)' != 'false'">
    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="$(pinned Microsoft.ML.OnnxRuntime)" />
    <PackageReference Include="OpenCvSharp4.official.runtime.linux-x64" Version="$(pinned OpenCvSharp4.official.runtime.linux-x64)" />
  </ItemGroup>
</Project>
EOF
# Nothing of this repository's build (or of a folder above the temporary one) may reach the consumer.
isolated=(-p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false -p:ImportDirectoryPackagesProps=false)
dotnet build "$consumer" -c Release -o "$work/with-natives" "${isolated[@]}"
(cd "$work" && dotnet with-natives/Consumer.dll "$repo/samples/retina_noisy_g25.png" "$repo/samples/retina.png" "$work/retina.png")

echo "== the same project without the native packages"
dotnet build "$consumer" -c Release -o "$work/without-natives" -p:WithNatives=false "${isolated[@]}"
if [ -e "$work/without-natives/runtimes" ]; then
    echo "check-packages: the package brought native libraries of its own:" >&2
    find "$work/without-natives/runtimes" -type f >&2
    exit 1
fi
(cd "$work" && dotnet without-natives/Consumer.dll --without-natives)

echo "check-packages: all passed."
