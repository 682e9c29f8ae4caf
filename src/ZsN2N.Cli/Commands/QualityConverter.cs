using System.ComponentModel;
using System.Globalization;
using ZsN2N.Ort;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--quality</c>: <c>official</c> or <c>high</c>, any case; anything else fails naming the accepted values.</summary>
internal sealed class QualityConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool GetStandardValuesSupported(ITypeDescriptorContext? context) => true;

    /// <inheritdoc/>
    public override StandardValuesCollection GetStandardValues(ITypeDescriptorContext? context) => new(new[] { "official", "high" });

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? text.Trim().ToLowerInvariant() switch
            {
                "official" => Quality.Official,
                "high" => Quality.High,
                _ => throw new FormatException($"--quality must be 'official' or 'high', not '{text}'."),
            }
            : base.ConvertFrom(context, culture, value);
}
