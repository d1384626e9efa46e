using System.Globalization;
using NetTopologySuite.Geometries;
using RiverGis.Geo.Measurement;

namespace RiverGis.Geo.Repair;

/// <summary>The trivial defects that are repaired on import (each repair is reported).</summary>
public enum RepairKind
{
    /// <summary>The same position twice or more in a row: the duplicates are dropped.</summary>
    RepeatedPositions,
    /// <summary>A part of a MultiLineString whose positions are all the same (a clipping artefact): the part is dropped.</summary>
    ZeroLengthPart,
    /// <summary>A ring whose ends lie within the closing tolerance: the first position is appended.</summary>
    RingClosed,
}

public static class RepairKinds
{
    public static string ChineseLabel(this RepairKind kind) => kind switch
    {
        RepairKind.RepeatedPositions => "删除重复的连续坐标点",
        RepairKind.ZeroLengthPart => "删除零长度部件",
        _ => "闭合未闭合的环",
    };
}

/// <summary>One repair: where (a GeoJSON-style path such as <c>geometry.coordinates[2]</c>) and what changed.</summary>
public sealed record GeometryRepair(RepairKind Kind, string Where, string What);

/// <summary>
/// Repairs what is trivially repairable in a lon/lat geometry — repeated consecutive positions, zero-length parts of a
/// MultiLineString, rings left open by less than <see cref="RingClosureToleranceM"/> — and lists every change. What
/// is not trivially repairable (a lone line of one position, a ring collapsing below four positions, a ring open
/// by more than the tolerance) stays an error, in the "path: message" form of the GeoJSON reader.
/// </summary>
public sealed class GeometryRepairer(double ringClosureToleranceM = GeometryRepairer.DefaultRingClosureToleranceM)
{
    /// <summary>Half the width of a pen stroke at 1:2000: far below the digitising accuracy of river-chief data.</summary>
    public const double DefaultRingClosureToleranceM = 0.5;

    public double RingClosureToleranceM { get; } = ringClosureToleranceM;

    /// <summary>
    /// The ring's positions closed when its ends are within the tolerance (the repair is added to
    /// <paramref name="repairs"/>), the positions unchanged when already closed, or null with an error when open wider.
    /// </summary>
    public Coordinate[]? CloseRing(Coordinate[] ring, string path, ICollection<string> errors, ICollection<GeometryRepair> repairs)
    {
        if (ring.Length == 0 || ring[0].Equals2D(ring[^1])) return ring;
        var gap = Geodesic.Distance(ring[0], ring[^1]);
        if (gap > RingClosureToleranceM)
        {
            errors.Add($"{path}: ring is not closed (first and last positions differ by {Metres(gap)}, more than the {Metres(RingClosureToleranceM)} repaired)");
            return null;
        }
        repairs.Add(new(RepairKind.RingClosed, path, $"ring closed: its ends were {Metres(gap)} apart, the first position was appended"));
        return [.. ring, ring[0].Copy()];
    }

    /// <summary>The repaired geometry (the same instance when nothing needed repair), or null with the errors added.</summary>
    public Geometry? Repair(Geometry geometry, string path, ICollection<string> errors, ICollection<GeometryRepair> repairs)
    {
        // Every defect repaired here shows as a position repeated in a row; most geometries have none (no allocation).
        if (!HasRepeats(geometry)) return geometry;
        var factory = geometry.Factory;
        var before = errors.Count;
        var changed = new List<GeometryRepair>();
        Geometry? result = geometry switch
        {
            LineString line => Line(line, path, errors, changed, lone: true) is { } cs ? factory.CreateLineString(cs) : null,
            MultiLineString lines => MultiLine(lines, path, errors, changed),
            Polygon polygon => Polygon(polygon, path, errors, changed),
            MultiPolygon polygons => polygons.Geometries.Select((p, i) => Polygon((Polygon)p, $"{path}[{i}]", errors, changed)).ToArray() is var ps
                && ps.All(p => p is not null) ? factory.CreateMultiPolygon(ps!) : null,
            _ => geometry,
        };
        if (errors.Count > before) return null;
        foreach (var r in changed) repairs.Add(r);
        return changed.Count == 0 ? geometry : result;
    }

    private static MultiLineString? MultiLine(MultiLineString lines, string path, ICollection<string> errors, List<GeometryRepair> changed)
    {
        var kept = new List<LineString>();
        for (var i = 0; i < lines.NumGeometries; i++)
        {
            var part = (LineString)lines.GetGeometryN(i);
            var coordinates = Line(part, $"{path}[{i}]", errors, changed, lone: false);
            if (coordinates is not null) kept.Add(lines.Factory.CreateLineString(coordinates));
        }
        if (kept.Count == 0 && lines.NumGeometries > 0)
        {
            errors.Add($"{path}: every part has zero length");
            return null;
        }
        return lines.Factory.CreateMultiLineString(kept.ToArray());
    }

    /// <summary>Positions without repeats; null for a zero-length part (dropped and reported) or a lone zero-length line (error).</summary>
    private static Coordinate[]? Line(LineString line, string path, ICollection<string> errors, List<GeometryRepair> changed, bool lone)
    {
        var coordinates = WithoutRepeats(line.Coordinates, out var removed);
        if (coordinates.Length < 2)
        {
            if (lone)
            {
                errors.Add($"{path}: a line needs at least two distinct positions");
                return null;
            }
            var at = line.Coordinates[0];
            changed.Add(new(RepairKind.ZeroLengthPart, path,
                $"zero-length part removed ({line.NumPoints} identical positions at ({Degrees(at.X)} {Degrees(at.Y)}))"));
            return null;
        }
        if (removed > 0) changed.Add(Repeats(path, removed));
        return coordinates;
    }

    private static Polygon? Polygon(Polygon polygon, string path, ICollection<string> errors, List<GeometryRepair> changed)
    {
        LinearRing? Ring(LineString ring, int index)
        {
            var ringPath = $"{path}[{index}]";
            var coordinates = WithoutRepeats(ring.Coordinates, out var removed);
            if (coordinates.Length < 4)
            {
                errors.Add($"{ringPath}: a ring needs at least 4 positions, {coordinates.Length} remain without repeated positions");
                return null;
            }
            if (removed > 0) changed.Add(Repeats(ringPath, removed));
            return polygon.Factory.CreateLinearRing(coordinates);
        }
        var shell = Ring(polygon.Shell, 0);
        var holes = polygon.Holes.Select((h, i) => Ring(h, i + 1)).ToArray();
        return shell is null || holes.Any(h => h is null) ? null : polygon.Factory.CreatePolygon(shell, holes!);
    }

    private static bool HasRepeats(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            if (part is Polygon polygon)
            {
                if (HasRepeats(polygon.Shell.CoordinateSequence) || polygon.Holes.Any(h => HasRepeats(h.CoordinateSequence))) return true;
            }
            else if (part is LineString line && HasRepeats(line.CoordinateSequence))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasRepeats(CoordinateSequence sequence)
    {
        for (var i = 1; i < sequence.Count; i++)
        {
            if (sequence.GetX(i) == sequence.GetX(i - 1) && sequence.GetY(i) == sequence.GetY(i - 1)) return true;
        }
        return false;
    }

    private static Coordinate[] WithoutRepeats(Coordinate[] coordinates, out int removed)
    {
        var kept = new List<Coordinate>(coordinates.Length);
        foreach (var c in coordinates)
        {
            if (kept.Count == 0 || !kept[^1].Equals2D(c)) kept.Add(c);
        }
        removed = coordinates.Length - kept.Count;
        return removed == 0 ? coordinates : kept.ToArray();
    }

    private static GeometryRepair Repeats(string path, int removed) =>
        new(RepairKind.RepeatedPositions, path, $"{removed} repeated consecutive position{(removed == 1 ? "" : "s")} removed");

    private static string Metres(double m) => m.ToString(m < 10 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + " m";

    private static string Degrees(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
