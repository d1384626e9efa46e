using System.Globalization;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.LinearReferencing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;

namespace RiverGis.Geo.Demarcation;

/// <summary>Which stored segments a proposal replaces (see <see cref="DemarcationChecker.WithSegments"/>).</summary>
public enum SegmentReplacement
{
    /// <summary>"rivers-touched": every stored segment, at any level, of a river some proposed segment is on.</summary>
    [JsonStringEnumMemberName("rivers-touched")]
    RiversTouched,
    /// <summary>"river-levels-touched": stored segments of the (river, level) pairs the proposal has.</summary>
    [JsonStringEnumMemberName("river-levels-touched")]
    RiverLevelsTouched,
    /// <summary>"all": the proposal is the whole set of segments.</summary>
    All,
}

/// <summary>A proposed segment and where it came from (0-based feature index in the uploaded file).</summary>
public sealed record ProposedSegment(Segment Segment, int FeatureIndex);

/// <summary>Thresholds of <see cref="DemarcationChecker"/>.</summary>
/// <param name="ToleranceM">Digitising tolerance of the alignment, gap, overlap and cross-boundary checks.</param>
/// <param name="MinMatchedShare">A segment with less of its length within the tolerance of its river is far from it (error).</param>
/// <param name="MaxDistanceM">A segment straying farther than this from its river is far from it (warning when the share is fine).</param>
/// <param name="AreaCode">
/// Optional: check gaps only in areas under this area (e.g. the submitting county); for a level above the area's own,
/// its ancestor at that level is used (no gap check at a level where it has none).
/// </param>
public sealed record DemarcationOptions(
    double ToleranceM = ResponsibilityCodes.DefaultToleranceM,
    double MinMatchedShare = 0.8,
    double MaxDistanceM = 100,
    string? AreaCode = null);

/// <summary>One problem of a proposed demarcation.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Severity">Error (the proposal cannot be accepted) or warning.</param>
/// <param name="SegmentCode">The segment concerned (the first one when several are).</param>
/// <param name="SegmentCodes">Every segment concerned, ordered (empty for an unassigned gap).</param>
/// <param name="FeatureIndex">Feature index of <paramref name="SegmentCode"/> in the proposal, when it is proposed.</param>
/// <param name="FeatureIndices">Feature indices of every proposed segment concerned, ascending.</param>
/// <param name="MessageEn">Human message in English.</param>
/// <param name="MessageZh">The same in Chinese.</param>
/// <param name="Geometry">Where (the gap, overlap, outside part, or the segment); null for attribute problems.</param>
/// <param name="LengthM">Length of the gap, overlap or outside part, when there is one.</param>
public sealed record DemarcationProblem(
    DemarcationProblemKind Kind,
    DemarcationSeverity Severity,
    string? SegmentCode,
    IReadOnlyList<string> SegmentCodes,
    int? FeatureIndex,
    IReadOnlyList<int> FeatureIndices,
    string? RiverCode,
    AdminLevel? Level,
    string? AreaCode,
    string MessageEn,
    string MessageZh,
    Geometry? Geometry,
    double? LengthM = null,
    double? FromM = null,
    double? ToM = null)
{
    /// <summary>Both messages, "English / 中文".</summary>
    public string Message => $"{MessageEn} / {MessageZh}";
}

/// <summary>The result of a check: <see cref="Ok"/> when there is no error.</summary>
/// <param name="Counts">Number of problems per kind, every kind present (0 when none), in <see cref="DemarcationKinds.All"/> order.</param>
public sealed record DemarcationReport(
    bool Ok,
    int ErrorCount,
    int WarningCount,
    IReadOnlyDictionary<DemarcationProblemKind, int> Counts,
    IReadOnlyList<DemarcationProblem> Problems);

/// <summary>What is wrong with a proposed demarcation; the wire codes are the snake_case names.</summary>
public enum DemarcationProblemKind
{
    UnknownRiver,
    UnknownArea,
    UnknownChief,
    LevelMismatch,
    ChiefAreaMismatch,
    DuplicateCode,
    FarFromRiver,
    GapUnassigned,
    GapVacant,
    Overlap,
    CrossBoundary,
    /// <summary>The reader repaired the segment's geometry (zero-length part, repeated positions, nearly closed ring): a warning.</summary>
    GeometryRepaired,
}

/// <summary>How bad a demarcation problem is.</summary>
public enum DemarcationSeverity
{
    /// <summary>错误: the proposal cannot be accepted.</summary>
    Error,
    /// <summary>警告: to be looked at; the proposal may stand.</summary>
    Warning,
}

/// <summary>The problem kinds in report order, and Chinese labels of kinds and severities.</summary>
public static class DemarcationKinds
{
    public static readonly IReadOnlyList<DemarcationProblemKind> All = Enum.GetValues<DemarcationProblemKind>();

    /// <summary>The label a planner reads in a report, e.g. 重复划分.</summary>
    public static string ChineseLabel(this DemarcationProblemKind kind) => kind switch
    {
        DemarcationProblemKind.UnknownRiver => "未知河流",
        DemarcationProblemKind.UnknownArea => "未知区域",
        DemarcationProblemKind.UnknownChief => "未知河长",
        DemarcationProblemKind.LevelMismatch => "层级不符",
        DemarcationProblemKind.ChiefAreaMismatch => "河长区域不符",
        DemarcationProblemKind.DuplicateCode => "编码重复",
        DemarcationProblemKind.FarFromRiver => "偏离河道",
        DemarcationProblemKind.GapUnassigned => "无人负责河段",
        DemarcationProblemKind.GapVacant => "河长空缺河段",
        DemarcationProblemKind.Overlap => "重复划分",
        DemarcationProblemKind.CrossBoundary => "跨界河段",
        _ => "几何已修复",
    };

    public static string ChineseLabel(this DemarcationSeverity severity) => severity == DemarcationSeverity.Error ? "错误" : "警告";

    /// <summary>The wire code of a replacement mode (rivers-touched|river-levels-touched|all).</summary>
    public static string ToCode(this SegmentReplacement replacement) => EnumCodes.ToCode(replacement);

    public static bool TryParseReplacement(string? code, out SegmentReplacement replacement) => EnumCodes.TryParse(code, out replacement);
}

/// <summary>
/// Checks a proposed set of segments (a demarcation, 河段划分方案) before it is stored, and reports every problem at
/// once: references (unknown river/area/chief, duplicate codes), consistency (segment level vs its area and river,
/// chief of another area), geometry (far from its river, running into another area) and responsibility (gaps, vacant
/// stretches, double assignment) on the (river, level) pairs the proposal touches. Invalid geometries are the
/// reader's business and are not checked again.
/// <para>
/// Severities: reference and consistency problems, a segment matching its river for less than
/// <see cref="DemarcationOptions.MinMatchedShare"/>, unassigned gaps and overlaps are errors; a segment straying
/// farther than <see cref="DemarcationOptions.MaxDistanceM"/> while mostly following its river, a segment above its
/// river's level, vacant gaps and cross-boundary parts are warnings.
/// </para>
/// Typical use: <c>var system = new RiverSystem(DemarcationChecker.WithSegments(stored, proposal, replace));
/// var report = DemarcationChecker.Check(system, proposed);</c>
/// </summary>
public static class DemarcationChecker
{
    /// <summary>
    /// The stored system with the proposed segments in place of the stored ones they replace (see
    /// <see cref="SegmentReplacement"/>). Kept stored segments come first, then the proposal in its order.
    /// </summary>
    public static RiverSystemData WithSegments(RiverSystemData stored, IReadOnlyList<Segment> proposed, SegmentReplacement replace)
    {
        var rivers = proposed.Select(s => s.RiverCode).ToHashSet(StringComparer.Ordinal);
        var pairs = proposed.Select(s => (s.RiverCode, s.Level)).ToHashSet();
        var kept = replace switch
        {
            SegmentReplacement.All => [],
            SegmentReplacement.RiversTouched => stored.Segments.Where(s => !rivers.Contains(s.RiverCode)),
            _ => stored.Segments.Where(s => !pairs.Contains((s.RiverCode, s.Level))),
        };
        return stored with { Segments = kept.Concat(proposed).ToList() };
    }

    /// <summary>Builds the system from <paramref name="stored"/> with the proposal in place, then checks it.</summary>
    public static DemarcationReport Check(RiverSystemData stored, IReadOnlyList<ProposedSegment> proposed, SegmentReplacement replace,
        DemarcationOptions? options = null, CancellationToken cancellation = default) =>
        Check(new RiverSystem(stored), proposed, replace, options, cancellation);

    /// <summary>
    /// Checks the proposal against a prepared stored system (the service's snapshot): the proposal is put in place of
    /// the segments it replaces with <see cref="RiverSystem.WithSegments"/>, which shares the stored areas, rivers and
    /// their cached stretches, so a check costs time and memory in proportion to the proposal, not to the province.
    /// Nothing of the proposal is kept in <paramref name="stored"/>.
    /// </summary>
    public static DemarcationReport Check(RiverSystem stored, IReadOnlyList<ProposedSegment> proposed, SegmentReplacement replace,
        DemarcationOptions? options = null, CancellationToken cancellation = default) =>
        Check(stored.WithSegments(WithSegments(stored.Data, proposed.Select(p => p.Segment).ToList(), replace).Segments), proposed, options, cancellation);

    /// <summary>Checks segments given in file order (feature index = position in the list).</summary>
    public static DemarcationReport Check(RiverSystem system, IReadOnlyList<Segment> proposed, DemarcationOptions? options = null) =>
        Check(system, proposed.Select((s, i) => new ProposedSegment(s, i)).ToList(), options);

    /// <summary>
    /// Checks <paramref name="proposed"/> against <paramref name="system"/>, which should already hold them in place of
    /// the stored segments they replace (<see cref="WithSegments"/>). Problems are ordered: per-segment problems by
    /// feature index, then gaps, overlaps and cross-boundary parts by river code, level and measure.
    /// <para>
    /// Linear in the proposal: each proposed segment is aligned once (the alignment is shared by the far-from-river,
    /// gap and overlap checks), each touched (river, level) pair is analysed on its own segments only, and the
    /// per-segment and per-pair work runs on every core, each result in its own slot, so the report is the same as
    /// sequentially. <paramref name="cancellation"/> stops it between segments or pairs (a time budget).
    /// </para>
    /// </summary>
    public static DemarcationReport Check(RiverSystem system, IReadOnlyList<ProposedSegment> proposed, DemarcationOptions? options = null,
        CancellationToken cancellation = default)
    {
        options ??= new DemarcationOptions();
        var tol = options.ToleranceM;
        if (!(tol >= 0) || double.IsInfinity(tol)) throw new ArgumentOutOfRangeException(nameof(options), "tolerance must be a finite number of metres ≥ 0");
        if (options.AreaCode is not null && !system.Areas.ContainsKey(options.AreaCode))
            throw new ArgumentException($"unknown area '{options.AreaCode}'", nameof(options));
        var parallel = new ParallelOptions { CancellationToken = cancellation };
        var indexOf = new Dictionary<Segment, int>(ReferenceEqualityComparer.Instance);
        foreach (var p in proposed) indexOf.TryAdd(p.Segment, p.FeatureIndex);
        var entries = EntriesOf(system, proposed);
        var problems = new List<DemarcationProblem>();
        CheckCodes(system, proposed, problems.Add);
        problems.AddRange(PerSegment(proposed, parallel, p => References(system, p, entries[p.Segment], options)));

        // Responsibility on the (river, level) pairs the proposal touches.
        var pairs = proposed.Select(p => p.Segment)
            .Where(s => system.Rivers.ContainsKey(s.RiverCode))
            .Select(s => (s.RiverCode, s.Level)).Distinct()
            .OrderBy(k => k.RiverCode, StringComparer.Ordinal).ThenBy(k => k.Level).ToList();
        var perPair = new List<DemarcationProblem>[pairs.Count];
        Parallel.For(0, pairs.Count, parallel, i => perPair[i] = PairProblems(system, pairs[i].RiverCode, pairs[i].Level, options, indexOf));
        var analysis = perPair.SelectMany(p => p).ToList();
        analysis.AddRange(PerSegment(proposed, parallel,
            p => CrossBoundarySegments.Of(system, entries[p.Segment], tol).Select(c => CrossProblem(c, p)).ToList()));
        cancellation.ThrowIfCancellationRequested();

        var ordered = problems
            .OrderBy(p => p.FeatureIndex ?? int.MaxValue).ThenBy(p => KindOrder(p.Kind))
            .Concat(analysis
                .OrderBy(p => p.RiverCode, StringComparer.Ordinal)
                .ThenBy(p => p.Level is null ? -1 : (int)p.Level)
                .ThenBy(p => KindOrder(p.Kind))
                .ThenBy(p => p.FromM ?? 0).ThenBy(p => p.FeatureIndex ?? int.MaxValue).ThenBy(p => p.AreaCode, StringComparer.Ordinal))
            .ToList();
        var counts = DemarcationKinds.All.ToDictionary(k => k, k => ordered.Count(p => p.Kind == k));
        var errors = ordered.Count(p => p.Severity == DemarcationSeverity.Error);
        return new DemarcationReport(errors == 0, errors, ordered.Count - errors, counts, ordered);
    }

    /// <summary>Gaps (where the river is managed at the level) and overlaps (at any level) of one (river, level) pair.</summary>
    private static List<DemarcationProblem> PairProblems(RiverSystem system, string riverCode, AdminLevel level, DemarcationOptions options,
        Dictionary<Segment, int> indexOf)
    {
        var tol = options.ToleranceM;
        var found = new List<DemarcationProblem>();
        var required = system.Rivers[riverCode].River.Level.IsAtOrAbove(level);
        var areaCode = GapArea(system, options.AreaCode, level);
        if (required && (options.AreaCode is null || areaCode is not null))
        {
            var coverage = CoverageAnalyzer.Analyze(system, new CoverageQuery(level, areaCode, riverCode, tol));
            found.AddRange(coverage.Gaps.Select(g => GapProblem(g, indexOf, system)));
        }
        found.AddRange(OverlapFinder.Find(system, new OverlapQuery(level, riverCode, null, tol)).Select(o => OverlapProblem(o, indexOf, system)));
        return found;
    }

    /// <summary>Per proposed segment, on every core; the results in proposal order.</summary>
    private static IEnumerable<DemarcationProblem> PerSegment(IReadOnlyList<ProposedSegment> proposed, ParallelOptions parallel,
        Func<ProposedSegment, List<DemarcationProblem>> check)
    {
        var results = new List<DemarcationProblem>[proposed.Count];
        Parallel.For(0, proposed.Count, parallel, i => results[i] = check(proposed[i]));
        return results.SelectMany(r => r);
    }

    private static int KindOrder(DemarcationProblemKind kind) => (int)kind;

    /// <summary>The area whose level-L areas are checked for gaps: the filter area, or its ancestor at L when it lies below L.</summary>
    private static string? GapArea(RiverSystem system, string? areaCode, AdminLevel level)
    {
        if (areaCode is null) return null;
        var area = system.Areas[areaCode].Area;
        if (area.Level.IsAtOrAbove(level)) return areaCode;
        return system.AncestorsAndSelf(areaCode).FirstOrDefault(a => a.Level == level)?.Code;
    }

    private static void CheckCodes(RiverSystem system, IReadOnlyList<ProposedSegment> proposed, Action<DemarcationProblem> add)
    {
        var proposedSet = proposed.Select(p => p.Segment).ToHashSet(ReferenceEqualityComparer.Instance);
        var storedCodes = system.Data.Segments.Where(s => !proposedSet.Contains(s)).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var first = new Dictionary<string, ProposedSegment>(StringComparer.Ordinal);
        foreach (var p in proposed)
        {
            var code = p.Segment.Code;
            if (first.TryGetValue(code, out var earlier))
            {
                add(Problem(DemarcationProblemKind.DuplicateCode, DemarcationSeverity.Error, p,
                    $"segment code '{code}' is used more than once (first at feature {earlier.FeatureIndex})",
                    $"河段编码{code}重复（首次出现在第{earlier.FeatureIndex}个要素）", null,
                    codes: [code], indices: [earlier.FeatureIndex, p.FeatureIndex]));
                continue;
            }
            first[code] = p;
            if (storedCodes.Contains(code))
                add(Problem(DemarcationProblemKind.DuplicateCode, DemarcationSeverity.Error, p,
                    $"segment code '{code}' is already used by a stored segment that this proposal keeps",
                    $"河段编码{code}与保留的已有河段重复", null));
        }
    }

    private static List<DemarcationProblem> References(RiverSystem system, ProposedSegment p, SegmentEntry entry, DemarcationOptions options)
    {
        var found = new List<DemarcationProblem>();
        CheckReferences(system, p, entry, options, found.Add);
        return found;
    }

    private static void CheckReferences(RiverSystem system, ProposedSegment p, SegmentEntry entry, DemarcationOptions options, Action<DemarcationProblem> add)
    {
        var s = p.Segment;
        system.Rivers.TryGetValue(s.RiverCode, out var river);
        system.Areas.TryGetValue(s.AreaCode, out var area);
        if (river is null)
            add(Problem(DemarcationProblemKind.UnknownRiver, DemarcationSeverity.Error, p,
                $"segment {s.Code}: unknown river '{s.RiverCode}'", $"河段{s.Code}：河流编码{s.RiverCode}不存在", null));
        if (area is null)
            add(Problem(DemarcationProblemKind.UnknownArea, DemarcationSeverity.Error, p,
                $"segment {s.Code}: unknown area '{s.AreaCode}'", $"河段{s.Code}：行政区编码{s.AreaCode}不存在", null));
        else if (area.Area.Level != s.Level)
            add(Problem(DemarcationProblemKind.LevelMismatch, DemarcationSeverity.Error, p,
                $"segment {s.Code} is {s.Level.ToCode()} but its area {s.AreaCode} is {area.Area.Level.ToCode()}",
                $"河段{s.Code}为{s.Level.ChineseLabel()}，但所属行政区{s.AreaCode}为{area.Area.Level.ChineseLabel()}", null));
        if (river is not null && !river.River.Level.IsAtOrAbove(s.Level))
            add(Problem(DemarcationProblemKind.LevelMismatch, DemarcationSeverity.Warning, p,
                $"segment {s.Code} is {s.Level.ToCode()} but river {river.River.Name} is managed from {river.River.Level.ToCode()} level down: no {s.Level.ToCode()} segment is needed",
                $"河段{s.Code}为{s.Level.ChineseLabel()}，但{river.River.Name}由{river.River.Level.ChineseLabel()}及以下管理，无需设{s.Level.ChineseLabel()}河段", null));
        if (s.ChiefId is { } chiefId && !string.IsNullOrWhiteSpace(chiefId))
        {
            if (!system.Chiefs.TryGetValue(chiefId, out var chief))
                add(Problem(DemarcationProblemKind.UnknownChief, DemarcationSeverity.Error, p,
                    $"segment {s.Code}: unknown chief '{chiefId}'", $"河段{s.Code}：河长{chiefId}不存在", null));
            else if (chief.AreaCode != s.AreaCode)
                add(Problem(DemarcationProblemKind.ChiefAreaMismatch, DemarcationSeverity.Error, p,
                    $"segment {s.Code}: chief {chief.Name} ({chief.Id}) belongs to area {chief.AreaCode}, not to the segment's area {s.AreaCode}",
                    $"河段{s.Code}：河长{chief.Name}（{chief.Id}）属于{chief.AreaCode}，不属于河段所在行政区{s.AreaCode}", null));
        }
        if (river is null) return;
        // The same alignment the gap and overlap checks use (cached in the system for this entry and tolerance).
        var alignment = system.AlignmentOf(entry, options.ToleranceM);
        var shareLow = alignment.MatchedShare < options.MinMatchedShare;
        var tooFar = alignment.MaxDistanceM > options.MaxDistanceM;
        if (!shareLow && !tooFar) return;
        var percent = Math.Round(alignment.MatchedShare * 100).ToString(CultureInfo.InvariantCulture);
        var tol = F(options.ToleranceM);
        var far = F(alignment.MaxDistanceM);
        add(Problem(DemarcationProblemKind.FarFromRiver, shareLow ? DemarcationSeverity.Error : DemarcationSeverity.Warning, p,
            $"segment {s.Code} does not follow river {river.River.Name}: {percent}% of it within {tol} m, up to {far} m away",
            $"河段{s.Code}与{river.River.Name}不吻合：{percent}%在{tol}米以内，最远偏离{far}米", s.Geometry));
    }

    private static DemarcationProblem GapProblem(CoverageGap gap, Dictionary<Segment, int> indexOf, RiverSystem system)
    {
        var length = F(gap.LengthM);
        var vacant = gap.Reason == GapReason.Vacant;
        var codes = gap.SegmentCodes;
        var list = string.Join(", ", codes);
        var (en, zh) = vacant
            ? ($"gap of {length} m on {gap.RiverName} in {gap.AreaCode} (segment {list} has no chief)",
               $"{gap.RiverName}在{gap.AreaCode}有{length}米河段无河长（{list}）")
            : ($"gap of {length} m on {gap.RiverName} in {gap.AreaCode} (no segment)",
               $"{gap.RiverName}在{gap.AreaCode}有{length}米无人负责");
        var indices = IndicesOf(system, gap.RiverCode, gap.Level, codes, indexOf);
        return new DemarcationProblem(vacant ? DemarcationProblemKind.GapVacant : DemarcationProblemKind.GapUnassigned,
            vacant ? DemarcationSeverity.Warning : DemarcationSeverity.Error,
            codes.FirstOrDefault(), codes, indices.Count > 0 ? indices[0] : null, indices, gap.RiverCode, gap.Level, gap.AreaCode,
            en, zh, gap.Geometry, gap.LengthM, gap.FromM, gap.ToM);
    }

    private static DemarcationProblem OverlapProblem(SegmentOverlap overlap, Dictionary<Segment, int> indexOf, RiverSystem system)
    {
        var length = F(overlap.LengthM);
        var level = overlap.Level;
        var indices = IndicesOf(system, overlap.RiverCode, level, overlap.SegmentCodes, indexOf);
        return new DemarcationProblem(DemarcationProblemKind.Overlap, DemarcationSeverity.Error,
            overlap.SegmentCodes[0], overlap.SegmentCodes, indices.Count > 0 ? indices[0] : null, indices, overlap.RiverCode, overlap.Level,
            overlap.AreaCodes.Count == 1 ? overlap.AreaCodes[0] : null,
            $"segments {string.Join(", ", overlap.SegmentCodes)} all cover the same {length} m of {overlap.RiverName} ({overlap.Level.ToCode()})",
            $"河段{string.Join("、", overlap.SegmentCodes)}在{overlap.RiverName}重复划分{length}米（{level.ChineseLabel()}）",
            overlap.Geometry, overlap.LengthM, overlap.FromM, overlap.ToM);
    }

    private static DemarcationProblem CrossProblem(CrossBoundarySegment part, ProposedSegment p)
    {
        var length = F(part.LengthM);
        var (en, zh) = part.EnteredAreaCode is { } entered
            ? ($"segment {part.SegmentCode} runs {length} m outside its area {part.OwnAreaCode} into {entered}",
               $"河段{part.SegmentCode}超出所属行政区{part.OwnAreaCode}，伸入{entered} {length}米")
            : ($"segment {part.SegmentCode} runs {length} m outside its area {part.OwnAreaCode}, outside every {part.Level.ToCode()} area",
               $"河段{part.SegmentCode}超出所属行政区{part.OwnAreaCode} {length}米，不在任何{part.Level.ChineseLabel()}行政区内");
        return new DemarcationProblem(DemarcationProblemKind.CrossBoundary, DemarcationSeverity.Warning, part.SegmentCode, [part.SegmentCode],
            p.FeatureIndex, [p.FeatureIndex], part.RiverCode, part.Level, part.EnteredAreaCode, en, zh, part.Geometry, part.LengthM);
    }

    private static DemarcationProblem Problem(DemarcationProblemKind kind, DemarcationSeverity severity, ProposedSegment p, string en, string zh, Geometry? geometry,
        IReadOnlyList<string>? codes = null, IReadOnlyList<int>? indices = null) =>
        new(kind, severity, p.Segment.Code, codes ?? [p.Segment.Code], p.FeatureIndex, indices ?? [p.FeatureIndex],
            p.Segment.RiverCode, p.Segment.Level, p.Segment.AreaCode, en, zh, geometry);

    /// <summary>
    /// The system's entry of each proposed segment object (segments may share a code); a fresh one for a segment the
    /// caller built the system without. One pass over the touched (river, level) lists.
    /// </summary>
    private static Dictionary<Segment, SegmentEntry> EntriesOf(RiverSystem system, IReadOnlyList<ProposedSegment> proposed)
    {
        var entries = new Dictionary<Segment, SegmentEntry>(ReferenceEqualityComparer.Instance);
        foreach (var (riverCode, level) in proposed.Select(p => (p.Segment.RiverCode, p.Segment.Level)).Distinct())
        {
            foreach (var entry in system.SegmentsOn(riverCode, level)) entries.TryAdd(entry.Segment, entry);
        }
        foreach (var p in proposed)
        {
            if (!entries.ContainsKey(p.Segment)) entries[p.Segment] = new SegmentEntry(p.Segment, new MeasuredLine(p.Segment.Geometry, system.Projection));
        }
        return entries;
    }

    private static List<int> IndicesOf(RiverSystem system, string riverCode, AdminLevel level, IReadOnlyList<string> codes, Dictionary<Segment, int> indexOf) =>
        system.SegmentsOn(riverCode, level)
            .Where(e => codes.Contains(e.Segment.Code) && indexOf.ContainsKey(e.Segment))
            .Select(e => indexOf[e.Segment]).Distinct().Order().ToList();

    private static string F(double metres) => Math.Round(metres).ToString("0", CultureInfo.InvariantCulture);
}
