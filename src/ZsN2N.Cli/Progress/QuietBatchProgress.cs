using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// <c>--quiet</c>: no progress at all; a failed image is one line on <paramref name="errors"/> as it happens, and the
/// command's summary still goes to <paramref name="output"/>.
/// </summary>
internal sealed class QuietBatchProgress(TextWriter output, TextWriter errors) : IBatchProgress
{
    /// <inheritdoc/>
    public void Run(int imageCount, Action batch) => batch();

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations) => new Silent(errors, label);

    /// <inheritdoc/>
    public void SkipImage(string label, string reason)
    {
    }

    /// <inheritdoc/>
    public void WriteLine(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    private sealed class Silent(TextWriter errors, string label) : IImageProgress
    {
        public void Report(TrainingProgress value)
        {
        }

        public void Succeeded(string detail, TimeSpan elapsed)
        {
        }

        public void Failed(string error)
        {
            errors.WriteLine($"{label}: FAILED: {error}");
            errors.Flush();
        }
    }
}
