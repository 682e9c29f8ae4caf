using System.Globalization;
using ZsN2N.Parity.Npy;

namespace ZsN2N.Parity.Commands;

/// <summary>
/// <c>compare-case --case DIR [--ours-prefix ours_] [--reference-prefix torch_] [--at 1,10,100,200]</c>: compares two
/// producers' results in a case and prints one JSON line. When both have a loss: the relative loss difference
/// |a - b| / |b| and, per parameter, max |a - b| / max |b| of the gradients. When both have a loss curve:
/// |a - b| / |b| at the listed 1-based steps and the largest over all steps. The reference (b) is typically PyTorch.
/// </summary>
public static class CompareCaseCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "compare-case";

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(CommandArguments arguments)
    {
        var parityCase = new ParityCase(arguments.Required("case"));
        var ours = arguments.Optional("ours-prefix") ?? ParityCase.OursPrefix;
        var reference = arguments.Optional("reference-prefix") ?? ParityCase.TorchPrefix;
        var at = ParseSteps(arguments.Optional("at") ?? "1,10,100,200");
        arguments.EnsureAllRead();

        var fields = new Dictionary<string, object?>
        {
            ["case"] = parityCase.Directory,
            ["channels"] = parityCase.ReadImage().Shape[1],
            ["ours"] = ours,
            ["reference"] = reference,
        };

        var compared = false;
        if (File.Exists(parityCase.LossPath(ours)) && File.Exists(parityCase.LossPath(reference)))
        {
            compared = true;
            var oursLoss = NpyReader.Read(parityCase.LossPath(ours)).Values[0];
            var referenceLoss = NpyReader.Read(parityCase.LossPath(reference)).Values[0];
            var gradients = new Dictionary<string, double>();
            foreach (var parameter in ParityCase.ParameterNames)
            {
                var a = NpyReader.Read(parityCase.GradientPath(ours, parameter));
                var b = NpyReader.Read(parityCase.GradientPath(reference, parameter));
                if (!a.Shape.SequenceEqual(b.Shape))
                {
                    throw new InvalidDataException($"Gradient of '{parameter}': {ours} shape {a.ShapeText} differs from {reference} shape {b.ShapeText}.");
                }

                gradients[parameter] = MaxAbsDifference(a.Values, b.Values) / b.Values.Max(Math.Abs);
            }

            fields["loss_ours"] = oursLoss;
            fields["loss_reference"] = referenceLoss;
            fields["loss_rel"] = Math.Abs(oursLoss - referenceLoss) / Math.Abs(referenceLoss);
            fields["grad_rel"] = gradients;
            fields["grad_rel_max"] = gradients.Values.Max();
        }

        if (File.Exists(parityCase.LossesPath(ours)) && File.Exists(parityCase.LossesPath(reference)))
        {
            compared = true;
            var a = NpyReader.Read(parityCase.LossesPath(ours)).Values;
            var b = NpyReader.Read(parityCase.LossesPath(reference)).Values;
            var steps = Math.Min(a.Length, b.Length);
            var relative = Enumerable.Range(0, steps).Select(i => Math.Abs(a[i] - b[i]) / Math.Abs(b[i])).ToArray();
            fields["train_steps"] = steps;
            fields["train_loss_first"] = new[] { a[0], b[0] };
            fields["train_loss_last"] = new[] { a[steps - 1], b[steps - 1] };
            fields["train_rel_at"] = at.Where(s => s <= steps).ToDictionary(s => s.ToString(CultureInfo.InvariantCulture), s => relative[s - 1]);
            fields["train_rel_max"] = relative.Max();
        }

        if (!compared)
        {
            throw new InvalidDataException($"'{parityCase.Directory}' holds neither a loss nor a loss curve of both '{ours}' and '{reference}'.");
        }

        Console.WriteLine(Json.Line(fields));
        return 0;
    }

    private static double MaxAbsDifference(double[] a, double[] b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static int[] ParseSteps(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1
                ? v
                : throw new UsageException($"--at takes 1-based step numbers separated by commas, got '{s}'."))
            .ToArray();
}
