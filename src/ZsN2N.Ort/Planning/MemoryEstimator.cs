using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Training;

namespace ZsN2N.Ort.Planning;

/// <summary>
/// Estimates the peak memory of a denoising run before it starts, from sizes alone. The coefficients were
/// measured (peak working set of training steps and tiled inference at several sizes, width 48, CPU) and are
/// rounded up; docs/large-images.md has the table and the command that reproduces it.
/// </summary>
internal static class MemoryEstimator
{
    /// <summary>ONNX Runtime, both training sessions, the .NET runtime and OpenCV, measured at 70 to 150 MiB.</summary>
    public const long RuntimeBytes = 160L * 1024 * 1024;

    /// <summary>
    /// Bytes per training-image pixel per feature channel of each feature map (<see cref="NetworkDefinition.FeatureMaps"/>,
    /// 2 for the paper's network): the forward activations of the full image and of the half-size pair, their gradients
    /// and the convolution workspaces of the backward pass.
    /// </summary>
    public const double TrainingBytesPerPixelFeature = 30;

    /// <summary>Bytes per tile pixel per feature channel of each feature map of one inference run (activations and the convolution workspace).</summary>
    public const double InferenceBytesPerPixelFeature = 5;

    /// <summary>
    /// The estimate for a run on a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>
    /// image with network width <paramref name="features"/>, training steps on <paramref name="batch"/> (crops when
    /// <paramref name="patchTraining"/>), inference in tiles of <paramref name="tileSize"/>
    /// (0: untiled), for <paramref name="network"/> (the paper's when null), averaging <paramref name="ensembleOutputs"/>
    /// outputs per tile (a model's 8 with the self-ensemble, times the models of a seed ensemble).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static MemoryEstimate Estimate(int channels, int features, int height, int width, TrainingBatch batch, bool patchTraining, int tileSize, NetworkDefinition? network = null,
        int ensembleOutputs = 1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        network ??= NetworkDefinition.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch.Height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch.Width);
        ArgumentOutOfRangeException.ThrowIfNegative(tileSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ensembleOutputs);

        long imageValues = (long)channels * height * width;
        long trainingPixels = (long)batch.Count * batch.Height * batch.Width;
        var tiled = tileSize != 0 && (height > tileSize || width > tileSize);
        long tilePixels = tiled
            ? (long)(Math.Min(height, tileSize) + 2 * network.ReceptiveFieldRadius) * (Math.Min(width, tileSize) + 2 * network.ReceptiveFieldRadius)
            : (long)height * width;

        // The caller's input and the output; whole-image training adds two copies (the session's and the bound tensor's),
        // patch training its crops; untiled inference one copy of the input.
        var imageCopies = 2L + (patchTraining ? 0 : 2);
        long imageBytes = sizeof(float) * (imageCopies * imageValues + (tiled ? 2 * channels * tilePixels : imageValues)
            + (patchTraining ? 2 * channels * trainingPixels : 0));
        var trainingBytes = (long)(TrainingBytesPerPixelFeature * features * network.FeatureMaps * trainingPixels);
        // An ensemble holds every output of a tile until they are averaged (measured: 100 B per tile pixel for 8 colour outputs).
        var ensembleBytes = ensembleOutputs == 1 ? 0 : sizeof(float) * (long)ensembleOutputs * channels * tilePixels;
        var inferenceBytes = (long)(InferenceBytesPerPixelFeature * features * network.FeatureMaps * tilePixels) + ensembleBytes;
        return new MemoryEstimate(RuntimeBytes, trainingBytes, inferenceBytes, imageBytes);
    }
}
