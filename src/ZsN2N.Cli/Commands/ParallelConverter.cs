using System.ComponentModel;
using System.Globalization;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--parallel N</c>, a whole number from 1 to <see cref="ImageParallelism.MaxImages"/>; anything else fails saying so.</summary>
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

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var images)
            || images < 1 || images > ImageParallelism.MaxImages)
        {
            throw new FormatException($"--parallel must be a whole number of images to train at once, from 1 to {ImageParallelism.MaxImages}, not '{text}'.");
        }

        return images;
    }
}
