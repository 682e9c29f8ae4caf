using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// <c>--quiet</c>: no progress at all; a failed image is one line on <paramref name="errors"/> as it happens, and the
/// command's summary still goes to <paramref name="output"/>. One lock keeps the lines of images trained at once whole.
/// </summary>
internal sealed class QuietBatchProgress(TextWriter output, TextWriter errors) : IBatchProgress
{
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public void Run(int imageCount, Action batch) => batch();

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations) => new Silent(this, label);

    /// <inheritdoc/>
    public void SkipImage(string label, string reason)
    {
    }

    /// <inheritdoc/>
    public void WriteLine(string text) => Write(output, text);

    private void WriteError(string text) => Write(errors, text);

    private void Write(TextWriter writer, string text)
    {
        lock (_lock)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    private sealed class Silent(QuietBatchProgress owner, string label) : IImageProgress
    {
        public void Report(TrainingProgress value)
        {
        }

        public void Succeeded(string detail, TimeSpan elapsed)
        {
        }

        public void Failed(string error) => owner.WriteError($"{label}: FAILED: {error}");
    }
}
