namespace ZsN2N.Ort.Options;

/// <summary>The training-length presets of <see cref="DenoiseOptions.WithPreset"/>.</summary>
public enum Preset
{
    /// <summary>The official ZS-N2N notebook's schedule: 3000 steps, learning rate 1e-3 halved every 1000.</summary>
    Official,

    /// <summary>
    /// The official schedule compressed into <see cref="ScheduleOptions.FastIterations"/> steps, halving every
    /// <see cref="ScheduleOptions.FastStepSize"/>: the official PSNR in less time; what it measured: docs/performance.md.
    /// </summary>
    Fast,
}
