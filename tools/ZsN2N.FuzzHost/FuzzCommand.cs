using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using ZsN2N.Ort.Imaging;
using ZsN2N.Tools.Shared;

namespace ZsN2N.FuzzHost;

/// <summary>
/// Mutation fuzzing of the decode path (issue 9), run as a child process so that a native crash in a decoder shows as
/// a signal or non-zero exit code instead of taking the test host down. Case i of seed N is a pure function of (N, i).
/// </summary>
internal sealed class FuzzCommand : Command<FuzzCommand.Settings>
{
    /// <summary>The exit code of an exception other than <see cref="ImageDecodeException"/>, or an image beyond the limits.</summary>
    public const int Escaped = 3;

    /// <summary>The command's help description.</summary>
    public const string Description =
        "Mutates valid PNG, JPEG, TIFF, WebP, BMP and GIF files (bit flips, interesting bytes, overwritten size fields, truncation, spliced "
        + "and repeated blocks) and feeds each to ImageIo.Decode with small limits. Case i of seed N is a pure function of (N, i). Before each "
        + "decode the bytes go to --case-file, so after a crash that file is the input that caused it.\n\n"
        + "Exit codes:\n"
        + "  0    done (one summary line on stdout)\n"
        + "  2    invalid command line\n"
        + "  3    an exception other than ImageDecodeException, or an image beyond the limits (printed with the seed and case)\n"
        + "  a crash ends with its signal";

    private static readonly ImageLimits Limits = new() { MaxWidth = 4096, MaxHeight = 4096, MaxPixels = 1_000_000, MaxFileBytes = 1 << 20 };

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Replay is { } replay)
        {
            return DecodeOne(File.ReadAllBytes(replay), $"replay of {replay}", out _) ? 0 : Escaped;
        }

        var seeds = SeedFiles.Create();
        var clock = Stopwatch.StartNew();
        int cases = 0, decoded = 0, refused = 0;
        var errors = new Dictionary<ImageDecodeError, int>();
        var slowest = (Time: TimeSpan.Zero, Case: -1);
        while (cases < settings.MaxCases && clock.Elapsed.TotalSeconds < settings.Seconds)
        {
            var random = new Random(unchecked((settings.Seed * 1_000_003) ^ cases)); // not HashCode: its seed changes per process
            var data = Mutator.Mutate(seeds[random.Next(seeds.Length)], random);
            if (settings.CaseFile is { } caseFile)
            {
                File.WriteAllBytes(caseFile, data);
            }

            var started = clock.Elapsed;
            if (!DecodeOne(data, $"seed {settings.Seed} case {cases}", out var error))
            {
                return Escaped;
            }

            var took = clock.Elapsed - started;
            if (took > slowest.Time)
            {
                slowest = (took, cases);
            }

            if (error is { } e)
            {
                refused++;
                errors[e] = errors.GetValueOrDefault(e) + 1;
            }
            else
            {
                decoded++;
            }

            cases++;
        }

        var breakdown = string.Join(", ", errors.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {settings.Seed}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s, {decoded} decoded, {refused} refused ({breakdown}); " +
            $"slowest case {slowest.Case} ({slowest.Time.TotalMilliseconds:F0} ms); peak memory {Environment.WorkingSet / 1048576} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB peak"));
        return 0;
    }

    // True when the outcome is acceptable: a decoded image within the limits, or an ImageDecodeException.
    private static bool DecodeOne(byte[] data, string label, out ImageDecodeError? error)
    {
        error = null;
        try
        {
            var image = ImageIo.Decode(data, Limits, "fuzz");
            if (image.Width > Limits.MaxWidth || image.Height > Limits.MaxHeight || (long)image.Width * image.Height > Limits.MaxPixels)
            {
                Console.Error.WriteLine($"{label}: decoded {image.Width}x{image.Height}, beyond the limits");
                return false;
            }

            return true;
        }
        catch (ImageDecodeException e)
        {
            error = e.Error;
            return true;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{label}: unexpected {e.GetType().FullName}: {e}");
            return false;
        }
    }

    /// <summary>The command line of <c>zsn2n-fuzzhost</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--seed <N>")]
        [Description("The run's seed: case i of seed N is the same on every run.")]
        [DefaultValue(0)]
        public int Seed { get; init; }

        [CommandOption("--seconds <S>")]
        [Description("Stop starting cases after this many seconds.")]
        [DefaultValue(10.0)]
        public double Seconds { get; init; }

        [CommandOption("--max-cases <M>")]
        [Description("Stop after this many cases. Default: no limit.")]
        [DefaultValue(int.MaxValue)]
        public int MaxCases { get; init; }

        [CommandOption("--case-file <PATH>")]
        [Description("Write each case's bytes here before decoding it.")]
        public string? CaseFile { get; init; }

        [CommandOption("--replay <PATH>")]
        [Description("Decode this one file instead of fuzzing.")]
        public string? Replay { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() => OptionChecks.All(
            OptionChecks.Positive("--seconds", Seconds),
            OptionChecks.AtLeast("--max-cases", MaxCases, 1));
    }
}
