using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using RiverGis.Api.Accounts;
using RiverGis.Api.Analysis;
using RiverGis.Api.Http;
using RiverGis.Api.Limits;
using RiverGis.Geo.GeoJson;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Api.Water;

/// <summary>
/// Offices' edits of monitoring sections: a section posted as a GeoJSON Point Feature is checked against the current
/// data (known river within the tolerance, or known water body; known areas) and stored; candidate boundary sections
/// are proposed from the crossings and accepted (becoming sections) or rejected (not proposed again).
/// </summary>
public sealed class SectionEditor(SystemSnapshots snapshots, WaterStore store, IOptions<WaterOptions> options, TimeProvider clock)
{
    public async Task<(MonitoringSection? Section, List<ProblemItem> Errors)> ParseAsync(JsonElement feature, string? pathCode, CancellationToken ct)
    {
        var errors = new List<ProblemItem>();
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || type.GetString() != "Feature")
        {
            errors.Add(new("type", "expected a GeoJSON Point Feature"));
            return (null, errors);
        }
        Point? point = null;
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null) errors.Add(new("geometry", "required: the section's position"));
        else
        {
            var geometryErrors = new List<string>();
            var read = new GeoJsonGeometryReader().Read(geometry, "geometry", geometryErrors);
            errors.AddRange(geometryErrors.Select(e => new ProblemItem(e[..e.IndexOf(": ", StringComparison.Ordinal)], e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..])));
            if (read is not null and not Point) errors.Add(new("geometry.type", $"expected a Point, found {read.GeometryType}"));
            point = read as Point;
        }
        feature.TryGetProperty("properties", out var properties);
        var props = new PropertyReader(properties, (p, m) => errors.Add(new("properties." + p, m)));
        var parsed = Geo.Dataset.DatasetReader.Section(props, point, (p, m) => errors.Add(new("properties." + p, m)));
        if (parsed is { Code: var c } && pathCode is not null && c != pathCode) errors.Add(new("properties.code", $"'{c}' differs from the section in the path '{pathCode}'"));
        if (parsed is not null && !Geo.Dataset.DatasetValidator.IsCode(parsed.Code)) errors.Add(new("properties.code", $"'{parsed.Code}' is not a usable code (letters, digits, '-', '_', '.', at most 64)"));
        if (errors.Count > 0 || parsed is null) return (null, errors);
        var (code, river, body, areas) = (parsed.Code, parsed.RiverCode, parsed.WaterBodyCode, parsed.AreaCodes);

        var snapshot = await snapshots.CurrentAsync(ct);
        foreach (var area in areas.Where(a => !snapshot.System.Areas.ContainsKey(a))) errors.Add(new("properties.area_codes", $"unknown area '{area}'"));
        if (body is not null && !snapshot.Water.WaterBodies.ContainsKey(body)) errors.Add(new("properties.water_body_code", $"unknown water body '{body}'"));
        if (river is not null)
        {
            var tolerance = options.Value.SectionToleranceM;
            if (!snapshot.System.Rivers.ContainsKey(river)) errors.Add(new("properties.river_code", $"unknown river '{river}'"));
            else if (SectionSnapper.Snap(snapshot.System, river, parsed.Location, tolerance) is null)
                errors.Add(new("geometry", $"section '{code}' lies farther than {tolerance:0} m from its river '{river}'"));
        }
        return errors.Count > 0 ? (null, errors) : (parsed, errors);
    }

    /// <summary>What saving a section came to.</summary>
    public enum SaveOutcome { Saved, CodeTaken, NotFound, AreasOutOfScope }

    /// <summary>
    /// Adds or changes a section in the caller's scope: an office may only give it areas of its subtree (403 otherwise),
    /// and only change a section that answers to one of them (else it is not there for it: 404). Answered once the
    /// snapshot holds the change.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(MonitoringSection section, bool create, Caller caller, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var before = snapshot.Water.Sections.GetValueOrDefault(section.Code)?.Section.AreaCodes ?? [];
        if (!create && (await store.SectionsInScopeAsync([section.Code], caller, ct)).Count == 0) return SaveOutcome.NotFound;
        if (!WaterScope.Holds(snapshot.System, caller, section.AreaCodes)) return SaveOutcome.AreasOutOfScope;
        var areas = WaterScope.Lineage(snapshot.System, section.AreaCodes.Concat(before));
        if (!await store.SaveSectionAsync(section, create, caller, areas, ct)) return create ? SaveOutcome.CodeTaken : SaveOutcome.NotFound;
        await snapshots.FreshAsync(ct);
        return SaveOutcome.Saved;
    }

    /// <summary>Removes a section in the caller's scope (false when there is none there); answered once the snapshot no longer holds it.</summary>
    public async Task<bool> DeleteAsync(string code, Caller caller, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        var areas = WaterScope.Lineage(snapshot.System, snapshot.Water.Sections.GetValueOrDefault(code)?.Section.AreaCodes ?? []);
        if (!await store.DeleteSectionAsync(code, caller, areas, ct)) return false;
        await snapshots.FreshAsync(ct);
        return true;
    }

    public static SectionRequestProperties Properties(MonitoringSection s) =>
        new(s.Code, s.Name, s.Kind, s.TargetClass.ToCode(), s.RiverCode, s.WaterBodyCode, s.AreaCodes);

    public async Task<(IReadOnlyList<SectionCandidate> Candidates, ProblemItem? Error)> CandidatesAsync(AdminLevel level, string? areaCode, CancellationToken ct)
    {
        var snapshot = await snapshots.CurrentAsync(ct);
        if (areaCode is not null && !snapshot.System.Areas.ContainsKey(areaCode)) return ([], new ProblemItem("area_code", $"unknown area '{areaCode}'"));
        var decided = await store.DecisionsAsync(ct);
        var sections = snapshot.Water.Sections.Values.Where(s => s.MeasureM is not null).Select(s => (s.Section.RiverCode!, s.MeasureM!.Value));
        try
        {
            return (SectionCandidates.Find(snapshot.System, level, sections, decided.Keys.ToHashSet(StringComparer.Ordinal), areaCode, options.Value.CandidateProximityM), null);
        }
        catch (ArgumentException ex)
        {
            return ([], new ProblemItem("area_code", ex.Message.Split(" (Parameter")[0]));
        }
    }

    /// <summary>
    /// Accepts a proposed section. A candidate is decided by the office of the area upstream of the crossing (its
    /// outgoing water is what the section measures; 出境断面) or an office above it, and the administrator; to other
    /// offices it is not there (404).
    /// </summary>
    public async Task<(CandidateDecisionResponse? Decision, ProblemItem? Error, int Status)> AcceptAsync(string key, AcceptCandidateRequest request, Caller caller,
        CancellationToken ct)
    {
        var target = WaterClass.III;
        if (request.TargetClass is { } text && !SurfaceWaterStandard.TryParseClass(text, out target))
            return (null, new ProblemItem("target_class", $"'{text}' is not a class, expected I|II|III|IV|V|劣V"), 400);
        if (request.TargetClass is null) return (null, new ProblemItem("target_class", "required: the class the section must meet"), 400);
        var candidate = await FindAsync(key, caller, ct);
        if (candidate is null) return (null, new ProblemItem("key", $"there is no open candidate '{key}'"), 404);
        var c = candidate.Crossing;
        var code = request.Code ?? $"SEC-{c.RiverCode}-{Math.Round(c.MeasureM).ToString(CultureInfo.InvariantCulture)}";
        if (!Geo.Dataset.DatasetValidator.IsCode(code)) return (null, new ProblemItem("code", $"'{code}' is not a usable code"), 400);
        var snapshot = await snapshots.CurrentAsync(ct);
        if (snapshot.Water.Sections.ContainsKey(code)) return (null, new ProblemItem("code", $"there is already a section '{code}'"), 409);
        var areaNames = candidate.AreaCodes.Select(a => snapshot.System.Areas.TryGetValue(a, out var e) ? e.Area.Name : a);
        var name = request.Name ?? $"{c.RiverName}{string.Join("—", areaNames)}交界断面";
        var section = new MonitoringSection(code, name, request.Kind ?? SectionKind.Boundary, target, c.RiverCode, null, candidate.AreaCodes, (Point)c.Geometry);
        if (!await store.DecideAsync(key, true, section, caller, null, clock.GetUtcNow(), WaterScope.Lineage(snapshot.System, candidate.AreaCodes), ct))
            return (null, new ProblemItem("key", $"candidate '{key}' was decided before"), 409);
        await snapshots.FreshAsync(ct);
        return (new CandidateDecisionResponse(key, "accepted", code), null, 201);
    }

    /// <summary>Rejects a proposed section (decided like <see cref="AcceptAsync"/>); it is not proposed again.</summary>
    public async Task<(CandidateDecisionResponse? Decision, ProblemItem? Error, int Status)> RejectAsync(string key, RejectCandidateRequest request, Caller caller,
        CancellationToken ct)
    {
        if (request.Note is { Length: > FieldLimits.Note }) return (null, new ProblemItem("note", $"longer than {FieldLimits.Note} characters"), 400);
        if (await FindAsync(key, caller, ct) is not { } candidate) return (null, new ProblemItem("key", $"there is no open candidate '{key}'"), 404);
        var snapshot = await snapshots.CurrentAsync(ct);
        return await store.DecideAsync(key, false, null, caller, request.Note, clock.GetUtcNow(), WaterScope.Lineage(snapshot.System, candidate.AreaCodes), ct)
            ? (new CandidateDecisionResponse(key, "rejected", null), null, 200)
            : (null, new ProblemItem("key", $"candidate '{key}' was decided before"), 409);
    }

    /// <summary>The open candidate with this key (its level is part of the key) that the caller decides.</summary>
    private async Task<SectionCandidate?> FindAsync(string key, Caller caller, CancellationToken ct)
    {
        var parts = key.Split(':');
        if (parts.Length != 3 || !AdminLevels.TryParse(parts[1], out var level)) return null;
        var (candidates, _) = await CandidatesAsync(level, null, ct);
        var snapshot = await snapshots.CurrentAsync(ct);
        return candidates.FirstOrDefault(c => c.Key == key && WaterScope.Holds(snapshot.System, caller, [c.Crossing.UpstreamAreaCode ?? c.AreaCodes[0]]));
    }
}
