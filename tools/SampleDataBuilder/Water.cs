using NetTopologySuite.Geometries;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Water;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// The water of the samples (issue 14), all synthetic and marked so: sections at the township boundary crossings the
/// service itself finds, a year of monthly samples (one section planted to fail its last two months), signboards by the
/// township segments (one printing a former chief, one standing far away), outlets' lifecycle and monitoring.
/// </summary>
public static class WaterSamples
{
    /// <summary>The twelve months the samples cover (December 2025 – November 2026).</summary>
    public static readonly IReadOnlyList<OfficePeriod> Months = SectionCompliance.PeriodsEndingWith(OfficePeriod.MonthOf(2026, 11), 12);

    public static void Add(Dataset ds, int sections, int seed)
    {
        var rng = new Random(seed);
        AddSections(ds, sections);
        AddSamples(ds, rng);
        AddSignboards(ds, rng);
        AddOutletLifecycle(ds, rng);
    }

    private static void AddSections(Dataset ds, int count)
    {
        var system = new RiverSystem(new RiverSystemData(ds.Areas, ds.Chiefs, ds.Rivers, ds.Segments, ds.Outlets));
        var crossings = BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.Township))
            .Where(c => c.Kind == CrossingKind.Boundary).ToList();
        // Spread over the rivers: every k-th crossing.
        var step = Math.Max(1, crossings.Count / count);
        foreach (var (c, i) in crossings.Where((_, i) => i % step == 0).Take(count).Select((c, i) => (c, i)))
        {
            var areas = new[] { c.UpstreamAreaCode!, c.DownstreamAreaCode! };
            var names = areas.Select(a => Segments.ShortName(ds.Area(a).Name));
            var point = Geo.Factory.CreatePoint(new Coordinate(Geo.Round(c.Geometry.Coordinate.X), Geo.Round(c.Geometry.Coordinate.Y)));
            ds.Sections.Add(new MonitoringSection($"{ds.Prefix}-SEC{i + 1:00}", $"{c.RiverName}{string.Join("—", names)}交界断面",
                i == 0 ? SectionKind.Assessment : SectionKind.Boundary, i == 0 ? WaterClass.II : WaterClass.III, c.RiverCode, null, areas, point));
        }
    }

    /// <summary>
    /// Monthly samples of every section: a base quality per section around its target, seasonal and random variation;
    /// the last section fails its target in October and November (two in a row: the scan opens a problem for it).
    /// </summary>
    private static void AddSamples(Dataset ds, Random rng)
    {
        foreach (var (section, index) in ds.Sections.Select((s, i) => (s, i)))
        {
            var planted = index == ds.Sections.Count - 1;
            var baseline = 0.25 + 0.15 * rng.NextDouble();
            foreach (var (month, m) in Months.Select((p, i) => (p, i)))
            {
                var season = 1 + 0.3 * Math.Sin(2 * Math.PI * (month.Number - 4) / 12.0);
                var nh3 = baseline * season * (0.8 + 0.4 * rng.NextDouble()) * (planted && m >= 10 ? 5 : 1);
                var values = new Dictionary<WaterFactor, double>
                {
                    [WaterFactor.DissolvedOxygen] = R(8.5 - 2 * season + rng.NextDouble(), 1),
                    [WaterFactor.PermanganateIndex] = R(1.8 + 1.5 * rng.NextDouble() * season, 1),
                    [WaterFactor.ChemicalOxygenDemand] = R(8 + 6 * rng.NextDouble() * season, 1),
                    [WaterFactor.AmmoniaNitrogen] = R(nh3, 3),
                    [WaterFactor.TotalPhosphorus] = R(0.03 + 0.05 * rng.NextDouble() * season, 3),
                };
                var day = month.FirstDay.AddDays(4 + rng.Next(10));
                ds.Samples.Add(new WaterSample(section.Code, OfficePeriod.StartOf(day).AddHours(9 + rng.Next(6)), values, "synthetic"));
            }
        }
    }

    /// <summary>A board by every township segment with a chief: printed with today's chief, except one former chief and one far away.</summary>
    private static void AddSignboards(Dataset ds, Random rng)
    {
        var segments = ds.Segments.Where(s => s.Level == AdminLevel.Township && s.ChiefId is not null).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        foreach (var (segment, i) in segments.Select((s, i) => (s, i)))
        {
            var chief = ds.Chiefs.Single(c => c.Id == segment.ChiefId);
            var line = Geo.Lines(segment.Geometry).OrderByDescending(l => l.NumPoints).First();
            var lineRef = new LineRef(line, ds.Utm);
            var at = lineRef.At(0, lineRef.PartLength(0) * (0.2 + 0.6 * rng.NextDouble()));
            var offset = i == 1 ? 900 : 25; // the second board stands far from its segment
            var ll = ds.Utm.Inverse(at.X - at.Dy * offset, at.Y + at.Dx * offset);
            var stale = i == 0; // the first prints a former chief (待更新)
            var area = ds.Area(segment.AreaCode);
            ds.Signboards.Add(new Signboard($"{ds.Prefix}-BRD{i + 1:00}", segment.Code, null, stale ? "李旧河" : chief.Name,
                $"{Segments.ShortName(area.Name)}{segment.Level.ChineseLabel()}河长", stale ? "13800009999" : chief.Phone,
                $"{ds.River(segment.RiverCode).Name}{area.Name}段", "巡河护河，协调解决河段突出问题", "水质目标：Ⅲ类", "12345",
                new DateOnly(2025, 3, 1).AddDays(rng.Next(300)), Geo.Factory.CreatePoint(new Coordinate(Geo.Round(ll.X), Geo.Round(ll.Y)))));
        }
    }

    /// <summary>Approved outlets get an approval date and number; a few are rectified, closed or connected; above-scale ones are monitored most months.</summary>
    private static void AddOutletLifecycle(Dataset ds, Random rng)
    {
        for (var i = 0; i < ds.Outlets.Count; i++)
        {
            var o = ds.Outlets[i];
            var status = (i % 7) switch { 3 => OutletStatus.Rectifying, 5 => OutletStatus.ConnectedToSewer, 6 when i > 10 => OutletStatus.Closed, _ => OutletStatus.Normal };
            var approval = o.Permit == PermitStatus.Approved
                ? new OutletApproval(new DateOnly(2022 + rng.Next(4), 1 + rng.Next(12), 1 + rng.Next(28)), $"{ds.Prefix}环审〔{2022 + rng.Next(4)}〕{10 + i}号")
                : null;
            ds.Outlets[i] = o with { Status = status, Approval = approval };
            if (o.Scale != OutletScale.Above || status is OutletStatus.Closed or OutletStatus.ConnectedToSewer) continue;
            foreach (var month in Months.Where(_ => rng.NextDouble() < (i % 4 == 0 ? 0.3 : 0.9)))
            {
                var values = new Dictionary<WaterFactor, double>
                {
                    [WaterFactor.ChemicalOxygenDemand] = R(20 + 40 * rng.NextDouble(), 1),
                    [WaterFactor.AmmoniaNitrogen] = R(1 + 6 * rng.NextDouble(), 2),
                    [WaterFactor.TotalPhosphorus] = R(0.2 + 0.8 * rng.NextDouble(), 2),
                };
                ds.OutletMonitoring.Add(new WaterSample(o.Code, OfficePeriod.StartOf(month.FirstDay.AddDays(14)).AddHours(10), values, "synthetic"));
            }
        }
    }

    private static double R(double v, int digits) => Math.Round(v, digits);
}
