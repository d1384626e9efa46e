namespace RiverGis.Geo.Water;

/// <summary>One measured factor and the class it meets.</summary>
/// <param name="Exceedance">
/// 超标倍数 against the reference class: (value − limit) / limit when the value breaks the limit, else null. Not computed
/// for dissolved oxygen (a minimum, for which the assessment method gives no multiple).
/// </param>
/// <param name="Counted">False for factors that do not classify this kind of water body (total nitrogen in rivers).</param>
public sealed record FactorResult(WaterFactor Factor, double Value, WaterClass Class, double? Exceedance, bool Counted);

/// <summary>The class of a sample by single-factor evaluation.</summary>
/// <param name="Class">The worst class of the counted factors (Ⅰ when nothing counted was measured).</param>
/// <param name="DecidingFactors">The counted factors whose class is <paramref name="Class"/> (the worst factor decides).</param>
/// <param name="ReferenceClass">The class the exceedance multiples are computed against (the target, by default Ⅲ).</param>
/// <param name="MeetsReference">True when <paramref name="Class"/> is the reference class or better.</param>
public sealed record WaterQualityResult(WaterBodyKind Kind, WaterClass Class, IReadOnlyList<WaterFactor> DecidingFactors,
    IReadOnlyList<FactorResult> Factors, WaterClass ReferenceClass, bool MeetsReference)
{
    /// <summary>The exceedance multiple of each factor that breaks the reference class.</summary>
    public IReadOnlyDictionary<WaterFactor, double> Exceedance =>
        Factors.Where(f => f.Exceedance is not null && f.Counted).ToDictionary(f => f.Factor, f => f.Exceedance!.Value);
}

/// <summary>
/// Single-factor evaluation (单因子评价法) of a sample against GB 3838-2002: every counted factor gets the class its
/// value meets, and the worst of them is the sample's class, including 劣Ⅴ. Exceedance multiples (超标倍数) follow
/// 《地表水环境质量评价办法（试行）》: (C − Cs) / Cs against the reference class's limit, Ⅲ unless a target is given.
/// </summary>
public static class WaterQualityClassifier
{
    public static WaterQualityResult Classify(WaterBodyKind kind, IReadOnlyDictionary<WaterFactor, double> values, WaterClass? reference = null)
    {
        if (values.Values.Any(v => !double.IsFinite(v) || v < 0)) throw new ArgumentException("concentrations are finite and not negative", nameof(values));
        var referenceClass = reference is null or WaterClass.WorseThanV ? WaterClass.III : reference.Value;
        var factors = values.OrderBy(kv => kv.Key).Select(kv => Evaluate(kind, kv.Key, kv.Value, referenceClass)).ToList();
        var counted = factors.Where(f => f.Counted).ToList();
        var worst = counted.Count == 0 ? WaterClass.I : counted.Max(f => f.Class);
        var deciding = counted.Where(f => f.Class == worst).Select(f => f.Factor).ToList();
        return new WaterQualityResult(kind, worst, deciding, factors, referenceClass, worst <= referenceClass);
    }

    private static FactorResult Evaluate(WaterBodyKind kind, WaterFactor factor, double value, WaterClass reference)
    {
        var row = SurfaceWaterStandard.Of(factor);
        var waterClass = SurfaceWaterStandard.ClassOf(factor, value, kind);
        double? exceedance = null;
        if (!row.AtLeast)
        {
            var limit = SurfaceWaterStandard.LimitOf(factor, reference, kind);
            if (value > limit) exceedance = Math.Round((value - limit) / limit, 2);
        }
        return new FactorResult(factor, value, waterClass, exceedance, row.AppliesTo(kind));
    }
}
