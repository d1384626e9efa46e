using Npgsql;
using RiverGis.Api.Store;
using RiverGis.Geo.Dataset;
using RiverGis.Geo.Roster;

namespace RiverGis.Api.Roster;

/// <summary>
/// Brings the stored roster (table appointments) up to date with a dataset being imported, inside the import's
/// transaction, keeping every earlier appointment as history:
/// <list type="bullet">
/// <item>posts listed in the dataset's roster.csv take the file's appointments (matched by chief, duty, post and start;
/// an appointment first known without a start date takes the file's dates); open appointments on those posts that the
/// file no longer lists are ended on the import day;</item>
/// <item>every other segment and area of the dataset is derived from segments.chief_id and the general chiefs of
/// chiefs.csv: a changed chief ends the old appointment and opens a new one on the import day (the first import of a post
/// opens it with an unknown start — it was held before the roster's records);</item>
/// <item>open appointments on segments, areas or chiefs that no longer exist are ended on the import day.</item>
/// </list>
/// </summary>
public static class RosterImport
{
    public static async Task SyncAsync(NpgsqlConnection connection, DatasetContent content, DateOnly asOf, CancellationToken ct)
    {
        var ds = content.Code;
        await ExecAsync(connection, """
            CREATE TEMP TABLE roster_file (chief_id text, duty text, segment_code text, area_code text, appointed_on date, ended_on date);
            """, ct);
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO roster_file SELECT * FROM unnest(@chiefs, @duties, @segments, @areas, @froms, @tos);
            UPDATE roster_file f SET area_code = s.area_code FROM segments s WHERE f.segment_code = s.code;
            """, connection))
        {
            var rows = content.Roster.Select(r => r.Item).ToList();
            fill.Parameters.Add(SqlArrays.Text("chiefs", rows.Select(r => r.ChiefId)));
            fill.Parameters.Add(SqlArrays.Text("duties", rows.Select(r => r.Duty.ToCode())));
            fill.Parameters.Add(SqlArrays.Text("segments", rows.Select(r => r.SegmentCode)));
            fill.Parameters.Add(SqlArrays.Text("areas", rows.Select(r => r.AreaCode)));
            fill.Parameters.Add(SqlArrays.Date("froms", rows.Select(r => r.AppointedOn)));
            fill.Parameters.Add(SqlArrays.Date("tos", rows.Select(r => r.EndedOn)));
            await fill.ExecuteNonQueryAsync(ct);
        }
        // Order matters for the one-open-河长 index: match, then end what the file no longer lists, then open what is new.
        await using (var sync = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 })
        {
            sync.Parameters.AddWithValue("ds", ds);
            sync.Parameters.AddWithValue("asof", asOf);
            await sync.ExecuteNonQueryAsync(ct);
        }
        await ExecAsync(connection, "DROP TABLE roster_file", ct);
    }

    /// <summary>@ds the dataset code, @asof the import day. "Same post": chief, duty, segment (or none) and area.</summary>
    private const string Sql = """
        -- Posts the file speaks for.
        CREATE TEMP TABLE roster_posts AS SELECT DISTINCT duty IN ('general', 'deputy_general') AS area_duty, coalesce(segment_code, area_code) AS target FROM roster_file;

        -- 1. The file's appointments that are stored already (same post and start), or were first known without a start.
        UPDATE appointments a SET appointed_on = f.appointed_on, ended_on = f.ended_on, origin = 'roster_file', dataset_code = @ds
        FROM roster_file f
        WHERE a.chief_id = f.chief_id AND a.duty = f.duty AND a.segment_code IS NOT DISTINCT FROM f.segment_code AND a.area_code = f.area_code
          AND (a.appointed_on IS NOT DISTINCT FROM f.appointed_on OR (a.appointed_on IS NULL AND a.ended_on IS NULL AND a.origin = 'derived'));

        -- 2. Open appointments on the file's posts that the file does not list: ended today.
        UPDATE appointments a SET ended_on = greatest(@asof, a.appointed_on)
        WHERE a.ended_on IS NULL
          AND EXISTS (SELECT 1 FROM roster_posts p WHERE p.area_duty = (a.segment_code IS NULL) AND p.target = coalesce(a.segment_code, a.area_code))
          AND NOT EXISTS (SELECT 1 FROM roster_file f WHERE a.chief_id = f.chief_id AND a.duty = f.duty AND a.segment_code IS NOT DISTINCT FROM f.segment_code
                          AND a.area_code = f.area_code AND a.appointed_on IS NOT DISTINCT FROM f.appointed_on);

        -- 3. The file's appointments not stored yet.
        INSERT INTO appointments (chief_id, chief_name, post, duty, area_code, segment_code, appointed_on, ended_on, origin, dataset_code)
        SELECT f.chief_id, c.name, c.post, f.duty, f.area_code, f.segment_code, f.appointed_on, f.ended_on, 'roster_file', @ds
        FROM roster_file f JOIN chiefs c ON c.id = f.chief_id
        WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.chief_id = f.chief_id AND a.duty = f.duty AND a.segment_code IS NOT DISTINCT FROM f.segment_code
                          AND a.area_code = f.area_code AND a.appointed_on IS NOT DISTINCT FROM f.appointed_on);

        -- 4. Deputies, dual and executive chiefs an earlier roster.csv of this dataset listed and this one does not: ended today.
        UPDATE appointments a SET ended_on = greatest(@asof, a.appointed_on)
        WHERE a.ended_on IS NULL AND a.origin = 'roster_file' AND a.dataset_code = @ds AND a.duty NOT IN ('chief', 'general')
          AND NOT EXISTS (SELECT 1 FROM roster_file f WHERE a.chief_id = f.chief_id AND a.duty = f.duty AND a.segment_code IS NOT DISTINCT FROM f.segment_code
                          AND a.area_code = f.area_code AND a.appointed_on IS NOT DISTINCT FROM f.appointed_on);

        -- 5. Segments the file does not speak for: the 河长 is segments.chief_id.
        UPDATE appointments a SET ended_on = greatest(@asof, a.appointed_on)
        FROM segments s
        WHERE a.segment_code = s.code AND s.dataset_code = @ds AND a.duty = 'chief' AND a.ended_on IS NULL
          AND s.chief_id IS DISTINCT FROM a.chief_id
          AND NOT EXISTS (SELECT 1 FROM roster_posts p WHERE NOT p.area_duty AND p.target = s.code);
        INSERT INTO appointments (chief_id, chief_name, post, duty, area_code, segment_code, appointed_on, origin, dataset_code)
        SELECT s.chief_id, c.name, c.post, 'chief', s.area_code, s.code,
               CASE WHEN EXISTS (SELECT 1 FROM appointments h WHERE h.segment_code = s.code AND h.duty = 'chief') THEN @asof END, 'derived', @ds
        FROM segments s JOIN chiefs c ON c.id = s.chief_id
        WHERE s.dataset_code = @ds
          AND NOT EXISTS (SELECT 1 FROM roster_posts p WHERE NOT p.area_duty AND p.target = s.code)
          AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.segment_code = s.code AND a.duty = 'chief' AND a.ended_on IS NULL);

        -- 6. Areas the file does not speak for: the 总河长 are the general chiefs of chiefs.csv.
        UPDATE appointments a SET ended_on = greatest(@asof, a.appointed_on)
        FROM admin_areas ar
        WHERE a.area_code = ar.code AND ar.dataset_code = @ds AND a.duty = 'general' AND a.ended_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM chiefs c WHERE c.id = a.chief_id AND c.role = 'general' AND c.area_code = a.area_code)
          AND NOT EXISTS (SELECT 1 FROM roster_posts p WHERE p.area_duty AND p.target = ar.code);
        INSERT INTO appointments (chief_id, chief_name, post, duty, area_code, appointed_on, origin, dataset_code)
        SELECT c.id, c.name, c.post, 'general', c.area_code,
               CASE WHEN EXISTS (SELECT 1 FROM appointments h WHERE h.segment_code IS NULL AND h.area_code = c.area_code AND h.duty = 'general') THEN @asof END,
               'derived', @ds
        FROM chiefs c
        WHERE c.dataset_code = @ds AND c.role = 'general'
          AND NOT EXISTS (SELECT 1 FROM roster_posts p WHERE p.area_duty AND p.target = c.area_code)
          AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.chief_id = c.id AND a.duty = 'general' AND a.segment_code IS NULL AND a.area_code = c.area_code AND a.ended_on IS NULL);

        -- 7. Posts or chiefs that no longer exist (removed by this import): ended today.
        UPDATE appointments a SET ended_on = greatest(@asof, a.appointed_on)
        WHERE a.ended_on IS NULL
          AND (NOT EXISTS (SELECT 1 FROM chiefs c WHERE c.id = a.chief_id)
               OR (a.segment_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.code = a.segment_code))
               OR NOT EXISTS (SELECT 1 FROM admin_areas ar WHERE ar.code = a.area_code));

        DROP TABLE roster_posts;
        """;

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
