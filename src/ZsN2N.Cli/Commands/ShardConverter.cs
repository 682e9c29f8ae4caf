using System.ComponentModel;
using System.Globalization;

namespace ZsN2N.Cli.Commands;

/// <summary>Parses <c>--shard I/N</c> through <see cref="Shard.Parse"/>; a bad value fails with a message saying what is expected.</summary>
internal sealed class ShardConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Shard.Parse(text) : base.ConvertFrom(context, culture, value);
}
