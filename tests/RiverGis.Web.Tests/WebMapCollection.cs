namespace RiverGis.Web.Tests;

/// <summary>
/// Every browser test class shares one service, database and Chromium (one start-up, and no two browsers competing
/// for the two cores); the classes of the collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebMapCollection : ICollectionFixture<WebMapFixture>
{
    public const string Name = "web map";
}
