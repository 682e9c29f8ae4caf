namespace ZsN2N.Cli.Progress;

/// <summary>
/// Shows a batch of images training, either as a live Spectre progress display (a terminal) or as plain lines (output
/// redirected to a file or pipe). Everything a command prints during a run goes through it so the two never interleave.
/// </summary>
internal interface IBatchProgress
{
    /// <summary>Runs <paramref name="batch"/> with the display live; exceptions propagate after the display closes.</summary>
    void Run(Action batch);

    /// <summary>Starts the display of one image; call only inside <see cref="Run"/>.</summary>
    /// <param name="label">What the user sees, e.g. <c>[2/5] camera.png</c>.</param>
    /// <param name="totalIterations">Training steps planned.</param>
    IImageProgress StartImage(string label, int totalIterations);

    /// <summary>Writes a line of plain text (no markup), inside or outside <see cref="Run"/>.</summary>
    void WriteLine(string text);
}
