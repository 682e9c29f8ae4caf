using System.ComponentModel;
using System.Globalization;
using ZsN2N.Ort.Planning;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--parallel N</c>, a whole number in <see cref="BatchPlan.ImagesAtOnceRange"/>; anything else fails saying so.</summary>
internal sealed class ParallelConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        var range = BatchPlan.ImagesAtOnceRange;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var images) || !range.Allows(images))
        {
            throw new FormatException($"--parallel must be a whole number of images to train at once, from {range.Minimum} to {range.Maximum}, not '{text}'.");
        }

        return images;
    }
}
