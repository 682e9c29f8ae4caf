namespace ZsN2N.Cli;

/// <summary>The process exit codes of <c>zsn2n</c>; the help text and docs/cli.md list the same values.</summary>
internal static class ExitCodes
{
    /// <summary>Every image was processed (or skipped with --skip-existing).</summary>
    public const int Success = 0;

    /// <summary>At least one image failed (the others were still written), or an unexpected error stopped the run.</summary>
    public const int Failed = 1;

    /// <summary>The command line or config file is invalid: an unknown or out-of-range option or key, a missing input or output.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl-C stopped the run (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit-code table for help text (Spectre markup).</summary>
    public const string HelpText =
        "Exit codes:\n"
        + "  0    every image was processed (images skipped by --skip-existing count as done)\n"
        + "  1    one or more images failed; the others are still written and the summary (and report) list the errors\n"
        + "  2    invalid command line or config file: bad option or key, value out of range, missing -o, input not found\n"
        + "  130  cancelled with Ctrl-C; images finished so far are kept, no partial file is written";
}
