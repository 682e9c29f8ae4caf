using System.Diagnostics;
using System.Globalization;
using ZsN2N.Cli.Progress;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Pipeline;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// The loop of the commands that turn each input image into one output image without training (<c>add-noise</c>,
/// <c>apply</c>): one progress line per file, a file that fails is reported and the others go on, Ctrl-C stops between
/// files, then a summary and the exit code.
/// </summary>
internal static class ImageFileBatch
{
    /// <summary>
    /// Writes <c>OUTDIR/NAME.png</c> = <paramref name="produce"/>(input) for every file, then the summary line
    /// "<paramref name="verb"/> N of M images into OUTDIR in S s." and the failures.
    /// </summary>
    /// <returns>The exit code: success, some failed, or cancelled.</returns>
    public static int Run(IBatchProgress progress, IReadOnlyList<string> files, string outputFolder, string verb,
        Func<string, CancellationToken, PlanarImage> produce, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var succeeded = 0;
        try
        {
            progress.Run(files.Count, () =>
            {
                for (var i = 0; i < files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var display = progress.StartImage($"[{i + 1}/{files.Count}] {Path.GetFileName(files[i])}", 0);
                    var imageClock = Stopwatch.StartNew();
                    try
                    {
                        var image = produce(files[i], cancellationToken);
                        var output = InputFiles.OutputPath(outputFolder, files[i], ".png");
                        ImageIo.Write(image, output);
                        display.Succeeded($"wrote {output}", imageClock.Elapsed);
                        succeeded++;
                    }
                    catch (Exception e) when (ImageFailure.IsPerImage(e))
                    {
                        var error = ImageFailure.Describe(e, files[i]);
                        failures.Add(error);
                        display.Failed(error);
                    }
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"Cancelled after {succeeded} of {files.Count} images; no partial file was written.");
            return ExitCodes.Cancelled;
        }

        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verb} {succeeded} of {files.Count} images into {outputFolder} in {clock.Elapsed.TotalSeconds:F1} s."));
        if (failures.Count > 0)
        {
            progress.WriteLine($"{failures.Count} failed:");
            failures.ForEach(f => progress.WriteLine($"  {f}"));
        }

        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }
}
