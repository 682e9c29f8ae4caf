using System.ComponentModel;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort.Artifacts;
using ZsN2N.Ort.Imaging;
using ZsN2N.Ort.Onnx;
using ZsN2N.Parity.Npy;
using ZsN2N.Tools.Shared;

namespace ZsN2N.Parity.Commands;

/// <summary>
/// <c>dump-case --image FILE --crop N --out DIR [--seed S] [--width W]</c>: writes the centre N×N crop of an image
/// and the seeded initial parameters as .npy, then runs the generated training graph once on them with ONNX Runtime
/// and writes our loss and gradients (<c>ours_loss.npy</c>, <c>ours_&lt;param&gt;_grad.npy</c>).
/// </summary>
internal sealed class DumpCaseCommand : Command<DumpCaseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Writes the centre N x N crop of an image and the seeded initial parameters as .npy, then runs the generated training graph once "
        + "on them with ONNX Runtime and writes our loss and gradients (ours_loss.npy, ours_<param>_grad.npy).";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (imagePath, crop, width, seed) = (settings.Image, settings.Crop, settings.Width, settings.Seed);
        var parityCase = new ParityCase(settings.Out);

        var source = ImageIo.Read(imagePath);
        if (crop > source.Height || crop > source.Width)
        {
            Console.Error.WriteLine($"--crop {crop} exceeds the image '{imagePath}' ({source.Width}×{source.Height}).");
            return ToolApp.Usage;
        }

        var image = CentreCrop(source, crop);
        long[] imageShape = [1, source.Channels, crop, crop];
        var artifacts = ArtifactGenerator.Generate(NetworkDefinition.Default, source.Channels, width, seed);
        var parameters = artifacts.Initial.Tensors;

        Directory.CreateDirectory(parityCase.Directory);
        NpyWriter.Write(parityCase.PathOf(ParityCase.ImageFile), image, imageShape);
        foreach (var parameter in parameters)
        {
            NpyWriter.Write(parityCase.ParameterPath(parameter.Name), parameter.Values, parameter.Shape);
        }

        var (loss, gradients) = LossAndGradients(artifacts, new NamedTensor(TrainingGraph.ImageInput, imageShape, image), parameters);
        NpyWriter.WriteScalar(parityCase.LossPath(ParityCase.OursPrefix), loss);
        foreach (var gradient in gradients)
        {
            NpyWriter.Write(parityCase.PathOf($"{ParityCase.OursPrefix}{gradient.Name}.npy"), gradient.Values, gradient.Shape);
        }

        Console.WriteLine(Json.Line(new()
        {
            ["case"] = parityCase.Directory,
            ["image"] = imagePath,
            ["channels"] = source.Channels,
            ["crop"] = crop,
            ["width"] = width,
            ["seed"] = seed,
            ["loss"] = loss,
        }));
        return 0;
    }

    /// <summary>The centre <paramref name="size"/>×<paramref name="size"/> window of every plane, [C, size, size].</summary>
    private static float[] CentreCrop(PlanarImage image, int size)
    {
        var (top, left) = ((image.Height - size) / 2, (image.Width - size) / 2);
        var result = new float[image.Channels * size * size];
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < size; y++)
            {
                image.GetRow(c, top + y).Slice(left, size).CopyTo(result.AsSpan(((c * size) + y) * size, size));
            }
        }

        return result;
    }

    /// <summary>One run of the training graph: the loss and every <c>&lt;param&gt;_grad</c> output, single-threaded.</summary>
    private static (float Loss, IReadOnlyList<NamedTensor> Gradients) LossAndGradients(TrainingArtifacts artifacts, NamedTensor image, IReadOnlyList<NamedTensor> parameters)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(artifacts.Training.ToByteArray(), options);
        using var runOptions = new RunOptions();
        var weights = TrainingGraph.UniformLossWeights(artifacts.Channels, (int)image.Shape[2], (int)image.Shape[3]);
        var inputs = parameters.Prepend(weights).Prepend(image).ToArray();
        var inputValues = new List<OrtValue>();
        try
        {
            inputValues.AddRange(inputs.Select(t => OrtValue.CreateTensorValueFromMemory(t.Values, t.Shape)));
            var outputNames = parameters.Select(p => TrainingGraph.GradientName(p.Name)).Prepend(TrainingGraph.LossOutput).ToArray();
            using var outputs = session.Run(runOptions, inputs.Select(t => t.Name).ToArray(), inputValues, outputNames);
            var loss = outputs[0].GetTensorDataAsSpan<float>()[0];
            var gradients = parameters.Select((p, i) =>
                new NamedTensor(outputNames[i + 1], outputs[i + 1].GetTensorTypeAndShape().Shape, outputs[i + 1].GetTensorDataAsSpan<float>().ToArray())).ToArray();
            return (loss, gradients);
        }
        finally
        {
            inputValues.ForEach(v => v.Dispose());
        }
    }

    /// <summary>The command line of <c>dump-case</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--image <FILE>", isRequired: true)]
        [Description("The image to crop.")]
        public string Image { get; init; } = "";

        [CommandOption("--crop <N>", isRequired: true)]
        [Description("Side of the centre crop, even (the pair downsampler halves it).")]
        public int Crop { get; init; }

        [CommandOption("--out <DIR>", isRequired: true)]
        [Description("The case folder to write.")]
        public string Out { get; init; } = "";

        [CommandOption("--seed <S>")]
        [Description("Seed of the initial parameters.")]
        [DefaultValue(0UL)]
        public ulong Seed { get; init; }

        [CommandOption("--width <W>")]
        [Description("Feature channels of the network's hidden layers.")]
        [DefaultValue(48)]
        public int Width { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Crop % 2 != 0
                ? ValidationResult.Error($"--crop must be even (the pair downsampler halves it), not {Crop}.")
                : OptionChecks.All(OptionChecks.AtLeast("--crop", Crop, 2), OptionChecks.AtLeast("--width", Width, 1));
    }
}
