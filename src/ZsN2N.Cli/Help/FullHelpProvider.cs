using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace ZsN2N.Cli.Help;

/// <summary>
/// Spectre's help, except that the root help (<c>zsn2n --help</c>) shows the usage followed by every command's full
/// help (description, exit codes, arguments, options, examples), so one screen documents everything.
/// </summary>
internal sealed class FullHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <inheritdoc/>
    public override IEnumerable<IRenderable> Write(ICommandModel model, ICommandInfo? command)
    {
        if (command is not null)
        {
            return base.Write(model, command);
        }

        IEnumerable<IRenderable> root = [.. GetHeader(model, null), .. GetUsage(model, null), .. GetOptions(model, null)];
        return root.Concat(model.Commands
            .Where(c => !c.IsHidden)
            .SelectMany(c => base.Write(model, c).Prepend(new Rule($"[bold]zsn2n {c.Name}[/]").LeftJustified()).Prepend(Text.NewLine)));
    }
}
