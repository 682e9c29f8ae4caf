namespace ZsN2N.Cli.Progress;

/// <summary>
/// Shows a batch of images being processed, either as a live Spectre display (a terminal: an overall bar and one bar
/// per image), as plain lines (output redirected to a file or pipe), or quietly (<c>--quiet</c>: failures and the
/// summary only). Everything a command prints during a run goes through it so the two never interleave. Safe to call
/// from several threads at once (images trained in parallel): each line is written whole and the counts stay right.
/// </summary>
internal interface IBatchProgress
{
    /// <summary>Runs <paramref name="batch"/> with the display live; exceptions propagate after the display closes.</summary>
    /// <param name="imageCount">Images the batch will start, for the overall bar and its time left.</param>
    /// <param name="batch">The work loop.</param>
    void Run(int imageCount, Action batch);

    /// <summary>Starts the display of one image; call only inside <see cref="Run"/>, from the thread that works on it.</summary>
    /// <param name="label">What the user sees, e.g. <c>[2/5] camera.png</c>.</param>
    /// <param name="totalIterations">Training steps planned; 0 when the image is not trained (apply, add-noise).</param>
    IImageProgress StartImage(string label, int totalIterations);

    /// <summary>
    /// Reports an image that is not processed, for <paramref name="reason"/> (its output exists and --skip-existing is
    /// on), instead of <see cref="StartImage"/>; it counts as done in the overall progress.
    /// </summary>
    void SkipImage(string label, string reason);

    /// <summary>Writes a line of plain text (no markup) to stdout, inside or outside <see cref="Run"/>; shown even with --quiet.</summary>
    void WriteLine(string text);
}
