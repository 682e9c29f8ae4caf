using System.ComponentModel;
using Spectre.Console;
using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Help;

/// <summary>
/// An option's help text whose <c>{range}</c> is the values the engine allows for <paramref name="option"/> (an
/// <see cref="OptionRange.Name"/>), read from <see cref="OptionRanges"/> when help is shown: the help and the
/// validation cannot disagree.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RangeDescriptionAttribute(string option, string text) : DescriptionAttribute(text)
{
    /// <summary>The engine option whose range the text states.</summary>
    public string Option { get; } = option;

    /// <inheritdoc/>
    public override string Description => base.Description.Replace("{range}", Markup.Escape(OptionRanges.Named(Option).Requirement), StringComparison.Ordinal);
}
