using Microsoft.AspNetCore.Http.HttpResults;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.ApiDocs;
using RiverGis.Api.Http;
using RiverGis.Api.Water;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Responsibility;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Lakes;

/// <summary>A lake or reservoir with its area (m², on the spheroid) and how many zones it has.</summary>
public sealed record WaterBodyProperties(string Code, string Name, WaterBodyType Kind, string KindLabel, AdminLevel Level, double AreaM2, int Zones);

/// <summary>A zone (片区) of a water body with its 湖长/库长 (null when vacant); public, so without the chief's phone.</summary>
public sealed record ZoneProperties(string Code, string WaterBodyCode, string? Name, AdminLevel Level, string AreaCode, string? AreaName, bool Vacant,
    string? ChiefId, string? ChiefName, string ChiefTitle, double AreaM2);

/// <summary>Appointing a zone's 湖长/库长 (a chief of the zone's area), or null to record it vacant.</summary>
public sealed record ZoneChiefRequest(string? ChiefId);

/// <summary>A part of a water body nobody at the level answers for.</summary>
public sealed record WaterBodyGapProperties(string WaterBodyCode, string AreaCode, AdminLevel Level, GapReason Reason, double AreaM2);

/// <summary>GET /api/water-bodies/coverage: the gaps as features, the m² per water body and area in <c>areas</c>.</summary>
public sealed record WaterBodyCoverageResponse(IReadOnlyList<Feature<WaterBodyGapProperties>> Features, AdminLevel Level,
    IReadOnlyList<WaterBodyAreaSummary> Areas) : FeatureCollection<WaterBodyGapProperties>(Features);

/// <summary>Coverage of one water body inside one area, in m².</summary>
public sealed record WaterBodyAreaSummary(string WaterBodyCode, string WaterBodyName, string AreaCode, string AreaName, double AreaM2, double CoveredM2,
    double VacantM2, double UnassignedM2, double? CoveredPercent);

/// <summary>一湖一档: the water body, its zones and chiefs per level, coverage, sections with their latest class, rivers in and out.</summary>
public sealed record WaterBodyProfileResponse(NetTopologySuite.Geometries.Geometry Geometry, WaterBodyProperties WaterBody, IReadOnlyList<ZoneProperties> Zones,
    IReadOnlyList<WaterBodyAreaSummary> Coverage, IReadOnlyList<SectionProperties> Sections, IReadOnlyList<string> InflowRivers, IReadOnlyList<string> OutflowRivers);

/// <summary>Lakes and reservoirs (湖长制/库长制): the water bodies and their zones, polygon coverage in m², and each one's file (一湖一档).</summary>
public static class LakeEndpoints
{
    private const string Tag = "Lakes and reservoirs";

    public static readonly EnumParameter<AdminLevel> Level = new("level", "level of the zones and areas compared", AdminLevel.Township);
    public static readonly TextParameter WaterBodyCode = new("water_body_code", "only this lake or reservoir");

    public static void MapLakes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/water-bodies").WithTags(Tag);
        group.MapGet("/", List).WithName("ListWaterBodies").WithSummary("Lakes and reservoirs as GeoJSON, with their area in m²").WithQuery().AllowAnyone();
        group.MapGet("/zones", Zones).WithName("ListWaterBodyZones").WithSummary("Zones (片区) of the lakes and reservoirs with their 湖长/库长")
            .WithQuery(WaterBodyCode).ProducesProblems(400).AllowAnyone();
        group.MapPut("/zones/{code}/chief", AppointZoneChief).WithName("AppointZoneChief")
            .WithSummary("Appoint a zone's 湖长/库长 (a chief of the zone's area) or record it vacant (the office of the zone's area)")
            .DocumentsBody(typeof(ZoneChiefRequest), "application/json").WithQuery().ProducesProblems(400, 404).Allow(Role.Office, Role.Admin).Scoped();
        group.MapGet("/coverage", Coverage).WithName("WaterBodyCoverage")
            .WithSummary("Polygon coverage: water inside each area not covered by a zone with a chief, in m² (unassigned vs vacant)")
            .WithQuery(Level, WaterBodyCode).ProducesProblems(400).AllowAnyone();
        group.MapGet("/{code}/profile", Profile).WithName("WaterBodyProfile").WithSummary("One lake's or reservoir's file (一湖一档)").WithQuery().ProducesProblems(404)
            .AllowAnyone();
    }

    private static async Task<GeoJsonResult<FeatureCollection<WaterBodyProperties>>> List(SystemSnapshots snapshots, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var zones = snapshot.Water.Data.Zones.GroupBy(z => z.WaterBodyCode).ToDictionary(g => g.Key, g => g.Count());
        return GeoJsonResults.Ok(new FeatureCollection<WaterBodyProperties>(GeoJsonResults.Features(snapshot.Water.Data.WaterBodies, b => b.Geometry,
            b => Properties(b, zones.GetValueOrDefault(b.Code)))));
    }

    private static async Task<Results<GeoJsonResult<FeatureCollection<ZoneProperties>>, ProblemHttpResult>> Zones(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var code = q.Read(WaterBodyCode);
        if (!q.Ok) return q.Problem("Invalid zone query.");
        var snapshot = await snapshots.CurrentAsync(ct);
        var zones = snapshot.Water.Data.Zones.Where(z => code is null || z.WaterBodyCode == code).OrderBy(z => z.Level).ThenBy(z => z.Code, StringComparer.Ordinal);
        return GeoJsonResults.Ok(new FeatureCollection<ZoneProperties>(GeoJsonResults.Features(zones, z => z.Geometry, z => Zone(snapshot, z))));
    }

    private static async Task<Results<GeoJsonResult<Feature<ZoneProperties>>, ProblemHttpResult>> AppointZoneChief(string code, HttpContext http, Caller caller,
        LakeStore store, SystemSnapshots snapshots, CancellationToken ct)
    {
        var (request, problem) = await WaterEndpoints.ReadBody<ZoneChiefRequest>(http, ct);
        if (request is null) return problem!;
        var snapshot = await snapshots.CurrentAsync(ct);
        // Out of scope it is not there, before anything is said about the chief named.
        var zone = snapshot.Water.Data.Zones.FirstOrDefault(z => z.Code == code && WaterScope.Holds(snapshot.System, caller, [z.AreaCode]));
        if (zone is not null && request.ChiefId is { } id)
        {
            // A 湖长/库长 is a chief of the zone's own area, as a river chief is of the segment's.
            if (!snapshot.System.Chiefs.TryGetValue(id, out var chief)) return ApiProblems.BadRequest("Unknown chief.", new ProblemItem("chief_id", $"there is no chief '{id}'"));
            if (chief.AreaCode != zone.AreaCode)
                return ApiProblems.BadRequest("The chief is not of the zone's area.", new ProblemItem("chief_id", $"chief '{id}' is of area {chief.AreaCode}, the zone of {zone.AreaCode}"));
        }
        if (zone is null || !await store.AppointAsync(code, request.ChiefId, caller, WaterScope.Lineage(snapshot.System, [zone.AreaCode]), ct))
            return ApiProblems.NotFound($"There is no zone '{code}'.");
        snapshot = await snapshots.FreshAsync(ct);
        var changed = snapshot.Water.Data.Zones.Single(z => z.Code == code);
        return GeoJsonResults.Ok(GeoJsonResults.Feature(Zone(snapshot, changed), changed.Geometry));
    }

    private static async Task<Results<GeoJsonResult<WaterBodyCoverageResponse>, ProblemHttpResult>> Coverage(HttpContext http, SystemSnapshots snapshots, CancellationToken ct)
    {
        var q = QueryValues.Of(http);
        var level = q.Read(Level) ?? AdminLevel.Township;
        var code = q.Read(WaterBodyCode);
        var snapshot = await snapshots.CurrentAsync(ct);
        if (code is not null && !snapshot.Water.WaterBodies.ContainsKey(code)) q.Errors.Add(new("water_body_code", $"unknown water body '{code}'"));
        if (!q.Ok) return q.Problem("Invalid coverage query.");
        var result = Analyze(snapshot, level, code);
        var features = result.SelectMany(c => c.Gaps.Select(g => GeoJsonResults.Feature(new WaterBodyGapProperties(c.WaterBodyCode, c.AreaCode, c.Level, g.Reason, g.AreaM2), g.Geometry))).ToList();
        return GeoJsonResults.Ok(new WaterBodyCoverageResponse(features, level, result.Select(Summary).ToList()));
    }

    private static async Task<Results<Ok<WaterBodyProfileResponse>, ProblemHttpResult>> Profile(string code, SystemSnapshots snapshots, WaterQualityService quality,
        CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (!snapshot.Water.WaterBodies.TryGetValue(code, out var body)) return ApiProblems.NotFound($"There is no lake or reservoir '{code}'.");
        var zones = snapshot.Water.Data.Zones.Where(z => z.WaterBodyCode == code).OrderBy(z => z.Level).ThenBy(z => z.Code, StringComparer.Ordinal).ToList();
        var coverage = snapshot.System.LevelsPresent.Where(l => body.Level.IsAtOrAbove(l)).SelectMany(l => Analyze(snapshot, l, code)).Select(Summary).ToList();
        var report = await quality.ComplianceAsync(quality.CurrentMonth, null, ct);
        var sections = report.Sections.Where(s => s.Section.Section.WaterBodyCode == code).Select(s => SectionProperties.From(s, report.Threshold)).ToList();
        var locator = new Geo.Routing.WaterBodyLocator([body], [], Geo.Network.RiverNetwork.WaterBodyToleranceM);
        // Rivers ending in the water body flow into it; rivers rising in it flow out (RiverNetwork joins them through it).
        var inflow = snapshot.System.Rivers.Values.Where(r => r.Line.VertexCount > 1 && locator.Locate(r.Line.Lon[^1], r.Line.Lat[^1]) is not null)
            .Select(r => r.River.Code).Order(StringComparer.Ordinal).ToList();
        var outflow = snapshot.System.Rivers.Values.Where(r => r.Line.VertexCount > 1 && locator.Locate(r.Line.Lon[0], r.Line.Lat[0]) is not null)
            .Select(r => r.River.Code).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new WaterBodyProfileResponse(body.Geometry, Properties(body, zones.Count), zones.Select(z => Zone(snapshot, z)).ToList(), coverage,
            sections, inflow, outflow));
    }

    private static IReadOnlyList<WaterBodyAreaCoverage> Analyze(SystemSnapshot snapshot, AdminLevel level, string? code) =>
        WaterBodyCoverage.Analyze(snapshot.System, snapshot.Water.Data.WaterBodies, snapshot.Water.Data.Zones, level, code);

    private static WaterBodyAreaSummary Summary(WaterBodyAreaCoverage c) =>
        new(c.WaterBodyCode, c.WaterBodyName, c.AreaCode, c.AreaName, c.AreaM2, c.CoveredM2, c.VacantM2, c.UnassignedM2, c.CoveredPercent);

    private static WaterBodyProperties Properties(WaterBody b, int zones) =>
        new(b.Code, b.Name, b.Type, b.Type.ChineseLabel(), b.Level, Math.Round(EqualAreaProjection.AreaM2(b.Geometry)), zones);

    private static ZoneProperties Zone(SystemSnapshot snapshot, WaterBodyZone z)
    {
        var chief = z.ChiefId is { } id && snapshot.System.Chiefs.TryGetValue(id, out var c) ? c : null;
        var type = snapshot.Water.WaterBodies.TryGetValue(z.WaterBodyCode, out var body) ? body.Type : WaterBodyType.Lake;
        return new ZoneProperties(z.Code, z.WaterBodyCode, z.Name, z.Level, z.AreaCode, snapshot.System.Areas.GetValueOrDefault(z.AreaCode)?.Area.Name,
            chief is null, chief?.Id, chief?.Name, type.ChiefTitle(), Math.Round(EqualAreaProjection.AreaM2(z.Geometry)));
    }
}
