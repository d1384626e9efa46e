using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RiverGis.Api.Accounts;

/// <summary>
/// ASP.NET Core Data Protection's key ring in PostgreSQL (table data_protection_keys) instead of the user's home
/// folder, so every instance on one database shares it: an antiforgery token one instance gave out is accepted by
/// another (several instances behind one address, issue 11). Keys are stored as the framework writes them.
/// </summary>
public sealed class DataProtectionKeys(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY friendly_name");
        using var reader = cmd.ExecuteReader();
        var list = new List<XElement>();
        while (reader.Read()) list.Add(XElement.Parse(reader.GetString(0)));
        return list;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = dataSource.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        cmd.Parameters.AddWithValue(friendlyName);
        cmd.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
