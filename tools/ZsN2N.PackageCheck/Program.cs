// A consumer of the ZsN2N.Ort package, used as a service would use it (the README's service case): a stream in, PNG bytes out.
//
//   zsn2n-package-check NOISY CLEAN OUTPUT   denoises NOISY into the PNG OUTPUT; exit 0 when it gained over 1 dB on CLEAN
//   zsn2n-package-check --without-natives    built without ONNX Runtime's native package: exit 0 when denoising fails
//                                            with the message naming the packages an application adds
using ZsN2N.Ort;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Imaging.Metrics;
using ZsN2N.Ort.Options;
using ZsN2N.Ort.Pipeline;
using ZsN2N.Ort.Runtime;

if (args is ["--without-natives"])
{
    try
    {
        new Denoiser(new DenoiseOptions { Schedule = new() { Iterations = 1 }, Network = new() { Features = 4 }, Execution = new() { Threads = 1 } }).Denoise(new PlanarImage(1, 8, 8));
        Console.Error.WriteLine("Denoising ran without ONNX Runtime's native package.");
        return 1;
    }
    catch (RuntimeFailureException e) when (e.Message.Contains("reference Microsoft.ML.OnnxRuntime (CPU)", StringComparison.Ordinal))
    {
        Console.WriteLine($"Without the native package: {e.Message}");
        return 0;
    }
}

if (args is not [var noisyPath, var cleanPath, var outputPath])
{
    Console.Error.WriteLine("usage: zsn2n-package-check NOISY CLEAN OUTPUT | --without-natives");
    return 2;
}

// The README's service case: a stream in, PNG bytes out, trained off this thread and cancellable.
var pipeline = new ImagePipeline(new DenoiseOptions { Schedule = new() { Iterations = 100 } });
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
ImageOutcome outcome;
await using (var upload = File.OpenRead(noisyPath))
{
    outcome = await pipeline.DenoiseAsync(upload, cancellationToken: cancellation.Token);
}

byte[] png = outcome.Encoded;
File.WriteAllBytes(outputPath, png);
using var model = new MemoryStream();
await outcome.Result.Model.SaveAsync(model, cancellation.Token);

PlanarImage clean = ImageIo.Decode(File.ReadAllBytes(cleanPath));
double before = Psnr.Compute(clean, ImageIo.Decode(File.ReadAllBytes(noisyPath)));
double after = Psnr.Compute(clean, ImageIo.Decode(png));
Console.WriteLine($"{Path.GetFileName(noisyPath)}: {before:F2} dB -> {after:F2} dB in {outcome.Result.TotalTime.TotalSeconds:F1} s ({png.Length} PNG bytes, {model.Length} model bytes)");
return after > before + 1 ? 0 : 1;
