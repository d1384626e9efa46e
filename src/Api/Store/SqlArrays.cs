using Npgsql;
using NpgsqlTypes;

namespace RiverGis.Api.Store;

/// <summary>Named array parameters for set-based SQL (<c>unnest(@codes, @names …)</c>): one round trip for many rows.</summary>
public static class SqlArrays
{
    public static NpgsqlParameter Text(string name, IEnumerable<string?> values) =>
        new() { ParameterName = name, Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter Date(string name, IEnumerable<DateOnly?> values) =>
        new() { ParameterName = name, Value = values.Select(v => v is { } d ? (object)d : DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };
}
