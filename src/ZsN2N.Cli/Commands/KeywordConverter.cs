using System.ComponentModel;
using System.Globalization;

namespace ZsN2N.Cli.Commands;

/// <summary>
/// Parses an option that takes one of a few keywords, any case; anything else fails naming the option and the
/// accepted keywords.
/// </summary>
internal abstract class KeywordConverter<T>(string option, IReadOnlyDictionary<string, T> keywords) : TypeConverter
    where T : notnull
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool GetStandardValuesSupported(ITypeDescriptorContext? context) => true;

    /// <inheritdoc/>
    public override StandardValuesCollection GetStandardValues(ITypeDescriptorContext? context) => new(keywords.Keys.ToArray());

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? keywords.TryGetValue(text.Trim().ToLowerInvariant(), out var parsed)
                ? parsed
                : throw new FormatException($"{option} must be {string.Join(" or ", keywords.Keys.Select(k => $"'{k}'"))}, not '{text}'.")
            : base.ConvertFrom(context, culture, value);
}
