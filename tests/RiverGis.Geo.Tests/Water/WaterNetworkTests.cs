using NetTopologySuite.Geometries;
using RiverGis.Geo.Indexing;
using RiverGis.Geo.Model;
using RiverGis.Geo.Network;
using RiverGis.Geo.Water;

namespace RiverGis.Geo.Tests.Water;

/// <summary>
/// A lake between 100.02° and 100.04° E: river IN flows east into it, river OUT leaves it eastwards, tributary T joins
/// OUT at 100.06° E; sections at 100.05 and 100.08 on OUT. Rivers link through the lake, and the catchment of a section
/// stops at the next section upstream.
/// </summary>
public class WaterNetworkTests
{
    private static readonly GeometryFactory F = GeoJson.GeoJsonGeometryReader.Wgs84Factory;
    private static LineString Line(params double[] xy) => F.CreateLineString(Enumerable.Range(0, xy.Length / 2).Select(i => new Coordinate(xy[2 * i], xy[2 * i + 1])).ToArray());
    private static Point P(double x, double y) => F.CreatePoint(new Coordinate(x, y));

    private static readonly WaterBody Lake = new("L", "湖", WaterBodyType.Lake, AdminLevel.County,
        F.CreatePolygon([new(100.02, 29.99), new(100.04, 29.99), new(100.04, 30.01), new(100.02, 30.01), new(100.02, 29.99)]));

    private static (RiverNetwork Network, NetworkNavigator Navigator) World()
    {
        var rivers = new List<River>
        {
            new("IN", "入湖河", AdminLevel.County, null, Line(100.0, 30.0, 100.025, 30.0)),
            new("OUT", "出湖河", AdminLevel.County, null, Line(100.039, 30.0, 100.1, 30.0)),
            new("T", "支流", AdminLevel.County, "OUT", Line(100.06, 30.03, 100.06, 30.0)),
        };
        var outlets = new List<Outlet>
        {
            new("O-IN", "入湖河排口", OutletKind.Industrial, OutletScale.Above, PermitStatus.Approved, "IN", P(100.01, 30.0002)),
            new("O-T", "支流排口", OutletKind.Municipal, OutletScale.Above, PermitStatus.Approved, "T", P(100.0602, 30.02)),
            new("O-MID", "出湖河排口", OutletKind.Other, OutletScale.Below, PermitStatus.None, "OUT", P(100.07, 30.0002)),
        };
        var system = new RiverSystem(new RiverSystemData([], [], rivers, [], outlets));
        var network = new RiverNetwork(system, [Lake]);
        return (network, new NetworkNavigator(network));
    }

    [Fact]
    public void A_river_ending_in_a_lake_flows_on_into_the_river_leaving_it()
    {
        var (network, _) = World();
        var join = network.DownstreamOf("IN")!;
        Assert.Equal(("OUT", JoinKind.WaterBody, 0.0), (join.DownstreamCode, join.Kind, join.JoinMeasureM));
        Assert.Null(network.DownstreamOf("OUT"));
    }

    /// <summary>From a section, upstream: (section at measure of lon, expected outlets, sections where it stopped).</summary>
    [Theory]
    [InlineData(100.08, "O-MID,O-T", "S1")]
    [InlineData(100.05, "O-IN", "")]
    public void The_catchment_reaches_through_the_lake_up_to_the_next_section(double lon, string outlets, string stopped)
    {
        var (network, navigator) = World();
        var line = network.System.Rivers["OUT"].Line;
        double MeasureAt(double x) => network.System.Rivers["OUT"].Line.Locate(network.System.Projection.Project(x, 30.0).X, network.System.Projection.Project(x, 30.0).Y, 1e4)!.Value.Measure;
        var sites = new[] { new NetworkSite("S1", "OUT", MeasureAt(100.05)), new NetworkSite("S2", "OUT", MeasureAt(100.08)) };
        var catchment = new UpstreamCatchment(navigator, sites).Of("OUT", MeasureAt(lon))!;
        Assert.Equal(outlets, string.Join(",", catchment.Outlets.Select(o => o.Code).Order()));
        Assert.Equal(stopped, string.Join(",", catchment.StoppedAt));
        Assert.True(line.Length > 0);
    }
}
