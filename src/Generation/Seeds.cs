namespace RiverGis.Generation;

/// <summary>
/// Deterministic <see cref="Random"/> instances for the generator's stages. Every stage (and every item of a stage run
/// in parallel) gets its own <c>new Random(seed)</c> with a seed mixed from the user's seed, the stage and the item index,
/// so results never depend on scheduling, hash order or on how many draws another stage made.
/// </summary>
internal static class Seeds
{
    public static Random For(int seed, Stage stage, long index = 0) => new(Mix(seed, (int)stage, index));

    /// <summary>SplitMix64 finaliser over (seed, stage, index), folded to a non-negative int.</summary>
    public static int Mix(int seed, int stage, long index)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stage * 0xBF58476D1CE4E5B9UL + (ulong)index * 0x94D049BB133111EBUL + 0x2545F4914F6CDD1DUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }
}

internal enum Stage
{
    Terrain = 1,
    Outlets,
    NodeJitter,
    Meanders,
    AdminSeeds,
    AdminWarp,
    AdminNames,
    RiverNames,
    Defects,
    Chiefs,
    OutletPoints,
    Patrols,
    OfficeTasks,
    OfficeProblems,
}

internal static class RandomExtensions
{
    public static double Range(this Random random, double min, double max) => min + (max - min) * random.NextDouble();

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Standard normal deviate (Box–Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public static int Weighted(this Random random, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var r = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Count - 1;
    }
}

/// <summary>Smooth 2-D value noise (fractal sum of octaves), deterministic from its <see cref="Random"/>.</summary>
internal sealed class ValueNoise
{
    private readonly int _size;
    private readonly double[] _lattice;
    private readonly double _scale;
    private readonly int _octaves;

    /// <param name="wavelength">Wavelength of the first octave, in the caller's units.</param>
    public ValueNoise(Random random, double wavelength, int octaves, int latticeSize = 256)
    {
        _size = latticeSize;
        _lattice = new double[latticeSize * latticeSize];
        for (var i = 0; i < _lattice.Length; i++) _lattice[i] = random.NextDouble() * 2 - 1;
        _scale = 1 / wavelength;
        _octaves = octaves;
    }

    /// <summary>Noise in about [-1, 1] (octaves halve in amplitude and wavelength).</summary>
    public double At(double x, double y)
    {
        var sum = 0.0;
        var amplitude = 1.0;
        var norm = 0.0;
        var fx = x * _scale;
        var fy = y * _scale;
        for (var o = 0; o < _octaves; o++)
        {
            sum += amplitude * Single(fx + o * 17.31, fy + o * 41.17);
            norm += amplitude;
            amplitude *= 0.5;
            fx *= 2;
            fy *= 2;
        }
        return sum / norm;
    }

    private double Single(double x, double y)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var tx = Smooth(x - x0);
        var ty = Smooth(y - y0);
        var i = Wrap((long)x0);
        var j = Wrap((long)y0);
        var i1 = (i + 1) % _size;
        var j1 = (j + 1) % _size;
        var a = _lattice[j * _size + i];
        var b = _lattice[j * _size + i1];
        var c = _lattice[j1 * _size + i];
        var d = _lattice[j1 * _size + i1];
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
    }

    private int Wrap(long v) => (int)(((v % _size) + _size) % _size);

    private static double Smooth(double t) => t * t * (3 - 2 * t);
}
