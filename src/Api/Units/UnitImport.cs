using Npgsql;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;

namespace RiverGis.Api.Units;

/// <summary>
/// Loads a dataset's units.csv inside the import's transaction: units are upserted by code (a unit an office created
/// with the same code joins the dataset), and units of the dataset that the file no longer lists are retired on the
/// import day rather than deleted — tasks, issues and bulletins keep naming them.
/// </summary>
public static class UnitImport
{
    public static async Task SyncAsync(NpgsqlConnection connection, DatasetContent content, DateOnly asOf, CancellationToken ct)
    {
        var units = content.Units.Select(u => u.Item).ToList();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO units (code, name, kind, area_code, phone, dataset_code, retired_on, updated_at)
            SELECT u.code, u.name, u.kind, u.area_code, u.phone, @ds, NULL, now() FROM unnest(@codes, @names, @kinds, @areas, @phones) AS u(code, name, kind, area_code, phone)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, area_code = EXCLUDED.area_code, phone = EXCLUDED.phone,
                dataset_code = EXCLUDED.dataset_code, retired_on = NULL, updated_at = now();
            UPDATE units SET retired_on = @asof, updated_at = now()
            WHERE dataset_code = @ds AND retired_on IS NULL AND code <> ALL (@codes);
            """, connection);
        cmd.Parameters.AddWithValue("ds", content.Code);
        cmd.Parameters.AddWithValue("asof", asOf);
        cmd.Parameters.Add(SqlArrays.Text("codes", units.Select(u => (string?)u.Code)));
        cmd.Parameters.Add(SqlArrays.Text("names", units.Select(u => (string?)u.Name)));
        cmd.Parameters.Add(SqlArrays.Text("kinds", units.Select(u => (string?)u.Kind.ToCode())));
        cmd.Parameters.Add(SqlArrays.Text("areas", units.Select(u => (string?)u.AreaCode)));
        cmd.Parameters.Add(SqlArrays.Text("phones", units.Select(u => u.Phone)));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
