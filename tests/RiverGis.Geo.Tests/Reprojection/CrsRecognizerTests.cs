using RiverGis.Geo.Reprojection;

namespace RiverGis.Geo.Tests.Reprojection;

public class CrsRecognizerTests
{
    private const string CgcsGeogEsri =
        """GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";

    private static string EsriZone(string name, double falseEasting, double centralMeridian) =>
        $"""PROJCS["{name}",{CgcsGeogEsri},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",{falseEasting:0.0}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{centralMeridian:0.0}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    // .prj texts as ArcGIS and ogr2ogr (GDAL 3.6) write them; names as in the EPSG registry's ESRI aliases.
    [Theory]
    [InlineData("CGCS2000_3_Degree_GK_Zone_34", 34500000, 102, 4522)]
    [InlineData("CGCS2000_3_Degree_GK_CM_102E", 500000, 102, 4543)]
    [InlineData("CGCS2000_GK_Zone_18", 18500000, 105, 4496)]
    [InlineData("CGCS2000_GK_CM_105E", 500000, 105, 4507)]
    [InlineData("CGCS2000_3_Degree_GK_Zone_39", 39500000, 117, 4527)]
    [InlineData("CGCS2000_3_Degree_GK_CM_75E", 500000, 75, 4534)]
    [InlineData("CGCS2000_GK_CM_75E", 500000, 75, 4502)]
    [InlineData("CGCS2000_3_Degree_GK_Zone_45", 45500000, 135, 4533)]
    public void Esri_prj_of_a_gauss_kruger_zone(string name, double falseEasting, double centralMeridian, int epsg)
    {
        var crs = CrsRecognizer.FromWkt(EsriZone(name, falseEasting, centralMeridian)).Crs;
        Assert.NotNull(crs);
        Assert.Equal(epsg, crs.Epsg);
        Assert.Equal(GeodeticDatum.Cgcs2000, crs.Datum);
        Assert.Equal(new GaussKrugerZone(centralMeridian, falseEasting), crs.Projection);
    }

    [Fact]
    public void Gdal_wkt1_with_authority_and_esri_geographic()
    {
        const string gdal = """PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","4527"]]""";
        Assert.Equal(CgcsEpsg.FromCode(4527), CrsRecognizer.FromWkt(gdal).Crs);
        var geographic = CrsRecognizer.FromWkt(CgcsGeogEsri).Crs!;
        Assert.True(geographic.IsGeographic);
        Assert.Equal(4490, geographic.Epsg);
        const string wgs84 = """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]""";
        Assert.Equal(GeodeticDatum.Wgs84, CrsRecognizer.FromWkt(wgs84).Crs!.Datum);
        const string wkt2 = """PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 102E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101]]],CONVERSION["x",METHOD["Transverse Mercator"]],CS[Cartesian,2],ID["EPSG",4543]]""";
        Assert.Equal(4543, CrsRecognizer.FromWkt(wkt2).Crs!.Epsg);
    }

    [Theory]
    [InlineData("EPSG:4527", 4527)]
    [InlineData("epsg:4490", 4490)]
    [InlineData("4554", 4554)]
    [InlineData(" EPSG:4326 ", 4326)]
    public void Names_a_caller_gives(string text, int epsg) => Assert.Equal(epsg, CrsRecognizer.FromName(text).Crs!.Epsg);

    [Theory]
    [InlineData("EPSG:3857", "not supported")]
    [InlineData("EPSG:4555", "not supported")]
    [InlineData("CGCS2000", "not a CRS")]
    [InlineData("""PROJCS["Beijing_1954_3_Degree_GK_Zone_34",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", "Beijing 1954")]
    [InlineData("""PROJCS["Xian_1980_3_Degree_GK_Zone_34",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", "Xian 1980")]
    [InlineData("""PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]""", "only Gauss-Kruger")]
    [InlineData("PROJCS[garbage", "cannot be read")]
    public void Refuses_what_it_cannot_bring_to_wgs84(string text, string fragment)
    {
        var recognition = CrsRecognizer.FromName(text);
        Assert.Null(recognition.Crs);
        Assert.Contains(fragment, recognition.Problem);
    }

    [Fact]
    public void Every_cgcs2000_zone_code_round_trips_through_its_parameters()
    {
        for (var code = 4491; code <= 4554; code++)
        {
            var crs = CgcsEpsg.FromCode(code)!;
            var threeDegree = code >= 4513;
            Assert.Equal(code, CgcsEpsg.CodeOf(crs.Projection!, threeDegree));
            // The zone prefix is the zone number: 6° zone n has its meridian at 6n − 3, 3° zone n at 3n.
            if (crs.Projection!.ZonePrefix is { } zone)
                Assert.Equal(threeDegree ? 3 * zone : 6 * zone - 3, crs.Projection.CentralMeridian);
        }
        Assert.Null(CgcsEpsg.FromCode(4490)!.Projection);
        Assert.Null(CgcsEpsg.FromCode(4555));
    }
}
