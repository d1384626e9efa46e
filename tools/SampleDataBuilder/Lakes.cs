using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using RiverGis.Geo.Calendar;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// 湖长制/库长制 sample: real lakes and reservoirs of eastern China (Natural Earth 1:10m) zoned over the DCW provinces
/// they lie in — Tai Hu between 江苏 and 浙江, Danjiangkou between 河南 and 湖北, Hongze Hu between 江苏 and 安徽… —
/// with a synthetic 湖长/库长 per zone (one vacant zone and one unassigned part planted), a lake section in each water
/// body with a year of synthetic samples (lake limits: TP and TN), and a board at each Tai Hu zone.
/// </summary>
public static class ChinaLakes
{
    private static readonly (string NaturalEarth, string Name, string Code, WaterBodyType Type, WaterClass Target)[] Bodies =
    [
        ("Tai Hu", "太湖", "CN-WB-TAIHU", WaterBodyType.Lake, WaterClass.III),
        ("Hongze Hu", "洪泽湖", "CN-WB-HONGZE", WaterBodyType.Lake, WaterClass.III),
        ("Gaoyou Hu", "高邮湖", "CN-WB-GAOYOU", WaterBodyType.Lake, WaterClass.III),
        ("Chao Hu", "巢湖", "CN-WB-CHAOHU", WaterBodyType.Lake, WaterClass.III),
        ("Weishan Hu", "微山湖", "CN-WB-WEISHAN", WaterBodyType.Lake, WaterClass.III),
        ("Danjiangkou Shuiku", "丹江口水库", "CN-WB-DANJIANGKOU", WaterBodyType.Reservoir, WaterClass.II),
        ("Xinanjiang Shuiku", "新安江水库（千岛湖）", "CN-WB-XINANJIANG", WaterBodyType.Reservoir, WaterClass.I),
    ];

    /// <summary>Province outlines are simplified to this tolerance (degrees, ≈ 300 m at these latitudes): province-level sample, not demarcation.</summary>
    private const double SimplifyDegrees = 0.003;

    public static Dataset Build(string shared, People people)
    {
        var ds = new Dataset { Code = "china-lakes", Name = "湖库示例（太湖、丹江口等）", Prefix = "CN", Utm = new Utm(50), UtcOffset = _ => TimeSpan.FromHours(8) };
        var lakes = Geo.ReadFeatures(Path.Combine(shared, "ne10m_lakes_china.geojson"));
        var bodies = Bodies.Select(b => (b, Geometry: Geo.RoundPolygonal(lakes.Single(f => Geo.Str(f, "name") == b.NaturalEarth).Geometry))).ToList();
        var provinces = Geo.ReadFeatures(Path.Combine(shared, "cn_provinces_dcw.geojson"))
            .Where(p => bodies.Any(b => p.Geometry.Intersects(b.Geometry)))
            .OrderBy(p => Geo.Str(p, "adcode"), StringComparer.Ordinal).ToList();
        foreach (var p in provinces)
        {
            var outline = Geo.RoundPolygonal(TopologyPreservingSimplifier.Simplify(p.Geometry, SimplifyDegrees));
            ds.Add(new AdminArea(Geo.Str(p, "adcode")!, Geo.Str(p, "name")!, AdminLevel.Province, null, outline), new Provenance("DCW-GMT provinces (LGPL-3+), simplified", false));
        }
        foreach (var area in ds.Areas)
        {
            var (name, phone) = people.Next(false);
            ds.Chiefs.Add(new Chief($"CN-P{ds.Chiefs.Count + 1:000}", name, ChiefRole.General, area.Code, phone));
        }
        foreach (var (body, geometry) in bodies)
        {
            ds.WaterBodies.Add(new WaterBody(body.Code, body.Name, body.Type, AdminLevel.Province, geometry));
            AddZones(ds, people, body.Code, body.Name, geometry);
        }
        AddSections(ds);
        return ds;
    }

    /// <summary>One zone per province the water body lies in (earlier provinces keep a shared sliver); 洪泽湖's 安徽 part vacant, 高邮湖's second part unassigned.</summary>
    private static void AddZones(Dataset ds, People people, string code, string name, Geometry body)
    {
        Geometry assigned = Geo.Factory.CreatePolygon();
        var parts = ds.Areas.Where(a => a.Geometry.Intersects(body)).ToList();
        foreach (var (area, i) in parts.Select((a, i) => (a, i)))
        {
            var zone = Overlay.Difference(Overlay.Intersection(body, area.Geometry), assigned);
            if (EqualAreaProjection.AreaM2(zone) < 5e6) continue; // shoreline slivers of the 1:1M provinces
            // Rounded to the written grid, then clipped to the water body again: the writer keeps what is already inside.
            zone = Polygonal(Overlay.Intersection(Geo.RoundPolygonal(Polygonal(zone)), body));
            if (!zone.IsValid || zone.IsEmpty) continue;
            assigned = Overlay.Union(assigned, zone);
            if (code == "CN-WB-GAOYOU" && i > 0) continue;
            string? chief = null;
            if (!(code == "CN-WB-HONGZE" && area.Name.StartsWith("安徽", StringComparison.Ordinal)))
            {
                var (person, phone) = people.Next(false);
                chief = $"CN-P{ds.Chiefs.Count + 1:000}";
                ds.Chiefs.Add(new Chief(chief, person, ChiefRole.Chief, area.Code, phone));
            }
            var zoneCode = $"{code}-{area.Code}";
            ds.Zones.Add(new WaterBodyZone(zoneCode, code, $"{name}{area.Name}片区", AdminLevel.Province, area.Code, chief, zone));
            if (code == "CN-WB-TAIHU" && chief is not null)
            {
                var holder = ds.Chiefs.Single(c => c.Id == chief);
                var shore = zone.Boundary.Coordinates[zone.Boundary.Coordinates.Length / 3];
                ds.Signboards.Add(new Signboard($"CN-BRD-{area.Code}", null, zoneCode, holder.Name, $"{area.Name}{name}湖长", holder.Phone,
                    $"{name}{area.Name}水域", "湖泊巡查、管理和保护，协调解决水污染防治、水域岸线管理问题", "水质目标：Ⅲ类", "12345", new DateOnly(2025, 6, 1),
                    Geo.Factory.CreatePoint(new Coordinate(Geo.Round(shore.X), Geo.Round(shore.Y)))));
            }
        }
    }

    /// <summary>A section inside every water body with monthly samples (TP and TN count for lakes and reservoirs).</summary>
    private static void AddSections(Dataset ds)
    {
        var rng = new Random(140);
        foreach (var body in ds.WaterBodies)
        {
            var inside = body.Geometry.InteriorPoint.Coordinate;
            var areas = ds.Zones.Where(z => z.WaterBodyCode == body.Code).Select(z => z.AreaCode).Distinct().ToList();
            if (areas.Count == 0) continue;
            var target = Bodies.Single(b => b.Code == body.Code).Target;
            var code = body.Code.Replace("CN-WB-", "CN-SEC-", StringComparison.Ordinal);
            ds.Sections.Add(new MonitoringSection(code, $"{body.Name}湖心断面", SectionKind.Assessment, target, null, body.Code, areas,
                Geo.Factory.CreatePoint(new Coordinate(Geo.Round(inside.X), Geo.Round(inside.Y)))));
            var richness = body.Code is "CN-WB-TAIHU" or "CN-WB-CHAOHU" ? 2.5 : 1.0; // the eutrophic lakes
            foreach (var month in WaterSamples.Months)
            {
                var season = 1 + 0.35 * Math.Sin(2 * Math.PI * (month.Number - 4) / 12.0);
                ds.Samples.Add(new WaterSample(code, OfficePeriod.StartOf(month.FirstDay.AddDays(9)).AddHours(10), new Dictionary<WaterFactor, double>
                {
                    [WaterFactor.DissolvedOxygen] = Math.Round(8.8 - 1.8 * season + rng.NextDouble(), 1),
                    [WaterFactor.PermanganateIndex] = Math.Round(2 + 1.4 * richness * season * rng.NextDouble(), 1),
                    [WaterFactor.AmmoniaNitrogen] = Math.Round(0.08 + 0.12 * richness * season * rng.NextDouble(), 3),
                    [WaterFactor.TotalPhosphorus] = Math.Round(0.01 + 0.03 * richness * season * rng.NextDouble(), 3),
                    [WaterFactor.TotalNitrogen] = Math.Round(0.3 + 0.6 * richness * season * rng.NextDouble(), 2),
                }, "synthetic"));
            }
        }
    }

    private static Geometry Polygonal(Geometry g)
    {
        var polygons = Geo.Polygons(g).Where(p => p.Area > 0).ToArray();
        return polygons.Length == 1 ? polygons[0] : Geo.Factory.CreateMultiPolygon(polygons);
    }
}
