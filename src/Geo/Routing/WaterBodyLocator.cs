using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;
using RiverGis.Geo.Measurement;
using RiverGis.Geo.Model;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Routing;

/// <summary>A reported point found in (or on the shore of) a water body: which one, and how far outside it lies (0 inside).</summary>
public sealed record WaterBodyHit(WaterBody Body, double DistanceM, IReadOnlyList<WaterBodyZone> ZonesAtPoint, WaterBodyLocator.BodyEntry Entry);

/// <summary>
/// Finds the water body a point lies in, or the nearest one whose shore is within the radius, and the zones at the
/// point, at routing speed: one STRtree of the bodies' lon/lat envelopes grown by the radius (a point far from every
/// lake costs one tree query), prepared point-in-polygon locators, and a geodesic distance only for shore points.
/// </summary>
public sealed class WaterBodyLocator
{
    /// <summary>Default distance from the shore within which a report still belongs to the water body.</summary>
    public const double DefaultShoreRadiusM = 200;

    private readonly STRtree<BodyEntry> _bodies = new();

    public WaterBodyLocator(IReadOnlyList<WaterBody> bodies, IReadOnlyList<WaterBodyZone> zones, double shoreRadiusM = DefaultShoreRadiusM)
    {
        if (!(shoreRadiusM >= 0)) throw new ArgumentOutOfRangeException(nameof(shoreRadiusM), "zero or a positive number of metres");
        ShoreRadiusM = shoreRadiusM;
        var zonesByBody = zones.GroupBy(z => z.WaterBodyCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var body in bodies)
        {
            var envelope = body.Geometry.EnvelopeInternal;
            var grown = Geodesic.EnvelopeAround(envelope.Centre.X, Math.Abs(envelope.MaxY) > Math.Abs(envelope.MinY) ? envelope.MaxY : envelope.MinY, shoreRadiusM);
            var search = new Envelope(envelope.MinX - grown.Width / 2, envelope.MaxX + grown.Width / 2, envelope.MinY - grown.Height / 2, envelope.MaxY + grown.Height / 2);
            var bodyZones = (zonesByBody.GetValueOrDefault(body.Code) ?? [])
                .OrderBy(z => z.Code, StringComparer.Ordinal)
                .Select(z => new ZoneEntry(z, new IndexedPointInAreaLocator(z.Geometry))).ToArray();
            _bodies.Insert(search, new BodyEntry(body, new IndexedPointInAreaLocator(body.Geometry), bodyZones));
            Count++;
        }
        _bodies.Build();
    }

    /// <summary>Number of water bodies indexed.</summary>
    public int Count { get; }

    public double ShoreRadiusM { get; }

    /// <summary>The water body containing (lon, lat), else the nearest within the shore radius; null when none.</summary>
    public WaterBodyHit? Locate(double lon, double lat)
    {
        if (Count == 0) return null;
        var at = new Coordinate(lon, lat);
        WaterBodyHit? best = null;
        foreach (var entry in _bodies.Query(new Envelope(at)))
        {
            if (entry.Locator.Locate(at) != Location.Exterior)
            {
                // Inside one: nested bodies do not occur in practice; the first by code wins for determinism.
                if (best is null || best.DistanceM > 0 || string.CompareOrdinal(entry.Body.Code, best.Body.Code) < 0)
                    best = new WaterBodyHit(entry.Body, 0, ZonesAt(entry, at, 0), entry);
                continue;
            }
            if (best is { DistanceM: 0 }) continue;
            var distance = ShoreDistance(entry.Body.Geometry, at);
            if (distance > ShoreRadiusM || (best is not null && distance >= best.DistanceM)) continue;
            best = new WaterBodyHit(entry.Body, distance, ZonesAt(entry, at, distance), entry);
        }
        return best;
    }

    /// <summary>Zones containing the point; on the shore, the zones whose edge is within the shore radius.</summary>
    private List<WaterBodyZone> ZonesAt(BodyEntry entry, Coordinate at, double shoreDistance)
    {
        var list = new List<WaterBodyZone>();
        foreach (var zone in entry.Zones)
        {
            if (!zone.Zone.Geometry.EnvelopeInternal.Covers(at) && shoreDistance == 0) continue;
            if (zone.Locator.Locate(at) != Location.Exterior || (shoreDistance > 0 && ShoreDistance(zone.Zone.Geometry, at) <= ShoreRadiusM))
                list.Add(zone.Zone);
        }
        return list;
    }

    /// <summary>Geodesic metres from a point outside a polygon to its nearest boundary point (nearest found in lon/lat scaled to metres).</summary>
    private static double ShoreDistance(Geometry polygon, Coordinate at)
    {
        var nearest = DistanceOp.NearestPoints(polygon, polygon.Factory.CreatePoint(at));
        return Geodesic.Distance(at, nearest[0]);
    }

    /// <summary>An indexed water body and its zones (ordered by code).</summary>
    public sealed record BodyEntry(WaterBody Body, IndexedPointInAreaLocator Locator, IReadOnlyList<ZoneEntry> Zones);

    public sealed record ZoneEntry(WaterBodyZone Zone, IndexedPointInAreaLocator Locator);
}
