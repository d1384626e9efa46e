using RiverGis.Api.Http;
using RiverGis.Geo.Network;
using RiverGis.Geo.Routing;

namespace RiverGis.Api.Network;

/// <summary>One stretch of one river reached by a navigation (a feature's properties; mapped from <see cref="NetworkStretch"/>).</summary>
public sealed record StretchProperties(string RiverCode, string RiverName, double FromM, double ToM, double FromDistanceM, double ToDistanceM,
    double LengthM, IReadOnlyList<StretchSegment> Segments, IReadOnlyList<StretchOutlet> Outlets);

/// <summary>GET /api/network/navigate: the stretches reached, the start, and the outlets and chiefs on the way.</summary>
public sealed record NavigationResponse(IReadOnlyList<Feature<StretchProperties>> Features, NavigationMode Mode, double DistanceKm, RiverSnap Start,
    IReadOnlyList<StretchOutlet> Outlets, IReadOnlyList<ResponsibleChief> Chiefs) : FeatureCollection<StretchProperties>(Features);
