using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using ZsN2N.Web;
using ZsN2N.Web.Endpoints;

// The ZsN2N web app: upload a photo, watch it denoise, download the result and its model.
// Run: dotnet run --project src/ZsN2N.Web -- --urls http://127.0.0.1:5000
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiProblems.Describe);
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddDenoiseJobs();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapDenoise();

try
{
    app.Run();
}
catch (OptionsValidationException error)
{
    Console.Error.WriteLine($"zsn2n-web: invalid settings: {string.Join(" ", error.Failures)}");
    return 2;
}

return 0;

/// <summary>The web app's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
