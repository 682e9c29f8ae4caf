using System.Diagnostics;
using System.Globalization;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Progress;

/// <summary>
/// Progress as plain, unwrapped text lines for logs and pipes: one line each tenth of the training steps with the
/// current loss, rate and time left, one line per finished, skipped or failed image, and after each image (while
/// others remain) an overall line with the images done and the estimated time left. One lock serialises the lines
/// and the counts of images trained at once.
/// </summary>
internal sealed class PlainBatchProgress(TextWriter output) : IBatchProgress
{
    private const int LinesPerImage = 10;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = new();
    private int _total;
    private int _done;
    private int _skipped;

    /// <inheritdoc/>
    public void Run(int imageCount, Action batch)
    {
        _total = imageCount;
        _done = 0;
        _skipped = 0;
        _clock.Restart();
        batch();
    }

    /// <inheritdoc/>
    public IImageProgress StartImage(string label, int totalIterations)
    {
        WriteLine(totalIterations > 0 ? $"{label}: started, {totalIterations} training steps" : $"{label}: started");
        return new ImageLines(this, label, totalIterations);
    }

    /// <inheritdoc/>
    public void SkipImage(string label, string reason)
    {
        WriteLine($"{label}: skipped, {reason}");
        Finished(skipped: true);
    }

    /// <inheritdoc/>
    public void WriteLine(string text)
    {
        lock (_lock)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Finished(bool skipped)
    {
        lock (_lock)
        {
            _done++;
            _skipped += skipped ? 1 : 0;
            if (_done >= _total || _total <= 1)
            {
                return;
            }

            // Skipped images took no time, so the rate counts only the images actually processed.
            var processed = _done - _skipped;
            var left = processed > 0 ? _clock.Elapsed.TotalSeconds / processed * (_total - _done) : double.NaN;
            WriteLine(Format($"overall: {_done}/{_total} images done{(double.IsNaN(left) ? "" : $", about {left:F0} s left")}"));
        }
    }

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

        public void Succeeded(string detail, TimeSpan elapsed)
        {
            owner.WriteLine(Format($"{label}: done in {elapsed.TotalSeconds:F1} s{(detail.Length > 0 ? ", " : "")}{detail}"));
            owner.Finished(skipped: false);
        }

        public void Failed(string error)
        {
            owner.WriteLine($"{label}: FAILED: {error}");
            owner.Finished(skipped: false);
        }
    }
}
