using System.Reflection;
using Spectre.Console;
using ZsN2N.Cli.Commands;
using ZsN2N.Cli.Help;
using ZsN2N.Ort.Options;

namespace ZsN2N.Cli.Tests.Help;

[TestClass]
public sealed class RangeDescriptionTests
{
    [TestMethod]
    public void HelpStatesTheRangesTheEngineChecks()
    {
        var ranged = typeof(DenoiseCommand).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties())
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<RangeDescriptionAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToArray();

        Assert.IsGreaterThanOrEqualTo(14, ranged.Length, "denoise, run and apply state their ranges");
        foreach (var (property, attribute) in ranged)
        {
            var shown = property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()!.Description;
            StringAssert.Contains(shown, Markup.Escape(OptionRanges.Named(attribute!.Option).Requirement), property.Name);
            Assert.DoesNotContain("{range}", shown, property.Name);
        }
    }
}
