using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Store;

namespace RiverGis.Api.Features;

/// <summary>A page of features as written: how many were written and the key of the last one (the next cursor).</summary>
public sealed record FeaturePage(int Returned, string? LastKey);

/// <summary>Where and when a collection's features are: lon/lat box and first/last instant (null when unknown or timeless).</summary>
public sealed record CollectionExtent(double[]? Bbox, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>
/// Runs feature-collection queries against PostGIS and writes GeoJSON (RFC 7946) straight to the response: geometries
/// come out of PostGIS already serialised (ST_AsGeoJSON with the decimals of GeoJsonPrecision; polygons with counter-clockwise exterior
/// rings as RFC 7946 §3.1.6 asks) and are copied without re-parsing.
/// Counts and extents are cached per data version, so paging through a big collection does not recount it every page.
/// </summary>
public sealed class FeatureStore(NpgsqlDataSource dataSource, DataVersion dataVersion)
{
    public const int CoordinateDecimals = RiverGis.Geo.GeoJson.GeoJsonPrecision.Decimals;
    private readonly ConcurrentDictionary<string, (long Version, long Count)> _counts = new();
    private readonly ConcurrentDictionary<string, (long Version, CollectionExtent Extent)> _extents = new();

    public async Task<long> CountAsync(FeatureCollectionDefinition collection, FeatureQuery query, CancellationToken ct)
    {
        var version = await dataVersion.CurrentAsync(ct);
        var (where, parameters) = BuildWhere(collection, query with { Cursor = null });
        var key = collection.Id + "|" + where + "|" + string.Join("|", parameters.Select(p => p.Value is Array a ? string.Join(",", a.Cast<object>()) : p.Value?.ToString()));
        if (collection.CacheCounts && _counts.TryGetValue(key, out var cached) && cached.Version == version) return cached.Count;
        await using var cmd = dataSource.CreateCommand($"SELECT count(*) FROM {collection.From} {where}");
        cmd.Parameters.AddRange(parameters.ToArray());
        var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
        _counts[key] = (version, count);
        return count;
    }

    /// <summary>Lon/lat extent of a collection, and its time span when it has one (nulls when empty).</summary>
    public async Task<CollectionExtent> ExtentAsync(FeatureCollectionDefinition collection, CancellationToken ct)
    {
        var version = await dataVersion.CurrentAsync(ct);
        if (collection.CacheCounts && _extents.TryGetValue(collection.Id, out var cached) && cached.Version == version) return cached.Extent;
        var (start, end) = collection.TemporalSql is { } range ? ($"min(lower({range}))", $"max(upper({range}))") : ("NULL::timestamptz", "NULL::timestamptz");
        await using var cmd = dataSource.CreateCommand(
            $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), t0, t1 FROM (SELECT ST_Extent(t.geom) AS e, {start} AS t0, {end} AS t1 FROM {collection.Table} t) x");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var extent = new CollectionExtent(null, null, null);
        if (await reader.ReadAsync(ct) && !reader.IsDBNull(0))
        {
            DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : new DateTimeOffset(reader.GetDateTime(i), TimeSpan.Zero);
            extent = new CollectionExtent(
                [Math.Round(reader.GetDouble(0), 6), Math.Round(reader.GetDouble(1), 6), Math.Round(reader.GetDouble(2), 6), Math.Round(reader.GetDouble(3), 6)],
                Time(4), Time(5));
        }
        _extents[collection.Id] = (version, extent);
        return extent;
    }

    /// <summary>Writes the features of a page into an already opened JSON array; returns what was written.</summary>
    public async Task<FeaturePage> WritePageAsync(FeatureCollectionDefinition collection, FeatureQuery query, Utf8JsonWriter writer, CancellationToken ct)
    {
        var (where, parameters) = BuildWhere(collection, query);
        var sql = $"SELECT {Select(collection)} FROM {collection.From} {where} ORDER BY {collection.KeySql} LIMIT {query.Limit}"
            + (query.Cursor is null && query.Offset > 0 ? $" OFFSET {query.Offset}" : "");
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var returned = 0;
        string? lastKey = null;
        while (await reader.ReadAsync(ct))
        {
            lastKey = WriteFeature(collection, reader, writer);
            returned++;
            if (writer.BytesPending > 64 * 1024) await writer.FlushAsync(ct);
        }
        return new FeaturePage(returned, lastKey);
    }

    /// <summary>
    /// Writes one feature, with <paramref name="extraMembers"/> (e.g. its links) written inside it; false when there is
    /// no feature with that id.
    /// </summary>
    public async Task<bool> WriteOneAsync(FeatureCollectionDefinition collection, string id, Utf8JsonWriter writer,
        Action<Utf8JsonWriter> extraMembers, CancellationToken ct)
    {
        object key = id;
        if (collection.NumericKey)
        {
            if (!long.TryParse(id, out var numeric)) return false;
            key = numeric;
        }
        await using var cmd = dataSource.CreateCommand($"SELECT {Select(collection)} FROM {collection.From} WHERE {collection.KeySql} = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return false;
        WriteFeature(collection, reader, writer, extraMembers);
        return true;
    }

    private static string Select(FeatureCollectionDefinition collection) =>
        $"{collection.KeySql}::text, ST_AsGeoJSON({collection.GeometrySql}, {CoordinateDecimals}), " + string.Join(", ", collection.Properties.Select(p => p.Sql));

    private static string WriteFeature(FeatureCollectionDefinition collection, NpgsqlDataReader reader, Utf8JsonWriter writer,
        Action<Utf8JsonWriter>? extraMembers = null)
    {
        var key = reader.GetString(0);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        if (collection.NumericKey) writer.WriteNumber("id", long.Parse(key));
        else writer.WriteString("id", key);
        writer.WritePropertyName("geometry");
        writer.WriteRawValue(reader.GetString(1), skipInputValidation: true);
        writer.WriteStartObject("properties");
        for (var i = 0; i < collection.Properties.Count; i++)
        {
            var property = collection.Properties[i];
            var ordinal = i + 2;
            writer.WritePropertyName(property.Name);
            if (reader.IsDBNull(ordinal))
            {
                writer.WriteNullValue();
                continue;
            }
            switch (reader.GetValue(ordinal))
            {
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case double d: writer.WriteNumberValue(d); break;
                case long l: writer.WriteNumberValue(l); break;
                case int n: writer.WriteNumberValue(n); break;
                case DateTime t: writer.WriteStringValue(new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero)); break;
                case DateTimeOffset o: writer.WriteStringValue(o); break;
                case var other: writer.WriteStringValue(other.ToString()); break;
            }
        }
        writer.WriteEndObject();
        extraMembers?.Invoke(writer);
        writer.WriteEndObject();
        return key;
    }

    private static (string Where, List<NpgsqlParameter> Parameters) BuildWhere(FeatureCollectionDefinition collection, FeatureQuery query)
    {
        var clauses = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string Add(object value, NpgsqlDbType? type = null)
        {
            var p = new NpgsqlParameter { Value = value };
            if (type is { } t) p.NpgsqlDbType = t;
            parameters.Add(p);
            return "$" + parameters.Count;
        }
        if (query.Bbox is { } b)
        {
            // A bbox whose west edge is east of its east edge spans the antimeridian (OGC API Features, 7.15.3).
            var boxes = b[0] <= b[2] ? new[] { (b[0], b[2]) } : [(b[0], 180.0), (-180.0, b[2])];
            clauses.Add("(" + string.Join(" OR ", boxes.Select(x =>
            {
                var envelope = $"ST_MakeEnvelope({Add(x.Item1)}, {Add(b[1])}, {Add(x.Item2)}, {Add(b[3])}, 4326)";
                return $"(t.geom && {envelope} AND ST_Intersects(t.geom, {envelope}))";
            })) + ")");
        }
        if (query.Datetime is { } dt && collection.TemporalSql is { } temporal)
        {
            var from = dt.From is { } f ? Add(f.UtcDateTime, NpgsqlDbType.TimestampTz) : "NULL";
            var to = dt.To is { } t ? Add(t.UtcDateTime, NpgsqlDbType.TimestampTz) : "NULL";
            clauses.Add($"{temporal} && tstzrange({from}::timestamptz, {to}::timestamptz, '[]')");
        }
        foreach (var (property, value) in query.Filters)
        {
            clauses.Add($"{property.Sql} = {Add(value)}");
        }
        if (query.Cursor is { } cursor)
        {
            clauses.Add($"{collection.KeySql} > {Add(collection.NumericKey ? long.Parse(cursor) : cursor)}");
        }
        return (clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses), parameters);
    }
}
