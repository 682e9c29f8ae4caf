using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Onnx;
using ZsN2N.Parity.Npy;

namespace ZsN2N.Parity;

/// <summary>
/// A parity case directory, shared with tools/reference/zsn2n_torch.py: <c>image.npy</c> [1, C, H, W] and one
/// <c>&lt;param&gt;.npy</c> per parameter (the inputs), then results under a prefix per producer:
/// <c>ours_</c> (this tool), <c>torch_</c> (the reference), as <c>&lt;prefix&gt;loss.npy</c> [1],
/// <c>&lt;prefix&gt;&lt;param&gt;_grad.npy</c> and <c>&lt;prefix&gt;losses.npy</c> [steps].
/// </summary>
internal sealed class ParityCase
{
    /// <summary>The prefix of this tool's results.</summary>
    public const string OursPrefix = "ours_";

    /// <summary>The prefix of the PyTorch reference's results.</summary>
    public const string TorchPrefix = "torch_";

    /// <summary>The image file.</summary>
    public const string ImageFile = "image.npy";

    /// <summary>Opens <paramref name="directory"/>, which need not exist yet.</summary>
    public ParityCase(string directory) => Directory = directory;

    /// <summary>The case directory.</summary>
    public string Directory { get; }

    /// <summary>The parameter names, in definition order.</summary>
    public static IReadOnlyList<string> ParameterNames => NetworkDefinition.Default.ParameterNames;

    /// <summary>The path of <paramref name="file"/> in the case.</summary>
    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The path of a parameter's initial value.</summary>
    public string ParameterPath(string parameter) => PathOf($"{parameter}.npy");

    /// <summary>The path of the loss a producer computed.</summary>
    public string LossPath(string prefix) => PathOf($"{prefix}loss.npy");

    /// <summary>The path of a parameter gradient a producer computed.</summary>
    public string GradientPath(string prefix, string parameter) => PathOf($"{prefix}{TrainingGraph.GradientName(parameter)}.npy");

    /// <summary>The path of the per-step training losses a producer recorded.</summary>
    public string LossesPath(string prefix) => PathOf($"{prefix}losses.npy");

    /// <summary>Reads the image, checking it is [1, C, H, W].</summary>
    /// <exception cref="InvalidDataException">The image is not 4-D with batch 1.</exception>
    public NpyArray ReadImage()
    {
        var image = NpyReader.Read(PathOf(ImageFile));
        if (image.Shape.Length != 4 || image.Shape[0] != 1)
        {
            throw new InvalidDataException($"'{PathOf(ImageFile)}' has shape {image.ShapeText}; expected (1, C, H, W).");
        }

        return image;
    }

    /// <summary>Reads the initial parameters, in definition order.</summary>
    public IReadOnlyList<NamedTensor> ReadParameters() =>
        ParameterNames.Select(name =>
        {
            var array = NpyReader.Read(ParameterPath(name));
            return new NamedTensor(name, array.Shape, array.ToSingles());
        }).ToArray();
}
