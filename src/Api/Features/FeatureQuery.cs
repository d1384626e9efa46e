using System.Globalization;
using RiverGis.Api.Http;

namespace RiverGis.Api.Features;

/// <summary>
/// The parsed query of /features/collections/{id}/items: limit, offset, bbox, datetime, the keyset cursor behind `next`,
/// and equality filters on queryable properties. Anything else is refused (OGC API Features requirement
/// /req/core/query-param-unknown), every problem named by its parameter.
/// </summary>
public sealed record FeatureQuery(
    int Limit,
    int Offset,
    double[]? Bbox,
    (DateTimeOffset? From, DateTimeOffset? To)? Datetime,
    string? Cursor,
    IReadOnlyList<(FeatureProperty Property, object Value)> Filters)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>The standard parameters of `items` (for the OpenAPI document; parsed here); queryable properties come on top.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        new NumberParameter("limit", $"features per page; a larger value is served as {MaxLimit} (OGC: a limit above the maximum is not an error)",
            DefaultLimit, 1, integer: true),
        new NumberParameter("offset", "features to skip (the `next` links page by key instead)", 0, 0, integer: true),
        new TextParameter("bbox", "minLon,minLat,maxLon,maxLat in CRS84 (6 numbers with heights allowed); west > east crosses the antimeridian"),
        new TextParameter("bbox-crs", $"the CRS of bbox; only {Crs84} is served"),
        new TextParameter("datetime", "an RFC 3339 instant or interval start/end (open ends as ..), for collections with a temporal extent (patrol-tracks, issues)"),
        new TextParameter("cursor", "the key after which the page starts; set by the `next` link"),
        new TextParameter("f", "the format: json or geojson (GeoJSON is the only one)"),
    ];

    private static readonly HashSet<string> Standard = Parameters.Select(p => p.Name).ToHashSet();

    public static (FeatureQuery? Query, List<ProblemItem> Errors) Parse(IQueryCollection query, FeatureCollectionDefinition collection)
    {
        var errors = new List<ProblemItem>();
        // OGC API Features /req/core/fc-limit-response-1: a limit above the maximum is not an error; the maximum is used.
        var limit = ParseInt(query, "limit", DefaultLimit, 1, MaxLimit, errors, capAtMax: true);
        var offset = ParseInt(query, "offset", 0, 0, int.MaxValue, errors);
        double[]? bbox = null;
        if (query.TryGetValue("bbox", out var bboxText)) bbox = ParseBbox(bboxText.ToString(), errors);
        if (query.TryGetValue("bbox-crs", out var crs) && crs.ToString() is not (Crs84 or ""))
            errors.Add(new("bbox-crs", $"unsupported CRS '{crs}'; only {Crs84} (lon/lat) is served"));
        if (query.TryGetValue("f", out var f) && f.ToString() is not ("json" or "geojson"))
            errors.Add(new("f", $"unsupported format '{f}'; this service returns GeoJSON (f=json)"));
        (DateTimeOffset?, DateTimeOffset?)? datetime = null;
        if (query.TryGetValue("datetime", out var dt)) datetime = ParseDatetime(dt.ToString(), errors);
        var cursor = query.TryGetValue("cursor", out var c) ? c.ToString() : null;
        if (cursor is not null && collection.NumericKey && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            errors.Add(new("cursor", "not a cursor produced by this service (use the `next` link)"));

        var filters = new List<(FeatureProperty, object)>();
        foreach (var (name, values) in query)
        {
            if (Standard.Contains(name)) continue;
            var property = collection.Property(name);
            if (property is not { Queryable: true })
            {
                var queryables = string.Join(", ", collection.Properties.Where(p => p.Queryable).Select(p => p.Name));
                errors.Add(new(name, $"unknown query parameter; standard parameters are limit, offset, bbox, bbox-crs, datetime, f; queryable properties of '{collection.Id}' are {queryables}"));
                continue;
            }
            var text = values.ToString();
            object? value = property.Type switch
            {
                PropertyType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
                PropertyType.Integer => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
                PropertyType.Boolean => text switch { "true" => true, "false" => false, _ => null },
                PropertyType.DateTime => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null,
                _ => text,
            };
            if (value is null) errors.Add(new(name, $"'{text}' is not a valid {property.Type.ToString().ToLowerInvariant()}"));
            else filters.Add((property, value));
        }
        return errors.Count > 0 ? (null, errors) : (new FeatureQuery(limit, offset, bbox, datetime, cursor, filters), errors);
    }

    private static int ParseInt(IQueryCollection query, string name, int fallback, int min, int max, List<ProblemItem> errors, bool capAtMax = false)
    {
        if (!query.TryGetValue(name, out var text)) return fallback;
        if (!long.TryParse(text.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new(name, $"'{text}' is not an integer"));
            return fallback;
        }
        if (value > max && capAtMax) return max;
        if (value < min || value > max)
        {
            errors.Add(new(name, $"{value} is out of range [{min}, {max}]"));
            return fallback;
        }
        return (int)value;
    }

    private static double[]? ParseBbox(string text, List<ProblemItem> errors)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                errors.Add(new("bbox", $"'{parts[i]}' (value {i + 1}) is not a number"));
                return null;
            }
        }
        if (values.Length is not (4 or 6))
        {
            errors.Add(new("bbox", $"expected 4 numbers (minLon,minLat,maxLon,maxLat) or 6 with heights, found {values.Length}"));
            return null;
        }
        // With 6 numbers the order is minLon,minLat,minZ,maxLon,maxLat,maxZ; heights are ignored.
        var (minX, minY, maxX, maxY) = values.Length == 4 ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4]);
        if (minY > maxY) errors.Add(new("bbox", $"minimum latitude {minY} is above maximum latitude {maxY}"));
        foreach (var (v, what) in new[] { (minX, "minimum longitude"), (maxX, "maximum longitude") })
        {
            if (v is < -180 or > 180) errors.Add(new("bbox", $"{what} {v} is out of range [-180, 180]"));
        }
        foreach (var (v, what) in new[] { (minY, "minimum latitude"), (maxY, "maximum latitude") })
        {
            if (v is < -90 or > 90) errors.Add(new("bbox", $"{what} {v} is out of range [-90, 90]{(v is >= -180 and <= 180 ? " — is the bbox in lat,lon order? It must be minLon,minLat,maxLon,maxLat" : "")}"));
        }
        return errors.Count > 0 ? null : [minX, minY, maxX, maxY];
    }

    private static (DateTimeOffset?, DateTimeOffset?)? ParseDatetime(string text, List<ProblemItem> errors)
    {
        DateTimeOffset? One(string part)
        {
            if (part is ".." or "") return null;
            if (DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
            errors.Add(new("datetime", $"'{part}' is not an RFC 3339 date-time"));
            return null;
        }
        var pieces = text.Split('/');
        if (pieces.Length > 2)
        {
            errors.Add(new("datetime", "expected an instant or an interval start/end"));
            return null;
        }
        var from = One(pieces[0]);
        var to = pieces.Length == 2 ? One(pieces[1]) : from;
        if (from > to) errors.Add(new("datetime", "interval start is after its end"));
        return (from, to);
    }
}
