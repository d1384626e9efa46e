using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Routing;
using RiverGis.Geo.Water;

namespace RiverGis.Benchmarks;

/// <summary>
/// Synthetic water for the province benchmarks (issue 14): a few thousand lakes (hexagons of 0.3–1.5 km radius spread
/// over the data, each a county zone with a chief and a vacant township half), a section at every county boundary
/// crossing, and a year of monthly samples per section (about one section in eight failing the last months).
/// </summary>
public static class SyntheticWater
{
    public static (List<WaterBody> Bodies, List<WaterBodyZone> Zones) Lakes(RiverSystem system, int count, int seed = 7)
    {
        var random = new Random(seed);
        var extent = system.Extent;
        var counties = system.Areas.Values.Where(a => a.Area.Level == AdminLevel.County).ToList();
        var chiefs = system.Data.Chiefs.Where(c => c.Role == ChiefRole.Chief).GroupBy(c => c.AreaCode).ToDictionary(g => g.Key, g => g.First().Id);
        var bodies = new List<WaterBody>();
        var zones = new List<WaterBodyZone>();
        var factory = RiverSystem.Wgs84;
        for (var i = 0; bodies.Count < count && i < count * 20; i++)
        {
            var lon = extent.MinX + random.NextDouble() * extent.Width;
            var lat = extent.MinY + random.NextDouble() * extent.Height;
            var (x, y) = system.Projection.Project(lon, lat);
            var county = counties.FirstOrDefault(c => c.Prepared.Contains(x, y));
            if (county is null) continue;
            var radius = 300 + random.NextDouble() * 1200;
            var (perLon, perLat) = Geo.Measurement.Geodesic.MetresPerDegree(lat);
            var ring = Enumerable.Range(0, 7).Select(k => new Coordinate(lon + radius / perLon * Math.Cos(k * Math.PI / 3), lat + radius / perLat * Math.Sin(k * Math.PI / 3))).ToArray();
            ring[6] = ring[0];
            var hexagon = factory.CreatePolygon(ring);
            var code = $"WB{bodies.Count:00000}";
            bodies.Add(new WaterBody(code, $"湖{bodies.Count}", bodies.Count % 5 == 0 ? WaterBodyType.Reservoir : WaterBodyType.Lake, AdminLevel.County, hexagon));
            zones.Add(new WaterBodyZone(code + "-C", code, null, AdminLevel.County, county.Area.Code, chiefs.GetValueOrDefault(county.Area.Code), hexagon));
            var west = factory.CreatePolygon([ring[1], ring[2], ring[3], ring[4], ring[1]]);
            zones.Add(new WaterBodyZone(code + "-T", code, null, AdminLevel.Township, county.Area.Code, null, west));
        }
        return (bodies, zones);
    }

    /// <summary>Points inside the lakes (their centres, nudged), for routing into water bodies.</summary>
    public static (double Lon, double Lat)[] LakePoints(IReadOnlyList<WaterBody> bodies, int count, int seed = 43)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var c = bodies[random.Next(bodies.Count)].Geometry.EnvelopeInternal;
            return (c.Centre.X + (random.NextDouble() - 0.5) * c.Width * 0.4, c.Centre.Y + (random.NextDouble() - 0.5) * c.Height * 0.4);
        }).ToArray();
    }

    /// <summary>A section at every county boundary crossing, the areas on both sides.</summary>
    public static List<MonitoringSection> Sections(RiverSystem system) =>
        BoundaryCrossings.Find(system, new BoundaryCrossingQuery(AdminLevel.County))
            .Where(c => c.Kind == CrossingKind.Boundary)
            .Select((c, i) => new MonitoringSection($"SEC{i:000000}", "断面", SectionKind.Boundary, WaterClass.III, c.RiverCode, null,
                [c.UpstreamAreaCode!, c.DownstreamAreaCode!], (Point)c.Geometry))
            .ToList();

    /// <summary>One sample per section and month of the year ending with <paramref name="last"/>.</summary>
    public static List<WaterSample> Samples(IReadOnlyList<MonitoringSection> sections, OfficePeriod last, int seed = 44)
    {
        var random = new Random(seed);
        var months = SectionCompliance.PeriodsEndingWith(last, 12);
        var samples = new List<WaterSample>(sections.Count * 12);
        foreach (var (section, i) in sections.Select((s, i) => (s, i)))
        {
            var failing = i % 8 == 0;
            foreach (var (month, m) in months.Select((p, m) => (p, m)))
            {
                var worse = failing && m >= 10 ? 3 : 1;
                samples.Add(new WaterSample(section.Code, month.Start.AddDays(5 + random.Next(15)), new Dictionary<WaterFactor, double>
                {
                    [WaterFactor.DissolvedOxygen] = 5 + 3 * random.NextDouble(),
                    [WaterFactor.PermanganateIndex] = 2 + 4 * random.NextDouble(),
                    [WaterFactor.ChemicalOxygenDemand] = 10 + 10 * random.NextDouble(),
                    [WaterFactor.AmmoniaNitrogen] = (0.2 + 0.7 * random.NextDouble()) * worse,
                    [WaterFactor.TotalPhosphorus] = (0.05 + 0.12 * random.NextDouble()) * worse,
                }));
            }
        }
        return samples;
    }
}

/// <summary>
/// Routing into water bodies must cost no more than river routing: the same 1024 river/anywhere points resolved by an
/// index without lakes (the baseline, what routing costs today) and by one with a few thousand lakes; and points inside
/// the lakes, which the zones answer.
/// </summary>
[MemoryDiagnoser]
public class WaterRoutingBenchmarks
{
    private const int PointCount = 1024;
    private ResponsibilityIndex _rivers = null!;
    private ResponsibilityIndex _withLakes = null!;
    private (double Lon, double Lat)[] _points = null!;
    private (double Lon, double Lat)[] _lakePoints = null!;

    [ParamsSource(nameof(RiverCounts))]
    public int Rivers { get; set; }

    [Params(3000)]
    public int WaterBodies { get; set; }

    public static IEnumerable<int> RiverCounts() => BenchData.RiverCounts();

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchData.ToSystemData(BenchData.Content(Rivers));
        var system = new RiverSystem(data);
        var (bodies, zones) = SyntheticWater.Lakes(system, WaterBodies);
        _rivers = new ResponsibilityIndex(system);
        _withLakes = new ResponsibilityIndex(system, new WaterBodyLocator(bodies, zones));
        _points = BenchData.Points(data, PointCount);
        _lakePoints = SyntheticWater.LakePoints(bodies, PointCount);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount, Description = "Resolve, rivers only (per query)")]
    public int RiversOnly() => Count(_rivers, _points);

    [Benchmark(OperationsPerInvoke = PointCount, Description = "Resolve, with lakes, same points (per query)")]
    public int WithLakes() => Count(_withLakes, _points);

    [Benchmark(OperationsPerInvoke = PointCount, Description = "Resolve, points inside lakes (per query)")]
    public int InsideLakes() => Count(_withLakes, _lakePoints);

    private static int Count(ResponsibilityIndex index, (double Lon, double Lat)[] points)
    {
        var found = 0;
        foreach (var (lon, lat) in points)
        {
            if (index.Resolve(lon, lat).Chief is not null) found++;
        }
        return found;
    }
}

/// <summary>
/// The helper mode <c>water</c>: a month's compliance (sections' classes, 达标率 per area) and the consecutive-failure
/// scan at province size, in process and as the equivalent SQL in PostGIS (when a connection is given), TSV on stdout.
/// </summary>
public static class WaterCompliance
{
    public static int Run(Options options)
    {
        var watch = Stopwatch.StartNew();
        var system = new RiverSystem(BenchData.ToSystemData(BenchData.Content(options.Rivers, options.Seed)));
        var sections = SyntheticWater.Sections(system);
        var month = OfficePeriod.MonthOf(2026, 11);
        var samples = SyntheticWater.Samples(sections, month);
        Console.Error.WriteLine($"{sections.Count} sections, {samples.Count} samples, prepared in {watch.ElapsedMilliseconds} ms");
        Console.WriteLine("what\tsections\tsamples\tms\tresult");
        for (var r = 0; r < options.Repeat; r++)
        {
            watch.Restart();
            var (rates, failing) = InProcess(system, sections, samples, month);
            Console.WriteLine($"compliance+scan in process\t{sections.Count}\t{samples.Count}\t{watch.ElapsedMilliseconds}\tareas={rates} failing={failing}");
        }
        if (options.Connection is not { } connection) return 0;
        using var dataSource = new NpgsqlDataSourceBuilder(connection).Build();
        Load(dataSource, system, sections, samples);
        for (var r = 0; r < options.Repeat; r++)
        {
            watch.Restart();
            var rates = Scalar(dataSource, ComplianceSql, month);
            var compliance = watch.ElapsedMilliseconds;
            watch.Restart();
            var failing = Scalar(dataSource, ScanSql, month);
            Console.WriteLine($"compliance SQL\t{sections.Count}\t{samples.Count}\t{compliance}\tareas={rates}");
            Console.WriteLine($"failure scan SQL\t{sections.Count}\t{samples.Count}\t{watch.ElapsedMilliseconds}\tfailing={failing}");
        }
        return 0;
    }

    /// <summary>What WaterQualityService.ComplianceAsync and EscalateAsync compute once the samples are read.</summary>
    public static (int Areas, int Failing) InProcess(RiverSystem system, IReadOnlyList<MonitoringSection> sections, IReadOnlyList<WaterSample> samples, OfficePeriod month)
    {
        var periods = SectionCompliance.PeriodsEndingWith(month, 12);
        var bySection = samples.ToLookup(s => s.SiteCode);
        var series = sections.AsParallel().Select(s => (Section: s, Series: SectionCompliance.Evaluate(s, bySection[s.Code], periods))).ToList();
        var rates = ComplianceRates.Compute(sections, month, series.ToDictionary(s => s.Section.Code, s => s.Series[^1]),
            series.ToDictionary(s => s.Section.Code, s => s.Series[^2]), a => system.AncestorsAndSelf(a).Select(x => x.Code));
        var failing = ConsecutiveFailureScan.Find(series, month);
        return (rates.Count, failing.Count);
    }

    private const string ClassOfMonth = """
        WITH m AS (
            SELECT section_code, date_trunc('month', sampled_at AT TIME ZONE 'Asia/Shanghai') AS month,
                   avg(f_do) AS f_do, avg(codmn) AS codmn, avg(cod) AS cod, avg(nh3_n) AS nh3_n, avg(tp) AS tp
            FROM bench_samples WHERE sampled_at >= $1 AND sampled_at < $2 GROUP BY 1, 2),
        c AS (
            SELECT section_code, month, GREATEST(
                CASE WHEN f_do >= 7.5 THEN 1 WHEN f_do >= 6 THEN 2 WHEN f_do >= 5 THEN 3 WHEN f_do >= 3 THEN 4 WHEN f_do >= 2 THEN 5 ELSE 6 END,
                CASE WHEN codmn <= 2 THEN 1 WHEN codmn <= 4 THEN 2 WHEN codmn <= 6 THEN 3 WHEN codmn <= 10 THEN 4 WHEN codmn <= 15 THEN 5 ELSE 6 END,
                CASE WHEN cod <= 15 THEN 1 WHEN cod <= 20 THEN 3 WHEN cod <= 30 THEN 4 WHEN cod <= 40 THEN 5 ELSE 6 END,
                CASE WHEN nh3_n <= 0.15 THEN 1 WHEN nh3_n <= 0.5 THEN 2 WHEN nh3_n <= 1 THEN 3 WHEN nh3_n <= 1.5 THEN 4 WHEN nh3_n <= 2 THEN 5 ELSE 6 END,
                CASE WHEN tp <= 0.02 THEN 1 WHEN tp <= 0.1 THEN 2 WHEN tp <= 0.2 THEN 3 WHEN tp <= 0.3 THEN 4 WHEN tp <= 0.4 THEN 5 ELSE 6 END) AS cls
            FROM m)
        """;

    /// <summary>Classes of this and last month per section, then 达标率 per area (the areas array holds every ancestor).</summary>
    private const string ComplianceSql = ClassOfMonth + """
        , now AS (SELECT c.section_code, c.cls <= s.target AS met, c.month FROM c JOIN bench_sections s ON s.code = c.section_code)
        SELECT count(*) FROM (
            SELECT area, 100.0 * count(*) FILTER (WHERE met AND month = date_trunc('month', $3::timestamp)) / nullif(count(*) FILTER (WHERE month = date_trunc('month', $3::timestamp)), 0) AS rate,
                   100.0 * count(*) FILTER (WHERE met AND month < date_trunc('month', $3::timestamp)) / nullif(count(*) FILTER (WHERE month < date_trunc('month', $3::timestamp)), 0) AS previous
            FROM now JOIN bench_sections s ON s.code = now.section_code, unnest(s.areas) AS area
            WHERE month >= date_trunc('month', $3::timestamp) - interval '1 month'
            GROUP BY area) r
        """;

    /// <summary>Sections whose failures in a row, ending with the month, reach two (gaps-and-islands by the last month met).</summary>
    private const string ScanSql = ClassOfMonth + """
        , f AS (SELECT c.section_code, c.month, c.cls > s.target AS failed FROM c JOIN bench_sections s ON s.code = c.section_code),
        runs AS (
            SELECT section_code,
                   count(*) FILTER (WHERE failed AND month > coalesce(last_met, '-infinity')) AS run,
                   bool_or(failed AND month = date_trunc('month', $3::timestamp)) AS failing_now
            FROM (SELECT f.*, max(month) FILTER (WHERE NOT failed) OVER (PARTITION BY section_code) AS last_met FROM f) x
            GROUP BY section_code)
        SELECT count(*) FROM runs WHERE failing_now AND run >= 2
        """;

    private static long Scalar(NpgsqlDataSource dataSource, string sql, OfficePeriod month)
    {
        using var cmd = dataSource.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        var first = SectionCompliance.PeriodsEndingWith(month, 12)[0];
        cmd.Parameters.AddWithValue(first.Start.UtcDateTime);
        cmd.Parameters.AddWithValue(month.End.UtcDateTime);
        cmd.Parameters.AddWithValue(month.Start.ToOffset(OfficePeriod.Offset).DateTime);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Load(NpgsqlDataSource dataSource, RiverSystem system, IReadOnlyList<MonitoringSection> sections, IReadOnlyList<WaterSample> samples)
    {
        using var connection = dataSource.OpenConnection();
        using (var cmd = new NpgsqlCommand("""
            DROP TABLE IF EXISTS bench_samples; DROP TABLE IF EXISTS bench_sections;
            CREATE TABLE bench_sections (code text PRIMARY KEY, target int NOT NULL, areas text[] NOT NULL);
            CREATE TABLE bench_samples (section_code text NOT NULL, sampled_at timestamptz NOT NULL, f_do float8, codmn float8, cod float8, nh3_n float8, tp float8);
            """, connection)) cmd.ExecuteNonQuery();
        using (var writer = connection.BeginBinaryImport("COPY bench_sections (code, target, areas) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in sections)
            {
                writer.StartRow();
                writer.Write(s.Code);
                writer.Write((int)s.TargetClass);
                writer.Write(s.AreaCodes.SelectMany(a => system.AncestorsAndSelf(a).Select(x => x.Code)).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            }
            writer.Complete();
        }
        using (var writer = connection.BeginBinaryImport("COPY bench_samples (section_code, sampled_at, f_do, codmn, cod, nh3_n, tp) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in samples)
            {
                writer.StartRow();
                writer.Write(s.SiteCode);
                writer.Write(s.SampledAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                foreach (var f in new[] { WaterFactor.DissolvedOxygen, WaterFactor.PermanganateIndex, WaterFactor.ChemicalOxygenDemand, WaterFactor.AmmoniaNitrogen, WaterFactor.TotalPhosphorus })
                    writer.Write(s.Values[f]);
            }
            writer.Complete();
        }
        using (var cmd = new NpgsqlCommand("CREATE INDEX ON bench_samples (sampled_at); ANALYZE bench_samples; ANALYZE bench_sections;", connection)) cmd.ExecuteNonQuery();
    }
}
