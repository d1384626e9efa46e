using RiverGis.Geo.Dataset;
using RiverGis.Geo.Model;

namespace RiverGis.SampleDataBuilder;

/// <summary>
/// Writes the datasets with RiverGis's <see cref="DatasetWriter"/> and reads them back with its
/// <see cref="DatasetReader"/> (which runs <see cref="DatasetValidator"/>): the sample must pass exactly what
/// `import` checks. On top, what the sample promises beyond the format: codes unique across all datasets (they are
/// imported together), one general chief per area, distinct phone numbers, provenance on every feature, patrols of
/// at most three hours.
/// </summary>
public static class SampleChecks
{
    public static List<string> WriteAndCheck(IReadOnlyList<Dataset> datasets, string folder)
    {
        var errors = new List<string>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ds in datasets)
        {
            var dir = Path.Combine(folder, ds.Code);
            new DatasetWriter().Write(ds.ToContent(), dir);
            var (content, problems) = new DatasetReader().Read(dir);
            errors.AddRange(problems.Select(p => $"{ds.Code}/{p}"));
            if (content is null) continue;
            void Fail(string message) => errors.Add($"{ds.Code}: {message}");
            if (content.Code != ds.Code) Fail("dataset.json code differs from the folder name");

            var keys = content.Areas.Select(a => a.Item.Code).Concat(content.Chiefs.Select(c => c.Item.Id))
                .Concat(content.Rivers.Select(r => r.Item.Code)).Concat(content.Segments.Select(s => s.Item.Code))
                .Concat(content.Outlets.Select(o => o.Item.Code));
            foreach (var key in keys)
            {
                if (!codes.TryAdd(key, ds.Code)) Fail($"code {key} is also used in {codes[key]}");
            }
            foreach (var (area, _, _) in content.Areas)
            {
                if (content.Chiefs.Count(c => c.Item.AreaCode == area.Code && c.Item.Role == ChiefRole.General) != 1)
                    Fail($"area {area.Code} has not exactly one general chief");
            }
            foreach (var (chief, _, _) in content.Chiefs)
            {
                if (chief.Phone is null || !phones.Add(chief.Phone)) Fail($"chief {chief.Id}: phone missing or used twice");
            }
            foreach (var (track, index, _) in content.PatrolTracks)
            {
                if ((track.EndedAt - track.StartedAt).TotalMinutes > 180) Fail($"patrol track {index} lasts more than three hours");
            }
            var unsourced = content.Areas.Select(a => a.ExtraProperties).Concat(content.Rivers.Select(r => r.ExtraProperties))
                .Concat(content.Segments.Select(s => s.ExtraProperties)).Concat(content.Outlets.Select(o => o.ExtraProperties))
                .Concat(content.PatrolTracks.Select(t => t.ExtraProperties))
                .Count(extras => extras is null || !extras.Contains("\"source\":", StringComparison.Ordinal) || !extras.Contains("\"synthetic\":", StringComparison.Ordinal));
            if (unsourced > 0) Fail($"{unsourced} feature(s) without source or synthetic");
        }
        return errors;
    }
}
