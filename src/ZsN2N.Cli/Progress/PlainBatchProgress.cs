using System.Globalization;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// Progress as plain, unwrapped text lines for logs and pipes: one line each tenth of the training steps with the
/// current loss, rate and time left, then one line per finished or failed image.
/// </summary>
internal sealed class PlainBatchProgress(TextWriter output) : IBatchProgress
{
    private const int LinesPerImage = 10;

    /// <inheritdoc/>
    public void Run(Action batch) => batch();

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations)
    {
        WriteLine($"{label}: started, {totalIterations} training steps");
        return new ImageLines(this, label, totalIterations);
    }

    /// <inheritdoc/>
    public void WriteLine(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class ImageLines(PlainBatchProgress owner, string label, int totalIterations) : IImageProgress
    {
        private readonly int _every = Math.Max(1, totalIterations / LinesPerImage);
        private int _nextLine;

        public void Report(TrainingProgress value)
        {
            // The engine reports every few steps; print when a tenth is crossed, and always the last step.
            if (value.Iteration < _nextLine && value.Iteration != value.TotalIterations)
            {
                return;
            }

            _nextLine = (value.Iteration / _every + 1) * _every;
            owner.WriteLine(Format(
                $"{label}: step {value.Iteration}/{value.TotalIterations} loss {value.Loss:G6} ({value.IterationsPerSecond:F1} steps/s, {value.Remaining.TotalSeconds:F0} s left)"));
        }

        public void Succeeded(float finalLoss, TimeSpan elapsed) =>
            owner.WriteLine(Format($"{label}: done in {elapsed.TotalSeconds:F1} s, final loss {finalLoss:G6}"));

        public void Failed(string error) => owner.WriteLine($"{label}: FAILED: {error}");
    }
}
