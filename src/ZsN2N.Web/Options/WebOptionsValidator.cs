using Microsoft.Extensions.Options;

namespace ZsN2N.Web.Options;

/// <summary>Validates <see cref="WebOptions"/> beyond its data annotations (durations, the store path).</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = options.Check().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
