using Microsoft.AspNetCore.Diagnostics;

namespace ZsN2N.Web.Endpoints;

/// <summary>
/// Answers a request the framework could not bind (with <c>RouteHandlerOptions.ThrowOnBadRequest</c>, which Program
/// sets) as problem details carrying the framework's message, which names the field: "The value 'x' is not valid for
/// 'Sigma'." Other exceptions go on to the default handler.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Invalid request", Detail = bad.Message },
        });
    }
}
