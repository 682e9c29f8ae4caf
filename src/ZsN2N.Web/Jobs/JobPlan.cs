using ZsN2N.Ort.Imaging.Noise;
using ZsN2N.Ort.Options;

namespace ZsN2N.Web.Jobs;

/// <summary>What a job will train, fixed at upload: the visitor's choices and what the engine plans for the image.</summary>
/// <param name="Preset">The training schedule chosen.</param>
/// <param name="Quality">The network and ensembles chosen.</param>
/// <param name="Noise">The noise mode chosen: independent, camera or auto.</param>
/// <param name="Iterations">Training steps, over all models of an ensemble.</param>
/// <param name="Training">What each step sees: "the whole image", or "2 random 128x128 crops per step".</param>
/// <param name="PixelsPerStep">Pixels one step trains on (crops times their area, or the image's area), for time estimates.</param>
/// <param name="NoiseEstimate">What auto found in the image; null for another mode.</param>
/// <param name="NoiseDescription">The noise trained for, for people: "camera (auto: correlated noise (ratio 0.46, level 9.5/255))".</param>
public sealed record JobPlan(Preset Preset, Quality Quality, NoiseMode Noise, int Iterations, string Training, long PixelsPerStep, NoiseEstimate? NoiseEstimate,
    string NoiseDescription);
