using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Parity.Npy;
using ZsN2N.Tools.Shared;

namespace ZsN2N.Parity.Commands;

/// <summary>
/// <c>compare-case --case DIR [--ours-prefix ours_] [--reference-prefix torch_] [--at 1,10,100,200]</c>: compares two
/// producers' results in a case and prints one JSON line. When both have a loss: the relative loss difference
/// |a - b| / |b| and, per parameter, max |a - b| / max |b| of the gradients. When both have a loss curve:
/// |a - b| / |b| at the listed 1-based steps and the largest over all steps. The reference (b) is typically PyTorch.
/// </summary>
internal sealed class CompareCaseCommand : Command<CompareCaseCommand.Settings>
{
    /// <summary>The command's help description.</summary>
    public const string Description =
        "Compares two producers' results in a case and prints one JSON line: the relative loss difference and, per parameter, "
        + "max |a - b| / max |b| of the gradients; |a - b| / |b| of the loss curves at the steps of --at and the largest over all steps.";

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var parityCase = new ParityCase(settings.Case);
        var (ours, reference, at) = (settings.OursPrefix, settings.ReferencePrefix, settings.Steps);

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

    /// <summary>The command line of <c>compare-case</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--case <DIR>", isRequired: true)]
        [Description("The case folder.")]
        public string Case { get; init; } = "";

        [CommandOption("--ours-prefix <PREFIX>")]
        [Description("The prefix of the results compared (a).")]
        [DefaultValue(ParityCase.OursPrefix)]
        public string OursPrefix { get; init; } = ParityCase.OursPrefix;

        [CommandOption("--reference-prefix <PREFIX>")]
        [Description("The prefix of the reference results (b).")]
        [DefaultValue(ParityCase.TorchPrefix)]
        public string ReferencePrefix { get; init; } = ParityCase.TorchPrefix;

        [CommandOption("--at <STEPS>")]
        [Description("1-based steps, separated by commas, at which to report the loss curves' difference.")]
        [DefaultValue("1,10,100,200")]
        public string At { get; init; } = "";

        /// <summary>The steps of <see cref="At"/>.</summary>
        public int[] Steps => OptionChecks.ParseIntList(At, 1) ?? [];

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.IntList("--at", At, 1);
    }
}
