using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Dataset.Formats;

/// <summary>
/// Reads feature layers (tables) of an OGC GeoPackage with Microsoft.Data.Sqlite and NetTopologySuite.IO.GeoPackage:
/// the layer's CRS from <c>gpkg_spatial_ref_sys</c> (its EPSG code, else its WKT definition; srs_id 0 and -1 are
/// GeoPackage's "undefined"), features in primary-key order, coordinates brought to WGS84.
/// </summary>
public sealed class GeoPackageLayerReader : IDisposable
{
    private readonly SqliteConnection _connection;

    private GeoPackageLayerReader(SqliteConnection connection, string name)
    {
        _connection = connection;
        Name = name;
    }

    /// <summary>The file name problems are reported under.</summary>
    public string Name { get; }

    /// <summary>The feature layers (table names, in gpkg_contents order).</summary>
    public IReadOnlyList<string> Layers { get; private set; } = [];

    /// <summary>Opens a GeoPackage read-only; null and a problem when the file is not one.</summary>
    public static GeoPackageLayerReader? Open(string path, string name, out string? problem)
    {
        problem = null;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var reader = new GeoPackageLayerReader(connection, name);
            reader.Layers = reader.Query("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid", r => r.GetString(0));
            return reader;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            problem = $"not a readable GeoPackage: {ex.Message}";
            return null;
        }
    }

    /// <summary>The layer <paramref name="preferred"/> when there is one, else the only layer; null with a problem otherwise.</summary>
    public string? ChooseLayer(string? preferred, out string? problem)
    {
        problem = null;
        var match = Layers.FirstOrDefault(l => string.Equals(l, preferred, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        if (Layers.Count == 1) return Layers[0];
        problem = Layers.Count == 0
            ? "the GeoPackage holds no feature layer"
            : $"the GeoPackage holds {Layers.Count} feature layers ({string.Join(", ", Layers)}); expected one{(preferred is null ? "" : $" or one named {preferred}")}";
        return null;
    }

    public LayerContent Read(string layerName, DatasetReadOptions options)
    {
        var layer = new LayerContent($"{Name}:{layerName}");
        try
        {
            var columns = Query("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = $t", r => (Column: r.GetString(0), Srs: r.GetInt32(1)),
                ("$t", layerName));
            if (columns.Count == 0)
            {
                layer.Fail(null, "not a feature layer (no entry in gpkg_geometry_columns)");
                return layer;
            }
            var (geometryColumn, srsId) = columns[0];
            var crs = LayerCrs.Choose(layer, StatedCrs(srsId), $"srs_id {srsId} is GeoPackage's undefined CRS", options);
            if (crs is null) return layer;
            ReadFeatures(layer, layerName, geometryColumn, crs);
        }
        catch (SqliteException ex)
        {
            layer.Fail(null, $"the layer cannot be read: {ex.Message}");
        }
        return layer;
    }

    private CrsRecognition? StatedCrs(int srsId)
    {
        if (srsId is 0 or -1) return null;
        var rows = Query("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id",
            r => (Organization: r.IsDBNull(0) ? "" : r.GetString(0), Code: r.IsDBNull(1) ? 0 : r.GetInt32(1), Definition: r.IsDBNull(2) ? "" : r.GetString(2)),
            ("$id", srsId));
        if (rows.Count == 0) return CrsRecognition.Fail($"srs_id {srsId} is not in gpkg_spatial_ref_sys");
        var (organization, code, definition) = rows[0];
        if (organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && CgcsEpsg.FromCode(code) is { } known) return CrsRecognition.Of(known);
        return definition.Length > 0 && !definition.Equals("undefined", StringComparison.OrdinalIgnoreCase)
            ? CrsRecognizer.FromWkt(definition)
            : CrsRecognizer.FromEpsg(code);
    }

    private void ReadFeatures(LayerContent layer, string table, string geometryColumn, LayerCrs crs)
    {
        var key = Query($"SELECT name FROM pragma_table_info({Literal(table)}) WHERE pk > 0 ORDER BY pk", r => r.GetString(0)).FirstOrDefault();
        var booleans = Query($"SELECT name FROM pragma_table_info({Literal(table)}) WHERE upper(type) = 'BOOLEAN'", r => r.GetString(0)).ToHashSet();
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Identifier(table)} ORDER BY {(key is null ? "rowid" : Identifier(key))}";
        using var rows = command.ExecuteReader();
        var geometryReader = new GeoPackageGeoReader();
        var index = 0;
        while (rows.Read())
        {
            var attributes = new List<KeyValuePair<string, object?>>();
            Geometry? geometry = null;
            string? problem = null;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var name = rows.GetName(i);
                var value = rows.IsDBNull(i) ? null : rows.GetValue(i);
                if (name.Equals(geometryColumn, StringComparison.OrdinalIgnoreCase)) geometry = Decode(geometryReader, value as byte[], ref problem);
                else if (!name.Equals(key, StringComparison.OrdinalIgnoreCase))
                    attributes.Add(KeyValuePair.Create(name, booleans.Contains(name) && value is long flag ? flag != 0 : value));
            }
            var properties = LayerAttributes.ToProperties(attributes);
            var wgs84 = geometry is null || geometry.IsEmpty ? null : crs.ToWgs84(geometry, out problem);
            layer.Add(index++, properties, wgs84, problem);
        }
    }

    private static Geometry? Decode(GeoPackageGeoReader reader, byte[]? blob, ref string? problem)
    {
        if (blob is null) return null;
        try
        {
            var geometry = reader.Read(blob);
            if (geometry is GeometryCollection and not (MultiPoint or MultiLineString or MultiPolygon))
            {
                problem = "GeometryCollection is not accepted here";
                return null;
            }
            return geometry;
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException or InvalidOperationException or IOException)
        {
            problem = $"the geometry cannot be read: {ex.Message}";
            return null;
        }
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    /// <summary>A table or column name as an SQL identifier (names come from the file itself, never from a request).</summary>
    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public void Dispose() => _connection.Dispose();
}
