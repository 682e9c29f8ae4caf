using Microsoft.Extensions.Options;
using ZsN2N.Web.Jobs;
using ZsN2N.Web.Options;

namespace ZsN2N.Web;

/// <summary>Registers the job pipeline: options, denoisers, store, queue, worker and sweeper.</summary>
public static class DenoiseJobsExtensions
{
    /// <summary>
    /// Binds <see cref="WebOptions"/> from the <c>ZsN2N</c> section (validated on start) and adds the denoisers of the
    /// choices offered, the job store, the bounded queue, the training worker and the expiry sweeper.
    /// </summary>
    public static IServiceCollection AddDenoiseJobs(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DenoiserChoices>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<DenoiseQueue>();
        services.AddHostedService<DenoiseWorker>();
        services.AddHostedService<JobSweeper>();
        services.AddHealthChecks().AddCheck<JobStoreHealthCheck>("job-store");
        return services;
    }
}
