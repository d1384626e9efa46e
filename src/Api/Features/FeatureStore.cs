using System.Buffers;
using System.Collections.Concurrent;
using System.Data;
using Npgsql;
using NpgsqlTypes;
using RiverGis.Api.Store;

namespace RiverGis.Api.Features;

/// <summary>
/// A page of features as PostgreSQL built it: the features as one UTF-8 JSON array, how many, whether more follow
/// (one row past the page was looked at) and the key of the last one (the next cursor). The bytes live in a pooled
/// buffer (a page is often larger than the 85 kB above which every array is a large-object allocation, and a
/// large-object allocation per request means full collections of the whole snapshot heap): dispose the page when it
/// has been written.
/// </summary>
public sealed class FeaturePage(byte[] buffer, int length, int returned, bool more, string? lastKey) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> FeaturesJson => (_buffer ?? throw new ObjectDisposedException(nameof(FeaturePage))).AsMemory(0, length);
    public int Returned { get; } = returned;
    public bool More { get; } = more;
    public string? LastKey { get; } = lastKey;

    public void Dispose()
    {
        if (_buffer is { } b) ArrayPool<byte>.Shared.Return(b);
        _buffer = null;
    }
}

/// <summary>Where and when a collection's features are: lon/lat box and first/last instant (null when unknown or timeless).</summary>
public sealed record CollectionExtent(double[]? Bbox, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>
/// Runs feature-collection queries against PostGIS. PostgreSQL builds the GeoJSON (RFC 7946) text of every feature —
/// geometry by ST_AsGeoJSON with the decimals of GeoJsonPrecision (polygons with counter-clockwise exterior rings as
/// RFC 7946 §3.1.6 asks), properties by json_build_object — and of the whole page, which arrives as one value: the
/// service copies it into the response without parsing it, and has it completely before the first byte is written
/// (a page is whole or an error, never a truncated 200). Statements are prepared (Npgsql keeps them per pooled
/// connection). Counts and extents are cached per data version, so paging through a big collection does not recount
/// it every page.
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

    /// <summary>
    /// One page: the features in key order from the offset or after the cursor. The inner query reads one row more than
    /// the page (whether a next page exists, without counting); PostgreSQL evaluates the feature text after the sort
    /// and limit, so only for those rows.
    /// </summary>
    public async Task<FeaturePage> ReadPageAsync(FeatureCollectionDefinition collection, FeatureQuery query, CancellationToken ct)
    {
        var (where, parameters) = BuildWhere(collection, query);
        parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        var limit = "$" + parameters.Count;
        parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Cursor is null ? query.Offset : 0 });
        var offset = "$" + parameters.Count;
        var sql = $"""
            SELECT convert_to('[' || coalesce(string_agg(p.f, ',' ORDER BY p.n) FILTER (WHERE p.n <= {limit}), '') || ']', 'UTF8'),
                   (count(*) FILTER (WHERE p.n <= {limit}))::int, count(*) > {limit}, min(p.k) FILTER (WHERE p.n = {limit})
            FROM (SELECT row_number() OVER (ORDER BY q.o) AS n, q.k, q.f
                  FROM (SELECT {collection.KeySql} AS o, {collection.KeySql}::text AS k, {FeatureSql(collection)} AS f
                        FROM {collection.From} {where} ORDER BY {collection.KeySql} LIMIT {limit} + 1 OFFSET {offset}) q) p
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddRange(parameters.ToArray());
        await cmd.PrepareAsync(ct);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        await reader.ReadAsync(ct);
        byte[] buffer;
        int length;
        await using (var stream = await reader.GetStreamAsync(0, ct))
        {
            length = checked((int)stream.Length);
            buffer = ArrayPool<byte>.Shared.Rent(length);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, length), ct);
        }
        return new FeaturePage(buffer, length, reader.GetInt32(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <summary>
    /// One feature as UTF-8 GeoJSON with <paramref name="extraMembersJson"/> (e.g. <c>,"links":[…]</c>) written inside it;
    /// null when there is no feature with that id.
    /// </summary>
    public async Task<byte[]?> ReadOneAsync(FeatureCollectionDefinition collection, string id, string extraMembersJson, CancellationToken ct)
    {
        object key = id;
        if (collection.NumericKey)
        {
            if (!long.TryParse(id, out var numeric)) return null;
            key = numeric;
        }
        await using var cmd = dataSource.CreateCommand(
            $"SELECT convert_to({FeatureSql(collection, "$2")}, 'UTF8') FROM {collection.From} WHERE {collection.KeySql} = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = extraMembersJson });
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>
    /// The SQL text expression of one GeoJSON feature: id (a number for numeric keys), geometry, then the properties in
    /// the collection's order; times as UTC ISO 8601 (<c>2026-10-03T01:30:00+00:00</c>, fractions only when present).
    /// </summary>
    private static string FeatureSql(FeatureCollectionDefinition collection, string? extraMembers = null)
    {
        var properties = string.Join(", ", collection.Properties.Select(p => $"'{p.Name}', {PropertySql(p)}"));
        var extra = extraMembers is null ? "" : " || " + extraMembers;
        return $$"""'{"type":"Feature","id":' || to_json({{collection.KeySql}})::text || ',"geometry":' || coalesce(ST_AsGeoJSON({{collection.GeometrySql}}, {{CoordinateDecimals}}), 'null') || ',"properties":' || json_build_object({{properties}})::text{{extra}} || '}'""";
    }

    private static string PropertySql(FeatureProperty property) => property.Type == PropertyType.DateTime
        ? $"rtrim(rtrim(to_char(({property.Sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '0'), '.') || '+00:00'"
        : property.Sql;

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
