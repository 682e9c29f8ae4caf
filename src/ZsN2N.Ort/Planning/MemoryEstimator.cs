using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Models;
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

    /// <summary>Image-sized tensors the pixel-shuffle graph holds per tile besides the network's (<see cref="PixelShuffleDenoiser"/>).</summary>
    public const int PixelShuffleTensors = 7;

    /// <summary>
    /// The estimate for a run on a <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/>
    /// image with network width <paramref name="features"/>, training steps on <paramref name="batch"/> (crops when
    /// <paramref name="patchTraining"/>), inference in tiles of <paramref name="tileSize"/>
    /// (0: untiled), for <paramref name="network"/> (the paper's when null), averaging <paramref name="ensembleOutputs"/>
    /// outputs per tile (a model's 8 with the self-ensemble, times the models of a seed ensemble); with
    /// <paramref name="subImages"/> (the camera mode), training on the pixel-shuffle sub-images of the batch and inference
    /// through <see cref="PixelShuffleDenoiser"/>, with its <paramref name="secondPass"/> or without.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static MemoryEstimate Estimate(int channels, int features, int height, int width, TrainingBatch batch, bool patchTraining, int tileSize, NetworkDefinition? network = null,
        int ensembleOutputs = 1, bool subImages = false, bool secondPass = false)
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
        var halo = subImages ? PixelShuffleDenoiser.Radius(network.ReceptiveFieldRadius, secondPass) : network.ReceptiveFieldRadius;
        long tilePixels = tiled
            ? (long)(Math.Min(height, tileSize) + 2 * halo) * (Math.Min(width, tileSize) + 2 * halo)
            : (long)height * width;

        // The caller's input and the output; whole-image training adds two copies (the session's and the bound tensor's),
        // patch training its crops; untiled inference one copy of the input.
        var imageCopies = 2L + (patchTraining ? 0 : 2);
        long imageBytes = sizeof(float) * (imageCopies * imageValues + (tiled ? 2 * channels * tilePixels : imageValues)
            + (patchTraining ? 2 * channels * trainingPixels : 0) + (subImages ? channels * trainingPixels : 0));
        var trainingBytes = (long)(TrainingBytesPerPixelFeature * features * network.FeatureMaps * trainingPixels);
        // An ensemble holds every output of a tile until they are averaged (measured: 100 B per tile pixel for 8 colour outputs).
        var ensembleBytes = ensembleOutputs == 1 ? 0 : sizeof(float) * (long)ensembleOutputs * channels * tilePixels;
        // The pixel-shuffle graph's own tensors of a tile (padded, in blocks, as sub-images, denoised, back in blocks,
        // shuffled back, and the second pass's result) sit beside the network's activations of one pass at a time.
        var shuffleBytes = subImages ? sizeof(float) * PixelShuffleTensors * channels * tilePixels : 0;
        var inferenceBytes = (long)(InferenceBytesPerPixelFeature * features * network.FeatureMaps * tilePixels) + ensembleBytes + shuffleBytes;
        return new MemoryEstimate(RuntimeBytes, trainingBytes, inferenceBytes, imageBytes);
    }
}
