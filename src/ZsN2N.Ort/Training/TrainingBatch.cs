namespace ZsN2N.Ort.Training;

/// <summary>
/// What one training step sees: <see cref="Count"/> images of <see cref="Height"/> x <see cref="Width"/> pixels (the
/// whole image, or random crops of it), laid out [Count, C, Height, Width]. The loss is the mean over their counted
/// half-size pixels: by default all but a rim of <see cref="MarginRows"/> and <see cref="MarginColumns"/> full-size
/// pixels along the edges, which only gives the counted pixels the context they have in the whole image (a crop's own
/// edges are not the image's, and the network's zero padding there would teach it borders that are not in the photo);
/// a step may count other regions (<see cref="CountedRegion.ForCrop"/>).
/// </summary>
/// <param name="Count">Images per step, 1 or more.</param>
/// <param name="Height">Rows of each image, at least 2 more than twice the row margin.</param>
/// <param name="Width">Columns of each image, at least 2 more than twice the column margin.</param>
/// <param name="MarginRows">Rows at the top and at the bottom that are read but not counted; even.</param>
/// <param name="MarginColumns">Columns on the left and on the right that are read but not counted; even.</param>
public sealed record TrainingBatch(int Count, int Height, int Width, int MarginRows = 0, int MarginColumns = 0)
{
    /// <summary>Values per step: Count x C x Height x Width.</summary>
    public long Length(int channels) => (long)Count * channels * Height * Width;

    /// <summary>The half-size pixels of each image a step counts when nothing else is said: all but the margins.</summary>
    public CountedRegion DefaultRegion => new(MarginRows / 2, MarginColumns / 2, Height / 2 - MarginRows / 2, Width / 2 - MarginColumns / 2);

    /// <summary>Checks the sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfNegative(MarginRows);
        ArgumentOutOfRangeException.ThrowIfNegative(MarginColumns);
        if (MarginRows % 2 != 0 || MarginColumns % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MarginRows), $"Margins must be even, not {MarginRows} and {MarginColumns}: they are whole 2x2 blocks.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 2 + 2 * MarginRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 2 + 2 * MarginColumns);
    }
}
